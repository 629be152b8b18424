"""``decision appraise`` and ``decision sensitivity``: run the appraisal and print its summary tables."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .terminal import console, escape, print_table, with_progress

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..appraisal import Appraisal
    from ..sensitivity import SensitivityReport, SwitchingSummary

__all__ = ["run_appraise", "run_sensitivity"]


def run_appraise(args: argparse.Namespace) -> int:
    """Appraise with every scenario file by default; write PROJECT/outputs/appraisal unless told otherwise."""
    appraisal, report, out = _run(args, default_scenarios=True, default_out="appraisal")
    _summary(appraisal, out, report)
    return 0


def run_sensitivity(args: argparse.Namespace) -> int:
    """Appraise with only the scenarios asked for and print the sensitivity tables."""
    appraisal, report, out = _run(args, default_scenarios=False, default_out="sensitivity")
    _sensitivity_summary(appraisal, report)
    console().print(f"Results written to {escape(out)}")
    return 0


def _run(args: argparse.Namespace, *, default_scenarios: bool,
         default_out: str) -> tuple["Appraisal", "SensitivityReport", Path]:
    from ..run import run

    out = Path(args.out) if args.out else Path(args.project) / "outputs" / default_out
    scenario_files = args.scenario if args.scenario is not None else (None if default_scenarios else [])
    # The outputs record the command rebuilt from the run's parameters, not
    # what was typed: typed paths would tie them to this machine's folders.
    result = with_progress(lambda step: run(args.project, out=out, samples=args.samples, seed=args.seed,
                                           scenario_files=scenario_files, verb=args.command, progress=step))
    return result.appraisal, result.report, result.out


def _summary(appraisal: "Appraisal", out: Path, report: "SensitivityReport | None" = None) -> None:
    con = console()
    p = appraisal.project
    con.print(f"[bold]{escape(p.settings.name)}[/bold]")
    print_table(con, _matrix_table(appraisal))
    print_table(con, _preferred_table(appraisal))
    winners = {o for r in appraisal.rankings for o in r.preferred}
    if len(winners) == 1:
        only = next(iter(winners))
        con.print(f"Option {only} ({escape(p.options[only])}) comes first under every weight set and method.")
    else:
        con.print(f"The first place differs between weight sets or methods: options {sorted(winners)}.")
    if report is not None:
        _sensitivity_lines(con, appraisal, report, winners)
    n_warn = len(appraisal.warnings)
    con.print(f"{n_warn} warnings (data quality and assumed weights): see results.json and data_quality.csv.")
    con.print(f"Results written to {escape(out)}")


def _matrix_table(appraisal: "Appraisal") -> "Table":
    from rich.table import Table

    p = appraisal.project
    t = appraisal.table
    matrix = Table(title="Performance matrix (0-100, 50 = neutral)", title_justify="left",
                   caption="* cost criterion: a higher score is a heavier burden", caption_justify="left")
    matrix.add_column("Option", no_wrap=True)
    for c in p.criteria.criteria:
        matrix.add_column(c.id + ("*" if c.direction == "cost" else ""), justify="right", no_wrap=True)
    for i, o in enumerate(t.options):
        matrix.add_row(f"{o} {escape(p.options[o])}", *(f"{x:.1f}" for x in t.values[i]))
    return matrix


def _preferred_table(appraisal: "Appraisal") -> "Table":
    from rich.table import Table

    from ..appraisal import APPRAISAL_METHODS
    from ..methods import get_method

    p = appraisal.project
    table = Table(title="Preferred option under each weight set and method", title_justify="left",
                  caption=f"(+x): margin over the runner-up in the method's own units. TOPSIS uses {p.settings.topsis_normalization} normalisation.",
                  caption_justify="left")
    table.add_column("Weight set", no_wrap=True)
    for m in APPRAISAL_METHODS:
        table.add_column(get_method(m).short_label, justify="right", no_wrap=True)
    for w in appraisal.weight_sets:
        cells = []
        for m in APPRAISAL_METHODS:
            r = appraisal.ranking(w.name, m)
            who = "/".join(str(o) for o in r.preferred)
            cells.append(f"{who} (+{r.margin:.3f})" if len(r.preferred) == 1 else f"tie {who}")
        label = w.name + (" [dim](assumed)[/dim]" if w.assumed else "")
        table.add_row(label, *cells)
    return table


def _sensitivity_lines(con: "Console", appraisal: "Appraisal", report: "SensitivityReport", winners: set[int]) -> None:
    """Close calls, the lowest SMAA first-rank share and the scenarios, in two lines."""
    p = appraisal.project
    closes = [s for s in report.switching if s.close_call]
    first = [e.result.first_rank_acceptability for e in report.smaa]
    lowest = min(float(a[list(p.options).index(next(iter(winners)))]) for a in first) if len(winners) == 1 else None
    con.print(f"Sensitivity: {len(closes)} of {len(report.switching)} weight set x method results are close calls"
              + (f"; the preferred option ranks first in at least {lowest:.1%} of SMAA samples in every run." if lowest is not None else "."))
    changed = sorted({r.scenario for r in report.scenarios if r.changed})
    if report.scenario_specs:
        con.print(f"Scenarios: {len(report.scenario_specs)} run; first place changes under {', '.join(changed) if changed else 'none of them'}."
                  " Run `decision sensitivity` for the tables.")


def _sensitivity_summary(appraisal: "Appraisal", report: "SensitivityReport") -> None:
    con = console()
    sets = [w.name for w in appraisal.weight_sets]
    summaries = [report.switching_for(ws, "topsis") for ws in sets]
    print_table(con, _switching_table(appraisal, summaries, sets))
    for s in summaries:
        verdict = "[yellow]close call[/yellow]" if s.close_call else "clear"
        con.print(f"  {s.weight_set}: option {'/'.join(map(str, s.preferred))} leads by {s.relative_margin:.0%} of its score: {verdict}")
    print_table(con, _acceptability_table(appraisal, report))
    print_table(con, _robustness_table(report))
    print_table(con, _sobol_table(appraisal, report))
    if report.scenario_specs:
        print_table(con, _scenario_table(report, sets))


def _switching_table(appraisal: "Appraisal", summaries: "list[SwitchingSummary]", sets: list[str]) -> "Table":
    from rich.table import Table

    sw = Table(title="Weight switching values (TOPSIS): current weight; where first place changes, and to which option",
               title_justify="left", caption="none = the preferred option stays first for every weight in [0, 1]", caption_justify="left")
    sw.add_column("Criterion", no_wrap=True)
    for ws in sets:
        sw.add_column(ws, no_wrap=True)
    for j, c in enumerate(appraisal.table.criteria):
        cells = []
        for s in summaries:
            r = s.rows[j]
            parts = []
            if r.lower is not None:
                parts.append(f"down at {r.lower:.3f} ({r.lower_option})")
            if r.upper is not None:
                parts.append(f"up at {r.upper:.3f} ({r.upper_option})")
            cells.append(f"{r.weight:.3f}; " + (", ".join(parts) if parts else "none"))
        sw.add_row(c, *cells)
    return sw


def _acceptability_table(appraisal: "Appraisal", report: "SensitivityReport") -> "Table":
    from rich.table import Table

    acc = Table(title=f"SMAA-2 first-rank acceptability (TOPSIS, {report.samples:,} samples per run, seed {report.seed})", title_justify="left")
    acc.add_column("Run", no_wrap=True)
    for o in appraisal.table.options:
        acc.add_column(f"Option {o}", justify="right")
    for e in report.smaa:
        acc.add_row(escape(e.label), *(f"{x:.1%}" for x in e.result.first_rank_acceptability))
    return acc


def _robustness_table(report: "SensitivityReport") -> "Table":
    from rich.table import Table

    rob = Table(title="Method robustness and rank reversal", title_justify="left")
    rob.add_column("Weight set", no_wrap=True)
    rob.add_column("First place by method")
    rob.add_column("Lowest Kendall tau / WS", justify="right")
    rob.add_column("Rank reversal when an option is dropped")
    for rb in report.robustness:
        winners = {m.preferred for m in rb.methods}
        firsts = (f"all {len(rb.methods)} methods: {'/'.join(map(str, next(iter(winners))))}" if len(winners) == 1
                  else ", ".join(f"{m.variant}: {'/'.join(map(str, m.preferred))}" for m in rb.methods))
        rev = "; ".join(f"drop {v.dropped}: " + ", ".join(f"{a} above {b} no longer" for a, b in v.reversed_pairs) for v in rb.reversal if v.reversal) or "none"
        rob.add_row(rb.weight_set, firsts, f"{min(m.kendall_tau for m in rb.methods):.2f} / {min(m.ws for m in rb.methods):.2f}", rev)
    return rob


def _sobol_table(appraisal: "Appraisal", report: "SensitivityReport") -> "Table":
    from rich.table import Table

    sob = Table(title="Sobol total-effect indices of the preferred option's margin (weights +/-50%)", title_justify="left")
    sob.add_column("Criterion", no_wrap=True)
    for ws, _ in report.sobol:
        sob.add_column(ws, justify="right")
    for j, c in enumerate(appraisal.table.criteria):
        sob.add_row(c, *(f"{s.total[j]:.2f}" for _, s in report.sobol))
    return sob


def _scenario_table(report: "SensitivityReport", sets: list[str]) -> "Table":
    from rich.table import Table

    sc = Table(title="Scenarios: preferred option under TOPSIS (margin as share of the winner's score); * = first place changed",
               title_justify="left")
    sc.add_column("Scenario", no_wrap=True)
    for ws in sets:
        sc.add_column(ws, justify="right", no_wrap=True)
    sc.add_column("Methods with a change", justify="right")
    for name in ["base", *[s.name for s in report.scenario_specs]]:
        outcomes = [x for x in report.scenarios if x.scenario == name]
        cells = []
        for ws in sets:
            res = next(x for x in outcomes if x.weight_set == ws and x.method == "topsis")
            cells.append(f"{'/'.join(map(str, res.preferred))} ({res.relative_margin:.0%}){' *' if res.changed else ''}")
        changed = sum(1 for x in outcomes if x.changed)
        sc.add_row(escape(name), *cells, f"{changed} of {len(outcomes)}")
    return sc
