"""Input file schemas (pydantic), used only by the loader.

``extra="forbid"`` everywhere so a misspelt key is an error rather than a
silently ignored setting; non-finite numbers are refused.
"""

from __future__ import annotations

import re
import datetime as _dt
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Percent = Annotated[float, Field(ge=0, le=100)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
StakeholderId = Literal["stls", "internal", "schools"]
CategoryId = Literal["advantages", "disadvantages", "benefits", "risks"]
RandomIndexTable = Literal["saaty1980", "saaty2005", "donegan_dodd1991", "tummala_ling1998"]

_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=False)


# --------------------------------------------------------------- themes
class ThemeIn(_Model):
    id: Identifier
    label: Text
    kind: Literal["topic", "none"] = "topic"


class ThemesFile(_Model):
    themes: list[ThemeIn] = Field(min_length=1)


# --------------------------------------------------------------- criteria
class GoalIn(_Model):
    id: Identifier
    name: Text


class CriterionIn(_Model):
    id: Identifier
    name: Text
    direction: Literal["benefit", "cost"]
    definition: Text


class CriteriaFile(_Model):
    goal: GoalIn
    criteria: list[CriterionIn] = Field(min_length=1)
    mapping: dict[Identifier, Identifier]
    out_of_scope: dict[Identifier, Text] = Field(default_factory=dict)


# --------------------------------------------------------------- evidence
class ItemIn(_Model):
    theme: Identifier
    percent: Percent | None
    count: Count | None = None
    coded: Literal["reported", "analyst"] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _reported_or_coded(self) -> "ItemIn":
        if self.percent is not None:
            if self.coded == "analyst":
                raise ValueError("an item with a reported percent cannot be coded: analyst")
            if self.count is not None:
                raise ValueError("give either a reported percent or an analyst count, not both")
        elif self.coded != "analyst":
            raise ValueError("an item without a percent must be marked coded: analyst")
        return self


class SectionIn(_Model):
    option: Annotated[int, Field(ge=1, le=99)]
    stakeholder: StakeholderId
    category: CategoryId
    comments: Count | None
    figure: Annotated[int, Field(ge=1)] | None = None
    items: list[ItemIn] = Field(min_length=1)


class EvidenceFile(_Model):
    sections: list[SectionIn] = Field(min_length=1)


# --------------------------------------------------------------- questions
class ThemedQuestionIn(_Model):
    id: Identifier
    stakeholder: StakeholderId
    comments: Count | None
    figure: Annotated[int, Field(ge=1)] | None = None
    items: list[ItemIn] = Field(min_length=1)


class FindingIn(_Model):
    id: Identifier
    stakeholder: StakeholderId
    comments: Count | None
    figure: Annotated[int, Field(ge=1)] | None = None
    percent: Percent | None
    finding: Text
    order: list[Identifier] | None = None
    order_note: Text | None = None


class FactorIn(_Model):
    rank: Annotated[int, Field(ge=1)]
    factor: Text


class FundingFactorsIn(_Model):
    figure: Annotated[int, Field(ge=1)] | None = None
    stakeholder: StakeholderId
    ranking: list[FactorIn] = Field(min_length=1)

    @field_validator("ranking")
    @classmethod
    def _ranks_are_1_to_n(cls, ranking: list[FactorIn]) -> list[FactorIn]:
        ranks = [f.rank for f in ranking]
        if sorted(ranks) != list(range(1, len(ranks) + 1)):
            raise ValueError(f"ranks must be 1..{len(ranks)} with no gaps or repeats, found {ranks}")
        return ranking


class QuestionsFile(_Model):
    themed: list[ThemedQuestionIn] = Field(default_factory=list)
    findings: list[FindingIn] = Field(default_factory=list)
    funding_factors: FundingFactorsIn | None = None
    labelling_notes: list[Text] = Field(default_factory=list)


# --------------------------------------------------------------- agreed points
class AgreedIn(_Model):
    option: Annotated[int, Field(ge=1, le=99)]
    figure: Annotated[int, Field(ge=1)]
    advantages: list[Identifier] = Field(default_factory=list)
    disadvantages: list[Identifier] = Field(default_factory=list)
    benefits: list[Identifier] = Field(default_factory=list)
    risks: list[Identifier] = Field(default_factory=list)


class AgreedFile(_Model):
    agreed_points: list[AgreedIn]


# --------------------------------------------------------------- context
class DecisionIn(_Model):
    subject: Text
    service_level_agreements: Count
    agreements_end: date
    decision_forum: Text
    decision_due: Text


class OptionIn(_Model):
    id: Annotated[int, Field(ge=1, le=99)]
    short: Text
    description: Text


class StakeholderIn(_Model):
    id: StakeholderId
    name: Text
    role: Text
    format: Text
    events: list[date]
    attendance: dict[Identifier, Count] | None


