"""The scoring model: the hand-worked cell of docs/METHOD.md and its properties."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision.evidence.check import check_evidence
from decision.model import CriteriaMap, Criterion, EvidenceItem, ScoringSettings, Section, Theme
from decision.scoring.score import favourability, score_options

from .strategies import counts


def _score(project, settings: ScoringSettings, exclude=()):  # type: ignore[no-untyped-def]
    check = check_evidence(sections=project.sections, sum_tolerance=settings.sum_tolerance)
    return score_options(sections=project.sections, check=check, criteria=project.criteria,
                         mapping=project.criteria.mapping, themes=project.themes,
                         options=sorted(project.options), settings=settings, groups=project.group_ids,
                         exclude_groups=exclude)


def test_hand_worked_cell_option3_consistency(bundled_project) -> None:  # type: ignore[no-untyped-def]
    # docs/METHOD.md, section "A cell worked by hand". Prior strength a = 1.
    # Schools: 21% of 54 disadvantages + 10% of 29 risks = 11.34 + 2.9 = 14.24 against, 0 for.
    schools = (0 - 14.24) / (0 + 14.24 + 2)
    # STLS: 15% of 22 disadvantages = 3.3 against, 0 for.
    stls = (0 - 3.3) / (0 + 3.3 + 2)
    internal = 0.0  # internal stakeholders raised nothing on consistency for option 3
    pooled = (schools + stls + internal) / 3
    expected = 50 + 50 * pooled
    assert expected == pytest.approx(25.00852, abs=1e-5)
    table = _score(bundled_project, ScoringSettings())
    assert table.value(3, "consistency") == pytest.approx(expected, abs=1e-9)
    assert table.by_group["schools"][2, 2] == pytest.approx(schools)


def test_raw_pooling_hand_cell(bundled_project) -> None:  # type: ignore[no-untyped-def]
    # Pooled counts for option 3 / consistency: 14.24 + 3.3 = 17.54 against.
    expected = 50 + 50 * (-17.54 / (17.54 + 2))
    table = _score(bundled_project, ScoringSettings(pooling="raw"))
    assert table.value(3, "consistency") == pytest.approx(expected, abs=1e-9)


def test_cost_criterion_is_oriented_as_a_burden(bundled_project) -> None:  # type: ignore[no-untyped-def]
    # Option 1 / internal / cost: one comment on savings (a benefit) for; against,
    # 25% of 4 risks on cost and 25% of 4 on demand moving to other services = 2.
    table = _score(bundled_project, ScoringSettings())
    gi = 1
    assert table.favourable[gi, 0, 1] == pytest.approx(1.0)
    assert table.adverse[gi, 0, 1] == pytest.approx(2.0)
    assert table.by_group["internal"][0, 1] == pytest.approx((1 - 2) / (1 + 2 + 2))
    # The cell's burden is 50 - 50 * mean favourability: more adverse comments, higher burden.
    fav = table.favourability[0, 1]
    assert table.value(1, "cost") == pytest.approx(50 - 50 * fav)


def test_penalise_none_statements_spreads_them(bundled_project) -> None:  # type: ignore[no-untyped-def]
    base = _score(bundled_project, ScoringSettings())
    pen = _score(bundled_project, ScoringSettings(none_statements="penalise"))
    n_criteria = len(bundled_project.criteria.criteria)
    # Option 1 / schools: 80% of 30 "no advantages" = 24 comments, plus one
    # uncounted "no benefits" statement taken as 1, both counted against the
    # option and spread evenly over the 8 criteria.
    extra = pen.adverse[2, 0] - base.adverse[2, 0]
    assert extra == pytest.approx(np.full(n_criteria, 25 / n_criteria))
    # Option 2 / STLS: one "no risks" statement counts for the option.
    assert pen.favourable[0, 1] - base.favourable[0, 1] == pytest.approx(np.full(n_criteria, 1 / n_criteria))


def test_excluding_a_group(bundled_project) -> None:  # type: ignore[no-untyped-def]
    table = _score(bundled_project, ScoringSettings(), exclude=("internal",))
    assert set(table.by_group) == {"stls", "schools"}
    expected = 50 + 50 * ((-14.24 / 16.24) + (-3.3 / 5.3)) / 2
    assert table.value(3, "consistency") == pytest.approx(expected)


def test_no_evidence_is_neutral() -> None:
    assert float(favourability(0.0, 0.0, prior_strength=1.0)) == 0.0


@given(f=counts, a=counts, extra=st.floats(min_value=0.001, max_value=100), prior=st.floats(min_value=0.01, max_value=10))
def test_a_favourable_comment_never_lowers_the_score(f: float, a: float, extra: float, prior: float) -> None:
    before = float(favourability(f, a, prior_strength=prior))
    assert float(favourability(f + extra, a, prior_strength=prior)) >= before
    assert float(favourability(f, a + extra, prior_strength=prior)) <= before
    assert -1 < before < 1


def _tiny(polarity_category: str, percent: float, comments: int) -> tuple[Section, CriteriaMap, dict[str, Theme]]:
    section = Section(option=1, stakeholder="schools", category=polarity_category, comments=comments, figure=None,  # type: ignore[arg-type]
                      items=(EvidenceItem(theme="t", percent=percent, count=None, coded="reported"),))
    cm = CriteriaMap(goal_id="g", goal_name="g", criteria=(Criterion(id="c", name="c", direction="benefit", definition="d"),),
                     mapping=MappingProxyType({"t": "c"}), out_of_scope=MappingProxyType({}))
    return section, cm, {"t": Theme(id="t", label="t")}


@pytest.mark.parametrize(("category", "sign"), [("advantages", 1), ("benefits", 1), ("disadvantages", -1), ("risks", -1)])
def test_polarity_comes_from_the_category(category: str, sign: int) -> None:
    section, cm, themes = _tiny(category, 50, 10)
    table = score_options(sections=[section], check=check_evidence(sections=[section]), criteria=cm, mapping=cm.mapping,
                          themes=themes, options=[1, 2], settings=ScoringSettings(),
                          groups=("stls", "internal", "schools"))
    # 5 comments, a = 1: schools' favourability 5 / 7; equal voice divides by the 3 groups given.
    assert table.favourability[0, 0] == pytest.approx(sign * (5 / 7) / 3)
    assert table.values[1, 0] == 50.0  # option 2 has no evidence


def test_outputs_are_read_only(bundled_project) -> None:  # type: ignore[no-untyped-def]
    table = _score(bundled_project, ScoringSettings())
    with pytest.raises(ValueError):
        table.values[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.options = ()  # type: ignore[misc]
