"""Sensitivity output files: sensitivity.json, CSV tables and PNG charts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..appraisal import Appraisal
from ..sensitivity import SensitivityReport
from ..sensitivity.switching import CLOSE_CALL_MARGIN, CLOSE_CALL_WEIGHT
from .tables import write_csv

if TYPE_CHECKING:
    from ..report.drawing import ChartJob

__all__ = ["sensitivity_document", "write_sensitivity", "write_sensitivity_tables", "sensitivity_charts", "SENSITIVITY_FILES",
           "chart_names"]

SENSITIVITY_FILES = (
    "sensitivity.json",
    "switching_values.csv",
    "score_switching.csv",
    "smaa_rank_acceptability.csv",
    "smaa_central_weights.csv",
    "method_robustness.csv",
    "rank_reversal.csv",
    "sobol.csv",
    "scenarios.csv",
    "chart_scores.png",
    "chart_smaa_first_rank.png",
    "chart_smaa_ranks.png",
)


def chart_names(weight_sets: list[str]) -> tuple[str, ...]:
    """The per-weight-set chart files a run writes."""
    return tuple(f"chart_{kind}_{w}.png" for w in weight_sets for kind in ("sweep", "tornado"))


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


def sensitivity_document(appraisal: Appraisal, report: SensitivityReport) -> dict[str, Any]:
    """The content of sensitivity.json."""
    crit = list(appraisal.table.criteria)
    return {
        "parameters": {
            "samples": report.samples,
            "seed": report.seed,
            "dirichlet_concentration": report.concentration,
            "smaa_method": "topsis",
            "close_call_rule": (f"relative margin under {CLOSE_CALL_MARGIN:.0%} (lead over the runner-up as a share of the "
                                f"winner's score for TOPSIS, AHP and weighted sum, of the score range for VIKOR and "
                                f"PROMETHEE II), or a weight switching value within {CLOSE_CALL_WEIGHT} of the current weight"),
            "sobol_inputs": "unnormalised weights uniform on [0.5 w, 1.5 w] (zero weights: [0, 0.05]), normalised to sum 1",
            "evidence_resampling": "Dirichlet-multinomial per section: shares ~ Dirichlet(1 + N p), comments ~ Multinomial(N, shares)",
        },
        "switching_values": [
            {
                "weight_set": s.weight_set, "method": s.method, "preferred": list(s.preferred),
                "margin": _r(s.margin), "relative_margin": _r(s.relative_margin), "close_call": s.close_call,
                "criteria": [
                    {"criterion": r.criterion, "weight": _r(r.weight), "lower": _r(r.lower), "upper": _r(r.upper),
                     "lower_option": r.lower_option, "upper_option": r.upper_option}
                    for r in s.rows
                ],
            }
            for s in report.switching
        ],
        "score_switching": {
            ws: [{"option": r.option, "criterion": r.criterion, "score": _r(r.score), "change": _r(r.change), "new_first": r.new_first}
                 for r in rows]
            for ws, rows in report.score_switching.items()
        },
        "smaa": [
            {
                "run": e.label, "weight_set": e.weight_set, "weight_model": e.weight_model,
                "evidence_uncertainty": e.evidence_uncertainty, "samples": e.result.n_samples,
                "rank_acceptability": {str(o): [_r(x) for x in e.result.rank_acceptability[i]] for i, o in enumerate(appraisal.table.options)},
                "central_weights": {str(o): dict(zip(crit, (_r(x) for x in e.result.central_weights[i]))) for i, o in enumerate(appraisal.table.options)},
                "confidence": {str(o): _r(e.result.confidence[i]) for i, o in enumerate(appraisal.table.options)},
            }
            for e in report.smaa
        ],
        "method_robustness": [
            {
                "weight_set": r.weight_set,
                "methods": [{"method": m.variant, "ranks": dict(zip(map(str, appraisal.table.options), m.ranks)),
                             "preferred": list(m.preferred), "kendall_tau": _r(m.kendall_tau), "ws": _r(m.ws)} for m in r.methods],
                "rank_reversal": [{"dropped": v.dropped, "reversed_pairs": [list(p) for p in v.reversed_pairs],
                                   "first_changed": v.first_changed} for v in r.reversal],
            }
            for r in report.robustness
        ],
        "sobol": [
            {"weight_set": ws, "preferred": s.preferred, "n_base": s.n_base, "evaluations": s.n_evaluations, "seed": s.seed,
             "margin_constant": s.constant,
             "indices": [{"criterion": c, "first_order": _r(a), "total": _r(b), "first_order_conf": _r(ac), "total_conf": _r(bc)}
                         for c, a, b, ac, bc in zip(s.criteria, s.first_order, s.total, s.first_order_conf, s.total_conf)]}
            for ws, s in report.sobol
        ],
        "scenarios": {
            "definitions": [
                {"name": sc.name, "description": sc.description, "changes": sc.n_changes,
                 "exclude_groups": list(sc.exclude_groups), "none_statements": sc.none_statements,
                 "prior_strength": sc.prior_strength, "pooling": sc.pooling, "weight_set": sc.weight_set,
                 "weight_scale": dict(sc.weight_scale) if sc.weight_scale else None,
                 "weight_override": dict(sc.weight_override) if sc.weight_override else None,
                 "score_overrides": [{"option": o.option, "criterion": o.criterion, "value": o.value, "source": o.source} for o in sc.score_overrides]}
                for sc in report.scenario_specs
            ],
            "results": [
                {"scenario": r.scenario, "weight_set": r.weight_set, "method": r.method, "preferred": list(r.preferred),
                 "runner_up": r.runner_up, "margin": _r(r.margin), "relative_margin": _r(r.relative_margin),
                 "changed": r.changed}
                for r in report.scenarios
            ],
        },
    }


def write_sensitivity(appraisal: Appraisal, report: SensitivityReport, folder: Path) -> None:
    """Write sensitivity.json, the sensitivity CSVs and every chart into ``folder``."""
    from ..report.drawing import draw_charts

    write_sensitivity_tables(appraisal, report, folder)
    draw_charts(sensitivity_charts(appraisal, report, folder))


def write_sensitivity_tables(appraisal: Appraisal, report: SensitivityReport, folder: Path) -> None:
    """Write sensitivity.json and the sensitivity CSVs into ``folder`` (no charts)."""
    t = appraisal.table
    doc = sensitivity_document(appraisal, report)
    (folder / "sensitivity.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_csv(folder / "switching_values.csv",
              ["weight_set", "method", "preferred", "criterion", "weight", "lower", "lower_option", "upper", "upper_option", "close_call"],
              [[s.weight_set, s.method, "/".join(map(str, s.preferred)), r.criterion, r.weight, r.lower, r.lower_option, r.upper, r.upper_option, s.close_call]
               for s in report.switching for r in s.rows])
    write_csv(folder / "score_switching.csv", ["weight_set", "option", "criterion", "score", "change", "new_first"],
              [[ws, r.option, r.criterion, r.score, r.change, r.new_first] for ws, rows in report.score_switching.items() for r in rows])
    write_csv(folder / "smaa_rank_acceptability.csv", ["run", "evidence_uncertainty", "option", "rank", "acceptability", "confidence"],
              [[e.label, e.evidence_uncertainty, o, k + 1, float(e.result.rank_acceptability[i, k]), float(e.result.confidence[i])]
               for e in report.smaa for i, o in enumerate(t.options) for k in range(e.result.rank_acceptability.shape[1])])
    write_csv(folder / "smaa_central_weights.csv", ["run", "option", *t.criteria],
              [[e.label, o, *(float(x) for x in e.result.central_weights[i])] for e in report.smaa for i, o in enumerate(t.options)])
    write_csv(folder / "method_robustness.csv", ["weight_set", "method", *[f"rank_option_{o}" for o in t.options], "kendall_tau", "ws"],
              [[r.weight_set, m.variant, *m.ranks, m.kendall_tau, m.ws] for r in report.robustness for m in r.methods])
    write_csv(folder / "rank_reversal.csv", ["weight_set", "dropped", "reversed_pairs", "first_changed"],
              [[r.weight_set, v.dropped, "; ".join(f"{a}>{b}" for a, b in v.reversed_pairs), v.first_changed]
               for r in report.robustness for v in r.reversal])
    write_csv(folder / "sobol.csv", ["weight_set", "criterion", "first_order", "first_order_conf", "total", "total_conf"],
              [[ws, c, a, ac, b, bc] for ws, s in report.sobol
               for c, a, ac, b, bc in zip(s.criteria, s.first_order, s.first_order_conf, s.total, s.total_conf)])
    write_csv(folder / "scenarios.csv", ["scenario", "weight_set", "method", "preferred", "runner_up", "margin", "relative_margin", "changed"],
              [[r.scenario, r.weight_set, r.method, "/".join(map(str, r.preferred)), r.runner_up, r.margin, r.relative_margin, r.changed]
               for r in report.scenarios])


def sensitivity_charts(appraisal: Appraisal, report: SensitivityReport, folder: Path) -> list["ChartJob"]:
    """The sensitivity charts to draw into ``folder`` (see :mod:`decision.report.drawing`)."""
    from ..report.drawing import ChartJob

    t = appraisal.table
    p = appraisal.project
    labels = [f"{o} {p.options[o]}" for o in t.options]
    runs = [e for e in report.smaa]
    uniform = [e for e in report.smaa if e.weight_set is None]
    jobs = [
        ChartJob("scores_chart", folder / "chart_scores.png", dict(
            title="TOPSIS closeness by weight set", groups=[w.name for w in appraisal.weight_sets], options=labels,
            values={w.name: appraisal.ranking(w.name, "topsis").scores for w in appraisal.weight_sets},
            ylabel="closeness (higher is better)")),
        ChartJob("acceptability_chart", folder / "chart_smaa_first_rank.png", dict(
            title=f"SMAA-2 first-rank acceptability (TOPSIS, {report.samples:,} samples per run)",
            runs=[e.label for e in runs], options=labels, acceptability=[e.result.rank_acceptability for e in runs]),
            cost=1.5),
        ChartJob("rank_acceptability_chart", folder / "chart_smaa_ranks.png", dict(
            title="SMAA-2 rank acceptability with no preference information (uniform weights, TOPSIS)",
            options=labels, panels=[(e.label, e.result.rank_acceptability) for e in uniform]), cost=1.2),
    ]
    for ws in appraisal.weight_sets:
        s = report.switching_for(ws.name, "topsis")
        sweep = report.sweeps[ws.name]
        # a sweep chart has a panel per criterion: dearer than the others
        jobs.append(ChartJob("sweep_chart", folder / f"chart_sweep_{ws.name}.png", dict(
            title=f"One-way weight sweeps, {ws.name} weights (TOPSIS)",
            criteria=list(t.criteria), options=labels, grid=sweep.grid, scores=list(sweep.scores),
            current=[r.weight for r in s.rows], switches=[[x for x in (r.lower, r.upper) if x is not None] for r in s.rows]),
            cost=0.7 * len(t.criteria)))
        jobs.append(ChartJob("tornado_chart", folder / f"chart_tornado_{ws.name}.png", dict(
            title=f"Switching distances, {ws.name} weights (TOPSIS)",
            criteria=list(t.criteria), current=[r.weight for r in s.rows], lower=[r.lower for r in s.rows],
            upper=[r.upper for r in s.rows])))
    return jobs
