"""Hostile and degenerate inputs beyond the loader corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from decision import appraise, load_project
from decision.cli import main
from decision.errors import InputError
from decision.project.loader import MAX_FILE_BYTES

from .conftest import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("appraisal.yaml", "criteria", "weights"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


def test_python_tags_cannot_execute(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (project / "appraisal.yaml").write_text(
        f"name: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_project(project)
    assert not marker.exists()


def test_huge_file_is_refused_before_parsing(project: Path) -> None:
    with open(project / "criteria" / "evidence.yaml", "a", encoding="utf-8") as fh:
        fh.write("#" + "x" * (MAX_FILE_BYTES + 1) + "\n")
    with pytest.raises(InputError, match="larger than"):
        load_project(project)


def test_alias_bomb_is_refused(project: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    (project / "criteria" / "context.yaml").write_text(bomb, encoding="utf-8")
    with pytest.raises(InputError, match="anchors and aliases"):
        load_project(project)


def test_a_criterion_with_no_evidence_is_set_aside_not_nan(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "criteria" / "criteria.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for theme in [t for t, c in doc["mapping"].items() if c == "accountability"]:
        del doc["mapping"][theme]
        doc["out_of_scope"][theme] = "left out for this test"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    a = appraise(load_project(project))
    j = a.table.criteria.index("accountability")
    assert np.all(a.table.values[:, j] == 50.0)  # no evidence anywhere: neutral for every option
    for r in a.rankings:
        assert "accountability" in r.inactive_criteria
        assert all(np.isfinite(r.scores))
    assert any("accountability" in w and "set aside" in w for w in a.warnings)
    assert main(["appraise", "--project", str(project), "--samples", "100", "--scenario",
                 str(ROOT / "scenarios" / "cost_weight_doubled.yaml")]) == 0


def test_empty_option_list_is_refused(project: Path) -> None:
    path = project / "criteria" / "context.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["options"] = []
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_project(project)
    assert "context.yaml" in str(err.value) and "options" in str(err.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name: s\ndescription: d\nchange: {}\n", "at least one thing"),
        ("name: s\ndescription: d\nchange: {exclude_groups: [parents]}\n", "exclude_groups"),
        ("name: s\ndescription: d\nchange: {weights: {scale: {costs: 2}}}\n", "criteria that do not exist"),
        ("name: s\ndescription: d\nchange: {weights: {override: {cost: 0.7, inclusion: 0.6}}}\n", "more than 1"),
        ("name: s\ndescription: d\nchange: {weights: {weight_set: nobody, scale: {cost: 2}}}\n", "no such weight set"),
        ("name: s\ndescription: d\nchange: {scores: [{option: 9, criterion: cost, value: 10, source: x}]}\n", "no such option"),
        ("name: s\ndescription: d\nchange: {scores: [{option: 1, criterion: cost, value: 140, source: x}]}\n", "less than or equal to 100"),
        ("name: s\ndescription: d\nchange: {prior_strength: -1}\n", "greater than 0"),
        ("name: s\ndescrption: d\nchange: {pooling: raw}\n", "unknown key"),
    ],
)
def test_bad_scenarios_exit_2_naming_the_file(project: Path, tmp_path: Path, text: str, words: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad_scenario.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["sensitivity", "--project", str(project), "--samples", "50", "--scenario", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "bad_scenario.yaml" in err and words in err and "Traceback" not in err
    assert not (project / "outputs").exists()


@pytest.mark.parametrize("args", [["--samples", "0"], ["--samples", "ten"], ["--seed", "-1"]])
def test_bad_numbers_on_the_command_line_exit_2(project: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["sensitivity", "--project", str(project), *args])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
