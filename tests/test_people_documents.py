"""Weights from people reach the documents: the PDF and the workbook show how
each weight set was obtained and the spread between respondents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from decision.cli import main

from .conftest import ROOT


def test_respondent_spread_in_pdf_and_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pypdf = pytest.importorskip("pypdf")
    openpyxl = pytest.importorskip("openpyxl")
    for name in ("appraisal.yaml", "criteria", "weights"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    assert main(["weights", "import", str(ROOT / "examples" / "respondents_example.csv"), "--project", str(tmp_path),
                 "--weight-set", "panel"]) == 0
    assert main(["appraise", "--project", str(tmp_path), "--samples", "100", "--scenario",
                 str(ROOT / "scenarios" / "exclude_stls.yaml")]) == 0
    capsys.readouterr()
    out = tmp_path / "outputs" / "appraisal"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out / "appraisal.pdf").pages)
    assert "Respondents behind the panel weights" in text
    assert "Spread of the panel weights between respondents" in text
    assert "Respondent B" in text and "Harker" in text
    sheet = openpyxl.load_workbook(out / "appraisal.xlsx")["Weights"]
    first_column = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "Respondents behind panel (aij)" in first_column
    assert "Spread of panel" in first_column
