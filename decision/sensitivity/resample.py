"""Evidence uncertainty: resample the comments behind every score.

Each section with reported percentages is treated as N comments (the stated
count, or the inferred one) spread over its themes. A draw takes theme shares
from Dirichlet(1 + N p), p the reported shares (with any shortfall from 100%
as an "unreported" category; shares summing over 100% are divided by their
total for sampling only), then N comments from a multinomial with those
shares: a Dirichlet-multinomial with the stated count as sample size. Items
coded by the analyst keep their counts. The scoring model then runs on the
drawn counts, so the performance matrix itself varies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..evidence.check import EvidenceCheck
from ..model import CriteriaMap, ScoringSettings, Section, Theme
from ..scoring.score import item_comments, performance_values, place_evidence

__all__ = ["EvidenceModel", "evidence_model"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class _SectionDraw:
    comments: int
    alpha: FloatArray  # Dirichlet parameters, items then "unreported"
    rows: tuple[int, ...]  # row of each reported item in the design matrices


@dataclass(frozen=True)
class EvidenceModel:
    """A sampler of performance matrices around the scored evidence."""

    shape: tuple[int, int, int]  # groups, options, criteria
    types: FloatArray
    settings: ScoringSettings
    active_groups: tuple[int, ...]
    voices: tuple[float, ...] | None
    design_for: FloatArray  # reported items x cells
    design_against: FloatArray
    fixed_for: FloatArray  # cells
    fixed_against: FloatArray
    draws: tuple[_SectionDraw, ...]
    n_items: int

    def sample(self, rng: np.random.Generator, size: int) -> FloatArray:
        """Draw ``size`` performance matrices (size x options x criteria)."""
        counts = np.zeros((size, self.n_items))
        for d in self.draws:
            shares = rng.dirichlet(d.alpha, size=size)
            drawn = rng.multinomial(d.comments, shares)
            counts[:, list(d.rows)] = drawn[:, : len(d.rows)]
        g, o, c = self.shape
        fav = (counts @ self.design_for + self.fixed_for).reshape(size, g, o, c)
        adv = (counts @ self.design_against + self.fixed_against).reshape(size, g, o, c)
        values, _, _ = performance_values(fav, adv, types=self.types, settings=self.settings, active_groups=self.active_groups,
                                          voices=self.voices)
        return values


def evidence_model(
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
) -> EvidenceModel:
    """Build the resampling model of the evidence (same arguments as
    :func:`decision.scoring.score_options`)."""
    crit_ids = criteria.ids
    every = tuple(groups)
    voiced = tuple(g for g in every if g not in exclude_groups)
    n_g, n_o, n_c = len(every), len(options), len(crit_ids)
    cells = n_g * n_o * n_c
    rows_for: list[FloatArray] = []
    rows_against: list[FloatArray] = []
    fixed_for = np.zeros(cells)
    fixed_against = np.zeros(cells)
    draws: list[_SectionDraw] = []
    for placed in place_evidence(sections=sections, check=check, criteria=crit_ids, mapping=mapping, themes=themes,
                                 options=options, none_statements=settings.none_statements, groups=every,
                                 voiced=voiced):
        gi, oi = placed.group, placed.row
        n = placed.comments or 0
        reported_rows: list[int] = []
        shares: list[float] = []
        for p in placed.items:
            f_row = np.zeros(cells)
            a_row = np.zeros(cells)
            for ci, polarity, share in p.targets:
                cell = (gi * n_o + oi) * n_c + ci
                (f_row if polarity > 0 else a_row)[cell] += share
            if p.item.percent is None or n == 0:
                counted = item_comments(p.item, n)
                fixed_for += counted * f_row
                fixed_against += counted * a_row
                continue
            reported_rows.append(len(rows_for))
            rows_for.append(f_row)
            rows_against.append(a_row)
            shares.append(p.item.percent / 100.0)
        if reported_rows:
            prob = np.array(shares)
            total = prob.sum()
            prob = np.append(prob, 1.0 - total) if total < 1.0 else np.append(prob / total, 0.0)
            draws.append(_SectionDraw(comments=int(n), alpha=1.0 + n * prob, rows=tuple(reported_rows)))
    n_items = len(rows_for)
    design_for = np.array(rows_for) if rows_for else np.zeros((0, cells))
    design_against = np.array(rows_against) if rows_against else np.zeros((0, cells))
    return EvidenceModel(
        shape=(n_g, n_o, n_c),
        types=np.array([c.type for c in criteria.criteria], dtype=float),
        settings=settings,
        active_groups=tuple(every.index(g) for g in voiced),
        voices=None if voices is None else tuple(voices.get(g, 1.0) for g in voiced),
        design_for=design_for, design_against=design_against,
        fixed_for=fixed_for, fixed_against=fixed_against,
        draws=tuple(draws), n_items=n_items,
    )
