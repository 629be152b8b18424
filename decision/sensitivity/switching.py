"""Switching values: how far a weight or a score must move before the
preferred option loses first place.

One-way weight switching values (HM Treasury Green Book): the weight of one
criterion is swept from 0 to 1 while the others keep their proportions,
``w(t) = t e_j + (1 - t) r`` with ``r`` the other weights rescaled to sum to
1. First place changes where the preferred option's score difference with a
rival crosses zero. For the methods that are linear in the weights (weighted
sum, AHP synthesis, PROMETHEE II) that crossing has a closed form; otherwise
it is bracketed on a fine grid and refined to 1e-12 by Brent's method, or by
bisection where the difference is flat at zero before the crossing (VIKOR's
Q moves in steps, so options can tie over an interval). The reported values
are never grid readings.

References
----------
HM Treasury (2022). *The Green Book: Central Government Guidance on Appraisal
and Evaluation*, section on switching values.
Brent, R. P. (1973). *Algorithms for Minimization without Derivatives*.
Prentice-Hall (the root finder, via scipy.optimize.brentq).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterator, Sequence

import numpy as np
import numpy.typing as npt

from ..methods import Method, MethodSettings, Problem, check_weights, evaluate_problem, get_method, method_settings, scores_of
from ..methods.rules import TIE_TOLERANCE

__all__ = ["WeightSwitch", "ScoreSwitch", "WeightSweep", "weight_switching", "score_switching", "weight_sweep",
           "switching_values", "score_switching_values", "close_call", "relative_margin", "sweep_weights",
           "CLOSE_CALL_MARGIN", "CLOSE_CALL_WEIGHT"]

FloatArray = npt.NDArray[np.float64]
#: Bracketing grid: points per unit of weight, and points over a score range.
GRID = 2001
SCORE_GRID = 1001
ROOT_TOL = 1e-12
#: Score differences within the tie tolerance are ties (the ranking's tie
#: rule), so a rival level with the preferred option does not overtake it.
TIE_TOL = TIE_TOLERANCE
#: A relative margin under 10% of the winner's score is commonly read as "no clear winner".
CLOSE_CALL_MARGIN = 0.10
#: A switching weight within 0.05 of the current weight is a close call.
CLOSE_CALL_WEIGHT = 0.05
#: Points of the one-way sweep curves drawn in the documents.
SWEEP_POINTS = 201


class _Row:
    """Frozen record that can also be read like a mapping (``row["lower"]``)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        if key not in self.keys():
            raise KeyError(key)
        return getattr(self, key)

    def keys(self) -> tuple[str, ...]:
        return tuple(getattr(type(self), "__dataclass_fields__"))

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.keys()}


@dataclass(frozen=True, slots=True)
class WeightSwitch(_Row):
    """One criterion's weight switching values for the preferred option.

    ``lower``/``upper`` are the weights at which another option takes first
    place when this criterion's weight falls/rises (None: no change in
    [0, 1]); ``lower_option``/``upper_option`` that option's label.
    """

    criterion: Hashable
    weight: float
    lower: float | None
    upper: float | None
    lower_option: Hashable | None
    upper_option: Hashable | None
    preferred: Hashable


@dataclass(frozen=True, slots=True)
class ScoreSwitch(_Row):
    """How far one option's score on one criterion must move to change first place.

    ``change`` is the signed change in score units (None: no change within
    the bounds); ``new_first`` the option first after that change.
    """

    option: Hashable
    criterion: Hashable
    score: float
    change: float | None
    new_first: Hashable | None


@dataclass(frozen=True, slots=True)
class WeightSweep:
    """The options' scores as each criterion's weight sweeps from 0 to 1.

    ``scores[j]`` is (points x options) for criterion j over ``grid``.
    """

    method: str
    grid: FloatArray
    scores: tuple[FloatArray, ...]


def sweep_weights(w0: FloatArray, j: int, t: FloatArray) -> FloatArray:
    """``w(t) = t e_j + (1 - t) r``, ``r`` the other weights rescaled to sum to 1."""
    rest = np.array(w0, dtype=float)
    rest[j] = 0.0
    if rest.sum() <= 0:  # all weight on j: the other criteria share equally as it falls
        rest = np.ones_like(rest)
        rest[j] = 0.0
    if rest.sum() <= 0:  # a single criterion: its weight is 1 whatever t is
        return np.ones((len(t), 1))
    rest = rest / rest.sum()
    return np.asarray(t[:, None] * np.eye(len(w0))[j][None, :] + (1 - t)[:, None] * rest[None, :], dtype=float)


