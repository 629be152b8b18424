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

__all__ = ["RunInfo", "MANIFEST", "DEPENDENCIES", "manifest_document", "manifest_frame"]

MANIFEST = "manifest.json"
DEPENDENCIES = ("numpy", "pandas", "pydantic", "networkx", "pymcdm", "scipy", "SALib", "matplotlib", "reportlab", "openpyxl", "PyYAML", "rich")


@dataclass(frozen=True)
class RunInfo:
    """What is needed to reproduce a run, recorded in its manifest."""

    project: str  # the project's own name: never a path, so no output depends on where it lives
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


def manifest_frame(*, kind: str, command: str, project: str, parameters: dict[str, Any], digest: InputDigest,
                   folder: Path, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """What every output folder's manifest.json holds, whatever wrote it:
    its kind, the engine and library versions, the command that reproduces
    it (typed in the project's folder), the project's name, the parameters,
    the SHA-256 of every input and of every file in ``folder``. No
    wall-clock time and no local path."""
    from ..version import __version__
    from ..project.audit import sha256_file

    outputs = {p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.name != MANIFEST}
    return {
        "kind": kind,
        "engine": {"name": "decision", "version": __version__},
        "python": platform.python_version(),
        "dependencies": {d: _version(d) for d in DEPENDENCIES},
        "command": command,
        "project": project,
        **(extra or {}),
        "parameters": parameters,
        "inputs": dict(digest.files),
        "input_digest": digest.combined,
        "outputs": outputs,
    }


def manifest_document(appraisal: Appraisal, info: RunInfo, folder: Path) -> dict[str, Any]:
    """The content of an appraisal's manifest.json (see :func:`manifest_frame`)."""
    from ..weights import RANDOM_INDEX_NAMES
    from .tables import source_document

    s = appraisal.project.settings
    doc = manifest_frame(
        kind="appraisal", command=info.command, project=info.project, digest=info.digest, folder=folder,
        # The date's value and source, so that verify re-runs with the same
        # date whether or not SOURCE_DATE_EPOCH is set where it runs.
        # The document the evidence transcribes, as declared: `decision
        # evidence --against FILE` checks the transcription against it.
        extra={"source": source_document(appraisal.project.source),
               "scenarios": list(info.scenarios), "appraisal_date": appraisal.date.as_json(),
               "random_index_table": RANDOM_INDEX_NAMES[s.random_index]},
        parameters={
            "samples": info.samples,
            "seed": info.seed,
            "dirichlet_concentration": info.concentration,
            "prior_strength": s.scoring.prior_strength,
            "pooling": s.scoring.pooling,
            "none_statements": s.scoring.none_statements,
            "sum_tolerance": s.scoring.sum_tolerance,
            "topsis_normalization": s.topsis_normalization,
            "vikor_v": s.vikor_v,
        })
    return doc
