"""SMAA-2: stochastic multicriteria acceptability analysis.

Samples weights (and, optionally, performance matrices) and counts how often
each option takes each rank.

* Rank acceptability b_i^r: share of samples in which option i has rank r.
* Central weight vector w_i^c: mean of the weights under which i ranks first.
* Confidence factor p_i^c: share of performance-matrix samples in which i
  ranks first when its central weights are used (0 or 1 when the matrix is
  fixed).

Ties share the best rank (so an option tied for first counts as first).

References
----------
Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. *Operations Research*,
49(3), 444-454.
Tervonen, T., & Lahdelma, R. (2007). Implementing stochastic multicriteria
acceptability analysis. *European Journal of Operational Research*, 178(2),
500-513 (weight sampling on the simplex; 10,000 iterations as default).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..methods import (Method, MethodSettings, Problem, check_weights, chunks, first_place, get_method, method_settings, scores_of,
                       tally_ranks)

__all__ = ["SMAAResult", "FirstRankResult", "smaa", "smaa_problem", "smaa_first_rank", "sample_weights", "WeightModel"]

FloatArray = npt.NDArray[np.float64]
MatrixSampler = Callable[[np.random.Generator, int], FloatArray]


@dataclass(frozen=True, slots=True)
class WeightModel:
    """How weights are drawn (see :func:`sample_weights`): uniform when
    neither ``weights`` nor ``ranking`` is given."""

    weights: FloatArray | None = None
    concentration: float | None = None
    ranking: tuple[int, ...] | None = None

    @property
    def name(self) -> str:
        if self.ranking is not None:
            return "ordinal"
        if self.weights is None:
            return "uniform"
        return "fixed" if self.concentration is None else "dirichlet"


@dataclass(frozen=True, slots=True)
class SMAAResult:
    """Results of an SMAA-2 run.

    Attributes
    ----------
    rank_acceptability
        Options x ranks; each row sums to 1.
    central_weights
        Options x criteria; the row of an option that never ranks first is
        all zero (see ``first_counts``), never NaN.
    confidence
        Per option.
    first_counts
        Per option, the number of samples in which it ranked first.
    """

    rank_acceptability: FloatArray
    central_weights: FloatArray
    confidence: FloatArray
    first_counts: npt.NDArray[np.int64]
    n_samples: int
    method: str
    normalization: str
    weight_model: str
    concentration: float | None
    seed: int | None
    evidence_uncertainty: bool

    @property
    def first_rank_acceptability(self) -> FloatArray:
        return np.asarray(self.rank_acceptability[:, 0], dtype=float)


def sample_weights(
    rng: np.random.Generator,
    size: int,
    n: int,
    *,
    weights: FloatArray | None = None,
    concentration: float | None = None,
    ranking: Sequence[int] | None = None,
) -> FloatArray:
    """Draw weight vectors on the simplex.

    * no ``weights``, no ``ranking``: uniform on the simplex (Dirichlet(1, ..., 1));
    * ``weights`` and ``concentration``: Dirichlet(concentration x weights),
      centred on the weights; larger concentration, tighter spread;
    * ``weights`` alone: the weights themselves, every time;
    * ``ranking`` (criterion indices, most important first): uniform on the
      part of the simplex that respects the order (sorted uniform draws).
    """
    if ranking is not None:
        raw = np.sort(rng.dirichlet(np.ones(n), size=size), axis=1)[:, ::-1]
        out = np.empty_like(raw)
        out[:, list(ranking)] = raw
        return out
    if weights is None:
        return np.asarray(rng.dirichlet(np.ones(n), size=size), dtype=float)
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    if concentration is None:
        return np.repeat(w[None, :], size, axis=0)
    alpha = concentration * w
    # Dirichlet needs alpha > 0; a zero weight stays (almost) zero.
    alpha = np.maximum(alpha, 1e-9)
    return np.asarray(rng.dirichlet(alpha, size=size), dtype=float)


@dataclass(frozen=True, slots=True)
class FirstRankResult:
    """First-rank acceptability only (cheaper on large problems): the fields
    of :class:`SMAAResult` without the other ranks."""

    first_rank_acceptability: FloatArray
    central_weights: FloatArray
    confidence: FloatArray
    first_counts: npt.NDArray[np.int64]
    n_samples: int
    method: str
    weight_model: str


@dataclass(frozen=True, slots=True)
class _Counts:
    counts: npt.NDArray[np.int64]
    central: FloatArray
    confidence: FloatArray
    first_counts: npt.NDArray[np.int64]


def _model(problem: Problem, weights: npt.ArrayLike | None, concentration: float | None,
           ranking: Sequence[int] | None) -> WeightModel:
    if concentration is not None and not (np.isfinite(concentration) and concentration > 0):
        raise InputError("concentration must be a positive number", field="concentration", value=concentration)
    centre = None
    if weights is not None:
        check_weights(weights, problem.n_criteria)
        # The weights as given: sample_weights divides by their total itself.
        centre = np.array(weights, dtype=float).ravel()
        centre.setflags(write=False)
    if ranking is not None and sorted(ranking) != list(range(problem.n_criteria)):
        raise InputError("ranking must list every criterion index once", field="ranking", value=list(ranking))
    return WeightModel(weights=centre, concentration=concentration, ranking=None if ranking is None else tuple(ranking))


def _simulate(problem: Problem, model: WeightModel, *, n_samples: int, rng: np.random.Generator, how: Method,
              settings: MethodSettings, matrix_sampler: MatrixSampler | None, first_only: bool,
              progress: Callable[[int], None] | None) -> _Counts:
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise InputError("n_samples must be a positive whole number", field="n_samples", value=n_samples)
    m, t = problem.matrix, problem.types
    n_opt, n_crit = m.shape
    higher = not how.lower_is_better
    n_ranks = 1 if first_only else n_opt
    counts = np.zeros((n_opt, n_ranks), dtype=np.int64)
    first_w = np.zeros((n_opt, n_crit))
    done = 0
    # Elements of the largest temporary per sample: the weights and scores
    # (options + criteria) for a fixed matrix, a whole matrix when matrices are
    # sampled or for VIKOR's R; sorting for ranks needs a few more.
    per_sample = n_opt * n_crit if (matrix_sampler is not None or how.name == "vikor") else n_opt + n_crit
    for sl in chunks(n_samples, per_sample * 8):
        size = sl.stop - sl.start
        w = sample_weights(rng, size, n_crit, weights=model.weights, concentration=model.concentration, ranking=model.ranking)
        mats = matrix_sampler(rng, size) if matrix_sampler is not None else m
        scores = scores_of(how, mats, w, t, settings)
        if first_only:
            first = first_place(scores, higher_is_better=higher)
            counts[:, 0] += first.sum(axis=0)
            first_w += first.T.astype(float) @ w
        else:
            tally = tally_ranks(scores, higher_is_better=higher)
            counts += tally.counts
            # tally.first.T has the layout of the boolean first.T.astype(float),
            # so BLAS sums the same products in the same order: the same bits.
            first_w += tally.first.T @ w
        done += size
        if progress is not None:
            progress(done)
    first_counts = counts[:, 0].copy()
    central = np.divide(first_w, first_counts[:, None], out=np.zeros_like(first_w), where=first_counts[:, None] > 0)
    confidence = np.zeros(n_opt)
    n_conf = min(n_samples, 10_000) if matrix_sampler is not None else 1
    for i in np.flatnonzero(first_counts > 0):
        wc = np.repeat(central[i][None, :], n_conf, axis=0)
        mats = matrix_sampler(rng, n_conf) if matrix_sampler is not None else m
        s = scores_of(how, mats, wc, t, settings)
        confidence[i] = float(first_place(s, higher_is_better=higher)[:, i].mean())
    for a in (counts, central, confidence, first_counts):
        a.setflags(write=False)
    return _Counts(counts=counts, central=central, confidence=confidence, first_counts=first_counts)


def _prepare(problem: Problem, weights: npt.ArrayLike | None, method: str | Method, settings: MethodSettings | None,
             concentration: float | None, ranking: Sequence[int] | None) -> tuple[Method, MethodSettings, WeightModel]:
    how = get_method(method)
    opts = settings if settings is not None else method_settings(problem)
    return how, opts, _model(problem, weights, concentration, ranking)


def _generator(seed: int | np.random.Generator) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def smaa_problem(
    problem: Problem,
    weights: npt.ArrayLike | None = None,
    *,
    n_samples: int = 10_000,
    seed: int | np.random.Generator = 0,
    method: str | Method = "topsis",
    settings: MethodSettings | None = None,
    concentration: float | None = None,
    ranking: Sequence[int] | None = None,
    matrix_sampler: MatrixSampler | None = None,
    progress: Callable[[int], None] | None = None,
) -> SMAAResult:
    """Run SMAA-2 on a problem.

    Parameters
    ----------
    problem
        The central performance matrix and its criterion types.
    weights, concentration, ranking
        Weight model, see :func:`sample_weights`. None: uniform weights.
    n_samples
        Number of Monte Carlo samples.
    seed
        Seed or ``numpy.random.Generator``; the same seed gives the same numbers.
    method, settings
        The method and its options (default: TOPSIS, vector normalisation,
        AHP span the problem's range).
    matrix_sampler
        ``f(rng, size) -> size x options x criteria`` drawing performance
        matrices (evidence uncertainty). None: the matrix is fixed.
    progress
        Called with the number of samples done after each chunk.
    """
    how, opts, model = _prepare(problem, weights, method, settings, concentration, ranking)
    c = _simulate(problem, model, n_samples=n_samples, rng=_generator(seed), how=how, settings=opts,
                  matrix_sampler=matrix_sampler, first_only=False, progress=progress)
    acceptability = c.counts / float(n_samples)
    acceptability.setflags(write=False)
    return SMAAResult(
        rank_acceptability=acceptability, central_weights=c.central, confidence=c.confidence,
        first_counts=c.first_counts, n_samples=int(n_samples), method=how.name,
        normalization=opts.normalization if how.normalizations else "n/a", weight_model=model.name,
        concentration=concentration, seed=None if isinstance(seed, np.random.Generator) else int(seed),
        evidence_uncertainty=matrix_sampler is not None,
    )


def smaa_first_rank(
    problem: Problem,
    weights: npt.ArrayLike | None = None,
    *,
    n_samples: int = 10_000,
    seed: int | np.random.Generator = 0,
    method: str | Method = "topsis",
    settings: MethodSettings | None = None,
    concentration: float | None = None,
    ranking: Sequence[int] | None = None,
    matrix_sampler: MatrixSampler | None = None,
    progress: Callable[[int], None] | None = None,
) -> FirstRankResult:
    """:func:`smaa_problem` counting first places only: the same numbers for
    first place, found without ranking every option."""
    how, opts, model = _prepare(problem, weights, method, settings, concentration, ranking)
    c = _simulate(problem, model, n_samples=n_samples, rng=_generator(seed), how=how, settings=opts,
                  matrix_sampler=matrix_sampler, first_only=True, progress=progress)
    acceptability = c.first_counts / float(n_samples)
    acceptability.setflags(write=False)
    return FirstRankResult(first_rank_acceptability=acceptability, central_weights=c.central, confidence=c.confidence,
                           first_counts=c.first_counts, n_samples=int(n_samples), method=how.name, weight_model=model.name)


def smaa(
    matrix: npt.ArrayLike,
    types: npt.ArrayLike,
    n_samples: int = 10_000,
    method: str = "topsis",
    weights: npt.ArrayLike | None = None,
    concentration: float | None = None,
    seed: int | np.random.Generator = 0,
    *,
    normalization: str = "vector",
    ranking: Sequence[int] | None = None,
    matrix_sampler: MatrixSampler | None = None,
    vikor_v: float = 0.5,
    ahp_span: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> SMAAResult:
    """Run SMAA-2 from arrays: :func:`smaa_problem` on ``Problem.of(matrix, types)``.

    ``method`` is ``topsis`` (default, vector normalisation as in
    :func:`decision.evaluate`), ``ahp``, ``vikor``, ``promethee_ii`` or ``wsm``.
    """
    how = get_method(method)
    problem = Problem.of(matrix, types)
    opts = method_settings(problem, normalization=normalization, vikor_v=vikor_v, ahp_span=ahp_span)
    return smaa_problem(problem, weights, n_samples=n_samples, seed=seed, method=how, settings=opts,
                        concentration=concentration, ranking=ranking, matrix_sampler=matrix_sampler, progress=progress)
