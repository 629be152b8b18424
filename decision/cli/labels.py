"""Display labels the command line prints for method and stakeholder-group ids."""

from __future__ import annotations

__all__ = ["METHOD_LABELS", "GROUP_LABELS"]

#: The command line's own method labels (the report's differ, e.g. "AHP
#: synthesis"); kept in this one place so they can be replaced in one line.
METHOD_LABELS = {"topsis": "TOPSIS", "ahp": "AHP", "vikor": "VIKOR", "promethee_ii": "PROMETHEE II", "wsm": "Weighted sum"}
#: Stakeholder-group labels, by the group ids of the evidence files.
GROUP_LABELS = {"stls": "STLS", "internal": "Internal", "schools": "Schools"}
