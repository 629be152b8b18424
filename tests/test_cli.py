"""The command line: ``decision evidence`` and ``decision appraise``.

Exit codes: 0 success, 2 invalid input (message on stderr naming the file,
no traceback), 1 internal error (short message and the path of a saved
traceback). Output folders are written all or nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

import decision.appraisal
import decision.output
import decision.run
from decision.cli import main
from decision.output import run_files

from .conftest import CliRun, copy_project, run_cli_in

RUN_FILES = run_files(["commissioners", "equal", "schools", "stls"])
#: Monte Carlo samples for runs whose numbers no assertion reads: the fewest
#: the command line takes (these tests are about the command and its folder).
FEW = "1"

ROOT = Path(__file__).resolve().parents[1]




@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def break_percent(project: Path, value: Any = 120) -> Path:
    """Set the first item percent of sections[1] to ``value``; return the file."""
    path = project / "criteria" / "evidence.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sections"][1]["items"][0]["percent"] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(parent: Path) -> list[str]:
    """Staging or retired folders the writer should have cleaned up."""
    return sorted(p.name for p in parent.iterdir() if p.name.endswith((".partial", ".old")))


def write_copy_of(run_folder: Path) -> Any:
    """A stand-in for the step that writes a run's files (tables, charts, PDF,
    workbook): it copies a real run's files, bar the manifest, into the
    staging folder. For tests about the output folder only; the manifest and
    the all-or-nothing publishing stay real."""
    def copy_files(appraisal: Any, folder: Path, command: str | None, *rest: Any) -> None:
        for p in sorted(run_folder.iterdir()):
            if p.name != decision.output.MANIFEST:
                shutil.copy2(p, folder / p.name)

    return copy_files


# ----------------------------------------------------------------- evidence


def _section(doc: list[dict[str, Any]], option: int, stakeholder: str, category: str) -> dict[str, Any]:
    found = [s for s in doc if (s["option"], s["stakeholder"], s["category"]) == (option, stakeholder, category)]
    assert len(found) == 1, (option, stakeholder, category)
    return found[0]


def test_evidence_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evidence", "--project", ROOT, "--json")
    assert code == 0, err
    assert err == ""
    doc = json.loads(out)
    assert isinstance(doc, list)
    assert len(doc) == 42
    for s in doc:
        assert {"option", "stakeholder", "category", "comments", "items"} <= set(s)
        assert s["option"] in (1, 2, 3, 4)
        assert s["stakeholder"] in ("stls", "internal", "schools")
        assert s["category"] in ("advantages", "disadvantages", "benefits", "risks")
        assert s["items"]
        for item in s["items"]:
            assert {"theme", "percent"} <= set(item)
    # The report's numbers, reproduced: 139 printed percentages, 37 stated counts.
    percents = [i["percent"] for s in doc for i in s["items"] if i["percent"] is not None]
    assert len(percents) == 139
    assert sum(1 for s in doc if s["comments"] is not None) == 37
    # Every section once.
    assert len({(s["option"], s["stakeholder"], s["category"]) for s in doc}) == 42

    s = _section(doc, 1, "schools", "disadvantages")
    assert s["comments"] == 71
    assert s["figure"] == 7
    assert [i["percent"] for i in s["items"]] == [41, 25, 6, 4, 7, 8, 1, 1, 1, 3, 3]
    assert [i["theme"] for i in s["items"]][:3] == ["training_support", "inclusion", "council_finance"]

    s = _section(doc, 2, "stls", "advantages")
    assert s["comments"] is None
    assert [i["percent"] for i in s["items"]] == [20, 20, 20, 13, 7, 7, 7, 7]
    assert s["comments_inferred"] == 15

    s = _section(doc, 3, "stls", "disadvantages")
    assert s["comments"] == 22
    codes = {f["code"] for f in s["flags"]}
    assert {"sum_out_of_tolerance", "percent_impossible"} <= codes

    s = _section(doc, 1, "stls", "advantages")
    assert s["comments"] == 2
    assert [(i["theme"], i["percent"]) for i in s["items"]] == [("council_finance", 100)]

    # Analyst-coded items keep a null percent and say so.
    s = _section(doc, 1, "internal", "advantages")
    assert [(i["percent"], i["count"], i["coded"]) for i in s["items"]] == [(None, 1, "analyst")]


def test_evidence_json_matches_source_file(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON gives every section and item of evidence.yaml, in order, unchanged."""
    source = yaml.safe_load((ROOT / "criteria" / "evidence.yaml").read_text(encoding="utf-8"))["sections"]
    code, out, _ = run(capsys, "evidence", "--project", ROOT, "--json")
    assert code == 0
    doc = json.loads(out)
    assert [(s["option"], s["stakeholder"], s["category"], s["comments"]) for s in doc] == [
        (s["option"], s["stakeholder"], s["category"], s["comments"]) for s in source
    ]
    assert [[(i["theme"], i["percent"]) for i in s["items"]] for s in doc] == [
        [(i["theme"], i["percent"]) for i in s["items"]] for s in source
    ]


