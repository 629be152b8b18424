"""AHP synthesis of options scored on a common scale.

The implied pairwise judgement between options i and j on one criterion is
``9 ** ((x_i - x_j) / span)`` (reversed for a cost criterion): a gap of the
whole scale is Saaty's "extreme" 9, equal scores are "equal". That matrix is
perfectly consistent, so its eigenvector, the local priorities, is
``9 ** (x / span)`` normalised to sum to 1; the global priority is their
weighted sum.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Lootsma, F. A. (1993). Scale sensitivity in the multiplicative AHP and SMART.
*Journal of Multi-Criteria Decision Analysis*, 2(2), 87-110 (exponential
scale linking score differences to pairwise ratios).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .base import Method, MethodSettings, linear_scores
from .rules import constant_columns

__all__ = ["AHP", "AHP_SCALE_RATIO", "ahp_local_priorities"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: A score gap of the full scale equals Saaty's "extreme" 9.
AHP_SCALE_RATIO = 9.0


def _local(m: FloatArray, t: IntArray, span: float) -> FloatArray:
    signed = m * np.asarray(t, dtype=float)
    raw = AHP_SCALE_RATIO ** ((signed - signed.max(axis=-2, keepdims=True)) / span)
    return np.asarray(raw / raw.sum(axis=-2, keepdims=True), dtype=float)


def ahp_local_priorities(column: npt.ArrayLike, *, benefit: bool, span: float) -> FloatArray:
    """Local priorities of the options on one criterion (see the module)."""
    x = np.asarray(column, dtype=float)
    signed = x if benefit else -x
    raw = AHP_SCALE_RATIO ** ((signed - signed.max()) / span)
    return np.asarray(raw / raw.sum(), dtype=float)


def _single(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    # One criterion at a time, as the method is defined: the batched kernel
    # computes all columns at once and is checked against this.
    local = np.column_stack([ahp_local_priorities(m[:, j], benefit=bool(t[j] > 0), span=settings.ahp_span)
                             for j in range(m.shape[1])])
    return np.asarray(local @ w, dtype=float)


def _batch(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    local = np.where(constant_columns(m)[..., None, :], 0.0, _local(m, t, settings.ahp_span))
    return linear_scores(np.asarray(local, dtype=float), w)


AHP = Method(
    name="ahp", label="AHP synthesis", short_label="AHP", lower_is_better=False, linear_in_weights=True,
    share_scores=True, normalizations=(), fixed_normalization="none", single=_single, batch=_batch,
)
