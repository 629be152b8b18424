"""Several respondents' pairwise judgements: read, complete, aggregate.

A respondents file (CSV or .xlsx) holds one row per respondent: a
``respondent`` column and one column per pair of criteria named
``<criterion_a>__<criterion_b>`` (upper triangle, criteria order), whose value
says how many times more important a is than b (a number or a fraction such as
``1/3``; empty = not answered). For each respondent this module

* completes missing judgements by Harker's method (:func:`harker_complete`),
* computes the principal-eigenvector weights and the consistency ratio, both of
  the completed matrix and of the judgements actually given
  (:func:`known_consistency_ratio`), and the geometric consistency index;

and for the group

* aggregates by the geometric mean of the judgements (AIJ) or the normalised
  geometric mean of the priorities (AIP),
* describes the spread: per criterion the minimum, maximum and standard
  deviation of the respondents' weights; per pair the geometric standard
  deviation of the judgements; per respondent the compatibility of their
  judgements with the group's weights.

References
----------
.. [1] Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
   hierarchy process. *Mathematical Modelling*, 9(11), 837-848.
.. [2] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and
   priorities with the analytic hierarchy process. *European Journal of
   Operational Research*, 108(1), 165-169.
.. [3] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency
   index: Approximated thresholds. *European Journal of Operational Research*,
   147(1), 137-145.
.. [4] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .errors import InputError
from .textfile import decode_utf8, read_bytes
from .weights import CR_LIMIT, RANDOM_INDEX, RANDOM_INDEX_NAMES, ahp_priorities

__all__ = [
    "HarkerCompletion",
    "RespondentRow",
    "RespondentResult",
    "GroupResult",
    "harker_complete",
    "known_consistency_ratio",
    "geometric_consistency_index",
    "components",
    "pair_key",
    "read_respondents",
    "aggregate_respondents",
    "import_weights",
    "weight_document",
    "summary_lines",
]

FloatArray = npt.NDArray[np.float64]
Aggregate = Literal["aij", "aip"]

MAX_FILE_BYTES = 5_000_000
MAX_ROWS = 10_000
#: Judgements must lie on Saaty's scale, 1/9 .. 9. The lower limit allows 1/9
#: written as a rounded decimal (0.11).
SCALE_MIN = 1 / 9 - 0.006
SCALE_MAX = 9.0
_FRACTION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def pair_key(a: str, b: str) -> str:
    """The column name of the pair (a, b): ``a__b``."""
    return f"{a}__{b}"


# ------------------------------------------------------------------ the maths
@dataclass(frozen=True)
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


# ------------------------------------------------------------------ reading
@dataclass(frozen=True)
class RespondentRow:
    """One respondent's row: judgements by pair key (None = not answered)."""

    name: str
    row: int
    judgements: Mapping[str, float | None]


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_number(value: object) -> float:
    """A judgement cell as a number; ValueError with the rule broken."""
    if isinstance(value, bool):
        raise ValueError("a judgement must be a number or a fraction such as 1/3, not TRUE/FALSE")
    if isinstance(value, (int, float)):
        x = float(value)
    elif isinstance(value, str):
        text = value.strip()
        m = _FRACTION.match(text)
        if m:
            num, den = float(m.group(1)), float(m.group(2))
            if den == 0:
                raise ValueError("the fraction divides by zero")
            x = num / den
        else:
            try:
                x = float(text)
            except ValueError:
                raise ValueError("a judgement must be a number or a fraction such as 1/3") from None
    else:
        raise ValueError(f"a judgement must be a number or a fraction such as 1/3, not a {type(value).__name__}")
    if not math.isfinite(x):
        raise ValueError("a judgement must be a finite number")
    if x <= 0:
        raise ValueError("a judgement must be positive (1 = equal; 1/3 = the second criterion is moderately more important)")
    if x < SCALE_MIN or x > SCALE_MAX:
        raise ValueError("a judgement must lie on Saaty's scale, between 1/9 and 9")
    return x


def _read_csv(path: Path, display: str) -> list[list[object]]:
    text = decode_utf8(path.read_bytes(), display=display, allow_bom=True, hint="; save it as CSV UTF-8")
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        if ";" in first:
            delimiter = ";"
        elif "\t" in first:
            delimiter = "\t"
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)]
    except csv.Error as exc:
        raise InputError(f"not a readable CSV file: {exc}", file=display) from None


