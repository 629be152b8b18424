"""Share a budget between the twelve Kent districts by the funding factors
that schools ranked (consultation question 2.3).

The schools ranked nine factors for allocating STLS funding between
districts; the ranking is read from the project's evidence
(``criteria/questions.yaml``, ``funding_factors``, via
:func:`decision.load_project`). This module turns the ranking into factor
weights, and a user-supplied table of each district's figures for the
factors into each district's share of the budget and, given a budget, its
amount in pounds and pence.

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

2. **District proportions per factor.** Each factor's figures are turned
   into proportions first, ``p_{d,f} = x_{d,f} / sum_d x_{d,f}``, so a factor
   may be given as counts or as percentages (only the proportions matter),
   and factors measured in different units can be weighted together.

3. **Shares and amounts.** ``share_d = sum_f w_f * p_{d,f}``; the shares sum
   to 1 because every factor's proportions and the weights do. With a
   budget ``B`` (in pence), district ``d``'s exact quota ``B * share_d`` is
   rounded down to the penny and the pence left over (fewer than the number
   of districts) go one each to the districts with the largest fractional
   remainders (the largest-remainder, or Hamilton, method), ties going to
   the larger share and then to the district listed first. Money is whole
   pence and exact rational arithmetic throughout, never floating point, so
   the amounts always sum to the budget exactly.

The district table
------------------
A UTF-8 CSV file (a byte-order mark is allowed) with a header row holding
``district`` and one column per ranked factor (:data:`FACTOR_COLUMNS` maps
column ids to the factor names as worded in the consultation report), then
one row per district, each of the twelve :data:`KENT_DISTRICTS` exactly
once. Figures are non-negative numbers; every factor must have a positive
total. ``criteria/districts_template.csv`` is an empty template.

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

import csv
import hashlib
import io
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .output.publish import publish
from .textfile import decode_utf8, read_bytes
from .errors import InputError
from .model import Project
from .weights import (
    CR_LIMIT,
    RANDOM_INDEX_NAMES,
    AHPResult,
    ahp_priorities,
    reciprocal_weights,
    rank_sum_weights,
    roc_weights,
)

__all__ = [
    "KENT_DISTRICTS",
    "FACTOR_COLUMNS",
    "RULES",
    "RULE_LABELS",
    "AHP_JUDGEMENT",
    "ALLOCATION_FILES",
    "Factor",
    "DistrictTable",
    "RuleWeights",
    "Allocation",
    "rank_weights",
    "ahp_ranking_matrix",
    "proportions",
    "district_shares",
    "largest_remainder",
    "parse_budget",
    "format_pence",
    "ranked_factors",
    "ranking_source",
    "read_districts",
    "allocate",
    "allocation_document",
    "write_allocation",
]

FloatArray = npt.NDArray[np.float64]

#: The twelve districts of Kent, in the order outputs list them.
KENT_DISTRICTS: tuple[str, ...] = (
    "Ashford",
    "Canterbury",
    "Dartford",
    "Dover",
    "Folkestone and Hythe",
    "Gravesham",
    "Maidstone",
    "Sevenoaks",
    "Swale",
    "Thanet",
    "Tonbridge and Malling",
    "Tunbridge Wells",
)

#: Column id of the district table -> the factor as worded in the report
#: (figure 36), in the schools' order.
FACTOR_COLUMNS: Mapping[str, str] = MappingProxyType({
    "ehcp_by_school_district": "Share of pupils with an EHCP in mainstream schools, by school district",
    "sen_support_by_school_district": "Share of pupils on SEN support in mainstream schools, by school district",
    "mainstream_pupils": "Share of mainstream pupils",
    "mainstream_schools": "Share of mainstream schools",
    "senif_applications": "Share of SENIF applications, by school district",
    "ehcp_by_home_district": "Share of pupils with an EHCP in mainstream schools, by home district",
    "special_school_pupils": "Share of special school pupils",
    "sen_support_by_home_district": "Share of pupils on SEN support in mainstream schools, by home district",
    "special_schools": "Share of special schools",
})

#: The weighting rules, in the order outputs list them.
RULES: tuple[str, ...] = ("roc", "rank_sum", "reciprocal", "ahp")
RULE_LABELS: Mapping[str, str] = MappingProxyType({
    "roc": "Rank-order centroid",
    "rank_sum": "Rank sum",
    "reciprocal": "Rank reciprocal",
    "ahp": "AHP from ranking",
})
#: The AHP-from-ranking judgement rule, as recorded in the outputs.
AHP_JUDGEMENT = "a_ij = min(9, 1 + (r_j - r_i)) for r_i < r_j; a_ji = 1 / a_ij; a_ii = 1"
ALLOCATION_FILES: tuple[str, ...] = ("allocation.csv", "allocation.json", "chart_allocation.png")

MAX_TABLE_BYTES = 1_000_000
_DISTRICT_COLUMN = "district"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_BUDGET = re.compile(r"(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?")


# --------------------------------------------------------------------- objects
@dataclass(frozen=True)
class Factor:
    """One ranked funding factor: rank (1 = most important), column id, name."""

    rank: int
    column: str
    name: str


@dataclass(frozen=True)
class DistrictTable:
    """The validated district table.

    Attributes
    ----------
    file
        The path as given.
    sha256
        SHA-256 of the file's bytes.
    districts
        The twelve district names, in :data:`KENT_DISTRICTS` order.
    columns
        Factor column ids, in the order of the ``factors`` the table was read for.
    figures
        Districts x factors, as given (read-only).
    """

    file: str
    sha256: str
    districts: tuple[str, ...]
    columns: tuple[str, ...]
    figures: FloatArray


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
        Rule -> district shares (read-only arrays in ``table.districts`` order),
        each summing to 1.
    proportions
        Districts x factors: each factor's figures as district proportions.
    budget_pence
        The budget in whole pence, or None.
    amounts_pence
        Each district's amount in pence under the headline rule (summing to
        ``budget_pence`` exactly), or None without a budget.
    """

    rule: str
    factors: tuple[Factor, ...]
    table: DistrictTable
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
    """Each factor's figures as district proportions: ``x_{d,f} / sum_d x_{d,f}``.

    Parameters
    ----------
    figures
        Districts x factors, finite and non-negative, every column total positive.

    Returns
    -------
    numpy.ndarray
        Same shape; every column sums to 1.
    """
    x = np.asarray(figures, dtype=float)
    if x.ndim != 2 or x.size == 0:
        raise InputError("figures must be a non-empty districts x factors table", field="figures", value=x.shape)
    if not np.all(np.isfinite(x)) or np.any(x < 0):
        raise InputError("figures must be finite and non-negative", field="figures")
    totals = x.sum(axis=0)
    if not np.all(np.isfinite(totals)) or np.any(totals <= 0):
        bad = int(np.argmax(~np.isfinite(totals) | (totals <= 0)))
        raise InputError("every factor needs a positive, finite total", field=f"figures[:, {bad}]", value=float(totals[bad]))
    return np.asarray(x / totals, dtype=float)


