"""The bundled appraisal's outputs as text, for comparing a run with the
fixture in ``tests/data/golden`` (captured before the engine was restructured;
the restructuring must not change a number or a word of them).

Run as a script to (re)capture: ``python -m tests.golden OUT_FOLDER``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
SAMPLES = 300
SEED = 0
COMMAND = "decision appraise --samples 300 --seed 0"
#: Files compared byte for byte after the engine version is blanked.
TEXT_FILES = (
    "performance_matrix.csv", "performance_by_group.csv", "weights.csv", "rankings.csv",
    "evidence_contributions.csv", "data_quality.csv", "switching_values.csv", "score_switching.csv",
    "smaa_rank_acceptability.csv", "smaa_central_weights.csv", "method_robustness.csv", "rank_reversal.csv",
    "sobol.csv", "scenarios.csv", "results.json", "sensitivity.json",
)
_VERSION = re.compile(r'("version"\s*:\s*)"[^"]*"')


def normalise(name: str, text: str) -> str:
    """Blank what may legitimately differ: the engine's version string."""
    return _VERSION.sub(r'\1"*"', text) if name.endswith(".json") else text


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n\f\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def workbook_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"== {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else repr(v) for v in row))
    return "\n".join(lines) + "\n"


def texts(folder: Path) -> dict[str, str]:
    """Every compared output of a run folder, as normalised text."""
    out = {name: normalise(name, (folder / name).read_text(encoding="utf-8")) for name in TEXT_FILES}
    out["appraisal.pdf.txt"] = pdf_text(folder / "appraisal.pdf")
    out["appraisal.xlsx.txt"] = workbook_text(folder / "appraisal.xlsx")
    return out


def capture(folder: Path) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, text in texts(folder).items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
    (GOLDEN / "README.md").write_text(
        "Outputs of the bundled appraisal (`" + COMMAND + "`), as text, compared by\n"
        "`tests/test_golden.py`. JSON files have the engine version blanked; the PDF\n"
        "and workbook are stored as their extracted text.\n", encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from decision.run import run

    dest = Path(sys.argv[1])
    run(Path(__file__).resolve().parents[1], out=dest, samples=SAMPLES, seed=SEED, scenario_files=None, command=COMMAND)
    capture(dest)
    print(json.dumps(sorted(p.name for p in GOLDEN.iterdir())))
