"""The synthetic second example (``examples/library_review/``), end to end.

The example is an invented county library review with its own groups
(residents, library staff), options, criteria, themes and weight sets. It is
run once through the command line, as a user would, and its outputs are
checked for completeness and for naming only the example's own groups: the
engine must carry nothing of the bundled project into another one.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

from decision.cli import main
from decision.output import run_files

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "library_review"
COMMAND = ("appraise", "--project", str(EXAMPLE), "--samples", "50")

WEIGHT_SETS = ("budget_panel", "service_led")
GROUPS = ("residents", "staff")
GROUP_LABELS = ("Residents", "Library staff")
#: The bundled project's group ids and labels, which must not reach the example's outputs.
BUNDLED_GROUPS = ("stls", "internal", "schools", "STLS", "Internal", "Schools")


@dataclass(frozen=True)
class ExampleRun:
    """One run of the example: exit code, what was printed, the output
    folder, and the PDF's text (collected so that assertions on the report's
    wording can be added)."""

    code: int
    stdout: str
    stderr: str
    out: Path
    pdf_text: str


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> ExampleRun:
    out = tmp_path_factory.mktemp("library_review") / "appraisal"
    with contextlib.redirect_stdout(io.StringIO()) as so, contextlib.redirect_stderr(io.StringIO()) as se:
        code = main([*COMMAND, "--out", str(out)])
    pdf_text = ""
    if (out / "appraisal.pdf").is_file():
        pypdf = pytest.importorskip("pypdf")
        pdf_text = "\n\f\n".join(page.extract_text() or "" for page in pypdf.PdfReader(out / "appraisal.pdf").pages)
    # Shown with the test report when an assertion fails (and under -s).
    print(pdf_text)
    return ExampleRun(code=code, stdout=so.getvalue(), stderr=se.getvalue(), out=out, pdf_text=pdf_text)


def _strings(value: Any) -> Iterator[str]:
    """Every string value (not key) in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_run_succeeds(example_run: ExampleRun) -> None:
    assert example_run.code == 0, example_run.stderr
    assert "Synthetic example" in example_run.stdout


def test_every_output_file_is_written(example_run: ExampleRun) -> None:
    written = {p.name for p in example_run.out.iterdir()}
    assert written == set(run_files(list(WEIGHT_SETS)))
    # The per-weight-set charts carry the example's own weight-set names.
    for name in WEIGHT_SETS:
        assert {f"chart_sweep_{name}.png", f"chart_tornado_{name}.png"} <= written
    for name in ("results.json", "sensitivity.json", "appraisal.pdf", "appraisal.xlsx", "manifest.json",
                 "performance_matrix.csv", "performance_by_group.csv", "rankings.csv", "scenarios.csv"):
        assert (example_run.out / name).stat().st_size > 0, name


def test_three_options_ranked_under_both_weight_sets(example_run: ExampleRun) -> None:
    results = json.loads((example_run.out / "results.json").read_text(encoding="utf-8"))
    assert [o["id"] for o in results["options"]] == [1, 2, 3]
    assert {w["name"] for w in results["weight_sets"]} == set(WEIGHT_SETS)
    topsis = {r["weight_set"]: r for r in results["rankings"] if r["method"] == "topsis"}
    assert set(topsis) == set(WEIGHT_SETS)
    for ranking in results["rankings"]:
        assert set(ranking["ranks"]) == {"1", "2", "3"}
        assert sorted(ranking["ranks"].values())[0] == 1


def test_ahp_weight_set_is_consistent(example_run: ExampleRun) -> None:
    results = json.loads((example_run.out / "results.json").read_text(encoding="utf-8"))
    panel = next(w for w in results["weight_sets"] if w["name"] == "budget_panel")
    assert panel["kind"] == "ahp"
    assert panel["ahp"]["cr"] < 0.10


def test_hand_worked_cell(example_run: ExampleRun) -> None:
    # Option 1, access. Residents: for 40% + 15% of 120 comments = 66, against
    # 34% of 64 = 21.76, so f = 44.24 / 89.76. Staff: for 30% of 40 = 12, none
    # against, so f = 12 / 14. Equal voice, then 50 + 50 f.
    f = (44.24 / 89.76 + 12 / 14) / 2
    rows = {r["option"]: r for r in _csv_rows(example_run.out / "performance_matrix.csv")}
    assert float(rows["1"]["access"]) == pytest.approx(50 + 50 * f, abs=1e-5)


def test_outputs_name_only_the_example_groups(example_run: ExampleRun) -> None:
    out = example_run.out
    for name in ("performance_by_group.csv", "evidence_contributions.csv"):
        assert {r["stakeholder"] for r in _csv_rows(out / name)} == set(GROUPS), name
    wheres = {r["where"].split(" / ")[-1] for r in _csv_rows(out / "data_quality.csv")}
    assert wheres <= set(GROUPS)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in results["context"]["stakeholders"]] == list(GROUPS)
    assert [s["name"] for s in results["context"]["stakeholders"]] == list(GROUP_LABELS)
    sensitivity = json.loads((out / "sensitivity.json").read_text(encoding="utf-8"))
    assert [d["exclude_groups"] for d in sensitivity["scenarios"]["definitions"]] == [["staff"]]
    # No value anywhere in the tables or JSON files is one of the bundled groups.
    for path in sorted(out.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            cells = {cell for row in csv.reader(fh) for cell in row}
        assert not cells & set(BUNDLED_GROUPS), path.name
    for path in sorted(out.glob("*.json")):
        values = set(_strings(json.loads(path.read_text(encoding="utf-8"))))
        assert not values & set(BUNDLED_GROUPS), path.name


def test_pdf_text_is_collected(example_run: ExampleRun) -> None:
    assert "Synthetic example" in example_run.pdf_text
    for label in GROUP_LABELS:
        assert label in example_run.pdf_text


def test_the_documents_say_nothing_of_the_bundled_case(example_run: ExampleRun) -> None:
    from openpyxl import load_workbook

    words = re.compile(r"(?<![A-Za-z])(?:(?i:stls|schools?|kent|high needs|ehcp|senco|service level agreements?)|SEND|SLAs?|LIFT)(?![A-Za-z])")
    book = load_workbook(example_run.out / "appraisal.xlsx", read_only=True)
    cells = " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    for name, text in (("appraisal.pdf", example_run.pdf_text), ("appraisal.xlsx", cells)):
        found = sorted({m.group(0) for m in words.finditer(text)})
        assert not found, f"{name} speaks of the bundled case: {found}"
