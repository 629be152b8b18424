"""Rank rules: weights for criteria ranked from most to least important.

References
----------
.. [1] Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked
   attribute weights. *Management Science*, 42(11), 1515-1523 (rank-order
   centroid weights).
.. [2] Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of
   weight approximation techniques in multiattribute utility decision making.
   *Organizational Behavior and Human Performance*, 28(1), 62-77 (rank-sum
   and rank-reciprocal weights).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

import numpy as np
import numpy.typing as npt

from ..errors import InputError

__all__ = ["RANK_RULES", "RANK_RULE_WORDS", "roc_weights", "rank_sum_weights", "reciprocal_weights", "rank_weights"]

FloatArray = npt.NDArray[np.float64]


def roc_weights(n: int) -> FloatArray:
    """Rank-order centroid weights for n ranked criteria, most important first.

    ``w_k = (1/n) * sum_{i=k..n} 1/i`` (Barron & Barrett, 1996).
    """
    if n < 1:
        raise InputError("rank-order centroid needs at least one criterion", field="n", value=n)
    inv = 1.0 / np.arange(1, n + 1)
    return np.array([inv[k:].sum() / n for k in range(n)])


def rank_sum_weights(n: int) -> FloatArray:
    """Rank-sum weights for n ranked criteria, most important first.

    Parameters
    ----------
    n
        Number of criteria, at least 1.

    Returns
    -------
    numpy.ndarray
        ``w_k = (n + 1 - k) / sum_{i=1..n} (n + 1 - i) = 2 (n + 1 - k) / (n (n + 1))``
        for ranks k = 1..n: weights fall linearly with rank.

    Raises
    ------
    InputError
        If ``n < 1``.

    References
    ----------
    Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of
    weight approximation techniques in multiattribute utility decision making.
    *Organizational Behavior and Human Performance*, 28(1), 62-77.
    """
    if n < 1:
        raise InputError("rank-sum weights need at least one criterion", field="n", value=n)
    points = np.arange(n, 0, -1, dtype=float)
    weights: FloatArray = points / points.sum()
    return weights


def reciprocal_weights(n: int) -> FloatArray:
    """Rank-reciprocal weights for n ranked criteria, most important first.

    Parameters
    ----------
    n
        Number of criteria, at least 1.

    Returns
    -------
    numpy.ndarray
        ``w_k = (1/k) / sum_{i=1..n} 1/i`` for ranks k = 1..n.

    Raises
    ------
    InputError
        If ``n < 1``.

    References
    ----------
    Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of
    weight approximation techniques in multiattribute utility decision making.
    *Organizational Behavior and Human Performance*, 28(1), 62-77.
    """
    if n < 1:
        raise InputError("rank-reciprocal weights need at least one criterion", field="n", value=n)
    inv = 1.0 / np.arange(1, n + 1, dtype=float)
    weights: FloatArray = inv / inv.sum()
    return weights


#: Rules that turn a ranking into weights, by the name used in weight files.
RANK_RULES: Mapping[str, str] = MappingProxyType({
    "roc": "rank-order centroid (Barron & Barrett 1996)",
    "rank_sum": "rank-sum (Stillwell, Seaver & Edwards 1981)",
    "reciprocal": "rank-reciprocal (Stillwell, Seaver & Edwards 1981)",
})

#: The rules in words, as a derivation names them.
RANK_RULE_WORDS: Mapping[str, str] = MappingProxyType({"roc": "rank-order centroid", "rank_sum": "rank-sum", "reciprocal": "rank-reciprocal"})


def rank_weights(n: int, rule: str = "roc") -> FloatArray:
    """Weights for n ranked criteria, most important first, by ``rule``.

    Parameters
    ----------
    n
        Number of criteria, at least 1.
    rule
        ``"roc"`` (rank-order centroid, :func:`roc_weights`), ``"rank_sum"``
        (:func:`rank_sum_weights`) or ``"reciprocal"`` (:func:`reciprocal_weights`).

    Returns
    -------
    numpy.ndarray
        Weights summing to 1, non-increasing with rank.

    Raises
    ------
    InputError
        If the rule is unknown or ``n < 1``.
    """
    if rule == "roc":
        return roc_weights(n)
    if rule == "rank_sum":
        return rank_sum_weights(n)
    if rule == "reciprocal":
        return reciprocal_weights(n)
    raise InputError(f"unknown rank rule (known: {', '.join(RANK_RULES)})", field="rank_rule", value=rule)

