"""decision verify: a fresh run verifies; any changed byte is caught and named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from decision.cli import main

from .conftest import ROOT


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    for name in ("appraisal.yaml", "criteria", "weights", "scenarios"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    code = main(["appraise", "--project", str(project), "--samples", "200", "--scenario",
                 str(project / "scenarios" / "exclude_internal.yaml")])
    assert code == 0
    return project / "outputs" / "appraisal"


def _copy(run_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the project and its run, so each test can damage it."""
    project = tmp_path / "p"
    shutil.copytree(run_dir.parents[1], project)
    return project / "outputs" / "appraisal"


def test_a_fresh_run_verifies(run_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(run_dir)]) == 0
    assert "reproduced byte for byte" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["rankings.csv", "results.json", "chart_scores.png", "sensitivity.json"])
def test_a_changed_output_byte_fails_naming_the_file(run_dir: Path, tmp_path: Path, name: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = _copy(run_dir, tmp_path)
    data = bytearray((out / name).read_bytes())
    data[len(data) // 2] ^= 0x01
    (out / name).write_bytes(bytes(data))
    assert main(["verify", str(out)]) == 1
    text = capsys.readouterr().out
    assert f"FAIL output {name}" in text


@pytest.mark.parametrize("name", ["criteria/evidence.yaml", "weights/schools.yaml", "scenarios/exclude_internal.yaml"])
def test_a_changed_input_byte_fails_naming_the_file(run_dir: Path, tmp_path: Path, name: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = _copy(run_dir, tmp_path)
    path = out.parents[1] / name
    path.write_bytes(path.read_bytes() + b"\n# changed\n")
    assert main(["verify", str(out)]) == 1
    text = capsys.readouterr().out
    assert "FAIL input" in text and name.split("/")[-1] in text


def test_not_a_run_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path)]) == 2
    assert "manifest.json is missing" in capsys.readouterr().err
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert main(["verify", str(tmp_path)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
