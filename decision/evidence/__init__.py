"""Evidence: check the themed consultation evidence for arithmetic and
labelling defects before anything is scored.

Public names: :func:`check_evidence`, :class:`EvidenceCheck`,
:class:`QualityFlag`, :func:`percent_possible`, :func:`smallest_consistent_count`.
"""

from .check import EvidenceCheck, QualityFlag, check_evidence, percent_possible, smallest_consistent_count

__all__ = ["check_evidence", "EvidenceCheck", "QualityFlag", "percent_possible", "smallest_consistent_count"]
