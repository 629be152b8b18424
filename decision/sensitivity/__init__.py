"""Sensitivity: how robust the appraisal's ranking is - switching values,
SMAA-2, method and structure robustness, Sobol indices and scenarios.

:func:`analyse` runs all of it on an :class:`~decision.appraisal.Appraisal`
and returns one immutable :class:`SensitivityReport`. Every entry point takes
a :class:`~decision.methods.Problem` and weights, then keyword-only options.

Public names: :func:`analyse`, :class:`SensitivityReport`,
:func:`switching_values`, :func:`smaa` and the per-analysis functions below.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..appraisal import APPRAISAL_METHODS, Appraisal, method_settings_of
from ..methods import MethodSettings
from ..model import Scenario
from ..workers import submit_all, worker_count
from .resample import EvidenceModel, evidence_model
from .robustness import MethodComparison, RankReversal, compare_methods, rank_reversal
from .scenarios import ScenarioResult, run_scenario
from .smaa import SMAAResult, smaa, smaa_problem
from .sobol import SobolIndices, sobol_indices
from .switching import (
    ScoreSwitch,
    WeightSweep,
    WeightSwitch,
    close_call,
    relative_margin,
    score_switching,
    score_switching_values,
    switching_values,
    weight_sweep,
    weight_switching,
)

__all__ = [
    "SwitchingSummary",
    "SMAAEntry",
    "Robustness",
    "SensitivityReport",
    "analyse",
    "switching_values",
    "score_switching_values",
    "weight_switching",
    "score_switching",
    "weight_sweep",
    "smaa",
    "smaa_problem",
    "compare_methods",
    "rank_reversal",
    "sobol_indices",
    "run_scenario",
    "DEFAULT_SAMPLES",
    "DEFAULT_CONCENTRATION",
]

DEFAULT_SAMPLES = 10_000
#: Total SMAA samples (over all runs) from which the runs are shared between processes.
_PARALLEL_SAMPLES = 50_000
#: Dirichlet concentration around each stakeholder weight set: weights vary
#: with a standard deviation of about sqrt(w (1 - w) / 31), e.g. 0.06 for w = 0.15.
DEFAULT_CONCENTRATION = 30.0
#: The scale of the appraisal's scores, the bounds of score switching.
SCORE_BOUNDS = (0.0, 100.0)
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class SwitchingSummary:
    weight_set: str
    method: str
    preferred: tuple[int, ...]
    margin: float
    relative_margin: float
    close_call: bool
    rows: tuple[WeightSwitch, ...]


@dataclass(frozen=True, slots=True)
class SMAAEntry:
    label: str
    weight_set: str | None
    weight_model: str
    evidence_uncertainty: bool
    result: SMAAResult


@dataclass(frozen=True, slots=True)
class Robustness:
    weight_set: str
    methods: tuple[MethodComparison, ...]
    reversal: tuple[RankReversal, ...]


@dataclass(frozen=True, slots=True)
class SensitivityReport:
    """Every sensitivity result of one appraisal.

    ``sweeps`` holds, per weight set, the TOPSIS scores along each
    criterion's one-way weight sweep (drawn in the documents).
    """

    samples: int
    seed: int
    concentration: float
    switching: tuple[SwitchingSummary, ...]
    score_switching: Mapping[str, tuple[ScoreSwitch, ...]]
    sweeps: Mapping[str, WeightSweep]
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


def _switching(appraisal: Appraisal, settings: MethodSettings) -> tuple[SwitchingSummary, ...]:
    out = []
    for ws in appraisal.weight_sets:
        for method in APPRAISAL_METHODS:
            rows = weight_switching(appraisal.problem, ws.vector, method=method, settings=settings)
            r = appraisal.ranking(ws.name, method)
            rel = relative_margin(r.scores, method)
            out.append(SwitchingSummary(weight_set=ws.name, method=method, preferred=r.preferred, margin=r.margin,
                                        relative_margin=rel, close_call=close_call(relative_margin=rel, switches=rows),
                                        rows=rows))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _SMAARun:
    label: str
    weight_set: str | None
    weights: np.ndarray | None = None
    concentration: float | None = None
    ranking: tuple[int, ...] | None = None


def _smaa_runs(appraisal: Appraisal, concentration: float) -> list[_SMAARun]:
    runs = [_SMAARun("uniform weights", None)]
    for ws in appraisal.weight_sets:
        runs.append(_SMAARun(f"{ws.name}: Dirichlet", ws.name, weights=ws.vector, concentration=concentration))
        order = tuple(int(i) for i in np.argsort(-ws.vector, kind="stable"))
        runs.append(_SMAARun(f"{ws.name}: ordinal", ws.name, ranking=order))
    return runs


@dataclass(frozen=True, slots=True)
class _SMAATask:
    """One SMAA run with everything it needs, so that it can run in another process."""

    problem: Any
    run: _SMAARun
    evidence: bool
    stream: np.random.SeedSequence
    samples: int
    settings: MethodSettings
    model: EvidenceModel


def _smaa_entry(task: _SMAATask) -> SMAAEntry:
    rng = np.random.default_rng(task.stream)
    run = task.run
    res = smaa_problem(task.problem, run.weights, n_samples=task.samples, seed=rng, method="topsis",
                       settings=task.settings, concentration=run.concentration, ranking=run.ranking,
                       matrix_sampler=task.model.sample if task.evidence else None)
    return SMAAEntry(label=run.label + (" + evidence" if task.evidence else ""), weight_set=run.weight_set,
                     weight_model=res.weight_model, evidence_uncertainty=task.evidence, result=res)


def _smaa_tasks(appraisal: Appraisal, settings: MethodSettings, *, samples: int, concentration: float,
                streams: Sequence[np.random.SeedSequence], model: EvidenceModel) -> list[_SMAATask]:
    runs = _smaa_runs(appraisal, concentration)
    return [_SMAATask(problem=appraisal.problem, run=run, evidence=evidence, stream=streams[k], samples=samples,
                      settings=settings, model=model)
            for k, (evidence, run) in enumerate((e, r) for e in (False, True) for r in runs)]


def _start_smaa(tasks: Sequence[_SMAATask]) -> Callable[[], tuple[SMAAEntry, ...]] | None:
    """Start the SMAA runs in worker processes and return what collects them;
    None where they are better run here (no workers, or runs too small to pay).

    Every run draws from its own stream, so the results are the same wherever
    and in whatever order the runs are made.
    """
    workers = worker_count(len(tasks)) if sum(t.samples for t in tasks) >= _PARALLEL_SAMPLES else 0
    if workers == 0:
        return None
    pool, futures = submit_all(workers, _smaa_entry, tasks)

    def collect() -> tuple[SMAAEntry, ...]:
        with pool:
            return tuple(f.result() for f in futures)

    return collect


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
    problem = appraisal.problem
    settings = method_settings_of(p)

    model = evidence_model(sections=p.sections, check=appraisal.check, criteria=p.criteria, mapping=appraisal.mapping,
                           themes=p.themes, options=appraisal.table.options, settings=p.settings.scoring,
                           groups=p.group_ids, voices=p.voices)
    streams = np.random.SeedSequence(seed).spawn(2 * len(_smaa_runs(appraisal, concentration)) + 1)
    tasks = _smaa_tasks(appraisal, settings, samples=samples, concentration=concentration, streams=streams, model=model)
    # SMAA is the long stage: where there are workers it runs there from the
    # start, while this process does the other stages, and is collected last.
    pending = _start_smaa(tasks)

    step("switching values")
    switching = _switching(appraisal, settings)
    score_sw = {ws.name: score_switching(problem, ws.vector, method="topsis", settings=settings, bounds=SCORE_BOUNDS)
                for ws in appraisal.weight_sets}
    sweeps = {ws.name: weight_sweep(problem, ws.vector, method="topsis", settings=settings) for ws in appraisal.weight_sets}

    step("SMAA")
    entries = tuple(_smaa_entry(t) for t in tasks) if pending is None else ()

    step("method robustness")
    robustness = tuple(
        Robustness(weight_set=ws.name, methods=compare_methods(problem, ws.vector, settings=settings),
                   reversal=rank_reversal(problem, ws.vector, method="topsis", settings=settings))
        for ws in appraisal.weight_sets
    )

    step("Sobol indices")
    sobol_seed = int(streams[-1].generate_state(1)[0])
    sobol = tuple((ws.name, sobol_indices(problem, ws.vector, method="topsis", settings=settings, seed=sobol_seed))
                  for ws in appraisal.weight_sets)

    step("scenarios")
    results = list(run_scenario(appraisal, None))
    for sc in scenarios:
        results.extend(run_scenario(appraisal, sc))
    if pending is not None:
        entries = pending()

    return SensitivityReport(
        samples=samples, seed=seed, concentration=concentration, switching=switching,
        score_switching=MappingProxyType(score_sw), sweeps=MappingProxyType(sweeps), smaa=entries,
        robustness=robustness, sobol=sobol, scenarios=tuple(results), scenario_specs=tuple(scenarios),
    )
