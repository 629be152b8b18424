"""Global sensitivity of the preferred option's margin to the weights (Sobol).

Weights that must sum to 1 are not independent inputs, so the sampled inputs
are *unnormalised* weights, each uniform on [0.5 w_j, 1.5 w_j] around the
weight set (a criterion with zero weight gets [0, 0.05]); every sample is
then divided by its total before scoring. The indices therefore describe the
margin's sensitivity to each criterion's relative importance within +/-50%.

References
----------
Saltelli, A., et al. (2010). Variance based sensitivity analysis of model
output. Design and estimator for the total sensitivity index. *Computer
Physics Communications*, 181(2), 259-270.
Herman, J., & Usher, W. (2017). SALib: An open-source Python library for
sensitivity analysis. *Journal of Open Source Software*, 2(9), 97.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable

import numpy as np
import numpy.typing as npt

from ..methods import Method, MethodSettings, Problem, check_weights, evaluate_problem, get_method, method_settings, scores_of

__all__ = ["SobolIndices", "sobol_indices", "SPREAD"]

SPREAD = 0.5


@dataclass(frozen=True, slots=True)
class SobolIndices:
    """First-order and total Sobol indices per criterion, with 95% bootstrap
    confidence half-widths. ``constant`` is True when the margin did not vary
    at all (every index is then 0, not NaN)."""

    criteria: tuple[str, ...]
    first_order: tuple[float, ...]
    total: tuple[float, ...]
    first_order_conf: tuple[float, ...]
    total_conf: tuple[float, ...]
    preferred: Hashable
    n_base: int
    n_evaluations: int
    seed: int
    constant: bool


def sobol_indices(
    problem: Problem,
    weights: npt.ArrayLike,
    *,
    method: str | Method = "topsis",
    settings: MethodSettings | None = None,
    n_base: int = 1024,
    seed: int = 0,
) -> SobolIndices:
    """Sobol indices of the preferred option's margin over its best rival.

    ``n_base`` must be a power of 2 (Sobol sequence); the model is evaluated
    ``n_base * (criteria + 2)`` times.
    """
    from SALib.analyze import sobol as sobol_analyze  # deferred: SALib imports slowly
    from SALib.sample import sobol as sobol_sample

    how = get_method(method)
    opts = settings if settings is not None else method_settings(problem)
    m, t = problem.matrix, problem.types
    criteria = [str(c) for c in problem.criteria]
    options = problem.options
    w = check_weights(weights, problem.n_criteria)
    pref = evaluate_problem(problem, w, method=how, settings=opts).best
    lo = np.where(w > 0, (1 - SPREAD) * w, 0.0)
    hi = np.where(w > 0, (1 + SPREAD) * w, 0.05)
    space = {"num_vars": len(w), "names": list(criteria), "bounds": [[float(a), float(b)] for a, b in zip(lo, hi)]}
    x = sobol_sample.sample(space, n_base, calc_second_order=False, seed=seed)
    scores = how.orient(scores_of(how, m, x, t, opts))
    rivals = [i for i in range(m.shape[0]) if i != pref]
    margin = scores[:, pref] - scores[:, rivals].max(axis=1)
    n = len(w)
    if float(np.var(margin)) <= 1e-24:
        zeros = tuple(0.0 for _ in range(n))
        return SobolIndices(criteria=tuple(criteria), first_order=zeros, total=zeros, first_order_conf=zeros,
                            total_conf=zeros, preferred=options[pref], n_base=n_base, n_evaluations=len(margin),
                            seed=seed, constant=True)
    # SALib tests its seed for truth, so a bare 0 would fall back to numpy's
    # global generator; a Generator is always truthy, and for any int s
    # default_rng(default_rng(s)) is default_rng(s), so every seed keeps its stream.
    si = sobol_analyze.analyze(space, margin, calc_second_order=False, print_to_console=False,
                               seed=np.random.default_rng(seed))

    def clean(values: npt.ArrayLike) -> tuple[float, ...]:
        return tuple(float(v) if np.isfinite(v) else 0.0 for v in np.asarray(values, dtype=float))

    return SobolIndices(
        criteria=tuple(criteria), first_order=clean(si["S1"]), total=clean(si["ST"]),
        first_order_conf=clean(si["S1_conf"]), total_conf=clean(si["ST_conf"]),
        preferred=options[pref], n_base=n_base, n_evaluations=len(margin), seed=seed, constant=False,
    )
