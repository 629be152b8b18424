"""Write a folder of outputs all or nothing.

Files are written into a fresh temporary folder beside the destination and
moved into place only once every file is complete, so a failed run leaves
neither a partial folder nor a damaged previous run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import InputError

__all__ = ["publish", "check_writable"]


def publish(out: Path, write: Callable[[Path], None], *, marker: str, owned: Callable[[str], bool], what: str) -> Path:
    """Run ``write(staging_folder)`` and move the result to ``out``.

    ``out`` may not exist yet, may be empty, or may hold an earlier output of
    the same kind: it holds ``marker`` and only files for which ``owned``
    is true, so replacing it loses nothing of the user's. Any other existing
    folder is refused with an :class:`InputError` naming it (``what`` says
    what kind of output was expected).
    """
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            raise InputError("output path exists and is not a folder", file=str(out))
        names = {p.name for p in out.iterdir()}
        # Replacing the folder deletes what is in it: only ever replace our own files.
        foreign = sorted(n for n in names if not owned(n))
        if names and marker not in names:
            raise InputError(f"output folder is not empty and does not hold {what}; choose another --out",
                             file=str(out), value=sorted(names)[:10])
        if foreign:
            raise InputError(f"output folder holds {what} but also files that are not part of it: {foreign}; "
                             "move them or choose another --out", file=str(out), value=foreign)
    staging = _staging(out)
    try:
        write(staging)
        # mkdtemp makes a private folder (0700); the published folder gets the
        # permissions any folder the user creates gets, so colleagues sharing
        # the drive can open it.
        os.chmod(staging, 0o777 & ~_umask())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        retired.rmdir()
        out.rename(retired)
        staging.rename(out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(out)
    return out


def _umask() -> int:
    # The only portable way to read the umask is to set it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_writable(out: Path) -> None:
    """Refuse, before any work is done, an output folder that cannot be
    created: the nearest existing folder on its path must be a writable
    folder. Raises :class:`InputError` naming ``out`` and the reason."""
    out = Path(out)
    probe = out.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise InputError("cannot write the output folder here: a file stands where a folder must be; choose another --out",
                         file=str(out), value=str(probe))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise InputError("cannot write the output folder here: permission denied; choose another --out",
                         file=str(out), value=str(probe))


def _staging(out: Path) -> Path:
    """A fresh private folder beside ``out``; an unwritable location is the
    user's input, reported as such."""
    check_writable(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"cannot write the output folder here: {reason.lower()}; choose another --out",
                         file=str(out), value=str(exc.filename) if exc.filename is not None else None) from None
