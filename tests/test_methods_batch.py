"""Batched scoring kernels against the single-problem methods.

``batch_scores`` must give, for every weight vector (and every matrix of a
stack), the scores that pymcdm (or :func:`decision.evaluate`) gives when run
once per sample; ``batch_ranks`` must be the competition ranking with ties
sharing the best rank.

Tie policy (stated here and tested for every method): options whose scores
differ by at most 1e-9 x max(1, max |score|) share the best of their ranks
(competition ranking 1, 1, 3, ...). Two identical options therefore always
tie, under every method; under VIKOR (lower is better) two mirror-image
options under equal weights have the same S and R, hence the same Q, and
share rank 1 when they are best.
"""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm import methods as pm
from pymcdm import normalizations as pn

from decision import evaluate
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from decision.methods import batch_ranks, batch_scores, first_place, rules, tally_ranks

#: VIKOR's Q is better when lower (Opricovic & Tzeng 2004); every other method's score when higher.
LOWER_IS_BETTER = frozenset({"vikor"})

ALL = [
    ("topsis", "vector"),
    ("topsis", "minmax"),
    ("wsm", "vector"),
    ("promethee_ii", "vector"),
    ("vikor", "vector"),
    ("ahp", "vector"),
]
TOL = 1e-9


def _pymcdm(method: str, normalization: str, m: np.ndarray, w: np.ndarray, t: np.ndarray) -> np.ndarray:
    """pymcdm run once, on one weight vector."""
    if method == "topsis":
        norm = pn.vector_normalization if normalization == "vector" else pn.minmax_normalization
        return np.asarray(pm.TOPSIS(normalization_function=norm)(m, w, t, validation=False))
    if method == "wsm":
        return np.asarray(pm.WSM(normalization_function=pn.minmax_normalization)(m, w, t, validation=False))
    if method == "promethee_ii":
        return np.asarray(pm.PROMETHEE_II("usual")(m, w, t, validation=False))
    if method == "vikor":
        return np.asarray(pm.VIKOR(v=0.5)(m, w, t, validation=False))  # Q
    raise AssertionError(method)


