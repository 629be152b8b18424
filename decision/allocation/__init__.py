"""Share a budget between a project's units by its ranked factors: read the
project's allocation file and the unit table, compute shares and
penny-exact amounts, write the output folder and its manifest."""

from .compute import (
    AHP_JUDGEMENT,
    RULE_LABELS,
    RULES,
    Allocation,
    RuleWeights,
    ahp_ranking_matrix,
    allocate,
    format_pence,
    largest_remainder,
    parse_budget,
    proportions,
    rank_weights,
    unit_shares,
)
from .spec import ALLOCATION_FILE, AllocationSpec, Factor, load_allocation, ranked_factors, ranking_source, unit_key
from .table import UnitTable, read_table
from .write import ALLOCATION_FILES, allocation_document, write_allocation
from .runner import AllocationRun, allocation_command, run_allocation

__all__ = [
    "ALLOCATION_FILE",
    "RULES",
    "RULE_LABELS",
    "AHP_JUDGEMENT",
    "ALLOCATION_FILES",
    "AllocationSpec",
    "Factor",
    "UnitTable",
    "RuleWeights",
    "Allocation",
    "load_allocation",
    "unit_key",
    "rank_weights",
    "ahp_ranking_matrix",
    "proportions",
    "unit_shares",
    "largest_remainder",
    "parse_budget",
    "format_pence",
    "ranked_factors",
    "ranking_source",
    "read_table",
    "allocate",
    "allocation_document",
    "write_allocation",
    "AllocationRun",
    "allocation_command",
    "run_allocation",
]
