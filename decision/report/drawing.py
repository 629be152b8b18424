"""Drawing a run's charts, in worker processes where that pays.

A :class:`ChartJob` names a function of :mod:`decision.report.charts`, the
file it writes and its arguments (plain data). :func:`start_charts` draws a
batch of jobs in forked worker processes while the caller goes on with other
files; each chart is drawn by the same function from the same data wherever
it runs, so the files are the same bytes as when drawn in turn.
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Mapping, Sequence

from ..workers import submit_all, worker_count

__all__ = ["ChartJob", "draw_chart", "draw_charts", "start_charts", "PendingCharts"]


@dataclass(frozen=True, slots=True)
class ChartJob:
    """One chart to draw: ``charts.<kind>(path, **options)``.

    ``cost`` is a rough relative drawing time; the dearest jobs are started
    first so that the workers finish together.
    """

    kind: str
    path: Path
    options: Mapping[str, Any] = field(default_factory=dict)
    cost: float = 1.0


def draw_chart(job: ChartJob) -> Path:
    """Draw one chart in this process."""
    from . import charts  # deferred: matplotlib is slow to import

    getattr(charts, job.kind)(job.path, **job.options)
    return job.path


def draw_charts(jobs: Sequence[ChartJob]) -> None:
    """Draw every job in this process, in order."""
    for job in jobs:
        draw_chart(job)


class PendingCharts:
    """Charts being drawn; leaving the ``with`` block waits for them (and raises any error)."""

    def __init__(self, jobs: Sequence[ChartJob], *, workers: int | None) -> None:
        self._jobs = sorted(jobs, key=lambda j: -j.cost)
        self._n = worker_count(len(self._jobs), workers)
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[Path]] = []

    def __enter__(self) -> "PendingCharts":
        if self._n == 0:
            return self
        from . import charts  # noqa: F401  imported before forking, so the workers start with matplotlib loaded

        self._pool, self._futures = submit_all(self._n, draw_chart, self._jobs)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._pool is None:
            if kind is None:
                draw_charts(self._jobs)
            return
        try:
            if kind is None:
                for f in self._futures:
                    f.result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=kind is not None)


def start_charts(jobs: Sequence[ChartJob], *, workers: int | None = None) -> PendingCharts:
    """Draw ``jobs`` in up to ``workers`` forked processes (default: one per available core)
    while the ``with`` block runs; with one job, or where forking is not available, they are
    drawn in this process when the block ends."""
    return PendingCharts(jobs, workers=workers)
