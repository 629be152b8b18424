"""Appraise: run the whole pipeline on a loaded project.

evidence check -> graph -> scores -> weight sets -> every method under every
weight set. Returns one immutable :class:`Appraisal` that the writers and the
command line present.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import networkx as nx
import numpy as np

from .evidence.check import EvidenceCheck, check_evidence
from .scoring.graph import build_graph, criterion_map
from .methods import METHODS, Evaluation, MethodName, MethodSettings, Problem, evaluate_problem, get_method
from .model import Project
from .project.audit import AppraisalDate, resolve_date
from .scoring.score import ScoreTable, score_options
from .weights import WeightSet, weigh

__all__ = ["Ranking", "Appraisal", "appraise", "rank_options", "method_settings_of", "APPRAISAL_METHODS", "SCORE_SPAN"]

#: Methods run for every weight set, in presentation order.
APPRAISAL_METHODS: tuple[MethodName, ...] = METHODS
#: Width of the score scale, passed to AHP synthesis.
SCORE_SPAN = 100.0


@dataclass(frozen=True)
class Ranking:
    """The options under one weight set and one method.

    ``margin`` is the gap between the first- and second-ranked options' scores
    in the method's own units (always >= 0; 0 means a tie for first).
    """

    weight_set: str
    method: str
    normalization: str
    options: tuple[int, ...]
    scores: tuple[float, ...]
    ranks: tuple[int, ...]
    preferred: tuple[int, ...]
    runner_up: int | None
    margin: float
    inactive_criteria: tuple[str, ...]

    def score_of(self, option: int) -> float:
        return self.scores[self.options.index(option)]


@dataclass(frozen=True)
class Appraisal:
    project: Project
    check: EvidenceCheck
    graph: nx.DiGraph
    mapping: Mapping[str, str]
    table: ScoreTable
    weight_sets: tuple[WeightSet, ...]
    rankings: tuple[Ranking, ...]
    problem: Problem
    #: The date printed on the outputs (see :func:`decision.project.audit.resolve_date`).
    date: AppraisalDate = AppraisalDate(None, "none")

    @property
    def warnings(self) -> tuple[str, ...]:
        out = [f"{f.where}: {f.message}" for f in self.check.flags if f.severity == "warning"]
        for w in self.weight_sets:
            out.extend(w.warnings)
        for c in sorted({c for r in self.rankings for c in r.inactive_criteria}):
            out.append(f"criterion '{c}' scores every option the same and was set aside (weights of the others renormalised)")
        return tuple(out)

    def ranking(self, weight_set: str, method: str) -> Ranking:
        for r in self.rankings:
            if r.weight_set == weight_set and r.method == method:
                return r
        raise KeyError((weight_set, method))


def rank_options(weight_set: str, evaluation: Evaluation, options: tuple[int, ...], criteria: tuple[str, ...]) -> Ranking:
    """The ranking of one evaluation: preferred options, runner-up and margin."""
    scores = evaluation.scores
    ranks = evaluation.ranks
    order = np.argsort(-get_method(evaluation.method).orient(scores), kind="stable")
    preferred = tuple(options[i] for i in range(len(options)) if ranks[i] == 1)
    runner_up: int | None = None
    margin = 0.0
    if len(options) > 1:
        first, second = order[0], order[1]
        margin = float(abs(scores[second] - scores[first]))
        runner_up = options[int(second)] if ranks[second] != 1 else None
    return Ranking(
        weight_set=weight_set,
        method=evaluation.method,
        normalization=evaluation.normalization,
        options=options,
        scores=tuple(float(x) for x in scores),
        ranks=tuple(int(x) for x in ranks),
        preferred=preferred,
        runner_up=runner_up,
        margin=margin,
        inactive_criteria=tuple(criteria[i] for i in evaluation.inactive),
    )


def method_settings_of(project: Project) -> MethodSettings:
    """The method options a project's settings ask for, on its 0-100 scale."""
    return MethodSettings(normalization=project.settings.topsis_normalization, vikor_v=project.settings.vikor_v,
                          ahp_span=SCORE_SPAN)


def appraise(project: Project, *, date: AppraisalDate | None = None) -> Appraisal:
    """Check the evidence, score the options and rank them under every
    weight set and method.

    Parameters
    ----------
    project
        A project loaded by :func:`decision.load_project`.
    date
        The date to print on the outputs; by default the project's own date,
        else SOURCE_DATE_EPOCH, else none (see
        :func:`decision.project.audit.resolve_date`). ``verify`` passes the
        date a run's manifest records.

    Returns
    -------
    Appraisal
    """
    settings = project.settings
    check = check_evidence(
        sections=project.sections,
        questions=project.questions,
        agreed_points=project.agreed_points,
        options=tuple(project.options),
        sum_tolerance=settings.scoring.sum_tolerance,
        labelling_notes=project.labelling_notes,
        mapping=project.criteria.mapping,
        groups=project.group_ids,
    )
    graph = build_graph(project)
    mapping = criterion_map(graph)
    options = tuple(sorted(project.options))
    table = score_options(
        sections=project.sections,
        check=check,
        criteria=project.criteria,
        mapping=mapping,
        themes=project.themes,
        options=options,
        settings=settings.scoring,
        groups=project.group_ids,
        voices=project.voices,
    )
    weight_sets = tuple(
        weigh(spec, criteria=project.criteria, questions=project.questions, ri_table=settings.random_index)
        for spec in project.weight_specs
    )
    problem = Problem.of(table.values, table.types, criteria=table.criteria, options=options)
    rankings = [rank_options(ws.name, evaluate_problem(problem, ws.vector, method=method, settings=method_settings_of(project)),
                             options, table.criteria)
                for ws in weight_sets for method in APPRAISAL_METHODS]
    return Appraisal(
        project=project, check=check, graph=graph, mapping=mapping, table=table,
        weight_sets=weight_sets, rankings=tuple(rankings), problem=problem,
        date=date if date is not None else resolve_date(settings.date),
    )