def _read_xlsx(path: Path, display: str) -> list[list[object]]:
    # openpyxl is imported here only: reading a CSV never needs it.
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is optional, as for the workbook writer
        raise InputError("reading .xlsx files needs openpyxl; install it or save the sheet as CSV", file=display) from None
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it does not read; the values are what matter here.
        warnings.simplefilter("ignore")
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors
            raise InputError(f"not a readable .xlsx workbook ({type(exc).__name__})", file=display) from None
        try:
            sheets = wb.worksheets
            if not sheets:
                raise InputError("the workbook has no worksheet", file=display)
            named = [s for s in sheets if s.title.strip().casefold() == "respondents"]
            sheet = named[0] if named else sheets[0]
            rows: list[list[object]] = []
            for r in sheet.iter_rows(values_only=True):
                rows.append(list(r))
                if len(rows) > MAX_ROWS + 1:
                    raise InputError(f"more than {MAX_ROWS} rows", file=display, value=len(rows))
        finally:
            wb.close()
    return rows


def read_respondents(path: str | Path, criteria: Sequence[str]) -> tuple[RespondentRow, ...]:
    """Read and validate a respondents file (``.csv`` or ``.xlsx``).

    Parameters
    ----------
    path
        The file. A workbook is read from its sheet named ``respondents`` or,
        failing that, its first sheet (cached values of formulas).
    criteria
        Criterion ids in the project's order; the pair columns must be
        ``a__b`` with a before b in this order, one for every pair.

    Returns
    -------
    tuple of RespondentRow
        In file order. ``row`` is the spreadsheet row number (the header is
        row 1 when it is the first line).

    Raises
    ------
    InputError
        Naming the file, the row and column, the rule and the value: an empty
        file, no respondents, a missing ``respondent`` column, an unknown or
        misordered or duplicate or missing pair column, an empty or duplicate
        respondent name, a judgement that is not a positive number or fraction
        on the 1/9..9 scale.
    """
    p = Path(path)
    display = str(path)
    read_bytes(p, display=display, max_bytes=MAX_FILE_BYTES, missing="respondents file does not exist")
    suffix = p.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(p, display)
    elif suffix in {".xlsx", ".xlsm"}:
        rows = _read_xlsx(p, display)
    else:
        raise InputError("respondents file must be .csv or .xlsx", file=display, value=p.suffix)
    if len(rows) > MAX_ROWS + 1:
        raise InputError(f"more than {MAX_ROWS} rows", file=display, value=len(rows))
    # The header is the first row with anything in it.
    numbered = [(k + 1, r) for k, r in enumerate(rows)]
    filled = [(k, r) for k, r in numbered if not all(_blank(c) for c in r)]
    if not filled:
        raise InputError("file is empty: expected a header row (respondent, then one column per pair of criteria) and one row per respondent", file=display)
    header_row, header = filled[0]
    names = ["" if _blank(c) else str(c).strip() for c in header]
    ids = list(criteria)
    expected = [pair_key(ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))]

    def where(row: int, col: int) -> str:
        title = names[col] if col < len(names) and names[col] else "(no header)"
        return f"row {row}, column {_column_letter(col)} ({title})"

    respondent_col: int | None = None
    pair_cols: dict[str, int] = {}
    for col, name in enumerate(names):
        if not name:
            continue
        here = f"row {header_row}, column {_column_letter(col)}"
        if name.casefold() == "respondent":
            if respondent_col is not None:
                raise InputError("the respondent column appears twice", file=display, field=here, value=name)
            respondent_col = col
            continue
        a, sep, b = name.partition("__")
        if not sep:
            raise InputError("unknown column: expected 'respondent' or a pair of criteria written criterion_a__criterion_b "
                             f"(criteria: {', '.join(ids)})", file=display, field=here, value=name)
        unknown = [c for c in (a, b) if c not in ids]
        if unknown:
            raise InputError(f"the column names a criterion that does not exist (criteria: {', '.join(ids)})",
                             file=display, field=here, value=name)
        if a == b:
            raise InputError("a pair must name two different criteria", file=display, field=here, value=name)
        if ids.index(a) > ids.index(b):
            raise InputError(f"pair columns follow the criteria order: write {pair_key(b, a)} and give how much more "
                             f"important {b} is than {a}", file=display, field=here, value=name)
        if name in pair_cols:
            raise InputError("the pair column appears twice", file=display, field=here, value=name)
        pair_cols[name] = col
    if respondent_col is None:
        raise InputError("no 'respondent' column in the header row", file=display, field=f"row {header_row}", value=[n for n in names if n])
    absent = [k for k in expected if k not in pair_cols]
    if absent:
        shown: object = absent if len(absent) <= 6 else absent[:5] + [f"... {len(absent)} pairs in all"]
        raise InputError(f"the header has no column for {len(absent)} pair{'s' if len(absent) > 1 else ''} of criteria; every pair "
                         "needs a column (leave cells empty for judgements not made)",
                         file=display, field=f"row {header_row}", value=shown)

    out: list[RespondentRow] = []
    seen: dict[str, int] = {}
    for row, cells in filled[1:]:
        for col in range(len(cells)):
            if (col >= len(names) or not names[col]) and not _blank(cells[col]):
                raise InputError("a value in a column without a header", file=display, field=where(row, col), value=cells[col])
        who_cell = cells[respondent_col] if respondent_col < len(cells) else None
        if _blank(who_cell):
            raise InputError("every row needs a respondent name", file=display, field=where(row, respondent_col), value=who_cell)
        who = " ".join(str(who_cell).split())
        if len(who) > 200:
            raise InputError("respondent name is longer than 200 characters", file=display, field=where(row, respondent_col), value=who[:40] + "...")
        key = who.casefold()
        if key in seen:
            raise InputError(f"duplicate respondent (also in row {seen[key]})", file=display, field=where(row, respondent_col), value=who)
        seen[key] = row
        judgements: dict[str, float | None] = {}
        for pk in expected:
            col = pair_cols[pk]
            cell = cells[col] if col < len(cells) else None
            if _blank(cell):
                judgements[pk] = None
                continue
            try:
                judgements[pk] = _cell_number(cell)
            except ValueError as exc:
                raise InputError(str(exc), file=display, field=where(row, col), value=cell) from None
        out.append(RespondentRow(name=who, row=row, judgements=judgements))
    if not out:
        raise InputError("no respondents: the file has a header row but no rows below it", file=display, field=f"row {header_row}")
    return tuple(out)


