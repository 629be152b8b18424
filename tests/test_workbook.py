"""The Excel workbook: expected sheets, no formula injection, deterministic bytes."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "=HYPERLINK(\"http://x\",\"y\") & <b>ŵ</b>"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, Any]:
    import decision
    from decision.project.audit import digest_inputs
    from decision.sensitivity import analyse

    root = tmp_path_factory.mktemp("wb") / "project"
    root.mkdir()
    shutil.copy2(ROOT / "appraisal.yaml", root / "appraisal.yaml")
    shutil.copytree(ROOT / "criteria", root / "criteria")
    shutil.copytree(ROOT / "weights", root / "weights")
    themes = root / "criteria" / "themes.yaml"
    data = yaml.safe_load(themes.read_text(encoding="utf-8"))
    for t in data["themes"]:
        if t["id"] == "lift":
            t["label"] = HOSTILE
        if t["id"] == "pupil_behaviour":
            t["label"] = "-1 behaviour"
        if t["id"] == "transition":
            t["label"] = "@transitions"
        if t["id"] == "multi_agency":
            t["label"] = "+multi-agency"
    themes.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    project = decision.load_project(root)
    appraisal = decision.appraise(project)
    report = analyse(appraisal, samples=500)
    return appraisal, report, digest_inputs(project)


def _write(built: tuple[Any, Any, Any], path: Path) -> Path:
    from decision.output.workbook import write_workbook

    appraisal, report, digest = built
    return write_workbook(appraisal, report, path, digest=digest, command="=cmd +x -y @z")


@pytest.fixture(scope="module")
def book(built: tuple[Any, Any, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One workbook written from ``built``, shared by the tests that read it."""
    return _write(built, tmp_path_factory.mktemp("book") / "a.xlsx")


def test_workbook_has_the_expected_sheets(book: Path) -> None:
    from decision.output.workbook import SHEETS

    wb = openpyxl.load_workbook(book)
    assert tuple(wb.sheetnames) == SHEETS
    for name in ("Evidence", "Criteria map", "Scores", "Scores by group", "Weights", "Consistency", "Rankings",
                 "Switching values", "SMAA", "Scenarios", "Audit"):
        ws = wb[name]
        assert ws.max_row > 1, name
        assert ws.freeze_panes is not None, name
        assert all(c.font.bold for c in ws[1] if c.value is not None), name
    scores = wb["Scores"]
    assert scores.cell(2, 3).number_format == "0.0"
    assert isinstance(scores.cell(2, 3).value, float)


def test_no_text_cell_starts_like_a_formula(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    seen_hostile = False
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str):
                    assert not v.startswith(("=", "+", "-", "@")), (ws.title, cell.coordinate, v)
                    assert cell.data_type != "f", (ws.title, cell.coordinate)
                    seen_hostile |= v == "'" + HOSTILE
    assert seen_hostile


def test_two_writes_are_byte_identical(built: tuple[Any, Any, Any], book: Path, tmp_path: Path) -> None:
    """The first write is the shared one (``book``)."""
    a = book.read_bytes()
    b = _write(built, tmp_path / "b.xlsx").read_bytes()
    assert a == b
    with zipfile.ZipFile(book) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    wb = openpyxl.load_workbook(book)
    assert wb.properties.created.year == 2000 and wb.properties.modified.year == 2000
