"""Pairwise judgements on Saaty's 1-9 scale: parsing and writing them, the
judgements that make a matrix inconsistent and the values that would agree
with the others, and the consistency ratio while judgements are still missing.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
hierarchy process. *Mathematical Modelling*, 9(11), 837-848.
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Any, Mapping

import numpy as np

from .completion import components, harker_complete, known_consistency_ratio

__all__ = [
    "SCALE",
    "VERBAL",
    "SCALE_HELP",
    "parse_judgement",
    "fmt_judgement",
    "matrix_cell",
    "nearest_scale_value",
    "describe",
    "inconsistency_guidance",
    "implied_by_others",
    "live_cr",
]

#: Saaty's 1-9 scale and its reciprocals.
SCALE: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])
VERBAL: Mapping[int, str] = MappingProxyType({
    1: "equally important as",
    2: "equally to moderately more important than",
    3: "moderately more important than",
    4: "moderately to strongly more important than",
    5: "strongly more important than",
    6: "strongly to very strongly more important than",
    7: "very strongly more important than",
    8: "very strongly to extremely more important than",
    9: "extremely more important than",
})
SCALE_HELP = ("1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; "
              "prefix with / if the second is more important, e.g. /3")


def parse_judgement(text: str) -> float:
    """An answer on Saaty's scale: ``"3"`` (the first is 3 times as important),
    ``"/3"`` or ``"1/3"`` (the second is). Whole numbers 1 to 9 only.

    Raises
    ------
    ValueError
        With a message a respondent can act on.
    """
    t = text.strip().replace(" ", "")
    inverse = False
    if t.startswith("1/") and len(t) > 2:
        inverse, t = True, t[2:]
    elif t.startswith("/"):
        inverse, t = True, t[1:]
    if t.startswith("-"):
        raise ValueError("negative numbers are not on the scale: if the second criterion is more important, prefix the number with /, e.g. /3")
    try:
        x = float(t)
    except ValueError:
        raise ValueError("expected a whole number from 1 to 9, or /1 to /9 if the second criterion is more important") from None
    if not math.isfinite(x) or x != int(x):
        raise ValueError("use a whole number from 1 to 9 (2, 4, 6 and 8 lie between the words)")
    k = int(x)
    if k == 0:
        raise ValueError("0 is not on the scale: 1 means equally important, and /3 that the second criterion is moderately more important")
    if k > 9:
        raise ValueError(f"{k} is beyond the scale, whose top is 9 (extremely more important)")
    return 1.0 / k if inverse else float(k)


def fmt_judgement(x: float) -> str:
    """``3`` or ``1/3`` (scale values), else the number to 2 decimals."""
    for k in range(1, 10):
        if abs(x - k) < 1e-9:
            return str(k)
        if abs(x - 1 / k) < 1e-9:
            return f"1/{k}"
    return f"{x:.2f}"


def nearest_scale_value(x: float) -> float:
    """The value of Saaty's scale (1/9 .. 9) nearest to ``x`` on a log scale."""
    lx = math.log(x)
    return min(SCALE, key=lambda s: (abs(math.log(s) - lx), -s))


def describe(value: float, first: str, second: str) -> str:
    """A judgement in words: which criterion is how much more important."""
    if value >= 1:
        return f"{first} is {VERBAL[round(value)]} {second} ({fmt_judgement(value)})"
    return f"{second} is {VERBAL[round(1 / value)]} {first} ({fmt_judgement(value)})"


def matrix_cell(x: float) -> int | str:
    """A judgement as written in a weight file: ``3`` or ``"1/3"``."""
    s = fmt_judgement(x)
    return int(s) if "/" not in s else s


def inconsistency_guidance(matrix: Any, weights: Any, *, top: int = 3) -> list[tuple[int, int, float, float, float]]:
    """The judgements that contribute most to the inconsistency of a matrix.

    Parameters
    ----------
    matrix
        Complete reciprocal pairwise matrix.
    weights
        Its principal eigenvector.
    top
        How many to return.

    Returns
    -------
    list of (i, j, a_ij, w_i / w_j, suggested)
        Pairs ``i < j`` ranked by ``|ln(a_ij w_j / w_i)|``, largest first:
        the judgement, the ratio the weights imply, and the scale value
        nearest to it (the value that would agree with the other judgements).

    Notes
    -----
    ``e_ij = a_ij w_j / w_i`` is 1 for a judgement that agrees with the
    weights; ``lambda_max - n = (1/n) sum_{i<j} (e_ij + 1/e_ij - 2)``, so the
    pairs with the largest ``|ln e_ij|`` add most to the consistency index
    (Saaty 1980; the error matrix of Saaty 2003, EJOR 145, 85-91).
    """
    a = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = a.shape[0]
    rows = []
    for i in range(n):
        for j in range(i + 1, n):
            implied = float(w[i] / w[j])
            err = abs(math.log(float(a[i, j]) / implied))
            rows.append((err, i, j, float(a[i, j]), implied, nearest_scale_value(implied)))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [(i, j, cur, implied, sug) for _, i, j, cur, implied, sug in rows[:top]]


def implied_by_others(matrix: Any, i: int, j: int) -> float | None:
    """``w_i / w_j`` from every judgement except ``a_ij`` (Harker's method with
    that judgement left out), or None if the others do not connect the criteria."""
    a = np.array(matrix, dtype=float)
    a[i, j] = a[j, i] = np.nan
    if len(components(np.isfinite(a))) > 1:
        return None
    w = harker_complete(a).weights
    return float(w[i] / w[j])


def live_cr(a: np.ndarray[Any, Any], ri_table: str) -> float | None:
    """The consistency ratio of the judgements given so far (``nan`` = not yet
    asked), or None while they cannot yet disagree or do not connect every
    criterion."""
    n = a.shape[0]
    known_pairs = (int(np.isfinite(a).sum()) - n) // 2
    # Before n judgements connect the criteria they form a tree, which can never disagree.
    if n < 3 or known_pairs < n or len(components(np.isfinite(a))) > 1:
        return None
    h = harker_complete(a)
    return known_consistency_ratio(a, h.weights, ri_table=ri_table)

