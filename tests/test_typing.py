"""The package is typed (py.typed) and must stay mypy-clean under --strict."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: mypy's incremental cache, kept between test sessions (one per checkout) so
#: unchanged modules and the third-party stubs are not analysed again; mypy
#: rechecks every changed module and whatever depends on it, and reports the
#: errors of the whole package either way.
CACHE = Path(tempfile.gettempdir()) / f"decision-mypy-cache-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}"


def test_mypy_strict_is_clean() -> None:
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(CACHE), str(ROOT / "decision")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
