"""Batched scoring kernels: many weight vectors (and matrices) at once.

Pure numpy, no I/O. Each kernel takes a performance matrix (options x
criteria), or a stack of them (samples x options x criteria), and a stack of
weight vectors (samples x criteria), and returns scores (samples x options)
identical, to rounding, to running the single-problem method once per sample.

Why they are fast: for non-negative weights the weighted ideal and anti-ideal
of TOPSIS are the weights times the column maximum and minimum of the
normalised matrix, so squared distances are matrix products of the squared
weights with fixed squared gaps. PROMETHEE II (usual preference function),
AHP synthesis and the weighted sum are linear in the weights. VIKOR's S is
linear; its R is a maximum over criteria, computed in chunks.

Constant criteria contribute nothing (as in :func:`decision.evaluate`, where
they are set aside); rows whose active weights are all zero give tied scores.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np
import numpy.typing as npt

from ..methods import AHP_SCALE_RATIO

__all__ = [
    "normalise",
    "batch_scores",
    "batch_ranks",
    "first_place",
    "chunks",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_TIE = 1e-9
#: Upper bound on the elements of any temporary array a kernel builds per chunk.
CHUNK_ELEMENTS = 4_000_000


def chunks(n_samples: int, per_sample: int) -> Iterator[slice]:
    """Slices over samples so that a chunk's temporaries stay bounded."""
    step = max(1, CHUNK_ELEMENTS // max(1, per_sample))
    for start in range(0, n_samples, step):
        yield slice(start, min(n_samples, start + step))


def _constant(m: FloatArray) -> npt.NDArray[np.bool_]:
    spread = m.max(axis=-2) - m.min(axis=-2)
    scale = np.maximum(1.0, np.abs(m).max(axis=-2))
    return np.asarray(spread <= 1e-12 * scale)


def normalise(matrix: FloatArray, types: IntArray, how: str) -> FloatArray:
    """Column normalisation as pymcdm does it, with constant columns zeroed.

    ``how`` is ``"vector"`` (x / ||x||, cost: 1 - x / ||x||) or ``"minmax"``
    ((x - min) / (max - min), cost reversed). Works on (..., options, criteria).
    """
    m = np.asarray(matrix, dtype=float)
    const = _constant(m)
    benefit = np.asarray(types) > 0
    if how == "vector":
        norm = np.sqrt((m**2).sum(axis=-2, keepdims=True))
        safe = np.where(norm == 0, 1.0, norm)
        v = m / safe
        out = np.where(benefit, v, 1.0 - v)
    elif how == "minmax":
        lo = m.min(axis=-2, keepdims=True)
        hi = m.max(axis=-2, keepdims=True)
        span = np.where(hi - lo == 0, 1.0, hi - lo)
        out = np.where(benefit, (m - lo) / span, (hi - m) / span)
    else:
        raise ValueError(f"unknown normalisation {how!r}")
    return np.asarray(np.where(const[..., None, :], 0.0, out), dtype=float)


def _topsis(m: FloatArray, w: FloatArray, types: IntArray, how: str) -> FloatArray:
    n = normalise(m, types, how)
    gap_best = (n - n.max(axis=-2, keepdims=True)) ** 2
    gap_worst = (n - n.min(axis=-2, keepdims=True)) ** 2
    w2 = w**2
    if m.ndim == 2:
        dp = np.sqrt(w2 @ gap_best.T)
        dm = np.sqrt(w2 @ gap_worst.T)
    else:
        dp = np.sqrt(np.einsum("sj,sij->si", w2, gap_best))
        dm = np.sqrt(np.einsum("sj,sij->si", w2, gap_worst))
    total = dp + dm
    return np.asarray(np.divide(dm, total, out=np.full_like(total, 0.5), where=total > 0), dtype=float)


def _linear(components: FloatArray, w: FloatArray) -> FloatArray:
    if components.ndim == 2:
        return np.asarray(w @ components.T, dtype=float)
    return np.asarray(np.einsum("sj,sij->si", w, components), dtype=float)


def _promethee_components(m: FloatArray, types: IntArray) -> FloatArray:
    signed = m * np.asarray(types, dtype=float)
    # phi_ij = (1/(m-1)) * sum_k sign(x_ij - x_kj), the usual preference function
    diff = signed[..., :, None, :] - signed[..., None, :, :]
    n_opt = m.shape[-2]
    return np.asarray(np.sign(diff).sum(axis=-2) / max(1, n_opt - 1), dtype=float)


def _ahp_components(m: FloatArray, types: IntArray, span: float) -> FloatArray:
    signed = m * np.asarray(types, dtype=float)
    raw = AHP_SCALE_RATIO ** ((signed - signed.max(axis=-2, keepdims=True)) / span)
    local = raw / raw.sum(axis=-2, keepdims=True)
    return np.asarray(np.where(_constant(m)[..., None, :], 0.0, local), dtype=float)


def _vikor(m: FloatArray, w: FloatArray, types: IntArray, v: float) -> FloatArray:
    benefit = np.asarray(types) > 0
    best = np.where(benefit, m.max(axis=-2), m.min(axis=-2))
    worst = np.where(benefit, m.min(axis=-2), m.max(axis=-2))
    span = best - worst
    safe = np.where(span == 0, 1.0, span)
    d = np.where(span[..., None, :] == 0, 0.0, (best[..., None, :] - m) / safe[..., None, :])
    if m.ndim == 2:
        s = w @ d.T
        r = np.empty_like(s)
        for sl in chunks(w.shape[0], d.size):
            r[sl] = (w[sl, None, :] * d[None, :, :]).max(axis=-1)
    else:
        s = np.einsum("sj,sij->si", w, d)
        r = (w[:, None, :] * d).max(axis=-1)

    def part(x: FloatArray) -> FloatArray:
        lo = x.min(axis=1, keepdims=True)
        rng = x.max(axis=1, keepdims=True) - lo
        return np.asarray(np.divide(x - lo, rng, out=np.zeros_like(x), where=rng > 0), dtype=float)

    return np.asarray(v * part(s) + (1 - v) * part(r), dtype=float)


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
    """Scores for a stack of weight vectors (samples x options).

    Parameters
    ----------
    matrix
        Options x criteria, or samples x options x criteria.
    weights
        Samples x criteria, non-negative; each row is divided by its total.
    types
        +1 benefit, -1 cost per criterion.
    method
        ``topsis``, ``ahp``, ``vikor``, ``promethee_ii`` or ``wsm``.
    """
    m = np.asarray(matrix, dtype=float)
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    t = np.asarray(types, dtype=np.int64)
    totals = w.sum(axis=1, keepdims=True)
    w = np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
    if m.ndim == 3 and m.shape[0] != w.shape[0]:
        raise ValueError("a stack of matrices needs one weight vector per matrix")
    # Constant criteria are set aside and the remaining weights renormalised,
    # exactly as decision.evaluate does (VIKOR and TOPSIS are not scale-free in
    # the weights' total, so this matters).
    const = _constant(m)
    if const.any():
        w = np.where(const, 0.0, w)
        totals = w.sum(axis=1, keepdims=True)
        w = np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
    if method == "topsis":
        return _topsis(m, w, t, normalization)
    if method == "wsm":
        return _linear(normalise(m, t, "minmax"), w)
    if method == "promethee_ii":
        return _linear(_promethee_components(m, t), w)
    if method == "ahp":
        return _linear(_ahp_components(m, t, ahp_span), w)
    if method == "vikor":
        return _vikor(m, w, t, vikor_v)
    raise ValueError(f"unknown method {method!r}")


def batch_ranks(scores: FloatArray, *, higher_is_better: bool = True) -> IntArray:
    """Competition ranks per row (1 = best; near-equal scores tie on the best rank)."""
    s = np.asarray(scores, dtype=float)
    key = -s if higher_is_better else s
    if s.shape[1] <= 16:
        # Few options: compare every pair directly (cheaper than sorting, and
        # exactly the rule: 1 + the number of options better by more than the tolerance).
        tol = _TIE * np.maximum(1.0, np.abs(s).max(axis=1, keepdims=True))
        better = key[:, None, :] < key[:, :, None] - tol[:, :, None]
        return np.asarray(1 + better.sum(axis=2), dtype=np.int64)
    order = np.argsort(key, axis=1)  # tied ranks come from the values, so sort stability is not needed
    sorted_key = np.take_along_axis(key, order, axis=1)
    scale = np.maximum(1.0, np.abs(s).max(axis=1, keepdims=True))
    new = np.ones_like(sorted_key, dtype=bool)
    new[:, 1:] = np.diff(sorted_key, axis=1) > _TIE * scale
    positions = np.where(new, np.arange(s.shape[1])[None, :], 0)
    sorted_ranks = np.maximum.accumulate(positions, axis=1) + 1
    ranks = np.empty_like(sorted_ranks)
    np.put_along_axis(ranks, order, sorted_ranks, axis=1)
    # Chained near-ties (a ~ b ~ c but a not ~ c) need the exact rule: rank =
    # 1 + number of scores better by more than the tolerance. They are rare,
    # so only rows with any tie are recomputed.
    tied_rows = np.flatnonzero((~new[:, 1:]).any(axis=1))
    for r in tied_rows:
        k = key[r]
        ranks[r] = 1 + (k[None, :] < k[:, None] - _TIE * scale[r, 0]).sum(axis=1)
    return np.asarray(ranks, dtype=np.int64)


def first_place(scores: FloatArray, *, higher_is_better: bool = True) -> npt.NDArray[np.bool_]:
    """Which options share first place in each row (cheaper than full ranks)."""
    s = np.asarray(scores, dtype=float)
    best = s.max(axis=1, keepdims=True) if higher_is_better else s.min(axis=1, keepdims=True)
    scale = np.maximum(1.0, np.abs(s).max(axis=1, keepdims=True))
    return np.asarray(np.abs(s - best) <= _TIE * scale)