def test_evidence_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evidence", "--project", ROOT)
    assert code == 0, err
    assert "42 sections" in out
    assert "Option 3 / STLS / disadvantages" in out
    assert "(22 comments" in out
    assert "sum to 90" in out                     # the sum_out_of_tolerance flag
    assert "shares are impossible" in out         # the percent_impossible flag
    assert "inferred 15" in out                   # option 2 / STLS / advantages
    assert "data-quality warnings" in out


# ----------------------------------------------------------------- appraise


def test_appraise_writes_every_output(bundled_cli_run: CliRun) -> None:
    """The shared run (``decision appraise`` of a copy of the bundled project,
    exit code 0, see conftest) wrote every output."""
    out_dir = bundled_cli_run.out
    out = bundled_cli_run.stdout
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(RUN_FILES)
    assert leftovers(out_dir.parent) == []
    doc = json.loads((out_dir / "results.json").read_text(encoding="utf-8"))
    rankings = doc["rankings"]
    assert isinstance(rankings, list)
    assert len(rankings) == 4 * 5  # four weight sets x five methods
    assert {r["weight_set"] for r in rankings} == {"commissioners", "equal", "schools", "stls"}
    for r in rankings:
        assert {"weight_set", "method", "scores", "ranks"} <= set(r)
        assert sorted(r["scores"]) == ["1", "2", "3", "4"]
        assert sorted(r["ranks"]) == ["1", "2", "3", "4"]
        assert all(isinstance(v, float) for v in r["scores"].values())
        assert min(r["ranks"].values()) == 1
    for name in RUN_FILES:
        if name.endswith(".csv"):
            lines = (out_dir / name).read_text(encoding="utf-8").splitlines()
            assert len(lines) >= 2, name  # a header and at least one row
    assert "Results written to" in out


