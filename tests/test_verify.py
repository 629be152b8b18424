"""decision verify: a fresh run verifies; any changed byte is caught and named."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import decision.run
from decision.cli import main


@pytest.fixture(scope="module")
def run_dir(bundled_run: Path) -> Path:
    """The shared run: ``decision appraise`` of a copy of the bundled project
    with its scenarios, in PROJECT/outputs/appraisal (see conftest)."""
    return bundled_run


def rerun_as_recorded(run_dir: Path) -> Any:
    """A stand-in for verify's re-run of the appraisal that gives the bytes of
    the untouched run, which is what a real re-run gives (as
    test_a_fresh_run_verifies checks). For tests of a file changed after the
    run: its recorded hash catches it before the re-run is compared."""
    def copy_run(project: Any, *, out: Path, **options: Any) -> None:
        shutil.copytree(run_dir, out)

    return copy_run


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
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The re-run is replaced by a copy of the untouched run (see rerun_as_recorded)."""
    monkeypatch.setattr(decision.run, "run", rerun_as_recorded(run_dir))
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
