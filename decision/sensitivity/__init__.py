"""Sensitivity analysis of an appraisal: switching values, SMAA-2, method
and structure robustness, Sobol indices and scenarios.

:func:`analyse` runs all of it on an :class:`~decision.appraisal.Appraisal`
and returns one immutable :class:`SensitivityReport`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np

from ..appraisal import APPRAISAL_METHODS, SCORE_SPAN, Appraisal
from ..model import Scenario
from .resample import evidence_model
from .robustness import MethodComparison, RankReversal, compare_methods, rank_reversal
from .scenarios import ScenarioResult, run_scenario
from .smaa import SMAAResult, smaa
from .sobol import SobolIndices, sobol_indices
from .switching import ScoreSwitch, WeightSwitch, close_call, relative_margin, score_switching_values, switching_values

__all__ = [
    "SwitchingSummary",
    "SMAAEntry",
    "Robustness",
    "SensitivityReport",
    "analyse",
    "switching_values",
    "smaa",
    "DEFAULT_SAMPLES",
    "DEFAULT_CONCENTRATION",
]

DEFAULT_SAMPLES = 10_000
#: Dirichlet concentration around each stakeholder weight set: weights vary
#: with a standard deviation of about sqrt(w (1 - w) / 31), e.g. 0.06 for w = 0.15.
DEFAULT_CONCENTRATION = 30.0
Progress = Callable[[str], None]


@dataclass(frozen=True)
class SwitchingSummary:
    weight_set: str
    method: str
    preferred: tuple[int, ...]
    margin: float
    relative_margin: float
    close_call: bool
    rows: tuple[WeightSwitch, ...]


@dataclass(frozen=True)
class SMAAEntry:
    label: str
    weight_set: str | None
    weight_model: str
    evidence_uncertainty: bool
    result: SMAAResult


@dataclass(frozen=True)
class Robustness:
    weight_set: str
    methods: tuple[MethodComparison, ...]
    reversal: tuple[RankReversal, ...]


@dataclass(frozen=True)
class SensitivityReport:
    samples: int
    seed: int
    concentration: float
    switching: tuple[SwitchingSummary, ...]
    score_switching: Mapping[str, tuple[ScoreSwitch, ...]]
    smaa: tuple[SMAAEntry, ...]
    robustness: tuple[Robustness, ...]
    sobol: tuple[tuple[str, SobolIndices], ...]
    scenarios: tuple[ScenarioResult, ...]
    scenario_specs: tuple[Scenario, ...]

    def switching_for(self, weight_set: str, method: str = "topsis") -> SwitchingSummary:
        for s in self.switching:
            if s.weight_set == weight_set and s.method == method:
                return s
        raise KeyError((weight_set, method))


def analyse(
    appraisal: Appraisal,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    concentration: float = DEFAULT_CONCENTRATION,
    scenarios: Sequence[Scenario] = (),
    progress: Progress | None = None,
) -> SensitivityReport:
    """Run every sensitivity analysis on an appraisal.

    Parameters
    ----------
    appraisal
        The base appraisal.
    samples
        Monte Carlo samples per SMAA run.
    seed
        Master seed; each SMAA run and the Sobol sampling get their own
        stream derived from it, so results do not depend on run order.
    concentration
        Dirichlet concentration of the weight model around each weight set.
    scenarios
        Scenario changes to compare with the base case.
    progress
        Called with a short description as each stage starts.
    """
    def step(text: str) -> None:
        if progress is not None:
            progress(text)

    p = appraisal.project
    t = appraisal.table
    norm = p.settings.topsis_normalization
    v = p.settings.vikor_v
    options = list(t.options)

    step("switching values")
    switching = []
    score_switching: dict[str, tuple[ScoreSwitch, ...]] = {}
    for ws in appraisal.weight_sets:
        for method in APPRAISAL_METHODS:
            rows = switching_values(t.values, ws.vector, t.types, method, normalization=norm, vikor_v=v,
                                    ahp_span=SCORE_SPAN, criteria=t.criteria, options=options)
            r = appraisal.ranking(ws.name, method)
            rel = relative_margin(r.scores, method)
            switching.append(SwitchingSummary(weight_set=ws.name, method=method, preferred=r.preferred, margin=r.margin,
                                              relative_margin=rel, close_call=close_call(relative_margin=rel, switches=rows),
                                              rows=tuple(rows)))
        score_switching[ws.name] = tuple(score_switching_values(
            t.values, ws.vector, t.types, "topsis", normalization=norm, ahp_span=SCORE_SPAN,
            bounds=(0.0, 100.0), criteria=t.criteria, options=options))

    step("SMAA")
    model = evidence_model(sections=p.sections, check=appraisal.check, criteria=p.criteria, mapping=appraisal.mapping,
                           themes=p.themes, options=t.options, settings=p.settings.scoring)
    runs: list[tuple[str, str | None, dict[str, object]]] = [("uniform weights", None, {})]
    for ws in appraisal.weight_sets:
        runs.append((f"{ws.name}: Dirichlet", ws.name, {"weights": ws.vector, "concentration": concentration}))
        order = [int(i) for i in np.argsort(-ws.vector, kind="stable")]
        runs.append((f"{ws.name}: ordinal", ws.name, {"ranking": order}))
    streams = np.random.SeedSequence(seed).spawn(2 * len(runs) + 1)
    entries = []
    k = 0
    for evidence in (False, True):
        for label, ws_name, kwargs in runs:
            rng = np.random.default_rng(streams[k])
            k += 1
            res = smaa(t.values, t.types, samples, "topsis", seed=rng, normalization=norm,
                       matrix_sampler=model.sample if evidence else None, ahp_span=SCORE_SPAN,
                       **kwargs)  # type: ignore[arg-type]
            entries.append(SMAAEntry(label=label + (" + evidence" if evidence else ""), weight_set=ws_name,
                                     weight_model=res.weight_model, evidence_uncertainty=evidence, result=res))

    step("method robustness")
    robustness = tuple(
        Robustness(
            weight_set=ws.name,
            methods=compare_methods(t.values, ws.vector, t.types, options=options, vikor_v=v, ahp_span=SCORE_SPAN),
            reversal=rank_reversal(t.values, ws.vector, t.types, options=options, normalization=norm, ahp_span=SCORE_SPAN),
        )
        for ws in appraisal.weight_sets
    )

    step("Sobol indices")
    sobol_seed = int(streams[-1].generate_state(1)[0])
    sobol = tuple(
        (ws.name, sobol_indices(t.values, ws.vector, t.types, criteria=t.criteria, options=options, normalization=norm,
                                seed=sobol_seed, ahp_span=SCORE_SPAN))
        for ws in appraisal.weight_sets
    )

    step("scenarios")
    results = list(run_scenario(appraisal, None))
    for sc in scenarios:
        results.extend(run_scenario(appraisal, sc))

    return SensitivityReport(
        samples=samples, seed=seed, concentration=concentration, switching=tuple(switching),
        score_switching=score_switching, smaa=tuple(entries), robustness=robustness, sobol=sobol,
        scenarios=tuple(results), scenario_specs=tuple(scenarios),
    )
