"""Terminal output shared by the commands: a rich console, tables that fit it,
markup escaping and a progress bar.

rich is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..run import RunResult

__all__ = ["console", "escape", "print_table", "with_progress"]

_TABLE_OPTIONS = ("box", "safe_box", "padding", "collapse_padding", "pad_edge", "expand", "show_header", "show_footer",
                  "show_edge", "show_lines", "leading", "style", "row_styles", "header_style", "footer_style",
                  "border_style", "title_style", "caption_style", "title_justify", "caption_justify", "highlight")
_COLUMN_OPTIONS = ("header", "footer", "header_style", "footer_style", "style", "justify", "vertical", "overflow",
                   "width", "min_width", "max_width", "ratio", "no_wrap", "highlight")


def console() -> "Console":
    """A console for standard output. Piped, it is 120 columns wide (so piped
    text is stable) unless the environment's ``COLUMNS`` says otherwise."""
    from rich.console import Console

    piped_width = None if os.environ.get("COLUMNS", "").isdigit() else 120
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else piped_width)


def print_table(con: "Console", table: "Table", *, keep: int = 1) -> None:
    """Print ``table`` on ``con`` without cutting any word of any cell.

    rich shrinks a table that is too wide by cutting every column alike
    (``no_wrap`` columns cannot wrap, so they are cut with an ellipsis), and a
    number cut to "61..." is worse than no number. So here every column is at
    least as wide as the longest word in its cells and labels wrap between
    words; a table that does not fit with its headers' words whole is split
    into several, each repeating the first ``keep`` columns, and a header is
    folded inside a word only where a single column is still too wide.
    """
    for part in _fitted(con, table, keep=keep):
        con.print(part)


def _fitted(con: "Console", table: "Table", *, keep: int) -> "list[Table]":
    from rich.measure import Measurement

    columns = table.columns
    _, right, _, left = table.padding

    def room(n: int) -> int:  # the width left for an n-column table's cells
        borders = ((2 if table.show_edge else 0) + n - 1) if table.box else 0
        return con.width - borders - n * (left + right)

    def size(item: object) -> Measurement:
        return Measurement.get(con, con.options, item)  # type: ignore[arg-type]

    words = [max([size(c).minimum for c in col.cells], default=1) for col in columns]
    heads = [max(w, size(col.header).minimum) for w, col in zip(words, columns)]
    natural = [max([size(c).maximum for c in col.cells] + [size(col.header).maximum]) for col in columns]
    every = range(len(columns))
    if sum(natural) <= room(len(columns)):
        return [table]
    if sum(heads) <= room(len(columns)):
        return [_copy(table, every, table.title, table.caption, _spread(heads, natural, room(len(columns))))]
    if len(columns) <= keep + 1:
        return [_copy(table, every, table.title, table.caption, _spread(words, natural, room(len(columns))))]
    key = list(range(keep))
    groups: list[list[int]] = [[]]
    for j in range(keep, len(columns)):
        if groups[-1] and sum(heads[i] for i in key + groups[-1] + [j]) > room(keep + len(groups[-1]) + 1):
            groups.append([])
        groups[-1].append(j)
    parts = []
    for k, group in enumerate(groups, 1):
        title = f"{table.title} (part {k} of {len(groups)})" if isinstance(table.title, str) else table.title
        part = _copy(table, key + group, title, table.caption if k == len(groups) else None, None)
        parts.extend(_fitted(con, part, keep=keep))
    return parts


def _spread(words: list[int], natural: list[int], room: int) -> list[int]:
    """Column widths: each column's longest word, and the room left shared in
    proportion to how much wider each column would like to be."""
    want = [max(n - w, 0) for w, n in zip(words, natural)]
    slack = max(room - sum(words), 0)
    total = sum(want) or 1
    extra = [min(x, slack * x // total) for x in want]
    for j in range(len(extra)):  # the rounding remainder, first columns first
        more = min(want[j] - extra[j], slack - sum(extra))
        extra[j] += max(more, 0)
    return [w + e for w, e in zip(words, extra)]


def _copy(table: "Table", indices: "range | list[int]", title: object, caption: object,
          widths: list[int] | None) -> "Table":
    """A new table with the chosen columns of ``table`` (fixed widths if given)."""
    from rich.table import Table

    new = Table(title=title, caption=caption, **{k: getattr(table, k) for k in _TABLE_OPTIONS})  # type: ignore[arg-type]
    cells = []
    for n, j in enumerate(indices):
        col = table.columns[j]
        opts = {k: getattr(col, k) for k in _COLUMN_OPTIONS}
        if widths is not None:
            opts.update(width=widths[j], no_wrap=False, overflow="fold", min_width=None, max_width=None)
        new.add_column(**opts)
        cells.append(list(col.cells))
    for i, row in enumerate(table.rows):
        new.add_row(*(c[i] for c in cells), style=row.style, end_section=row.end_section)
    return new


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