def test_appraise_default_out_folder(project_dir: Path, monkeypatch: pytest.MonkeyPatch, bundled_run: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """About where the files go only: the writing step copies the shared run's
    files (see write_copy_of)."""
    monkeypatch.setattr(decision.output, "_write_all", write_copy_of(bundled_run))
    code, _, err = run(capsys, "appraise", "--samples", FEW, "--project", project_dir)
    assert code == 0, err
    out_dir = project_dir / "outputs" / "appraisal"
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(RUN_FILES)


def test_appraise_twice_is_byte_identical(bundled_cli_run: CliRun) -> None:
    """The first run is the shared one; the same command is run again in the
    same place, replacing it."""
    out_dir = bundled_cli_run.out
    first = folder_bytes(out_dir)
    code, _, err = run_cli_in(bundled_cli_run.project, bundled_cli_run.argv)
    assert code == 0, err
    second = folder_bytes(out_dir)
    assert sorted(first) == sorted(RUN_FILES)
    for name in RUN_FILES:
        assert first[name] == second[name], f"{name} differs between two runs"
    assert leftovers(out_dir.parent) == []


@pytest.mark.parametrize("command", ["evidence", "appraise"])
def test_bad_input_exits_2(project_dir: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    bad = break_percent(project_dir)
    argv: list[str | Path] = [command, "--project", project_dir]
    if command == "appraise":
        argv += ["--out", tmp_path / "out"]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert str(bad) in err
    assert "sections[1].items[0].percent" in err
    assert "120" in err
    assert "Traceback" not in err and "Traceback" not in out
    assert err.startswith("decision: error: ")
    assert err.count("\n") == 1  # one paragraph
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("appraisal.yaml", "name: x\nscoring: [\n"),
        ("criteria/themes.yaml", "- not a mapping\n"),
        ("weights/equal.yaml", "name: equal\nlabel: x\nprovenance: assumed\nprovenance_note: x\nsource: {kind: direct, weights: {a: 1}}\n"),
    ],
    ids=["malformed-yaml", "top-level-list", "unknown-criterion"],
)
def test_other_bad_inputs_exit_2(project_dir: Path, tmp_path: Path, rel: str, text: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    (project_dir / rel).write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "appraise", "--samples", "300", "--project", project_dir, "--out", tmp_path / "out")
    assert code == 2
    assert str(project_dir / rel) in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_inconsistent_judgements_exit_2(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_dir / "weights" / "commissioners.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["source"]["matrix"][0][4] = "1/9"
    data["source"]["matrix"][4][0] = 9
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, _, err = run(capsys, "appraise", "--samples", "300", "--project", project_dir, "--out", tmp_path / "out")
    assert code == 2
    assert str(path) in err
    assert "consistency ratio" in err and "allow_inconsistent" in err
    assert "Traceback" not in err


def test_missing_project_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "evidence", "--project", tmp_path / "nowhere")
    assert code == 2
    assert str(tmp_path / "nowhere") in err
    assert "Traceback" not in err


