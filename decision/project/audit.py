"""Fingerprints of a run's inputs: SHA-256 of each input file and one short
identifier of them all, for the title page, the manifest and reproduction."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Mapping

from ..errors import InputError
from ..model import Project

__all__ = ["InputDigest", "digest_inputs", "sha256_file", "sha256_bytes", "appraisal_date"]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def sha256_bytes(raw: bytes) -> str:
    """SHA-256 of ``raw``, as lower-case hexadecimal (the form a project declares a source's digest in)."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class InputDigest:
    """Per-file SHA-256 (paths relative to the project) and a combined digest."""

    files: Mapping[str, str]
    combined: str

    @property
    def short(self) -> str:
        return self.combined[:12]


def digest_inputs(project: Project, *, extra: Mapping[str, Path] | None = None) -> InputDigest:
    """Hash every input file of ``project`` (and any ``extra`` files, such as scenarios)."""
    root = Path(project.root)
    files = {rel: sha256_file(root / rel) for rel in project.files}
    for name, path in (extra or {}).items():
        files[name] = sha256_file(path)
    ordered = dict(sorted(files.items()))
    combined = hashlib.sha256("".join(f"{k}\0{v}\n" for k, v in ordered.items()).encode("utf-8")).hexdigest()
    return InputDigest(files=ordered, combined=combined)


def appraisal_date(configured: date | None) -> date | None:
    """The date printed on outputs: the appraisal's own date if set, else
    SOURCE_DATE_EPOCH if set, else None. Never the wall clock."""
    if configured is not None:
        return configured
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return None
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise InputError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970", field="SOURCE_DATE_EPOCH", value=epoch) from None
