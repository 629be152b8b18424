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

"Nothing identified" statements (for example 80% of schools' comments saying
Option 1 has no advantages) are ignored by default: they name no criterion. With
``none_statements="penalise"`` their comments count in the opposite direction
of the heading, spread equally over all criteria (a statement without a count
counts as one comment).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..evidence.check import EvidenceCheck
from ..model import STAKEHOLDERS, CriteriaMap, EvidenceItem, ScoringSettings, Section, Theme

__all__ = ["Contribution", "ScoreTable", "score_options", "favourability", "performance_values", "item_comments", "item_targets"]

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


def performance_values(
    favourable: FloatArray,
    adverse: FloatArray,
    *,
    types: FloatArray,
    settings: ScoringSettings,
    active_groups: Sequence[int],
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Steps 3-5 of the model on comment counts shaped (..., group, option, criterion).

    Returns the 0-100 values, the pooled favourability and the per-group
    favourability. Works on a stack of count arrays (evidence resampling).
    """
    a = settings.prior_strength
    per_group = favourability(favourable, adverse, prior_strength=a)
    idx = list(active_groups)
    if settings.pooling == "equal_voice":
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
    exclude_groups: Sequence[str] = (),
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
    exclude_groups
        Stakeholder groups whose evidence is left out (for scenarios).
    """
    crit_ids = criteria.ids
    groups = tuple(g for g in STAKEHOLDERS if g not in exclude_groups)
    n_g, n_o, n_c = len(STAKEHOLDERS), len(options), len(crit_ids)
    fav = np.zeros((n_g, n_o, n_c))
    adv = np.zeros((n_g, n_o, n_c))
    contributions: list[Contribution] = []
    for s in sections:
        if s.stakeholder not in groups or s.option not in options:
            continue
        gi, oi = STAKEHOLDERS.index(s.stakeholder), list(options).index(s.option)
        n = check.effective_comments.get(s.key, s.comments)
        for position, item in enumerate(s.items):
            counted = item_comments(item, n)
            status, targets = item_targets(item, s, themes=themes, mapping=mapping, criteria=crit_ids,
                                           none_statements=settings.none_statements)
            common = dict(
                option=s.option, stakeholder=s.stakeholder, section=s.key, position=position, category=s.category,
                theme=item.theme, percent=item.percent, comments=s.comments, figure=s.figure, coded=item.coded,
            )
            if not targets:
                # Unscored items carry no direction (0), whatever the heading.
                contributions.append(Contribution(criterion=None, comments_counted=counted, polarity=0, status=status, **common))  # type: ignore[arg-type]
            for ci, polarity, share in targets:
                (fav if polarity > 0 else adv)[gi, oi, ci] += counted * share
                contributions.append(Contribution(criterion=crit_ids[ci], comments_counted=counted * share, polarity=polarity, status=status, **common))  # type: ignore[arg-type]

    types = np.array([c.type for c in criteria.criteria], dtype=float)
    values, pooled, per_group = performance_values(
        fav, adv, types=types, settings=settings, active_groups=[STAKEHOLDERS.index(g) for g in groups])
    return ScoreTable(
        options=tuple(options),
        criteria=crit_ids,
        types=tuple(int(t) for t in types),
        values=_readonly(values),
        favourability=_readonly(pooled),
        by_group=MappingProxyType({g: _readonly(per_group[STAKEHOLDERS.index(g)].copy()) for g in groups}),
        favourable=_readonly(fav),
        adverse=_readonly(adv),
        contributions=tuple(contributions),
        settings=settings,
    )
