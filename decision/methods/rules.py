"""The rules every method obeys: when scores tie, when a criterion is
constant, and how batches are cut into bounded chunks.

Ties: options whose scores differ by at most ``TIE_TOLERANCE`` times the
larger of 1 and the largest absolute score share the best of their ranks
(competition ranking: 1, 1, 3, 4). A criterion is constant when its spread
is at most ``CONSTANT_TOLERANCE`` times the larger of 1 and its largest
absolute value: it cannot separate the options and is set aside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np
import numpy.typing as npt

__all__ = [
    "TIE_TOLERANCE",
    "CONSTANT_TOLERANCE",
    "CHUNK_ELEMENTS",
    "constant_columns",
    "rank_scores",
    "batch_ranks",
    "RankTally",
    "tally_ranks",
    "first_place",
    "chunks",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

TIE_TOLERANCE = 1e-9
CONSTANT_TOLERANCE = 1e-12
#: Upper bound on the elements of any temporary array a kernel builds per chunk.
CHUNK_ELEMENTS = 4_000_000
#: Up to this many options ranks come from comparing every pair (cheaper
#: than sorting); beyond it from a sort.
PAIRWISE_OPTIONS = 16
#: Elements per block of rows when ranking by sorting (about 1 MB of floats).
_SORT_BLOCK = 131_072


def constant_columns(matrix: FloatArray) -> BoolArray:
    """Which criteria score every option the same, per matrix of (..., options, criteria)."""
    m = np.asarray(matrix, dtype=float)
    spread = m.max(axis=-2) - m.min(axis=-2)
    scale = np.maximum(1.0, np.abs(m).max(axis=-2))
    return np.asarray(spread <= CONSTANT_TOLERANCE * scale)


def chunks(n_samples: int, per_sample: int) -> Iterator[slice]:
    """Slices over samples so that a chunk's temporaries stay bounded."""
    step = max(1, CHUNK_ELEMENTS // max(1, per_sample))
    for start in range(0, n_samples, step):
        yield slice(start, min(n_samples, start + step))


def _tolerance(scores: FloatArray) -> FloatArray:
    return np.asarray(TIE_TOLERANCE * np.maximum(1.0, np.abs(scores).max(axis=1, keepdims=True)), dtype=float)


def batch_ranks(scores: FloatArray, *, higher_is_better: bool = True) -> IntArray:
    """Competition ranks per row of a (samples x options) array: 1 + the
    number of options better by more than the tie tolerance."""
    s = np.asarray(scores, dtype=float)
    key = -s if higher_is_better else s
    tol = _tolerance(s)
    if s.shape[1] <= PAIRWISE_OPTIONS:
        # Few options: compare every pair directly (cheaper than sorting).
        better = key[:, None, :] < key[:, :, None] - tol[:, :, None]
        return np.asarray(1 + better.sum(axis=2), dtype=np.int64)
    order = np.argsort(key, axis=1)  # tied ranks come from the values, so sort stability is not needed
    sorted_key = np.take_along_axis(key, order, axis=1)
    new = np.ones_like(sorted_key, dtype=bool)
    new[:, 1:] = np.diff(sorted_key, axis=1) > tol
    positions = np.where(new, np.arange(s.shape[1])[None, :], 0)
    sorted_ranks = np.maximum.accumulate(positions, axis=1) + 1
    ranks = np.empty_like(sorted_ranks)
    np.put_along_axis(ranks, order, sorted_ranks, axis=1)
    # Chained near-ties (a ~ b ~ c but a not ~ c) need the exact rule. They
    # are rare, so only rows with any tie are recomputed.
    for r in np.flatnonzero((~new[:, 1:]).any(axis=1)):
        k = key[r]
        ranks[r] = 1 + (k[None, :] < k[:, None] - tol[r, 0]).sum(axis=1)
    return np.asarray(ranks, dtype=np.int64)


def rank_scores(scores: npt.ArrayLike, *, higher_is_better: bool = True) -> IntArray:
    """Competition ranks (1 = best) of one score vector, near-equal scores tied."""
    s = np.asarray(scores, dtype=float).ravel()
    if s.size == 0:
        return np.empty(0, dtype=np.int64)
    return np.asarray(batch_ranks(s[None, :], higher_is_better=higher_is_better)[0], dtype=np.int64)


def first_place(scores: FloatArray, *, higher_is_better: bool = True) -> BoolArray:
    """Which options share first place in each row (cheaper than full ranks)."""
    s = np.asarray(scores, dtype=float)
    best = s.max(axis=1, keepdims=True) if higher_is_better else s.min(axis=1, keepdims=True)
    return np.asarray(np.abs(s - best) <= _tolerance(s))


@dataclass(frozen=True, slots=True)
class RankTally:
    """Competition ranks of a batch, counted (see :func:`tally_ranks`).

    Attributes
    ----------
    counts
        Options x ranks: ``counts[i, r]`` samples in which option i has rank r + 1.
    first
        Samples x options, 1.0 where the option shares first place, else 0.0
        (float, ready to weigh samples).
    """

    counts: IntArray
    first: FloatArray


def tally_ranks(scores: FloatArray, *, higher_is_better: bool = True) -> RankTally:
    """The ranks of :func:`batch_ranks`, counted per option and rank, without
    building the samples x options array of ranks.

    The same tie rule, computed the same way (so the counts equal a
    ``bincount`` of :func:`batch_ranks`, ties included): pairwise on columns
    for few options, from one sort with the exact pairwise rule on rows with
    any near-tie otherwise.
    """
    s = np.asarray(scores, dtype=float)
    first = np.zeros(s.shape)
    if s.shape[1] <= PAIRWISE_OPTIONS:
        counts = _tally_pairwise(s, higher_is_better, first)
    else:
        counts = _tally_sorted(s, higher_is_better, first)
    return RankTally(counts=counts, first=first)


def _column_tolerance(cols: FloatArray) -> FloatArray | float:
    # The tolerance of _tolerance, from options x samples columns. Scores
    # within [-1, 1] (TOPSIS, WSM, AHP shares) give exactly TIE_TOLERANCE.
    if np.abs(cols).max() <= 1.0:
        return TIE_TOLERANCE
    top = np.abs(cols[0])
    for row in cols[1:]:
        np.maximum(top, np.abs(row), out=top)
    return np.asarray(TIE_TOLERANCE * np.maximum(1.0, top), dtype=float)


def _tally_pairwise(s: FloatArray, higher_is_better: bool, first: FloatArray) -> IntArray:
    # batch_ranks's rule key_j < key_i - tol with key = -s reads s_j > s_i + tol
    # (negation is exact, so the rounding is the same); on contiguous columns
    # each pair is one vector comparison and the ranks fit in int8.
    n = s.shape[1]
    cols = np.ascontiguousarray(s.T)
    tol = _column_tolerance(cols)
    beats = np.greater if higher_is_better else np.less
    ranks = np.zeros(cols.shape, dtype=np.int8)  # rank - 1
    hit = np.empty(cols.shape[1], dtype=bool)
    hit8 = hit.view(np.int8)
    counts = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        bar = cols[i] + tol if higher_is_better else cols[i] - tol
        for j in range(n):
            if j != i:
                beats(cols[j], bar, out=hit)
                np.add(ranks[i], hit8, out=ranks[i])
        for r in range(n):
            np.equal(ranks[i], r, out=hit)
            counts[i, r] = np.count_nonzero(hit)
            if r == 0:
                first[:, i] = hit
    return counts


def _tally_sorted(s: FloatArray, higher_is_better: bool, first: FloatArray) -> IntArray:
    # Rows without a near-tie rank in sorted order: the option at sorted
    # position k has rank k + 1, so the count of (rank k + 1, option order[k])
    # grows by one, with no scatter of ranks back into option order. Blocks of
    # rows keep the temporaries in cache.
    size, n = s.shape
    by_rank = np.zeros(n * n, dtype=np.int64)  # ranks x options, flattened
    rank_base = np.arange(n) * n
    step = max(1, _SORT_BLOCK // n)
    for start in range(0, size, step):
        stop = min(size, start + step)
        block = -s[start:stop] if higher_is_better else s[start:stop]
        tol = _tolerance(block)  # |-s| is |s|: the same tolerance
        order = np.argsort(block, axis=1)
        sorted_key = np.take_along_axis(block, order, axis=1)
        gaps = np.subtract(sorted_key[:, 1:], sorted_key[:, :-1])
        tied = ~np.greater(gaps, tol, out=np.empty(gaps.shape, dtype=bool)).all(axis=1)
        first[np.arange(start, stop), order[:, 0]] = 1.0
        flat = np.add(order, rank_base, out=order)
        for r in np.flatnonzero(tied):
            k = block[r]
            rank0 = (k[None, :] < k[:, None] - tol[r, 0]).sum(axis=1)
            flat[r] = rank0 * n + np.arange(n)
            first[start + r] = rank0 == 0
        by_rank += np.bincount(flat.ravel(), minlength=n * n)
    return np.ascontiguousarray(by_rank.reshape(n, n).T)
