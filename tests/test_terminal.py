"""Terminal output at narrow widths: no number is ever cut.

Every command that prints tables (``appraise``, ``sensitivity``,
``allocate``) and the text commands (``evidence``, ``explain``) are run
through the command line with ``COLUMNS`` at 200, 100, 80 and 60. Every
number printed at 200 columns must be printed whole, at least as often, at
the narrower widths, and nothing may end in an ellipsis.

The appraisal and its sensitivity analysis are computed once (few samples)
and handed to the commands in place of a full run, so that only the printing
is repeated.
"""

from __future__ import annotations

import re
import types
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import decision.run
from decision.cli import main

from .conftest import ROOT

WIDE = 200
NARROW = (100, 80, 60)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
ELLIPSIS = ("…", "...")


@pytest.fixture(scope="module")
def computed_run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from decision import analyse, appraise, load_project, load_scenario

    project = load_project(ROOT)
    scenarios = [load_scenario(f, project) for f in sorted((ROOT / "scenarios").glob("*.yaml"))]
    appraisal = appraise(project)
    report = analyse(appraisal, samples=50, seed=0, scenarios=scenarios)
    return types.SimpleNamespace(appraisal=appraisal, report=report, out=tmp_path_factory.mktemp("out"))


def _commands(tmp: Path) -> dict[str, list[str]]:
    return {
        "appraise": ["appraise", "--project", str(ROOT), "--samples", "50"],
        "sensitivity": ["sensitivity", "--project", str(ROOT), "--samples", "50"],
        "allocate": ["allocate", "--project", str(ROOT), "--table", str(ROOT / "tests" / "data" / "districts_synthetic.csv"),
                     "--budget", "1000000", "--out", str(tmp / "allocation")],
        "evidence": ["evidence", "--project", str(ROOT)],
        "explain": ["explain", "--project", str(ROOT), "--option", "2", "--criterion", "staff", "--weight-set", "equal"],
    }


def _printed(argv: list[str], width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= width
    return out


@pytest.mark.parametrize("command", ["appraise", "sensitivity", "allocate", "evidence", "explain"])
def test_no_number_is_cut_at_narrow_widths(command: str, computed_run: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(decision.run, "run", lambda *args, **kwargs: computed_run)
    argv = _commands(tmp_path)[command]
    wide = _printed(argv, WIDE, monkeypatch, capsys)
    expected = Counter(NUMBER.findall(wide))
    assert expected, "the command printed no number"
    assert not any(e in wide for e in ELLIPSIS)
    for width in NARROW:
        text = _printed(argv, width, monkeypatch, capsys)
        got = Counter(NUMBER.findall(text))
        missing = {n: c - got[n] for n, c in expected.items() if got[n] < c}
        assert not missing, f"at {width} columns these numbers are cut or lost: {missing}"
        cut = [line for line in text.splitlines() if any(e in line for e in ELLIPSIS)]
        assert not cut, f"at {width} columns: {cut}"


def test_print_table_keeps_numbers_whole_where_rich_would_cut_them() -> None:
    # A table of no_wrap number columns too wide for its console: rich alone
    # shrinks every column alike and cuts the numbers; print_table splits it.
    import io

    from rich.console import Console
    from rich.table import Table

    from decision.cli.terminal import print_table

    def table() -> Table:
        t = Table(title="t")
        t.add_column("label", no_wrap=True)
        for k in range(8):
            t.add_column(f"criterion {k}", justify="right", no_wrap=True)
        t.add_row("an option with a long name", *(f"{1000 + k}.25" for k in range(8)))
        return t

    plain = Console(file=io.StringIO(), width=60)
    plain.print(table())
    assert "…" in plain.file.getvalue()  # type: ignore[attr-defined]
    fitted = Console(file=io.StringIO(), width=60)
    print_table(fitted, table())
    text = fitted.file.getvalue()  # type: ignore[attr-defined]
    assert "…" not in text
    assert Counter(NUMBER.findall(text)) >= Counter(f"{1000 + k}.25" for k in range(8))
    assert "t (part 1 of 2)" in text and "t (part 2 of 2)" in text