# ------------------------------------------------------------------ aggregating
@dataclass(frozen=True)
class RespondentResult:
    """One respondent's weights and consistency.

    ``cr`` is the consistency ratio of the completed matrix, ``cr_known`` that
    of the judgements given (see :func:`known_consistency_ratio`; equal when
    nothing is missing). ``inconsistent`` is ``cr_known > 0.10``.
    ``compatibility`` is the GCI formula with the group's weights.
    """

    name: str
    row: int
    judgements: FloatArray
    matrix: FloatArray
    weights: FloatArray
    cr: float
    cr_known: float
    gci: float
    completed: tuple[tuple[int, int, float], ...]
    compatibility: float = 0.0

    @property
    def inconsistent(self) -> bool:
        return self.cr_known > CR_LIMIT


@dataclass(frozen=True)
class GroupResult:
    """The group's weights and how much the respondents differ.

    ``matrix`` is the aggregated judgement matrix (AIJ) or None (AIP);
    ``cr`` its consistency ratio (None for AIP). ``weight_min``, ``weight_max``
    and ``weight_sd`` (sample standard deviation, 0 for one respondent) are
    per criterion; ``dispersion[i, j]`` is the geometric standard deviation
    of the respondents' (completed) judgements ``a_ij``,
    ``exp(sd(ln a_ij))``: 1 when everybody agrees.
    """

    criteria: tuple[str, ...]
    aggregate: Aggregate
    ri_table: str
    respondents: tuple[RespondentResult, ...]
    weights: FloatArray
    matrix: FloatArray | None
    cr: float | None
    weight_min: FloatArray
    weight_max: FloatArray
    weight_sd: FloatArray
    dispersion: FloatArray
    file: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def inconsistent(self) -> tuple[RespondentResult, ...]:
        return tuple(r for r in self.respondents if r.inconsistent)


