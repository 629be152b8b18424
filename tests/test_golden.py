"""The bundled appraisal's outputs are unchanged: every CSV, results.json,
sensitivity.json and the text of the PDF and the workbook equal the fixture
captured before the engine was restructured (see tests/golden.py)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from .golden import GOLDEN, texts


def test_outputs_equal_the_fixture(bundled_run: Path) -> None:
    got = texts(bundled_run)
    expected_names = sorted(p.name for p in GOLDEN.iterdir() if p.name != "README.md")
    assert sorted(got) == expected_names
    for name in expected_names:
        want = (GOLDEN / name).read_text(encoding="utf-8")
        if got[name] != want:
            diff = "\n".join(list(difflib.unified_diff(want.splitlines(), got[name].splitlines(), "fixture", "run", lineterm=""))[:40])
            pytest.fail(f"{name} differs from the fixture:\n{diff}")
