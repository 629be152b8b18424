"""Rank the options: TOPSIS, AHP synthesis, VIKOR, PROMETHEE II, weighted sum.

All methods share one front door, :func:`evaluate`, which validates inputs,
applies the constant-criterion rule and the tie policy, and returns an
immutable :class:`Evaluation`. pymcdm supplies TOPSIS, VIKOR (its S and R),
PROMETHEE II and the weighted sum; AHP synthesis is computed here.

Rules applied to every method
-----------------------------
* Weights must be finite and non-negative with a positive total; they are
  divided by their total (so scaling all weights changes nothing).
* A criterion on which every option has the same value cannot separate the
  options and would make some normalisations divide by zero (pymcdm then
  returns NaN). Such a criterion is set aside before the method runs: its
  index is reported in ``Evaluation.inactive`` and the remaining weights are
  renormalised. If no criterion with positive weight separates the options,
  :class:`DegenerateProblemError` is raised instead of returning NaN.
* Ties: options whose scores differ by less than 1e-9 (relative) share the
  best of their ranks (competition ranking: 1, 1, 3, 4).

References
----------
.. [1] Hwang, C. L., & Yoon, K. (1981). *Multiple Attribute Decision Making:
   Methods and Applications*. Springer (TOPSIS with vector normalisation).
.. [2] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM
   methods: A comparative analysis of VIKOR and TOPSIS. *European Journal of
   Operational Research*, 156(2), 445-455.
.. [3] Brans, J. P., & Vincke, P. (1985). A preference ranking organisation
   method (The PROMETHEE method for multiple criteria decision-making).
   *Management Science*, 31(6), 647-656.
.. [4] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
.. [5] Lootsma, F. A. (1993). Scale sensitivity in the multiplicative AHP and
   SMART. *Journal of Multi-Criteria Decision Analysis*, 2(2), 87-110
   (exponential scale linking score differences to pairwise ratios).
.. [6] Kizielewicz, B., Shekhovtsov, A., & Sałabun, W. (2023). pymcdm - The
   universal library for solving multi-criteria decision-making problems.
   *SoftwareX*, 22, 101368.
"""

from __future__ import annotations

from dataclasses import dataclass


import numpy as np
import numpy.typing as npt

from .errors import DegenerateProblemError, InputError