def _problem(rng: np.random.Generator, *, constant: bool, integers: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A random matrix (2..8 options x 1..8 criteria) and types; with
    ``constant`` one or two columns are constant (but never all of them)."""
    n_opt = int(rng.integers(2, 9))
    n_crit = int(rng.integers(2 if constant else 1, 9))
    if integers:
        m = rng.integers(0, 101, size=(n_opt, n_crit)).astype(float)
    else:
        m = rng.uniform(-50.0, 150.0, size=(n_opt, n_crit))
    types = rng.choice(np.array([1, -1]), size=n_crit)
    if constant:
        k = int(rng.integers(n_crit))
        m[:, k] = float(rng.integers(0, 101))
        if n_crit > 2 and rng.random() < 0.5:
            m[:, (k + 1) % n_crit] = m[0, (k + 1) % n_crit]
    else:
        # continuous draws: ties and constant columns have probability zero,
        # but make sure of it (pymcdm returns NaN or raises on them)
        assert np.all(np.ptp(m, axis=0) > 0)
    return m, types


def _reference_ranks(row: np.ndarray, *, higher_is_better: bool) -> np.ndarray:
    """Competition ranking by a plain loop: 1 + number of strictly better options."""
    key = row if higher_is_better else -row
    scale = max(1.0, float(np.max(np.abs(row))))
    out = np.empty(len(row), dtype=np.int64)
    for i in range(len(row)):
        better = 0
        for k in range(len(row)):
            if key[k] > key[i] + TOL * scale:
                better += 1
        out[i] = 1 + better
    return out


# --------------------------------------------------------------------------
# scores


@pytest.mark.parametrize(("method", "normalization"), [a for a in ALL if a[0] != "ahp"])
def test_batch_scores_equal_pymcdm_per_sample(method: str, normalization: str) -> None:
    rng = np.random.default_rng(101)
    for _ in range(60):
        m, types = _problem(rng, constant=False)
        w = rng.dirichlet(np.ones(m.shape[1]), size=7)
        w[0] = np.eye(m.shape[1])[0] * 0.3 + w[0] * 0.7  # some uneven rows
        got = batch_scores(m, w, types, method=method, normalization=normalization)
        assert got.shape == (7, m.shape[0])
        want = np.array([_pymcdm(method, normalization, m, wi, types) for wi in w])
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)


@pytest.mark.parametrize(("method", "normalization"), ALL)
def test_batch_scores_equal_evaluate_with_constant_columns(method: str, normalization: str) -> None:
    rng = np.random.default_rng(202)
    for _ in range(40):
        m, types = _problem(rng, constant=True, integers=True)
        w = rng.dirichlet(np.ones(m.shape[1]), size=5)
        got = batch_scores(m, w, types, method=method, normalization=normalization, ahp_span=100.0)
        want = np.array([evaluate(m, wi, types, method, normalization, ahp_span=100.0).scores for wi in w])
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)
        # ... and the same ranks
        ranks = batch_ranks(got, higher_is_better=method not in LOWER_IS_BETTER)
        want_ranks = np.array([evaluate(m, wi, types, method, normalization, ahp_span=100.0).ranks for wi in w])
        np.testing.assert_array_equal(ranks, want_ranks)


@pytest.mark.parametrize(("method", "normalization"), ALL)
def test_weights_are_divided_by_their_total(method: str, normalization: str) -> None:
    rng = np.random.default_rng(303)
    m, types = _problem(rng, constant=False)
    w = rng.dirichlet(np.ones(m.shape[1]), size=4)
    a = batch_scores(m, w, types, method=method, normalization=normalization)
    b = batch_scores(m, w * np.array([[3.0], [0.01], [250.0], [1.0]]), types, method=method, normalization=normalization)
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


@pytest.mark.parametrize(("method", "normalization"), ALL)
def test_stacked_matrices_equal_per_sample_results(method: str, normalization: str) -> None:
    rng = np.random.default_rng(404)
    n_samples, n_opt, n_crit = 40, 5, 4
    types = np.array([1, -1, 1, -1])
    stack = rng.integers(0, 101, size=(n_samples, n_opt, n_crit)).astype(float)
    stack[::4, :, 1] = 37.0  # some matrices have a constant column, others not
    stack[1::5, :, 2] = 0.0
    w = rng.dirichlet(np.ones(n_crit), size=n_samples)
    got = batch_scores(stack, w, types, method=method, normalization=normalization, ahp_span=100.0)
    assert got.shape == (n_samples, n_opt)
    for s in range(n_samples):
        one = batch_scores(stack[s], w[s : s + 1], types, method=method, normalization=normalization, ahp_span=100.0)[0]
        np.testing.assert_allclose(got[s], one, rtol=0, atol=1e-12)
        ev = evaluate(stack[s], w[s], types, method, normalization, ahp_span=100.0)
        np.testing.assert_allclose(got[s], ev.scores, rtol=0, atol=1e-9)


def test_a_stack_needs_one_weight_vector_per_matrix() -> None:
    with pytest.raises(ValueError):
        batch_scores(np.zeros((3, 2, 2)) + np.arange(4).reshape(1, 2, 2), np.full((2, 2), 0.5), [1, 1])


def test_unknown_method_or_normalisation_is_refused() -> None:
    m = np.array([[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(ValueError):
        batch_scores(m, [[0.5, 0.5]], [1, 1], method="electre")
    with pytest.raises(ValueError):
        batch_scores(m, [[0.5, 0.5]], [1, 1], method="topsis", normalization="sum")


def test_many_samples_in_several_chunks_equal_single_rows() -> None:
    # VIKOR's R is computed in chunks for a 2-D matrix: the chunking must not show.
    rng = np.random.default_rng(505)
    m = rng.uniform(0, 100, size=(60, 12))
    types = rng.choice(np.array([1, -1]), size=12)
    w = rng.dirichlet(np.ones(12), size=9000)  # 9000 x 720 elements > one chunk
    got = batch_scores(m, w, types, method="vikor")
    for s in rng.choice(9000, size=15, replace=False):
        np.testing.assert_allclose(got[s], _pymcdm("vikor", "vector", m, w[s], types), rtol=0, atol=1e-9)


# --------------------------------------------------------------------------
# ranks and ties


@pytest.mark.parametrize("higher", [True, False])
def test_batch_ranks_equal_a_loop_reference_with_exact_ties(higher: bool) -> None:
    rng = np.random.default_rng(606)
    for n_opt in range(1, 9):
        # few distinct values per row -> many exact ties; values far apart
        # compared with the tolerance
        scores = rng.integers(0, 4, size=(300, n_opt)) * rng.choice(np.array([0.25, 1.0, 7.5]), size=(300, 1))
        scores[::7] = rng.uniform(-1, 1, size=(len(scores[::7]), n_opt))  # and some rows without ties
        got = batch_ranks(scores, higher_is_better=higher)
        want = np.array([_reference_ranks(r, higher_is_better=higher) for r in scores])
        np.testing.assert_array_equal(got, want)
        best = first_place(scores, higher_is_better=higher)
        np.testing.assert_array_equal(best, want == 1)


def test_batch_ranks_competition_example() -> None:
    s = np.array([[0.3, 0.9, 0.3, 0.1, 0.9], [1.0, 1.0, 1.0, 1.0, 1.0]])
    np.testing.assert_array_equal(batch_ranks(s), [[3, 1, 3, 5, 1], [1, 1, 1, 1, 1]])
    np.testing.assert_array_equal(batch_ranks(s, higher_is_better=False), [[2, 4, 2, 1, 4], [1, 1, 1, 1, 1]])


def test_near_equal_scores_tie_but_separated_ones_do_not() -> None:
    s = np.array([[2.0, 2.0 + 1e-10, 1.0], [2.0, 2.0 + 1e-7, 1.0]])  # scale max(1, 2) -> tolerance 2e-9
    np.testing.assert_array_equal(batch_ranks(s), [[1, 1, 3], [2, 1, 3]])
    np.testing.assert_array_equal(first_place(s), [[True, True, False], [False, True, False]])


@pytest.mark.parametrize(("method", "normalization"), ALL)
def test_identical_options_always_share_the_best_rank(method: str, normalization: str) -> None:
    rng = np.random.default_rng(707)
    higher = method not in LOWER_IS_BETTER
    for _ in range(30):
        m, types = _problem(rng, constant=False)
        twin = int(rng.integers(m.shape[0]))
        m = np.vstack([m, m[twin]])  # duplicate one row at the end
        last = m.shape[0] - 1
        w = rng.dirichlet(np.ones(m.shape[1]), size=50)
        scores = batch_scores(m, w, types, method=method, normalization=normalization, ahp_span=100.0)
        ranks = batch_ranks(scores, higher_is_better=higher)
        np.testing.assert_array_equal(ranks[:, twin], ranks[:, last])
        # the shared rank is the best of the two positions: nobody else sits between
        ref = np.array([_reference_ranks(r, higher_is_better=higher) for r in scores])
        np.testing.assert_array_equal(ranks, ref)
        # and evaluate agrees on the tie
        ev = evaluate(m, w[0], types, method, normalization, ahp_span=100.0)
        assert ev.ranks[twin] == ev.ranks[last] == ranks[0, twin]


@pytest.mark.parametrize(("method", "normalization"), ALL)
def test_two_identical_best_options_share_rank_one(method: str, normalization: str) -> None:
    m = np.array([[80.0, 20.0, 60.0], [80.0, 20.0, 60.0], [50.0, 40.0, 50.0], [10.0, 90.0, 20.0]])
    types = np.array([1, -1, 1])
    w = np.array([[0.5, 0.3, 0.2], [1 / 3, 1 / 3, 1 / 3]])
    scores = batch_scores(m, w, types, method=method, normalization=normalization, ahp_span=100.0)
    ranks = batch_ranks(scores, higher_is_better=method not in LOWER_IS_BETTER)
    np.testing.assert_array_equal(ranks[:, :2], 1)
    assert not np.any(ranks == 2)  # competition ranking: 1, 1, 3, ...
    np.testing.assert_array_equal(np.sort(ranks[:, 2:], axis=1), [[3, 4], [3, 4]])
    assert first_place(scores, higher_is_better=method not in LOWER_IS_BETTER)[:, :2].all()


def test_vikor_mirror_image_options_share_rank_one() -> None:
    # Under equal weights options (90, 10) and (10, 90) have the same S and R,
    # hence the same Q = 0: they share first place; (0, 0) is last.
    m = np.array([[90.0, 10.0], [10.0, 90.0], [0.0, 0.0]])
    types = np.array([1, 1])
    scores = batch_scores(m, [[0.5, 0.5]], types, method="vikor")
    assert scores[0, 0] == pytest.approx(scores[0, 1], abs=1e-12)
    np.testing.assert_array_equal(batch_ranks(scores, higher_is_better=False), [[1, 1, 3]])
    np.testing.assert_array_equal(evaluate(m, [0.5, 0.5], types, "vikor").ranks, [1, 1, 3])
    # the mirror images also tie under the other symmetric methods
    for method, norm in ALL:
        s = batch_scores(m, [[0.5, 0.5]], types, method=method, normalization=norm, ahp_span=100.0)
        r = batch_ranks(s, higher_is_better=method not in LOWER_IS_BETTER)
        assert r[0, 0] == r[0, 1] == 1, method


def test_rows_with_no_active_weight_give_tied_scores() -> None:
    # All the weight on a constant criterion: nothing separates the options.
    m = np.array([[5.0, 1.0], [5.0, 2.0], [5.0, 3.0]])
    for method, norm in ALL:
        s = batch_scores(m, [[1.0, 0.0]], [1, 1], method=method, normalization=norm)
        assert np.all(np.isfinite(s))
        np.testing.assert_array_equal(batch_ranks(s, higher_is_better=method not in LOWER_IS_BETTER), [[1, 1, 1]])


def test_batch_ranks_agree_with_rank_scores_on_a_chain_of_near_ties() -> None:
    from decision.methods import rank_scores

    s = np.array([[1.0, 1.0 - 0.6e-9, 1.0 - 1.2e-9, 0.5]])
    np.testing.assert_array_equal(first_place(s), [[True, True, False, False]])
    np.testing.assert_array_equal(rank_scores(s[0]), [1, 1, 2, 4])
    np.testing.assert_array_equal(batch_ranks(s), [rank_scores(s[0])])


def test_ahp_scores_follow_the_exponential_scale_formula() -> None:
    # AHP synthesis written out: local priority of option i on criterion j is
    # 9 ** (s_ij / span) / sum_k 9 ** (s_kj / span), s = x (benefit) or -x (cost);
    # global priority = sum_j w_j local_ij. pymcdm has no such method to compare with.
    rng = np.random.default_rng(808)
    for _ in range(20):
        m, types = _problem(rng, constant=False)
        span = float(rng.choice([50.0, 100.0, 250.0]))
        w = rng.dirichlet(np.ones(m.shape[1]), size=6)
        signed = m * types
        local = 9.0 ** (signed / span)
        local = local / local.sum(axis=0, keepdims=True)
        want = w @ local.T
        got = batch_scores(m, w, types, method="ahp", ahp_span=span)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
        ev = evaluate(m, w[0], types, "ahp", ahp_span=span)
        np.testing.assert_allclose(ev.scores, want[0], rtol=0, atol=1e-12)


# --------------------------------------------------------------------------
# rank tallies (what SMAA counts) against the reference ranking


def _reference_tally(scores: np.ndarray, *, higher_is_better: bool) -> tuple[np.ndarray, np.ndarray]:
    """Options x ranks counts and samples x options first places, by the plain loop."""
    ranks = np.array([_reference_ranks(r, higher_is_better=higher_is_better) for r in scores])
    n = scores.shape[1]
    counts = np.zeros((n, n), dtype=np.int64)
    for row in ranks:
        for i, r in enumerate(row):
            counts[i, r - 1] += 1
    return counts, (ranks == 1).astype(float)


def _tied_scores(rng: np.random.Generator, rows: int, n: int, scales: tuple[float, ...] = (0.25, 1.0, 7.5, 300.0)) -> np.ndarray:
    """Rows with exact ties, near-ties inside and just outside the tolerance,
    chains of near-ties, and scales below and above 1 (the tolerance grows
    with the largest absolute score)."""
    scale = rng.choice(np.array(scales), size=(rows, 1))
    base = rng.integers(0, 4, size=(rows, n)).astype(float)
    # offsets of 0.4 and 1.6 tolerances: inside, outside, and chained (two
    # inside-steps make one outside-step)
    step = rng.choice(np.array([0.0, 0.0, 0.4e-9, -0.4e-9, 1.6e-9]), size=(rows, n))
    s = base + step * np.maximum(1.0, 3.0 * scale) / scale
    s[::5] = rng.uniform(-1, 1, size=(len(s[::5]), n))  # and rows without ties
    return np.asarray(s * scale, dtype=float)


@pytest.mark.parametrize("higher", [True, False])
@pytest.mark.parametrize("n_opt", [1, 2, 3, 4, 5, 8, 16, 17, 25])
def test_tally_ranks_counts_the_reference_ranks_with_ties(higher: bool, n_opt: int) -> None:
    rng = np.random.default_rng(808 + n_opt)
    # every |score| <= 1 (the tolerance is TIE_TOLERANCE itself) and mixed scales
    for scales in ((0.25, 0.3), (0.25, 1.0, 7.5, 300.0)):
        small = _tied_scores(rng, 120, n_opt, scales)
        tally = tally_ranks(small, higher_is_better=higher)
        counts, first = _reference_tally(small, higher_is_better=higher)
        np.testing.assert_array_equal(tally.counts, counts)
        np.testing.assert_array_equal(tally.first, first)
    scores = _tied_scores(rng, 240, n_opt)
    tally = tally_ranks(scores, higher_is_better=higher)
    counts, first = _reference_tally(scores, higher_is_better=higher)
    np.testing.assert_array_equal(tally.counts, counts)
    np.testing.assert_array_equal(tally.first, first)
    # the same as counting batch_ranks, and every sample has a first place
    ranks = batch_ranks(scores, higher_is_better=higher)
    np.testing.assert_array_equal(tally.first, (ranks == 1).astype(float))
    assert tally.counts.sum() == scores.size and np.all(tally.first.sum(axis=1) >= 1)


def test_tally_ranks_by_sorting_in_several_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # blocks of 3 rows: block edges fall inside runs of tied rows
    monkeypatch.setattr(rules, "_SORT_BLOCK", 3 * 20)
    scores = _tied_scores(np.random.default_rng(909), 50, 20)
    for higher in (True, False):
        tally = tally_ranks(scores, higher_is_better=higher)
        counts, first = _reference_tally(scores, higher_is_better=higher)
        np.testing.assert_array_equal(tally.counts, counts)
        np.testing.assert_array_equal(tally.first, first)


def test_tally_ranks_competition_example() -> None:
    # ranks by hand: row 0 (0.3, 0.9, 0.3, 0.1, 0.9) -> 3, 1, 3, 5, 1; row 1 all tied -> 1
    s = np.array([[0.3, 0.9, 0.3, 0.1, 0.9], [1.0, 1.0, 1.0, 1.0, 1.0]])
    tally = tally_ranks(s)
    want = np.array([[1, 0, 1, 0, 0], [2, 0, 0, 0, 0], [1, 0, 1, 0, 0], [1, 0, 0, 0, 1], [2, 0, 0, 0, 0]])
    np.testing.assert_array_equal(tally.counts, want)
    np.testing.assert_array_equal(tally.first, [[0, 1, 0, 0, 1], [1, 1, 1, 1, 1]])
    # lower is better: row 0 ranks 2, 4, 2, 1, 4
    low = tally_ranks(s, higher_is_better=False)
    np.testing.assert_array_equal(low.counts[:, 0], [1, 1, 1, 2, 1])
    np.testing.assert_array_equal(low.counts[3], [2, 0, 0, 0, 0])


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 22)), elements=st.integers(-3, 3).map(float)),
    st.sampled_from([1e-3, 1.0, 1.0 + 1e-9, 50.0]),
    st.booleans(),
)
def test_tally_ranks_equal_the_reference_on_any_integer_scores(raw: np.ndarray, scale: float, higher: bool) -> None:
    scores = raw * scale
    tally = tally_ranks(scores, higher_is_better=higher)
    counts, first = _reference_tally(scores, higher_is_better=higher)
    np.testing.assert_array_equal(tally.counts, counts)
    np.testing.assert_array_equal(tally.first, first)
