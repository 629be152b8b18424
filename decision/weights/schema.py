"""Weight file schema (pydantic): the document a weight file must hold.

``extra="forbid"`` everywhere so a misspelt key is an error rather than a
silently ignored setting; non-finite numbers are refused. The identifiers,
texts and random index tables defined here are shared with the project's
other input files (:mod:`decision.project.schema`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


__all__ = [
    "InputModel",
    "Identifier",
    "Text",
    "StakeholderId",
    "RandomIndexTable",
    "RankRule",
    "PairKey",
    "AhpSourceIn",
    "DirectSourceIn",
    "RankSourceIn",
    "PrioritiesSourceIn",
    "JudgementRecordIn",
    "CriterionRecordIn",
    "ElicitationIn",
    "RespondentRecordIn",
    "SpreadIn",
    "RespondentsIn",
    "WeightFile",
]

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
#: A stakeholder group id (the project declares its groups).
StakeholderId = Identifier
RandomIndexTable = Literal["saaty1980", "saaty2005", "donegan_dodd1991", "tummala_ling1998"]

_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")


class InputModel(BaseModel):
    """Base of every input document model: unknown keys and non-finite numbers refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=False)


def _judgement(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("a judgement must be a number or a fraction such as 1/3")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        m = _FRACTION.match(value)
        if m:
            num, den = float(m.group(1)), float(m.group(2))
            if den == 0:
                raise ValueError(f"fraction {value!r} divides by zero")
            return num / den
    raise ValueError(f"a judgement must be a number or a fraction such as 1/3, found {value!r}")


class AhpSourceIn(InputModel):
    kind: Literal["ahp"]
    criteria: list[Identifier] = Field(min_length=1)
    matrix: list[list[Any]] = Field(min_length=1)
    random_index: RandomIndexTable | None = None
    allow_inconsistent: bool = False

    @field_validator("matrix")
    @classmethod
    def _numbers(cls, matrix: list[list[Any]]) -> list[list[Any]]:
        return [[_judgement(v) for v in row] for row in matrix]


class DirectSourceIn(InputModel):
    kind: Literal["direct"]
    weights: dict[Identifier, Annotated[float, Field(ge=0)]] = Field(min_length=1)


RankRule = Literal["roc", "rank_sum", "reciprocal"]


class RankSourceIn(InputModel):
    kind: Literal["rank"]
    ranking: list[Identifier] = Field(min_length=1)
    method: RankRule = "roc"


class PrioritiesSourceIn(InputModel):
    kind: Literal["priorities"]
    question: Identifier
    stakeholder: StakeholderId
    uncovered_weight: Annotated[float, Field(ge=0, lt=1)] = 0.0


#: A pair of criteria, ``<criterion_a>__<criterion_b>``: how much more important a is than b.
PairKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*__[a-z][a-z0-9_]*$", max_length=130)]


class JudgementRecordIn(InputModel):
    """One pairwise judgement as elicited: ``value`` is how many times more
    important the pair's first criterion is than its second."""

    pair: PairKey
    value: Any
    rationale: Text | None = None
    revised_from: list[Any] = Field(default_factory=list)

    @field_validator("value")
    @classmethod
    def _number(cls, value: Any) -> float:
        return _judgement(value)

    @field_validator("revised_from")
    @classmethod
    def _numbers(cls, values: list[Any]) -> list[float]:
        return [_judgement(v) for v in values]


class CriterionRecordIn(InputModel):
    """One criterion in a ranking or swing elicitation."""

    criterion: Identifier
    rank: Annotated[int, Field(ge=1, le=1000)]
    rating: Annotated[float, Field(ge=0, le=100)] | None = None
    worst: Text | None = None
    best: Text | None = None
    rationale: Text | None = None


class ElicitationIn(InputModel):
    """Who gave the judgements, when, how, and why (written by ``decision elicit``)."""

    method: Literal["pairwise", "swing", "rank"]
    respondent: Text
    date: _dt.date
    answers_file: Text | None = None
    rank_rule: RankRule | None = None
    consistency_ratio: Annotated[float, Field(ge=0)] | None = None
    accepted_inconsistent: Text | None = None
    judgements: list[JudgementRecordIn] = Field(default_factory=list)
    criteria: list[CriterionRecordIn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fits_method(self) -> "ElicitationIn":
        if self.method == "pairwise":
            if not self.judgements or self.criteria:
                raise ValueError("a pairwise elicitation records judgements (and no criteria list)")
        else:
            if not self.criteria or self.judgements:
                raise ValueError(f"a {self.method} elicitation records criteria (and no pairwise judgements)")
            if self.method == "swing" and any(c.rating is None for c in self.criteria):
                raise ValueError("a swing elicitation records a rating for every criterion")
        return self


class RespondentRecordIn(InputModel):
    """One respondent of an imported group."""

    respondent: Text
    row: Annotated[int, Field(ge=1)]
    weights: dict[Identifier, Annotated[float, Field(ge=0, le=1)]]
    cr: Annotated[float, Field(ge=0)]
    cr_known: Annotated[float, Field(ge=0)]
    gci: Annotated[float, Field(ge=0)]
    compatibility: Annotated[float, Field(ge=0)]
    inconsistent: bool
    completed: dict[PairKey, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)


class SpreadIn(InputModel):
    min: Annotated[float, Field(ge=0, le=1)]
    max: Annotated[float, Field(ge=0, le=1)]
    sd: Annotated[float, Field(ge=0)]


class RespondentsIn(InputModel):
    """Several respondents' pairwise judgements and how they were aggregated
    (written by ``decision weights import``)."""

    file: Text
    aggregate: Literal["aij", "aip"]
    random_index: RandomIndexTable
    cr_limit: Annotated[float, Field(gt=0)]
    group_cr: Annotated[float, Field(ge=0)] | None = None
    people: list[RespondentRecordIn] = Field(min_length=1)
    spread: dict[Identifier, SpreadIn]
    dispersion: dict[PairKey, Annotated[float, Field(ge=1)]] = Field(default_factory=dict)


class WeightFile(InputModel):
    name: Identifier
    label: Text
    provenance: Literal["elicited", "derived", "assumed"]
    provenance_note: Text
    source: Annotated[
        AhpSourceIn | DirectSourceIn | RankSourceIn | PrioritiesSourceIn,
        Field(discriminator="kind"),
    ]
    elicitation: ElicitationIn | None = None
    respondents: RespondentsIn | None = None

