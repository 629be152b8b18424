"""The appraisal's own output files: results.json, CSV tables, GraphML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from ..version import __version__
from ..appraisal import Appraisal, Ranking
from ..evidence.against import Place, SourceCheck
from ..evidence.check import EvidenceCheck, QualityFlag
from ..scoring.graph import provenance_graph, write_graphml
from ..model import Context, Section, Source, Theme
from ..weights import RANDOM_INDEX_NAMES, WeightSet

__all__ = ["results_document", "evidence_document", "source_document", "against_document", "safe_cell", "write_tables", "write_csv", "OUTPUT_FILES"]

OUTPUT_FILES = (
    "results.json",
    "performance_matrix.csv",
    "performance_by_group.csv",
    "weights.csv",
    "rankings.csv",
    "evidence_contributions.csv",
    "data_quality.csv",
    "evidence_graph.graphml",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection in a text cell.

    Text starting with ``= + - @`` (or a tab or carriage return) gets a
    leading apostrophe so spreadsheet software shows it as text instead of
    evaluating it. Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _flag(f: QualityFlag) -> dict[str, Any]:
    value = f.value if isinstance(f.value, (int, float, str, list)) or f.value is None else str(f.value)
    return {"code": f.code, "severity": f.severity, "where": f.where, "message": f.message, "value": value}


def evidence_document(check: EvidenceCheck, sections: tuple[Section, ...], themes: Mapping[str, Theme],
                      mapping: Mapping[str, str]) -> list[dict[str, Any]]:
    """One JSON object per section, items in report order (the ``evidence --json`` format)."""
    out = []
    for s in sections:
        out.append({
            "option": s.option,
            "stakeholder": s.stakeholder,
            "category": s.category,
            "comments": s.comments,
            "comments_inferred": check.inferred.get(s.key),
            "comments_used": check.effective_comments.get(s.key),
            "figure": s.figure,
            "items": [
                {
                    "theme": i.theme,
                    "theme_label": themes[i.theme].label,
                    "percent": i.percent,
                    "count": i.count,
                    "coded": i.coded,
                    "criterion": mapping.get(i.theme),
                    "note": i.note,
                }
                for i in s.items
            ],
            "flags": [_flag(f) for f in check.for_section(s.key)],
        })
    return out


def source_document(source: Source | None) -> dict[str, str] | None:
    """The document the evidence was transcribed from, as declared (null where none is)."""
    return None if source is None else {"title": source.title, "file": source.file, "sha256": source.sha256}


def _place(p: Place) -> dict[str, Any]:
    return {"key": p.key, "option": p.option, "group": p.group, "heading": p.heading, "figure": p.figure}


def against_document(check: SourceCheck) -> dict[str, Any]:
    """``decision evidence --against --json``: the digests, every block
    compared with the source lines it was found at, and every mismatch."""
    return {
        "source": source_document(check.declared),
        "digest": check.digest,
        "digest_status": check.digest_status,
        "ok": check.ok,
        "percents_checked": check.percents,
        "counts_checked": check.counts,
        "blocks": [{**_place(c.place), "located": c.located, "first_line": c.first_line, "last_line": c.last_line,
                    "percents": c.percents, "counts": c.counts} for c in check.places],
        "mismatches": [{**_place(m.place), "code": m.code, "expected": m.expected, "found": m.found,
                        "item": m.item, "theme": m.theme, "message": m.message} for m in check.mismatches],
    }


def results_document(appraisal: Appraisal, *, command: str | None = None) -> dict[str, Any]:
    """The content of results.json."""
    p = appraisal.project
    t = appraisal.table
    criteria = p.criteria.criteria
    doc: dict[str, Any] = {
        "engine": {"name": "decision", "version": __version__},
        "appraisal": p.settings.name,
        "settings": _settings_document(appraisal),
        "source": source_document(p.source),
        "options": [{"id": o, "name": p.options[o]} for o in t.options],
        "criteria": [
            {"id": c.id, "name": c.name, "direction": c.direction, "type": c.type, "definition": c.definition}
            for c in criteria
        ],
        "performance_matrix": {
            str(o): {c: round(float(t.values[i, j]), 6) for j, c in enumerate(t.criteria)} for i, o in enumerate(t.options)
        },
        "weight_sets": [_weight_set_document(w) for w in appraisal.weight_sets],
        "rankings": [_ranking_document(r) for r in appraisal.rankings],
        "context": _context_document(p.context),
        "questions": _questions_document(appraisal),
        "agreed_points": [{"option": a.option, "figure": a.figure, **{k: list(v) for k, v in a.points.items()}} for a in p.agreed_points],
        "data_quality": [_flag(f) for f in appraisal.check.flags],
        "inferred_comment_counts": dict(appraisal.check.inferred),
        "warnings": list(appraisal.warnings),
    }
    if command is not None:
        doc["command"] = command
    return doc


def _settings_document(appraisal: Appraisal) -> dict[str, Any]:
    p = appraisal.project
    return {
        "scoring": {
            "prior_strength": p.settings.scoring.prior_strength,
            "pooling": p.settings.scoring.pooling,
            "none_statements": p.settings.scoring.none_statements,
            "sum_tolerance": p.settings.scoring.sum_tolerance,
            "scale": "0-100, 50 = neutral; cost criteria: higher = heavier burden",
        },
        "topsis_normalization": p.settings.topsis_normalization,
        "vikor_v": p.settings.vikor_v,
        "promethee_preference_function": "usual",
        "wsm_normalization": "minmax",
        "ahp_synthesis": "local priorities 9 ** (score / 100), normalised per criterion",
        "random_index_table": RANDOM_INDEX_NAMES[p.settings.random_index],
        "tie_policy": "scores within 1e-9 (relative) tie; tied options share the best rank",
    }


def _weight_set_document(w: WeightSet) -> dict[str, Any]:
    return {
        "name": w.name,
        "label": w.label,
        "provenance": w.provenance,
        "assumed": w.assumed,
        "provenance_note": w.provenance_note,
        "kind": w.kind,
        "derivation": w.derivation,
        "weights": {c: round(x, 6) for c, x in zip(w.criteria, w.weights)},
        "ahp": None if w.ahp is None else {
            "lambda_max": round(w.ahp.lambda_max, 6),
            "ci": round(w.ahp.ci, 6),
            "cr": round(w.ahp.cr, 6),
            "ri": w.ahp.ri,
            "random_index_table": RANDOM_INDEX_NAMES[w.ahp.ri_table],
        },
        "warnings": list(w.warnings),
    }


def _ranking_document(r: Ranking) -> dict[str, Any]:
    return {
        "weight_set": r.weight_set,
        "method": r.method,
        "normalization": r.normalization,
        "scores": {str(o): round(s, 6) for o, s in zip(r.options, r.scores)},
        "ranks": {str(o): k for o, k in zip(r.options, r.ranks)},
        "preferred": list(r.preferred),
        "runner_up": r.runner_up,
        "margin": round(r.margin, 6),
        "inactive_criteria": list(r.inactive_criteria),
    }


def _context_document(c: Context) -> dict[str, Any]:
    """context.yaml's account of the case as validated, in the file's own key
    order (dates as ISO text; an absent field as null). The equalities block
    only steers the report's wording and is not repeated here."""
    d, sa = c.decision, c.attendance
    return {
        "decision": {"subject": d.subject, "agreements": d.agreements, "agreements_name": d.agreements_name,
                     "agreements_end": None if d.agreements_end is None else d.agreements_end.isoformat(),
                     "decision_forum": d.decision_forum, "decision_due": d.decision_due},
        "options": [{"id": o.id, "short": o.short, "description": o.description} for o in c.options],
        "stakeholders": [
            {"id": s.id, "name": s.name, "role": s.role, "format": s.format, "events": [e.isoformat() for e in s.events],
             "attendance": None if s.attendance is None else dict(s.attendance)}
            for s in c.stakeholders
        ],
        "attendance": None if sa is None else {
            "shares": [{"label": x.label, "percent": x.percent} for x in sa.shares],
            "details": [{"label": label, "text": text} for label, text in sa.details], "figures": list(sa.figures)},
        "notes": list(c.notes),
    }


