"""The front doors of the methods: one evaluation (:func:`evaluate`) and a
batch of weight vectors and matrices at once (:func:`batch_scores`).

Rules applied to every method
-----------------------------
* Weights must be finite and non-negative with a positive total; they are
  divided by their total (so scaling all weights changes nothing).
* A constant criterion (see :mod:`decision.methods.rules`) cannot separate
  the options and would make some normalisations divide by zero (pymcdm then
  returns NaN). It is set aside before the method runs: its index is
  reported in ``Evaluation.inactive`` and the remaining weights are
  renormalised. If no criterion with positive weight separates the options,
  :class:`DegenerateProblemError` is raised instead of returning NaN.
* Ties share the best rank (competition ranking: 1, 1, 3, 4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..errors import DegenerateProblemError, InputError
from .base import Method, MethodName, MethodSettings
from .normalization import check_normalization
from .problem import Problem, check_weights
from .registry import get_method
from .rules import constant_columns, rank_scores

__all__ = ["Evaluation", "evaluate", "evaluate_problem", "method_settings", "batch_scores", "scores_of"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Scores and ranks of the options under one method.

    Attributes
    ----------
    scores
        The method's own values: TOPSIS relative closeness, AHP global
        priority, VIKOR Q (lower is better), PROMETHEE II net flow, weighted
        sum of min-max normalised values.
    ranks
        1 = best; tied options share the best of their ranks.
    method, normalization
        What was run (the normalisation actually applied).
    inactive
        Indices of criteria set aside because every option scores the same.
    weights
        The weights actually used, over all criteria (0 for inactive ones).
    """

    scores: FloatArray
    ranks: IntArray
    method: MethodName
    normalization: str
    inactive: tuple[int, ...]
    weights: FloatArray

    @property
    def best(self) -> int:
        """Index of the first-ranked option (the lowest index among ties)."""
        return int(np.flatnonzero(self.ranks == 1)[0])


def method_settings(
    problem: Problem, *, normalization: str = "vector", vikor_v: float = 0.5, ahp_span: float | None = None,
) -> MethodSettings:
    """Validated method options; AHP's span defaults to the problem's range."""
    norm = check_normalization(normalization)
    if not 0.0 <= vikor_v <= 1.0:
        raise InputError("VIKOR's v must lie in [0, 1]", field="vikor_v", value=vikor_v)
    span = problem.span if ahp_span is None else float(ahp_span)
    if not (np.isfinite(span) and span > 0):
        raise InputError("the AHP score span must be a positive number", field="ahp_span", value=ahp_span)
    return MethodSettings(normalization=norm, vikor_v=float(vikor_v), ahp_span=span)


def evaluate_problem(problem: Problem, weights: npt.ArrayLike, *, method: str | Method = "topsis",
                     settings: MethodSettings | None = None) -> Evaluation:
    """Score and rank the options of a problem with one method (see :func:`evaluate`)."""
    how = get_method(method)
    opts = settings if settings is not None else method_settings(problem)
    w = check_weights(weights, problem.n_criteria)
    constant = problem.constant
    active = ~constant & (w > 0)
    if not np.any(active):
        raise DegenerateProblemError(
            "no criterion with a positive weight separates the options: every option scores the same on each of them",
            value=[int(i) for i in np.flatnonzero(constant)],
        )
    used = np.where(constant, 0.0, w)
    used = used / used.sum()
    m, t = problem.matrix, problem.types
    scores = np.asarray(how.single(m[:, active], used[active], t[active], opts), dtype=float)
    if not np.all(np.isfinite(scores)):  # a guard, not an expected path
        raise DegenerateProblemError(f"{how.name} produced non-finite scores", value=scores.tolist())
    ranks = rank_scores(scores, higher_is_better=not how.lower_is_better)
    for a in (scores, ranks, used):
        a.setflags(write=False)
    return Evaluation(scores=scores, ranks=ranks, method=how.name, normalization=how.normalization_used(opts.normalization),
                      inactive=tuple(int(i) for i in np.flatnonzero(constant)), weights=used)


def evaluate(
    matrix: npt.ArrayLike,
    weights: npt.ArrayLike,
    types: npt.ArrayLike,
    method: str = "topsis",
    normalization: str = "vector",
    *,
    vikor_v: float = 0.5,
    ahp_span: float | None = None,
) -> Evaluation:
    """Score and rank options with one MCDA method.

    Parameters
    ----------
    matrix
        Options x criteria performance values.
    weights
        One non-negative weight per criterion (divided by their total).
    types
        +1 for a benefit criterion, -1 for a cost criterion.
    method
        ``"topsis"``, ``"ahp"``, ``"vikor"``, ``"promethee_ii"`` or ``"wsm"``.
    normalization
        TOPSIS normalisation: ``"vector"`` (Hwang & Yoon's classic, default)
        or ``"minmax"``.
    vikor_v
        VIKOR's weight of the group-utility strategy (0..1).
    ahp_span
        Width of the score scale for AHP synthesis; default the range of the
        whole matrix. The appraisal passes 100 (its 0-100 scale).

    Returns
    -------
    Evaluation

    Raises
    ------
    InputError
        On malformed inputs (names the argument and the value found).
    DegenerateProblemError
        When no criterion with positive weight separates the options.
    """
    how = get_method(method)
    check_normalization(normalization)
    if not 0.0 <= vikor_v <= 1.0:
        raise InputError("VIKOR's v must lie in [0, 1]", field="vikor_v", value=vikor_v)
    problem = Problem.of(matrix, types, weights=weights)
    opts = method_settings(problem, normalization=normalization, vikor_v=vikor_v, ahp_span=ahp_span)
    return evaluate_problem(problem, weights, method=how, settings=opts)


def scores_of(method: Method, matrix: npt.ArrayLike, weights: npt.ArrayLike, types: npt.ArrayLike,
              settings: MethodSettings) -> FloatArray:
    """Scores (samples x options) for a stack of weight vectors.

    ``matrix`` is options x criteria or a stack (samples x options x
    criteria); each weight row is divided by its total, constant criteria are
    set aside and the remaining weights renormalised, exactly as
    :func:`evaluate_problem` does (TOPSIS and VIKOR are not scale-free in the
    weights' total, so this matters). Rows whose active weights are all zero
    give tied scores.
    """
    m = np.asarray(matrix, dtype=float)
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    if m.ndim == 3 and m.shape[0] != w.shape[0]:
        raise ValueError("a stack of matrices needs one weight vector per matrix")
    totals = w.sum(axis=1, keepdims=True)
    w = np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
    const = constant_columns(m)
    if const.any():
        w = np.where(const, 0.0, w)
        totals = w.sum(axis=1, keepdims=True)
        w = np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
    return method.batch(m, w, np.asarray(types, dtype=np.int64), settings)


def batch_scores(
    matrix: npt.ArrayLike,
    weights: npt.ArrayLike,
    types: npt.ArrayLike,
    *,
    method: str = "topsis",
    normalization: str = "vector",
    vikor_v: float = 0.5,
    ahp_span: float = 100.0,
) -> FloatArray:
    """Scores for a stack of weight vectors (samples x options); see :func:`scores_of`.

    Identical, to rounding, to running :func:`evaluate` once per sample.
    """
    settings = MethodSettings(normalization=check_normalization(normalization), vikor_v=vikor_v, ahp_span=ahp_span)
    return scores_of(get_method(method), matrix, weights, types, settings)
