"""PROMETHEE II net outranking flows with the usual preference function.

References
----------
Brans, J. P., & Vincke, P. (1985). A preference ranking organisation method
(The PROMETHEE method for multiple criteria decision-making). *Management
Science*, 31(6), 647-656.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .base import Method, MethodSettings, linear_scores

__all__ = ["PROMETHEE_II"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _single(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    from pymcdm import methods as pm  # deferred: importing pymcdm takes about a second

    # A new object per call: pymcdm's PROMETHEE_II keeps state between calls.
    return np.asarray(pm.PROMETHEE_II("usual")(m, w, t, validation=False), dtype=float)


def _batch(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    # phi_ij = (1/(m-1)) * sum_k sign(x_ij - x_kj): net flow is linear in the weights.
    signed = m * np.asarray(t, dtype=float)
    diff = signed[..., :, None, :] - signed[..., None, :, :]
    components = np.sign(diff).sum(axis=-2) / max(1, m.shape[-2] - 1)
    return linear_scores(np.asarray(components, dtype=float), w)


PROMETHEE_II = Method(
    name="promethee_ii", label="PROMETHEE II", short_label="PROMETHEE II", lower_is_better=False,
    linear_in_weights=True, share_scores=False, normalizations=(), fixed_normalization="none",
    single=_single, batch=_batch,
)
