"""Weights: AHP (with Harker's completion), rank rules, weight sets, elicitation logic, respondents and weight files."""

# The weight-file modules (schema, files) need pydantic and are imported by the loader only.
from .aggregation import Aggregate, GroupResult, RespondentResult, aggregate_respondents, summary_lines, weight_document
from .ahp import CR_LIMIT, RANDOM_INDEX, RANDOM_INDEX_NAMES, AHPResult, ahp_priorities
from .completion import HarkerCompletion, components, geometric_consistency_index, harker_complete, known_consistency_ratio
from .judgements import SCALE, VERBAL, implied_by_others, inconsistency_guidance, nearest_scale_value, parse_judgement
from .ranks import RANK_RULES, rank_sum_weights, rank_weights, reciprocal_weights, roc_weights
from .respondents import RespondentRow, pair_key, read_respondents
from .sets import WeightSet, weigh

__all__ = [
    "RANDOM_INDEX",
    "RANDOM_INDEX_NAMES",
    "CR_LIMIT",
    "AHPResult",
    "ahp_priorities",
    "HarkerCompletion",
    "components",
    "harker_complete",
    "known_consistency_ratio",
    "geometric_consistency_index",
    "RANK_RULES",
    "roc_weights",
    "rank_sum_weights",
    "reciprocal_weights",
    "rank_weights",
    "WeightSet",
    "weigh",
    "SCALE",
    "VERBAL",
    "parse_judgement",
    "nearest_scale_value",
    "inconsistency_guidance",
    "implied_by_others",
    "RespondentRow",
    "pair_key",
    "read_respondents",
    "Aggregate",
    "RespondentResult",
    "GroupResult",
    "aggregate_respondents",
    "weight_document",
    "summary_lines",
]
