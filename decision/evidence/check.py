"""Check the themed evidence: the data-quality flags an auditor must see.

The consultation report states, per section, a comment count and each theme's
share of comments as a whole percentage. Those numbers constrain each other:
a share p of N comments must be k/N for a whole number of comments k (to
rounding), and the shares should sum to about 100. This module finds where the
report breaks those rules and infers a comment count where none is stated. It
never changes a reported number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Literal, Mapping, Sequence

from ..model import CATEGORIES, POLARITY, AgreedPoints, EvidenceItem, Section, ThemedQuestion

__all__ = [
    "QualityFlag",
    "EvidenceCheck",
    "check_evidence",
    "percent_possible",
    "smallest_consistent_count",
]

#: Largest comment count searched when inferring a missing count.
MAX_INFERRED_COUNT = 10_000
_EPS = 1e-9


@dataclass(frozen=True)
class QualityFlag:
    """One data-quality finding about the source evidence."""

    code: Literal[
        "sum_out_of_tolerance",
        "count_inferred",
        "count_from_items",
        "count_not_stated",
        "percent_impossible",
        "duplicate_theme",
        "items_exceed_count",
        "no_feedback",
        "agreed_point_unsupported",
        "labelling",
    ]
    severity: Literal["warning", "info"]
    where: str
    message: str
    value: object = None


@dataclass(frozen=True)
class EvidenceCheck:
    """The flags, and the comment count each section is scored with.

    ``effective_comments`` maps a section key to the stated count, or the
    inferred count where none is stated (see ``inferred``), or None where
    neither is possible.
    """

    flags: tuple[QualityFlag, ...]
    effective_comments: Mapping[str, int | None]
    inferred: Mapping[str, int]

    def for_section(self, key: str) -> tuple[QualityFlag, ...]:
        return tuple(f for f in self.flags if f.where == key)


def percent_possible(percent: float, count: int) -> bool:
    """Whether ``percent`` can be k/count*100 rounded to a whole number.

    Rounding is taken as to the nearest whole percent with either half-way
    rule, so a share is possible when some whole k in 0..count lies within
    half a percentage point of it.
    """
    if count <= 0:
        return percent == 0
    k_low = math.floor(percent * count / 100)
    for k in (k_low, k_low + 1):
        if 0 <= k <= count and abs(100 * k / count - percent) <= 0.5 + _EPS:
            return True
    return False


def smallest_consistent_count(percents: Sequence[float], *, limit: int = MAX_INFERRED_COUNT) -> int | None:
    """The smallest comment count for which every percentage is possible."""
    positive = [p for p in percents if p > 0]
    if not positive:
        return None
    for n in range(1, limit + 1):
        if all(percent_possible(p, n) for p in positive):
            return n
    return None


def _nearest_possible(percent: float, count: int) -> tuple[float, float]:
    k = percent * count / 100
    lo, hi = math.floor(k), math.ceil(k)
    if lo == hi:
        hi = lo + 1
    return round(100 * lo / count, 1), round(100 * hi / count, 1)


def _check_counts(where: str, comments: int | None, items: Sequence[EvidenceItem], tolerance: float) -> tuple[list[QualityFlag], int | None, int | None]:
    flags: list[QualityFlag] = []
    percents = [i.percent for i in items if i.percent is not None]
    inferred: int | None = None
    effective = comments
    if percents:
        total = sum(percents)
        if abs(total - 100) > tolerance + _EPS:
            flags.append(QualityFlag("sum_out_of_tolerance", "warning", where,
                f"reported percentages sum to {total:g}, outside 100 +/- {tolerance:g}; scored as printed, not rescaled", total))
        if comments is None:
            inferred = smallest_consistent_count(percents)
            effective = inferred
            flags.append(QualityFlag("count_inferred", "warning", where,
                f"no comment count stated; {inferred} is the smallest count consistent with every reported percentage and is used for scoring", inferred))
        else:
            bad = [p for p in percents if not percent_possible(p, comments)]
            if bad:
                fits = smallest_consistent_count(percents)
                detail = "; ".join(
                    f"{p:g}% (nearest possible {_nearest_possible(p, comments)[0]:g}% or {_nearest_possible(p, comments)[1]:g}%)" for p in dict.fromkeys(bad)
                )
                flags.append(QualityFlag("percent_impossible", "warning", where,
                    f"with {comments} comments these shares are impossible: {detail}; the section's percentages fit {fits} comments at the fewest", bad))
        seen: dict[str, int] = {}
        for i in items:
            if i.percent is not None:
                seen[i.theme] = seen.get(i.theme, 0) + 1
        dupes = sorted(t for t, n in seen.items() if n > 1)
        if dupes:
            flags.append(QualityFlag("duplicate_theme", "warning", where,
                f"the same theme is reported in more than one bullet: {', '.join(dupes)}; both bullets are scored", dupes))
    else:
        counts = [i.count for i in items]
        if comments is None:
            if all(c is not None for c in counts):
                effective = sum(c for c in counts if c is not None)
                flags.append(QualityFlag("count_from_items", "info", where,
                    f"no comment count in the heading; the text gives {effective} comment(s)", effective))
            else:
                flags.append(QualityFlag("count_not_stated", "info", where,
                    "no comment count stated for this section", None))
        else:
            stated_items = sum(c for c in counts if c is not None)
            if stated_items > comments:
                flags.append(QualityFlag("items_exceed_count", "warning", where,
                    f"items account for {stated_items} comments but the heading states {comments}", stated_items))
    return flags, effective, inferred


def _missing_feedback(sections: Sequence[Section], options: Iterable[int], groups: Sequence[str]) -> list[QualityFlag]:
    present = {(s.option, s.stakeholder, s.category) for s in sections}
    flags = []
    for option in sorted(set(options)):
        for group in groups:
            missing = [c for c in CATEGORIES if (option, group, c) not in present]
            if missing:
                where = f"option {option} / {group}"
                flags.append(QualityFlag("no_feedback", "info", where,
                    f"no feedback recorded on {', '.join(missing)}", missing))
    return flags


def _unsupported_agreed_points(sections: Sequence[Section], agreed_points: Sequence[AgreedPoints],
                               crit: Mapping[str, str]) -> list[QualityFlag]:
    def same(a: str, b: str) -> bool:
        return a == b or (a in crit and crit.get(a) == crit.get(b))

    flags = []
    for a in agreed_points:
        for category, themes in a.points.items():
            for theme in themes:
                if theme == "none_identified":
                    continue
                groups = [
                    g for g in a.groups
                    if not any(
                        s.option == a.option and s.stakeholder == g and POLARITY[s.category] == POLARITY[category]
                        and any(same(i.theme, theme) for i in s.items)
                        for s in sections
                    )
                ]
                if groups:
                    flags.append(QualityFlag("agreed_point_unsupported", "info", f"option {a.option} / agreed / {category}",
                        f"agreed point '{theme}' (figure {a.figure}) has no matching theme or criterion among the {category} raised by: {', '.join(groups)}", theme))
    return flags


def check_evidence(
    *,
    sections: Sequence[Section],
    questions: Sequence[ThemedQuestion] = (),
    agreed_points: Sequence[AgreedPoints] = (),
    options: Iterable[int] = (),
    sum_tolerance: float = 3.0,
    labelling_notes: Sequence[str] = (),
    mapping: Mapping[str, str] | None = None,
    groups: Sequence[str] = (),
) -> EvidenceCheck:
    """Run every data-quality check on the evidence.

    Parameters
    ----------
    sections
        The option x stakeholder x category sections.
    questions
        The additional questions with themed percentages (checked the same way).
    agreed_points
        The agreed-points tables; each point is looked for in both groups' evidence.
    options
        Every option id, to report option x group x category combinations with no feedback.
    sum_tolerance
        Percentage points either side of 100 a section's shares may sum to.
    labelling_notes
        Defects in the source's labels recorded by the analyst, passed through as flags.
    mapping
        Theme -> criterion map. An agreed point counts as supported by a group
        when the group raised the same theme, or a theme of the same criterion,
        under a category of the same polarity.
    groups
        The project's stakeholder groups, to report option x group x category
        combinations with no feedback (default: the groups the sections name).
    """
    groups = tuple(groups) or tuple(dict.fromkeys(s.stakeholder for s in sections))
    flags: list[QualityFlag] = []
    effective: dict[str, int | None] = {}
    inferred: dict[str, int] = {}
    for key, comments, items in [(s.key, s.comments, s.items) for s in sections] + [(q.key, q.comments, q.items) for q in questions]:
        f, eff, inf = _check_counts(key, comments, items, sum_tolerance)
        flags.extend(f)
        effective[key] = eff
        if inf is not None:
            inferred[key] = inf
    flags.extend(_missing_feedback(sections, options, groups))
    flags.extend(_unsupported_agreed_points(sections, agreed_points, dict(mapping or {})))
    for note in labelling_notes:
        flags.append(QualityFlag("labelling", "info", "report labelling", note, None))
    return EvidenceCheck(
        flags=tuple(flags),
        effective_comments=MappingProxyType(effective),
        inferred=MappingProxyType(inferred),
    )
