"""The appraisal as an Excel workbook (openpyxl lives only in this module).

One sheet per table of the report: the evidence and every contribution it
makes, the criteria and the theme map, the performance matrix and each
group's view, the weights and their consistency, the rankings, switching
values, SMAA, robustness, Sobol indices, scenarios, data-quality flags and
the audit record. Headers are bold, panes frozen below them, numbers
formatted. Text cells are neutralised against formula injection
(:func:`decision.output.tables.safe_cell`). The same inputs give the same
bytes: the document properties carry the appraisal date (or 1 January 2000)
and every zip entry a fixed timestamp.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..version import __version__
from .tables import safe_cell
from ..report import facts as F
from ..weights import RANDOM_INDEX, RANDOM_INDEX_NAMES

if TYPE_CHECKING:
    from openpyxl import Workbook
    from ..appraisal import Appraisal
    from ..project.audit import InputDigest
    from ..sensitivity import SensitivityReport

__all__ = ["write_workbook", "WORKBOOK_FILE", "SHEETS"]

#: Suggested file name of the workbook in an output folder.
WORKBOOK_FILE = "appraisal.xlsx"
SHEETS = (
    "About", "Evidence", "Contributions", "Data quality", "Criteria", "Criteria map", "Scores", "Scores by group",
    "Weights", "Consistency", "Rankings", "Switching values", "Score switching", "SMAA", "Method robustness",
    "Rank reversal", "Sobol", "Scenario definitions", "Scenarios", "Audit",
)
_FIXED_DATE = _dt.datetime(2000, 1, 1)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

# number formats
SCORE = "0.0"
W3 = "0.000"
W6 = "0.000000"
PCT = "0.0%"
COUNT = "0.00"


def _text(value: Any) -> Any:
    """A cell value: numbers as numbers, text made safe (no formula, no control characters)."""
    if isinstance(value, bool) or value is None:
        return value
    if hasattr(value, "item") and not isinstance(value, (str, int, float)):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # Excel has no infinity or NaN
    if isinstance(value, (int, float)):
        return value
    text = _ILLEGAL.sub("", str(value))
    return safe_cell(text)


class _Sheet:
    """Rows written under a bold, frozen header, with column formats and widths."""

    def __init__(self, wb: "Workbook", title: str, header: Sequence[str], formats: dict[int, str] | None = None,
                 wrap: Sequence[int] = (), widths: dict[int, float] | None = None, freeze_col: int = 0) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws = wb.create_sheet(title)
        self.formats = formats or {}
        self.wrap = set(wrap)
        self.fixed = widths or {}
        self.header = list(header)
        self._len = [len(h) for h in header]
        self._wrap_al = Alignment(wrap_text=True, vertical="top")
        self._top = Alignment(vertical="top")
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="E4E4E4")
        self.ws.append([_text(h) for h in header])
        for cell in self.ws[1]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        from openpyxl.utils import get_column_letter

        self.ws.freeze_panes = f"{get_column_letter(freeze_col + 1)}2"
        self.rows = 1

    def add(self, row: Sequence[Any]) -> None:
        values = [_text(v) for v in row]
        self.ws.append(values)
        self.rows += 1
        for k, (cell, v) in enumerate(zip(self.ws[self.rows], values)):
            if k in self.formats and isinstance(v, (int, float)) and not isinstance(v, bool):
                cell.number_format = self.formats[k]
            cell.alignment = self._wrap_al if k in self.wrap else self._top
            shown = len(str(v)) if v is not None else 0
            if k < len(self._len):
                self._len[k] = max(self._len[k], min(shown, 60))
            else:
                self._len.append(min(shown, 60))

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        for k, n in enumerate(self._len):
            width = self.fixed.get(k, min(max(n + 2, 8), 60 if k in self.wrap else 45))
            self.ws.column_dimensions[get_column_letter(k + 1)].width = width
        if self.rows > 1:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.header))}{self.rows}"


def _fixed_datetime(appraisal: "Appraisal") -> _dt.datetime:
    d = appraisal.date.value
    return _FIXED_DATE if d is None else _dt.datetime(d.year, d.month, d.day)


def write_workbook(
    appraisal: "Appraisal",
    report: "SensitivityReport",
    path: str | Path,
    *,
    digest: "InputDigest",
    command: str,
) -> Path:
    """Write the appraisal workbook to ``path`` (byte-identical for the same inputs).

    Parameters
    ----------
    appraisal
        The appraisal (:func:`decision.appraise`).
    report
        Its sensitivity analysis (:func:`decision.sensitivity.analyse`).
    path
        The .xlsx file to write.
    digest
        Fingerprint of the input files (:func:`decision.audit.digest_inputs`).
    command
        The command line that reproduces the run (audit sheet).
    """
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook()
    for default in wb.worksheets:  # the blank sheet a new workbook starts with
        wb.remove(default)
    _fill(wb, appraisal, report, digest=digest, command=command)
    when = _fixed_datetime(appraisal)
    props = wb.properties
    props.created = when
    props.modified = when
    props.creator = f"decision {__version__}"
    props.lastModifiedBy = f"decision {__version__}"
    props.title = _ILLEGAL.sub("", appraisal.project.settings.name)
    props.subject = "Options appraisal"
    path.write_bytes(_deterministic_bytes(wb, when))
    return path


def _deterministic_bytes(wb: "Workbook", when: _dt.datetime) -> bytes:
    """Serialise without openpyxl's save-time clock, then re-pack every zip
    entry with a fixed timestamp, in the same order."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # writes the parts and closes the archive; leaves properties.modified alone
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _fill(wb: "Workbook", a: "Appraisal", r: "SensitivityReport", *, digest: "InputDigest", command: str) -> None:
    """Add every sheet, in the order of :data:`SHEETS`."""
    _about_sheet(wb, a, digest)
    _evidence_sheets(wb, a)
    _criteria_sheets(wb, a)
    _weights_sheet(wb, a)
    _consistency_sheet(wb, a)
    _ranking_sheets(wb, a, r)
    _uncertainty_sheets(wb, a, r)
    _scenario_sheets(wb, a, r)
    _audit_sheet(wb, a, r, digest=digest, command=command)


