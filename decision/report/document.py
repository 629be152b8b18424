"""Write the report: the theme-map chart it adds to the chart folder, then the PDF itself."""

from __future__ import annotations

import calendar
import os
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..version import __version__
from .facts import criterion_names, theme_map, uk_date
from .drawing import ChartJob, draw_chart
from .files import THEME_MAP_CHART
from .pdf import FONT, Builder, ReportDoc, register_fonts, register_mono, toc
from .sections import compose

if TYPE_CHECKING:
    from ..appraisal import Appraisal
    from ..project.audit import InputDigest
    from ..sensitivity import SensitivityReport

__all__ = ["write_theme_map", "theme_map_job", "build_pdf", "pinned_timestamp"]


def theme_map_job(appraisal: "Appraisal", chart_dir: Path) -> ChartJob:
    """The theme-to-criterion map to draw into ``chart_dir`` (the report places it in section 3.2)."""
    p = appraisal.project
    names = criterion_names(p)
    crit = [c.id for c in p.criteria.criteria]
    rows = theme_map(appraisal)
    return ChartJob("theme_map_chart", chart_dir / THEME_MAP_CHART, dict(
        title="Evidence themes, the criteria they feed and the goal",
        themes=[(label, crit.index(c) if c in crit else None) for _, label, c, _ in rows],
        targets=[names[c] for c in crit], goal=p.criteria.goal_name, unscored="Not scored"), cost=1.2)


def write_theme_map(appraisal: "Appraisal", chart_dir: Path) -> Path:
    """Draw the theme-to-criterion map into ``chart_dir``."""
    return draw_chart(theme_map_job(appraisal, chart_dir))


def build_pdf(
    appraisal: "Appraisal",
    report: "SensitivityReport",
    path: Path,
    *,
    digest: "InputDigest",
    command: str,
    chart_dir: Path,
) -> Path:
    """Build the report from the charts in ``chart_dir`` (see :func:`decision.report.write_pdf`)."""
    register_fonts()
    register_mono()
    p = appraisal.project
    when = uk_date(appraisal.date.value)
    b = Builder(chart_dir)
    compose(b, appraisal, report, digest=digest, command=command, date_text=when, toc=toc(b.styles))
    running = (p.settings.name, f"Options appraisal · input {digest.short}", f"decision {__version__}", when)
    meta = dict(title=p.settings.name, author=f"decision {__version__}", subject="Options appraisal",
                creator=f"decision {__version__}", producer=f"decision {__version__} (ReportLab)", invariant=1,
                displayDocTitle=1, lang="en-GB", initialFontName=FONT, initialFontSize=9)
    story = b.finish()
    doc = ReportDoc(str(path), running=running, **meta)
    doc.build_report(story)
    return path


@contextmanager
def pinned_timestamp(day: date | None) -> Iterator[None]:
    """Fix the PDF's internal timestamp (creation date and document ID) to
    midnight UTC of ``day``, or to ReportLab's invariant default when undated.

    ReportLab reads SOURCE_DATE_EPOCH from the environment by itself; pinned
    here, the file's bytes depend on the appraisal's date alone, so a run
    made with the variable set is reproduced by one made without it.
    """
    key = "SOURCE_DATE_EPOCH"
    saved = os.environ.get(key)
    if day is None:
        os.environ.pop(key, None)
    else:
        os.environ[key] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = saved
