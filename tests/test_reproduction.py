"""Audit-grade reproduction: runs whose bytes do not depend on where they are
made, a date that survives the environment, a verify that names added and
removed inputs, folders that follow the umask, unwritable locations reported
as input errors, and allocations that carry a manifest."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from decision.cli import main
from decision.output.publish import publish

from .conftest import ROOT, CliRun, copy_project, run_cli_in

EXAMPLE = ROOT / "examples" / "library_review"
SYNTHETIC_TABLE = ROOT / "tests" / "data" / "districts_synthetic.csv"


def _copy_example(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest)
    return dest


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- 2: same inputs, any folders, any working directory: same bytes ------------------------------------


def test_the_bundled_run_does_not_depend_on_where_it_is_made(bundled_cli_run: CliRun, tmp_path: Path) -> None:
    # The shared run was made inside its project into the default folder; this
    # one from another working directory, into a folder far from the project.
    project = copy_project(tmp_path / "deep" / "er" / "copy", scenarios=True)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    out = tmp_path / "somewhere" / "else" / "run"
    argv = ("appraise", "--project", os.path.relpath(project, elsewhere), "--out", str(out),
            *bundled_cli_run.argv[1:])
    code, _, err = run_cli_in(elsewhere, argv)
    assert code == 0, err
    first, second = _files(bundled_cli_run.out), _files(out)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []  # PDF and workbook included
    for name, data in second.items():
        if name.endswith((".json", ".csv")):
            text = data.decode("utf-8")
            for local in (str(tmp_path), str(bundled_cli_run.project), "/tmp/"):
                assert local not in text, (name, local)
    manifest = json.loads(second["manifest.json"])
    assert manifest["command"] == "decision appraise --samples 300 --seed 0"
    assert manifest["project"] == "Future of the Specialist Teaching and Learning Service"  # its name, not a path


# -- 1: SOURCE_DATE_EPOCH recorded and used by verify ---------------------------------------------------


def test_a_run_dated_by_source_date_epoch_verifies_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    project = _copy_example(tmp_path / "project")
    out = tmp_path / "run"
    # 1,700,000,000 s after 1970-01-01 is 2023-11-14 22:13:20 UTC.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["appraise", "--project", str(project), "--samples", "30", "--out", str(out)]) == 0
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["appraisal_date"] == {"value": "2023-11-14", "source": "SOURCE_DATE_EPOCH"}
    assert "14 November 2023" in PdfReader(out / "appraisal.pdf").pages[0].extract_text()
    capsys.readouterr()
    assert main(["verify", str(out), "--project", str(project)]) == 0, capsys.readouterr().out
    assert "All" in capsys.readouterr().out


def test_an_undated_run_records_that_it_is_undated(bundled_run: Path) -> None:
    manifest = json.loads((bundled_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["appraisal_date"] == {"value": None, "source": "none"}


# -- 4: verify names added and removed inputs first -----------------------------------------------------


@pytest.fixture()
def run_copy(bundled_cli_run: CliRun, tmp_path: Path) -> Path:
    """A copy of the shared run's project, outputs included."""
    dest = tmp_path / "project"
    shutil.copytree(bundled_cli_run.project, dest)
    return dest


def _verify_lines(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["verify", str(folder)])
    return code, capsys.readouterr().out.splitlines()