def _about_sheet(wb: "Workbook", a: "Appraisal", digest: "InputDigest") -> None:
    """The About sheet: what was appraised, the input identifier and a guide to the other sheets."""
    p = a.project
    t = a.table
    s = _Sheet(wb, "About", ["Item", "Value"], wrap=(1,), widths={0: 28, 1: 90})
    s.add(["Appraisal", p.settings.name])
    s.add(["Date", F.uk_date(a.date.value)])
    s.add(["Engine", f"decision {__version__}"])
    s.add(["Input identifier", digest.short])
    for o in t.options:
        s.add([f"Option {o}", p.options[o]])
    s.add(["Scale", "Scores 0-100, 50 neutral; for a cost criterion a higher score is a heavier burden"])
    lead = F.leader(a)
    if lead is not None:
        fp = F.first_place_summary(a, lead)
        s.add(["First most often", f"{F.option_label(p, lead)} ({fp.combinations} of {fp.total} weight set x method combinations)"])
    for name in SHEETS[1:]:
        s.add([f"Sheet: {name}", _SHEET_NOTES.get(name, "")])
    s.finish()


def _evidence_sheets(wb: "Workbook", a: "Appraisal") -> None:
    """The Evidence, Contributions and Data quality sheets."""
    p = a.project
    t = a.table
    groups = F.group_names(p)
    check = a.check
    s = _Sheet(wb, "Evidence", ["Option", "Stakeholder", "Category", "Comments stated", "Comments used", "Count inferred",
                                "Figure", "Item", "Theme", "Theme label", "Percent", "Analyst count", "Coded",
                                "Criterion", "Note"],
               formats={10: "0", 11: "0"}, wrap=(9, 14), widths={9: 45, 14: 40}, freeze_col=3)
    for sec in p.sections:
        for k, item in enumerate(sec.items):
            s.add([sec.option, groups.get(sec.stakeholder, sec.stakeholder), sec.category, sec.comments,
                   check.effective_comments.get(sec.key), sec.key in check.inferred, sec.figure, k + 1, item.theme,
                   F.theme_label(p, item.theme), item.percent, item.count, item.coded, a.mapping.get(item.theme), item.note])
    s.finish()
    s = _Sheet(wb, "Contributions", ["Option", "Criterion", "Stakeholder", "Category", "Theme", "Theme label", "Percent",
                                     "Comments stated", "Figure", "Coded", "Comments counted", "Direction", "Status"],
               formats={10: COUNT}, wrap=(5,), widths={5: 45}, freeze_col=2)
    for c in t.contributions:
        s.add([c.option, c.criterion, groups.get(c.stakeholder, c.stakeholder), c.category, c.theme,
               F.theme_label(p, c.theme), c.percent, c.comments, c.figure, c.coded, c.comments_counted,
               "for" if c.polarity > 0 else "against", c.status])
    s.finish()
    s = _Sheet(wb, "Data quality", ["Severity", "Code", "Where", "Finding"], wrap=(3,), widths={3: 90})
    for f in check.flags:
        s.add([f.severity, f.code, f.where, f.message])
    s.finish()


