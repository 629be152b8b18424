"""Evidence: check the themed consultation evidence for arithmetic and
labelling defects before anything is scored, and check the transcription
against the text of the document it was taken from.

Public names: :func:`check_evidence`, :class:`EvidenceCheck`,
:class:`QualityFlag`, :func:`percent_possible`, :func:`smallest_consistent_count`,
:func:`check_against`, :class:`SourceCheck`.
"""

from .against import SourceCheck, check_against
from .check import EvidenceCheck, QualityFlag, check_evidence, percent_possible, smallest_consistent_count

__all__ = ["check_evidence", "EvidenceCheck", "QualityFlag", "percent_possible", "smallest_consistent_count",
           "check_against", "SourceCheck"]
