"""Terminal output shared by the commands: a rich console, markup escaping and a progress bar.

rich is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from rich.console import Console

    from ..run import RunResult

__all__ = ["console", "escape", "with_progress"]


def console() -> "Console":
    """A console for standard output; 120 columns wide when it is not a terminal, so piped text is stable."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def escape(text: object) -> str:
    """``text`` as a string with rich markup escaped."""
    from rich.markup import escape as rich_escape

    return rich_escape(str(text))


def with_progress(work: "Callable[[Callable[[str], None]], RunResult]") -> "RunResult":
    """A progress bar over the run's stages on an interactive terminal; elsewhere
    (a pipe, a file, a CI log) one plain line per stage on standard error, so a
    long run is never silent for long."""
    if not sys.stderr.isatty():
        def line(stage: str) -> None:
            print(f"... {stage}", file=sys.stderr, flush=True)

        return work(line)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..run import STAGES

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Sensitivity analysis", total=len(STAGES))
        seen: list[str] = []

        def step(stage: str) -> None:
            if seen:
                bar.advance(task)
            seen.append(stage)
            bar.update(task, description=f"Sensitivity analysis: {stage}")

        result = work(step)
        bar.update(task, completed=len(STAGES))
        return result
