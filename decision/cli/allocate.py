"""Command line: ``decision allocate``.

``decision allocate --table FILE.csv [--budget AMOUNT] [--rule
roc|rank_sum|reciprocal|ahp] [--project DIR] [--out DIR]`` weights the
project's ranked factors and shares a budget between the project's units
(both declared in ``criteria/allocation.yaml``) by the figures in
``FILE.csv`` (see :mod:`decision.allocation` and ``docs/ALLOCATION.md``).
``--districts`` is another name for ``--table``.

The command line's parser calls :func:`register`, and its entry point calls
:func:`dispatch` for ``allocate``; :func:`dispatch` returns the exit code for
``allocate`` and None for any other command. Input problems raise
:class:`decision.errors.InputError`, which the main command line turns into
exit code 2. At load time this module imports only :mod:`argparse` and the
light :mod:`.terminal`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .terminal import console, print_table

if TYPE_CHECKING:
    from ..allocation import Allocation

__all__ = ["register", "dispatch", "COMMAND", "RULE_CHOICES"]

COMMAND = "allocate"
#: Kept here (not imported) so building the parser stays cheap; checked
#: against :data:`decision.allocate.RULES` by the tests.
RULE_CHOICES = ("roc", "rank_sum", "reciprocal", "ahp")


def register(subparsers: "argparse._SubParsersAction[Any]") -> argparse.ArgumentParser:
    """Add the ``allocate`` sub-command to the main parser's sub-parsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        COMMAND,
        help="share a budget between the project's units by its ranked factors",
        description="Turn the project's ranking of its factors into factor weights, and a table of each unit's "
                    "figures into each unit's share and amount (units and factors: criteria/allocation.yaml).",
    )
    p.add_argument("--table", "--districts", dest="table", required=True, metavar="FILE.csv",
                   help="each unit's figures: the unit column and one column per factor, one row per unit")
    p.add_argument("--budget", default=None, metavar="AMOUNT",
                   help="budget in pounds, at most two decimals (e.g. 1000000 or 1,000,000.00); omit for shares only")
    p.add_argument("--rule", default="roc", choices=RULE_CHOICES,
                   help="headline weighting rule (default roc, rank-order centroid); all four are always computed")
    p.add_argument("--project", default=".", help="project folder (default: current folder)")
    p.add_argument("--out", default=None, help="output folder (default: PROJECT/outputs/allocation)")
    return p


def dispatch(args: argparse.Namespace) -> int | None:
    """Run ``allocate`` if it is the chosen command; None otherwise."""
    if getattr(args, "command", None) != COMMAND:
        return None
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Compute the allocation, write the output folder and print a summary."""
    from ..allocation import parse_budget, run_allocation

    budget = parse_budget(args.budget) if args.budget is not None else None
    out = Path(args.out) if args.out else Path(args.project) / "outputs" / "allocation"
    result = run_allocation(args.project, table=args.table, rule=args.rule, budget_pence=budget, out=out).allocation
    _print_summary(result, out)
    return 0


def _print_summary(a: "Allocation", out: Path) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ..allocation import RULE_LABELS, RULES, format_pence

    con = console()
    weights = Table(title="Factor weights from the ranking (" + escape(_source(a)) + ")", title_justify="left")
    weights.add_column("Rank", justify="right")
    weights.add_column("Factor (column)")
    for r in RULES:
        weights.add_column(_SHORT[r] + (" *" if r == a.rule else ""), justify="right")
    for k, f in enumerate(a.factors):
        weights.add_row(str(f.rank), f"{escape(f.name)} [dim]({f.column})[/dim]",
                        *(f"{float(a.weights[r].weights[k]):.4f}" for r in RULES))
    print_table(con, weights, keep=2)
    ahp = a.ahp
    con.print(f"AHP from ranking: consistency ratio {ahp.cr:.3f} (lambda_max {ahp.lambda_max:.3f}); "
              f"{'acceptable' if ahp.cr <= 0.10 else 'above 0.10'}.")
    unit, units = a.table.unit.replace("_", " "), a.table.unit_plural
    shares = Table(title=f"{unit.capitalize()} shares under each weighting rule (* headline)", title_justify="left",
                   caption=f"share = sum over factors of weight x ({unit} figure / all {units}' total). ROC: rank-order "
                           "centroid; Reciprocal: rank reciprocal; AHP: AHP from the ranking. Range: highest minus lowest "
                           "share, in percentage points.",
                   caption_justify="left")
    shares.add_column(unit.capitalize(), no_wrap=True)
    for r in RULES:
        shares.add_column(_SHORT[r] + (" *" if r == a.rule else ""), justify="right")
    shares.add_column("Range", justify="right")
    if a.amounts_pence is not None:
        shares.add_column("Amount (£)", justify="right")
    for i, d in enumerate(a.table.units):
        row = [escape(d), *(f"{float(a.shares[r][i]):.2%}" for r in RULES)]
        col = [float(a.shares[r][i]) for r in RULES]
        row.append(f"{(max(col) - min(col)) * 100:.2f}")
        if a.amounts_pence is not None:
            row.append(_thousands(format_pence(a.amounts_pence[i])))
        shares.add_row(*row)
    if a.amounts_pence is not None and a.budget_pence is not None:
        shares.add_row("[bold]Total[/bold]", *([""] * (len(RULES) + 1)), f"[bold]{_thousands(format_pence(a.budget_pence))}[/bold]")
    print_table(con, shares)
    con.print(f"Headline rule: {RULE_LABELS[a.rule]}. Input {escape(Path(a.table.file).name)} (SHA-256 {a.table.sha256[:12]}).")
    con.print(f"Results written to {escape(str(out))}")


def _source(a: "Allocation") -> str:
    """Where the ranking came from, in words: file, key and reference."""
    s = a.source
    parts = [s.get("file", ""), s.get("key", "")] + ([f"question {s['question']}"] if "question" in s else [])
    return ", ".join(p for p in parts if p)


_SHORT = {"roc": "ROC", "rank_sum": "Rank sum", "reciprocal": "Reciprocal", "ahp": "AHP"}


def _thousands(amount: str) -> str:
    """``"1234567.89"`` -> ``"1,234,567.89"`` without going through a float."""
    pounds, _, pence = amount.partition(".")
    return f"{int(pounds):,}.{pence}"
