"""Shares and penny-exact amounts: share a budget between units by ranked factors.

A project declares the units and the factors in its allocation file
(:mod:`.spec`), with the ranking of the factors or where it is recorded (in
the bundled example, the ranking recorded for a consultation question).
This module turns the ranking into factor weights, and a user-supplied table
of each unit's figures for the factors (:mod:`.table`) into each unit's share
of the budget and, given a budget, its amount in pounds and pence.

The method, in three steps
--------------------------
1. **Factor weights from the ranking.** Four rules, all computed every time;
   one is the headline (``roc`` by default). With ``n`` factors and rank
   ``r = 1`` the most important:

   * ``roc``, rank-order centroid: ``w_r = (1/n) * sum_{i=r..n} 1/i``
     (Barron & Barrett, 1996);
   * ``rank_sum``: ``w_r = 2 (n + 1 - r) / (n (n + 1))`` (Stillwell, Seaver &
     Edwards, 1981);
   * ``reciprocal``, rank reciprocal: ``w_r = (1/r) / sum_{i=1..n} 1/i``
     (Stillwell, Seaver & Edwards, 1981);
   * ``ahp``, AHP from the ranking: the pairwise judgement of the factor
     ranked ``r_i`` over the factor ranked ``r_j > r_i`` is
     ``a_ij = min(9, 1 + (r_j - r_i))`` on Saaty's 1-9 scale (adjacent ranks
     2, two apart 3, ...), ``a_ji = 1 / a_ij``, ``a_ii = 1``; the weights are
     the principal eigenvector (:func:`decision.weights.ahp_priorities`,
     Saaty, 1980), and its consistency ratio is reported. The matrix is not
     perfectly consistent (``a_13 = 3`` but ``a_12 * a_23 = 4``); for nine
     factors CR is about 0.035, well under Saaty's 0.10.

2. **Unit proportions per factor.** Each factor's figures are turned
   into proportions first, ``p_{d,f} = x_{d,f} / sum_d x_{d,f}`` (``d`` a unit), so a factor
   may be given as counts or as percentages (only the proportions matter),
   and factors measured in different units can be weighted together.

3. **Shares and amounts.** ``share_d = sum_f w_f * p_{d,f}``; the shares sum
   to 1 because every factor's proportions and the weights do. With a
   budget ``B`` (in pence), unit ``d``'s exact quota ``B * share_d`` is
   rounded down to the penny and the pence left over (fewer than the number
   of units) go one each to the units with the largest fractional
   remainders (the largest-remainder, or Hamilton, method), ties going to
   the larger share and then to the unit listed first. Money is whole
   pence and exact rational arithmetic throughout, never floating point, so
   the amounts always sum to the budget exactly.

References
----------
.. [1] Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked
   attribute weights. *Management Science*, 42(11), 1515-1523.
.. [2] Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of
   weight approximation techniques in multiattribute utility decision
   making. *Organizational Behavior and Human Performance*, 28(1), 62-77.
.. [3] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
.. [4] Balinski, M. L., & Young, H. P. (2001). *Fair Representation: Meeting
   the Ideal of One Man, One Vote* (2nd ed.). Brookings Institution Press
   (Hamilton's largest-remainder method).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType
from typing import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..weights import RANDOM_INDEX_NAMES, AHPResult, ahp_priorities, reciprocal_weights, rank_sum_weights, roc_weights
from .spec import Factor
from .table import NUMBER, UnitTable

__all__ = ["RULES", "RULE_LABELS", "AHP_JUDGEMENT", "RuleWeights", "Allocation", "ahp_ranking_matrix", "rank_weights",
           "proportions", "unit_shares", "largest_remainder", "parse_budget", "format_pence", "allocate"]

FloatArray = npt.NDArray[np.float64]

RULES: tuple[str, ...] = ("roc", "rank_sum", "reciprocal", "ahp")
RULE_LABELS: Mapping[str, str] = MappingProxyType({
    "roc": "Rank-order centroid",
    "rank_sum": "Rank sum",
    "reciprocal": "Rank reciprocal",
    "ahp": "AHP from ranking",
})
#: The AHP-from-ranking judgement rule, as recorded in the outputs.
AHP_JUDGEMENT = "a_ij = min(9, 1 + (r_j - r_i)) for r_i < r_j; a_ji = 1 / a_ij; a_ii = 1"
_BUDGET = re.compile(r"(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?")


@dataclass(frozen=True)
class RuleWeights:
    """Factor weights under one rule, in rank order, with how they were made."""

    rule: str
    label: str
    weights: FloatArray
    derivation: str
    ahp: AHPResult | None = None


@dataclass(frozen=True)
class Allocation:
    """Shares (and amounts) under every rule; ``rule`` is the headline.

    Attributes
    ----------
    shares
        Rule -> unit shares (read-only arrays in ``table.units`` order),
        each summing to 1.
    proportions
        Units x factors: each factor's figures as unit proportions.
    budget_pence
        The budget in whole pence, or None.
    amounts_pence
        Each unit's amount in pence under the headline rule (summing to
        ``budget_pence`` exactly), or None without a budget.
    """

    rule: str
    factors: tuple[Factor, ...]
    table: UnitTable
    weights: Mapping[str, RuleWeights]
    proportions: FloatArray
    shares: Mapping[str, FloatArray]
    budget_pence: int | None
    amounts_pence: tuple[int, ...] | None
    ri_table: str
    source: Mapping[str, str]

    @property
    def headline(self) -> FloatArray:
        """The headline rule's shares."""
        return self.shares[self.rule]

    @property
    def ahp(self) -> AHPResult:
        result = self.weights["ahp"].ahp
        assert result is not None
        return result


