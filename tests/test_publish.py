"""Refusing an output folder: the message says what the folder holds and
names the files that are not part of a previous run."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision.errors import InputError
from decision.output.publish import publish

OWNED = {"results.json", "weights.csv"}


def _write(folder: Path) -> None:
    (folder / "results.json").write_text("{}", encoding="utf-8")


def _publish(out: Path) -> Path:
    return publish(out, _write, marker="results.json", owned=lambda n: n in OWNED, what="a previous run")


def test_previous_run_with_foreign_files_names_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("results.json", "weights.csv", "notes.txt", "a draft.docx"):
        (out / name).write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _publish(out)
    message = str(caught.value)
    assert "holds a previous run but also files that are not part of it" in message
    assert "does not hold" not in message
    assert "['a draft.docx', 'notes.txt']" in message
    assert caught.value.value == ["a draft.docx", "notes.txt"]
    assert sorted(p.name for p in out.iterdir()) == ["a draft.docx", "notes.txt", "results.json", "weights.csv"]


def test_folder_without_a_run_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="does not hold a previous run"):
        _publish(out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_previous_run_alone_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("old", encoding="utf-8")
    (out / "weights.csv").write_text("old", encoding="utf-8")
    _publish(out)
    assert sorted(p.name for p in out.iterdir()) == ["results.json"]
    assert (out / "results.json").read_text(encoding="utf-8") == "{}"
