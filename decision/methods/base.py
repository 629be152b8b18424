"""What a method is: its facts and its maths in one immutable object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

import numpy as np
import numpy.typing as npt

from .normalization import Normalization

__all__ = ["MethodName", "MethodSettings", "Method", "linear_scores"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
MethodName = Literal["topsis", "ahp", "vikor", "promethee_ii", "wsm"]


@dataclass(frozen=True, slots=True)
class MethodSettings:
    """The options a method reads: TOPSIS normalisation, VIKOR's v and the
    width of the score scale for AHP synthesis (already resolved)."""

    normalization: Normalization = "vector"
    vikor_v: float = 0.5
    ahp_span: float = 100.0


#: ``(matrix, weights, types, settings) -> scores``. Single: an options x
#: criteria matrix of active criteria and one weight vector; batched:
#: weights (samples x criteria) already renormalised over active criteria, and
#: one matrix or a stack (samples x options x criteria).
Scorer = Callable[[FloatArray, FloatArray, IntArray, MethodSettings], FloatArray]


@dataclass(frozen=True, slots=True)
class Method:
    """One MCDA method.

    Attributes
    ----------
    name, label, short_label
        Identifier, name in documents, column header in the terminal.
    lower_is_better
        Whether a lower score ranks first (VIKOR's Q).
    linear_in_weights
        Whether the score is linear in the weights (switching values then
        have a closed form).
    share_scores
        Whether scores are positive shares, so that a margin reads as a share
        of the winner's score (otherwise as a share of the score range).
    normalizations
        The normalisations that change the result; empty when the method
        uses a fixed one (``fixed_normalization``).
    single, batch
        The single evaluation (the reference implementation) and the batched
        numpy kernel checked against it.
    """

    name: MethodName
    label: str
    short_label: str
    lower_is_better: bool
    linear_in_weights: bool
    share_scores: bool
    normalizations: tuple[Normalization, ...]
    fixed_normalization: str
    single: Scorer
    batch: Scorer

    def normalization_used(self, requested: Normalization) -> str:
        """The normalisation a run with ``requested`` actually applies."""
        return requested if requested in self.normalizations else self.fixed_normalization

    def variant_label(self, normalization: Normalization) -> str:
        """How a method and normalisation are named in comparisons."""
        return f"{self.name} ({normalization})" if len(self.normalizations) > 1 else self.name

    def orient(self, scores: FloatArray) -> FloatArray:
        """Scores turned so that higher is better."""
        return np.asarray(-scores if self.lower_is_better else scores, dtype=float)


def linear_scores(components: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted sums of per-criterion components for each weight row:
    (options x criteria) or (samples x options x criteria) against
    (samples x criteria)."""
    if components.ndim == 2:
        return np.asarray(weights @ components.T, dtype=float)
    return np.asarray(np.einsum("sj,sij->si", weights, components), dtype=float)
