"""Explain one cell of the performance matrix: the evidence behind it, the
arithmetic of the scoring model, and how the cell feeds the ranking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .appraisal import Appraisal
from .errors import InputError
from .scoring.score import Contribution
from .methods import normalise

__all__ = ["GroupCell", "CellExplanation", "explain"]


@dataclass(frozen=True)
class GroupCell:
    stakeholder: str
    favourable: float
    adverse: float
    favourability: float


@dataclass(frozen=True)
class CellExplanation:
    option: int
    criterion: str
    criterion_name: str
    direction: str
    contributions: tuple[Contribution, ...]
    groups: tuple[GroupCell, ...]
    prior_strength: float
    pooling: str
    pooled: float
    score: float
    weight_set: str | None
    weight: float | None
    normalised: float | None
    weighted: float | None
    ideal: float | None
    anti_ideal: float | None
    closeness: float | None
    rank: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "option": self.option, "criterion": self.criterion, "criterion_name": self.criterion_name,
            "direction": self.direction,
            "evidence": [
                {"section": c.section, "stakeholder": c.stakeholder, "category": c.category, "theme": c.theme,
                 "percent": c.percent, "stated_comments": c.comments, "figure": c.figure, "coded": c.coded,
                 "comments_counted": round(c.comments_counted, 6), "polarity": c.polarity, "status": c.status}
                for c in self.contributions
            ],
            "groups": [{"stakeholder": g.stakeholder, "favourable": round(g.favourable, 6), "adverse": round(g.adverse, 6),
                        "favourability": round(g.favourability, 6)} for g in self.groups],
            "prior_strength": self.prior_strength, "pooling": self.pooling,
            "pooled_favourability": round(self.pooled, 6), "score": round(self.score, 6),
            "ranking": None if self.weight_set is None else {
                "weight_set": self.weight_set, "weight": self.weight, "method": "topsis",
                "normalised_value": self.normalised, "weighted_value": self.weighted,
                "ideal": self.ideal, "anti_ideal": self.anti_ideal,
                "option_closeness": self.closeness, "option_rank": self.rank,
            },
        }


def explain(appraisal: Appraisal, *, option: int, criterion: str, weight_set: str | None = None) -> CellExplanation:
    """How the score of ``option`` on ``criterion`` was made (and, given a
    weight set, how it enters that set's TOPSIS ranking).

    Raises
    ------
    InputError
        If the option, criterion or weight set does not exist.
    """
    t = appraisal.table
    p = appraisal.project
    if option not in t.options:
        raise InputError(f"no such option (options: {', '.join(map(str, t.options))})", field="--option", value=option)
    if criterion not in t.criteria:
        raise InputError(f"no such criterion (criteria: {', '.join(t.criteria)})", field="--criterion", value=criterion)
    ws = None
    if weight_set is not None:
        ws = next((w for w in appraisal.weight_sets if w.name == weight_set), None)
        if ws is None:
            raise InputError(f"no such weight set (weight sets: {', '.join(w.name for w in appraisal.weight_sets)})",
                             field="--weight-set", value=weight_set)
    oi, ci = t.options.index(option), t.criteria.index(criterion)
    crit = p.criteria.criterion(criterion)
    contributions = tuple(c for c in t.contributions if c.option == option and c.criterion == criterion)
    groups = tuple(
        GroupCell(stakeholder=g, favourable=float(t.favourable[t.groups.index(g), oi, ci]),
                  adverse=float(t.adverse[t.groups.index(g), oi, ci]), favourability=float(t.by_group[g][oi, ci]))
        for g in t.by_group
    )
    extra: dict[str, Any] = dict(weight_set=None, weight=None, normalised=None, weighted=None, ideal=None,
                                 anti_ideal=None, closeness=None, rank=None)
    if ws is not None:
        ranking = appraisal.ranking(ws.name, "topsis")
        n = normalise(np.asarray(t.values), np.asarray(t.types), p.settings.topsis_normalization)
        w = ranking_weights = np.asarray(ws.vector) / ws.vector.sum()
        weighted = n[:, ci] * ranking_weights[ci]
        extra = dict(weight_set=ws.name, weight=float(w[ci]), normalised=float(n[oi, ci]), weighted=float(weighted[oi]),
                     ideal=float(weighted.max()), anti_ideal=float(weighted.min()),
                     closeness=ranking.scores[oi], rank=ranking.ranks[oi])
    return CellExplanation(
        option=option, criterion=criterion, criterion_name=crit.name, direction=crit.direction,
        contributions=contributions, groups=groups, prior_strength=t.settings.prior_strength,
        pooling=t.settings.pooling, pooled=float(t.favourability[oi, ci]), score=float(t.values[oi, ci]), **extra,
    )