def _criteria_sheets(wb: "Workbook", a: "Appraisal") -> None:
    """The Criteria, Criteria map, Scores and Scores by group sheets."""
    p = a.project
    t = a.table
    groups = F.group_names(p)
    crit = F.criterion_names(p)
    s = _Sheet(wb, "Criteria", ["Criterion", "Name", "Direction", "Definition"], wrap=(3,), widths={3: 90})
    for cr in p.criteria.criteria:
        s.add([cr.id, cr.name, cr.direction, cr.definition])
    s.finish()
    s = _Sheet(wb, "Criteria map", ["Theme", "Theme label", "Criterion", "Criterion name", "Not scored because"],
               wrap=(1, 4), widths={1: 50, 4: 60})
    for tid, label, cid, reason in F.theme_map(a):
        s.add([tid, label, cid, crit.get(cid, None) if cid else None, reason])
    s.finish()
    s = _Sheet(wb, "Scores", ["Option", "Option name", *[f"{crit[c]} ({c})" for c in t.criteria]],
               formats={k: SCORE for k in range(2, 2 + len(t.criteria))}, freeze_col=2,
               widths={k: 16 for k in range(2, 2 + len(t.criteria))})
    for i, o in enumerate(t.options):
        s.add([o, p.options[o], *[float(t.values[i, j]) for j in range(len(t.criteria))]])
    s.ws.row_dimensions[1].height = 45
    s.finish()

    s = _Sheet(wb, "Scores by group", ["Stakeholder", "Option", "Criterion", "Comments for", "Comments against",
                                       "Favourability"], formats={3: COUNT, 4: COUNT, 5: W3}, freeze_col=3)
    for g in t.by_group:
        gi = F.group_index(t.groups, g)
        for i, o in enumerate(t.options):
            for j, cid in enumerate(t.criteria):
                s.add([groups.get(g, g), o, cid, float(t.favourable[gi, i, j]), float(t.adverse[gi, i, j]),
                       float(t.by_group[g][i, j])])
    s.finish()


