"""The district table: read and validate each district's figures for the
ranked funding factors, and the ranking itself from the project.

The district table
------------------
A UTF-8 CSV file (a byte-order mark is allowed) with a header row holding
``district`` and one column per ranked factor (:data:`FACTOR_COLUMNS` maps
column ids to the factor names as worded in the consultation report), then
one row per district, each of the twelve :data:`KENT_DISTRICTS` exactly
once. Figures are non-negative numbers; every factor must have a positive
total. ``criteria/districts_template.csv`` is an empty template.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..model import Project
from ..textfile import decode_utf8, read_bytes

__all__ = ["KENT_DISTRICTS", "FACTOR_COLUMNS", "MAX_TABLE_BYTES", "NUMBER", "Factor", "DistrictTable",
           "ranked_factors", "ranking_source", "read_districts"]

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

MAX_TABLE_BYTES = 1_000_000
_DISTRICT_COLUMN = "district"
#: A plain decimal number, as written in a table cell or typed (no separators, units or signs other than +/-).
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)


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
    if not NUMBER.fullmatch(text):
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
    file = str(path)
    digest, text = _read_text(Path(path), file)
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
                index = _header_index(header, cells, wanted, file=file, line=line)
                continue
            if all(c.strip() == "" for c in cells):
                if len(cells) in (1, len(header)):
                    continue  # a blank line, or an empty spreadsheet row
            district, values = _district_row(cells, header, index, wanted, rows, file=file, line=line)
            rows[district] = (line, values)
    except csv.Error as exc:
        raise InputError(f"not a well-formed CSV file: {exc}", file=file, line=reader.line_num) from None
    if header is None:  # pragma: no cover - an all-blank file is caught as empty above
        raise InputError("file is empty", file=file)
    figures = _figures(rows, wanted, file=file)
    return DistrictTable(file=file, sha256=digest, districts=KENT_DISTRICTS, columns=tuple(wanted), figures=figures)


def _read_text(p: Path, file: str) -> tuple[str, str]:
    """The table file's SHA-256 and its text, refusing empty and binary files."""
    raw = read_bytes(p, display=file, max_bytes=MAX_TABLE_BYTES, missing="district table not found")
    digest = hashlib.sha256(raw).hexdigest()
    text = decode_utf8(raw, display=file, allow_bom=True, hint="; save it as CSV UTF-8")
    if text.strip() == "":
        raise InputError("file is empty (expected a header row and one row per district)", file=file)
    if "\x00" in text:
        raise InputError("file holds a NUL character; is it really a CSV file?", file=file)
    return digest, text


def _header_index(header: list[str], cells: list[str], wanted: list[str], *, file: str, line: int) -> dict[str, int]:
    """Column name -> position, for a header holding the district column and every wanted factor."""
    index: dict[str, int] = {}
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
    return index


def _district_row(cells: list[str], header: list[str], index: dict[str, int], wanted: list[str],
                  rows: Mapping[str, tuple[int, list[float]]], *, file: str, line: int) -> tuple[str, list[float]]:
    """One district's row: its name as listed in :data:`KENT_DISTRICTS` and its figures, in ``wanted`` order."""
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
    return district, [_figure(cells[index[c]], file=file, line=line, district=district, column=c) for c in wanted]


def _figures(rows: Mapping[str, tuple[int, list[float]]], wanted: list[str], *, file: str) -> FloatArray:
    """Districts x factors (read-only), every district present and every factor with a positive, finite total."""
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
    return figures
