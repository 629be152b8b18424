"""``decision evidence``: the themed evidence with its data-quality flags, as a table or JSON;
with ``--against PATH``, the transcription checked against its source document."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from .terminal import console, escape

if TYPE_CHECKING:
    from rich.console import Console

    from ..evidence.against import Place, SourceCheck
    from ..evidence.check import EvidenceCheck
    from ..model import Project

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Check the project's evidence and print it section by section (or one JSON document)."""
    from ..evidence.check import check_evidence
    from ..output import evidence_document
    from ..project.loader import load_project

    project = load_project(args.project)
    if args.against is not None:
        return _run_against(args, project)
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


#: Largest source document read (its plain text; a long report is well under this).
MAX_SOURCE_BYTES = 20_000_000


def _run_against(args: argparse.Namespace, project: "Project") -> int:
    """``--against PATH``: exit 0 when every transcribed number is printed where
    the transcription says, 1 when any is not (a digest that differs is
    reported but does not fail the check on its own)."""
    from pathlib import Path

    from ..errors import InputError
    from ..evidence.against import check_against
    from ..output.tables import against_document
    from ..project.audit import sha256_bytes
    from ..textfile import decode_utf8, read_bytes

    path = Path(args.against)
    try:
        raw = read_bytes(path, display=args.against, max_bytes=MAX_SOURCE_BYTES,
                         missing="the source document does not exist or is not a file")
    except OSError as exc:
        raise InputError(f"cannot read the source document ({exc.strerror or exc})", file=args.against) from None
    text = decode_utf8(raw, display=args.against, allow_bom=True)
    check = check_against(text, digest=sha256_bytes(raw), source=project.source, sections=project.sections,
                          groups=project.groups, questions=project.questions, findings=project.findings,
                          attendance=project.context.attendance)
    if args.json:
        sys.stdout.write(json.dumps(against_document(check), indent=2, ensure_ascii=False) + "\n")
    else:
        _print_against(console(), check, project, path.name)
    return 0 if check.ok else 1


def _where(place: "Place", project: "Project") -> str:
    fig = f"figure {place.figure}" if place.figure is not None else "no figure"
    if not place.group:
        return f"{escape(place.heading.capitalize())} ({fig})"
    group = escape(project.group_label(place.group))
    kind = f"Option {place.option}" if place.option is not None else (
        "Question" if place.key.startswith("question") else "Finding")
    head = f"{kind} / {group} / {escape(place.heading)}" if place.option is not None else f"{kind} {escape(place.heading)} / {group}"
    return f"{head} ({fig})"


def _print_against(con: "Console", check: "SourceCheck", project: "Project", name: str) -> None:
    src = check.declared
    if src is None:
        con.print(f"[yellow]The project declares no source document (evidence.yaml, source); checking {escape(name)} as given.[/yellow]")
    else:
        con.print(f"Declared source: {escape(src.title)} ({escape(src.file)})")
        con.print(f"  declared SHA-256 {src.sha256}")
    status = {"match": "matches the declared one", "undeclared": "nothing declared to compare with",
              "differs": "[red]DIFFERS: this is not the file the project declares[/red]"}[check.digest_status]
    con.print(f"Checked: {escape(name)}")
    con.print(f"  its SHA-256      {check.digest} ({status})")
    for c in check.places:
        bad = [m for m in check.mismatches if m.place == c.place]
        lines = f"lines {c.first_line}-{c.last_line}" if c.located else "not found"
        mark = "ok  " if not bad else "[red]FAIL[/red]"
        con.print(f"{mark} {_where(c.place, project)}, {lines}: {c.percents} percentages, {c.counts} comment counts")
        for m in bad:
            con.print(f"       [red]{escape(m.message)}[/red] (expected {m.expected or '-'}, found {m.found or '-'})")
    n_bad = len({m.place for m in check.mismatches})
    con.print(f"{len(check.places)} blocks ({check.located} found in the source), {check.percents} percentages and "
              f"{check.counts} comment counts compared.")
    if check.mismatches:
        con.print(f"[red]{len(check.mismatches)} mismatches in {n_bad} blocks.[/red]")
    else:
        con.print("All match: every transcribed figure is printed where it is placed, and none printed there is left out.")
