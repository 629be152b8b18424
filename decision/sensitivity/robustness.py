"""Method and structure robustness: does the ranking survive a change of
method, and does removing an option reorder the others (rank reversal)?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import numpy.typing as npt

from ..methods import evaluate, rank_agreement

__all__ = ["MethodVariant", "MethodComparison", "RankReversal", "compare_methods", "rank_reversal", "METHOD_VARIANTS"]


@dataclass(frozen=True)
class MethodVariant:
    method: str
    normalization: str

    @property
    def label(self) -> str:
        return f"{self.method} ({self.normalization})" if self.method == "topsis" else self.method


#: Every method and TOPSIS normalisation compared for robustness.
METHOD_VARIANTS = (
    MethodVariant("topsis", "vector"),
    MethodVariant("topsis", "minmax"),
    MethodVariant("ahp", "vector"),
    MethodVariant("vikor", "vector"),
    MethodVariant("promethee_ii", "vector"),
    MethodVariant("wsm", "vector"),
)


@dataclass(frozen=True)
class MethodComparison:
    """One method's ranking, and its agreement with the reference method's."""

    variant: str
    ranks: tuple[int, ...]
    preferred: tuple[int, ...]
    kendall_tau: float
    ws: float


@dataclass(frozen=True)
class RankReversal:
    """What happens to the others when one option is removed.

    ``reversed_pairs`` lists pairs (a, b) ranked a above b with every option
    present but b above a (or level) without ``dropped``.
    """

    dropped: int
    reversed_pairs: tuple[tuple[int, int], ...]
    first_changed: bool

    @property
    def reversal(self) -> bool:
        return bool(self.reversed_pairs)


def compare_methods(
    matrix: npt.ArrayLike,
    weights: npt.ArrayLike,
    types: npt.ArrayLike,
    *,
    options: Sequence[int],
    variants: Sequence[MethodVariant] = METHOD_VARIANTS,
    vikor_v: float = 0.5,
    ahp_span: float | None = None,
) -> tuple[MethodComparison, ...]:
    """Rank with every method variant and compare each with the first variant."""
    results = [evaluate(matrix, weights, types, v.method, v.normalization, vikor_v=vikor_v, ahp_span=ahp_span) for v in variants]
    ref = results[0].ranks
    out = []
    for v, r in zip(variants, results):
        agree = rank_agreement(ref, r.ranks)
        out.append(MethodComparison(
            variant=v.label, ranks=tuple(int(x) for x in r.ranks),
            preferred=tuple(options[int(i)] for i in np.flatnonzero(r.ranks == 1)),
            kendall_tau=agree.kendall_tau, ws=agree.ws,
        ))
    return tuple(out)


def rank_reversal(
    matrix: npt.ArrayLike,
    weights: npt.ArrayLike,
    types: npt.ArrayLike,
    *,
    options: Sequence[int],
    method: str = "topsis",
    normalization: str = "vector",
    vikor_v: float = 0.5,
    ahp_span: float | None = None,
) -> tuple[RankReversal, ...]:
    """Drop each option in turn and report order changes among the rest."""
    m = np.array(matrix, dtype=float)
    full = evaluate(m, weights, types, method, normalization, vikor_v=vikor_v, ahp_span=ahp_span).ranks
    out = []
    for k in range(m.shape[0]):
        keep = [i for i in range(m.shape[0]) if i != k]
        if len(keep) < 2:
            out.append(RankReversal(dropped=options[k], reversed_pairs=(), first_changed=False))
            continue
        reduced = evaluate(m[keep], weights, types, method, normalization, vikor_v=vikor_v, ahp_span=ahp_span).ranks
        pairs = []
        for a_pos, a in enumerate(keep):
            for b_pos, b in enumerate(keep):
                if full[a] < full[b] and reduced[a_pos] >= reduced[b_pos]:
                    pairs.append((options[a], options[b]))
        best_full = [i for i in keep if full[i] == min(full[j] for j in keep)]
        best_reduced = [keep[p] for p in np.flatnonzero(reduced == 1)]
        out.append(RankReversal(dropped=options[k], reversed_pairs=tuple(pairs), first_changed=sorted(best_full) != sorted(best_reduced)))
    return tuple(out)
