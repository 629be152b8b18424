"""SMAA-2 against an independent Monte Carlo loop, and its weight and
evidence models.

The reference loop draws its own uniform weights on the simplex (normalised
exponentials, from its own seeded Generator: no shared random numbers),
calls :func:`decision.evaluate` once per sample and tallies the ranks, so
agreement is only up to Monte Carlo error: each rank acceptability must agree
within 4.5 binomial standard errors (both sample sizes counted).
"""

from __future__ import annotations

import numpy as np
import pytest

from decision import evaluate
from decision.errors import InputError
from decision.sensitivity.resample import evidence_model
from decision.methods import Problem, method_settings
from decision.sensitivity.smaa import sample_weights, smaa, smaa_first_rank

ALL = [
    ("topsis", "vector"),
    ("topsis", "minmax"),
    ("wsm", "vector"),
    ("ahp", "vector"),
    ("promethee_ii", "vector"),
    ("vikor", "vector"),
]


def _loop_acceptability(m: np.ndarray, types: np.ndarray, method: str, norm: str, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    e = rng.exponential(size=(n, m.shape[1]))
    weights = e / e.sum(axis=1, keepdims=True)  # uniform on the simplex
    counts = np.zeros((m.shape[0], m.shape[0]))
    for w in weights:
        ranks = evaluate(m, w, types, method, norm, ahp_span=100.0).ranks
        counts[np.arange(m.shape[0]), ranks - 1] += 1
    return counts / n


def _assert_within_mc_error(a: np.ndarray, n_a: int, b: np.ndarray, n_b: int, z: float = 4.5) -> None:
    pooled = (a * n_a + b * n_b) / (n_a + n_b)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    excess = np.abs(a - b) - (z * se + 1.0 / max(n_a, n_b))
    assert np.all(excess <= 0), (a, b, se)


def _random_problem(rng: np.random.Generator, n_opt: int, n_crit: int) -> tuple[np.ndarray, np.ndarray]:
    m = rng.uniform(0.0, 100.0, size=(n_opt, n_crit))
    types = rng.choice(np.array([1, -1]), size=n_crit)
    return m, types


@pytest.mark.parametrize(("seed", "method", "norm", "n_opt", "n_crit"), [
    (1, "topsis", "vector", 4, 3),
    (2, "topsis", "vector", 3, 5),
    (3, "topsis", "minmax", 4, 3),
    (4, "wsm", "vector", 4, 3),
    (5, "ahp", "vector", 4, 4),
    (6, "promethee_ii", "vector", 5, 3),
    (7, "vikor", "vector", 4, 3),
])
def test_rank_acceptability_matches_an_independent_loop(seed: int, method: str, norm: str, n_opt: int, n_crit: int) -> None:
    rng = np.random.default_rng(seed)
    m, types = _random_problem(rng, n_opt, n_crit)
    n_smaa, n_loop = 20_000, 1_500 if method == "vikor" else 2_500
    res = smaa(m, types, n_samples=n_smaa, method=method, normalization=norm, seed=11, ahp_span=100.0)
    ref = _loop_acceptability(m, types, method, norm, n_loop, seed=12)
    assert res.rank_acceptability.shape == (n_opt, n_opt)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    _assert_within_mc_error(res.rank_acceptability, n_smaa, ref, n_loop)
    # the problem is not trivial: several options have some first-rank acceptability
    assert np.count_nonzero(ref[:, 0] > 0.01) >= 2
    assert res.first_counts.sum() >= n_smaa  # every sample has at least one first
    np.testing.assert_array_equal(res.first_counts, np.rint(res.rank_acceptability[:, 0] * n_smaa))
    assert res.weight_model == "uniform" and res.n_samples == n_smaa and not res.evidence_uncertainty


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_rows_sum_to_one_and_seeds_reproduce(method: str, norm: str) -> None:
    rng = np.random.default_rng(31)
    m, types = _random_problem(rng, 5, 4)
    a = smaa(m, types, n_samples=3000, method=method, normalization=norm, seed=5)
    b = smaa(m, types, n_samples=3000, method=method, normalization=norm, seed=5)
    c = smaa(m, types, n_samples=3000, method=method, normalization=norm, seed=6)
    g = smaa(m, types, n_samples=3000, method=method, normalization=norm, seed=np.random.default_rng(5))
    np.testing.assert_allclose(a.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(a.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)  # no ties in continuous data
    for x in (b, g):
        np.testing.assert_array_equal(a.rank_acceptability, x.rank_acceptability)
        np.testing.assert_array_equal(a.central_weights, x.central_weights)
        np.testing.assert_array_equal(a.confidence, x.confidence)
    assert not np.array_equal(a.rank_acceptability, c.rank_acceptability)
    assert a.seed == 5 and g.seed is None
    for arr in (a.rank_acceptability, a.central_weights, a.confidence):
        assert not arr.flags.writeable and np.all(np.isfinite(arr))


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_a_dominating_option_is_always_first(method: str, norm: str) -> None:
    rng = np.random.default_rng(41)
    m, types = _random_problem(rng, 5, 4)
    m[2] = np.where(types > 0, m.max(axis=0) + 3.0, m.min(axis=0) - 3.0)
    res = smaa(m, types, n_samples=4000, method=method, normalization=norm, seed=1, ahp_span=100.0)
    assert res.rank_acceptability[2, 0] == 1.0
    assert res.confidence[2] == 1.0
    assert res.first_counts[2] == 4000
    # the others are never first: zero central weights and zero confidence, not NaN
    others = [0, 1, 3, 4]
    assert np.all(res.first_counts[others] == 0)
    np.testing.assert_array_equal(res.central_weights[others], 0.0)
    np.testing.assert_array_equal(res.confidence[others], 0.0)
    assert np.all(np.isfinite(res.central_weights))
    # the winner's central weights are the mean of all weights: about 1/n each
    np.testing.assert_allclose(res.central_weights[2], 0.25, atol=0.02)
    np.testing.assert_allclose(res.central_weights[2].sum(), 1.0, atol=1e-12)


def test_central_weights_point_to_where_an_option_wins() -> None:
    # Option 0 is best on c0 only, option 1 on c1 only, option 2 on c2 only;
    # each option's central weight vector leans on its own criterion.
    m = np.array([[100.0, 0.0, 0.0], [0.0, 100.0, 0.0], [0.0, 0.0, 100.0]])
    res = smaa(m, [1, 1, 1], n_samples=6000, method="wsm", seed=3)
    assert np.all(res.first_counts > 0)
    np.testing.assert_array_equal(np.argmax(res.central_weights, axis=1), [0, 1, 2])
    np.testing.assert_allclose(res.central_weights.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(res.rank_acceptability[:, 0], 1 / 3, atol=0.03)
    np.testing.assert_array_equal(res.confidence, 1.0)  # fixed matrix: 0 or 1


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_large_concentration_recovers_the_deterministic_ranking(method: str, norm: str) -> None:
    # well separated options, so that a tight cloud of weights keeps the order
    m = np.array([[90.0, 70.0, 60.0], [60.0, 75.0, 40.0], [40.0, 30.0, 55.0], [10.0, 20.0, 30.0]])
    types = np.array([1, 1, 1])
    w = np.array([0.5, 0.3, 0.2])
    ranks = evaluate(m, w, types, method, norm, ahp_span=100.0).ranks
    assert sorted(ranks) == [1, 2, 3, 4]
    res = smaa(m, types, n_samples=4000, method=method, normalization=norm, weights=w, concentration=1e5,
               seed=2, ahp_span=100.0)
    assert res.weight_model == "dirichlet" and res.concentration == 1e5
    assert np.all(res.rank_acceptability[np.arange(4), ranks - 1] > 0.99), res.rank_acceptability
    winner = int(np.argmin(ranks))
    np.testing.assert_allclose(res.central_weights[winner], w, atol=0.01)
    # fixed weights (no concentration): exactly the deterministic ranking
    fixed = smaa(m, types, n_samples=50, method=method, normalization=norm, weights=w, seed=2, ahp_span=100.0)
    assert fixed.weight_model == "fixed"
    np.testing.assert_array_equal(fixed.rank_acceptability, np.eye(4)[ranks - 1])
    np.testing.assert_allclose(fixed.central_weights[winner], w, atol=1e-12)


def test_dirichlet_weights_are_centred_and_tighten_with_concentration() -> None:
    w = np.array([0.5, 0.3, 0.2])
    spreads = []
    for conc in (10.0, 1000.0):
        s = sample_weights(np.random.default_rng(8), 20_000, 3, weights=w * 7, concentration=conc)
        np.testing.assert_allclose(s.sum(axis=1), 1.0, atol=1e-12)
        assert np.all(s >= 0)
        sd = np.sqrt(w * (1 - w) / (conc + 1))  # Dirichlet marginal standard deviation
        np.testing.assert_allclose(s.mean(axis=0), w, atol=float(5 * sd.max() / np.sqrt(20_000)))
        np.testing.assert_allclose(s.std(axis=0), sd, rtol=0.05)
        spreads.append(s.std(axis=0))
    assert np.all(spreads[1] < spreads[0] / 5)


def test_uniform_weights_cover_the_simplex() -> None:
    s = sample_weights(np.random.default_rng(9), 30_000, 4)
    np.testing.assert_allclose(s.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(s.mean(axis=0), 0.25, atol=0.005)
    # Dirichlet(1,1,1,1) marginals are Beta(1, 3): P(w_j > 1/2) = (1/2)^3
    np.testing.assert_allclose((s > 0.5).mean(axis=0), 0.125, atol=0.01)


def test_ordinal_weights_respect_the_ranking() -> None:
    ranking = [2, 0, 3, 1]  # criterion 2 most important, then 0, 3, 1
    s = sample_weights(np.random.default_rng(10), 20_000, 4, ranking=ranking)
    np.testing.assert_allclose(s.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(s >= 0)
    ordered = s[:, ranking]
    assert np.all(np.diff(ordered, axis=1) <= 0)
    # uniform on the ordered part of the simplex: its centroid is the ROC vector
    roc = np.array([sum(1.0 / i for i in range(k, 5)) / 4 for k in range(1, 5)])
    np.testing.assert_allclose(ordered.mean(axis=0), roc, atol=0.005)
    from decision import roc_weights

    np.testing.assert_allclose(roc_weights(4), roc, atol=1e-12)


def test_ordinal_smaa_central_weights_keep_the_order() -> None:
    rng = np.random.default_rng(12)
    m, types = _random_problem(rng, 4, 4)
    ranking = [1, 3, 0, 2]
    res = smaa(m, types, n_samples=5000, ranking=ranking, seed=4)
    assert res.weight_model == "ordinal"
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    for i in np.flatnonzero(res.first_counts > 0):
        assert np.all(np.diff(res.central_weights[i][ranking]) <= 1e-15)
    with pytest.raises(InputError):
        smaa(m, types, n_samples=10, ranking=[0, 1, 1, 2])


@pytest.mark.parametrize(("method", "norm"), [("topsis", "vector"), ("vikor", "vector"), ("promethee_ii", "vector")])
def test_a_sampler_of_the_fixed_matrix_changes_nothing(method: str, norm: str) -> None:
    rng = np.random.default_rng(13)
    m, types = _random_problem(rng, 4, 3)
    calls: list[int] = []

    def fixed(gen: np.random.Generator, size: int) -> np.ndarray:
        calls.append(size)
        return np.repeat(m[None, :, :], size, axis=0)

    n = 8000
    plain = smaa(m, types, n_samples=n, method=method, normalization=norm, seed=21)
    sampled = smaa(m, types, n_samples=n, method=method, normalization=norm, seed=21, matrix_sampler=fixed)
    assert sampled.evidence_uncertainty and not plain.evidence_uncertainty
    assert sum(calls) >= n  # every sample's matrix came from the sampler
    _assert_within_mc_error(sampled.rank_acceptability, n, plain.rank_acceptability, n)
    # the sampler draws no random numbers, so the weights are the same ones
    # and the results agree to rounding
    np.testing.assert_allclose(sampled.rank_acceptability, plain.rank_acceptability, atol=3 / n)
    assert set(np.unique(sampled.confidence)) <= {0.0, 1.0}
    np.testing.assert_array_equal(sampled.confidence, plain.confidence)


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_first_rank_only_matches_the_full_run(method: str, norm: str) -> None:
    rng = np.random.default_rng(14)
    m, types = _random_problem(rng, 6, 4)
    full = smaa(m, types, n_samples=5000, method=method, normalization=norm, seed=9)
    problem = Problem.of(m, types)
    first = smaa_first_rank(problem, n_samples=5000, method=method, settings=method_settings(problem, normalization=norm), seed=9)
    assert first.first_rank_acceptability.shape == (6,)
    np.testing.assert_array_equal(first.first_rank_acceptability, full.first_rank_acceptability)
    np.testing.assert_array_equal(first.first_counts, full.first_counts)
    np.testing.assert_allclose(first.central_weights, full.central_weights, atol=1e-12)
    np.testing.assert_array_equal(first.confidence, full.confidence)


def test_progress_is_reported_up_to_the_sample_count() -> None:
    seen: list[int] = []
    m = np.random.default_rng(15).uniform(0, 100, size=(50, 12))
    smaa(m, np.ones(12), n_samples=30_000, seed=0, progress=seen.append)
    assert len(seen) > 1 and seen == sorted(seen) and seen[-1] == 30_000


def test_bad_arguments_are_refused() -> None:
    m = np.array([[1.0, 2.0], [2.0, 1.0]])
    for kwargs in ({"n_samples": 0}, {"method": "electre"}, {"normalization": "sum"}, {"concentration": -1.0},
                   {"weights": [1.0, -1.0]}, {"weights": [1.0]}, {"n_samples": 10.5}):
        with pytest.raises(InputError):
            smaa(m, [1, 1], **kwargs)


# --------------------------------------------------------------------------
# evidence resampling on the bundled project


@pytest.fixture(scope="module")
def stls_model(bundled_project, bundled_appraisal):  # type: ignore[no-untyped-def]
    p, a = bundled_project, bundled_appraisal
    return evidence_model(sections=p.sections, check=a.check, criteria=p.criteria, mapping=a.mapping,
                          themes=p.themes, options=a.table.options, settings=p.settings.scoring,
                          groups=p.group_ids)


def test_evidence_samples_centre_on_the_scored_table(stls_model, bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    values = bundled_appraisal.table.values
    s = stls_model.sample(np.random.default_rng(16), 5000)
    assert s.shape == (5000,) + values.shape
    assert np.all((s >= 0) & (s <= 100))
    mean, sd = s.mean(axis=0), s.std(axis=0)
    # cells fed only by analyst-coded items do not vary and equal the table
    fixed = sd == 0
    assert fixed.any() and (~fixed).sum() > 20
    np.testing.assert_allclose(mean[fixed], values[fixed], atol=1e-9)
    # the others scatter around the table: the Dirichlet(1 + N p) prior pulls
    # the mean a little towards even shares, by less than a standard deviation
    # and never by more than 5 points on the 0-100 scale
    gap = np.abs(mean - values)
    assert np.all(gap <= 0.9 * sd + 1e-9), np.round(gap / np.where(sd > 0, sd, 1), 2)
    assert gap.max() < 5.0
    assert np.corrcoef(mean.ravel(), values.ravel())[0, 1] > 0.98


def test_evidence_samples_are_reproducible(stls_model) -> None:  # type: ignore[no-untyped-def]
    a = stls_model.sample(np.random.default_rng(17), 200)
    b = stls_model.sample(np.random.default_rng(17), 200)
    c = stls_model.sample(np.random.default_rng(18), 200)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_smaa_with_evidence_uncertainty_on_the_bundled_project(stls_model, bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    t = bundled_appraisal.table
    w = bundled_appraisal.weight_sets[0].vector
    res = smaa(t.values, t.types, n_samples=4000, weights=w, seed=3, matrix_sampler=stls_model.sample, ahp_span=100.0)
    again = smaa(t.values, t.types, n_samples=4000, weights=w, seed=3, matrix_sampler=stls_model.sample, ahp_span=100.0)
    assert res.evidence_uncertainty and res.weight_model == "fixed"
    np.testing.assert_array_equal(res.rank_acceptability, again.rank_acceptability)
    np.testing.assert_array_equal(res.confidence, again.confidence)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    assert np.all((res.confidence >= 0) & (res.confidence <= 1))
    # option 2 (row 1) is first on the central evidence and stays the favourite
    assert evaluate(t.values, w, t.types).best == 1
    assert int(np.argmax(res.first_rank_acceptability)) == 1
    assert res.confidence[1] > 0.5
    # with fixed weights the central weights of every option that is ever first are those weights
    for i in np.flatnonzero(res.first_counts > 0):
        np.testing.assert_allclose(res.central_weights[i], w / w.sum(), atol=1e-12)
