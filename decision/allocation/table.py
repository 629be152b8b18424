"""The unit table: read and validate each unit's figures for the ranked
factors.

The unit table
--------------
A UTF-8 CSV file (a byte-order mark is allowed) with a header row holding
the unit column (the allocation file's ``unit``) and one column per ranked
factor (the factors' ids), then one row per unit, each unit the allocation
file lists exactly once. Figures are non-negative numbers; every factor must
have a positive total. In the bundled example, ``criteria/districts_template.csv``
is an empty template.
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
from typing import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..textfile import decode_utf8, read_bytes
from .spec import AllocationSpec, Factor, unit_key

__all__ = ["MAX_TABLE_BYTES", "NUMBER", "UnitTable", "read_table"]

FloatArray = npt.NDArray[np.float64]

MAX_TABLE_BYTES = 1_000_000
#: A plain decimal number, as written in a table cell or typed (no separators, units or signs other than +/-).
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)


@dataclass(frozen=True)
class UnitTable:
    """The validated unit table.

    Attributes
    ----------
    file
        The path as given.
    sha256
        SHA-256 of the file's bytes.
    unit, unit_plural
        The unit column's name (the allocation file's ``unit``) and the word
        for several units.
    units
        The units' names, in the allocation file's order.
    columns
        Factor column ids, in the order of the ``factors`` the table was read for.
    figures
        Units x factors, as given (read-only).
    """

    file: str
    sha256: str
    unit: str
    unit_plural: str
    units: tuple[str, ...]
    columns: tuple[str, ...]
    figures: FloatArray


def _figure(cell: str, *, file: str, line: int, where: str, unit: str) -> float:
    text = cell.strip()
    if text == "":
        raise InputError(f"figure is empty (every {unit} needs a figure for every factor; 0 is allowed)",
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


def read_table(path: str | Path, spec: AllocationSpec, factors: Sequence[Factor]) -> UnitTable:
    """Read and validate the unit table for ``factors``.

    Parameters
    ----------
    path
        CSV file: the unit column (``spec.unit``) and one column per factor,
        one row per unit of ``spec.units``.
    spec
        The project's allocation file (:func:`load_allocation`).
    factors
        The ranked factors (:func:`ranked_factors`); their columns are required.

    Returns
    -------
    UnitTable

    Raises
    ------
    InputError
        Naming the file, the line, the unit and column, the rule and the
        value: unreadable, not UTF-8 or empty file; missing, unknown or
        repeated columns; a row with the wrong number of cells; missing,
        unknown or repeated units; empty, non-numeric, non-finite or
        negative figures; a factor whose figures total zero.
    """
    file = str(path)
    digest, text = _read_text(Path(path), file, spec)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    wanted = [f.column for f in factors]
    keys = {unit_key(u): u for u in spec.units}
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
                index = _header_index(header, cells, wanted, spec, file=file, line=line)
                continue
            if all(c.strip() == "" for c in cells):
                if len(cells) in (1, len(header)):
                    continue  # a blank line, or an empty spreadsheet row
            unit, values = _unit_row(cells, header, index, wanted, rows, spec, keys, file=file, line=line)
            rows[unit] = (line, values)
    except csv.Error as exc:
        raise InputError(f"not a well-formed CSV file: {exc}", file=file, line=reader.line_num) from None
    if header is None:  # pragma: no cover - an all-blank file is caught as empty above
        raise InputError("file is empty", file=file)
    figures = _figures(rows, wanted, spec, file=file)
    return UnitTable(file=file, sha256=digest, unit=spec.unit, unit_plural=spec.unit_plural,
                     units=spec.units, columns=tuple(wanted), figures=figures)


def _read_text(p: Path, file: str, spec: AllocationSpec) -> tuple[str, str]:
    """The table file's SHA-256 and its text, refusing empty and binary files."""
    raw = read_bytes(p, display=file, max_bytes=MAX_TABLE_BYTES, missing=f"{spec.unit} table not found")
    digest = hashlib.sha256(raw).hexdigest()
    text = decode_utf8(raw, display=file, allow_bom=True, hint="; save it as CSV UTF-8")
    if text.strip() == "":
        raise InputError(f"file is empty (expected a header row and one row per {spec.unit})", file=file)
    if "\x00" in text:
        raise InputError("file holds a NUL character; is it really a CSV file?", file=file)
    return digest, text