def _brent(f: Callable[[float], float], a: float, b: float) -> float:
    from scipy.optimize import brentq  # deferred: scipy is slow to import

    return float(brentq(f, a, b, xtol=ROOT_TOL, rtol=4 * np.finfo(float).eps, maxiter=200))


def _bisect_loss(g: Callable[[float], float], lo: float, hi: float) -> float:
    """The boundary between g >= -TIE_TOL (at lo) and g < -TIE_TOL (at hi), to ROOT_TOL."""
    for _ in range(200):
        if abs(hi - lo) <= ROOT_TOL:
            break
        mid = 0.5 * (lo + hi)
        if g(mid) < -TIE_TOL:
            hi = mid
        else:
            lo = mid
    return hi


def _first_loss(
    diff: Callable[[FloatArray], FloatArray],
    start: float,
    end: float,
    *,
    linear: bool,
    points: int,
) -> tuple[float | None, int | None]:
    """Where, moving from ``start`` toward ``end``, a rival first beats the preferred option.

    ``diff(t)`` gives, for each t, preferred score minus each rival's score
    (oriented so positive = preferred ahead); shape (len(t), rivals).
    """
    if start == end:
        return None, None
    if linear:
        d0, d1 = diff(np.array([start, end]))
        best: tuple[float | None, int | None] = (None, None)
        for b in range(d0.size):
            if d1[b] < -TIE_TOL and d0[b] >= -TIE_TOL:
                frac = float(d0[b] / (d0[b] - d1[b]))
                t = start + frac * (end - start)
                if best[0] is None or abs(t - start) < abs(best[0] - start):
                    best = (t, b)
        return best
    grid = np.linspace(start, end, max(3, points))
    d = diff(grid)
    losing = np.any(d < -TIE_TOL, axis=1)
    if not losing.any():
        return None, None
    k = int(np.argmax(losing))
    if k == 0:  # already behind at the start: only possible with inconsistent inputs
        return start, int(np.argmin(d[0]))
    lo, hi = grid[k - 1], grid[k]
    candidates: list[tuple[float, int]] = []
    for rival in (int(x) for x in np.flatnonzero(d[k] < -TIE_TOL)):
        def g(t: float, b: int = rival) -> float:
            return float(diff(np.array([t]))[0, b])

        if g(lo) > 0:
            candidates.append((_brent(g, lo, hi), rival))
        else:
            # Level at the bracket's start: VIKOR's Q moves in steps, so two
            # options can tie over a whole interval. Bisect for where the
            # rival is strictly ahead instead of for a zero crossing.
            candidates.append((_bisect_loss(g, lo, hi), rival))
    t_star, b_star = min(candidates, key=lambda c: abs(c[0] - start))
    return t_star, b_star


def _settings(problem: Problem, settings: MethodSettings | None) -> MethodSettings:
    return settings if settings is not None else method_settings(problem)


def weight_switching(
    problem: Problem, weights: npt.ArrayLike, *, method: str | Method = "topsis", settings: MethodSettings | None = None,
) -> tuple[WeightSwitch, ...]:
    """One-way weight switching values for the preferred option, one row per
    criterion in column order (labels from the problem)."""
    how = get_method(method)
    opts = _settings(problem, settings)
    base = evaluate_problem(problem, weights, method=how, settings=opts)
    m, types = problem.matrix, problem.types
    w0 = check_weights(weights, problem.n_criteria)
    pref = base.best
    rivals = [i for i in range(problem.n_options) if i != pref]
    crit, opt = problem.criteria, problem.options
    if problem.n_criteria == 1 or not rivals:  # one criterion (its weight is always 1) or one option
        return tuple(WeightSwitch(criterion=crit[j], weight=1.0 if problem.n_criteria == 1 else float(w0[j]), lower=None,
                                  upper=None, lower_option=None, upper_option=None, preferred=opt[pref])
                     for j in range(problem.n_criteria))
    # Scores are linear in t only when no constant criterion is set aside:
    # otherwise the active weights are renormalised and the gap is a ratio.
    linear = how.linear_in_weights and not problem.constant.any()
    rows = []
    for j in range(problem.n_criteria):
        def diff(t: FloatArray, j: int = j) -> FloatArray:
            s = how.orient(scores_of(how, m, sweep_weights(w0, j, t), types, opts))
            return np.asarray(s[:, [pref]] - s[:, rivals], dtype=float)

        # grid density about GRID points per unit of weight on each side
        up, up_b = _first_loss(diff, float(w0[j]), 1.0, linear=linear, points=int(GRID * (1.0 - w0[j])) + 2)
        down, down_b = _first_loss(diff, float(w0[j]), 0.0, linear=linear, points=int(GRID * w0[j]) + 2)
        rows.append(WeightSwitch(
            criterion=crit[j], weight=float(w0[j]), lower=down, upper=up,
            lower_option=None if down_b is None else opt[rivals[down_b]],
            upper_option=None if up_b is None else opt[rivals[up_b]], preferred=opt[pref],
        ))
    return tuple(rows)


