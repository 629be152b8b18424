"""Verify a run: are its inputs unchanged, and does re-running the appraisal
from them reproduce every output file byte for byte?"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .project.audit import sha256_file
from .errors import InputError

__all__ = ["FileCheck", "Verification", "verify"]

Status = Literal["match", "differs", "missing", "unexpected", "changed", "not_found"]


@dataclass(frozen=True)
class FileCheck:
    """One file's verdict. Inputs: match / changed / not_found. Outputs:
    match / differs (not as recorded, or not as re-run) / missing / unexpected."""

    kind: Literal["input", "output"]
    name: str
    status: Status
    detail: str = ""


@dataclass(frozen=True)
class Verification:
    checks: tuple[FileCheck, ...]
    rerun: bool

    @property
    def ok(self) -> bool:
        return all(c.status == "match" for c in self.checks)


def _manifest(folder: Path) -> dict[str, Any]:
    from .output import MANIFEST

    path = folder / MANIFEST
    if not folder.is_dir():
        raise InputError("not a folder", file=str(folder))
    if not path.is_file():
        raise InputError("not a run folder: manifest.json is missing", file=str(path))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"manifest is not valid JSON ({exc})", file=str(path)) from None
    required = {"command": str, "project": str, "scenarios": list, "parameters": dict, "inputs": dict, "outputs": dict}
    if not isinstance(doc, dict):
        raise InputError("manifest must hold a JSON object", file=str(path))
    for key, kind in required.items():
        if not isinstance(doc.get(key), kind):
            raise InputError(f"manifest key is missing or not a {kind.__name__}", file=str(path), field=key, value=doc.get(key))
    params = doc["parameters"]
    for key in ("samples", "seed"):
        if not isinstance(params.get(key), int):
            raise InputError("manifest parameter is missing or not a whole number", file=str(path), field=f"parameters.{key}", value=params.get(key))
    return doc


def verify(folder: str | Path) -> Verification:
    """Check a run folder against its manifest and a fresh re-run.

    Raises
    ------
    InputError
        If the folder is not a valid run (no or malformed manifest).
    """
    from .output import MANIFEST
    from .run import run

    out = Path(folder)
    doc = _manifest(out)
    project = (out / doc["project"]).resolve()
    checks: list[FileCheck] = []
    for rel, recorded in sorted(doc["inputs"].items()):
        path = project / rel.removeprefix("scenario:")
        if not path.is_file():
            checks.append(FileCheck("input", rel, "not_found", str(path)))
        elif sha256_file(path) != recorded:
            checks.append(FileCheck("input", rel, "changed", "SHA-256 differs from the manifest"))
        else:
            checks.append(FileCheck("input", rel, "match"))
    present = {p.name for p in out.iterdir() if p.is_file() and p.name != MANIFEST}
    for name, recorded in sorted(doc["outputs"].items()):
        if name not in present:
            checks.append(FileCheck("output", name, "missing"))
        elif sha256_file(out / name) != recorded:
            checks.append(FileCheck("output", name, "differs", "SHA-256 differs from the manifest"))
    for name in sorted(present - set(doc["outputs"])):
        checks.append(FileCheck("output", name, "unexpected", "not listed in the manifest"))
    if any(c.kind == "input" and c.status != "match" for c in checks):
        return Verification(checks=tuple(checks), rerun=False)
    with tempfile.TemporaryDirectory(prefix="decision-verify-") as tmp:
        again = Path(tmp) / "run"
        run(project, out=again, samples=doc["parameters"]["samples"], seed=doc["parameters"]["seed"],
            scenario_files=[project / s for s in doc["scenarios"]], command=doc["command"])
        done = {c.name for c in checks if c.kind == "output"}
        for name in sorted(doc["outputs"]):
            if name in done:
                continue
            fresh = again / name
            if not fresh.is_file():
                checks.append(FileCheck("output", name, "differs", "the re-run did not produce this file"))
            elif (out / name).read_bytes() != fresh.read_bytes():
                checks.append(FileCheck("output", name, "differs", "the re-run produced different bytes"))
            else:
                checks.append(FileCheck("output", name, "match"))
        for p in sorted(again.iterdir()):
            if p.name != MANIFEST and p.name not in doc["outputs"]:
                checks.append(FileCheck("output", p.name, "missing", "the re-run produced it but the run folder lacks it"))
    return Verification(checks=tuple(checks), rerun=True)
