"""Work shared between processes, and the PDF's layout-only first pass, give
the same bytes as doing everything in one process, pass after pass."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

import decision.sensitivity as sensitivity
from decision.appraisal import appraise
from decision.project.loader import load_project
from decision.report.drawing import ChartJob, draw_charts, start_charts
from decision.workers import worker_count

from .conftest import run_cli_in

ROOT = Path(__file__).resolve().parents[1]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_worker_count_rules() -> None:
    assert worker_count(0) == 0
    assert worker_count(1) == 0  # one piece is done in this process
    n = worker_count(100)
    assert 0 <= n <= 100
    assert worker_count(3, 1) in (0, 1)
    assert worker_count(2, 8) <= 2  # never more workers than pieces


def _jobs(folder: Path) -> list[ChartJob]:
    return [
        ChartJob("scores_chart", folder / f"chart_{k}.png", dict(
            title=f"Chart {k}", groups=["a", "b"], options=["1 first", "2 second"],
            values={"a": [0.2 + 0.1 * k, 0.5], "b": [0.7, 0.4]}, ylabel="score"), cost=float(k))
        for k in range(3)
    ]


def test_charts_drawn_by_workers_equal_charts_drawn_here(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    draw_charts(_jobs(here))
    with start_charts(_jobs(there), workers=2):
        pass
    assert [_digest(p) for p in sorted(here.iterdir())] == [_digest(p) for p in sorted(there.iterdir())]


def test_a_failing_chart_is_reported(tmp_path: Path) -> None:
    bad = ChartJob("scores_chart", tmp_path / "no_such_folder" / "x.png", dict(
        title="t", groups=["a"], options=["1"], values={"a": [0.5]}, ylabel="y"))
    with pytest.raises(OSError):
        with start_charts([bad, *_jobs(tmp_path)], workers=2):
            pass


def test_smaa_runs_shared_between_processes_equal_runs_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    appraisal = appraise(load_project(ROOT))
    samples = sensitivity._PARALLEL_SAMPLES // 10  # 18 runs: over the threshold, so shared where possible
    shared = sensitivity.analyse(appraisal, samples=samples, seed=5)
    monkeypatch.setattr(sensitivity, "worker_count", lambda n, requested=None: 0)
    alone = sensitivity.analyse(appraisal, samples=samples, seed=5)
    assert [e.label for e in shared.smaa] == [e.label for e in alone.smaa]
    for a, b in zip(shared.smaa, alone.smaa):
        assert np.array_equal(a.result.rank_acceptability, b.result.rank_acceptability)
        assert np.array_equal(a.result.central_weights, b.result.central_weights)
        assert np.array_equal(a.result.confidence, b.result.confidence)


def test_layout_only_first_pass_gives_the_multibuild_file(tmp_path: Path) -> None:
    """The same story built by reportlab's multiBuild (every pass drawn) and by
    build_report (first pass laid out only) gives the same bytes."""
    from decision.report.pdf import Builder, ReportDoc, register_fonts, toc

    register_fonts()

    def story() -> list[object]:
        b = Builder(tmp_path)
        b.story.append(toc(b.styles))
        for k in range(12):
            b.heading(f"Section {k + 1}", 0, page_break=k % 4 == 0)
            for _ in range(6):
                b.para("Every option is scored against every criterion from the evidence. " * 8)
            b.table(["Option", "Score"], [[str(i), f"{i * 1.5:.1f}"] for i in range(15)], [3, 1], caption="Scores",
                    numeric=[1])
        return b.finish()

    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    doc = ReportDoc(str(old), running=("a", "b", "c", "d"), invariant=1)
    doc.multiBuild(story())
    while doc.total_hint != doc.pages_seen:
        doc.multiBuild(story())
    ReportDoc(str(new), running=("a", "b", "c", "d"), invariant=1).build_report(story())
    assert old.read_bytes() == new.read_bytes()


def test_a_piped_run_prints_a_line_per_stage(tmp_path: Path) -> None:
    from .conftest import copy_project

    project = copy_project(tmp_path / "project")
    code, _, err = run_cli_in(project, ("appraise", "--samples", "20", "--out", str(tmp_path / "out")))
    assert code == 0, err
    from decision.run import STAGES

    assert [line.removeprefix("... ") for line in err.splitlines() if line.startswith("... ")] == list(STAGES)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_background_writes_and_reports_errors(tmp_path: Path) -> None:
    from decision.workers import Background

    with Background(_write_text, tmp_path / "a.txt", "written elsewhere"):
        pass
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "written elsewhere"
    with pytest.raises(OSError):
        with Background(_write_text, tmp_path / "missing" / "b.txt", "x"):
            pass
