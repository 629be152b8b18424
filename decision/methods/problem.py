"""The decision problem every method and every sensitivity analysis works on:
a validated performance matrix with its criterion types and labels, and the
facts derived from it once (constant criteria, the width of the score scale)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from .rules import constant_columns

__all__ = ["Problem", "check_weights"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def _matrix(matrix: npt.ArrayLike) -> FloatArray:
    try:
        m = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InputError("matrix and weights must be rectangular numeric arrays", field="matrix", value=repr(matrix)[:200]) from None
    if m.ndim != 2 or m.shape[0] < 1 or m.shape[1] < 1:
        raise InputError("the performance matrix must be 2-D with at least one option and one criterion", field="matrix", value=m.shape)
    if not np.all(np.isfinite(m)):
        raise InputError("the performance matrix must be finite (no NaN or infinity)", field="matrix", value=m[~np.isfinite(m)].tolist())
    return m


def check_weights(weights: npt.ArrayLike, n_criteria: int) -> FloatArray:
    """Weights validated (finite, non-negative, one per criterion, not all
    zero) and divided by their total, so that scaling them changes nothing."""
    try:
        w = np.array(weights, dtype=float).ravel()
    except (TypeError, ValueError):
        raise InputError("matrix and weights must be rectangular numeric arrays", field="weights", value=repr(weights)[:200]) from None
    if w.size != n_criteria:
        raise InputError(f"there must be one weight per criterion ({n_criteria})", field="weights", value=w.size)
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise InputError("weights must be finite and non-negative", field="weights", value=w.tolist())
    if w.sum() <= 0:
        raise InputError("weights must not all be zero", field="weights", value=w.tolist())
    out = np.asarray(w / w.sum(), dtype=float)
    out.setflags(write=False)
    return out


def _types(types: npt.ArrayLike, n_criteria: int) -> IntArray:
    t_raw = np.array(types).ravel()
    if t_raw.size != n_criteria:
        raise InputError(f"there must be one type per criterion ({n_criteria})", field="types", value=t_raw.size)
    if not np.all(np.isin(t_raw, (1, -1))):
        raise InputError("each type must be +1 (benefit) or -1 (cost)", field="types", value=t_raw.tolist())
    return t_raw.astype(np.int64)


def _readonly(a: npt.NDArray[np.generic]) -> None:
    a.setflags(write=False)


@dataclass(frozen=True, slots=True, eq=False)
class Problem:
    """Options x criteria performance values with their types and labels.

    Build it with :meth:`of`, which validates. Arrays are read-only.

    Attributes
    ----------
    matrix
        Options x criteria, finite.
    types
        +1 benefit, -1 cost, per criterion.
    criteria, options
        Labels reported instead of indices (default: the indices).
    constant
        Per criterion, whether every option scores the same on it (such a
        criterion is set aside by every method).
    span
        The range of the whole matrix (1 if it is flat): AHP synthesis's
        default width of the score scale.
    """

    matrix: FloatArray
    types: IntArray
    criteria: tuple[Hashable, ...]
    options: tuple[Hashable, ...]
    constant: BoolArray = field(init=False)
    span: float = field(init=False)

    def __post_init__(self) -> None:
        const = constant_columns(self.matrix)
        _readonly(const)
        object.__setattr__(self, "constant", const)
        object.__setattr__(self, "span", float(np.ptp(self.matrix)) or 1.0)

    @classmethod
    def of(
        cls,
        matrix: npt.ArrayLike,
        types: npt.ArrayLike,
        *,
        criteria: Sequence[Hashable] | None = None,
        options: Sequence[Hashable] | None = None,
        weights: npt.ArrayLike | None = None,
    ) -> "Problem":
        """Validate and build a problem.

        ``weights``, when given, are validated between the matrix and the
        types (so an error names the first bad argument in the order of
        :func:`decision.evaluate`); they are not stored.
        """
        m = _matrix(matrix)
        if weights is not None:
            check_weights(weights, m.shape[1])
        t = _types(types, m.shape[1])
        crit = tuple(criteria) if criteria is not None else tuple(range(m.shape[1]))
        opts = tuple(options) if options is not None else tuple(range(m.shape[0]))
        if len(crit) != m.shape[1]:
            raise InputError(f"there must be one criterion label per column ({m.shape[1]})", field="criteria", value=len(crit))
        if len(opts) != m.shape[0]:
            raise InputError(f"there must be one option label per row ({m.shape[0]})", field="options", value=len(opts))
        _readonly(m)
        _readonly(t)
        return cls(matrix=m, types=t, criteria=crit, options=opts)

    @property
    def n_options(self) -> int:
        return int(self.matrix.shape[0])

    @property
    def n_criteria(self) -> int:
        return int(self.matrix.shape[1])

    def with_matrix(self, matrix: npt.ArrayLike) -> "Problem":
        """The same criteria and options with other performance values."""
        return Problem.of(matrix, self.types, criteria=self.criteria, options=self.options)
