"""Verify an output folder: are its inputs the ones it was made from, no
more and no fewer, and does re-running from them reproduce every output file
byte for byte? Covers every folder that carries a manifest.json: appraisal
and sensitivity runs, and allocations."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .project.audit import AppraisalDate, InputDigest, sha256_file

__all__ = ["FileCheck", "Verification", "verify", "find_project"]

Status = Literal["match", "differs", "missing", "unexpected", "changed", "not_found", "added", "invalid"]

#: Input verdicts in the order they are reported: what is new or gone first.
_INPUT_ORDER = {"added": 0, "not_found": 1, "invalid": 2, "changed": 3, "match": 4}
_KINDS = ("appraisal", "allocation")
_PROJECT_FILE = "appraisal.yaml"


@dataclass(frozen=True, slots=True)
class FileCheck:
    """One file's verdict. Inputs: match / changed / not_found (recorded
    but gone) / added (read now but not recorded) / invalid (the project
    no longer loads). Outputs: match / differs (not as recorded, or not as
    re-run) / missing / unexpected."""

    kind: Literal["input", "output"]
    name: str
    status: Status
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Verification:
    """Every file's verdict, whether the run was repeated, and the project
    folder the inputs were read from."""

    checks: tuple[FileCheck, ...]
    rerun: bool
    project: Path

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
    if not isinstance(doc, dict):
        raise InputError("manifest must hold a JSON object", file=str(path))
    kind = doc.get("kind", "appraisal")
    if kind not in _KINDS:
        raise InputError(f"manifest kind must be one of {', '.join(_KINDS)}", file=str(path), field="kind", value=kind)
    required: dict[str, type] = {"command": str, "project": str, "parameters": dict, "inputs": dict, "outputs": dict}
    if kind == "appraisal":
        required["scenarios"] = list
    for key, typ in required.items():
        if not isinstance(doc.get(key), typ):
            raise InputError(f"manifest key is missing or not a {typ.__name__}", file=str(path), field=key, value=doc.get(key))
    params = doc["parameters"]
    wanted: dict[str, type] = {"samples": int, "seed": int} if kind == "appraisal" else {"table": str, "rule": str}
    for key, typ in wanted.items():
        if not isinstance(params.get(key), typ):
            raise InputError(f"manifest parameter is missing or not a {'whole number' if typ is int else 'text'}",
                             file=str(path), field=f"parameters.{key}", value=params.get(key))
    return doc


def find_project(folder: Path, doc: dict[str, Any], given: str | Path | None) -> Path:
    """The project a run folder was made from: ``given``, else the nearest
    folder above the run holding a project (the default output folders live
    inside the project), else the current folder."""
    if given is not None:
        root = Path(given)
        if not (root / _PROJECT_FILE).is_file():
            raise InputError(f"not a project folder: {_PROJECT_FILE} is missing", file=str(root), field="--project")
        return root.resolve()
    legacy = folder / doc["project"]  # manifests before portable paths recorded a relative path
    found: list[Path] = [c.resolve() for c in (*folder.resolve().parents, Path.cwd(), legacy) if (c / _PROJECT_FILE).is_file()]
    # Prefer the folder whose project file is the one recorded: a run written
    # outside its project must not be checked against some other project.
    recorded = doc["inputs"].get(_PROJECT_FILE)
    for candidate in found:
        if sha256_file(candidate / _PROJECT_FILE) == recorded:
            return candidate
    if found:
        return found[0]
    raise InputError("cannot find the project this folder was made from (no folder above it holds "
                     f"{_PROJECT_FILE}); name it with --project", file=str(folder), field="project", value=doc["project"])


def _recorded_date(doc: dict[str, Any]) -> AppraisalDate | None:
    """The date the manifest records, or None to resolve it afresh (older manifests)."""
    d = doc.get("appraisal_date")
    if not isinstance(d, dict):
        return None
    try:
        value = date.fromisoformat(d["value"]) if d.get("value") is not None else None
        return AppraisalDate(value, d.get("source", "none"))
    except (TypeError, ValueError):
        raise InputError("manifest appraisal date must hold an ISO date and its source", field="appraisal_date",
                         value=d) from None


def _current_inputs(project: Path, doc: dict[str, Any]) -> InputDigest:
    """The inputs a re-run would read now, keyed as the manifest keys them."""
    from .project.loader import load_project
    from .project.audit import digest_inputs

    loaded = load_project(project)
    if doc.get("kind", "appraisal") == "allocation":
        from .allocation.spec import ALLOCATION_FILE
        from .allocation.runner import TABLE_KEY

        extra = {ALLOCATION_FILE: project / ALLOCATION_FILE,
                 TABLE_KEY + doc["parameters"]["table"]: project / doc["parameters"]["table"]}
    else:
        extra = {"scenario:" + s: project / s for s in doc["scenarios"]}
    return digest_inputs(loaded, extra={k: p for k, p in extra.items() if p.is_file()})


def _input_checks(project: Path, doc: dict[str, Any]) -> list[FileCheck]:
    checks: list[FileCheck] = []
    recorded: dict[str, str] = doc["inputs"]
    for rel, sha in sorted(recorded.items()):
        path = project / rel.split(":", 1)[-1] if rel.startswith(("scenario:", "table:")) else project / rel
        if not path.is_file():
            checks.append(FileCheck("input", rel, "not_found", "recorded in the manifest but not in the project"))
        elif sha256_file(path) != sha:
            checks.append(FileCheck("input", rel, "changed", "SHA-256 differs from the manifest"))
        else:
            checks.append(FileCheck("input", rel, "match"))
    try:
        now = _current_inputs(project, doc)
    except InputError as exc:
        checks.append(FileCheck("input", exc.file or "project", "invalid", f"the project does not load: {exc}"))
    else:
        for rel in sorted(set(now.files) - set(recorded)):
            checks.append(FileCheck("input", rel, "added", "read by a run now but not recorded in the manifest"))
    return sorted(checks, key=lambda c: _INPUT_ORDER[c.status])


def _output_checks(out: Path, doc: dict[str, Any]) -> tuple[list[FileCheck], set[str]]:
    from .output import MANIFEST

    checks: list[FileCheck] = []
    present = {p.name for p in out.iterdir() if p.is_file() and p.name != MANIFEST}
    for name, recorded in sorted(doc["outputs"].items()):
        if name not in present:
            checks.append(FileCheck("output", name, "missing"))
        elif sha256_file(out / name) != recorded:
            checks.append(FileCheck("output", name, "differs", "SHA-256 differs from the manifest"))
    for name in sorted(present - set(doc["outputs"])):
        checks.append(FileCheck("output", name, "unexpected", "not listed in the manifest"))
    return checks, {c.name for c in checks}


def _rerun(project: Path, doc: dict[str, Any], again: Path) -> None:
    params = doc["parameters"]
    if doc.get("kind", "appraisal") == "allocation":
        from .allocation.runner import run_allocation

        run_allocation(project, table=project / params["table"], rule=params["rule"],
                       budget_pence=params.get("budget_pence"), out=again)
        return
    from .run import run

    run(project, out=again, samples=params["samples"], seed=params["seed"],
        scenario_files=[project / s for s in doc["scenarios"]], command=doc["command"], date=_recorded_date(doc))


def verify(folder: str | Path, *, project: str | Path | None = None) -> Verification:
    """Check an output folder against its manifest and a fresh re-run.

    Inputs are checked first: a file the manifest records that is gone or
    changed, or a file a run would read now that the manifest does not
    record, stops the check before the re-run (and is reported first).

    Parameters
    ----------
    folder
        The output folder (holds manifest.json).
    project
        The project folder; by default the nearest folder above ``folder``
        holding a project, else the current folder.

    Raises
    ------
    InputError
        If the folder is not a valid output folder (no or malformed
        manifest), or the project cannot be found.
    """
    from .output import MANIFEST

    out = Path(folder)
    doc = _manifest(out)
    root = find_project(out, doc, project)
    inputs = _input_checks(root, doc)
    outputs, done = _output_checks(out, doc)
    checks = inputs + outputs
    if any(c.status != "match" for c in inputs):
        return Verification(checks=tuple(checks), rerun=False, project=root)
    with tempfile.TemporaryDirectory(prefix="decision-verify-") as tmp:
        again = Path(tmp) / "run"
        _rerun(root, doc, again)
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
                checks.append(FileCheck("output", p.name, "missing", "the re-run produced it but the folder lacks it"))
    return Verification(checks=tuple(checks), rerun=True, project=root)
