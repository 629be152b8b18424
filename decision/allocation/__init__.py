"""Share a budget between districts by ranked funding factors: read the district table, compute shares and penny-exact amounts, write the output folder."""

from .compute import (
    AHP_JUDGEMENT,
    RULE_LABELS,
    RULES,
    Allocation,
    RuleWeights,
    ahp_ranking_matrix,
    allocate,
    district_shares,
    format_pence,
    largest_remainder,
    parse_budget,
    proportions,
    rank_weights,
)
from .districts import (
    FACTOR_COLUMNS,
    KENT_DISTRICTS,
    DistrictTable,
    Factor,
    ranked_factors,
    ranking_source,
    read_districts,
)
from .write import ALLOCATION_FILES, allocation_document, write_allocation

__all__ = [
    "KENT_DISTRICTS",
    "FACTOR_COLUMNS",
    "RULES",
    "RULE_LABELS",
    "AHP_JUDGEMENT",
    "ALLOCATION_FILES",
    "Factor",
    "DistrictTable",
    "RuleWeights",
    "Allocation",
    "rank_weights",
    "ahp_ranking_matrix",
    "proportions",
    "district_shares",
    "largest_remainder",
    "parse_budget",
    "format_pence",
    "ranked_factors",
    "ranking_source",
    "read_districts",
    "allocate",
    "allocation_document",
    "write_allocation",
]