def _weights_sheet(wb: "Workbook", a: "Appraisal") -> None:
    """The Weights sheet: every weight set with its provenance, and the elicitation and respondents behind it."""
    p = a.project
    t = a.table
    crit = F.criterion_names(p)
    sets = list(a.weight_sets)
    s = _Sheet(wb, "Weights", ["Criterion", "Name", *[w.name for w in sets]],
               formats={k: W6 for k in range(2, 2 + len(sets))}, freeze_col=2)
    for j, cid in enumerate(t.criteria):
        s.add([cid, crit[cid], *[w.weights[j] for w in sets]])
    s.add([])
    s.add(["Label", None, *[w.label for w in sets]])
    s.add(["Provenance", None, *[w.provenance for w in sets]])
    s.add(["Kind", None, *[w.kind for w in sets]])
    s.add(["Basis", None, *[w.provenance_note for w in sets]])
    s.add(["Derivation", None, *[w.derivation for w in sets]])
    s.add(["Warnings", None, *["; ".join(w.warnings) or None for w in sets]])
    for spec in p.weight_specs:
        el = spec.elicitation
        if el:
            s.add([])
            s.add([f"Elicited: {spec.name}", None, f"{el.get('method')} by {el.get('respondent')} on {el.get('date')}"])
        group = spec.respondents
        if not group:
            continue
        people = list(group.get("people", []))  # type: ignore[call-overload]
        s.add([])
        s.add([f"Respondents behind {spec.name} ({group.get('aggregate')})", None, *[r["respondent"] for r in people]])
        for cid in t.criteria:
            s.add([cid, crit[cid], *[float(r["weights"].get(cid, 0.0)) for r in people]])
        s.add(["CR", None, *[float(r["cr"]) for r in people]])
        s.add(["Consistent", None, *[not r["inconsistent"] for r in people]])
        s.add(["Completed (Harker)", None, *["; ".join(f"{k} = {float(v):.3g}" for k, v in dict(r.get("completed", {})).items()) or None
                                             for r in people]])
        s.add([f"Spread of {spec.name}", None, "Lowest", "Highest", "Standard deviation"])
        for cid, v in dict(group.get("spread", {})).items():  # type: ignore[call-overload]
            s.add([cid, crit.get(cid), float(v["min"]), float(v["max"]), float(v["sd"])])
    s.finish()


def _consistency_sheet(wb: "Workbook", a: "Appraisal") -> None:
    """The Consistency sheet: AHP consistency, the pairwise matrices and the random index tables."""
    p = a.project
    s = _Sheet(wb, "Consistency", ["Weight set", "n", "lambda_max", "CI", "RI", "CR", "Random index table", "Consistent"],
               formats={2: "0.0000", 3: "0.0000", 4: "0.00", 5: "0.0000"})
    for w in a.weight_sets:
        if w.ahp is not None:
            s.add([w.name, w.ahp.n, w.ahp.lambda_max, w.ahp.ci, w.ahp.ri, w.ahp.cr, RANDOM_INDEX_NAMES[w.ahp.ri_table],
                   w.ahp.consistent])
    for spec in p.weight_specs:
        if spec.source.kind != "ahp":
            continue
        s.add([])
        s.add([f"Pairwise matrix: {spec.name} ({Path(spec.file).name})", None, *spec.source.criteria])
        for cid, mrow in zip(spec.source.criteria, spec.source.matrix):
            s.add([cid, None, *mrow])
    s.add([])
    ns = sorted({k for tbl in RANDOM_INDEX.values() for k in tbl})
    s.add(["Random index table", None, *[f"n={k}" for k in ns]])
    for key, tbl in RANDOM_INDEX.items():
        s.add([RANDOM_INDEX_NAMES[key] + (" (project setting)" if key == p.settings.random_index else ""), None,
               *[tbl.get(k) for k in ns]])
    s.finish()


def _ranking_sheets(wb: "Workbook", a: "Appraisal", r: "SensitivityReport") -> None:
    """The Rankings, Switching values and Score switching sheets."""
    p = a.project
    s = _Sheet(wb, "Rankings", ["Weight set", "Method", "Normalisation", "Option", "Option name", "Score", "Rank", "First",
                                "Margin of first"], formats={5: "0.000000", 8: "0.000000"}, freeze_col=2)
    for rk in a.rankings:
        for o, sc, k in zip(rk.options, rk.scores, rk.ranks):
            s.add([rk.weight_set, F.method_label(rk.method), rk.normalization, o, p.options[o], sc, k,
                   o in rk.preferred, rk.margin])
    s.finish()
    s = _Sheet(wb, "Switching values", ["Weight set", "Method", "First", "Margin", "Relative margin", "Close call",
                                        "Criterion", "Weight", "Lower switch", "Option first below", "Upper switch",
                                        "Option first above"],
               formats={3: W6, 4: PCT, 7: W6, 8: W6, 10: W6}, freeze_col=2)
    for sw in r.switching:
        for wrow in sw.rows:
            s.add([sw.weight_set, F.method_label(sw.method), ", ".join(map(str, sw.preferred)), sw.margin,
                   sw.relative_margin, sw.close_call, wrow.criterion, wrow.weight, wrow.lower, wrow.lower_option, wrow.upper,
                   wrow.upper_option])
    s.finish()

    s = _Sheet(wb, "Score switching", ["Weight set", "Option", "Criterion", "Score", "Change needed", "New first"],
               formats={3: "0.000", 4: "0.000"}, freeze_col=1)
    for ws_name, srows in r.score_switching.items():
        for srow in srows:
            s.add([ws_name, srow.option, srow.criterion, srow.score, srow.change, srow.new_first])
    s.finish()