def weight_sweep(
    problem: Problem, weights: npt.ArrayLike, *, method: str | Method = "topsis", settings: MethodSettings | None = None,
    points: int = SWEEP_POINTS,
) -> WeightSweep:
    """The options' scores along each criterion's one-way weight sweep."""
    how = get_method(method)
    opts = _settings(problem, settings)
    w0 = check_weights(weights, problem.n_criteria)
    grid = np.linspace(0.0, 1.0, points)
    scores = tuple(scores_of(how, problem.matrix, sweep_weights(w0, j, grid), problem.types, opts)
                   for j in range(problem.n_criteria))
    for a in (grid, *scores):
        a.setflags(write=False)
    return WeightSweep(method=how.name, grid=grid, scores=scores)


def _score_diff(how: Method, problem: Problem, w: FloatArray, opts: MethodSettings, *, i: int, j: int, pref: int,
                direction: float) -> Callable[[FloatArray], FloatArray]:
    m = problem.matrix

    def diff(delta: FloatArray) -> FloatArray:
        stack = np.repeat(m[None, :, :], len(delta), axis=0)
        stack[:, i, j] += direction * delta
        s = how.orient(scores_of(how, stack, np.repeat(w[None, :], len(delta), axis=0), problem.types, opts))
        if i == pref:
            others = [k for k in range(m.shape[0]) if k != pref]
            return np.asarray(s[:, [pref]] - s[:, others], dtype=float)
        # option i must overtake every other option: it "loses" its
        # non-first status when its lead over the best other is > 0
        others = [k for k in range(m.shape[0]) if k != i]
        lead = s[:, i] - s[:, others].max(axis=1)
        return np.asarray(-lead[:, None], dtype=float)

    return diff


def _first_after(how: Method, problem: Problem, w: FloatArray, opts: MethodSettings, *, i: int, j: int,
                 move: float) -> Hashable:
    """The option first once option i's score on j has moved by ``move``."""
    moved = problem.matrix.copy()
    moved[i, j] += move
    s_after = how.orient(scores_of(how, moved, w[None, :], problem.types, opts))[0]
    return problem.options[int(np.argmax(s_after))]


def score_switching(
    problem: Problem, weights: npt.ArrayLike, *, method: str | Method = "topsis", settings: MethodSettings | None = None,
    bounds: tuple[float, float] | None = None,
) -> tuple[ScoreSwitch, ...]:
    """How far each option's score on each criterion must move to change first place.

    For the preferred option the score moves in its worse direction (down on
    a benefit criterion, up on a cost criterion) until a rival overtakes it;
    for every other option it moves in its better direction until that option
    is first. Moves stay within ``bounds`` (default: the matrix's range
    widened by its span on both sides; the appraisal passes its 0-100 scale).
    """
    how = get_method(method)
    opts = _settings(problem, settings)
    base = evaluate_problem(problem, weights, method=how, settings=opts)
    m = problem.matrix
    w = check_weights(weights, problem.n_criteria)
    lo_b, hi_b = bounds if bounds is not None else (float(m.min() - np.ptp(m)), float(m.max() + np.ptp(m)))
    pref = base.best
    crit, opt = problem.criteria, problem.options
    out: list[ScoreSwitch] = []
    for i in range(problem.n_options):
        for j in range(problem.n_criteria):
            better = int(problem.types[j])  # direction that improves option i on criterion j
            direction = float(-better if i == pref else better)
            reach = ((hi_b if direction > 0 else lo_b) - m[i, j]) * direction
            delta = None
            if reach > 0:
                diff = _score_diff(how, problem, w, opts, i=i, j=j, pref=pref, direction=direction)
                delta, _ = _first_loss(diff, 0.0, float(reach), linear=False, points=SCORE_GRID)
            if delta is None:
                out.append(ScoreSwitch(option=opt[i], criterion=crit[j], score=float(m[i, j]), change=None, new_first=None))
                continue
            # Name the option that is first just past the switch (not merely the
            # rival whose crossing was found), from the scores themselves.
            past = min(float(reach), delta + max(1e-9, 1e-9 * abs(delta)))
            new_first = _first_after(how, problem, w, opts, i=i, j=j, move=direction * past) if i == pref else opt[i]
            out.append(ScoreSwitch(option=opt[i], criterion=crit[j], score=float(m[i, j]),
                                   change=float(direction * delta), new_first=new_first))
    return tuple(out)


