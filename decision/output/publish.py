"""Write a folder of outputs all or nothing.

Files are written into a fresh temporary folder beside the destination and
moved into place only once every file is complete, so a failed run leaves
neither a partial folder nor a damaged previous run.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import InputError

__all__ = ["publish"]


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
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    try:
        write(staging)
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