# ---------------------------------------------------------------- numeric kernel
def ahp_ranking_matrix(n: int) -> FloatArray:
    """Pairwise comparison matrix implied by a strict ranking of ``n`` items.

    Entry (i, j) for the item ranked ``i + 1`` against the item ranked
    ``j + 1``: ``min(9, 1 + (j - i))`` when ``i < j``, its reciprocal when
    ``i > j``, 1 on the diagonal (see :data:`AHP_JUDGEMENT`).

    Parameters
    ----------
    n
        Number of ranked items (at least 1).

    Returns
    -------
    numpy.ndarray
        ``n x n`` positive reciprocal matrix.
    """
    if n < 1:
        raise InputError("a ranking needs at least one item", field="n", value=n)
    r = np.arange(n)
    gap = r[None, :] - r[:, None]
    judgement = np.minimum(9.0, 1.0 + np.abs(gap)).astype(float)
    return np.asarray(np.where(gap >= 0, judgement, 1.0 / judgement), dtype=float)


def rank_weights(n: int, rule: str, *, ri_table: str = "saaty1980") -> RuleWeights:
    """Weights of ``n`` ranked factors (most important first) under ``rule``.

    Parameters
    ----------
    n
        Number of ranked factors.
    rule
        ``"roc"``, ``"rank_sum"``, ``"reciprocal"`` or ``"ahp"`` (see the
        module notes for the formulas).
    ri_table
        Random index table for the AHP consistency ratio.

    Returns
    -------
    RuleWeights
        Weights in rank order, summing to 1.

    References
    ----------
    Barron & Barrett (1996) for ``roc``; Stillwell, Seaver & Edwards (1981)
    for ``rank_sum`` and ``reciprocal``; Saaty (1980) for ``ahp``.
    """
    if rule not in RULES:
        raise InputError(f"unknown weighting rule (known: {', '.join(RULES)})", field="rule", value=rule)
    if n < 1:
        raise InputError("a ranking needs at least one factor", field="n", value=n)
    ahp: AHPResult | None = None
    if rule == "roc":
        w = roc_weights(n)
        derivation = "rank-order centroid w_r = (1/n) * sum_{i=r..n} 1/i (Barron & Barrett, 1996)"
    elif rule == "rank_sum":
        w = rank_sum_weights(n)
        derivation = "rank sum w_r = 2(n + 1 - r) / (n(n + 1)) (Stillwell, Seaver & Edwards, 1981)"
    elif rule == "reciprocal":
        w = reciprocal_weights(n)
        derivation = "rank reciprocal w_r = (1/r) / sum_i 1/i (Stillwell, Seaver & Edwards, 1981)"
    else:
        ahp = ahp_priorities(ahp_ranking_matrix(n), ri_table=ri_table)
        w = np.array(ahp.weights, dtype=float)
        derivation = (f"AHP principal eigenvector of the judgements {AHP_JUDGEMENT} (Saaty, 1980); "
                      f"lambda_max {ahp.lambda_max:.4f}, CI {ahp.ci:.4f}, CR {ahp.cr:.4f} "
                      f"(random index {ahp.ri:g}, {RANDOM_INDEX_NAMES[ri_table]} table)")
    w = np.asarray(w, dtype=float)
    w.setflags(write=False)
    return RuleWeights(rule=rule, label=RULE_LABELS[rule], weights=w, derivation=derivation, ahp=ahp)


