"""``decision explain``: how one score was made, from the evidence to the ranking."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Callable

from .terminal import console, escape

if TYPE_CHECKING:
    from ..explain import CellExplanation

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Appraise the project and print the explanation of one cell, as text or JSON."""
    from ..appraisal import appraise
    from ..explain import explain
    from ..project.loader import load_project

    appraisal = appraise(load_project(args.project))
    e = explain(appraisal, option=args.option, criterion=args.criterion, weight_set=args.weight_set)
    if args.json:
        sys.stdout.write(json.dumps(e.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return 0
    _print(e, appraisal.project.options[e.option], appraisal.project.group_label)
    return 0


def _print(e: "CellExplanation", name: str, label: Callable[[str], str]) -> None:
    con = console()
    con.print(f"[bold]Option {e.option} ({escape(name)}), {escape(e.criterion_name)}[/bold] ({e.direction} criterion): score {e.score:.2f}")
    con.print("Evidence (comments counted = reported percent x the section's comment count, or the analyst's count):")
    if not e.contributions:
        con.print("  none: every group is neutral on this cell")
    for c in e.contributions:
        pct = f"{c.percent:g}% of {c.comments if c.comments is not None else 'inferred'}" if c.percent is not None else "analyst-coded"
        fig = f", figure {c.figure}" if c.figure else ""
        sign = "for" if c.polarity > 0 else "against"
        con.print(f"  {escape(c.section)}: {escape(c.theme)} {pct}{fig} -> {c.comments_counted:.2f} comments {sign}"
                  + (" [dim](nothing-identified statement, spread)[/dim]" if c.status == "none_statement_spread" else ""))
    a = e.prior_strength
    con.print(f"Per group, favourability = (F - A) / (F + A + {2 * a:g}):")
    for g in e.groups:
        con.print(f"  {escape(label(g.stakeholder))}: F {g.favourable:.2f}, A {g.adverse:.2f} -> {g.favourability:+.4f}")
    pooled = "mean of the groups (equal voice)" if e.pooling == "equal_voice" else "from pooled counts"
    orient = "50 + 50 x f" if e.direction == "benefit" else "50 - 50 x f (burden)"
    con.print(f"Pooled favourability f = {e.pooled:+.4f} ({pooled}); score = {orient} = {e.score:.2f}")
    if e.weight_set is not None:
        con.print(f"In the {e.weight_set} weights' TOPSIS ranking: weight {e.weight:.4f}; normalised value {e.normalised:.4f}; "
                  f"weighted {e.weighted:.4f} (ideal {e.ideal:.4f}, anti-ideal {e.anti_ideal:.4f}); option closeness "
                  f"{e.closeness:.4f}, rank {e.rank}")