def _header_index(header: list[str], cells: list[str], wanted: list[str], spec: AllocationSpec, *, file: str,
                  line: int) -> dict[str, int]:
    """Column name -> position, for a header holding the unit column and every wanted factor."""
    declared = {c for c, _ in spec.factors}
    index: dict[str, int] = {}
    for k, name in enumerate(header):
        if name == "":
            raise InputError("header cell is empty", file=file, line=line, field=f"column {k + 1}", value=cells[k])
        if name in index:
            raise InputError("column appears twice in the header", file=file, line=line, field=name, value=cells[k])
        if name != spec.unit and name not in declared:
            raise InputError(f"unknown column (the first row must be the header: {spec.unit}, {', '.join(wanted)})",
                             file=file, line=line, field=name, value=cells[k])
        if name != spec.unit and name not in wanted:
            raise InputError("column is for a factor the project's ranking does not include",
                             file=file, line=line, field=name, value=cells[k])
        index[name] = k
    missing = [c for c in [spec.unit, *wanted] if c not in index]
    if missing:
        raise InputError(f"required column is missing from the header (missing: {missing})", file=file, line=line,
                         field=", ".join(missing))
    return index


def _unit_row(cells: list[str], header: list[str], index: dict[str, int], wanted: list[str],
              rows: Mapping[str, tuple[int, list[float]]], spec: AllocationSpec, keys: Mapping[str, str], *,
              file: str, line: int) -> tuple[str, list[float]]:
    """One unit's row: its name as the allocation file lists it and its figures, in ``wanted`` order."""
    at = index[spec.unit]
    if len(cells) != len(header):
        raise InputError(f"row has {len(cells)} cells but the header has {len(header)}", file=file, line=line,
                         field="row", value=cells[at] if len(cells) > at else None)
    given = cells[at]
    if given.strip() == "":
        raise InputError(f"{spec.unit} name is empty", file=file, line=line, field=spec.unit, value=given)
    unit = keys.get(unit_key(given))
    if unit is None:
        raise InputError(f"unknown {spec.unit} (the {len(spec.units)} {spec.unit_plural} in {spec.file} are: "
                         + ", ".join(spec.units) + ")", file=file, line=line, field=spec.unit, value=given)
    if unit in rows:
        raise InputError(f"{spec.unit} appears twice (first on line {rows[unit][0]})", file=file, line=line,
                         field=spec.unit, value=given)
    return unit, [_figure(cells[index[c]], file=file, line=line, where=f"{spec.unit} {unit}, column {c}",
                          unit=spec.unit) for c in wanted]


def _figures(rows: Mapping[str, tuple[int, list[float]]], wanted: list[str], spec: AllocationSpec, *,
             file: str) -> FloatArray:
    """Units x factors (read-only), every unit present and every factor with a positive, finite total."""
    absent = [u for u in spec.units if u not in rows]
    if absent:
        raise InputError(f"{len(absent)} of the {len(spec.units)} {spec.unit_plural} have no row (missing: {absent})",
                         file=file, field=spec.unit)
    figures = np.array([rows[u][1] for u in spec.units], dtype=float)
    totals = figures.sum(axis=0)
    for j, c in enumerate(wanted):
        if not totals[j] > 0:
            raise InputError(f"factor's figures total zero, so they cannot be turned into {spec.unit} proportions",
                             file=file, field=c, value=float(totals[j]))
        if not math.isfinite(float(totals[j])):
            raise InputError("factor's figures are too large to add up", file=file, field=c, value=float(totals[j]))
    figures.setflags(write=False)
    return figures
