"""AHP with missing judgements: the comparison graph, Harker's completion,
and the consistency of the judgements actually given.

References
----------
.. [1] Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
   hierarchy process. *Mathematical Modelling*, 9(11), 837-848.
.. [2] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency
   index: Approximated thresholds. *European Journal of Operational Research*,
   147(1), 137-145.
.. [3] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from .ahp import RANDOM_INDEX

__all__ = ["HarkerCompletion", "components", "harker_complete", "known_consistency_ratio", "geometric_consistency_index"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class HarkerCompletion:
    """A pairwise matrix completed by Harker's method.

    Attributes
    ----------
    weights
        Principal right eigenvector of Harker's matrix, normalised to sum to 1.
        It is also the principal eigenvector of ``matrix``.
    matrix
        The completed reciprocal matrix: known judgements as given, each
        missing ``a_ij`` replaced by ``w_i / w_j``.
    missing
        The completed pairs ``(i, j)`` with ``i < j``.
    lambda_max
        Principal eigenvalue of Harker's matrix (equal to that of ``matrix``).
    """

    weights: FloatArray
    matrix: FloatArray
    missing: tuple[tuple[int, int], ...]
    lambda_max: float


def components(known: npt.NDArray[np.bool_]) -> list[list[int]]:
    """Connected components of the comparison graph (criteria joined by a known judgement)."""
    n = known.shape[0]
    seen = [False] * n
    out: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        stack, comp = [start], []
        seen[start] = True
        while stack:
            i = stack.pop()
            comp.append(i)
            for j in range(n):
                if known[i, j] and not seen[j]:
                    seen[j] = True
                    stack.append(j)
        out.append(sorted(comp))
    return out


def harker_complete(matrix: npt.ArrayLike) -> HarkerCompletion:
    """Complete a pairwise matrix with missing judgements by Harker's method.

    Parameters
    ----------
    matrix
        Square reciprocal matrix with ``nan`` for each missing judgement (both
        ``(i, j)`` and ``(j, i)``). The diagonal is ignored.

    Returns
    -------
    HarkerCompletion

    Raises
    ------
    InputError
        If the matrix is not square, a judgement is missing on one side only,
        or the known judgements do not connect every criterion (then no
        weights follow from them).

    Notes
    -----
    Harker's matrix ``C`` has ``c_ij = a_ij`` for known judgements, 0 for
    missing ones, and ``c_ii = 1 + m_i`` with ``m_i`` the number of missing
    entries in row i. Its principal eigenvector ``w`` gives the weights, and a
    missing ``a_ij`` is completed as ``w_i / w_j``. Then ``A w = C w``, so
    ``w`` is also the principal eigenvector of the completed matrix ``A`` with
    the same eigenvalue.

    References
    ----------
    Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
    hierarchy process. *Mathematical Modelling*, 9(11), 837-848.
    """
    a = np.array(matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise InputError("pairwise matrix must be square and non-empty", field="matrix", value=a.shape)
    n = a.shape[0]
    known = np.isfinite(a)
    np.fill_diagonal(known, True)
    if np.any(known != known.T):
        i, j = (int(x) for x in np.argwhere(known != known.T)[0])
        raise InputError("a judgement is missing on one side of the diagonal only", field=f"matrix[{i}][{j}]", value=float(a[i, j]))
    parts = components(known)
    if len(parts) > 1:
        raise InputError("the known judgements do not connect every criterion, so no weights follow from them",
                         field="matrix", value=parts)
    c = np.where(known, a, 0.0)
    missing_per_row = (~known).sum(axis=1)
    np.fill_diagonal(c, 1.0 + missing_per_row)
    eigenvalues, eigenvectors = np.linalg.eig(c)
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)
    w: FloatArray = vector / vector.sum()
    completed: FloatArray = np.where(known, a, np.outer(w, 1.0 / w))
    np.fill_diagonal(completed, 1.0)
    missing = tuple((i, j) for i in range(n) for j in range(i + 1, n) if not known[i, j])
    w.setflags(write=False)
    completed.setflags(write=False)
    return HarkerCompletion(weights=w, matrix=completed, missing=missing, lambda_max=float(eigenvalues[k].real))


def known_consistency_ratio(matrix: npt.ArrayLike, weights: npt.ArrayLike, *, ri_table: str = "saaty1980") -> float:
    """Consistency ratio of the judgements actually given ("before completion").

    Parameters
    ----------
    matrix
        Pairwise matrix with ``nan`` for missing judgements.
    weights
        The weights (e.g. Harker's), normalised.
    ri_table
        Random index table.

    Returns
    -------
    float
        ``CI_known / RI(n)`` with ``CI_known = sum_known (e_ij + 1/e_ij - 2) / (2 k)``
        over the k known pairs ``i < j``, ``e_ij = a_ij w_j / w_i``.

    Notes
    -----
    For a principal eigenvector, ``lambda_max - n = (1/n) sum_{i<j} (e_ij + 1/e_ij - 2)``,
    so Saaty's ``CI = (lambda_max - n) / (n - 1)`` is the same sum divided by
    ``n (n - 1) = 2 N`` (N pairs). Completed pairs have ``e_ij = 1`` and add
    nothing, so the CR of the completed matrix averages the inconsistency of
    the k given judgements over all N pairs. This ratio averages it over the k
    given judgements only: ``CR_known = CR_completed * N / k``. With nothing
    missing the two are equal.
    """
    a = np.array(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = a.shape[0]
    ri = RANDOM_INDEX[ri_table].get(n, 0.0)
    if n <= 2 or ri <= 0:
        return 0.0
    iu = np.triu_indices(n, 1)
    vals = a[iu]
    ratio = (w[iu[1]] / w[iu[0]])
    ok = np.isfinite(vals)
    if not ok.any():
        return 0.0
    e = vals[ok] * ratio[ok]
    ci = float(np.sum(e + 1.0 / e - 2.0)) / (2 * int(ok.sum()))
    return max(0.0, ci) / ri


def geometric_consistency_index(matrix: npt.ArrayLike, weights: npt.ArrayLike) -> float:
    """``GCI = 2 / ((n - 1)(n - 2)) sum_{i<j} ln^2(a_ij w_j / w_i)`` (0 for n <= 2).

    With the respondent's own weights this is Aguarón & Moreno-Jiménez's (2003)
    geometric consistency index (thresholds 0.31 for n = 3, 0.35 for n = 4,
    0.37 for n > 4, matching CR 0.10 for the row geometric mean weights). With
    the group's weights it measures how far a respondent's judgements are from
    the group's priorities (compatibility; for n = 2 the single squared log
    error is returned).
    """
    a = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = int(a.shape[0])
    if n < 2:
        return 0.0
    iu = np.triu_indices(n, 1)
    total = float(np.sum(np.log(a[iu] * w[iu[1]] / w[iu[0]]) ** 2))
    if n == 2:
        return total
    return 2.0 * total / ((n - 1) * (n - 2))
