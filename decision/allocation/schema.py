"""The allocation file's document (pydantic, ``extra="forbid"``): the units a
budget is shared between, the factors that share it and where their ranking
comes from. Read only by :mod:`.spec`, which adds the checks that need line
numbers (repeated units, ids and labels).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..weights.schema import Identifier, InputModel, Text

__all__ = ["UnitName", "FactorDeclIn", "RankingIn", "AllocationFile"]

#: A unit's name as the table's rows write it (one line of text).
UnitName = Text


class FactorDeclIn(InputModel):
    """One factor: its table column (``id``) and its wording (``label``)."""

    id: Identifier
    label: Text


class RankingIn(InputModel):
    """Where the factors' ranking comes from.

    ``source: questions`` takes the ranking the project's questions file
    records (``funding_factors``), each ranked factor matched to a declared
    factor by its label; ``source: listed`` ranks the factors in the order
    this file lists them, the first most important. ``question`` is an
    optional reference (such as a questionnaire item) recorded with the source.
    """

    source: Literal["questions", "listed"]
    question: Text | None = None


class AllocationFile(InputModel):
    """``criteria/allocation.yaml``."""

    unit: Identifier
    unit_plural: Text | None = None
    units: list[UnitName] = Field(min_length=1)
    factors: list[FactorDeclIn] = Field(min_length=1)
    ranking: RankingIn
