"""AHP priorities and consistency of a pairwise comparison matrix, with the
random index tables the consistency ratio can use.

References
----------
.. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
   Principal-eigenvector priorities, consistency index and ratio; random index
   table used by default here.
.. [2] Saaty, T. L. (2005). *Theory and Applications of the Analytic Network
   Process*. RWS Publications (revised random index).
.. [3] Donegan, H. A., & Dodd, F. J. (1991). A note on Saaty's random indexes.
   *Mathematical and Computer Modelling*, 15(10), 135-137.
.. [4] Tummala, V. M. R., & Ling, H. (1998). A note on the computation of the
   mean random consistency index of the analytic hierarchy process (AHP).
   *Theory and Decision*, 44, 221-230.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

import numpy as np
import numpy.typing as npt

from ..errors import InputError

__all__ = ["RANDOM_INDEX", "RANDOM_INDEX_NAMES", "CR_LIMIT", "AHPResult", "ahp_priorities"]

FloatArray = npt.NDArray[np.float64]

#: Random consistency index by matrix size n (n = 1, 2 are always consistent).
RANDOM_INDEX: Mapping[str, Mapping[int, float]] = MappingProxyType({
    "saaty1980": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}),
    "saaty2005": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45, 10: 1.49}),
    "donegan_dodd1991": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171, 9: 1.3733, 10: 1.4055}),
    "tummala_ling1998": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.5799, 4: 0.8921, 5: 1.1159, 6: 1.2358, 7: 1.3322, 8: 1.3952, 9: 1.4537, 10: 1.4882}),
})
RANDOM_INDEX_NAMES: Mapping[str, str] = MappingProxyType({
    "saaty1980": "Saaty (1980)",
    "saaty2005": "Saaty (2005)",
    "donegan_dodd1991": "Donegan & Dodd (1991)",
    "tummala_ling1998": "Tummala & Ling (1998)",
})
#: Saaty's acceptance limit for the consistency ratio.
CR_LIMIT = 0.10
_RECIPROCAL_TOLERANCE = 0.01


@dataclass(frozen=True, slots=True)
class AHPResult:
    """Priorities from a pairwise comparison matrix.

    Attributes
    ----------
    weights
        Principal right eigenvector, normalised to sum to 1.
    lambda_max
        Principal eigenvalue.
    ci
        Consistency index ``(lambda_max - n) / (n - 1)`` (0 for n <= 2).
    cr
        Consistency ratio ``ci / RI(n)`` (0 for n <= 2).
    ri
        The random index used.
    ri_table
        Key of the random index table, e.g. ``"saaty1980"``.
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    n: int

    @property
    def consistent(self) -> bool:
        return self.cr <= CR_LIMIT


def ahp_priorities(matrix: npt.ArrayLike, *, ri_table: str = "saaty1980") -> AHPResult:
    """Priority weights and consistency of a pairwise comparison matrix.

    Parameters
    ----------
    matrix
        Square, positive, reciprocal matrix: entry (i, j) says how many times
        more important i is than j; (j, i) must be its reciprocal (to 1%).
    ri_table
        Random index table for the consistency ratio: ``"saaty1980"``
        (default), ``"saaty2005"``, ``"donegan_dodd1991"`` or
        ``"tummala_ling1998"``. The CR verdict at 0.10 can change between
        tables, so the table is part of the result.

    Returns
    -------
    AHPResult

    Raises
    ------
    InputError
        If the matrix is not square, not finite and positive, or not reciprocal,
        or the table has no random index for its size.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    """
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InputError("pairwise matrix must be square and numeric", field="matrix", value=repr(matrix)[:200]) from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise InputError("pairwise matrix must be square and non-empty", field="matrix", value=a.shape)
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise InputError("pairwise judgements must be finite and positive", field="matrix", value=a[~np.isfinite(a) | (a <= 0)].tolist())
    n = a.shape[0]
    if ri_table not in RANDOM_INDEX:
        raise InputError(f"unknown random index table (known: {', '.join(RANDOM_INDEX)})", field="ri_table", value=ri_table)
    if n not in RANDOM_INDEX[ri_table]:
        raise InputError(f"the {RANDOM_INDEX_NAMES[ri_table]} random index table has no value for n = {n} (it covers n <= 10)", field="matrix", value=n)
    if not np.allclose(np.diag(a), 1.0, rtol=0, atol=_RECIPROCAL_TOLERANCE):
        raise InputError("the diagonal of a pairwise matrix must be 1", field="matrix", value=np.diag(a).tolist())
    product = a * a.T
    bad = np.argwhere(np.abs(product - 1.0) > _RECIPROCAL_TOLERANCE)
    if bad.size:
        i, j = (int(x) for x in bad[0])
        raise InputError(
            f"pairwise matrix is not reciprocal: entry ({i + 1},{j + 1}) times entry ({j + 1},{i + 1}) must be 1",
            field=f"matrix[{i}][{j}]",
            value=(float(a[i, j]), float(a[j, i])),
        )
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    ri = RANDOM_INDEX[ri_table][n]
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    cr = ci / ri if ri > 0 else 0.0
    weights.setflags(write=False)
    return AHPResult(weights=weights, lambda_max=lambda_max, ci=ci, cr=cr, ri=ri, ri_table=ri_table, n=n)

