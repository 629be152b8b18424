"""VIKOR: compromise ranking from group utility S and individual regret R.

Q = v (S - S*) / (S- - S*) + (1 - v) (R - R*) / (R- - R*); lower is better.
A zero range in S or R (all options equal on that measure) contributes 0
instead of 0/0.

References
----------
Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods:
A comparative analysis of VIKOR and TOPSIS. *European Journal of Operational
Research*, 156(2), 445-455.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .base import Method, MethodSettings
from .rules import chunks

__all__ = ["VIKOR"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _part(x: FloatArray) -> FloatArray:
    """(x - min) / range along the last axis, 0 where the range is 0."""
    lo = x.min(axis=-1, keepdims=True)
    rng = x.max(axis=-1, keepdims=True) - lo
    return np.asarray(np.divide(x - lo, rng, out=np.zeros_like(x), where=rng > 0), dtype=float)


def _single(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    from pymcdm import methods as pm  # deferred: importing pymcdm takes about a second

    with np.errstate(invalid="ignore", divide="ignore"):
        explained = pm.VIKOR(v=settings.vikor_v)(m, w, t, validation=False, verbose=True)
    # Q is recomputed from S and R (read by their labels) for the zero-range rule.
    table = {result.desc.label: result.data for result in explained.results}
    s = np.asarray(table["s"], dtype=float)
    r = np.asarray(table["r"], dtype=float)
    v = settings.vikor_v
    return np.asarray(v * _part(s) + (1 - v) * _part(r), dtype=float)


def _batch(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    benefit = np.asarray(t) > 0
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
    v = settings.vikor_v
    return np.asarray(v * _part(s) + (1 - v) * _part(r), dtype=float)


VIKOR = Method(
    name="vikor", label="VIKOR", short_label="VIKOR", lower_is_better=True, linear_in_weights=False,
    share_scores=False, normalizations=(), fixed_normalization="minmax", single=_single, batch=_batch,
)