def _questions_document(appraisal: Appraisal) -> dict[str, Any]:
    p = appraisal.project
    return {
        "themed": [
            {"id": q.id, "stakeholder": q.stakeholder, "comments": q.comments, "figure": q.figure,
             "items": [{"theme": i.theme, "percent": i.percent, "criterion": appraisal.mapping.get(i.theme)} for i in q.items]}
            for q in p.questions
        ],
        "findings": [
            {"id": f.id, "stakeholder": f.stakeholder, "comments": f.comments, "figure": f.figure, "percent": f.percent, "finding": f.finding}
            for f in p.findings
        ],
        "funding_factors": list(p.funding_factors),
    }


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    import pandas as pd  # deferred: pandas is slow to import

    frame = pd.DataFrame([[safe_cell(v) for v in row] for row in rows], columns=header)
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6f")


def write_tables(appraisal: Appraisal, folder: Path, command: str | None) -> None:
    """Write results.json, the CSV tables and the graph into ``folder``."""
    p = appraisal.project
    t = appraisal.table
    doc = results_document(appraisal, command=command)
    (folder / "results.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_csv(folder / "performance_matrix.csv", ["option", "option_name", *t.criteria],
         [[o, p.options[o], *(float(x) for x in t.values[i])] for i, o in enumerate(t.options)])
    rows = []
    for g, fav in t.by_group.items():
        gi = t.groups.index(g)
        for i, o in enumerate(t.options):
            for j, c in enumerate(t.criteria):
                rows.append([g, o, c, float(t.favourable[gi, i, j]), float(t.adverse[gi, i, j]), float(fav[i, j])])
    write_csv(folder / "performance_by_group.csv", ["stakeholder", "option", "criterion", "favourable_comments", "adverse_comments", "favourability"], rows)
    write_csv(folder / "weights.csv", ["weight_set", "provenance", "criterion", "weight"],
         [[w.name, w.provenance, c, x] for w in appraisal.weight_sets for c, x in zip(w.criteria, w.weights)])
    write_csv(folder / "rankings.csv", ["weight_set", "method", "normalization", "option", "score", "rank"],
         [[r.weight_set, r.method, r.normalization, o, s, k] for r in appraisal.rankings for o, s, k in zip(r.options, r.scores, r.ranks)])
    write_csv(folder / "evidence_contributions.csv",
         ["option", "criterion", "stakeholder", "category", "theme", "percent", "stated_comments", "figure", "coded", "comments_counted", "polarity", "status"],
         [[c.option, c.criterion, c.stakeholder, c.category, c.theme, c.percent, c.comments, c.figure, c.coded, c.comments_counted, c.polarity, c.status]
          for c in t.contributions])
    write_csv(folder / "data_quality.csv", ["severity", "code", "where", "message"],
         [[f.severity, f.code, f.where, f.message] for f in appraisal.check.flags])
    cells = {(o, c): float(t.values[i, j]) for i, o in enumerate(t.options) for j, c in enumerate(t.criteria)}
    write_graphml(provenance_graph(appraisal.graph, contributions=t.contributions, values=cells), folder / "evidence_graph.graphml")