def test_failed_appraise_keeps_previous_run(project_dir: Path, tmp_path: Path, bundled_run: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The previous run is a copy of the shared run."""
    out_dir = tmp_path / "out"
    shutil.copytree(bundled_run, out_dir)
    before = folder_bytes(out_dir)

    break_percent(project_dir, -1)
    code, _, err = run(capsys, "appraise", "--samples", "300", "--project", project_dir, "--out", out_dir)
    assert code == 2
    assert "Traceback" not in err
    assert folder_bytes(out_dir) == before
    assert leftovers(tmp_path) == []


def test_failure_while_writing_leaves_nothing(project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              bundled_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fault half-way through writing leaves neither a partial folder nor a
    damaged previous run (a copy of the shared run)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    out_dir = tmp_path / "out"

    def half_write(appraisal: Any, folder: Path, command: str | None) -> None:
        (folder / "results.json").write_text("{}", encoding="utf-8")
        raise RuntimeError("disk full")

    monkeypatch.setattr(decision.output, "_write_all", half_write)
    code, _, err = run(capsys, "appraise", "--samples", FEW, "--project", project_dir, "--out", out_dir)
    assert code == 1
    assert "Traceback" not in err
    assert not out_dir.exists()
    assert leftovers(tmp_path) == []

    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    shutil.copytree(bundled_run, out_dir)
    before = folder_bytes(out_dir)
    monkeypatch.setattr(decision.output, "_write_all", half_write)
    code, _, err = run(capsys, "appraise", "--samples", FEW, "--project", project_dir, "--out", out_dir)
    assert code == 1
    assert folder_bytes(out_dir) == before
    assert leftovers(tmp_path) == []


def test_out_folder_not_a_previous_run_exits_2(project_dir: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "mine"
    out_dir.mkdir()
    (out_dir / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "appraise", "--samples", FEW, "--project", project_dir, "--out", out_dir)
    assert code == 2
    assert str(out_dir) in err
    assert "Traceback" not in err
    assert [p.name for p in out_dir.iterdir()] == ["notes.txt"]
    assert (out_dir / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert leftovers(tmp_path) == []


def test_out_folder_with_foreign_files_is_not_a_previous_run(project_dir: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A results.json alone does not make a folder a previous run: the other files would be lost."""
    out_dir = tmp_path / "mine"
    out_dir.mkdir()
    (out_dir / "results.json").write_text("{}", encoding="utf-8")
    (out_dir / "thesis.docx").write_bytes(b"precious")
    code, _, err = run(capsys, "appraise", "--samples", FEW, "--project", project_dir, "--out", out_dir)
    assert code == 2
    assert str(out_dir) in err
    assert folder_bytes(out_dir) == {"results.json": b"{}", "thesis.docx": b"precious"}
    assert leftovers(tmp_path) == []


def test_out_path_is_a_file_exits_2(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "results"
    target.write_text("not a folder", encoding="utf-8")
    code, _, err = run(capsys, "appraise", "--samples", FEW, "--project", project_dir, "--out", target)
    assert code == 2
    assert str(target) in err
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_empty_out_folder_is_accepted(project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      bundled_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """About the output folder only: the writing step copies the shared run's
    files (see write_copy_of)."""
    monkeypatch.setattr(decision.output, "_write_all", write_copy_of(bundled_run))
    out_dir = tmp_path / "empty"
    out_dir.mkdir()
    code, _, err = run(capsys, "appraise", "--samples", FEW, "--project", project_dir, "--out", out_dir)
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(RUN_FILES)


def test_internal_error_exits_1(project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "tmp"
    saved.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(saved))

    def boom(project: Any, *, date: Any = None) -> Any:
        raise RuntimeError("something broke inside")

    monkeypatch.setattr(decision.run, "appraise", boom)
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "appraise", "--samples", "300", "--project", project_dir, "--out", out_dir)
    assert code == 1
    assert "Traceback" not in err and "Traceback" not in out
    assert "internal error" in err
    assert "RuntimeError" in err and "something broke inside" in err
    assert err.count("\n") == 1
    assert not out_dir.exists()
    files = list(saved.glob("decision-traceback-*.txt"))
    assert len(files) == 1
    assert str(files[0]) in err
    saved_text = files[0].read_text(encoding="utf-8")
    assert "Traceback" in saved_text and "something broke inside" in saved_text


def test_no_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2
    assert "evidence" in out and "appraise" in out


def test_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["apprase"])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_unknown_command_runs_nothing(project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    ran: list[object] = []
    monkeypatch.setattr(decision.run, "run", lambda *a, **k: ran.append(a))
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SystemExit) as info:
        main(["apprase", "--project", str(project_dir)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "apprase" in err and "Traceback" not in err
    assert ran == []
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (project_dir / "outputs").exists()


def test_command_without_a_handler_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A command the parser knows but nothing runs is an error, not an appraisal."""
    import argparse

    import decision.cli.entry
    from decision.cli.parser import build_parser

    def with_extra() -> argparse.ArgumentParser:
        parser = build_parser()
        subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        subs.add_parser("frobnicate")
        return parser

    ran: list[object] = []
    monkeypatch.setattr(decision.run, "run", lambda *a, **k: ran.append(a))
    monkeypatch.setattr(decision.cli.entry, "build_parser", with_extra)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "frobnicate")
    assert code == 2
    assert "frobnicate" in err and "appraise" in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert ran == [] and list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------- start-up


def test_import_cli_is_light() -> None:
    code = (
        "import sys, json\n"
        "import decision.cli\n"
        "heavy = ['pymcdm', 'pandas', 'reportlab', 'networkx']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_help_runs_without_heavy_imports() -> None:
    proc = subprocess.run([sys.executable, "-m", "decision.cli", "--help"], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "evidence" in proc.stdout and "appraise" in proc.stdout
    code = (
        "import sys, json, contextlib, io\n"
        "from decision.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps([m for m in ('pymcdm', 'pandas', 'reportlab', 'networkx') if m in sys.modules]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