def _respondent(row: RespondentRow, ids: Sequence[str], ri_table: str, display: str) -> RespondentResult:
    n = len(ids)
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    for i in range(n):
        for j in range(i + 1, n):
            v = row.judgements.get(pair_key(ids[i], ids[j]))
            if v is not None:
                a[i, j] = v
                a[j, i] = 1.0 / v
    known = np.isfinite(a)
    parts = components(known)
    if len(parts) > 1:
        groups = " | ".join("{" + ", ".join(ids[k] for k in part) + "}" for part in parts)
        n_missing = int((~known).sum() // 2)
        raise InputError(
            f"too many judgements are missing ({n_missing} of {n * (n - 1) // 2}): the pairs answered do not link every "
            f"criterion to the others, so no weights follow (separate groups: {groups}); at least {n - 1} judgements that "
            "connect all criteria are needed", file=display, field=f"row {row.row} (respondent {row.name})", value=n_missing)
    h = harker_complete(a)
    res = ahp_priorities(h.matrix, ri_table=ri_table)
    completed = tuple((i, j, float(h.matrix[i, j])) for i, j in h.missing)
    cr_known = known_consistency_ratio(a, res.weights, ri_table=ri_table)
    return RespondentResult(
        name=row.name, row=row.row, judgements=a, matrix=h.matrix, weights=np.array(res.weights), cr=res.cr,
        cr_known=cr_known, gci=geometric_consistency_index(h.matrix, res.weights), completed=completed,
    )


def aggregate_respondents(
    rows: Sequence[RespondentRow],
    criteria: Sequence[str],
    *,
    aggregate: Aggregate = "aij",
    ri_table: str = "saaty1980",
    file: str = "",
) -> GroupResult:
    """Per-respondent weights and consistency, and the group's weights.

    Parameters
    ----------
    rows
        Respondents' judgements (:func:`read_respondents`).
    criteria
        Criterion ids in order.
    aggregate
        ``"aij"`` (default): the geometric mean of the respondents' judgements,
        pair by pair, then its principal eigenvector. ``"aip"``: the geometric
        mean of the respondents' weights, normalised to sum to 1.
    ri_table
        Random index table for the consistency ratios.
    file
        The file the rows came from, for messages.

    Returns
    -------
    GroupResult

    Raises
    ------
    InputError
        If a respondent's judgements do not connect every criterion (the
        message names the row).

    Notes
    -----
    Missing judgements are completed per respondent by Harker's method before
    aggregating, so every respondent contributes to every pair: a missing
    ``a_ij`` counts as the ratio ``w_i / w_j`` implied by that respondent's
    other judgements. Both rules follow Forman & Peniwati (1998): AIJ treats
    the group as one new individual, AIP as a group of individuals.
    """
    if aggregate not in ("aij", "aip"):
        raise InputError("aggregation must be aij or aip", field="aggregate", value=aggregate)
    if not rows:
        raise InputError("no respondents", file=file or None)
    ids = tuple(criteria)
    n = len(ids)
    if n not in RANDOM_INDEX[ri_table]:
        raise InputError(f"the {RANDOM_INDEX_NAMES[ri_table]} random index table covers n <= 10 criteria", field="criteria", value=n)
    people = [_respondent(r, ids, ri_table, file) for r in rows]
    k = len(people)
    logs = np.log(np.stack([p.matrix for p in people]))
    group_matrix: FloatArray | None
    if aggregate == "aij":
        # Rounded to 6 significant digits, as written to the weight file, so that
        # the appraisal reproduces exactly the weights reported here.
        group_matrix = np.vectorize(lambda x: float(f"{x:.6g}"))(np.exp(logs.mean(axis=0))).astype(float)
        np.fill_diagonal(group_matrix, 1.0)
        res = ahp_priorities(group_matrix, ri_table=ri_table)
        weights = np.array(res.weights)
        group_cr: float | None = res.cr
    else:
        group_matrix = None
        group_cr = None
        g = np.exp(np.log(np.stack([p.weights for p in people])).mean(axis=0))
        weights = g / g.sum()
    people = [
        RespondentResult(
            name=p.name, row=p.row, judgements=p.judgements, matrix=p.matrix, weights=p.weights, cr=p.cr,
            cr_known=p.cr_known, gci=p.gci, completed=p.completed,
            compatibility=geometric_consistency_index(p.matrix, weights),
        ) for p in people
    ]
    w_all = np.stack([p.weights for p in people])
    ddof = 1 if k > 1 else 0
    dispersion = np.exp(logs.std(axis=0, ddof=ddof)) if k > 1 else np.ones((n, n))
    return GroupResult(
        criteria=ids, aggregate=aggregate, ri_table=ri_table, respondents=tuple(people), weights=weights,
        matrix=group_matrix, cr=group_cr, weight_min=w_all.min(axis=0), weight_max=w_all.max(axis=0),
        weight_sd=w_all.std(axis=0, ddof=ddof) if k > 1 else np.zeros(n), dispersion=dispersion, file=file,
    )


# ------------------------------------------------------------------ writing
def _r(x: float, digits: int = 6) -> float:
    return float(round(float(x), digits))


def weight_document(group: GroupResult, *, name: str, label: str, file_label: str) -> dict[str, Any]:
    """The weight file for a group, as data ready to be written as YAML.

    AIJ gives ``kind: ahp`` with the aggregated matrix (full precision, so the
    appraisal reproduces the weights printed here). AIP has no judgement
    matrix, so it gives ``kind: direct`` with the group's weights.
    """
    from .elicit import Flow

    ids = group.criteria
    n = len(ids)
    k = len(group.respondents)
    flagged = [r for r in group.respondents if r.inconsistent]
    completed_people = [r for r in group.respondents if r.completed]
    rule = ("the geometric mean of the judgements of the respondents, pair by pair (AIJ), then the principal eigenvector"
            if group.aggregate == "aij" else
            "the geometric mean of the priority weights of the respondents, normalised to sum to 1 (AIP)")
    note = (f"Aggregated from {k} respondent{'s' if k != 1 else ''} in {file_label} by {rule} "
            "(Forman & Peniwati 1998). The weights of each respondent are the principal eigenvector of their pairwise matrix.")
    if completed_people:
        note += (" Missing judgements were completed by the method of Harker (1987): "
                 + "; ".join(f"{r.name} ({len(r.completed)})" for r in completed_people) + ".")
    if flagged:
        note += (f" Consistency ratio above {CR_LIMIT:.2f}, included all the same: "
                 + "; ".join(f"{r.name} (CR {r.cr_known:.3f})" for r in flagged) + ".")
    doc: dict[str, Any] = {"name": name, "label": label, "provenance": "elicited"}
    source: dict[str, Any]
    if group.aggregate == "aij":
        assert group.matrix is not None and group.cr is not None
        matrix = [Flow([1 if i == j else float(group.matrix[i, j]) for j in range(n)]) for i in range(n)]
        source = {"kind": "ahp", "random_index": group.ri_table, "criteria": Flow(list(ids)), "matrix": matrix}
        if group.cr > CR_LIMIT:
            source["allow_inconsistent"] = True
            note += f" The aggregated matrix has CR {group.cr:.3f}, above {CR_LIMIT:.2f}; accepted as the view of the group."
    else:
        source = {"kind": "direct", "weights": {c: float(w) for c, w in zip(ids, group.weights)}}
    doc["provenance_note"] = note
    doc["source"] = source
    people = []
    for r in group.respondents:
        person: dict[str, Any] = {
            "respondent": r.name,
            "row": r.row,
            "weights": {c: _r(w) for c, w in zip(ids, r.weights)},
            "cr": _r(r.cr),
            "cr_known": _r(r.cr_known),
            "gci": _r(r.gci),
            "compatibility": _r(r.compatibility),
            "inconsistent": r.inconsistent,
        }
        if r.completed:
            person["completed"] = {pair_key(ids[i], ids[j]): _r(v) for i, j, v in r.completed}
        people.append(person)
    block: dict[str, Any] = {
        "file": file_label,
        "aggregate": group.aggregate,
        "random_index": group.ri_table,
        "cr_limit": CR_LIMIT,
    }
    if group.cr is not None:
        block["group_cr"] = _r(group.cr)
    block["people"] = people
    block["spread"] = {c: {"min": _r(group.weight_min[j]), "max": _r(group.weight_max[j]), "sd": _r(group.weight_sd[j])}
                       for j, c in enumerate(ids)}
    block["dispersion"] = {pair_key(ids[i], ids[j]): max(1.0, _r(group.dispersion[i, j]))
                           for i in range(n) for j in range(i + 1, n)}
    doc["respondents"] = block
    return doc


def summary_lines(group: GroupResult, names: Mapping[str, str] | None = None) -> list[str]:
    """A plain-text summary: weights per respondent and the group, consistency, spread."""
    ids = group.criteria
    people = group.respondents
    label_w = max([len("criterion")] + [len(c) for c in ids])
    heads = [p.name for p in people] + [f"group ({group.aggregate.upper()})", "min", "max", "sd"]
    widths = [max(7, len(h)) for h in heads]
    lines = ["Weights by respondent and for the group:"]
    lines.append("  " + "criterion".ljust(label_w) + "  " + "  ".join(h.rjust(w) for h, w in zip(heads, widths)))
    for j, c in enumerate(ids):
        vals = [p.weights[j] for p in people] + [group.weights[j], group.weight_min[j], group.weight_max[j], group.weight_sd[j]]
        lines.append("  " + c.ljust(label_w) + "  " + "  ".join(f"{v:.3f}".rjust(w) for v, w in zip(vals, widths)))
    lines.append("  " + "CR".ljust(label_w) + "  " + "  ".join(
        (f"{p.cr_known:.3f}" + ("*" if p.inconsistent else "")).rjust(w) for p, w in zip(people, widths)) + (
        "  " + (f"{group.cr:.3f}" if group.cr is not None else "-").rjust(widths[len(people)])))
    lines.append("  " + "GCI".ljust(label_w) + "  " + "  ".join(f"{p.gci:.3f}".rjust(w) for p, w in zip(people, widths)))
    lines.append("  " + "compatibility".ljust(label_w) + "  " + "  ".join(f"{p.compatibility:.3f}".rjust(w) for p, w in zip(people, widths)))
    lines.append(f"  CR: consistency ratio of the judgements given ({RANDOM_INDEX_NAMES[group.ri_table]} random index); "
                 f"* above {CR_LIMIT:.2f}. compatibility: GCI formula against the group's weights.")
    for p in people:
        if p.completed:
            pairs = ", ".join(f"{ids[i]}__{ids[j]} = {v:.3g}" for i, j, v in p.completed)
            lines.append(f"  {p.name} (row {p.row}): {len(p.completed)} missing judgement{'s' if len(p.completed) > 1 else ''} "
                         f"completed by Harker's method: {pairs}; CR {p.cr_known:.3f} on the judgements given, "
                         f"{p.cr:.3f} after completion")
    for p in group.inconsistent:
        lines.append(f"  Inconsistent: {p.name} (row {p.row}), CR {p.cr_known:.3f} > {CR_LIMIT:.2f}; included in the aggregate.")
    iu = np.triu_indices(len(ids), 1)
    if len(people) > 1 and len(ids) > 1:
        worst = int(np.argmax(group.dispersion[iu]))
        i, j = int(iu[0][worst]), int(iu[1][worst])
        lines.append(f"  Most disputed judgement: {ids[i]}__{ids[j]} (geometric standard deviation {group.dispersion[i, j]:.2f}).")
    return lines


def import_weights(
    file: str | Path,
    *,
    project: str | Path,
    weight_set: str,
    aggregate: Aggregate = "aij",
    label: str | None = None,
    force: bool = False,
    output: Callable[[str], None] = print,
) -> tuple[GroupResult, Path]:
    """Read a respondents file, aggregate it and write ``weights/NAME.yaml``.

    Returns the group result and the path written. Raises InputError for any
    problem with the file, the project or an existing weight file (which is
    only replaced with ``force``).
    """
    from .elicit import check_target, dump_weight_file, write_weight_file
    from .project.loader import load_project

    proj = load_project(project)
    target = check_target(proj, weight_set, force=force)
    ids = proj.criteria.ids
    rows = read_respondents(file, ids)
    group = aggregate_respondents(rows, ids, aggregate=aggregate, ri_table=proj.settings.random_index, file=str(file))
    k = len(group.respondents)
    doc = weight_document(group, name=weight_set, label=label or f"{weight_set.replace('_', ' ').capitalize()} ({k} respondents, {aggregate.upper()})",
                          file_label=Path(file).name)
    header = (f"Written by `decision weights import` from {Path(file).name} ({k} respondents, "
              f"{'geometric mean of judgements (AIJ)' if aggregate == 'aij' else 'geometric mean of priorities (AIP)'}).")
    for line in summary_lines(group):
        output(line)
    path = write_weight_file(proj, target, dump_weight_file(doc, header=header), force=force)
    output(f"Wrote {path}")
    return group, path
