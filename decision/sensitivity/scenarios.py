"""Scenarios: re-run the appraisal with one thing changed and compare."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..appraisal import APPRAISAL_METHODS, Appraisal, method_settings_of, rank_options
from ..errors import InputError
from ..methods import evaluate_problem
from ..model import Scenario
from ..scoring.score import score_options
from .switching import relative_margin

__all__ = ["ScenarioResult", "run_scenario", "adjust_weights"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """The preferred option and margin under one scenario, weight set and method.

    ``relative_margin`` is as defined by :func:`~decision.sensitivity.switching.relative_margin`.
    """

    scenario: str
    weight_set: str
    method: str
    preferred: tuple[int, ...]
    runner_up: int | None
    margin: float
    relative_margin: float
    scores: tuple[float, ...]
    changed: bool


def adjust_weights(
    weights: FloatArray,
    criteria: Sequence[str],
    *,
    scale: Mapping[str, float] | None = None,
    override: Mapping[str, float] | None = None,
) -> FloatArray:
    """Apply a scenario's weight change.

    ``scale`` multiplies named weights, then all are renormalised. ``override``
    fixes named weights; the others share what is left in their current
    proportions (equally if they are all zero).
    """
    w = np.array(weights, dtype=float)
    if scale:
        for c, k in scale.items():
            w[list(criteria).index(c)] *= k
        if w.sum() <= 0:
            raise InputError("the scaled weights are all zero", field="change.weights.scale", value=dict(scale))
        return np.asarray(w / w.sum(), dtype=float)
    if override:
        fixed = [list(criteria).index(c) for c in override]
        rest = [i for i in range(len(w)) if i not in fixed]
        left = 1.0 - sum(override.values())
        others = w[rest]
        others = others / others.sum() * left if others.sum() > 0 else np.full(len(rest), left / max(1, len(rest)))
        out = np.zeros_like(w)
        out[rest] = others
        for c, v in override.items():
            out[list(criteria).index(c)] = v
        return out
    return w


def run_scenario(appraisal: Appraisal, scenario: Scenario | None) -> tuple[ScenarioResult, ...]:
    """Re-score and re-rank under ``scenario`` (None: the base case)."""
    p = appraisal.project
    table = appraisal.table
    name = "base" if scenario is None else scenario.name
    if scenario is not None and (scenario.exclude_groups or scenario.none_statements or scenario.prior_strength or scenario.pooling):
        settings = p.settings.scoring
        settings = replace(
            settings,
            none_statements=scenario.none_statements or settings.none_statements,
            prior_strength=scenario.prior_strength or settings.prior_strength,
            pooling=scenario.pooling or settings.pooling,
        )
        table = score_options(sections=p.sections, check=appraisal.check, criteria=p.criteria, mapping=appraisal.mapping,
                              themes=p.themes, options=table.options, settings=settings,
                              groups=p.group_ids, exclude_groups=scenario.exclude_groups, voices=p.voices)
    values = np.array(table.values)
    if scenario is not None:
        for o in scenario.score_overrides:
            values[table.options.index(o.option), table.criteria.index(o.criterion)] = o.value
    problem = appraisal.problem.with_matrix(values)
    opts = method_settings_of(p)
    out = []
    for ws in appraisal.weight_sets:
        w = ws.vector
        if scenario is not None and (scenario.weight_set is None or scenario.weight_set == ws.name):
            w = adjust_weights(w, table.criteria, scale=scenario.weight_scale, override=scenario.weight_override)
        for method in APPRAISAL_METHODS:
            ev = evaluate_problem(problem, w, method=method, settings=opts)
            r = rank_options(ws.name, ev, table.options, table.criteria)
            out.append(ScenarioResult(
                scenario=name, weight_set=ws.name, method=method, preferred=r.preferred, runner_up=r.runner_up,
                margin=r.margin, relative_margin=relative_margin(ev.scores, method), scores=r.scores,
                changed=r.preferred != appraisal.ranking(ws.name, method).preferred,
            ))
    return tuple(out)