__all__ = ["METHODS", "NORMALIZATIONS", "Evaluation", "evaluate", "rank_scores", "ahp_local_priorities", "RankAgreement", "rank_agreement"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

METHODS = ("topsis", "ahp", "vikor", "promethee_ii", "wsm")
NORMALIZATIONS = ("vector", "minmax")
#: Methods whose score is better when lower.
LOWER_IS_BETTER = frozenset({"vikor"})
#: AHP synthesis: a score gap of the full scale equals Saaty's "extreme" 9.
AHP_SCALE_RATIO = 9.0
_TIE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Evaluation:
    """Scores and ranks of the options under one method.

    Attributes
    ----------
    scores
        The method's own values: TOPSIS relative closeness, AHP global
        priority, VIKOR Q (lower is better), PROMETHEE II net flow, weighted
        sum of min-max normalised values.
    ranks
        1 = best; tied options share the best of their ranks.
    method, normalization
        What was run (normalisation applies to TOPSIS; WSM always uses min-max).
    inactive
        Indices of criteria set aside because every option scores the same.
    weights
        The weights actually used, over all criteria (0 for inactive ones).
    """

    scores: FloatArray
    ranks: IntArray
    method: str
    normalization: str
    inactive: tuple[int, ...]
    weights: FloatArray

    @property
    def best(self) -> int:
        """Index of the first-ranked option (the lowest index among ties)."""
        return int(np.flatnonzero(self.ranks == 1)[0])


def rank_scores(scores: npt.ArrayLike, *, higher_is_better: bool = True) -> IntArray:
    """Competition ranks (1 = best) with near-equal scores tied."""
    s = np.asarray(scores, dtype=float)
    key = s if higher_is_better else -s
    scale = max(1.0, float(np.max(np.abs(s)))) if s.size else 1.0
    ranks = np.empty(s.size, dtype=np.int64)
    for i in range(s.size):
        ranks[i] = 1 + int(np.sum(key > key[i] + _TIE_TOLERANCE * scale))
    return ranks


def ahp_local_priorities(column: npt.ArrayLike, *, benefit: bool, span: float) -> FloatArray:
    """Local priorities of the options on one criterion for AHP synthesis.

    The implied pairwise judgement between options i and j is
    ``9 ** ((x_i - x_j) / span)`` (reversed for a cost criterion): a gap of
    the whole scale is "extreme" preference, equal scores are "equal". That
    matrix is perfectly consistent, so its eigenvector is ``9 ** (x / span)``
    normalised to sum to 1.
    """
    x = np.asarray(column, dtype=float)
    signed = x if benefit else -x
    raw = AHP_SCALE_RATIO ** ((signed - signed.max()) / span)
    return np.asarray(raw / raw.sum(), dtype=float)


def _validate(matrix: npt.ArrayLike, weights: npt.ArrayLike, types: npt.ArrayLike) -> tuple[FloatArray, FloatArray, IntArray]:
    try:
        m = np.array(matrix, dtype=float)
        w = np.array(weights, dtype=float).ravel()
    except (TypeError, ValueError):
        raise InputError("matrix and weights must be rectangular numeric arrays", field="matrix", value=repr(matrix)[:200]) from None
    if m.ndim != 2 or m.shape[0] < 1 or m.shape[1] < 1:
        raise InputError("the performance matrix must be 2-D with at least one option and one criterion", field="matrix", value=m.shape)
    if not np.all(np.isfinite(m)):
        raise InputError("the performance matrix must be finite (no NaN or infinity)", field="matrix", value=m[~np.isfinite(m)].tolist())
    if w.size != m.shape[1]:
        raise InputError(f"there must be one weight per criterion ({m.shape[1]})", field="weights", value=w.size)
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise InputError("weights must be finite and non-negative", field="weights", value=w.tolist())
    if w.sum() <= 0:
        raise InputError("weights must not all be zero", field="weights", value=w.tolist())
    t_raw = np.array(types).ravel()
    if t_raw.size != m.shape[1]:
        raise InputError(f"there must be one type per criterion ({m.shape[1]})", field="types", value=t_raw.size)
    if not np.all(np.isin(t_raw, (1, -1))):
        raise InputError("each type must be +1 (benefit) or -1 (cost)", field="types", value=t_raw.tolist())
    return m, w / w.sum(), t_raw.astype(np.int64)


def evaluate(
    matrix: npt.ArrayLike,
    weights: npt.ArrayLike,
    types: npt.ArrayLike,
    method: str = "topsis",
    normalization: str = "vector",
    *,
    vikor_v: float = 0.5,
    ahp_span: float | None = None,
) -> Evaluation:
    """Score and rank options with one MCDA method.

    Parameters
    ----------
    matrix
        Options x criteria performance values.
    weights
        One non-negative weight per criterion (divided by their total).
    types
        +1 for a benefit criterion, -1 for a cost criterion.
    method
        ``"topsis"``, ``"ahp"``, ``"vikor"``, ``"promethee_ii"`` or ``"wsm"``.
    normalization
        TOPSIS normalisation: ``"vector"`` (Hwang & Yoon's classic, default)
        or ``"minmax"``.
    vikor_v
        VIKOR's weight of the group-utility strategy (0..1).
    ahp_span
        Width of the score scale for AHP synthesis; default the range of the
        whole matrix. The appraisal passes 100 (its 0-100 scale).

    Returns
    -------
    Evaluation

    Raises
    ------
    InputError
        On malformed inputs (names the argument and the value found).
    DegenerateProblemError
        When no criterion with positive weight separates the options.
    """
    if method not in METHODS:
        raise InputError(f"unknown method (known: {', '.join(METHODS)})", field="method", value=method)
    if normalization not in NORMALIZATIONS:
        raise InputError(f"unknown normalisation (known: {', '.join(NORMALIZATIONS)})", field="normalization", value=normalization)
    if not 0.0 <= vikor_v <= 1.0:
        raise InputError("VIKOR's v must lie in [0, 1]", field="vikor_v", value=vikor_v)
    m, w, t = _validate(matrix, weights, types)
    spread = np.ptp(m, axis=0)
    col_scale = np.maximum(1.0, np.max(np.abs(m), axis=0))
    constant = spread <= 1e-12 * col_scale
    active = ~constant & (w > 0)
    if not np.any(active):
        raise DegenerateProblemError(
            "no criterion with a positive weight separates the options: every option scores the same on each of them",
            value=[int(i) for i in np.flatnonzero(constant)],
        )
    inactive = tuple(int(i) for i in np.flatnonzero(constant))
    used = np.where(constant, 0.0, w)
    used = used / used.sum()
    ma, wa, ta = m[:, active], used[active], t[active]
    if method == "ahp":
        span = float(ahp_span) if ahp_span is not None else float(np.ptp(m))
        if span <= 0:
            span = 1.0
        local = np.column_stack([ahp_local_priorities(ma[:, j], benefit=ta[j] > 0, span=span) for j in range(ma.shape[1])])
        scores = local @ wa
    else:
        scores = _pymcdm_scores(method, normalization, ma, wa, ta, vikor_v)
    scores = np.asarray(scores, dtype=float)
    if not np.all(np.isfinite(scores)):  # a guard, not an expected path
        raise DegenerateProblemError(f"{method} produced non-finite scores", value=scores.tolist())
    ranks = rank_scores(scores, higher_is_better=method not in LOWER_IS_BETTER)
    scores.setflags(write=False)
    ranks.setflags(write=False)
    used.setflags(write=False)
    return Evaluation(scores=scores, ranks=ranks, method=method, normalization=normalization if method == "topsis" else ("minmax" if method in ("wsm", "vikor") else "none"), inactive=inactive, weights=used)


# Inputs are validated by _validate; pymcdm's own validation is switched off
# because it warns about dominated options, which are legitimate here.
def _pymcdm_scores(method: str, normalization: str, m: FloatArray, w: FloatArray, t: IntArray, vikor_v: float) -> FloatArray:
    from pymcdm import methods as pm  # deferred: importing pymcdm takes about a second
    from pymcdm import normalizations as pn

    if method == "topsis":
        norm = pn.vector_normalization if normalization == "vector" else pn.minmax_normalization
        return np.asarray(pm.TOPSIS(normalization_function=norm)(m, w, t, validation=False), dtype=float)
    if method == "wsm":
        return np.asarray(pm.WSM(normalization_function=pn.minmax_normalization)(m, w, t, validation=False), dtype=float)
    if method == "promethee_ii":
        return np.asarray(pm.PROMETHEE_II("usual")(m, w, t, validation=False), dtype=float)
    # VIKOR: S and R from pymcdm; Q computed here so that a zero range in S or
    # R (all options equal on that measure) contributes 0 instead of 0/0.
    with np.errstate(invalid="ignore", divide="ignore"):
        explained = pm.VIKOR(v=vikor_v)(m, w, t, validation=False, verbose=True)
    s = np.asarray(explained.results[3].data, dtype=float)
    r = np.asarray(explained.results[4].data, dtype=float)
    return _vikor_q(s, r, vikor_v)


def _vikor_q(s: FloatArray, r: FloatArray, v: float) -> FloatArray:
    def part(x: FloatArray) -> FloatArray:
        span = x.max() - x.min()
        return np.zeros_like(x) if span <= 0 else (x - x.min()) / span

    return np.asarray(v * part(s) + (1 - v) * part(r), dtype=float)


@dataclass(frozen=True)
class RankAgreement:
    """Agreement between two rankings of the same options.

    ``kendall_tau`` is Kendall's tau-a (tied pairs count 0), in [-1, 1];
    ``ws`` is Salabun & Urbaniak's WS rank similarity coefficient, in [0, 1],
    which weighs disagreement at the top of the reference ranking most.
    """

    kendall_tau: float
    ws: float


def rank_agreement(reference: npt.ArrayLike, other: npt.ArrayLike) -> RankAgreement:
    """Kendall's tau and the WS coefficient between two rank vectors (1 = best).

    References
    ----------
    Kendall, M. G. (1938). A new measure of rank correlation. *Biometrika*, 30, 81-93.
    Salabun, W., & Urbaniak, K. (2020). A new coefficient of rankings similarity
    in decision-making problems. *ICCS 2020*, LNCS 12138, 632-645.
    """
    from pymcdm import correlations  # deferred: importing pymcdm takes about a second

    x = np.asarray(reference, dtype=float)
    y = np.asarray(other, dtype=float)
    if x.shape != y.shape or x.ndim != 1 or x.size < 2:
        raise InputError("rank agreement needs two rank vectors of the same length, at least 2", field="ranks", value=(x.shape, y.shape))
    return RankAgreement(kendall_tau=float(correlations.kendall_tau(x, y)), ws=float(correlations.ws(x, y)))
