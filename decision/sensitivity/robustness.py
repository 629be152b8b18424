"""Method and structure robustness: does the ranking survive a change of
method, and does removing an option reorder the others (rank reversal)?"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from ..methods import REGISTRY, MethodSettings, Normalization, Problem, evaluate_problem, get_method, method_settings, rank_agreement

__all__ = ["MethodVariant", "MethodComparison", "RankReversal", "compare_methods", "rank_reversal", "METHOD_VARIANTS"]


@dataclass(frozen=True, slots=True)
class MethodVariant:
    method: str
    normalization: Normalization

    @property
    def label(self) -> str:
        return get_method(self.method).variant_label(self.normalization)


#: Every method under every normalisation that changes its result (the
#: default one for methods with a fixed normalisation), in presentation order.
METHOD_VARIANTS = tuple(
    MethodVariant(m.name, n) for m in REGISTRY.values() for n in (m.normalizations or ("vector",))
)


@dataclass(frozen=True, slots=True)
class MethodComparison:
    """One method's ranking, and its agreement with the reference method's."""

    variant: str
    ranks: tuple[int, ...]
    preferred: tuple[Hashable, ...]
    kendall_tau: float
    ws: float


@dataclass(frozen=True, slots=True)
class RankReversal:
    """What happens to the others when one option is removed.

    ``reversed_pairs`` lists pairs (a, b) ranked a above b with every option
    present but b above a (or level) without ``dropped``.
    """

    dropped: Hashable
    reversed_pairs: tuple[tuple[Hashable, Hashable], ...]
    first_changed: bool

    @property
    def reversal(self) -> bool:
        return bool(self.reversed_pairs)


def compare_methods(
    problem: Problem,
    weights: npt.ArrayLike,
    *,
    settings: MethodSettings | None = None,
    variants: Sequence[MethodVariant] = METHOD_VARIANTS,
) -> tuple[MethodComparison, ...]:
    """Rank with every method variant and compare each with the first variant.

    ``settings`` gives VIKOR's v and the AHP span; each variant's
    normalisation replaces its normalisation.
    """
    base = settings if settings is not None else method_settings(problem)
    results = [evaluate_problem(problem, weights, method=v.method, settings=replace(base, normalization=v.normalization))
               for v in variants]
    ref = results[0].ranks
    out = []
    for v, r in zip(variants, results):
        agree = rank_agreement(ref, r.ranks)
        out.append(MethodComparison(
            variant=v.label, ranks=tuple(int(x) for x in r.ranks),
            preferred=tuple(problem.options[int(i)] for i in np.flatnonzero(r.ranks == 1)),
            kendall_tau=agree.kendall_tau, ws=agree.ws,
        ))
    return tuple(out)


def _reversed_pairs(options: Sequence[Hashable], keep: Sequence[int], full: npt.NDArray[np.int64],
                    reduced: npt.NDArray[np.int64]) -> tuple[tuple[Hashable, Hashable], ...]:
    pairs = []
    for a_pos, a in enumerate(keep):
        for b_pos, b in enumerate(keep):
            if full[a] < full[b] and reduced[a_pos] >= reduced[b_pos]:
                pairs.append((options[a], options[b]))
    return tuple(pairs)


def rank_reversal(
    problem: Problem,
    weights: npt.ArrayLike,
    *,
    method: str = "topsis",
    settings: MethodSettings | None = None,
) -> tuple[RankReversal, ...]:
    """Drop each option in turn and report order changes among the rest.

    Without ``settings`` each reduced problem takes its own default options
    (its own AHP span); with them, every problem is scored alike.
    """
    full = evaluate_problem(problem, weights, method=method, settings=settings).ranks
    opts = problem.options
    out = []
    for k in range(problem.n_options):
        keep = [i for i in range(problem.n_options) if i != k]
        if len(keep) < 2:
            out.append(RankReversal(dropped=opts[k], reversed_pairs=(), first_changed=False))
            continue
        smaller = Problem.of(problem.matrix[keep], problem.types, criteria=problem.criteria, options=[opts[i] for i in keep])
        reduced = evaluate_problem(smaller, weights, method=method, settings=settings).ranks
        best_full = [i for i in keep if full[i] == min(full[j] for j in keep)]
        best_reduced = [keep[p] for p in np.flatnonzero(reduced == 1)]
        out.append(RankReversal(dropped=opts[k], reversed_pairs=_reversed_pairs(opts, keep, full, reduced),
                                first_changed=sorted(best_full) != sorted(best_reduced)))
    return tuple(out)
