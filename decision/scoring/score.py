"""Score the options: from themed evidence to a performance matrix.

The model (docs/METHOD.md works one cell by hand):

1. Each reported item becomes a number of comments, ``percent / 100 * N``,
   with N the section's stated comment count (or the inferred one, see
   :mod:`decision.evidence`). Items coded by the analyst carry their own count.
2. The category gives the direction: advantages and benefits count for the
   option, disadvantages and risks against it. The theme's criterion (from the
   theme-to-criterion map) says where the comments count.
3. For each stakeholder group g, option o and criterion c, with F comments for
   and A against, the favourability is ``(F - A) / (F + A + 2a)``: twice the
   posterior mean share of favourable comments minus one, under a Beta(a, a)
   prior. It lies in (-1, 1); it is 0 with no evidence and is pulled toward 0
   when evidence is thin (a is ``prior_strength``).
4. Pooling: by default each group has an equal voice, the mean of the three
   groups' favourabilities (a group that said nothing counts as neutral).
   ``pooling="raw"`` instead adds all groups' comments before step 3.
5. The score is on a bounded 0-100 scale with 50 neutral: ``50 + 50 f`` for a
   benefit criterion, ``50 - 50 f`` for a cost criterion (there a higher score
   is a heavier burden).

"Nothing identified" statements (for example most of a group's comments
saying an option has no advantages) are ignored by default: they name no criterion. With
``none_statements="penalise"`` their comments count in the opposite direction
of the heading, spread equally over all criteria (a statement without a count
counts as one comment).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterator, Literal, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..evidence.check import EvidenceCheck
from ..model import CriteriaMap, EvidenceItem, ScoringSettings, Section, Theme

__all__ = ["Contribution", "ScoreTable", "score_options", "favourability", "performance_values", "item_comments", "item_targets",
           "PlacedItem", "PlacedSection", "place_evidence"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Contribution:
    """One evidence item's share of one cell of the performance matrix."""

    option: int
    criterion: str | None
    stakeholder: str
    section: str
    position: int
    category: str
    theme: str
    percent: float | None
    comments: int | None
    figure: int | None
    coded: str
    comments_counted: float
    polarity: int
    status: Literal["scored", "out_of_scope", "none_statement_ignored", "none_statement_spread"]


@dataclass(frozen=True)
class ScoreTable:
    """The performance matrix and everything needed to trace it.

    ``values`` is options x criteria on the 0-100 scale; ``favourability``
    the pooled value in (-1, 1) before orientation; ``by_group`` each group's
    favourability; ``favourable`` and ``adverse`` the comment counts per
    group (group x option x criterion).
    """

    options: tuple[int, ...]
    criteria: tuple[str, ...]
    types: tuple[int, ...]
    groups: tuple[str, ...]  # the first axis of favourable and adverse: every group of the project
    values: FloatArray
    favourability: FloatArray
    by_group: Mapping[str, FloatArray]
    favourable: FloatArray
    adverse: FloatArray
    contributions: tuple[Contribution, ...]
    settings: ScoringSettings

    def value(self, option: int, criterion: str) -> float:
        return float(self.values[self.options.index(option), self.criteria.index(criterion)])


def favourability(favourable: FloatArray | float, adverse: FloatArray | float, *, prior_strength: float) -> FloatArray:
    """``(F - A) / (F + A + 2a)``, elementwise; in (-1, 1), 0 with no evidence."""
    f = np.asarray(favourable, dtype=float)
    a = np.asarray(adverse, dtype=float)
    return np.asarray((f - a) / (f + a + 2.0 * prior_strength), dtype=float)


def item_comments(item: EvidenceItem, section_comments: int | None) -> float:
    """Comments an item stands for: percent x the section's count, or the
    analyst's count (a statement with no count stands for one comment)."""
    if item.percent is not None:
        return item.percent / 100.0 * (section_comments or 0)
    return float(item.count) if item.count is not None else 1.0


Status = Literal["scored", "out_of_scope", "none_statement_ignored", "none_statement_spread"]


def item_targets(
    item: EvidenceItem,
    section: Section,
    *,
    themes: Mapping[str, Theme],
    mapping: Mapping[str, str],
    criteria: Sequence[str],
    none_statements: str,
) -> tuple[Status, list[tuple[int, int, float]]]:
    """Where an item's comments go: (criterion index, +1 for / -1 against, share)."""
    polarity = section.polarity
    if themes[item.theme].kind == "none":
        if none_statements == "penalise":
            share = 1.0 / len(criteria)
            return "none_statement_spread", [(ci, -polarity, share) for ci in range(len(criteria))]
        return "none_statement_ignored", []
    crit = mapping.get(item.theme)
    if crit is None:
        return "out_of_scope", []
    return "scored", [(list(criteria).index(crit), polarity, 1.0)]


@dataclass(frozen=True, slots=True)
class PlacedItem:
    """One evidence item and where its comments go."""

    position: int
    item: EvidenceItem
    status: Status
    targets: tuple[tuple[int, int, float], ...]


@dataclass(frozen=True, slots=True)
class PlacedSection:
    """One section of evidence that counts, with its cell coordinates."""

    section: Section
    group: int  # index in the groups walked
    row: int  # index in the options asked for
    comments: int | None  # the stated count, or the one inferred by the check
    items: tuple[PlacedItem, ...]


