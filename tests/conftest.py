from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full run of the bundled project (300 samples, seed 0, its
    scenarios), shared by the end-to-end tests that only read its outputs."""
    from decision.run import run

    from .golden import COMMAND, SAMPLES, SEED

    out = tmp_path_factory.mktemp("bundled") / "run"
    run(ROOT, out=out, samples=SAMPLES, seed=SEED, scenario_files=None, command=COMMAND)
    return out
