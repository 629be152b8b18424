"""Methods: score and rank the options of a problem with TOPSIS, AHP
synthesis, VIKOR, PROMETHEE II or a weighted sum, one weight vector at a time
or a batch of them, under one tie rule and one constant-criterion rule.

Each method is one immutable :class:`Method` (its facts, its single
evaluation through pymcdm and its batched numpy kernel) in its own module;
:data:`REGISTRY` names them all.
"""

from .agreement import RankAgreement, rank_agreement
from .ahp import AHP_SCALE_RATIO, ahp_local_priorities
from .base import Method, MethodName, MethodSettings
from .evaluation import Evaluation, batch_scores, evaluate, evaluate_problem, method_settings, scores_of
from .normalization import NORMALIZATIONS, Normalization, check_normalization, normalise
from .problem import Problem, check_weights
from .registry import METHODS, REGISTRY, get_method
from .rules import TIE_TOLERANCE, RankTally, batch_ranks, chunks, constant_columns, first_place, rank_scores, tally_ranks

__all__ = [
    "Method",
    "MethodName",
    "MethodSettings",
    "Problem",
    "REGISTRY",
    "METHODS",
    "NORMALIZATIONS",
    "Normalization",
    "get_method",
    "check_normalization",
    "check_weights",
    "method_settings",
    "Evaluation",
    "evaluate",
    "evaluate_problem",
    "batch_scores",
    "scores_of",
    "normalise",
    "rank_scores",
    "batch_ranks",
    "RankTally",
    "tally_ranks",
    "first_place",
    "constant_columns",
    "chunks",
    "TIE_TOLERANCE",
    "AHP_SCALE_RATIO",
    "ahp_local_priorities",
    "RankAgreement",
    "rank_agreement",
]
