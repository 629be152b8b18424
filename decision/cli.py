"""Command line: ``decision evidence``, ``decision appraise`` and ``decision sensitivity``.

Exit codes: 0 success; 2 invalid input (a one-paragraph message naming the
file, field, rule and value); 1 an unexpected internal error (a short message
and the path of a saved traceback, never the traceback itself).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from .version import __version__
from . import cli_allocate, cli_people
from .errors import DecisionError

if TYPE_CHECKING:
    from rich.console import Console

    from .appraisal import Appraisal
    from .run import RunResult
    from .sensitivity import SensitivityReport

__all__ = ["main"]

METHOD_LABELS = {"topsis": "TOPSIS", "ahp": "AHP", "vikor": "VIKOR", "promethee_ii": "PROMETHEE II", "wsm": "Weighted sum"}
GROUP_LABELS = {"stls": "STLS", "internal": "Internal", "schools": "Schools"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="decision",
        description="Multi-criteria options appraisal from themed consultation evidence.",
    )
    parser.add_argument("--version", action="version", version=f"decision {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    ev = sub.add_parser("evidence", help="show the themed evidence with its data-quality flags")
    ev.add_argument("--project", default=".", help="project folder (default: current folder)")
    ev.add_argument("--json", action="store_true", help="print one JSON object per section instead of a table")
    ap = sub.add_parser("appraise", help="score and rank the options; write results into the output folder")
    ap.add_argument("--project", default=".", help="project folder (default: current folder)")
    ap.add_argument("--out", default=None, help="output folder (default: PROJECT/outputs/appraisal)")
    _sensitivity_args(ap, scenarios_default="every file in PROJECT/scenarios/")
    se = sub.add_parser("sensitivity", help="switching values, SMAA, method robustness, Sobol indices and scenarios")
    se.add_argument("--project", default=".", help="project folder (default: current folder)")
    se.add_argument("--out", default=None, help="output folder (default: PROJECT/outputs/sensitivity)")
    _sensitivity_args(se, scenarios_default="none")
    ex = sub.add_parser("explain", help="how one score was made, from the evidence to the ranking")
    ex.add_argument("--project", default=".", help="project folder (default: current folder)")
    ex.add_argument("--option", type=int, required=True, help="option number")
    ex.add_argument("--criterion", required=True, help="criterion id")
    ex.add_argument("--weight-set", default=None, help="also show how the cell enters this weight set's TOPSIS ranking")
    ex.add_argument("--json", action="store_true", help="print JSON instead of text")
    ve = sub.add_parser("verify", help="check a run folder: inputs unchanged and every output reproduced byte for byte")
    ve.add_argument("folder", help="output folder of an earlier run (holds manifest.json)")
    cli_allocate.register(sub)
    cli_people.register(sub)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 1 or value > 100_000_000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 100,000,000, found {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or more, found {value}")
    return value


def _sensitivity_args(p: argparse.ArgumentParser, *, scenarios_default: str) -> None:
    p.add_argument("--samples", type=_positive_int, default=10_000, help="Monte Carlo samples per SMAA run (default 10,000)")
    p.add_argument("--seed", type=_seed, default=0, help="master random seed (default 0)")
    p.add_argument("--scenario", action="append", default=None, metavar="FILE",
                   help=f"scenario file to compare with the base case; repeat for more (default: {scenarios_default})")


def _console() -> "Console":
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def _escape(text: object) -> str:
    from rich.markup import escape

    return escape(str(text))


def _cmd_evidence(args: argparse.Namespace) -> int:
    from .evidence.check import check_evidence
    from .project.loader import load_project
    from .output import evidence_document

    project = load_project(args.project)
    check = check_evidence(
        sections=project.sections, questions=project.questions, agreed_points=project.agreed_points,
        options=tuple(project.options), sum_tolerance=project.settings.scoring.sum_tolerance,
        labelling_notes=project.labelling_notes, mapping=project.criteria.mapping,
    )
    doc = evidence_document(check, project.sections, project.themes, project.criteria.mapping)
    if args.json:
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return 0
    con = _console()
    con.print(f"[bold]{_escape(project.settings.name)}[/bold]: themed evidence, {len(doc)} sections")
    for s in doc:
        count = f"{s['comments']} comments" if s["comments"] is not None else (
            f"no count stated (inferred {s['comments_inferred']})" if s["comments_inferred"] is not None else "no count stated")
        fig = f", figure {s['figure']}" if s["figure"] else ""
        con.print()
        con.print(f"[bold]Option {s['option']} / {GROUP_LABELS[s['stakeholder']]} / {s['category']}[/bold]  ({count}{fig})")
        for i in s["items"]:
            pct = f"{i['percent']:>5g}%" if i["percent"] is not None else (f"  n={i['count']}" if i["count"] is not None else "     -")
            coded = " [dim](analyst-coded)[/dim]" if i["coded"] == "analyst" else ""
            target = f" -> {i['criterion']}" if i["criterion"] else " [dim](not scored)[/dim]"
            con.print(f"  {pct}  {_escape(i['theme_label'])}{target}{coded}")
        for f in s["flags"]:
            style = "yellow" if f["severity"] == "warning" else "cyan"
            con.print(f"  [{style}]! {_escape(f['message'])}[/{style}]")
    con.print()
    con.print("[bold]Additional questions[/bold]")
    for q in project.questions:
        fig = f", figure {q.figure}" if q.figure else ""
        con.print(f"  {_escape(q.id)} / {GROUP_LABELS[q.stakeholder]} ({q.comments} comments{fig}): " + "; ".join(
            f"{_escape(project.themes[i.theme].label)} {i.percent:g}%" for i in q.items if i.percent is not None))
        for f in check.for_section(q.key):
            con.print(f"    [yellow]! {_escape(f.message)}[/yellow]")
    for fd in project.findings:
        share = f"{fd.percent:g}%: " if fd.percent is not None else ""
        n = f", {fd.comments} comments" if fd.comments is not None else ""
        con.print(f"  {_escape(fd.id)} / {GROUP_LABELS[fd.stakeholder]} (figure {fd.figure}{n}): {share}{_escape(fd.finding)}")
    if project.funding_factors:
        con.print("  Funding factors as ranked by schools: " + "; ".join(f"{k}. {_escape(x)}" for k, x in enumerate(project.funding_factors, 1)))
    con.print()
    con.print("[bold]Agreed points between schools and STLS[/bold]")
    for a in project.agreed_points:
        parts = [f"{cat}: " + ", ".join(_escape(project.themes[t].label) for t in ids) for cat, ids in a.points.items() if ids]
        con.print(f"  Option {a.option} (figure {a.figure}): " + " | ".join(parts))
    others = [f for f in check.flags if not any(f.where == s.key for s in project.sections) and not any(f.where == q.key for q in project.questions)]
    if others:
        con.print()
        con.print("[bold]Other findings[/bold]")
        for f in others:
            style = "yellow" if f.severity == "warning" else "cyan"
            con.print(f"  [{style}]! {_escape(f.where)}: {_escape(f.message)}[/{style}]")
    n_warn = sum(1 for f in check.flags if f.severity == "warning")
    con.print()
    con.print(f"{n_warn} data-quality warnings, {len(check.flags) - n_warn} notes. Reported numbers are used as printed; nothing is rescaled.")
    return 0


def _summary(appraisal: "Appraisal", out: Path, report: "SensitivityReport | None" = None) -> None:
    from rich.table import Table

    from .appraisal import APPRAISAL_METHODS

    con = _console()
    p = appraisal.project
    t = appraisal.table
    con.print(f"[bold]{_escape(p.settings.name)}[/bold]")
    matrix = Table(title="Performance matrix (0-100, 50 = neutral)", title_justify="left",
                   caption="* cost criterion: a higher score is a heavier burden", caption_justify="left")
    matrix.add_column("Option", no_wrap=True)
    for c in p.criteria.criteria:
        matrix.add_column(c.id + ("*" if c.direction == "cost" else ""), justify="right", no_wrap=True)
    for i, o in enumerate(t.options):
        matrix.add_row(f"{o} {_escape(p.options[o])}", *(f"{x:.1f}" for x in t.values[i]))
    con.print(matrix)
    table = Table(title="Preferred option under each weight set and method", title_justify="left",
                  caption=f"(+x): margin over the runner-up in the method's own units. TOPSIS uses {p.settings.topsis_normalization} normalisation.",
                  caption_justify="left")
    table.add_column("Weight set", no_wrap=True)
    for m in APPRAISAL_METHODS:
        table.add_column(METHOD_LABELS[m], justify="right", no_wrap=True)
    for w in appraisal.weight_sets:
        cells = []
        for m in APPRAISAL_METHODS:
            r = appraisal.ranking(w.name, m)
            who = "/".join(str(o) for o in r.preferred)
            cells.append(f"{who} (+{r.margin:.3f})" if len(r.preferred) == 1 else f"tie {who}")
        label = w.name + (" [dim](assumed)[/dim]" if w.assumed else "")
        table.add_row(label, *cells)
    con.print(table)
    winners = {o for r in appraisal.rankings for o in r.preferred}
    if len(winners) == 1:
        only = next(iter(winners))
        con.print(f"Option {only} ({_escape(p.options[only])}) comes first under every weight set and method.")
    else:
        con.print(f"The first place differs between weight sets or methods: options {sorted(winners)}.")
    if report is not None:
        closes = [s for s in report.switching if s.close_call]
        first = [e.result.first_rank_acceptability for e in report.smaa]
        lowest = min(float(a[list(p.options).index(next(iter(winners)))]) for a in first) if len(winners) == 1 else None
        con.print(f"Sensitivity: {len(closes)} of {len(report.switching)} weight set x method results are close calls"
                  + (f"; the preferred option ranks first in at least {lowest:.1%} of SMAA samples in every run." if lowest is not None else "."))
        changed = sorted({r.scenario for r in report.scenarios if r.changed})
        if report.scenario_specs:
            con.print(f"Scenarios: {len(report.scenario_specs)} run; first place changes under {', '.join(changed) if changed else 'none of them'}."
                      " Run `decision sensitivity` for the tables.")
    n_warn = len(appraisal.warnings)
    con.print(f"{n_warn} warnings (data quality and assumed weights): see results.json and data_quality.csv.")
    con.print(f"Results written to {_escape(out)}")


def _run(args: argparse.Namespace, argv: Sequence[str], *, default_scenarios: bool, default_out: str) -> tuple["Appraisal", "SensitivityReport", Path]:
    from .run import run

    out = Path(args.out) if args.out else Path(args.project) / "outputs" / default_out
    command = "decision " + " ".join(shlex.quote(a) for a in argv)
    scenario_files = args.scenario if args.scenario is not None else (None if default_scenarios else [])
    result = _with_progress(lambda step: run(args.project, out=out, samples=args.samples, seed=args.seed,
                                            scenario_files=scenario_files, command=command, progress=step))
    return result.appraisal, result.report, result.out


def _with_progress(work: "Callable[[Callable[[str], None]], RunResult]") -> "RunResult":
    """A progress bar over the run's stages, on an interactive terminal only."""
    if not sys.stderr.isatty():
        return work(lambda step: None)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .run import STAGES

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Sensitivity analysis", total=len(STAGES))
        seen: list[str] = []

        def step(stage: str) -> None:
            if seen:
                bar.advance(task)
            seen.append(stage)
            bar.update(task, description=f"Sensitivity analysis: {stage}")

        result = work(step)
        bar.update(task, completed=len(STAGES))
        return result