def proportions(figures: npt.ArrayLike) -> FloatArray:
    """Each factor's figures as unit proportions: ``x_{d,f} / sum_d x_{d,f}``.

    Parameters
    ----------
    figures
        Units x factors, finite and non-negative, every column total positive.

    Returns
    -------
    numpy.ndarray
        Same shape; every column sums to 1.
    """
    x = np.asarray(figures, dtype=float)
    if x.ndim != 2 or x.size == 0:
        raise InputError("figures must be a non-empty units x factors table", field="figures", value=x.shape)
    if not np.all(np.isfinite(x)) or np.any(x < 0):
        raise InputError("figures must be finite and non-negative", field="figures")
    totals = x.sum(axis=0)
    if not np.all(np.isfinite(totals)) or np.any(totals <= 0):
        bad = int(np.argmax(~np.isfinite(totals) | (totals <= 0)))
        raise InputError("every factor needs a positive, finite total", field=f"figures[:, {bad}]", value=float(totals[bad]))
    return np.asarray(x / totals, dtype=float)


def unit_shares(props: npt.ArrayLike, weights: npt.ArrayLike) -> FloatArray:
    """Unit shares ``share_d = sum_f w_f * p_{d,f}``.

    Parameters
    ----------
    props
        Units x factors proportions (columns summing to 1), from :func:`proportions`.
    weights
        Factor weights summing to 1, in the same factor order.

    Returns
    -------
    numpy.ndarray
        One share per unit, summing to 1.
    """
    p = np.asarray(props, dtype=float)
    w = np.asarray(weights, dtype=float)
    if p.ndim != 2 or w.shape != (p.shape[1],):
        raise InputError("weights must have one entry per factor", field="weights", value=(p.shape, w.shape))
    return np.asarray(p @ w, dtype=float)