def district_shares(props: npt.ArrayLike, weights: npt.ArrayLike) -> FloatArray:
    """District shares ``share_d = sum_f w_f * p_{d,f}``.

    Parameters
    ----------
    props
        Districts x factors proportions (columns summing to 1), from :func:`proportions`.
    weights
        Factor weights summing to 1, in the same factor order.

    Returns
    -------
    numpy.ndarray
        One share per district, summing to 1.
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
        if _BUDGET.fullmatch(rest) or _NUMBER.fullmatch(rest):
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


# -------------------------------------------------------------------- input I/O
def _column_of(name: str) -> str | None:
    wanted = " ".join(name.split()).casefold()
    for column, factor in FACTOR_COLUMNS.items():
        if factor.casefold() == wanted:
            return column
    return None


def ranked_factors(project: Project) -> tuple[Factor, ...]:
    """The project's ranked funding factors with their district-table columns.

    Raises
    ------
    InputError
        If the project records no ranking, or ranks a factor this module does
        not know (naming ``criteria/questions.yaml``).
    """
    qfile = str(Path(project.root) / "criteria" / "questions.yaml")
    if not project.funding_factors:
        raise InputError("the project records no ranking of funding factors (funding_factors, question 2.3)",
                         file=qfile, field="funding_factors")
    out: list[Factor] = []
    for k, name in enumerate(project.funding_factors):
        column = _column_of(name)
        if column is None:
            raise InputError(
                "funding factor has no district-table column (known factors: " + "; ".join(FACTOR_COLUMNS.values()) + ")",
                file=qfile, field=f"funding_factors.ranking[rank {k + 1}].factor", value=name)
        if any(f.column == column for f in out):
            raise InputError("funding factor is ranked twice", file=qfile, field=f"funding_factors.ranking[rank {k + 1}].factor", value=name)
        out.append(Factor(rank=k + 1, column=column, name=FACTOR_COLUMNS[column]))
    return tuple(out)


def ranking_source(project: Project) -> dict[str, str]:
    """Where the ranking was read from: the questions file (relative to the
    project) and its SHA-256."""
    rel = "criteria/questions.yaml"
    digest = hashlib.sha256((Path(project.root) / rel).read_bytes()).hexdigest()
    return {"file": rel, "key": "funding_factors", "question": "2.3", "sha256": digest}


def _district_key(name: str) -> str:
    return " ".join(name.replace("&", " and ").split()).casefold()


_DISTRICT_KEYS: Mapping[str, str] = MappingProxyType({_district_key(d): d for d in KENT_DISTRICTS})


def _figure(cell: str, *, file: str, line: int, district: str, column: str) -> float:
    where = f"district {district}, column {column}"
    text = cell.strip()
    if text == "":
        raise InputError("figure is empty (every district needs a figure for every factor; 0 is allowed)",
                         file=file, line=line, field=where, value=cell)
    if _NON_FINITE.fullmatch(text):
        raise InputError("figure must be a finite number", file=file, line=line, field=where, value=cell)
    if not _NUMBER.fullmatch(text):
        hint = " (write numbers without thousands separators, units or % signs)" if re.search(r"\d", text) else ""
        raise InputError("figure is not a number" + hint, file=file, line=line, field=where, value=cell)
    value = float(Decimal(text))
    if not math.isfinite(value):
        raise InputError("figure is too large to be a finite number", file=file, line=line, field=where, value=cell)
    if value < 0:
        raise InputError("figure must not be negative", file=file, line=line, field=where, value=cell)
    return value + 0.0  # -0.0 -> 0.0


def read_districts(path: str | Path, factors: Sequence[Factor]) -> DistrictTable:
    """Read and validate the district table for ``factors``.

    Parameters
    ----------
    path
        CSV file: a ``district`` column and one column per factor (see
        :data:`FACTOR_COLUMNS`), one row per Kent district.
    factors
        The ranked factors (:func:`ranked_factors`); their columns are required.

    Returns
    -------
    DistrictTable

    Raises
    ------
    InputError
        Naming the file, the line, the district and column, the rule and the
        value: unreadable, not UTF-8 or empty file; missing, unknown or
        repeated columns; a row with the wrong number of cells; missing,
        unknown or repeated districts; empty, non-numeric, non-finite or
        negative figures; a factor whose figures total zero.
    """
    p = Path(path)
    file = str(path)
    raw = read_bytes(p, display=file, max_bytes=MAX_TABLE_BYTES, missing="district table not found")
    digest = hashlib.sha256(raw).hexdigest()
    text = decode_utf8(raw, display=file, allow_bom=True, hint="; save it as CSV UTF-8")
    if text.strip() == "":
        raise InputError("file is empty (expected a header row and one row per district)", file=file)
    if "\x00" in text:
        raise InputError("file holds a NUL character; is it really a CSV file?", file=file)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    wanted = [f.column for f in factors]
    rows: dict[str, tuple[int, list[float]]] = {}
    header: list[str] | None = None
    index: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or (header is None and all(c.strip() == "" for c in cells)):
                continue  # blank lines, and empty rows above the header
            if header is None:
                header = [c.strip().casefold() for c in cells]
                for k, name in enumerate(header):
                    if name == "":
                        raise InputError("header cell is empty", file=file, line=line, field=f"column {k + 1}", value=cells[k])
                    if name in index:
                        raise InputError("column appears twice in the header", file=file, line=line, field=name, value=cells[k])
                    if name != _DISTRICT_COLUMN and name not in FACTOR_COLUMNS:
                        raise InputError(f"unknown column (the first row must be the header: {_DISTRICT_COLUMN}, {', '.join(wanted)})",
                                         file=file, line=line, field=name, value=cells[k])
                    if name != _DISTRICT_COLUMN and name not in wanted:
                        raise InputError("column is for a factor the project's ranking does not include",
                                         file=file, line=line, field=name, value=cells[k])
                    index[name] = k
                missing = [c for c in [_DISTRICT_COLUMN, *wanted] if c not in index]
                if missing:
                    raise InputError("required column is missing from the header", file=file, line=line,
                                     field=", ".join(missing), value=missing)
                continue
            if all(c.strip() == "" for c in cells):
                if len(cells) in (1, len(header)):
                    continue  # a blank line, or an empty spreadsheet row
            if len(cells) != len(header):
                raise InputError(f"row has {len(cells)} cells but the header has {len(header)}", file=file, line=line,
                                 field="row", value=cells[index[_DISTRICT_COLUMN]] if len(cells) > index[_DISTRICT_COLUMN] else None)
            given = cells[index[_DISTRICT_COLUMN]]
            if given.strip() == "":
                raise InputError("district name is empty", file=file, line=line, field=_DISTRICT_COLUMN, value=given)
            district = _DISTRICT_KEYS.get(_district_key(given))
            if district is None:
                raise InputError("unknown district (the twelve Kent districts are: " + ", ".join(KENT_DISTRICTS) + ")",
                                 file=file, line=line, field=_DISTRICT_COLUMN, value=given)
            if district in rows:
                raise InputError(f"district appears twice (first on line {rows[district][0]})", file=file, line=line,
                                 field=_DISTRICT_COLUMN, value=given)
            values = [_figure(cells[index[c]], file=file, line=line, district=district, column=c) for c in wanted]
            rows[district] = (line, values)
    except csv.Error as exc:
        raise InputError(f"not a well-formed CSV file: {exc}", file=file, line=reader.line_num) from None
    if header is None:  # pragma: no cover - an all-blank file is caught as empty above
        raise InputError("file is empty", file=file)
    absent = [d for d in KENT_DISTRICTS if d not in rows]
    if absent:
        raise InputError(f"{len(absent)} of the twelve Kent districts have no row", file=file, field=_DISTRICT_COLUMN, value=absent)
    figures = np.array([rows[d][1] for d in KENT_DISTRICTS], dtype=float)
    totals = figures.sum(axis=0)
    for j, c in enumerate(wanted):
        if not totals[j] > 0:
            raise InputError("factor's figures total zero, so they cannot be turned into district proportions",
                             file=file, field=c, value=float(totals[j]))
        if not math.isfinite(float(totals[j])):
            raise InputError("factor's figures are too large to add up", file=file, field=c, value=float(totals[j]))
    figures.setflags(write=False)
    return DistrictTable(file=file, sha256=digest, districts=KENT_DISTRICTS, columns=tuple(wanted), figures=figures)


# ---------------------------------------------------------------------- compute
def allocate(
    factors: Sequence[Factor],
    table: DistrictTable,
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
        District figures for those factors (:func:`read_districts`).
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
        raise InputError("the district table was read for different factors", file=table.file, field="columns", value=list(table.columns))
    weights = {r: rank_weights(len(factors), r, ri_table=ri_table) for r in RULES}
    props = proportions(table.figures)
    props.setflags(write=False)
    shares: dict[str, FloatArray] = {}
    for r in RULES:
        s = district_shares(props, weights[r].weights)
        s.setflags(write=False)
        shares[r] = s
    amounts = largest_remainder(shares[rule], budget_pence) if budget_pence is not None else None
    return Allocation(
        rule=rule, factors=tuple(factors), table=table, weights=MappingProxyType(weights), proportions=props,
        shares=MappingProxyType(shares), budget_pence=budget_pence, amounts_pence=amounts, ri_table=ri_table,
        source=MappingProxyType(dict(source or {})),
    )


# --------------------------------------------------------------------- outputs
def allocation_document(a: Allocation) -> dict[str, Any]:
    """The content of allocation.json."""
    from .version import __version__

    ahp = a.ahp
    return {
        "engine": {"name": "decision", "version": __version__},
        "command": "allocate",
        "rule": a.rule,
        "rule_label": RULE_LABELS[a.rule],
        "input": {"file": Path(a.table.file).name, "sha256": a.table.sha256},
        "ranking_source": dict(a.source),
        "parameters": {
            "budget": format_pence(a.budget_pence) if a.budget_pence is not None else None,
            "budget_pence": a.budget_pence,
            "share_formula": "share_d = sum_f w_f * x_{d,f} / sum_d x_{d,f}",
            "rounding": "amounts in whole pence by the largest-remainder method; ties to the larger share, then the earlier district",
            "ahp_judgement": AHP_JUDGEMENT,
            "random_index_table": RANDOM_INDEX_NAMES[a.ri_table],
        },
        "factors": [{"rank": f.rank, "column": f.column, "factor": f.name} for f in a.factors],
        "weights": {
            r: {
                "label": w.label,
                "derivation": w.derivation,
                "weights": [{"rank": f.rank, "column": f.column, "factor": f.name, "weight": float(x)}
                            for f, x in zip(a.factors, w.weights)],
            }
            for r, w in a.weights.items()
        },
        "ahp_consistency": {
            "lambda_max": ahp.lambda_max, "ci": ahp.ci, "cr": ahp.cr, "ri": ahp.ri,
            "random_index_table": RANDOM_INDEX_NAMES[ahp.ri_table], "acceptable": ahp.cr <= CR_LIMIT,
        },
        "districts": [
            {
                "district": d,
                "figures": {c: float(x) for c, x in zip(a.table.columns, a.table.figures[i])},
                "proportions": {c: float(x) for c, x in zip(a.table.columns, a.proportions[i])},
                "shares": {r: float(a.shares[r][i]) for r in RULES},
                "amount": format_pence(a.amounts_pence[i]) if a.amounts_pence is not None else None,
                "amount_pence": a.amounts_pence[i] if a.amounts_pence is not None else None,
            }
            for i, d in enumerate(a.table.districts)
        ],
    }


def _write_csv(a: Allocation, path: Path) -> None:
    from .output.tables import safe_cell

    header = ["district", *(f"share_{r}" for r in RULES)]
    if a.amounts_pence is not None:
        header.append(f"amount_gbp_{a.rule}")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(h) for h in header])
    for i, d in enumerate(a.table.districts):
        row: list[Any] = [safe_cell(d), *(f"{float(a.shares[r][i]):.9f}" for r in RULES)]
        if a.amounts_pence is not None:
            row.append(format_pence(a.amounts_pence[i]))
        w.writerow(row)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def _write_chart(a: Allocation, path: Path) -> None:
    from .report.charts import allocation_chart

    allocation_chart(
        path,
        title=f"District shares under four weighting rules (headline: {RULE_LABELS[a.rule]})",
        districts=a.table.districts,
        rules=[RULE_LABELS[r] for r in RULES],
        headline=RULES.index(a.rule),
        shares=np.array([a.shares[r] for r in RULES]),
        factors=[f.column for f in a.factors],
        weights=np.array([a.weights[r].weights for r in RULES]),
    )


def write_allocation(a: Allocation, out: str | Path) -> Path:
    """Write allocation.csv, allocation.json and chart_allocation.png into
    ``out``, all or nothing.

    Files are written into a temporary folder beside ``out`` and moved into
    place only when all are complete. ``out`` may be missing, empty, or hold
    an earlier allocation (only the files listed in :data:`ALLOCATION_FILES`,
    including allocation.json), which is replaced; any other folder is refused.
    """
    def write(folder: Path) -> None:
        (folder / "allocation.json").write_text(json.dumps(allocation_document(a), indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
        _write_csv(a, folder / "allocation.csv")
        _write_chart(a, folder / "chart_allocation.png")

    return publish(Path(out), write, marker="allocation.json", owned=lambda n: n in ALLOCATION_FILES,
                   what="an earlier allocation")