def place_evidence(
    *,
    sections: Sequence[Section],
    check: EvidenceCheck,
    criteria: Sequence[str],
    mapping: Mapping[str, str],
    themes: Mapping[str, Theme],
    options: Sequence[int],
    none_statements: str,
    groups: Sequence[str],
    voiced: Sequence[str],
) -> Iterator[PlacedSection]:
    """The walk over the evidence that every scoring model shares: each
    section of a ``voiced`` group and option, with each item's targets;
    ``group`` indexes ``groups``, the project's groups."""
    rows = list(options)
    for s in sections:
        if s.stakeholder not in voiced or s.option not in rows:
            continue
        items = tuple(
            PlacedItem(position=k, item=item, status=status, targets=tuple(targets))
            for k, item in enumerate(s.items)
            for status, targets in (item_targets(item, s, themes=themes, mapping=mapping, criteria=criteria,
                                                 none_statements=none_statements),)
        )
        yield PlacedSection(section=s, group=list(groups).index(s.stakeholder), row=rows.index(s.option),
                            comments=check.effective_comments.get(s.key, s.comments), items=items)


def _contribution(s: Section, placed: PlacedItem, *, criterion: str | None, counted: float, polarity: int) -> Contribution:
    item = placed.item
    return Contribution(
        option=s.option, criterion=criterion, stakeholder=s.stakeholder, section=s.key, position=placed.position,
        category=s.category, theme=item.theme, percent=item.percent, comments=s.comments, figure=s.figure,
        coded=item.coded, comments_counted=counted, polarity=polarity, status=placed.status,
    )


def performance_values(
    favourable: FloatArray,
    adverse: FloatArray,
    *,
    types: FloatArray,
    settings: ScoringSettings,
    active_groups: Sequence[int],
    voices: Sequence[float] | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Steps 3-5 of the model on comment counts shaped (..., group, option, criterion).

    Returns the 0-100 values, the pooled favourability and the per-group
    favourability. Works on a stack of count arrays (evidence resampling).
    ``voices`` (one per active group) weight the groups' favourabilities in
    equal-voice pooling; None or equal voices give the plain mean.
    """
    a = settings.prior_strength
    per_group = favourability(favourable, adverse, prior_strength=a)
    idx = list(active_groups)
    if settings.pooling == "equal_voice" and voices is not None and len(set(voices)) > 1:
        v = np.asarray(voices, dtype=float)
        pooled = np.tensordot(v / v.sum(), np.moveaxis(per_group[..., idx, :, :], -3, 0), axes=1)
    elif settings.pooling == "equal_voice":
        pooled = per_group[..., idx, :, :].mean(axis=-3)
    else:
        pooled = favourability(favourable[..., idx, :, :].sum(axis=-3), adverse[..., idx, :, :].sum(axis=-3), prior_strength=a)
    values = 50.0 + 50.0 * pooled * types
    return np.asarray(values, dtype=float), np.asarray(pooled, dtype=float), per_group


def _readonly(a: FloatArray) -> FloatArray:
    a.setflags(write=False)
    return a


def score_options(
    *,
    sections: Sequence[Section],
    check: EvidenceCheck,
    criteria: CriteriaMap,
    mapping: Mapping[str, str],
    themes: Mapping[str, Theme],
    options: Sequence[int],
    settings: ScoringSettings,
    groups: Sequence[str],
    exclude_groups: Sequence[str] = (),
    voices: Mapping[str, float] | None = None,
) -> ScoreTable:
    """Build the performance matrix from the evidence.

    Parameters
    ----------
    sections
        The themed evidence.
    check
        The evidence check, for the comment count of each section.
    criteria
        The criteria (order and direction).
    mapping
        Theme -> criterion, as read off the evidence graph.
    themes
        The theme taxonomy (to recognise "nothing identified" statements).
    options
        The options, in the row order wanted.
    settings
        Prior strength, pooling rule and the none-statement rule.
    groups
        The project's stakeholder groups, in order: the first axis of every
        per-group array. Only these groups are pooled.
    exclude_groups
        Stakeholder groups whose evidence is left out (for scenarios).
    voices
        Group id -> voice weight in equal-voice pooling (default: equal).
    """
    crit_ids = criteria.ids
    every = tuple(groups)
    voiced = tuple(g for g in every if g not in exclude_groups)
    n_g, n_o, n_c = len(every), len(options), len(crit_ids)
    fav = np.zeros((n_g, n_o, n_c))
    adv = np.zeros((n_g, n_o, n_c))
    contributions: list[Contribution] = []
    for placed in place_evidence(sections=sections, check=check, criteria=crit_ids, mapping=mapping, themes=themes,
                                 options=options, none_statements=settings.none_statements, groups=every,
                                 voiced=voiced):
        gi, oi, s = placed.group, placed.row, placed.section
        for p in placed.items:
            counted = item_comments(p.item, placed.comments)
            if not p.targets:
                # Unscored items carry no direction (0), whatever the heading.
                contributions.append(_contribution(s, p, criterion=None, counted=counted, polarity=0))
            for ci, polarity, share in p.targets:
                (fav if polarity > 0 else adv)[gi, oi, ci] += counted * share
                contributions.append(_contribution(s, p, criterion=crit_ids[ci], counted=counted * share, polarity=polarity))

    types = np.array([c.type for c in criteria.criteria], dtype=float)
    values, pooled, per_group = performance_values(
        fav, adv, types=types, settings=settings, active_groups=[every.index(g) for g in voiced],
        voices=None if voices is None else [voices.get(g, 1.0) for g in voiced])
    return ScoreTable(
        options=tuple(options),
        criteria=crit_ids,
        types=tuple(int(t) for t in types),
        groups=every,
        values=_readonly(values),
        favourability=_readonly(pooled),
        by_group=MappingProxyType({g: _readonly(per_group[every.index(g)].copy()) for g in voiced}),
        favourable=_readonly(fav),
        adverse=_readonly(adv),
        contributions=tuple(contributions),
        settings=settings,
    )
