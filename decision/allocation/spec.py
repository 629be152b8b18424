"""The project's allocation file: which units a budget is shared between,
which factors share it, and their ranking.

The file is ``criteria/allocation.yaml`` in the project folder
(:data:`ALLOCATION_FILE`). It names the unit (the word for one row of the
table, also the table's first column), lists the units in the order outputs
give them, declares each factor's table column and wording, and says where
the ranking comes from: the ranking recorded in the project's questions file
(matched to the factors by wording) or the order of the factors in this file.
See ``docs/ALLOCATION.md``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, KeyPath
from ..model import Project
from ..project.loader import PROJECT_FILES, _parse
from .schema import AllocationFile

__all__ = ["ALLOCATION_FILE", "Factor", "AllocationSpec", "unit_key", "load_allocation", "ranked_factors",
           "ranking_source"]

#: Where a project declares its allocation, relative to the project folder.
ALLOCATION_FILE = "criteria/allocation.yaml"


@dataclass(frozen=True)
class Factor:
    """One ranked factor: rank (1 = most important), table column id, wording."""

    rank: int
    column: str
    name: str


@dataclass(frozen=True)
class AllocationSpec:
    """The validated allocation file.

    Attributes
    ----------
    file
        The file as displayed in messages (the project folder joined with
        :data:`ALLOCATION_FILE`).
    unit, unit_plural
        The word for one unit (also the table's first column) and for several.
    units
        The units' names, in the order outputs list them.
    factors
        Declared factors as (column id, wording), in the file's order.
    source
        ``"questions"`` or ``"listed"`` (see :mod:`.schema`).
    question
        The reference recorded with the ranking's source, or None.
    """

    file: str
    unit: str
    unit_plural: str
    units: tuple[str, ...]
    factors: tuple[tuple[str, str], ...]
    source: str
    question: str | None


def unit_key(name: str) -> str:
    """How unit names are compared: case, extra spaces and ``&`` for ``and`` ignored."""
    return " ".join(name.replace("&", " and ").split()).casefold()


def _label_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def load_allocation(project: Project) -> AllocationSpec:
    """Read and check the project's allocation file.

    Raises
    ------
    InputError
        If the project has no allocation file (naming the file looked for),
        or the file breaks a rule: not valid YAML, an unknown or missing key,
        a value of the wrong kind, a unit, factor id or factor wording given
        twice, or a factor id equal to the unit column.
    """
    path = Path(project.root) / ALLOCATION_FILE
    display = str(path)
    if not path.is_file():
        raise InputError("the project has no allocation file (it names the units and the ranked factors; "
                         "see docs/ALLOCATION.md)", file=display)
    doc, lines = _parse(AllocationFile, path, display=display)
    _check_unique([unit_key(u) for u in doc.units], doc.units, "units", doc.unit, lines, display)
    _check_unique([f.id for f in doc.factors], [f.id for f in doc.factors], "factors", "factor id", lines, display,
                  leaf="id")
    _check_unique([_label_key(f.label) for f in doc.factors], [f.label for f in doc.factors], "factors",
                  "factor label", lines, display, leaf="label")
    for k, f in enumerate(doc.factors):
        if f.id == doc.unit:
            raise InputError(f"factor id is the unit's column ({doc.unit}); the table needs them apart", file=display,
                             field=f"factors[{k}].id", value=f.id, line=lines.get(("factors", k, "id")))
    return AllocationSpec(file=display, unit=doc.unit, unit_plural=doc.unit_plural or doc.unit + "s",
                          units=tuple(" ".join(u.split()) for u in doc.units),
                          factors=tuple((f.id, f.label) for f in doc.factors),
                          source=doc.ranking.source, question=doc.ranking.question)


def _check_unique(keys: list[str], given: list[str], key: str, what: str, lines: dict[KeyPath, int], display: str,
                  *, leaf: str | None = None) -> None:
    first: dict[str, int] = {}
    for k, name in enumerate(keys):
        if name in first:
            place: KeyPath = (key, k, leaf) if leaf else (key, k)
            raise InputError(f"{what} is given twice (first as {key}[{first[name]}])", file=display,
                             field=f"{key}[{k}]" + (f".{leaf}" if leaf else ""), value=given[k],
                             line=lines.get(place))
        first[name] = k


def ranked_factors(project: Project, spec: AllocationSpec) -> tuple[Factor, ...]:
    """The ranked factors with their table columns, most important first.

    Raises
    ------
    InputError
        With ``source: questions``: if the questions file records no ranking,
        ranks a factor the allocation file does not declare, or ranks one twice
        (naming the questions file).
    """
    if spec.source == "listed":
        return tuple(Factor(rank=k + 1, column=c, name=label) for k, (c, label) in enumerate(spec.factors))
    qfile = str(Path(project.root) / PROJECT_FILES["questions"])
    if not project.funding_factors:
        raise InputError(f"the project records no ranking of factors (funding_factors), which {spec.file} names "
                         "as the ranking's source", file=qfile, field="funding_factors")
    by_label = {_label_key(label): (c, label) for c, label in spec.factors}
    out: list[Factor] = []
    for k, name in enumerate(project.funding_factors):
        where = f"funding_factors.ranking[rank {k + 1}].factor"
        found = by_label.get(_label_key(name))
        if found is None:
            raise InputError(f"ranked factor is not declared in {spec.file} (declared: "
                             + "; ".join(label for _, label in spec.factors) + ")", file=qfile, field=where, value=name)
        if any(f.column == found[0] for f in out):
            raise InputError("factor is ranked twice", file=qfile, field=where, value=name)
        out.append(Factor(rank=k + 1, column=found[0], name=found[1]))
    return tuple(out)


def ranking_source(project: Project, spec: AllocationSpec) -> dict[str, str]:
    """Where the ranking was read from, for the record: the file (relative to
    the project), the key, the reference if any, and the file's SHA-256."""
    if spec.source == "listed":
        rel, key = ALLOCATION_FILE, "factors"
    else:
        rel, key = PROJECT_FILES["questions"], "funding_factors"
    out = {"file": rel, "key": key}
    if spec.question is not None:
        out["question"] = spec.question
    out["sha256"] = hashlib.sha256((Path(project.root) / rel).read_bytes()).hexdigest()
    return out