def _uncertainty_sheets(wb: "Workbook", a: "Appraisal", r: "SensitivityReport") -> None:
    """The SMAA, Method robustness, Rank reversal and Sobol sheets."""
    t = a.table
    n = len(t.options)
    s = _Sheet(wb, "SMAA", ["Run", "Weight set", "Weight model", "Evidence resampled", "Samples", "Option",
                            *[f"Rank {k + 1}" for k in range(n)], "Confidence", *[f"Central weight {c}" for c in t.criteria]],
               formats={**{6 + k: PCT for k in range(n + 1)}, **{7 + n + j: W3 for j in range(len(t.criteria))}},
               freeze_col=1)
    for e in r.smaa:
        res = e.result
        for i, o in enumerate(t.options):
            s.add([e.label, e.weight_set, e.weight_model, e.evidence_uncertainty, res.n_samples, o,
                   *[float(res.rank_acceptability[i, k]) for k in range(res.rank_acceptability.shape[1])],
                   float(res.confidence[i]), *[float(x) for x in res.central_weights[i]]])
    s.finish()
    s = _Sheet(wb, "Method robustness", ["Weight set", "Method", *[f"Rank of option {o}" for o in t.options], "First",
                                         "Kendall tau", "WS similarity"],
               formats={3 + n: W3, 4 + n: W3}, freeze_col=2)
    for rb in r.robustness:
        for m in rb.methods:
            s.add([rb.weight_set, m.variant, *m.ranks, ", ".join(map(str, m.preferred)), m.kendall_tau, m.ws])
    s.finish()

    s = _Sheet(wb, "Rank reversal", ["Weight set", "Option removed", "Pairs reversed (a above b before; b level or above after)",
                                     "First place changes"], widths={2: 40})
    for rb in r.robustness:
        for v in rb.reversal:
            s.add([rb.weight_set, v.dropped, "; ".join(f"{i} > {j}" for i, j in v.reversed_pairs) or None, v.first_changed])
    s.finish()
    s = _Sheet(wb, "Sobol", ["Weight set", "Criterion", "First order", "First order 95% half-width", "Total",
                             "Total 95% half-width", "Preferred", "Base samples", "Evaluations", "Seed", "Constant margin"],
               formats={2: W6, 3: W6, 4: W6, 5: W6}, freeze_col=2)
    for ws_name, so in r.sobol:
        for cid, s1, c1, st, ct in zip(so.criteria, so.first_order, so.first_order_conf, so.total, so.total_conf):
            s.add([ws_name, cid, s1, c1, st, ct, so.preferred, so.n_base, so.n_evaluations, so.seed, so.constant])
    s.finish()


