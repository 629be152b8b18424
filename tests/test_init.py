"""``decision init``: the starter project it writes runs as it stands, and it
never writes into a folder that holds files or leaves half a project."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import decision
from decision.cli import project as project_cli
from decision.cli.starter import STARTER_FILES

from .conftest import run_cli_in


def test_init_then_appraise_ranks_the_options(tmp_path: Path) -> None:
    code, out, err = run_cli_in(tmp_path, ("init", "starter"))
    assert code == 0, err
    root = tmp_path / "starter"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) == sorted(STARTER_FILES)
    code, out, err = run_cli_in(tmp_path, ("appraise", "--project", "starter", "--samples", "20"))
    assert code == 0, err
    results = json.loads((root / "outputs" / "appraisal" / "results.json").read_text(encoding="utf-8"))
    options = {o["id"] for o in results["options"]}
    assert len(options) >= 2
    assert results["rankings"], "no rankings written"
    for r in results["rankings"]:
        # Every option gets a rank between 1 and the number of options, and
        # the preferred options are those ranked first.
        assert {int(k) for k in r["ranks"]} == options
        assert all(1 <= rank <= len(options) for rank in r["ranks"].values())
        assert set(r["preferred"]) == {int(k) for k, rank in r["ranks"].items() if rank == 1}


def test_starter_project_declares_what_the_brief_promises(tmp_path: Path) -> None:
    project_cli.init_project(tmp_path / "p")
    p = decision.load_project(tmp_path / "p")
    assert len(p.options) >= 2
    assert p.group_ids == ("residents", "staff")
    assert len(p.criteria.criteria) == 3
    assert len(p.weight_specs) == 1
    # The optional files are left out, so the project lists only what exists.
    assert "criteria/questions.yaml" not in p.files and "criteria/agreed_points.yaml" not in p.files
    assert p.questions == () and p.agreed_points == ()
    # Every file explains itself.
    for rel, text in STARTER_FILES.items():
        assert text.lstrip().startswith("#"), rel


def test_init_writes_into_an_existing_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run_cli_in(tmp_path, ("init", "empty"))
    assert code == 0, err
    assert (tmp_path / "empty" / "appraisal.yaml").is_file()


def test_init_writes_into_the_current_folder_when_it_is_empty(tmp_path: Path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    code, _, err = run_cli_in(here, ("init", "."))
    assert code == 0, err
    assert sorted(str(p.relative_to(here)) for p in here.rglob("*") if p.is_file()) == sorted(STARTER_FILES)


def test_init_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, out, err = run_cli_in(tmp_path, ("init", "busy"))
    assert code == 2
    assert err.count("\n") == 1 and "already holds files" in err and "busy" in err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code, _, err = run_cli_in(tmp_path, ("init", "afile"))
    assert code == 2 and err.count("\n") == 1 and "a file of that name exists" in err


@pytest.mark.parametrize("exists", [False, True], ids=["new folder", "empty folder"])
def test_init_writes_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool) -> None:
    if exists:
        (tmp_path / "half").mkdir()
    written: list[Path] = []
    real_write = Path.write_text

    def fail_on_third(self: Path, *args: object, **kwargs: object) -> int:
        if len(written) == 2:
            raise OSError("disk full")
        written.append(self)
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", fail_on_third)
    with pytest.raises(OSError, match="disk full"):
        project_cli.init_project(tmp_path / "half")
    monkeypatch.undo()
    if exists:
        assert list((tmp_path / "half").iterdir()) == [], "the staging folder was left behind"
    else:
        assert list(tmp_path.iterdir()) == [], "the staging folder was left behind"


def test_init_into_an_empty_folder_undoes_a_failed_move(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    real_replace = os.replace
    calls: list[object] = []

    def fail_on_second(src: Any, dst: Any) -> None:
        calls.append(src)
        if len(calls) == 2:
            raise OSError("device went away")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_second)
    with pytest.raises(OSError, match="device went away"):
        project_cli.init_project(target)
    monkeypatch.undo()
    assert len(calls) == 2
    assert list(target.iterdir()) == []
