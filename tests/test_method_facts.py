"""Each method's facts (direction, linearity in the weights, scores as
shares, normalisations) checked against the method's own maths, and the
problem object's validation and derived facts."""

from __future__ import annotations

import numpy as np
import pytest

from decision.errors import InputError
from decision.methods import (
    METHODS,
    REGISTRY,
    Problem,
    batch_scores,
    evaluate,
    get_method,
    rank_scores,
)
from decision.sensitivity.robustness import METHOD_VARIANTS


def _random(seed: int, n_opt: int = 5, n_crit: int = 4) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0.0, 100.0, size=(n_opt, n_crit)), rng.choice(np.array([1, -1]), size=n_crit)


def test_the_methods_the_readme_names_in_its_order() -> None:
    assert METHODS == ("topsis", "ahp", "vikor", "promethee_ii", "wsm")
    assert tuple(REGISTRY) == METHODS


def test_unknown_method_names_the_known_ones() -> None:
    with pytest.raises(InputError) as err:
        get_method("electre")
    assert err.value.field == "method" and err.value.value == "electre"
    assert "topsis" in str(err.value) and "wsm" in str(err.value)


@pytest.mark.parametrize("name", METHODS)
def test_direction_a_dominating_option_ranks_first(name: str) -> None:
    # Option 0 is best on every criterion (highest on benefits, lowest on
    # costs): every method must place it first, whatever its score direction.
    m, types = _random(3)
    m[0] = np.where(types > 0, 101.0, -1.0)
    ev = evaluate(m, np.ones(4), types, name)
    assert ev.ranks[0] == 1 and ev.best == 0
    best_score = ev.scores.min() if get_method(name).lower_is_better else ev.scores.max()
    assert ev.scores[0] == best_score
    if name == "vikor":  # S = R = 0 for an option at the ideal on every criterion, so Q = 0
        assert ev.scores[0] == 0.0


@pytest.mark.parametrize("name", METHODS)
def test_linear_in_weights_flag_matches_the_scores(name: str) -> None:
    how = get_method(name)
    gaps = []
    for seed in range(20):
        m, types = _random(seed)
        rng = np.random.default_rng(100 + seed)
        w1, w2 = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(4))
        mid = batch_scores(m, (w1 + w2) / 2, types, method=name)[0]
        ends = batch_scores(m, np.vstack([w1, w2]), types, method=name)
        gaps.append(float(np.abs(mid - ends.mean(axis=0)).max()))
    if how.linear_in_weights:
        assert max(gaps) < 1e-12
    else:  # a counterexample exists among 20 random problems
        assert max(gaps) > 1e-6


@pytest.mark.parametrize("name", METHODS)
def test_share_scores_flag(name: str) -> None:
    how = get_method(name)
    m, types = _random(8)
    s = evaluate(m, np.ones(4), types, name).scores
    if how.share_scores:
        assert np.all(s > 0)
    elif name == "promethee_ii":  # net flows sum to zero, so they straddle 0
        assert abs(s.sum()) < 1e-12 and s.min() < 0 < s.max()
    else:  # VIKOR's Q is 0 for its best option
        assert s.min() == 0.0


def test_normalisations_reported() -> None:
    m, types = _random(1)
    assert evaluate(m, np.ones(4), types, "topsis", "minmax").normalization == "minmax"
    assert evaluate(m, np.ones(4), types, "wsm", "vector").normalization == "minmax"
    assert evaluate(m, np.ones(4), types, "vikor").normalization == "minmax"
    assert evaluate(m, np.ones(4), types, "ahp").normalization == "none"
    assert evaluate(m, np.ones(4), types, "promethee_ii").normalization == "none"


def test_method_variants_compare_both_topsis_normalisations_and_every_other_method_once() -> None:
    assert [(v.method, v.normalization) for v in METHOD_VARIANTS] == [
        ("topsis", "vector"), ("topsis", "minmax"), ("ahp", "vector"), ("vikor", "vector"),
        ("promethee_ii", "vector"), ("wsm", "vector"),
    ]
    assert [v.label for v in METHOD_VARIANTS] == ["topsis (vector)", "topsis (minmax)", "ahp", "vikor", "promethee_ii", "wsm"]


def test_tie_rule_by_hand() -> None:
    # 0.5 and 0.5 + 1e-12 differ by less than 1e-9: tied on the best rank.
    np.testing.assert_array_equal(rank_scores([0.5, 0.5 + 1e-12, 0.3]), [1, 1, 3])
    np.testing.assert_array_equal(rank_scores([0.5, 0.5 + 1e-6, 0.3]), [2, 1, 3])
    np.testing.assert_array_equal(rank_scores([0.2, 0.1, 0.1], higher_is_better=False), [3, 1, 1])


def test_problem_derives_constant_columns_and_span() -> None:
    p = Problem.of([[1.0, 5.0, 7.0], [3.0, 5.0, 9.0]], [1, 1, -1], criteria=["a", "b", "c"], options=[10, 20])
    np.testing.assert_array_equal(p.constant, [False, True, False])
    assert p.span == 8.0 and p.criteria == ("a", "b", "c") and p.options == (10, 20)
    with pytest.raises(ValueError):
        p.matrix[0, 0] = 2.0
    flat = Problem.of([[4.0, 4.0]], [1, 1])
    assert flat.span == 1.0 and flat.options == (0,)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"matrix": [[1.0, np.nan]], "types": [1, 1]}, "matrix"),
    ({"matrix": [1.0, 2.0], "types": [1, 1]}, "matrix"),
    ({"matrix": [[1.0, 2.0]], "types": [1]}, "types"),
    ({"matrix": [[1.0, 2.0]], "types": [1, 0]}, "types"),
    ({"matrix": [[1.0, 2.0]], "types": [1, 1], "criteria": ["a"]}, "criteria"),
    ({"matrix": [[1.0, 2.0]], "types": [1, 1], "options": [1, 2]}, "options"),
    ({"matrix": [[1.0, 2.0]], "types": [1, 1], "weights": [1.0, -1.0]}, "weights"),
])
def test_problem_refuses_bad_input_naming_the_field(kwargs: dict[str, object], field: str) -> None:
    matrix, types = kwargs.pop("matrix"), kwargs.pop("types")
    with pytest.raises(InputError) as err:
        Problem.of(matrix, types, **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field