def _scenario_sheets(wb: "Workbook", a: "Appraisal", r: "SensitivityReport") -> None:
    """The Scenario definitions and Scenarios sheets."""
    t = a.table
    n = len(t.options)
    s = _Sheet(wb, "Scenario definitions", ["Scenario", "Description", "File", "Changes", "Leave out groups",
                                            "Nothing-identified rule", "Prior strength", "Pooling", "Weight set",
                                            "Weight scale", "Weight override", "Score overrides"],
               wrap=(1, 11), widths={1: 60, 11: 50})
    for sp in r.scenario_specs:
        s.add([sp.name, sp.description, Path(sp.file).name, sp.n_changes, ", ".join(sp.exclude_groups) or None,
               sp.none_statements, sp.prior_strength, sp.pooling, sp.weight_set,
               "; ".join(f"{k} x {v:g}" for k, v in sp.weight_scale.items()) if sp.weight_scale else None,
               "; ".join(f"{k} = {v:g}" for k, v in sp.weight_override.items()) if sp.weight_override else None,
               "; ".join(f"option {o.option} {o.criterion} = {o.value:g} ({o.source})" for o in sp.score_overrides) or None])
    s.finish()

    s = _Sheet(wb, "Scenarios", ["Scenario", "Weight set", "Method", "First", "Runner-up", "Margin", "Relative margin",
                                 "First place changed", *[f"Score option {o}" for o in t.options]],
               formats={5: W6, 6: PCT, **{8 + k: W6 for k in range(n)}}, freeze_col=3)
    for sr in r.scenarios:
        s.add([sr.scenario, sr.weight_set, F.method_label(sr.method), ", ".join(map(str, sr.preferred)),
               sr.runner_up, sr.margin, sr.relative_margin, sr.changed, *sr.scores])
    s.finish()


def _audit_sheet(wb: "Workbook", a: "Appraisal", r: "SensitivityReport", *, digest: "InputDigest", command: str) -> None:
    """The Audit sheet: input digests, software versions, parameters, the command and the run's warnings."""
    p = a.project
    scoring = p.settings.scoring
    s = _Sheet(wb, "Audit", ["Item", "Value"], wrap=(1,), widths={0: 42, 1: 80})
    audit: list[list[Any]] = [
        ["Engine", f"decision {__version__}"],
        ["Input identifier", digest.short],
        ["Combined SHA-256 of the inputs", digest.combined],
    ]
    audit += [[f"SHA-256 {k}", v] for k, v in digest.files.items()]
    audit += [[f"Version {k}", v] for k, v in F.versions().items()]
    audit += [
        ["Prior strength", scoring.prior_strength], ["Pooling", scoring.pooling], ["Nothing-identified rule", scoring.none_statements],
        ["Sum tolerance", scoring.sum_tolerance], ["TOPSIS normalisation", p.settings.topsis_normalization],
        ["VIKOR v", p.settings.vikor_v], ["Random index table", RANDOM_INDEX_NAMES[p.settings.random_index]],
        ["Master seed", r.seed], ["SMAA samples per run", r.samples], ["Dirichlet concentration", r.concentration],
    ]
    if r.sobol:
        so = r.sobol[0][1]
        audit += [["Sobol base samples", so.n_base], ["Sobol seed", so.seed]]
    audit += [["Command", command]]
    for warning in a.warnings:
        audit.append(["Warning", warning])
    for entry in audit:
        s.add(entry)
    s.finish()


_SHEET_NOTES = {
    "Evidence": "every evidence item as recorded, with the comment count stated and used",
    "Contributions": "each item's contribution to each cell of the performance matrix",
    "Data quality": "the flags found in the evidence (never corrected)",
    "Criteria": "criteria, direction and definition",
    "Criteria map": "which criterion each theme feeds, or why it is not scored",
    "Scores": "the performance matrix, options x criteria",
    "Scores by group": "comments for and against and favourability per group",
    "Weights": "every weight set, with provenance",
    "Consistency": "AHP consistency, the pairwise matrices and the random index tables",
    "Rankings": "scores and ranks under every weight set and method",
    "Switching values": "weights at which first place changes",
    "Score switching": "score changes at which first place changes (TOPSIS)",
    "SMAA": "SMAA-2 rank acceptability, confidence and central weights",
    "Method robustness": "ranks under each method and agreement with TOPSIS",
    "Rank reversal": "effect of removing one option at a time",
    "Sobol": "Sobol indices of the first option's TOPSIS margin",
    "Scenario definitions": "what each scenario changes",
    "Scenarios": "first place under every scenario, weight set and method",
    "Audit": "input digests, software versions, parameters and the command",
}
