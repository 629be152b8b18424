"""The run manifest: what reproduces a run (:class:`RunInfo`) and the content
of manifest.json (hashes of every input and output file, versions,
parameters and seeds)."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..appraisal import Appraisal
from ..project.audit import InputDigest

__all__ = ["RunInfo", "MANIFEST", "DEPENDENCIES", "manifest_document"]

MANIFEST = "manifest.json"
DEPENDENCIES = ("numpy", "pandas", "pydantic", "networkx", "pymcdm", "scipy", "SALib", "matplotlib", "reportlab", "openpyxl", "PyYAML", "rich")


@dataclass(frozen=True)
class RunInfo:
    """What is needed to reproduce a run, recorded in its manifest."""

    project: str
    scenarios: tuple[str, ...]
    samples: int
    seed: int
    concentration: float
    command: str
    digest: InputDigest


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def manifest_document(appraisal: Appraisal, info: RunInfo, folder: Path) -> dict[str, Any]:
    """The content of manifest.json: hashes of every input and output file,
    versions, parameters and seeds. No wall-clock time."""
    from ..version import __version__
    from ..project.audit import sha256_file
    from ..weights import RANDOM_INDEX_NAMES

    s = appraisal.project.settings
    outputs = {p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.name != MANIFEST}
    return {
        "engine": {"name": "decision", "version": __version__},
        "python": platform.python_version(),
        "dependencies": {d: _version(d) for d in DEPENDENCIES},
        "command": info.command,
        "project": info.project,
        "scenarios": list(info.scenarios),
        "parameters": {
            "samples": info.samples,
            "seed": info.seed,
            "dirichlet_concentration": info.concentration,
            "prior_strength": s.scoring.prior_strength,
            "pooling": s.scoring.pooling,
            "none_statements": s.scoring.none_statements,
            "sum_tolerance": s.scoring.sum_tolerance,
            "topsis_normalization": s.topsis_normalization,
            "vikor_v": s.vikor_v,
        },
        "random_index_table": RANDOM_INDEX_NAMES[s.random_index],
        "appraisal_date": s.date.isoformat() if s.date else None,
        "inputs": dict(info.digest.files),
        "input_digest": info.digest.combined,
        "outputs": outputs,
    }
