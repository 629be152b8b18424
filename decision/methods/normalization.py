"""Column normalisations of a performance matrix, as pymcdm defines them,
with constant criteria zeroed (they are set aside by every method).

References
----------
Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making:
Methods and Applications*. Springer (vector normalisation).
"""

from __future__ import annotations

from typing import get_args

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..model import Normalization
from .rules import constant_columns

__all__ = ["Normalization", "NORMALIZATIONS", "check_normalization", "normalise"]

FloatArray = npt.NDArray[np.float64]
NORMALIZATIONS: tuple[Normalization, ...] = get_args(Normalization)


def check_normalization(name: str) -> Normalization:
    """The normalisation named, or InputError naming the known ones."""
    for known in NORMALIZATIONS:
        if name == known:
            return known
    raise InputError(f"unknown normalisation (known: {', '.join(NORMALIZATIONS)})", field="normalization", value=name)


def normalise(matrix: FloatArray, types: npt.ArrayLike, how: str) -> FloatArray:
    """Normalise the columns of (..., options, criteria).

    ``vector``: x / ||x|| (cost: 1 - x / ||x||); ``minmax``:
    (x - min) / (max - min) (cost reversed). Constant columns become 0.
    """
    m = np.asarray(matrix, dtype=float)
    benefit = np.asarray(types) > 0
    if how == "vector":
        norm = np.sqrt((m**2).sum(axis=-2, keepdims=True))
        v = m / np.where(norm == 0, 1.0, norm)
        out = np.where(benefit, v, 1.0 - v)
    elif how == "minmax":
        lo = m.min(axis=-2, keepdims=True)
        hi = m.max(axis=-2, keepdims=True)
        span = np.where(hi - lo == 0, 1.0, hi - lo)
        out = np.where(benefit, (m - lo) / span, (hi - m) / span)
    else:
        check_normalization(how)
    return np.asarray(np.where(constant_columns(m)[..., None, :], 0.0, out), dtype=float)
