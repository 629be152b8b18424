from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def copy_project(dest: Path, *, scenarios: bool = False) -> Path:
    """Copy the bundled project (settings, criteria/, weights/ and, if asked,
    scenarios/) into ``dest``, for tests that change or damage it."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "appraisal.yaml", dest / "appraisal.yaml")
    for folder in ("criteria", "weights") + (("scenarios",) if scenarios else ()):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


@pytest.fixture(scope="session")
def bundled_project():  # type: ignore[no-untyped-def]
    from decision import load_project

    return load_project(ROOT)


@pytest.fixture(scope="session")
def bundled_appraisal(bundled_project):  # type: ignore[no-untyped-def]
    from decision import appraise

    return appraise(bundled_project)


@dataclass(frozen=True)
class CliRun:
    """A run made through the command line: its project folder, the
    arguments given (paths relative to ``project``), the output folder and
    what the command printed."""

    project: Path
    argv: tuple[str, ...]
    out: Path
    stdout: str


def run_cli_in(project: Path, argv: tuple[str, ...]) -> tuple[int, str, str]:
    """``decision ARGV`` run from inside ``project``; exit code, stdout, stderr."""
    from decision.cli import main

    with contextlib.chdir(project), contextlib.redirect_stdout(io.StringIO()) as out, \
            contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _make_bundled_run(project: Path) -> tuple[tuple[str, ...], str]:
    from .golden import COMMAND

    copy_project(project, scenarios=True)
    argv = tuple(COMMAND.split()[1:])
    code, out, err = run_cli_in(project, argv)
    assert code == 0, err
    return argv, out


@pytest.fixture(scope="session")
def bundled_cli_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """One full run of a copy of the bundled project (its scenarios, 300
    samples, seed 0) by the command ``decision appraise --samples 300 --seed 0``
    given inside the project folder, so into the default output folder
    PROJECT/outputs/appraisal. Shared by the end-to-end tests that read a
    run's outputs, copy it as a previous run, verify it or run it again.

    Under pytest-xdist the first worker to ask makes the run in the session's
    shared temporary folder and the others copy the whole project folder
    (outputs included) into their own: the outputs do not depend on where the
    project lives, and each worker may change its copy.
    """
    mine = tmp_path_factory.mktemp("bundled") / "project"
    if "PYTEST_XDIST_WORKER" not in os.environ:  # one process: nothing to share
        argv, out = _make_bundled_run(mine)
    else:
        shared = tmp_path_factory.getbasetemp().parent  # one per session, seen by every worker
        with open(shared / "bundled.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            made = shared / "bundled"
            if not (made / "stdout.txt").exists():
                argv, out = _make_bundled_run(made / "project")
                (made / "stdout.txt").write_text(out, encoding="utf-8")
            out = (made / "stdout.txt").read_text(encoding="utf-8")
            shutil.copytree(made / "project", mine, symlinks=True)
        from .golden import COMMAND

        argv = tuple(COMMAND.split()[1:])
    return CliRun(project=mine, argv=argv, out=mine / "outputs" / "appraisal", stdout=out)


@pytest.fixture(scope="session")
def bundled_run(bundled_cli_run: CliRun) -> Path:
    """The output folder of :func:`bundled_cli_run` (300 samples, seed 0, the
    bundled project's scenarios), for the tests that only read its outputs."""
    return bundled_cli_run.out


@pytest.fixture(autouse=True)
def _piped_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped output is 120 columns wide unless COLUMNS says otherwise; tests
    that read the command's lines see that default whatever the terminal or
    the test runner exports (tests of other widths set COLUMNS themselves)."""
    monkeypatch.delenv("COLUMNS", raising=False)
