"""Frozen internal objects that every pipeline stage passes on.

The loader converts validated input files into these once; nothing after the
loader sees YAML or pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as _dt
from types import MappingProxyType
from typing import Literal, Mapping

__all__ = [
    "StakeholderGroup",
    "CATEGORIES",
    "POLARITY",
    "Stakeholder",
    "Category",
    "Theme",
    "Source",
    "EvidenceItem",
    "Section",
    "Criterion",
    "CriteriaMap",
    "ThemedQuestion",
    "Finding",
    "AgreedPoints",
    "ScoringSettings",
    "Settings",
    "DecisionContext",
    "OptionContext",
    "StakeholderContext",
    "WorkshopAttendance",
    "AttendanceShare",
    "Context",
    "Equalities",
    "WeightSource",
    "WeightSpec",
    "Project",
    "Scenario",
    "ScoreOverride",
]

#: A stakeholder group's id, as the project declares it (see :class:`StakeholderGroup`).
Stakeholder = str
Category = Literal["advantages", "disadvantages", "benefits", "risks"]

CATEGORIES: tuple[Category, ...] = ("advantages", "disadvantages", "benefits", "risks")
#: Whether a comment under a category speaks for (+1) or against (-1) an option.
POLARITY: Mapping[str, int] = MappingProxyType(
    {"advantages": 1, "benefits": 1, "disadvantages": -1, "risks": -1}
)


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    kind: Literal["topic", "none"] = "topic"


@dataclass(frozen=True, slots=True)
class Source:
    """The document the evidence was transcribed from (evidence.yaml, ``source``):
    its title, its file name and the SHA-256 of that file's bytes, so that
    anyone holding the file can tell it is the one transcribed."""

    title: str
    file: str
    sha256: str


@dataclass(frozen=True)
class EvidenceItem:
    """One bullet of a section, in report order.

    ``percent`` is the reported share of the section's comments; it is None for
    items coded by the analyst from unquantified text, which carry ``count``
    (the number of comments the report gives for them, or None).
    """

    theme: str
    percent: float | None
    count: int | None
    coded: Literal["reported", "analyst"]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StakeholderGroup:
    """A group whose feedback is evidence: its id in the evidence files, the
    label shown for it, and (optionally) who it is and how many took part."""

    id: str
    label: str
    description: str | None = None
    participants: int | None = None
    voice: float = 1.0  # weight of the group's favourability in equal-voice pooling


@dataclass(frozen=True)
class Section:
    option: int
    stakeholder: Stakeholder
    category: Category
    comments: int | None
    figure: int | None
    items: tuple[EvidenceItem, ...]

    @property
    def key(self) -> str:
        return f"option {self.option} / {self.stakeholder} / {self.category}"

    @property
    def polarity(self) -> int:
        return POLARITY[self.category]

    @property
    def reported_percents(self) -> tuple[float, ...]:
        return tuple(i.percent for i in self.items if i.percent is not None)


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    direction: Literal["benefit", "cost"]
    definition: str

    @property
    def type(self) -> int:
        """+1 for a benefit criterion, -1 for a cost criterion."""
        return 1 if self.direction == "benefit" else -1


@dataclass(frozen=True)
class CriteriaMap:
    goal_id: str
    goal_name: str
    criteria: tuple[Criterion, ...]
    mapping: Mapping[str, str]
    out_of_scope: Mapping[str, str]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)


@dataclass(frozen=True)
class ThemedQuestion:
    id: str
    stakeholder: Stakeholder
    comments: int | None
    figure: int | None
    items: tuple[EvidenceItem, ...]

    @property
    def key(self) -> str:
        return f"question {self.id} / {self.stakeholder}"


@dataclass(frozen=True)
class Finding:
    id: str
    stakeholder: Stakeholder
    comments: int | None
    figure: int | None
    percent: float | None
    finding: str


@dataclass(frozen=True)
class AgreedPoints:
    """Points two or more groups agreed on for one option; ``groups`` are
    the groups whose own evidence should show each point."""

    option: int
    figure: int
    points: Mapping[str, tuple[str, ...]]
    groups: tuple[str, ...] = ()


Pooling = Literal["equal_voice", "raw"]
#: Column normalisations a method may use (see decision.methods.normalization).
Normalization = Literal["vector", "minmax"]
NoneStatements = Literal["ignore", "penalise"]


@dataclass(frozen=True)
class ScoringSettings:
    prior_strength: float = 1.0
    pooling: Pooling = "equal_voice"
    none_statements: NoneStatements = "ignore"
    sum_tolerance: float = 3.0


@dataclass(frozen=True)
class Settings:
    name: str
    scoring: ScoringSettings
    date: _dt.date | None = None
    topsis_normalization: Normalization = "vector"
    vikor_v: float = 0.5
    random_index: str = "saaty1980"


@dataclass(frozen=True)
class WeightSource:
    """How a weight set was stated, before weights are computed from it."""

    kind: Literal["ahp", "direct", "rank", "priorities"]
    criteria: tuple[str, ...] = ()
    matrix: tuple[tuple[float, ...], ...] = ()
    values: tuple[float, ...] = ()
    random_index: str | None = None
    allow_inconsistent: bool = False
    question: str | None = None
    stakeholder: str | None = None
    uncovered_weight: float = 0.0
    #: For ``kind == "rank"``: how the ranking becomes weights.
    rank_method: Literal["roc", "rank_sum", "reciprocal"] = "roc"


@dataclass(frozen=True)
class WeightSpec:
    """One weight file, validated.

    ``elicitation`` (who answered, when, the method and the rationale for each
    judgement) and ``respondents`` (per-respondent weights, consistency and
    spread of an imported group) are the optional record blocks of the file,
    as plain JSON-like data, or None when the file has none.
    """

    name: str
    label: str
    provenance: Literal["elicited", "derived", "assumed"]
    provenance_note: str
    source: WeightSource
    file: str
    elicitation: Mapping[str, object] | None = None
    respondents: Mapping[str, object] | None = None


@dataclass(frozen=True, slots=True)
class DecisionContext:
    """The decision the appraisal informs (context.yaml, ``decision``); every
    field may be absent (None), and the documents then say nothing of it."""

    subject: str | None = None
    agreements: int | None = None
    agreements_name: str | None = None
    agreements_end: _dt.date | None = None
    decision_forum: str | None = None
    decision_due: str | None = None


@dataclass(frozen=True, slots=True)
class OptionContext:
    """One option as described in the context (context.yaml, ``options``)."""

    id: int
    short: str
    description: str


@dataclass(frozen=True, slots=True)
class StakeholderContext:
    """One consulted group and its engagement events (context.yaml, ``stakeholders``)."""

    id: str
    name: str
    role: str | None = None
    format: str | None = None
    events: tuple[_dt.date, ...] = ()
    attendance: Mapping[str, int] | None = None


@dataclass(frozen=True, slots=True)
class AttendanceShare:
    """One kind of attendee and its share of the attendees, in percent."""

    label: str
    percent: float


@dataclass(frozen=True, slots=True)
class WorkshopAttendance:
    """Who attended the engagement events (context.yaml, ``attendance``):
    shares of attendees by kind, further details as label and text, and the
    source figures they come from."""

    shares: tuple[AttendanceShare, ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    figures: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Equalities:
    """What the project says bears on equalities (context.yaml, ``equalities``).

    ``themes`` and the themes mapped to ``criteria`` are the evidence read for
    the equalities section; ``duty`` is the paragraph stating the duty and who
    it protects, ``concerns`` what the evidence is read for, and
    ``not_heard`` the people the consulted groups do not speak for.
    """

    themes: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    duty: str | None = None
    concerns: str | None = None
    not_heard: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """The validated consultation context: the decision, the options, the groups consulted."""

    decision: DecisionContext = field(default_factory=DecisionContext)
    options: tuple[OptionContext, ...] = ()
    stakeholders: tuple[StakeholderContext, ...] = ()
    attendance: WorkshopAttendance | None = None
    notes: tuple[str, ...] = ()
    equalities: Equalities | None = None


@dataclass(frozen=True)
class Project:
    """Everything loaded from a project folder, validated.

    ``groups`` are the stakeholder groups in the project's order; every
    per-group array and table follows it.
    """

    root: str
    settings: Settings
    themes: Mapping[str, Theme]
    criteria: CriteriaMap
    sections: tuple[Section, ...]
    questions: tuple[ThemedQuestion, ...]
    findings: tuple[Finding, ...]
    funding_factors: tuple[str, ...]
    labelling_notes: tuple[str, ...]
    agreed_points: tuple[AgreedPoints, ...]
    context: Context
    weight_specs: tuple[WeightSpec, ...]
    groups: tuple[StakeholderGroup, ...]
    options: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    files: tuple[str, ...] = ()
    #: The document the evidence was transcribed from, or None where the project declares none.
    source: Source | None = None

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    @property
    def voices(self) -> Mapping[str, float]:
        """Group id -> voice weight in equal-voice pooling."""
        return MappingProxyType({g.id: g.voice for g in self.groups})

    def group_label(self, group_id: str) -> str:
        """The label of a group (its id if the project does not know it)."""
        return next((g.label for g in self.groups if g.id == group_id), group_id)


@dataclass(frozen=True)
class ScoreOverride:
    option: int
    criterion: str
    value: float
    source: str


@dataclass(frozen=True)
class Scenario:
    """One sensitivity scenario: a named change to the base appraisal."""

    name: str
    description: str
    file: str
    exclude_groups: tuple[str, ...] = ()
    none_statements: NoneStatements | None = None
    prior_strength: float | None = None
    pooling: Pooling | None = None
    weight_set: str | None = None
    weight_scale: Mapping[str, float] | None = None
    weight_override: Mapping[str, float] | None = None
    score_overrides: tuple[ScoreOverride, ...] = ()
    n_changes: int = 1