def test_verify_names_an_added_input_before_anything_else(run_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (run_copy / "weights" / "equal.yaml").read_text(encoding="utf-8")
    (run_copy / "weights" / "equal_again.yaml").write_text(text.replace("name: equal", "name: equal_again", 1),
                                                          encoding="utf-8")
    code, lines = _verify_lines(run_copy / "outputs" / "appraisal", capsys)
    assert code == 1
    assert lines[0].startswith("Project:")
    assert lines[1].startswith("FAIL input  weights/equal_again.yaml: added")
    assert any("was not repeated" in line for line in lines)
    assert not any("re-run" in line for line in lines)  # nothing was re-run, so no output is blamed


def test_verify_names_a_removed_input_first(run_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (run_copy / "scenarios" / "cost_weight_half.yaml").unlink()
    code, lines = _verify_lines(run_copy / "outputs" / "appraisal", capsys)
    assert code == 1
    assert lines[1].startswith("FAIL input  scenario:scenarios/cost_weight_half.yaml: not_found")


def test_verify_of_a_moved_run_folder_needs_the_project(run_copy: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    moved = tmp_path / "moved"
    shutil.move(run_copy / "outputs" / "appraisal", moved)
    monkeypatch.chdir(tmp_path)  # no project here or above the folder
    capsys.readouterr()
    assert main(["verify", str(moved)]) == 2
    err = capsys.readouterr().err
    assert "cannot find the project" in err and "--project" in err and str(moved) in err


# -- 5: published folders follow the umask --------------------------------------------------------------


@pytest.mark.parametrize("mask, mode", [(0o022, 0o755), (0o002, 0o775), (0o077, 0o700)])
def test_a_published_folder_has_the_mode_the_umask_gives(tmp_path: Path, mask: int, mode: int) -> None:
    old = os.umask(mask)
    try:
        out = publish(tmp_path / "out", lambda d: (d / "a.txt").write_text("x"), marker="a.txt",
                      owned=lambda n: n == "a.txt", what="a test folder")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert stat.S_IMODE((out / "a.txt").stat().st_mode) == mode & 0o666


# -- 6: an unwritable output location is the user's input -----------------------------------------------


def test_an_output_folder_under_a_file_exits_2_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import decision.run as run_module

    # The check comes before the appraisal: loading the project must not even start.
    monkeypatch.setattr(run_module, "load_project", lambda root: pytest.fail("the project was loaded"))
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    out = blocker / "run"
    assert main(["appraise", "--project", str(EXAMPLE), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(out) in err[0] and "a file stands where a folder must be" in err[0]
    assert "Traceback" not in err[0]


def test_dev_null_as_output_parent_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["appraise", "--project", str(EXAMPLE), "--out", "/dev/null/x"]) == 2
    err = capsys.readouterr().err
    assert "/dev/null/x" in err and "cannot write the output folder" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind the superuser")
def test_a_read_only_parent_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        assert main(["appraise", "--project", str(EXAMPLE), "--out", str(ro / "x")]) == 2
    finally:
        ro.chmod(0o755)
    assert "permission denied" in capsys.readouterr().err


# -- 7: an allocation carries a manifest and verifies ---------------------------------------------------


def test_an_allocation_verifies_and_names_a_changed_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    table = project / "districts.csv"
    shutil.copy(SYNTHETIC_TABLE, table)
    with contextlib.chdir(project):
        assert main(["allocate", "--table", "districts.csv", "--budget", "1000"]) == 0
    out = project / "outputs" / "allocation"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "allocation"
    assert manifest["command"] == "decision allocate --table districts.csv --rule roc --budget 1000.00"
    assert set(manifest["outputs"]) == {"allocation.csv", "allocation.json", "chart_allocation.png"}
    assert "table:districts.csv" in manifest["inputs"] and "criteria/allocation.yaml" in manifest["inputs"]
    code, lines = _verify_lines(out, capsys)
    assert code == 0, lines
    table.write_text(table.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    code, lines = _verify_lines(out, capsys)
    assert code == 1
    assert lines[1].startswith("FAIL input  table:districts.csv: changed")


# -- 11: the manifest names the document the evidence transcribes ---------------------------------------


def test_the_manifest_names_the_source_document(bundled_run: Path) -> None:
    import hashlib

    import yaml

    declared = yaml.safe_load((ROOT / "criteria" / "evidence.yaml").read_text(encoding="utf-8"))["source"]
    manifest = json.loads((bundled_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source"] == {"title": declared["title"], "file": declared["file"], "sha256": declared["sha256"]}
    report = ROOT.parent / "shared" / "seed" / declared["file"]
    if report.is_file():  # beside the checkout where the report is at hand
        assert hashlib.sha256(report.read_bytes()).hexdigest() == manifest["source"]["sha256"]