def _cmd_explain(args: argparse.Namespace) -> int:
    from .appraisal import appraise
    from .explain import explain
    from .project.loader import load_project

    appraisal = appraise(load_project(args.project))
    e = explain(appraisal, option=args.option, criterion=args.criterion, weight_set=args.weight_set)
    if args.json:
        sys.stdout.write(json.dumps(e.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return 0
    con = _console()
    name = appraisal.project.options[e.option]
    con.print(f"[bold]Option {e.option} ({_escape(name)}), {_escape(e.criterion_name)}[/bold] ({e.direction} criterion): score {e.score:.2f}")
    con.print("Evidence (comments counted = reported percent x the section's comment count, or the analyst's count):")
    if not e.contributions:
        con.print("  none: every group is neutral on this cell")
    for c in e.contributions:
        pct = f"{c.percent:g}% of {c.comments if c.comments is not None else 'inferred'}" if c.percent is not None else "analyst-coded"
        fig = f", figure {c.figure}" if c.figure else ""
        sign = "for" if c.polarity > 0 else "against"
        con.print(f"  {_escape(c.section)}: {_escape(c.theme)} {pct}{fig} -> {c.comments_counted:.2f} comments {sign}"
                  + (" [dim](nothing-identified statement, spread)[/dim]" if c.status == "none_statement_spread" else ""))
    a = e.prior_strength
    con.print(f"Per group, favourability = (F - A) / (F + A + {2 * a:g}):")
    for g in e.groups:
        con.print(f"  {GROUP_LABELS[g.stakeholder]}: F {g.favourable:.2f}, A {g.adverse:.2f} -> {g.favourability:+.4f}")
    pooled = "mean of the groups (equal voice)" if e.pooling == "equal_voice" else "from pooled counts"
    orient = "50 + 50 x f" if e.direction == "benefit" else "50 - 50 x f (burden)"
    con.print(f"Pooled favourability f = {e.pooled:+.4f} ({pooled}); score = {orient} = {e.score:.2f}")
    if e.weight_set is not None:
        con.print(f"In the {e.weight_set} weights' TOPSIS ranking: weight {e.weight:.4f}; normalised value {e.normalised:.4f}; "
                  f"weighted {e.weighted:.4f} (ideal {e.ideal:.4f}, anti-ideal {e.anti_ideal:.4f}); option closeness "
                  f"{e.closeness:.4f}, rank {e.rank}")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .verify import verify

    result = verify(args.folder)
    con = _console()
    bad = [c for c in result.checks if c.status != "match"]
    for c in result.checks:
        mark = "ok  " if c.status == "match" else "FAIL"
        style = "" if c.status == "match" else "[red]"
        end = "" if c.status == "match" else "[/red]"
        detail = f" ({_escape(c.detail)})" if c.detail else ""
        con.print(f"{style}{mark} {c.kind:6} {_escape(c.name)}: {c.status}{detail}{end}")
    if not result.rerun:
        con.print("Inputs differ from the manifest, so the run was not repeated.")
    if bad:
        con.print(f"[red]{len(bad)} of {len(result.checks)} files do not match.[/red]")
        return 1
    con.print(f"All {len(result.checks)} files match: inputs unchanged and every output reproduced byte for byte.")
    return 0


def _cmd_appraise(args: argparse.Namespace, argv: Sequence[str]) -> int:
    appraisal, report, out = _run(args, argv, default_scenarios=True, default_out="appraisal")
    _summary(appraisal, out, report)
    return 0


def _cmd_sensitivity(args: argparse.Namespace, argv: Sequence[str]) -> int:
    appraisal, report, out = _run(args, argv, default_scenarios=False, default_out="sensitivity")
    _sensitivity_summary(appraisal, report)
    _console().print(f"Results written to {_escape(out)}")
    return 0


def _sensitivity_summary(appraisal: "Appraisal", report: "SensitivityReport") -> None:
    from rich.table import Table

    con = _console()
    t = appraisal.table
    sets = [w.name for w in appraisal.weight_sets]
    sw = Table(title="Weight switching values (TOPSIS): current weight; where first place changes, and to which option",
               title_justify="left", caption="none = the preferred option stays first for every weight in [0, 1]", caption_justify="left")
    sw.add_column("Criterion", no_wrap=True)
    for ws in sets:
        sw.add_column(ws, no_wrap=True)
    summaries = [report.switching_for(ws, "topsis") for ws in sets]
    for j, c in enumerate(t.criteria):
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
    con.print(sw)
    for s in summaries:
        verdict = "[yellow]close call[/yellow]" if s.close_call else "clear"
        con.print(f"  {s.weight_set}: option {'/'.join(map(str, s.preferred))} leads by {s.relative_margin:.0%} of its score: {verdict}")
    acc = Table(title=f"SMAA-2 first-rank acceptability (TOPSIS, {report.samples:,} samples per run, seed {report.seed})", title_justify="left")
    acc.add_column("Run", no_wrap=True)
    for o in t.options:
        acc.add_column(f"Option {o}", justify="right")
    for e in report.smaa:
        acc.add_row(_escape(e.label), *(f"{x:.1%}" for x in e.result.first_rank_acceptability))
    con.print(acc)
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
    con.print(rob)
    sob = Table(title="Sobol total-effect indices of the preferred option's margin (weights +/-50%)", title_justify="left")
    sob.add_column("Criterion", no_wrap=True)
    for ws, _ in report.sobol:
        sob.add_column(ws, justify="right")
    for j, c in enumerate(t.criteria):
        sob.add_row(c, *(f"{s.total[j]:.2f}" for _, s in report.sobol))
    con.print(sob)
    if report.scenario_specs:
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
            sc.add_row(_escape(name), *cells, f"{changed} of {len(outcomes)}")
        con.print(sc)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``decision`` command; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if (code := cli_allocate.dispatch(args)) is not None:
            return code
        if (code := cli_people.dispatch(args)) is not None:
            return code
        if args.command == "evidence":
            return _cmd_evidence(args)
        if args.command == "sensitivity":
            return _cmd_sensitivity(args, args_list)
        if args.command == "verify":
            return _cmd_verify(args)
        if args.command == "explain":
            return _cmd_explain(args)
        return _cmd_appraise(args, args_list)
    except DecisionError as exc:
        sys.stderr.write(f"decision: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("decision: interrupted\n")
        return 130
    except Exception as exc:  # an internal fault: keep the traceback out of the user's way
        fd, path = tempfile.mkstemp(prefix="decision-traceback-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
        sys.stderr.write(f"decision: internal error ({type(exc).__name__}: {exc}); the traceback is saved in {path}\n")
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