class AttendanceIn(_Model):
    primary_percent: Percent
    senco_percent: Percent
    senior_leader_percent: Percent
    districts: Text
    figures: list[int]


class ContextFile(_Model):
    decision: DecisionIn
    options: list[OptionIn] = Field(min_length=1)
    stakeholders: list[StakeholderIn]
    schools_attendance: AttendanceIn | None = None
    notes: list[Text] = Field(default_factory=list)


# --------------------------------------------------------------- settings
class ScoringIn(_Model):
    prior_strength: Annotated[float, Field(gt=0, le=1000)] = 1.0
    pooling: Literal["equal_voice", "raw"] = "equal_voice"
    none_statements: Literal["ignore", "penalise"] = "ignore"
    sum_tolerance: Annotated[float, Field(ge=0, le=50)] = 3.0


class MethodsIn(_Model):
    topsis_normalization: Literal["vector", "minmax"] = "vector"
    vikor_v: Annotated[float, Field(ge=0, le=1)] = 0.5


class SettingsFile(_Model):
    name: Text
    date: _dt.date | None = None
    scoring: ScoringIn = Field(default_factory=ScoringIn)
    methods: MethodsIn = Field(default_factory=MethodsIn)
    random_index: RandomIndexTable = "saaty1980"


# --------------------------------------------------------------- weights
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


class AhpSourceIn(_Model):
    kind: Literal["ahp"]
    criteria: list[Identifier] = Field(min_length=1)
    matrix: list[list[Any]] = Field(min_length=1)
    random_index: RandomIndexTable | None = None
    allow_inconsistent: bool = False

    @field_validator("matrix")
    @classmethod
    def _numbers(cls, matrix: list[list[Any]]) -> list[list[Any]]:
        return [[_judgement(v) for v in row] for row in matrix]


class DirectSourceIn(_Model):
    kind: Literal["direct"]
    weights: dict[Identifier, Annotated[float, Field(ge=0)]] = Field(min_length=1)


RankRule = Literal["roc", "rank_sum", "reciprocal"]


class RankSourceIn(_Model):
    kind: Literal["rank"]
    ranking: list[Identifier] = Field(min_length=1)
    method: RankRule = "roc"


class PrioritiesSourceIn(_Model):
    kind: Literal["priorities"]
    question: Identifier
    stakeholder: StakeholderId
    uncovered_weight: Annotated[float, Field(ge=0, lt=1)] = 0.0


#: A pair of criteria, ``<criterion_a>__<criterion_b>``: how much more important a is than b.
PairKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*__[a-z][a-z0-9_]*$", max_length=130)]


class JudgementRecordIn(_Model):
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


class CriterionRecordIn(_Model):
    """One criterion in a ranking or swing elicitation."""

    criterion: Identifier
    rank: Annotated[int, Field(ge=1, le=1000)]
    rating: Annotated[float, Field(ge=0, le=100)] | None = None
    worst: Text | None = None
    best: Text | None = None
    rationale: Text | None = None


class ElicitationIn(_Model):
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


class RespondentRecordIn(_Model):
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


class SpreadIn(_Model):
    min: Annotated[float, Field(ge=0, le=1)]
    max: Annotated[float, Field(ge=0, le=1)]
    sd: Annotated[float, Field(ge=0)]


class RespondentsIn(_Model):
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


class WeightFile(_Model):
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


# --------------------------------------------------------------- scenarios
class WeightChangeIn(_Model):
    weight_set: Identifier | None = None
    scale: dict[Identifier, Annotated[float, Field(ge=0, le=1000)]] | None = None
    override: dict[Identifier, Annotated[float, Field(ge=0, le=1)]] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "WeightChangeIn":
        if (self.scale is None) == (self.override is None):
            raise ValueError("give exactly one of scale or override")
        if self.override is not None and sum(self.override.values()) > 1:
            raise ValueError(f"overridden weights sum to {sum(self.override.values()):g}, more than 1")
        return self


class ScoreOverrideIn(_Model):
    option: Annotated[int, Field(ge=1, le=99)]
    criterion: Identifier
    value: Annotated[float, Field(ge=0, le=100)]
    source: Text


class ChangeIn(_Model):
    exclude_groups: list[StakeholderId] | None = None
    none_statements: Literal["ignore", "penalise"] | None = None
    prior_strength: Annotated[float, Field(gt=0, le=1000)] | None = None
    pooling: Literal["equal_voice", "raw"] | None = None
    weights: WeightChangeIn | None = None
    scores: list[ScoreOverrideIn] | None = None

    @model_validator(mode="after")
    def _something(self) -> "ChangeIn":
        if not any(getattr(self, k) is not None for k in type(self).model_fields):
            raise ValueError("a scenario must change at least one thing")
        return self


class ScenarioFile(_Model):
    name: Identifier
    description: Text
    change: ChangeIn
