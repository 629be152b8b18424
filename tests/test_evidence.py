"""Data-quality checks on the evidence, against hand arithmetic on the report."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision.evidence.check import check_evidence, percent_possible, smallest_consistent_count
from decision.model import EvidenceItem, Section


@pytest.mark.parametrize(
    ("percent", "count", "possible"),
    [
        (24, 18, False),  # 4/18 = 22.2%, 5/18 = 27.8%
        (12, 18, False),  # 2/18 = 11.1%, 3/18 = 16.7%
        (67, 3, True),  # 2/3 = 66.7%
        (33, 3, True),
        (39, 42, False),  # 16/42 = 38.1%, 17/42 = 40.5%
        (38, 42, True),
        (63, 24, True),  # 15/24 = 62.5%: either half-way rule is accepted
        (62, 24, True),
        (45, 18, False),  # 8/18 = 44.4%, 9/18 = 50%
        (2, 39, False),  # 0/39 = 0%, 1/39 = 2.6%
        (100, 1, True),
        (0, 5, True),
        (50, 0, False),
    ],
)
def test_percent_possible_by_hand(percent: float, count: int, possible: bool) -> None:
    assert percent_possible(percent, count) is possible


def test_smallest_count_for_option2_stls_advantages() -> None:
    # 7% needs k/N within 6.5..7.5%, so N >= 14 (1/14 = 7.1%); with N = 14,
    # 20% is impossible (2/14 = 14.3%, 3/14 = 21.4%); N = 15 fits all:
    # 3/15 = 20%, 2/15 = 13.3%, 1/15 = 6.7%.
    assert smallest_consistent_count([20, 20, 20, 13, 7, 7, 7, 7]) == 15


@given(st.integers(min_value=1, max_value=300), st.data())
def test_shares_of_a_real_count_are_always_possible(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    assert percent_possible(round(100 * k / n), n)
    inferred = smallest_consistent_count([round(100 * k / n)]) if k else None
    if inferred is not None:
        assert inferred <= n


def _codes(check, key):  # type: ignore[no-untyped-def]
    return {f.code for f in check.for_section(key)}


def test_bundled_evidence_counts(bundled_project) -> None:  # type: ignore[no-untyped-def]
    sections = bundled_project.sections
    assert len(sections) == 42
    assert sum(1 for s in sections if s.reported_percents) == 25
    assert sum(len(s.reported_percents) for s in sections) == 139
    assert sum(1 for s in sections if s.comments is not None) == 37


def test_bundled_defects_are_all_surfaced(bundled_project) -> None:  # type: ignore[no-untyped-def]
    p = bundled_project
    check = check_evidence(sections=p.sections, questions=p.questions, agreed_points=p.agreed_points,
                           options=tuple(p.options), sum_tolerance=3.0, mapping=p.criteria.mapping)
    by_code: dict[str, set[str]] = {}
    for f in check.flags:
        by_code.setdefault(f.code, set()).add(f.where)
    # Sums by hand: 24+24+12+12+12+12 = 96; 20+15+15+10+10+15+5 = 90. Every
    # other section sums within 97..103 (e.g. 36+5+2+13+21+8+2+15 = 102).
    assert by_code["sum_out_of_tolerance"] == {"option 1 / stls / disadvantages", "option 3 / stls / disadvantages"}
    assert by_code["count_inferred"] == {"option 2 / stls / advantages"}
    assert check.inferred["option 2 / stls / advantages"] == 15
    assert by_code["percent_impossible"] == {
        "option 1 / stls / disadvantages",  # 24% and 12% of 18
        "option 1 / stls / risks",  # 11% and 22% of 20 (steps of 5%)
        "option 2 / schools / benefits",  # 39% of 42
        "option 3 / stls / disadvantages",  # 20%, 15%, 10% of 22
        "option 3 / schools / advantages",  # 45% of 18
        "option 3 / schools / disadvantages",  # 21% of 54: 11/54 = 20.4%, 12/54 = 22.2%
        "option 4 / stls / disadvantages",  # 25% and 17% of 13
        "option 4 / stls / risks",  # 10% of 11: 1/11 = 9.1%, 2/11 = 18.2%
        "option 4 / schools / disadvantages",  # 2% of 39: 1/39 = 2.6%
    }
    assert by_code["duplicate_theme"] == {"option 1 / stls / risks"}
    # Internal stakeholders said nothing on option 2, nor on option 3's advantages and disadvantages.
    assert by_code["no_feedback"] == {"option 2 / internal", "option 3 / internal"}
    # No reported number is altered by the check.
    assert [i.percent for i in p.sections[1].items] == [24, 24, 12, 12, 12, 12]


def test_missing_count_with_analyst_items_uses_their_counts() -> None:
    s = Section(option=1, stakeholder="schools", category="benefits", comments=None, figure=None,
                items=(EvidenceItem(theme="x", percent=None, count=1, coded="analyst"),))
    check = check_evidence(sections=[s])
    assert check.effective_comments[s.key] == 1
    assert {f.code for f in check.flags} == {"count_from_items"}


def test_analyst_items_exceeding_the_stated_count_are_flagged() -> None:
    items = tuple(EvidenceItem(theme="x", percent=None, count=1, coded="analyst") for _ in range(3))
    s = Section(option=1, stakeholder="internal", category="risks", comments=2, figure=None, items=items)
    assert {f.code for f in check_evidence(sections=[s]).flags} == {"items_exceed_count"}


def test_tolerance_is_a_setting() -> None:
    s = Section(option=1, stakeholder="stls", category="risks", comments=None, figure=None,
                items=(EvidenceItem(theme="x", percent=60, count=None, coded="reported"),
                       EvidenceItem(theme="y", percent=36, count=None, coded="reported")))
    assert "sum_out_of_tolerance" in {f.code for f in check_evidence(sections=[s], sum_tolerance=3).flags}
    assert "sum_out_of_tolerance" not in {f.code for f in check_evidence(sections=[s], sum_tolerance=5).flags}
