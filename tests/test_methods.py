"""MCDA methods: properties that must hold whatever the data, and the rules
for constant criteria, ties and bad arguments."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision import evaluate
from decision.errors import DegenerateProblemError, InputError
from decision.methods import METHODS, ahp_local_priorities, rank_scores

from .strategies import problems

ALL = [(m, "vector") for m in METHODS] + [("topsis", "minmax")]


def _try(matrix, weights, types, method, norm):  # type: ignore[no-untyped-def]
    try:
        return evaluate(matrix, weights, types, method, norm, ahp_span=100)
    except DegenerateProblemError:
        return None


@pytest.mark.parametrize(("method", "norm"), ALL)
@settings(max_examples=40, deadline=None)
@given(problem=problems(), data=st.data())
def test_permuting_options_permutes_results(method: str, norm: str, problem, data) -> None:  # type: ignore[no-untyped-def]
    matrix, weights, types = problem
    perm = np.array(data.draw(st.permutations(range(matrix.shape[0]))))
    a = _try(matrix, weights, types, method, norm)
    b = _try(matrix[perm], weights, types, method, norm)
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert np.all(np.isfinite(a.scores))
        np.testing.assert_allclose(b.scores, a.scores[perm], atol=1e-9)
        assert list(b.ranks) == list(a.ranks[perm])


@pytest.mark.parametrize(("method", "norm"), ALL)
@settings(max_examples=40, deadline=None)
@given(problem=problems(), factor=st.floats(min_value=0.01, max_value=1000))
def test_scaling_all_weights_changes_nothing(method: str, norm: str, problem, factor: float) -> None:  # type: ignore[no-untyped-def]
    matrix, weights, types = problem
    a = _try(matrix, weights, types, method, norm)
    b = _try(matrix, weights * factor, types, method, norm)
    if a is not None and b is not None:
        np.testing.assert_allclose(a.scores, b.scores, atol=1e-9)
        assert list(a.ranks) == list(b.ranks)


@pytest.mark.parametrize(("method", "norm"), ALL)
@settings(max_examples=40, deadline=None)
@given(problem=problems(), data=st.data())
def test_a_dominating_option_ranks_first(method: str, norm: str, problem, data) -> None:  # type: ignore[no-untyped-def]
    matrix, weights, types = problem
    best = np.where(types > 0, matrix.max(axis=0), matrix.min(axis=0))
    j = data.draw(st.integers(min_value=0, max_value=matrix.shape[1] - 1))
    best[j] += types[j] * 1.0  # strictly better than every option on criterion j
    m = np.vstack([matrix, best])
    e = evaluate(m, weights, types, method, norm, ahp_span=100)
    assert e.ranks[-1] == 1
    assert np.sum(e.ranks == 1) == 1


def test_a_constant_criterion_is_set_aside_not_nan() -> None:
    m = np.array([[3.0, 7.0, 5.0], [4.0, 7.0, 1.0], [1.0, 7.0, 2.0]])
    w = np.array([0.2, 0.5, 0.3])
    t = np.array([1, 1, -1])
    for method, norm in ALL:
        with_const = evaluate(m, w, t, method, norm, ahp_span=10)
        without = evaluate(m[:, [0, 2]], w[[0, 2]] / w[[0, 2]].sum(), t[[0, 2]], method, norm, ahp_span=10)
        assert with_const.inactive == (1,)
        assert np.all(np.isfinite(with_const.scores))
        np.testing.assert_allclose(with_const.scores, without.scores, atol=1e-12)
        assert with_const.weights[1] == 0.0


def test_all_criteria_constant_is_an_error_not_nan() -> None:
    with pytest.raises(DegenerateProblemError, match="no criterion"):
        evaluate([[1.0, 2.0], [1.0, 2.0]], [0.5, 0.5], [1, 1])


def test_identical_options_all_zero_criterion() -> None:
    # pymcdm alone returns NaN for an all-zero criterion under vector normalisation.
    e = evaluate([[0.0, 1.0], [0.0, 2.0], [0.0, 3.0]], [0.5, 0.5], [1, 1])
    assert list(e.ranks) == [3, 2, 1]
    assert e.inactive == (0,)


def test_vikor_mirror_options_tie_instead_of_nan() -> None:
    # Two mirror-image options under equal weights: S and R are equal for both,
    # so Q's 0/0 terms count as 0 and the options tie.
    e = evaluate([[1.0, 2.0], [2.0, 1.0]], [0.5, 0.5], [1, 1], "vikor")
    assert list(e.scores) == [0.0, 0.0]
    assert list(e.ranks) == [1, 1]


def test_competition_ranking_with_ties() -> None:
    assert list(rank_scores([0.5, 0.5, 0.2, 0.9])) == [2, 2, 4, 1]
    assert list(rank_scores([0.1, 0.3, 0.1], higher_is_better=False)) == [1, 3, 1]


def test_ahp_local_priorities_by_hand() -> None:
    # Scores 100 and 0 on a 0..100 scale: ratio 9 ** 1 = 9, priorities 9/10 and 1/10.
    assert ahp_local_priorities([100.0, 0.0], benefit=True, span=100) == pytest.approx([0.9, 0.1])
    assert ahp_local_priorities([100.0, 0.0], benefit=False, span=100) == pytest.approx([0.1, 0.9])
    # A 50-point gap is a ratio of 3.
    assert ahp_local_priorities([75.0, 25.0], benefit=True, span=100) == pytest.approx([0.75, 0.25])


def test_ahp_synthesis_by_hand() -> None:
    # Two criteria weighted 0.6 / 0.4. Local priorities [0.9, 0.1] and [0.25, 0.75].
    e = evaluate([[100.0, 25.0], [0.0, 75.0]], [0.6, 0.4], [1, 1], "ahp", ahp_span=100)
    assert e.scores == pytest.approx([0.6 * 0.9 + 0.4 * 0.25, 0.6 * 0.1 + 0.4 * 0.75])


def test_wsm_by_hand() -> None:
    # Min-max normalised columns: [1, 0, 0.5] and, as a cost, [0, 1, 0.5].
    e = evaluate([[10.0, 8.0], [0.0, 2.0], [5.0, 5.0]], [0.7, 0.3], [1, -1], "wsm")
    assert e.scores == pytest.approx([0.7, 0.3, 0.5])


def test_topsis_vector_by_hand() -> None:
    # Two options, one benefit criterion: the better option equals the ideal.
    e = evaluate([[3.0], [1.0]], [1.0], [1])
    assert e.scores == pytest.approx([1.0, 0.0])


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        (dict(matrix=[[1, 2], [3, 4]], weights=[0.5, 0.5], types=[2, 0]), "must be \\+1"),
        (dict(matrix=[[1, 2], [3, 4]], weights=[0.5, 0.5], types=[1]), "one type per criterion"),
        (dict(matrix=[[1, 2], [3, 4]], weights=[-0.5, 1.5], types=[1, 1]), "non-negative"),
        (dict(matrix=[[1, 2], [3, 4]], weights=[0, 0], types=[1, 1]), "not all be zero"),
        (dict(matrix=[[1, np.nan], [3, 4]], weights=[0.5, 0.5], types=[1, 1]), "finite"),
        (dict(matrix=[[1, 2], [3, 4]], weights=[0.5], types=[1, 1]), "one weight per criterion"),
        (dict(matrix=[[1, 2], [3]], weights=[0.5, 0.5], types=[1, 1]), "rectangular"),
        (dict(matrix=[[1, 2], [3, 4]], weights=[0.5, 0.5], types=[1, 1], method="electre"), "unknown method"),
        (dict(matrix=[[1, 2], [3, 4]], weights=[0.5, 0.5], types=[1, 1], normalization="sum"), "unknown normalisation"),
    ],
)
def test_bad_arguments_are_refused(kwargs, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=words):
        evaluate(**kwargs)


def test_caller_arrays_are_not_modified() -> None:
    m = np.array([[1.0, 2.0], [3.0, 1.0]])
    w = np.array([2.0, 2.0])
    t = np.array([1, 1])
    before = (m.copy(), w.copy(), t.copy())
    for method, norm in ALL:
        evaluate(m, w, t, method, norm)
    for x, y in zip((m, w, t), before):
        np.testing.assert_array_equal(x, y)
