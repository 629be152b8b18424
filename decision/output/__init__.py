"""Write a run's files, all or nothing.

Files are written into a fresh temporary folder beside the destination and
moved into place only once every file is complete, so a failed run leaves
neither a partial folder nor a damaged previous run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..appraisal import Appraisal
from .manifest import MANIFEST, RunInfo, manifest_document
from .publish import publish
from .tables import OUTPUT_FILES, evidence_document, results_document, safe_cell, write_tables

if TYPE_CHECKING:
    from ..sensitivity import Progress, SensitivityReport

#: The appraisal document and workbook (see decision.report and decision.output.workbook).
DOCUMENT_FILES = ("appraisal.pdf", "appraisal.xlsx", "chart_theme_map.png")

__all__ = ["write_results", "results_document", "evidence_document", "safe_cell", "OUTPUT_FILES", "is_run_file", "run_files", "MANIFEST", "manifest_document", "RunInfo"]

_CHART = re.compile(r"^chart_[a-z0-9_]+\.png$")


def is_run_file(name: str) -> bool:
    """Whether a file name is one a run writes (so replacing it loses nothing)."""
    from .sensitivity import SENSITIVITY_FILES

    return (name in OUTPUT_FILES or name in SENSITIVITY_FILES or name in DOCUMENT_FILES or name == MANIFEST
            or bool(_CHART.match(name)))


def run_files(weight_sets: list[str]) -> tuple[str, ...]:
    """Every file a run with sensitivity analysis writes, for these weight sets."""
    from .sensitivity import SENSITIVITY_FILES, chart_names

    return (*OUTPUT_FILES, *SENSITIVITY_FILES, *chart_names(weight_sets), *DOCUMENT_FILES, MANIFEST)


def _write_all(appraisal: Appraisal, folder: Path, command: str | None, sensitivity: "SensitivityReport | None" = None,
               info: "RunInfo | None" = None, progress: "Progress | None" = None) -> None:
    write_tables(appraisal, folder, command)
    if sensitivity is not None:
        from ..project.audit import digest_inputs
        from ..report import REPORT_FILE, write_pdf
        from ..report.document import theme_map_job
        from ..report.drawing import start_charts
        from ..workers import Background
        from .workbook import WORKBOOK_FILE, write_workbook
        from .sensitivity import sensitivity_charts, write_sensitivity_tables

        step = progress or (lambda stage: None)
        digest = info.digest if info is not None else digest_inputs(appraisal.project)
        cmd = command or (info.command if info is not None else "decision appraise")
        step("drawing charts")
        # The charts are drawn in worker processes while this one writes the
        # tables; the PDF embeds them. The workbook needs no chart: it is
        # written in another process while this one builds the PDF.
        with start_charts([*sensitivity_charts(appraisal, sensitivity, folder), theme_map_job(appraisal, folder)]):
            write_sensitivity_tables(appraisal, sensitivity, folder)
        step("writing the workbook")
        with Background(write_workbook, appraisal, sensitivity, folder / WORKBOOK_FILE, digest=digest, command=cmd):
            step("writing the PDF")
            write_pdf(appraisal, sensitivity, folder / REPORT_FILE, digest=digest, command=cmd, chart_dir=folder,
                      draw_theme_map=False)


def write_results(appraisal: Appraisal, out: Path, *, command: str | None = None,
                  sensitivity: "SensitivityReport | None" = None, info: "RunInfo | None" = None,
                  progress: "Progress | None" = None) -> Path:
    """Write every output file into ``out``, all or nothing.

    ``out`` may not exist yet, may be empty, or may hold a previous run
    (recognised by its results.json and holding only files a run writes),
    which is replaced only after the new run is complete. Any other existing
    folder is refused. ``progress`` is called with a short description as
    each long step starts (drawing charts, writing the workbook, the PDF).
    """
    def write(staging: Path) -> None:
        if sensitivity is None:
            _write_all(appraisal, staging, command)
        else:
            _write_all(appraisal, staging, command, sensitivity, info, progress)
        if info is not None:
            doc = manifest_document(appraisal, info, staging)
            (staging / MANIFEST).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")

    # _write_all is looked up at call time so that tests can replace it.
    return publish(Path(out), write, marker="results.json", owned=is_run_file, what="a previous run")
