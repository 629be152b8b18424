"""Agreement between two rankings of the same options."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..errors import InputError

__all__ = ["RankAgreement", "rank_agreement"]


@dataclass(frozen=True, slots=True)
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
