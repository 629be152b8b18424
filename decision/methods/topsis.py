"""TOPSIS: relative closeness to the ideal and away from the anti-ideal.

References
----------
Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making:
Methods and Applications*. Springer (vector normalisation is the classic).
Kizielewicz, B., Shekhovtsov, A., & Sałabun, W. (2023). pymcdm - The
universal library for solving multi-criteria decision-making problems.
*SoftwareX*, 22, 101368 (the single evaluation).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .base import Method, MethodSettings
from .normalization import normalise

__all__ = ["TOPSIS"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _single(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    from pymcdm import methods as pm  # deferred: importing pymcdm takes about a second
    from pymcdm import normalizations as pn

    # pymcdm names its normalisations "<name>_normalization".
    norm = getattr(pn, f"{settings.normalization}_normalization")
    # Inputs are validated by Problem; pymcdm's own validation warns about
    # dominated options, which are legitimate here.
    return np.asarray(pm.TOPSIS(normalization_function=norm)(m, w, t, validation=False), dtype=float)


def _batch(m: FloatArray, w: FloatArray, t: IntArray, settings: MethodSettings) -> FloatArray:
    # For non-negative weights the weighted ideal and anti-ideal are the
    # weights times the column maximum and minimum of the normalised matrix,
    # so squared distances are products of squared weights with fixed gaps.
    n = normalise(m, t, settings.normalization)
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


TOPSIS = Method(
    name="topsis", label="TOPSIS", short_label="TOPSIS", lower_is_better=False, linear_in_weights=False,
    share_scores=True, normalizations=("vector", "minmax"), fixed_normalization="vector", single=_single, batch=_batch,
)
