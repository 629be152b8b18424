"""``decision evidence``: the themed evidence with its data-quality flags, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from .terminal import console, escape

if TYPE_CHECKING:
    from rich.console import Console

    from ..evidence.check import EvidenceCheck
    from ..model import Project

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Check the project's evidence and print it section by section (or one JSON document)."""
    from ..evidence.check import check_evidence
    from ..output import evidence_document
    from ..project.loader import load_project

    project = load_project(args.project)
    check = check_evidence(
        sections=project.sections, questions=project.questions, agreed_points=project.agreed_points,
        options=tuple(project.options), sum_tolerance=project.settings.scoring.sum_tolerance,
        labelling_notes=project.labelling_notes, mapping=project.criteria.mapping, groups=project.group_ids,
    )
    doc = evidence_document(check, project.sections, project.themes, project.criteria.mapping)
    if args.json:
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return 0
    con = console()
    con.print(f"[bold]{escape(project.settings.name)}[/bold]: themed evidence, {len(doc)} sections")
    _print_sections(con, doc, project)
    _print_questions(con, project, check)
    _print_agreed(con, project)
    _print_others(con, project, check)
    n_warn = sum(1 for f in check.flags if f.severity == "warning")
    con.print()
    con.print(f"{n_warn} data-quality warnings, {len(check.flags) - n_warn} notes. Reported numbers are used as printed; nothing is rescaled.")
    return 0


def _print_sections(con: "Console", doc: list[dict[str, Any]], project: "Project") -> None:
    for s in doc:
        count = f"{s['comments']} comments" if s["comments"] is not None else (
            f"no count stated (inferred {s['comments_inferred']})" if s["comments_inferred"] is not None else "no count stated")
        fig = f", figure {s['figure']}" if s["figure"] else ""
        con.print()
        con.print(f"[bold]Option {s['option']} / {escape(project.group_label(s['stakeholder']))} / {s['category']}[/bold]  ({count}{fig})")
        for i in s["items"]:
            pct = f"{i['percent']:>5g}%" if i["percent"] is not None else (f"  n={i['count']}" if i["count"] is not None else "     -")
            coded = " [dim](analyst-coded)[/dim]" if i["coded"] == "analyst" else ""
            target = f" -> {i['criterion']}" if i["criterion"] else " [dim](not scored)[/dim]"
            con.print(f"  {pct}  {escape(i['theme_label'])}{target}{coded}")
        for f in s["flags"]:
            style = "yellow" if f["severity"] == "warning" else "cyan"
            con.print(f"  [{style}]! {escape(f['message'])}[/{style}]")


def _print_questions(con: "Console", project: "Project", check: "EvidenceCheck") -> None:
    """The additional questions, findings and funding factors."""
    con.print()
    con.print("[bold]Additional questions[/bold]")
    for q in project.questions:
        fig = f", figure {q.figure}" if q.figure else ""
        con.print(f"  {escape(q.id)} / {escape(project.group_label(q.stakeholder))} ({q.comments} comments{fig}): " + "; ".join(
            f"{escape(project.themes[i.theme].label)} {i.percent:g}%" for i in q.items if i.percent is not None))
        for f in check.for_section(q.key):
            con.print(f"    [yellow]! {escape(f.message)}[/yellow]")
    for fd in project.findings:
        share = f"{fd.percent:g}%: " if fd.percent is not None else ""
        n = f", {fd.comments} comments" if fd.comments is not None else ""
        con.print(f"  {escape(fd.id)} / {escape(project.group_label(fd.stakeholder))} (figure {fd.figure}{n}): {share}{escape(fd.finding)}")
    if project.funding_factors:
        con.print("  Funding factors, in ranked order: " + "; ".join(f"{k}. {escape(x)}" for k, x in enumerate(project.funding_factors, 1)))


def _print_agreed(con: "Console", project: "Project") -> None:
    con.print()
    named = list(dict.fromkeys(g for a in project.agreed_points for g in a.groups))
    con.print("[bold]Agreed points" + (" between " + " and ".join(escape(project.group_label(g)) for g in named) if named else "")
              + "[/bold]")
    for a in project.agreed_points:
        parts = [f"{cat}: " + ", ".join(escape(project.themes[t].label) for t in ids) for cat, ids in a.points.items() if ids]
        con.print(f"  Option {a.option} (figure {a.figure}): " + " | ".join(parts))


def _print_others(con: "Console", project: "Project", check: "EvidenceCheck") -> None:
    """Flags that belong to no section and no question."""
    others = [f for f in check.flags if not any(f.where == s.key for s in project.sections) and not any(f.where == q.key for q in project.questions)]
    if others:
        con.print()
        con.print("[bold]Other findings[/bold]")
        for f in others:
            style = "yellow" if f.severity == "warning" else "cyan"
            con.print(f"  [{style}]! {escape(f.where)}: {escape(f.message)}[/{style}]")
