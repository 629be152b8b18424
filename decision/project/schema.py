"""Input file schemas (pydantic), used only by the loader.

``extra="forbid"`` everywhere so a misspelt key is an error rather than a
silently ignored setting; non-finite numbers are refused. The weight file's
models are the weights stage's own (:mod:`decision.weights.schema`).
"""

from __future__ import annotations

import datetime as _dt
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..model import Category, NoneStatements, Normalization, Pooling
from ..weights.schema import Identifier, InputModel, RandomIndexTable, StakeholderId, Text

Percent = Annotated[float, Field(ge=0, le=100)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
CategoryId = Category

#: The base of every model here, shared with the weight file's models.
_Model = InputModel


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


class SourceIn(_Model):
    title: Text
    #: The file's name as distributed (a bare name: no folder).
    file: Annotated[Text, Field(pattern=r"^[^/\\]+$")]
    #: SHA-256 of the file's bytes, 64 lower-case hexadecimal digits.
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class EvidenceFile(_Model):
    #: The document the sections were transcribed from.
    source: SourceIn | None = None
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
    #: The groups whose evidence each agreed point is looked for in (default: every group).
    groups: list[StakeholderId] | None = None
    agreed_points: list[AgreedIn] = Field(default_factory=list)


# --------------------------------------------------------------- context
class DecisionIn(_Model):
    subject: Text | None = None
    #: How many agreements the current arrangement runs under, what they are
    #: called, and when they end.
    agreements: Count | None = None
    agreements_name: Text | None = None
    agreements_end: date | None = None
    decision_forum: Text | None = None
    decision_due: Text | None = None


class OptionIn(_Model):
    id: Annotated[int, Field(ge=1, le=99)]
    short: Text
    description: Text


class StakeholderIn(_Model):
    id: StakeholderId
    name: Text
    role: Text | None = None
    format: Text | None = None
    events: list[date] = Field(default_factory=list)
    attendance: dict[Identifier, Count] | None = None


class AttendanceShareIn(_Model):
    label: Text
    percent: Percent


class AttendanceDetailIn(_Model):
    label: Text
    text: Text


class AttendanceIn(_Model):
    shares: list[AttendanceShareIn] = Field(default_factory=list)
    details: list[AttendanceDetailIn] = Field(default_factory=list)
    figures: list[int] = Field(default_factory=list)


class EqualitiesIn(_Model):
    #: Themes read for the equalities section, besides those mapped to ``criteria``.
    themes: list[Identifier] = Field(default_factory=list)
    criteria: list[Identifier] = Field(default_factory=list)
    duty: Text | None = None
    concerns: Text | None = None
    not_heard: Text | None = None


class ContextFile(_Model):
    decision: DecisionIn = Field(default_factory=DecisionIn)
    options: list[OptionIn] = Field(min_length=1)
    stakeholders: list[StakeholderIn] = Field(default_factory=list)
    attendance: AttendanceIn | None = None
    notes: list[Text] = Field(default_factory=list)
    equalities: EqualitiesIn | None = None


# --------------------------------------------------------------- settings
class ScoringIn(_Model):
    prior_strength: Annotated[float, Field(gt=0, le=1000)] = 1.0
    pooling: Pooling = "equal_voice"
    none_statements: NoneStatements = "ignore"
    sum_tolerance: Annotated[float, Field(ge=0, le=50)] = 3.0


class MethodsIn(_Model):
    topsis_normalization: Normalization = "vector"
    vikor_v: Annotated[float, Field(ge=0, le=1)] = 0.5


class GroupIn(_Model):
    id: StakeholderId
    label: Text
    description: Text | None = None
    participants: Count | None = None
    #: Weight of the group's favourability in equal-voice pooling (default 1: every group counts alike).
    voice: Annotated[float, Field(gt=0, le=1000)] = 1.0


class SettingsFile(_Model):
    name: Text
    #: The stakeholder groups, in the order tables show them (default: the
    #: groups named in the evidence, in order of first appearance).
    groups: list[GroupIn] | None = None
    date: _dt.date | None = None
    scoring: ScoringIn = Field(default_factory=ScoringIn)
    methods: MethodsIn = Field(default_factory=MethodsIn)
    random_index: RandomIndexTable = "saaty1980"


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
    none_statements: NoneStatements | None = None
    prior_strength: Annotated[float, Field(gt=0, le=1000)] | None = None
    pooling: Pooling | None = None
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
