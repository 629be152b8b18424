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
from ..methods import LOWER_IS_BETTER, METHODS, NORMALIZATIONS
from .kernels import batch_ranks, batch_scores, chunks, first_place

__all__ = ["SMAAResult", "smaa", "sample_weights"]

FloatArray = npt.NDArray[np.float64]
MatrixSampler = Callable[[np.random.Generator, int], FloatArray]


@dataclass(frozen=True)
class SMAAResult:
    """Results of an SMAA-2 run.

    Attributes
    ----------
    rank_acceptability
        Options x ranks; each row sums to 1. With ``first_rank_only`` it has
        one column, the first-rank acceptability.
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
    first_rank_only: bool = False,
    progress: Callable[[int], None] | None = None,
) -> SMAAResult:
    """Run SMAA-2.

    Parameters
    ----------
    matrix
        Options x criteria (the central performance matrix).
    types
        +1 benefit, -1 cost per criterion.
    n_samples
        Number of Monte Carlo samples.
    method
        ``topsis`` (default, vector normalisation as in :func:`decision.evaluate`),
        ``ahp``, ``vikor``, ``promethee_ii`` or ``wsm``.
    weights, concentration, ranking
        Weight model, see :func:`sample_weights`. None: uniform weights.
    seed
        Seed or ``numpy.random.Generator``; the same seed gives the same numbers.
    matrix_sampler
        ``f(rng, size) -> size x options x criteria`` drawing performance
        matrices (evidence uncertainty). None: the matrix is fixed.
    first_rank_only
        Count only first places (faster on large problems); the result's
        ``rank_acceptability`` then has a single column.
    progress
        Called with the number of samples done after each chunk.
    """
    if method not in METHODS:
        raise InputError(f"unknown method (known: {', '.join(METHODS)})", field="method", value=method)
    if normalization not in NORMALIZATIONS:
        raise InputError(f"unknown normalisation (known: {', '.join(NORMALIZATIONS)})", field="normalization", value=normalization)
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise InputError("n_samples must be a positive whole number", field="n_samples", value=n_samples)
    if concentration is not None and not (np.isfinite(concentration) and concentration > 0):
        raise InputError("concentration must be a positive number", field="concentration", value=concentration)
    m = np.array(matrix, dtype=float)
    if m.ndim != 2 or not np.all(np.isfinite(m)):
        raise InputError("matrix must be a finite 2-D array", field="matrix", value=m.shape)
    t = np.array(types, dtype=np.int64)
    n_opt, n_crit = m.shape
    if t.size != n_crit or not np.all(np.isin(t, (1, -1))):
        raise InputError("types must hold +1 or -1 for each criterion", field="types", value=t.tolist())
    w_centre = None
    if weights is not None:
        w_centre = np.array(weights, dtype=float)
        if w_centre.size != n_crit or np.any(w_centre < 0) or not np.all(np.isfinite(w_centre)) or w_centre.sum() <= 0:
            raise InputError("weights must be non-negative, finite, one per criterion, not all zero", field="weights", value=w_centre.tolist())
    if ranking is not None and sorted(ranking) != list(range(n_crit)):
        raise InputError("ranking must list every criterion index once", field="ranking", value=list(ranking))
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    span = float(ahp_span) if ahp_span is not None else (float(np.ptp(m)) or 1.0)
    higher = method not in LOWER_IS_BETTER
    n_ranks = 1 if first_rank_only else n_opt
    counts = np.zeros((n_opt, n_ranks), dtype=np.int64)
    first_w = np.zeros((n_opt, n_crit))
    done = 0
    # Elements of the largest temporary per sample: the weights and scores
    # (options + criteria) for a fixed matrix, a whole matrix when matrices are
    # sampled or for VIKOR's R; sorting for ranks needs a few more.
    per_sample = n_opt * n_crit if (matrix_sampler is not None or method == "vikor") else n_opt + n_crit
    for sl in chunks(n_samples, per_sample * 8):
        size = sl.stop - sl.start
        w = sample_weights(rng, size, n_crit, weights=w_centre, concentration=concentration, ranking=ranking)
        mats = matrix_sampler(rng, size) if matrix_sampler is not None else m
        scores = batch_scores(mats, w, t, method=method, normalization=normalization, vikor_v=vikor_v, ahp_span=span)
        if first_rank_only:
            first = first_place(scores, higher_is_better=higher)
            counts[:, 0] += first.sum(axis=0)
        else:
            ranks = batch_ranks(scores, higher_is_better=higher)
            first = ranks == 1
            flat = np.arange(n_opt)[None, :] * n_ranks + (ranks - 1)
            counts += np.bincount(flat.ravel(), minlength=n_opt * n_ranks).reshape(n_opt, n_ranks)
        first_w += first.T.astype(float) @ w
        done += size
        if progress is not None:
            progress(done)
    first_counts = counts[:, 0].copy() if first_rank_only else np.asarray(counts[:, 0])
    acceptability = counts / float(n_samples)
    central = np.divide(first_w, first_counts[:, None], out=np.zeros_like(first_w), where=first_counts[:, None] > 0)
    confidence = np.zeros(n_opt)
    n_conf = min(n_samples, 10_000) if matrix_sampler is not None else 1
    for i in np.flatnonzero(first_counts > 0):
        wc = np.repeat(central[i][None, :], n_conf, axis=0)
        mats = matrix_sampler(rng, n_conf) if matrix_sampler is not None else m
        s = batch_scores(mats, wc, t, method=method, normalization=normalization, vikor_v=vikor_v, ahp_span=span)
        confidence[i] = float(first_place(s, higher_is_better=higher)[:, i].mean())
    for a in (acceptability, central, confidence, first_counts):
        a.setflags(write=False)
    if ranking is not None:
        model = "ordinal"
    elif w_centre is None:
        model = "uniform"
    elif concentration is None:
        model = "fixed"
    else:
        model = "dirichlet"
    return SMAAResult(
        rank_acceptability=acceptability, central_weights=central, confidence=confidence,
        first_counts=first_counts, n_samples=int(n_samples), method=method,
        normalization=normalization if method == "topsis" else "n/a", weight_model=model,
        concentration=concentration, seed=None if isinstance(seed, np.random.Generator) else int(seed),
        evidence_uncertainty=matrix_sampler is not None,
    )
