"""Display labels the command line prints for stakeholder-group ids (a
method's labels are facts of the method, in :mod:`decision.methods`)."""

from __future__ import annotations

__all__ = ["GROUP_LABELS"]

#: Stakeholder-group labels, by the group ids of the evidence files.
GROUP_LABELS = {"stls": "STLS", "internal": "Internal", "schools": "Schools"}
