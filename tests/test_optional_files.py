"""Optional project files: questions and agreed points may be absent or
empty (read as empty documents); the other files stay required."""

from __future__ import annotations

from pathlib import Path

import pytest

import decision
from decision.errors import InputError
from decision.model import Project
from decision.project.audit import digest_inputs

from .conftest import copy_project

QUESTIONS = "criteria/questions.yaml"
AGREED = "criteria/agreed_points.yaml"
QUESTION_WEIGHTS = ["weights/schools.yaml", "weights/stls.yaml"]
REQUIRED = ["appraisal.yaml", "criteria/themes.yaml", "criteria/criteria.yaml", "criteria/evidence.yaml",
            "criteria/context.yaml"]


@pytest.fixture(scope="module")
def bundled() -> Project:
    return decision.load_project(Path(__file__).resolve().parents[1])


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _empty_it(path: Path, how: str) -> None:
    if how == "absent":
        path.unlink()
    elif how == "zero bytes":
        path.write_bytes(b"")
    else:
        path.write_text("# nothing to record yet\n\n   # still nothing\n", encoding="utf-8")


HOW = ["absent", "zero bytes", "only comments"]


@pytest.mark.parametrize("how", HOW)
def test_questions_file_may_be_absent_or_empty(project_dir: Path, how: str, bundled: Project) -> None:
    _empty_it(project_dir / QUESTIONS, how)
    # These weight sets are derived from themed questions, so they go with the questions.
    for rel in QUESTION_WEIGHTS:
        (project_dir / rel).unlink()
    p = decision.load_project(project_dir)
    assert p.questions == () and p.findings == () and p.funding_factors == () and p.labelling_notes == ()
    # The rest of the project is untouched.
    assert p.sections == bundled.sections and p.agreed_points == bundled.agreed_points
    assert (QUESTIONS in p.files) == (how != "absent")
    digest_inputs(p)  # every listed file can be hashed


@pytest.mark.parametrize("how", HOW)
def test_agreed_points_file_may_be_absent_or_empty(project_dir: Path, how: str, bundled: Project) -> None:
    _empty_it(project_dir / AGREED, how)
    p = decision.load_project(project_dir)
    assert p.agreed_points == ()
    assert p.questions == bundled.questions
    assert (AGREED in p.files) == (how != "absent")
    digest_inputs(p)


def test_weight_set_derived_from_an_absent_question_is_refused(project_dir: Path) -> None:
    (project_dir / QUESTIONS).unlink()
    with pytest.raises(InputError, match="no such question") as info:
        decision.load_project(project_dir)
    # The first weight file (in name order) that names a question is the one reported.
    assert info.value.file == str(project_dir / QUESTION_WEIGHTS[0])


def test_agreed_points_file_with_only_groups_has_no_points(project_dir: Path) -> None:
    (project_dir / AGREED).write_text("groups: [stls, schools]\n", encoding="utf-8")
    assert decision.load_project(project_dir).agreed_points == ()


def test_both_optional_files_absent(project_dir: Path) -> None:
    (project_dir / QUESTIONS).unlink()
    for rel in QUESTION_WEIGHTS:
        (project_dir / rel).unlink()
    (project_dir / AGREED).unlink()
    p = decision.load_project(project_dir)
    assert p.files[:5] == ("appraisal.yaml", "criteria/themes.yaml", "criteria/criteria.yaml",
                           "criteria/evidence.yaml", "criteria/context.yaml")


@pytest.mark.parametrize("rel", REQUIRED)
def test_required_file_missing_is_refused(project_dir: Path, rel: str) -> None:
    (project_dir / rel).unlink()
    with pytest.raises(InputError, match="required file is missing") as info:
        decision.load_project(project_dir)
    assert info.value.file == str(project_dir / rel)


@pytest.mark.parametrize("rel", REQUIRED)
def test_required_file_empty_is_refused(project_dir: Path, rel: str) -> None:
    (project_dir / rel).write_text("# to do\n", encoding="utf-8")
    with pytest.raises(InputError, match="the file is empty") as info:
        decision.load_project(project_dir)
    assert info.value.file == str(project_dir / rel)


def test_optional_file_that_is_not_yaml_is_still_refused(project_dir: Path) -> None:
    # Optional means it may be left out, not that whatever is there is ignored.
    (project_dir / AGREED).write_text("agreed_points: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        decision.load_project(project_dir)
