"""Appendices A to D of the report: the evidence, contributions, weights and audit record."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...model import CATEGORIES
from ...version import __version__
from ...weights import RANDOM_INDEX, RANDOM_INDEX_NAMES
from .. import facts as F
from ..pdf import MONO, Builder, esc
from .common import Ctx, num

if TYPE_CHECKING:
    from ...project.audit import InputDigest

__all__ = ["add_appendix_evidence", "add_appendix_contributions", "add_appendix_weights", "add_appendix_audit"]


def add_appendix_evidence(b: Builder, x: Ctx) -> None:
    a, p = x.a, x.p
    check = a.check
    b.heading("Appendix A Evidence as recorded", 0, page_break=True)
    b.para("Every section of the consultation evidence, item by item in report order, with the comment count "
           "stated in the report and the count used for scoring (inferred where none is stated), the report figure, "
           "the theme, its share (or the analyst's count), and the criterion it feeds.")
    rows: list[list[Any]] = []
    starts = []
    for s in p.sections:
        used = check.effective_comments.get(s.key)
        inferred = s.key in check.inferred
        for k, item in enumerate(s.items):
            share = (f"{item.percent:g}%" if item.percent is not None else
                     f"n = {item.count}" if item.count is not None else "-")
            crit = a.mapping.get(item.theme)
            note = "; ".join(z for z in (("analyst-coded" if item.coded == "analyst" else ""), item.note or "") if z)
            if k == 0:
                starts.append(len(rows))
            rows.append([
                f"{s.option} / {x.groups.get(s.stakeholder, s.stakeholder)} / {s.category}" if k == 0 else "",
                ("-" if s.comments is None else str(s.comments)) if k == 0 else "",
                (("-" if used is None else str(used)) + (" (inferred)" if inferred else "")) if k == 0 else "",
                ("-" if s.figure is None else str(s.figure)) if k == 0 else "",
                F.theme_label(p, item.theme), share, x.crit.get(crit, "not scored") if crit else "not scored", note])
    b.table(["Option / group / category", "Count", "Used", "Fig.", "Theme", "Share", "Criterion", "Note"], rows,
            [0.13, 0.065, 0.085, 0.045, 0.27, 0.065, 0.175, 0.165], numeric=(1, 2, 3, 5),
            caption="The themed evidence, section by section", zebra=False, rule_before=starts,
            note="Count: the comment count the report states for the section; Used: the count used for scoring.")


def add_appendix_contributions(b: Builder, x: Ctx) -> None:
    t, p = x.t, x.p
    b.heading("Appendix B Evidence behind each criterion", 0, page_break=True)
    b.para("Every evidence item's contribution to the performance matrix, criterion by criterion: the option, the "
           "group and category, the theme, the share printed in the report and the section's stated count, the "
           "comments counted, and the direction (+ for the option, \u2212 against). These are the numbers Section "
           "4.2 adds up.")
    for k, c in enumerate(t.criteria):
        cs = sorted((q for q in t.contributions if q.criterion == c),
                    key=lambda q: (q.option, t.groups.index(q.stakeholder), CATEGORIES.index(q.category)))
        b.heading(f"B.{k + 1} {x.C(c)}", 1, contents=False)
        if not cs:
            b.para("No evidence item feeds this criterion.")
            continue
        b.table(["Option", "Group", "Category", "Theme", "Share", "Stated", "Counted", "Dir.", "Fig."],
                [[str(q.option), x.groups.get(q.stakeholder, q.stakeholder), q.category, F.theme_label(p, q.theme),
                  "-" if q.percent is None else f"{q.percent:g}%", "-" if q.comments is None else str(q.comments),
                  num(q.comments_counted, 2), "+" if q.polarity > 0 else "\u2212",
                  "-" if q.figure is None else str(q.figure)] for q in cs],
                [0.075, 0.14, 0.14, 0.295, 0.07, 0.07, 0.085, 0.05, 0.075], numeric=(0, 4, 5, 6, 8))
    rest = [q for q in t.contributions if q.criterion is None]
    if rest:
        b.heading(f"B.{len(t.criteria) + 1} Items not scored", 1, contents=False)
        b.table(["Option", "Group", "Category", "Theme", "Share", "Counted", "Status", "Fig."],
                [[str(q.option), x.groups.get(q.stakeholder, q.stakeholder), q.category, F.theme_label(p, q.theme),
                  "-" if q.percent is None else f"{q.percent:g}%", num(q.comments_counted, 2), q.status.replace("_", " "),
                  "-" if q.figure is None else str(q.figure)] for q in rest],
                [0.075, 0.14, 0.14, 0.26, 0.07, 0.085, 0.16, 0.07], numeric=(0, 4, 5, 7))


def _ratio(v: float) -> str:
    if v >= 1:
        return f"{v:g}" if abs(v - round(v)) < 1e-9 else f"{v:.3f}"
    inv = 1 / v
    return f"1/{round(inv)}" if abs(inv - round(inv)) < 1e-6 else f"{v:.3f}"


def add_appendix_weights(b: Builder, x: Ctx) -> None:
    a, p = x.a, x.p
    b.heading("Appendix C Weights", 0, page_break=True)
    b.heading("C.1 Every weight", 1)
    crit_ids = list(x.t.criteria)
    b.table(["Criterion", *[w.name for w in a.weight_sets]],
            [[x.crit[c], *[F.fmt(w.weights[j], 6) for w in a.weight_sets]] for j, c in enumerate(crit_ids)] +
            [["Total", *[F.fmt(sum(w.weights), 6) for w in a.weight_sets]]],
            [0.32] + [0.68 / len(a.weight_sets)] * len(a.weight_sets), numeric=range(1, len(a.weight_sets) + 1),
            caption="Weights of every set, to six decimals")
    b.heading("C.2 Pairwise comparison matrices", 1)
    any_ahp = False
    for spec in p.weight_specs:
        if spec.source.kind != "ahp":
            continue
        any_ahp = True
        ws = x.ws(spec.name)
        src = spec.source
        short = [x.crit.get(c, c) for c in src.criteria]
        b.para(f"<b>{esc(spec.label)} ({esc(spec.name)})</b>, from {esc(Path(spec.file).name)}. Entry (row, column) "
               f"says how many times more important the row criterion is than the column criterion.")
        rows = [[short[i], *[_ratio(v) for v in row], F.fmt(ws.weights[crit_ids.index(src.criteria[i])], 4)]
                for i, row in enumerate(src.matrix)]
        n = len(src.criteria)
        b.table(["", *[f"({k + 1})" for k in range(n)], "Weight"],
                [[f"({i + 1}) {row[0]}", *row[1:]] for i, row in enumerate(rows)],
                [0.26] + [0.62 / n] * n + [0.12], numeric=tuple(range(1, n + 2)),
                caption=f"Pairwise matrix of the {esc(spec.name)} weight set",
                note=(f"\u03bbmax {ws.ahp.lambda_max:.4f}, CI {ws.ahp.ci:.4f}, RI {ws.ahp.ri:g} "
                      f"({esc(RANDOM_INDEX_NAMES[ws.ahp.ri_table])}), CR {ws.ahp.cr:.4f}.") if ws.ahp else None)
    if not any_ahp:
        b.para("No weight set is stated as a pairwise matrix.")
    b.heading("C.3 Weights derived from the consultation", 1)
    derived = [s for s in p.weight_specs if s.source.kind == "priorities"]
    if not derived:
        b.para("No weight set is derived from the consultation.")
    for spec in derived:
        q = next((q for q in p.questions if q.id == spec.source.question and q.stakeholder == spec.source.stakeholder), None)
        ws = x.ws(spec.name)
        b.para(f"<b>{esc(spec.label)} ({esc(spec.name)})</b>: {esc(ws.derivation)}.")
        if q is not None:
            b.table(["Theme", "Share", "Criterion"],
                    [[F.theme_label(p, i.theme), "-" if i.percent is None else f"{i.percent:g}%",
                      x.crit.get(a.mapping.get(i.theme, ""), "not scored") if a.mapping.get(i.theme) else "not scored"]
                     for i in q.items],
                    [0.5, 0.15, 0.35], numeric=(1,),
                    caption=f"Question {esc(q.id)}, {esc(x.groups.get(q.stakeholder, q.stakeholder))} "
                            f"({q.comments} comments, figure {q.figure})")
    b.heading("C.4 Random index tables", 1)
    used = {w.ahp.ri_table for w in a.weight_sets if w.ahp is not None} | {p.settings.random_index}
    ns = sorted({n for tbl in RANDOM_INDEX.values() for n in tbl})
    b.table(["Table", *[f"n={n}" for n in ns]],
            [[RANDOM_INDEX_NAMES[k] + (" (used)" if k in used else ""), *[f"{tbl.get(n, float('nan')):g}" for n in ns]]
             for k, tbl in RANDOM_INDEX.items()],
            [0.25] + [0.75 / len(ns)] * len(ns), numeric=tuple(range(1, len(ns) + 1)),
            caption="Random consistency index RI by matrix size n",
            note=f"The project setting names the {esc(RANDOM_INDEX_NAMES[p.settings.random_index])} table.")


def add_appendix_audit(b: Builder, x: Ctx, digest: "InputDigest", command: str) -> None:
    a, r, p = x.a, x.r, x.p
    sc = p.settings.scoring
    b.heading("Appendix D Audit record", 0, page_break=True)
    b.heading("D.1 Input files", 1)
    b.para(f"SHA-256 digest of each input file (paths relative to the project folder). The input identifier "
           f"<b>{esc(digest.short)}</b> is the start of the combined digest:")
    b.para(f'<font name="{MONO}" size="7.5">{esc(digest.combined)}</font>')
    b.table(["File", "SHA-256"], [[k, b.mcell(f'<font name="{MONO}" size="6.8">{esc(v)}</font>')]
                                  for k, v in digest.files.items()],
            [0.32, 0.68], caption="Input files and their digests")
    src = p.source
    if src is None:
        b.para("The project declares no source document for its evidence (<i>source</i> in criteria/evidence.yaml), "
               "so nothing here identifies the document the evidence was transcribed from.")
    else:
        b.para(f"Transcribed from {esc(src.title)}, file {esc(src.file)} (SHA-256 "
               f'<font name="{MONO}" size="7.5">{esc(src.sha256)}</font>). '
               f"<i>decision evidence --against {esc(src.file)}</i> checks that file against this digest and "
               f"every transcribed percentage and comment count against the text of its section.")
    b.heading("D.2 Software", 1)
    vers = F.versions()
    rows = [["decision (this engine)", __version__], ["Python", platform.python_version()]]
    rows += [[k, v] for k, v in vers.items()]
    b.table(["Package", "Version"], rows, [0.4, 0.6], caption="Engine and dependency versions")
    b.heading("D.3 Settings, seeds and parameters", 1)
    smaa_runs = len(r.smaa)
    rows = [
        ["Prior strength (a)", f"{sc.prior_strength:g}"],
        ["Pooling", sc.pooling],
        ["\u2018Nothing identified\u2019 statements", sc.none_statements],
        ["Sum tolerance (percentage points)", f"{sc.sum_tolerance:g}"],
        ["TOPSIS normalisation", p.settings.topsis_normalization],
        ["VIKOR v", f"{p.settings.vikor_v:g}"],
        ["Random index table", RANDOM_INDEX_NAMES[p.settings.random_index]],
        ["Master seed", str(r.seed)],
        ["SMAA samples per run", f"{r.samples:,}"],
        ["SMAA runs", str(smaa_runs)],
        ["Dirichlet concentration", f"{r.concentration:g}"],
        ["SMAA method", "TOPSIS"],
    ]
    if r.sobol:
        s0 = r.sobol[0][1]
        rows += [["Sobol base samples", f"{s0.n_base:,}"], ["Sobol evaluations per weight set", f"{s0.n_evaluations:,}"],
                 ["Sobol seed (derived from the master seed)", str(s0.seed)]]
    rows += [["Scenarios", ", ".join(s.name for s in r.scenario_specs) or "none"]]
    b.table(["Parameter", "Value"], rows, [0.45, 0.55], caption="Parameters of this run")
    b.para("The random index tables are in Appendix C.4.")
    b.heading("D.4 Reproducing this report", 1)
    b.para("Run this command in the project's folder, on the input files listed above and with the software "
           "versions listed, to reproduce every number and this file byte for byte:")
    b.para(f'<font name="{MONO}" size="8">{esc(command)}</font>')
    if a.date.source == "SOURCE_DATE_EPOCH":
        b.para("The date on this report came from the SOURCE_DATE_EPOCH environment variable, not from the project "
               "settings: set it to the same day, or use decision verify, which reads the date from the run's manifest.")
    if a.warnings:
        b.heading("D.5 Warnings carried by this run", 1)
        b.bullets([esc(w) for w in a.warnings], "small")

