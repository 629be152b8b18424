"""Read a respondents file: one row per respondent of pairwise judgements.

A respondents file (CSV or .xlsx) holds one row per respondent: a
``respondent`` column and one column per pair of criteria named
``<criterion_a>__<criterion_b>`` (upper triangle, criteria order), whose value
says how many times more important a is than b (a number or a fraction such as
``1/3``; empty = not answered). Every problem is refused naming the file, the
row and column, the rule and the value.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

from ..errors import InputError
from ..textfile import decode_utf8, read_bytes

__all__ = ["RespondentRow", "pair_key", "read_respondents"]

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


@dataclass(frozen=True, slots=True)
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
    display = str(path)
    rows = _read_rows(Path(path), display)
    # The header is the first row with anything in it.
    numbered = [(k + 1, r) for k, r in enumerate(rows)]
    filled = [(k, r) for k, r in numbered if not all(_blank(c) for c in r)]
    if not filled:
        raise InputError("file is empty: expected a header row (respondent, then one column per pair of criteria) and one row per respondent", file=display)
    header_row, header = filled[0]
    names = ["" if _blank(c) else str(c).strip() for c in header]
    ids = list(criteria)
    expected = [pair_key(ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))]
    respondent_col, pair_cols = _header_columns(names, header_row, ids, display)
    _check_every_pair(expected, pair_cols, header_row, display)
    out: list[RespondentRow] = []
    seen: dict[str, int] = {}
    for row, cells in filled[1:]:
        out.append(_respondent_row(row, cells, names, respondent_col, pair_cols, expected, seen, display))
    if not out:
        raise InputError("no respondents: the file has a header row but no rows below it", file=display, field=f"row {header_row}")
    return tuple(out)


def _read_rows(p: Path, display: str) -> list[list[object]]:
    """The file's rows of cells, by its suffix."""
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
    return rows


def _where(names: Sequence[str], row: int, col: int) -> str:
    """A cell as messages name it: row, column letter and the column's header."""
    title = names[col] if col < len(names) and names[col] else "(no header)"
    return f"row {row}, column {_column_letter(col)} ({title})"


def _header_columns(names: Sequence[str], header_row: int, ids: Sequence[str], display: str) -> tuple[int, dict[str, int]]:
    """The respondent column and the column of each pair named in the header."""
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
        _check_pair_column(name, ids, display, here)
        if name in pair_cols:
            raise InputError("the pair column appears twice", file=display, field=here, value=name)
        pair_cols[name] = col
    if respondent_col is None:
        raise InputError("no 'respondent' column in the header row", file=display, field=f"row {header_row}", value=[n for n in names if n])
    return respondent_col, pair_cols


def _check_pair_column(name: str, ids: Sequence[str], display: str, here: str) -> None:
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


def _check_every_pair(expected: Sequence[str], pair_cols: Mapping[str, int], header_row: int, display: str) -> None:
    absent = [k for k in expected if k not in pair_cols]
    if absent:
        shown: object = absent if len(absent) <= 6 else absent[:5] + [f"... {len(absent)} pairs in all"]
        raise InputError(f"the header has no column for {len(absent)} pair{'s' if len(absent) > 1 else ''} of criteria; every pair "
                         f"needs a column (leave cells empty for judgements not made) (missing: {shown})",
                         file=display, field=f"row {header_row}")


def _respondent_row(row: int, cells: Sequence[object], names: Sequence[str], respondent_col: int, pair_cols: Mapping[str, int],
                    expected: Sequence[str], seen: dict[str, int], display: str) -> RespondentRow:
    """One row below the header; ``seen`` (respondent name -> row) is updated."""
    for col in range(len(cells)):
        if (col >= len(names) or not names[col]) and not _blank(cells[col]):
            raise InputError("a value in a column without a header", file=display, field=_where(names, row, col), value=cells[col])
    who_cell = cells[respondent_col] if respondent_col < len(cells) else None
    if _blank(who_cell):
        raise InputError("every row needs a respondent name", file=display, field=_where(names, row, respondent_col), value=who_cell)
    who = " ".join(str(who_cell).split())
    if len(who) > 200:
        raise InputError("respondent name is longer than 200 characters", file=display, field=_where(names, row, respondent_col), value=who[:40] + "...")
    key = who.casefold()
    if key in seen:
        raise InputError(f"duplicate respondent (also in row {seen[key]})", file=display, field=_where(names, row, respondent_col), value=who)
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
            raise InputError(str(exc), file=display, field=_where(names, row, col), value=cell) from None
    return RespondentRow(name=who, row=row, judgements=MappingProxyType(judgements))