def switching_values(
    matrix: npt.ArrayLike,
    weights: npt.ArrayLike,
    types: npt.ArrayLike,
    method: str = "topsis",
    *,
    normalization: str = "vector",
    vikor_v: float = 0.5,
    ahp_span: float | None = None,
    criteria: Sequence[Hashable] | None = None,
    options: Sequence[Hashable] | None = None,
) -> list[WeightSwitch]:
    """One-way weight switching values for the preferred option, from arrays.

    Parameters
    ----------
    matrix, weights, types
        As for :func:`decision.evaluate` (same validation and defaults: TOPSIS
        with vector normalisation).
    method
        ``topsis``, ``ahp``, ``vikor``, ``promethee_ii`` or ``wsm``.
    criteria, options
        Optional labels reported instead of column and row indices.

    Returns
    -------
    list of WeightSwitch
        One row per criterion, in column order, with keys ``criterion``,
        ``weight``, ``lower``, ``upper``, ``lower_option``, ``upper_option``
        (and ``preferred``). See :func:`weight_switching` for the same on a
        :class:`~decision.methods.Problem`.
    """
    how = get_method(method)
    problem = Problem.of(matrix, types, criteria=criteria, options=options, weights=weights)
    opts = method_settings(problem, normalization=normalization, vikor_v=vikor_v, ahp_span=ahp_span)
    return list(weight_switching(problem, weights, method=how, settings=opts))


def score_switching_values(
    matrix: npt.ArrayLike,
    weights: npt.ArrayLike,
    types: npt.ArrayLike,
    method: str = "topsis",
    *,
    normalization: str = "vector",
    vikor_v: float = 0.5,
    ahp_span: float | None = None,
    bounds: tuple[float, float] | None = None,
    criteria: Sequence[Hashable] | None = None,
    options: Sequence[Hashable] | None = None,
) -> list[ScoreSwitch]:
    """:func:`score_switching` from arrays (labels default to indices)."""
    how = get_method(method)
    problem = Problem.of(matrix, types, criteria=criteria, options=options, weights=weights)
    opts = method_settings(problem, normalization=normalization, vikor_v=vikor_v, ahp_span=ahp_span)
    return list(score_switching(problem, weights, method=how, settings=opts, bounds=bounds))


def relative_margin(scores: npt.ArrayLike, method: str | Method) -> float:
    """The winner's lead over the runner-up, relative to the scores.

    For TOPSIS, AHP and the weighted sum (positive scores) it is the lead as a
    share of the winner's score. VIKOR's Q is 0 for the winner and PROMETHEE
    II's net flows straddle 0, so for them it is the lead as a share of the
    range of the options' scores.
    """
    how = get_method(method)
    s = np.asarray(scores, dtype=float)
    if s.size < 2:  # no rival: the whole scale is the lead
        return 1.0
    ordered = np.sort(s) if how.lower_is_better else np.sort(s)[::-1]
    lead = abs(ordered[1] - ordered[0])
    base = abs(ordered[0]) if how.share_scores else float(np.ptp(s))
    return float(lead / base) if base > 0 else 0.0


def close_call(*, relative_margin: float, switches: Sequence[WeightSwitch]) -> bool:
    """The close-call rule.

    A result is a close call when the winner's relative margin (see
    :func:`relative_margin`) is under 10% (``CLOSE_CALL_MARGIN``), or when some
    criterion's weight needs to move by less than 0.05 (``CLOSE_CALL_WEIGHT``)
    for first place to change.
    """
    if relative_margin < CLOSE_CALL_MARGIN:
        return True
    for s in switches:
        for edge in (s.lower, s.upper):
            if edge is not None and abs(edge - s.weight) < CLOSE_CALL_WEIGHT:
                return True
    return False
