"""The PDF options appraisal report: it builds, holds every section, survives
markup characters and non-Latin text in the data, and is byte-identical
when built twice from the same inputs."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from typing import Any

import pytest
import yaml

pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).resolve().parents[1]
#: Markup characters, non-Latin letters (Greek, Polish, Welsh) and broken
#: matplotlib mathtext in one label.
ODD_LABEL = "Inclusion & <b>cynhwysiant</b> < ŵ ł Ωμέγα $\\frac$"
ODD_NAME = "STLS & <i>future</i> review"
SECTIONS = (
    "Contents",
    "1 Executive summary",
    "2 Context",
    "3 Method",
    "4 Evidence",
    "5 Results",
    "6 Sensitivity",
    "7 Equalities",
    "8 Risks and unquantified impacts",
    "9 Recommendation",
    "Appendix A Evidence as recorded",
    "Appendix B Evidence behind each criterion",
    "Appendix C Weights",
    "Appendix D Audit record",
)


@dataclass
class Built:
    project: Any
    appraisal: Any
    report: Any
    digest: Any
    charts: Path


def _copy_project(dest: Path, *, odd: bool) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "appraisal.yaml", dest / "appraisal.yaml")
    shutil.copytree(ROOT / "criteria", dest / "criteria")
    shutil.copytree(ROOT / "weights", dest / "weights")
    if odd:
        themes = dest / "criteria" / "themes.yaml"
        data = yaml.safe_load(themes.read_text(encoding="utf-8"))
        for t in data["themes"]:
            if t["id"] == "inclusion":
                t["label"] = ODD_LABEL
        themes.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        settings = dest / "appraisal.yaml"
        s = yaml.safe_load(settings.read_text(encoding="utf-8"))
        s["name"] = ODD_NAME
        settings.write_text(yaml.safe_dump(s, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def _build(root: Path, out: Path) -> Built:
    import decision
    from decision.project.audit import digest_inputs
    from decision.project.loader import load_scenario
    from decision.output.sensitivity import write_sensitivity
    from decision.sensitivity import analyse

    project = decision.load_project(root)
    appraisal = decision.appraise(project)
    scenarios = [load_scenario(f, project) for f in sorted(glob(str(ROOT / "scenarios" / "*.yaml")))[:3]]
    report = analyse(appraisal, samples=500, scenarios=scenarios)
    out.mkdir(parents=True, exist_ok=True)
    write_sensitivity(appraisal, report, out)
    return Built(project, appraisal, report, digest_inputs(project), out)


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("odd")
    return _build(_copy_project(base / "project", odd=True), base / "charts")


def _pdf(b: Built, path: Path) -> Path:
    from decision.report import write_pdf

    return write_pdf(b.appraisal, b.report, path, digest=b.digest, command="decision appraise --project P --samples 500",
                     chart_dir=b.charts)


def _text(path: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(str(path))
    pages = [p.extract_text() or "" for p in reader.pages]
    return len(reader.pages), " ".join(" ".join(pages).split())


@pytest.fixture(scope="module")
def odd_pdf(odd: Built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        path = _pdf(odd, tmp_path_factory.mktemp("pdf") / "report.pdf")
    n, text = _text(path)
    return path, n, text


def test_pdf_opens_with_every_section(odd_pdf: tuple[Path, int, str]) -> None:
    path, n, text = odd_pdf
    assert path.read_bytes().startswith(b"%PDF-")
    assert n > 20
    for heading in SECTIONS:
        assert heading in text, heading
    assert "Page 2 of" in text


def test_pdf_title_page_names_date_version_and_inputs(odd: Built, odd_pdf: tuple[Path, int, str]) -> None:
    import decision

    path, _, _ = odd_pdf
    first = " ".join((pypdf.PdfReader(str(path)).pages[0].extract_text() or "").split())
    assert ODD_NAME in first
    assert f"decision {decision.__version__}" in first
    assert odd.digest.short in first
    assert "Undated" in first  # no date in the settings, no SOURCE_DATE_EPOCH: never the wall clock


def test_markup_and_non_latin_text_survive(odd_pdf: tuple[Path, int, str]) -> None:
    _, _, text = odd_pdf
    assert ODD_LABEL in text
    assert ODD_NAME in text
    assert "&amp;" not in text and "&lt;" not in text


def test_recommendation_and_audit_content(odd: Built, odd_pdf: tuple[Path, int, str]) -> None:
    _, _, text = odd_pdf
    from decision.report.facts import leader, option_label

    lead = leader(odd.appraisal)
    assert lead is not None
    assert f"the appraisal supports {option_label(odd.project, lead)}" in text
    assert odd.digest.combined in text
    assert "decision appraise --project P --samples 500" in text
    for rel in odd.digest.files:
        assert rel in text
    assert "Saaty (1980)" in text


def test_pdf_embeds_dejavu_only(odd_pdf: tuple[Path, int, str]) -> None:
    path, _, _ = odd_pdf
    data = path.read_bytes()
    fonts = set(re.findall(rb"/BaseFont /([A-Za-z0-9+\-]+)", data))
    assert fonts and all(b"DejaVu" in f for f in fonts), fonts


def test_theme_map_chart_written(odd: Built, odd_pdf: tuple[Path, int, str]) -> None:
    from decision.report import THEME_MAP_CHART

    assert (odd.charts / THEME_MAP_CHART).read_bytes().startswith(b"\x89PNG")


def test_two_builds_are_byte_identical(odd: Built, odd_pdf: tuple[Path, int, str], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build is the shared one (``odd_pdf``); the second is made the
    same way, without SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = odd_pdf[0].read_bytes()
    b = _pdf(odd, tmp_path / "b.pdf").read_bytes()
    assert a == b


def test_source_date_epoch_dates_the_report(odd: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from decision.project.audit import resolve_date

    # The date is resolved once, when appraising (so the manifest can record it).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719792000")  # 1 July 2024
    dated = dataclasses.replace(odd, appraisal=dataclasses.replace(odd.appraisal, date=resolve_date(None)))
    path = _pdf(dated, tmp_path / "dated.pdf")
    first = " ".join((pypdf.PdfReader(str(path)).pages[0].extract_text() or "").split())
    assert "1 July 2024" in first


def test_the_pdf_bytes_do_not_depend_on_source_date_epoch(odd: Built, odd_pdf: tuple[Path, int, str], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # ReportLab reads the variable itself for the file's timestamp and ID; the
    # writer pins them to the appraisal's own date (here: undated).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719792000")
    assert _pdf(odd, tmp_path / "b.pdf").read_bytes() == odd_pdf[0].read_bytes()


def test_missing_chart_is_an_input_error(odd: Built, tmp_path: Path) -> None:
    from decision.errors import InputError
    from decision.report import write_pdf

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="chart not found"):
        write_pdf(odd.appraisal, odd.report, tmp_path / "x.pdf", digest=odd.digest, command="c", chart_dir=empty)


def test_outline_points_at_the_sections_and_summary_fits_one_page(odd_pdf: tuple[Path, int, str]) -> None:
    path, n, _ = odd_pdf
    reader = pypdf.PdfReader(str(path))
    top = {item.title: reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}
    pages = [top[h] for h in SECTIONS[1:]]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)  # every chapter starts on its own page, in order
    assert top["2 Context"] - top["1 Executive summary"] == 1  # the summary is one page
    assert f"Page {n} of {n}" in (reader.pages[-1].extract_text() or "")