def largest_remainder(shares: Sequence[float] | FloatArray, total_pence: int) -> tuple[int, ...]:
    """Whole-penny amounts proportional to ``shares`` that sum to ``total_pence``.

    Each quota ``total_pence * share_d / sum(shares)`` is computed exactly (the
    floating-point shares are taken as the exact binary fractions they are),
    rounded down, and the pence left over go one each to the largest
    fractional remainders; ties go to the larger share, then to the earlier
    position (Hamilton's method; Balinski & Young, 2001).

    Parameters
    ----------
    shares
        Non-negative, finite, with a positive total.
    total_pence
        The amount to share, in whole pence (``>= 0``).

    Returns
    -------
    tuple of int
        Pence per position, summing to ``total_pence``.
    """
    if isinstance(total_pence, bool) or not isinstance(total_pence, int) or total_pence < 0:
        raise InputError("the budget must be a whole, non-negative number of pence", field="budget", value=total_pence)
    values = [float(s) for s in shares]
    if not values or not all(math.isfinite(s) and s >= 0 for s in values):
        raise InputError("shares must be finite and non-negative", field="shares", value=values)
    exact = [Fraction(s) for s in values]
    whole = sum(exact, Fraction(0))
    if whole <= 0:
        raise InputError("shares must have a positive total", field="shares")
    quotas = [total_pence * s / whole for s in exact]
    floors = [q.numerator // q.denominator for q in quotas]
    left = total_pence - sum(floors)
    order = sorted(range(len(quotas)), key=lambda k: (-(quotas[k] - floors[k]), -exact[k], k))
    amounts = list(floors)
    for k in order[:left]:
        amounts[k] += 1
    return tuple(amounts)


# ------------------------------------------------------------------------ money
def parse_budget(text: str, *, field: str = "--budget") -> int:
    """A budget in pounds, as typed, to whole pence.

    Accepts digits with at most two decimals, optionally grouped in
    thousands with commas (``1,000,000.00``). Never goes through floating point.

    Raises
    ------
    InputError
        If the text is not a number, is negative or has more than two decimals.
    """
    raw = text.strip()
    candidate = raw.removeprefix("£").strip()
    if candidate.startswith("-"):
        rest = candidate[1:].strip()
        if _BUDGET.fullmatch(rest) or NUMBER.fullmatch(rest):
            raise InputError("the budget must not be negative", field=field, value=text)
    m = _BUDGET.fullmatch(candidate)
    if m is None:
        raise InputError("the budget must be an amount in pounds such as 1000000 or 1,000,000.00", field=field, value=text)
    if m.group(1) is not None and len(m.group(1)) > 2:
        raise InputError("the budget must have at most two decimals (whole pence)", field=field, value=text)
    try:
        pounds = Decimal(candidate.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InputError("the budget must be a number", field=field, value=text) from None
    return int(pounds * 100)


def format_pence(pence: int) -> str:
    """Whole pence as pounds with two decimals, e.g. ``123456`` -> ``"1234.56"``."""
    sign = "-" if pence < 0 else ""
    p = abs(pence)
    return f"{sign}{p // 100}.{p % 100:02d}"


# ---------------------------------------------------------------------- compute
def allocate(
    factors: Sequence[Factor],
    table: UnitTable,
    *,
    rule: str = "roc",
    budget_pence: int | None = None,
    ri_table: str = "saaty1980",
    source: Mapping[str, str] | None = None,
) -> Allocation:
    """Shares under every rule and, with a budget, the headline rule's amounts.

    Parameters
    ----------
    factors
        Ranked factors, most important first (:func:`ranked_factors`).
    table
        Unit figures for those factors (:func:`read_table`).
    rule
        The headline rule: ``"roc"`` (default), ``"rank_sum"``,
        ``"reciprocal"`` or ``"ahp"``.
    budget_pence
        Budget in whole pence (:func:`parse_budget`), or None for shares only.
    ri_table
        Random index table for the AHP consistency ratio.
    source
        Where the ranking came from, for the record (:func:`ranking_source`).

    Returns
    -------
    Allocation
    """
    if rule not in RULES:
        raise InputError(f"unknown weighting rule (known: {', '.join(RULES)})", field="--rule", value=rule)
    if tuple(f.column for f in factors) != table.columns:
        raise InputError(f"the {table.unit} table was read for different factors", file=table.file, field="columns", value=list(table.columns))
    weights = {r: rank_weights(len(factors), r, ri_table=ri_table) for r in RULES}
    props = proportions(table.figures)
    props.setflags(write=False)
    shares: dict[str, FloatArray] = {}
    for r in RULES:
        s = unit_shares(props, weights[r].weights)
        s.setflags(write=False)
        shares[r] = s
    amounts = largest_remainder(shares[rule], budget_pence) if budget_pence is not None else None
    return Allocation(
        rule=rule, factors=tuple(factors), table=table, weights=MappingProxyType(weights), proportions=props,
        shares=MappingProxyType(shares), budget_pence=budget_pence, amounts_pence=amounts, ri_table=ri_table,
        source=MappingProxyType(dict(source or {})),
    )
