"""Switching values against a brute-force sweep and hand-worked examples.

The sweep is the one documented in :mod:`decision.sensitivity.switching`:
``w(t) = t e_j + (1 - t) r`` with ``r`` the other weights rescaled to sum to
1. ``lower``/``upper`` are the nearest weights below/above the current one at
which another option takes first place (None when that never happens in
[0, 1]). The reference here sweeps t over a 20001-point grid; the grid's
scores come from the batched kernels, which tests/test_sensitivity_kernels.py
checks against pymcdm and :func:`decision.evaluate`, and the crossings
themselves are checked with :func:`decision.evaluate`.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from decision import evaluate
from decision.methods import batch_scores
from decision.sensitivity.switching import score_switching_values, switching_values

#: VIKOR's Q is better when lower (Opricovic & Tzeng 2004); every other method's score when higher.
LOWER_IS_BETTER = frozenset({"vikor"})

ALL = [
    ("topsis", "vector"),
    ("topsis", "minmax"),
    ("wsm", "vector"),
    ("ahp", "vector"),
    ("promethee_ii", "vector"),
    ("vikor", "vector"),
]
N_GRID = 20001
T_GRID = np.linspace(0.0, 1.0, N_GRID)
STEP = 1.0 / (N_GRID - 1)


def _sweep(w0: np.ndarray, j: int, t: np.ndarray) -> np.ndarray:
    """w(t) = t e_j + (1 - t) r, written independently of the library."""
    r = np.array(w0, dtype=float)
    r[j] = 0.0
    r = r / r.sum()
    e = np.zeros_like(r)
    e[j] = 1.0
    return np.outer(t, e) + np.outer(1.0 - t, r)


def _lead(m: np.ndarray, types: np.ndarray, method: str, norm: str, w: np.ndarray, pref: int) -> np.ndarray:
    """Preferred option's score minus every option's, oriented so that > 0 is
    'preferred ahead' (column ``pref`` is 0). Shape (len(w), options)."""
    s = batch_scores(m, w, types, method=method, normalization=norm, ahp_span=100.0)
    sign = -1.0 if method in LOWER_IS_BETTER else 1.0
    return sign * (s[:, [pref]] - s)


def _random_problem(rng: np.random.Generator, min_options: int = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n_opt = int(rng.integers(min_options, 7))
    n_crit = int(rng.integers(2, 6))
    m = rng.uniform(0.0, 100.0, size=(n_opt, n_crit))
    types = rng.choice(np.array([1, -1]), size=n_crit)
    w = rng.dirichlet(np.full(n_crit, 2.0))
    return m, types, w


def _scores_at(m: np.ndarray, types: np.ndarray, method: str, norm: str, w0: np.ndarray, j: int, t: float) -> np.ndarray:
    return evaluate(m, _sweep(w0, j, np.array([t]))[0], types, method, norm, ahp_span=100.0).scores


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_switching_values_match_a_fine_grid(method: str, norm: str) -> None:
    rng = np.random.default_rng(2024 + len(method) + len(norm))
    checked = {"lower": 0, "upper": 0, "none": 0}
    for _ in range(10):
        # VIKOR's Q is a step function with two options (see the test below)
        m, types, w0 = _random_problem(rng, min_options=3 if method == "vikor" else 2)
        pref = evaluate(m, w0, types, method, norm, ahp_span=100.0).best
        rows = switching_values(m, w0, types, method, normalization=norm, ahp_span=100.0)
        assert [r["criterion"] for r in rows] == list(range(m.shape[1]))
        for j, row in enumerate(rows):
            assert row["preferred"] == pref
            assert row["weight"] == pytest.approx(w0[j], abs=1e-15)
            t0 = w0[j]
            lead = _lead(m, types, method, norm, _sweep(w0, j, T_GRID), pref)
            beaten = np.asarray((lead < -1e-9).any(axis=1))  # some rival ahead (beyond the tie tolerance) at that t
            for side, direction in (("upper", 1), ("lower", -1)):
                value, who = row[side], row[f"{side}_option"]
                beyond_t0 = T_GRID > t0 if direction > 0 else T_GRID < t0
                idx = np.flatnonzero(beyond_t0)
                idx = idx if direction > 0 else idx[::-1]  # walk away from t0
                crossing = idx[beaten[idx]]
                if value is None:
                    assert who is None
                    assert crossing.size == 0, (side, j, T_GRID[crossing[:3]])
                    checked["none"] += 1
                    continue
                checked[side] += 1
                assert who != pref and 0 <= who < m.shape[0]
                assert (value - t0) * direction > 0 and 0.0 <= value <= 1.0
                # the preferred option stays first between the current weight
                # and the switching value ...
                # (1e-9 margins: a grid point may sit on the crossing itself)
                inside = idx[(T_GRID[idx] - value) * direction < -1e-9]
                assert np.all(lead[inside] >= -1e-12), (side, j)
                # ... and the first grid point beyond it has another winner,
                # the reported option ahead of the preferred one
                beyond = idx[(T_GRID[idx] - value) * direction > 1e-9]
                assert beyond.size > 0
                first_beyond = beyond[0]
                assert beaten[first_beyond], (side, j, value, T_GRID[first_beyond])
                assert lead[first_beyond, who] < 0
                # the reported value agrees with the grid crossing within a step
                assert crossing.size > 0
                assert abs(T_GRID[crossing[0]] - value) <= STEP * (1 + 1e-6)
                # at the switching weight the two options' scores are equal
                s = _scores_at(m, types, method, norm, w0, j, value)
                assert s[pref] == pytest.approx(s[who], abs=1e-6), (side, j, value, s)
    assert checked["lower"] > 0 and checked["upper"] > 0 and checked["none"] > 0, checked


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_labels_are_reported_instead_of_indices(method: str, norm: str) -> None:
    m = np.array([[80.0, 30.0, 20.0], [40.0, 75.0, 60.0], [20.0, 20.0, 90.0]])
    types, w = np.array([1, 1, 1]), np.array([0.5, 0.3, 0.2])
    plain = switching_values(m, w, types, method, normalization=norm, ahp_span=100.0)
    named = switching_values(m, w, types, method, normalization=norm, ahp_span=100.0,
                             criteria=["a", "b", "c"], options=["x", "y", "z"])
    opts = {None: None, 0: "x", 1: "y", 2: "z"}
    for p, n, c in zip(plain, named, "abc"):
        assert n["criterion"] == c and n["preferred"] == opts[p["preferred"]]
        assert (n["lower"], n["upper"]) == (p["lower"], p["upper"])
        assert (n["lower_option"], n["upper_option"]) == (opts[p["lower_option"]], opts[p["upper_option"]])
        assert dict(n.as_dict()) == {k: n[k] for k in n}


# --------------------------------------------------------------------------
# closed forms for the methods linear in the weights


def test_wsm_closed_form() -> None:
    # Two options: min-max normalisation gives 1 to the better option and 0 to
    # the other on each criterion. A is better on c0, B on c1 and c2, so
    # WSM(A) = w0 and WSM(B) = w1 + w2. With w = (0.6, 0.25, 0.15):
    #   j=0: w(t) = (t, .6(1-t), .4(1-t)) -> A = t, B = 1 - t: swap at t = 1/2 (down)
    #   j=1: w(t) = (.8(1-t), t, .2(1-t)) -> .8(1-t) = t + .2(1-t): t = 3/8 (up)
    #   j=2: w(t) = (12/17(1-t), 5/17(1-t), t) -> 12/17(1-t) = t + 5/17(1-t): t = 7/24 (up)
    m = np.array([[90.0, 10.0, 30.0], [20.0, 60.0, 70.0]])
    rows = switching_values(m, [0.6, 0.25, 0.15], [1, 1, 1], "wsm")
    assert [r["preferred"] for r in rows] == [0, 0, 0]
    assert rows[0]["lower"] == pytest.approx(0.5, abs=1e-12) and rows[0]["lower_option"] == 1
    assert rows[0]["upper"] is None and rows[0]["upper_option"] is None
    assert rows[1]["upper"] == pytest.approx(3 / 8, abs=1e-12) and rows[1]["upper_option"] == 1
    assert rows[1]["lower"] is None
    assert rows[2]["upper"] == pytest.approx(7 / 24, abs=1e-12) and rows[2]["upper_option"] == 1
    assert rows[2]["lower"] is None


def test_ahp_closed_form_two_options_two_criteria() -> None:
    # AHP synthesis on a 0-100 span: between two options the implied judgement
    # is 9 ** (gap / 100), so the better option's local priority is
    # 1 / (1 + 9 ** (-gap / 100)). A = (80, 30), B = (50, 70):
    #   c0: A ahead by 30 -> a = 1 / (1 + 9**-0.3); c1: B ahead by 40 -> b = 1 / (1 + 9**-0.4)
    #   AHP(A) - AHP(B) = w0 (2a - 1) - w1 (2b - 1), zero at w0 = (2b-1) / ((2a-1) + (2b-1)).
    a = 1.0 / (1.0 + 9.0 ** -0.3)
    b = 1.0 / (1.0 + 9.0 ** -0.4)
    t_star = (2 * b - 1) / ((2 * a - 1) + (2 * b - 1))
    m = np.array([[80.0, 30.0], [50.0, 70.0]])
    ev = evaluate(m, [0.6, 0.4], [1, 1], "ahp", ahp_span=100)
    np.testing.assert_allclose(ev.scores, [0.6 * a + 0.4 * (1 - b), 0.6 * (1 - a) + 0.4 * b], atol=1e-12)
    rows = switching_values(m, [0.6, 0.4], [1, 1], "ahp", ahp_span=100)
    assert rows[0]["preferred"] == 0
    assert rows[0]["lower"] == pytest.approx(t_star, abs=1e-12) and rows[0]["lower_option"] == 1
    assert rows[0]["upper"] is None
    # sweeping c1 is the mirror image: B takes over when w1 reaches 1 - t_star
    assert rows[1]["upper"] == pytest.approx(1 - t_star, abs=1e-12) and rows[1]["upper_option"] == 1
    assert rows[1]["lower"] is None
    assert 0.5 < t_star < 0.6  # sanity: the bigger gap on c1 needs less weight


def test_promethee_closed_forms() -> None:
    # Two options, usual preference: phi(A) = sum_j w_j sign(A_j - B_j), so with
    # A better on c0 only the swap is at w0 = 1/2.
    rows = switching_values([[70.0, 20.0], [40.0, 60.0]], [0.8, 0.2], [1, 1], "promethee_ii")
    assert rows[0]["lower"] == pytest.approx(0.5, abs=1e-12) and rows[0]["upper"] is None
    assert rows[1]["upper"] == pytest.approx(0.5, abs=1e-12) and rows[1]["lower"] is None
    # Three options: c0 orders A > B > C, c1 orders B > C > A.
    # phi_A = w0 - w1, phi_B = w1, phi_C = -w0; w = (0.7, 0.3) -> A first (0.4 vs 0.3).
    #   j=0: A = 2t - 1, B = 1 - t: B takes over below t = 2/3.
    #   j=1: A = 1 - 2t, B = t: B takes over above t = 1/3.
    m = np.array([[3.0, 1.0], [2.0, 3.0], [1.0, 2.0]])
    np.testing.assert_allclose(evaluate(m, [0.7, 0.3], [1, 1], "promethee_ii").scores, [0.4, 0.3, -0.7], atol=1e-12)
    rows = switching_values(m, [0.7, 0.3], [1, 1], "promethee_ii")
    assert rows[0]["lower"] == pytest.approx(2 / 3, abs=1e-12) and rows[0]["lower_option"] == 1
    assert rows[0]["upper"] is None
    assert rows[1]["upper"] == pytest.approx(1 / 3, abs=1e-12) and rows[1]["upper_option"] == 1
    assert rows[1]["lower"] is None


def test_topsis_two_options_symmetric_swap() -> None:
    # Mirror-image options under TOPSIS swap exactly where the weights are equal.
    m = np.array([[80.0, 20.0], [20.0, 80.0]])
    for norm in ("vector", "minmax"):
        rows = switching_values(m, [0.7, 0.3], [1, 1], "topsis", normalization=norm)
        assert rows[0]["lower"] == pytest.approx(0.5, abs=1e-9) and rows[0]["upper"] is None
        assert rows[1]["upper"] == pytest.approx(0.5, abs=1e-9) and rows[1]["lower"] is None
    rows = switching_values(m, [0.7, 0.3], [1, 1], "vikor")
    assert rows[0]["lower"] == pytest.approx(0.5, abs=1e-9) and rows[0]["lower_option"] == 1


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_no_switch_for_a_dominating_option(method: str, norm: str) -> None:
    rng = np.random.default_rng(77)
    for _ in range(5):
        m, types, w = _random_problem(rng)
        best = np.where(types > 0, m.max(axis=0) + 5.0, m.min(axis=0) - 5.0)
        k = int(rng.integers(m.shape[0]))
        m[k] = best
        rows = switching_values(m, w, types, method, normalization=norm, ahp_span=100.0)
        for r in rows:
            assert r["preferred"] == k
            assert r["lower"] is None and r["upper"] is None
            assert r["lower_option"] is None and r["upper_option"] is None


def test_zero_and_full_weight_have_no_switch_beyond_the_end() -> None:
    m = np.array([[80.0, 30.0, 20.0], [40.0, 75.0, 60.0]])
    rows = switching_values(m, [0.0, 0.7, 0.3], [1, 1, 1], "wsm")
    assert rows[0]["weight"] == 0.0 and rows[0]["lower"] is None
    rows = switching_values(m, [1.0, 0.0, 0.0], [1, 1, 1], "topsis")
    assert rows[0]["weight"] == 1.0 and rows[0]["upper"] is None


# --------------------------------------------------------------------------
# score switching values


@pytest.mark.parametrize(("method", "norm"), ALL)
def test_score_switching_values_move_first_place(method: str, norm: str) -> None:
    rng = np.random.default_rng(4242 + len(method))
    seen = 0
    for _ in range(4):
        n_opt, n_crit = int(rng.integers(2, 5)), int(rng.integers(2, 4))
        m = rng.uniform(0.0, 100.0, size=(n_opt, n_crit))
        types = rng.choice(np.array([1, -1]), size=n_crit)
        w = rng.dirichlet(np.full(n_crit, 2.0))
        pref = evaluate(m, w, types, method, norm, ahp_span=100.0).best
        rows = score_switching_values(m, w, types, method, normalization=norm, ahp_span=100.0, bounds=(0.0, 100.0))
        assert len(rows) == n_opt * n_crit
        for r in rows:
            i, j = r["option"], r["criterion"]
            assert r["score"] == m[i, j]
            if r["change"] is None:
                assert r["new_first"] is None
                continue
            seen += 1
            change = r["change"]
            # the move is in the option's worse direction for the preferred
            # option and in its better direction otherwise
            better = types[j] * np.sign(change) > 0
            assert better == (i != pref)
            assert 0.0 <= m[i, j] + change <= 100.0
            eps = 1e-4 * abs(change) + 1e-6
            more, less = m.copy(), m.copy()
            more[i, j] += change + math.copysign(eps, change)
            less[i, j] += change - math.copysign(eps, change)
            after = evaluate(more, w, types, method, norm, ahp_span=100.0)
            before = evaluate(less, w, types, method, norm, ahp_span=100.0)
            new = r["new_first"]
            if i == pref:
                assert new != pref
                assert after.ranks[new] == 1 and after.ranks[pref] > 1, (r, after.scores)
                assert before.ranks[pref] == 1, (r, before.scores)
            else:
                assert new == i
                assert after.best == i and after.ranks[pref] > 1, (r, after.scores)
                assert before.ranks[i] > 1, (r, before.scores)
    assert seen > 0


# --------------------------------------------------------------------------
# edge cases, each found broken once: regression tests


@pytest.mark.parametrize("method", ["wsm", "ahp", "promethee_ii"])
def test_linear_switching_with_a_constant_criterion(method: str) -> None:
    m = np.array([[80.0, 30.0, 50.0], [50.0, 70.0, 50.0]])  # c2 constant
    w0 = np.array([0.5, 0.3, 0.2])
    rows = switching_values(m, w0, [1, 1, 1], method, ahp_span=100.0)
    for j, r in enumerate(rows):
        for side in ("lower", "upper"):
            if r[side] is not None:
                s = _scores_at(m, np.array([1, 1, 1]), method, "vector", w0, j, r[side])
                assert s[0] == pytest.approx(s[1], abs=1e-6), (j, side, r[side], s)
    if method in ("wsm", "promethee_ii"):
        # closed form: active weights (t, .6(1-t)) / (t + .6(1-t)); A - B = 0 at t = 3/8
        assert rows[0]["lower"] == pytest.approx(3 / 8, abs=1e-9)


def test_single_criterion_has_no_switching_value() -> None:
    rows = switching_values([[1.0], [2.0]], [1.0], [1], "topsis")
    assert len(rows) == 1 and rows[0]["lower"] is None and rows[0]["upper"] is None


@pytest.mark.parametrize(("method", "norm"), [a for a in ALL if a[0] not in ("vikor", "promethee_ii")])
def test_a_near_twin_of_the_preferred_option_is_not_a_switch(method: str, norm: str) -> None:
    # Option 1 is option 0 plus 1e-10 on c1: tied within the tolerance, and
    # numerically a hair ahead. It once came out as switching at t = 0 and 1
    # (a loss at the first grid point made grid[k - 1] wrap round).
    # Not VIKOR: there the range normalisation of S and R can blow a 1e-10
    # difference up to 0.5 in Q where two options' R coincide, and the twin
    # then genuinely takes first place. Not PROMETHEE II either: its usual
    # preference function counts any difference, so the twin is simply better.
    m = np.array([[60.0, 40.0, 50.0], [60.0, 40.0 + 1e-10, 50.0], [30.0, 70.0, 20.0]])
    ev = evaluate(m, [0.4, 0.3, 0.3], [1, 1, 1], method, norm, ahp_span=100.0)
    assert list(ev.ranks[:2]) == [1, 1] and ev.best == 0
    rows = switching_values(m, [0.4, 0.3, 0.3], [1, 1, 1], method, normalization=norm, ahp_span=100.0)
    # option 1 is never ahead of option 0 by more than the tie tolerance
    # anywhere on the sweeps, so it cannot be the option that takes over
    for r in rows:
        assert r["lower_option"] != 1 and r["upper_option"] != 1, r.as_dict()


def test_vikor_switching_value_at_an_end_of_a_tie_plateau() -> None:
    m = np.array([[77.67699408, 63.94014805, 89.52167174, 47.14846717, 97.44270965],
                  [47.81028425, 61.0030123, 66.78103327, 78.2133257, 12.1749443]])
    types = np.array([1, 1, -1, 1, -1])
    w0 = np.array([0.02716945, 0.22378476, 0.06276336, 0.64018769, 0.04609475])
    w0 = w0 / w0.sum()

    def q(t: float) -> np.ndarray:
        return np.asarray(batch_scores(m, _sweep(w0, 0, np.array([t])), types, method="vikor")[0])

    def edge(pred) -> float:  # type: ignore[no-untyped-def]
        a, b = float(w0[0]), 1.0  # pred(a) holds, pred(b) does not
        for _ in range(80):
            c = 0.5 * (a + b)
            a, b = (c, b) if pred(c) else (a, c)
        return b

    assert list(q(w0[0])) == [1.0, 0.0]  # option 1 first
    tie_starts = edge(lambda t: q(t)[1] < q(t)[0])  # option 0 shares first place from here
    overtakes = edge(lambda t: q(t)[1] <= q(t)[0])  # ... and is ahead from here
    assert 0.35 < tie_starts < overtakes - 0.04
    row = switching_values(m, w0, types, "vikor")[0]
    assert row["preferred"] == 1 and row["upper_option"] == 0
    assert min(abs(row["upper"] - tie_starts), abs(row["upper"] - overtakes)) < 1e-9, (row["upper"], tie_starts, overtakes)


def test_score_switching_new_first_is_the_option_first_after_the_change() -> None:
    # Hand-worked: c0 is a cost, c1 a benefit, usual preference, flows divided by n - 1 = 2.
    #   now:        c0 order B < A < C -> (A, B, C) = (0, 1, -1); c1 order A > C > B -> (1, -1, 0)
    #               phi = .55 c0 + .45 c1 = (0.45, 0.10, -0.55): A first.
    #   A's c0 rises past C's 16.0: c0 order B < C < A -> (-1, 1, 0), phi = (-0.10, 0.10, 0.00):
    #   B and C both overtake A at once; B is first.
    m = np.array([[12.6, 87.4], [8.4, 30.9], [16.0, 48.3]])
    types, w = [-1, 1], [0.55, 0.45]
    np.testing.assert_allclose(evaluate(m, w, types, "promethee_ii").scores, [0.45, 0.10, -0.55], atol=1e-12)
    row = next(r for r in score_switching_values(m, w, types, "promethee_ii", bounds=(0.0, 100.0))
               if r["option"] == 0 and r["criterion"] == 0)
    assert row["change"] == pytest.approx(3.4, abs=1e-6)
    moved = m.copy()
    moved[0, 0] += 3.5
    np.testing.assert_allclose(evaluate(moved, w, types, "promethee_ii").scores, [-0.10, 0.10, 0.0], atol=1e-12)
    assert row["new_first"] == 1


def test_vikor_score_switching_past_a_tie_plateau() -> None:
    m = np.array([[92.39937887806866, 93.2708612196341, 2.889722413361573],
                  [41.591883694831175, 60.374528206859814, 40.78861930098338],
                  [97.82896390126507, 30.16359808717025, 89.78628676092256]])
    types = np.array([1, 1, 1])
    w = np.array([0.28474386818145636, 0.43960758602090433, 0.27564854579763926])
    assert evaluate(m, w, types, "vikor").best == 0
    row = next(r for r in score_switching_values(m, w, types, "vikor", bounds=(0.0, 100.0))
               if r["option"] == 1 and r["criterion"] == 0)
    assert row["new_first"] == 1
    moved = m.copy()
    moved[1, 0] += row["change"] * (1 + 1e-4) + 1e-6
    after = evaluate(moved, w, types, "vikor")
    assert after.best == 1 and list(after.ranks).count(1) == 1, after.scores


def test_relative_margin_by_hand() -> None:
    from decision.sensitivity.switching import relative_margin

    assert relative_margin([0.2, 0.9, 0.3], "topsis") == pytest.approx((0.9 - 0.3) / 0.9)
    # VIKOR: Q sorted 0, 0.8, 1; lead 0.8 over a range of 1.
    assert relative_margin([1.0, 0.0, 0.8], "vikor") == pytest.approx(0.8)
    # PROMETHEE II: lead 0.9 - 0.1 over a range of 0.9 - (-0.5).
    assert relative_margin([-0.5, 0.9, 0.1], "promethee_ii") == pytest.approx(0.8 / 1.4)


def test_close_call_rule() -> None:
    from decision.sensitivity.switching import WeightSwitch, close_call

    far = WeightSwitch(criterion=0, weight=0.3, lower=None, upper=0.9, lower_option=None, upper_option=1, preferred=0)
    near = WeightSwitch(criterion=0, weight=0.3, lower=None, upper=0.34, lower_option=None, upper_option=1, preferred=0)
    assert not close_call(relative_margin=0.5, switches=[far])
    assert close_call(relative_margin=0.09, switches=[far])
    assert close_call(relative_margin=0.5, switches=[near])
