"""Weighted sum of min-max normalised values.

References
----------
Fishburn, P. C. (1967). Additive utilities with incomplete product set.
*Operations Research*, 15, 537-542.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .base import Method, MethodSettings, linear_scores
from .normalization import normalise

__all__ = ["WSM"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _single(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    from pymcdm import methods as pm  # deferred: importing pymcdm takes about a second
    from pymcdm import normalizations as pn

    return np.asarray(pm.WSM(normalization_function=pn.minmax_normalization)(m, w, t, validation=False), dtype=float)


def _batch(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    return linear_scores(normalise(m, t, "minmax"), w)


WSM = Method(
    name="wsm", label="Weighted sum", short_label="Weighted sum", lower_is_better=False, linear_in_weights=True,
    share_scores=True, normalizations=(), fixed_normalization="minmax", single=_single, batch=_batch,
)
