"""Fingerprints of a run's inputs: SHA-256 of each input file and one short
identifier of them all, for the title page, the manifest and reproduction."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal, Mapping

from ..errors import InputError
from ..model import Project

__all__ = ["InputDigest", "digest_inputs", "sha256_file", "appraisal_date", "AppraisalDate", "DateSource", "resolve_date", "sha256_bytes"]

#: Where an appraisal's date came from: the project settings, the
#: SOURCE_DATE_EPOCH environment variable, or nowhere (undated).
DateSource = Literal["settings", "SOURCE_DATE_EPOCH", "none"]


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


@dataclass(frozen=True, slots=True)
class AppraisalDate:
    """The date printed on a run's outputs and where it came from. The
    manifest records both, so that ``verify`` re-runs with the same date
    whatever the environment it runs in."""

    value: date | None
    source: DateSource

    def __post_init__(self) -> None:
        if (self.value is None) != (self.source == "none"):
            raise ValueError(f"an appraisal date from {self.source!r} must {'not ' if self.source == 'none' else ''}have a value")

    def as_json(self) -> dict[str, str | None]:
        return {"value": self.value.isoformat() if self.value is not None else None, "source": self.source}


def resolve_date(configured: date | None, environ: Mapping[str, str] | None = None) -> AppraisalDate:
    """The appraisal's date: its own date if set, else SOURCE_DATE_EPOCH if
    set (``environ`` defaults to the process environment), else undated.
    Never the wall clock, so that a run is reproducible."""
    if configured is not None:
        return AppraisalDate(configured, "settings")
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return AppraisalDate(None, "none")
    try:
        return AppraisalDate(datetime.fromtimestamp(int(epoch), tz=timezone.utc).date(), "SOURCE_DATE_EPOCH")
    except (ValueError, OverflowError, OSError):
        raise InputError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970", field="SOURCE_DATE_EPOCH", value=epoch) from None


def appraisal_date(configured: date | None) -> date | None:
    """The date :func:`resolve_date` gives, without its source."""
    return resolve_date(configured).value
