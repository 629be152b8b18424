"""The options appraisal report as a PDF (reportlab lives only in this package).

:func:`write_pdf` builds an A4 report a decision committee can read and an
auditor can check: title page, contents, executive summary, context, method,
evidence, results, sensitivity, equalities, risks, recommendation and
appendices (the full evidence, every weight matrix and the audit record).
The same inputs give a byte-identical file.

reportlab is imported only when :func:`write_pdf` is called, so
:mod:`decision.report.facts` can be used without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..appraisal import Appraisal
    from ..project.audit import InputDigest
    from ..sensitivity import SensitivityReport

from .files import REPORT_FILE, THEME_MAP_CHART

__all__ = ["write_pdf", "REPORT_FILE", "THEME_MAP_CHART"]


def write_pdf(
    appraisal: "Appraisal",
    report: "SensitivityReport",
    path: str | Path,
    *,
    digest: "InputDigest",
    command: str,
    chart_dir: str | Path,
    draw_theme_map: bool = True,
) -> Path:
    """Write the options appraisal report to ``path``.

    Parameters
    ----------
    appraisal
        The appraisal (:func:`decision.appraise`).
    report
        Its sensitivity analysis (:func:`decision.sensitivity.analyse`).
    path
        The PDF file to write.
    digest
        Fingerprint of the input files (:func:`decision.audit.digest_inputs`).
    command
        The command line that reproduces the run, printed in the audit record.
    chart_dir
        Folder holding the charts written by
        :func:`decision.output.sensitivity.write_sensitivity`; the theme map
        chart (``chart_theme_map.png``) is written there too.
    draw_theme_map
        False when the theme map is already in ``chart_dir`` (drawn from
        :func:`decision.report.document.theme_map_job` alongside the other charts).

    Returns
    -------
    Path
        ``path``.
    """
    from .document import build_pdf, pinned_timestamp, write_theme_map

    # The chart is drawn first, as its own step: composing the text only reads the chart folder.
    if draw_theme_map:
        write_theme_map(appraisal, Path(chart_dir))
    with pinned_timestamp(appraisal.date.value):
        return build_pdf(appraisal, report, Path(path), digest=digest, command=command, chart_dir=Path(chart_dir))
