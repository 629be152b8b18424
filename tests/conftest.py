from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def bundled_project():  # type: ignore[no-untyped-def]
    from decision import load_project

    return load_project(ROOT)


@pytest.fixture(scope="session")
def bundled_appraisal(bundled_project):  # type: ignore[no-untyped-def]
    from decision import appraise

    return appraise(bundled_project)
