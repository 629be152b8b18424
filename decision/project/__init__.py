"""Project: read and validate a project folder's input files (YAML through
pydantic models) into frozen objects, and fingerprint them for the audit record.

Public names: :func:`load_project`, :func:`load_scenario`, :func:`load_weight_file`,
:func:`digest_inputs`, :class:`InputDigest`.
"""

from .audit import InputDigest, digest_inputs
from .loader import load_project, load_scenario, load_weight_file

__all__ = ["load_project", "load_scenario", "load_weight_file", "digest_inputs", "InputDigest"]
