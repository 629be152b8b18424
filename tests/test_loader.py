"""The loader: the bundled project loads, and every kind of broken input is
refused with an :class:`InputError` that names the file, the field and the
value found.

Each broken case copies the bundled project into a temporary folder and
breaks exactly one file, by a YAML round trip or a text edit.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

import decision
from decision.errors import InconsistentJudgementsError, InputError

from .conftest import copy_project

ROOT = Path(__file__).resolve().parents[1]
# libyaml's safe loader and dumper where present: the corpus rewrites the
# evidence file many times.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)




@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def read(root: Path, rel: str) -> Any:
    with (root / rel).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YamlLoader)  # noqa: S506 - a safe loader


def write(root: Path, rel: str, data: Any) -> None:
    # A deep copy first, so that a value that appears twice is written twice
    # rather than as a YAML anchor and alias (which the loader refuses).
    text = yaml.dump(copy.deepcopy(data), Dumper=_YamlDumper, sort_keys=False, allow_unicode=True, width=1000)
    assert "&id" not in text
    (root / rel).write_text(text, encoding="utf-8")


def edit(rel: str, change: Callable[[Any], object]) -> Callable[[Path], None]:
    """A mutation: load ``rel``, apply ``change`` in place, write it back."""

    def mutate(root: Path) -> None:
        data = read(root, rel)
        change(data)
        write(root, rel, data)

    return mutate


# ----------------------------------------------------------------- sanity


def test_bundled_project_loads() -> None:
    project = decision.load_project(ROOT)
    assert len(project.sections) == 42
    assert sorted(project.options) == [1, 2, 3, 4]
    assert len(project.criteria.criteria) == 8
    assert len(project.weight_specs) == 4
    assert {w.name for w in project.weight_specs} == {"commissioners", "equal", "schools", "stls"}


def test_copied_and_rewritten_project_still_loads(project_dir: Path) -> None:
    """The YAML round trip the broken cases use changes nothing by itself."""
    for rel in ("appraisal.yaml", "criteria/themes.yaml", "criteria/criteria.yaml", "criteria/evidence.yaml",
                "criteria/questions.yaml", "criteria/agreed_points.yaml", "criteria/context.yaml",
                "weights/commissioners.yaml", "weights/equal.yaml"):
        write(project_dir, rel, read(project_dir, rel))
    original = decision.load_project(ROOT)
    copied = decision.load_project(project_dir)
    assert copied.sections == original.sections
    assert copied.criteria == original.criteria
    assert len(copied.weight_specs) == 4


# ----------------------------------------------------------------- broken inputs


@dataclass(frozen=True)
class Case:
    id: str
    file: str                       # file (or folder) the error must name, relative to the project
    mutate: Callable[[Path], None]
    field: str | None = None        # exact key path expected in .field
    value: str | None = None        # text that must appear in the message (the offending value)
    rule: str | None = None         # text of the rule that must appear in the message
    error: type[InputError] = InputError


def _text_edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def _write_text(rel: str, text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / rel).write_text(text, encoding="utf-8")

    return mutate


def _write_bytes(rel: str, raw: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / rel).write_bytes(raw)

    return mutate


def _delete(rel: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / rel).unlink()

    return mutate


def _set_item(n: int, m: int, **values: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["sections"][n]["items"][m].update(values)

    return change


def _replace_item(n: int, m: int, item: dict[str, Any]) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["sections"][n]["items"][m] = item

    return change


def _rename_key(mapping: dict[str, Any], old: str, new: str) -> None:
    items = [(new if k == old else k, v) for k, v in mapping.items()]
    mapping.clear()
    mapping.update(items)


def _empty_weights(root: Path) -> None:
    for p in (root / "weights").iterdir():
        p.unlink()


def _duplicate_weight_set(root: Path) -> None:
    shutil.copy2(root / "weights" / "equal.yaml", root / "weights" / "equal2.yaml")


def _inconsistent(matrix: list[list[Any]]) -> None:
    # staff (5th) becomes 9 times as important as inclusion (1st), against
    # every other judgement in the matrix: CR 0.212 under Saaty (1980).
    matrix[0][4] = "1/9"
    matrix[4][0] = 9


EV = "criteria/evidence.yaml"
CR = "criteria/criteria.yaml"
TH = "criteria/themes.yaml"
W_EQ = "weights/equal.yaml"
W_AHP = "weights/commissioners.yaml"
W_STLS = "weights/stls.yaml"

CASES = [
    # ---- reading and parsing
    Case("not-utf8", TH, _write_bytes(TH, b"themes:\n  - id: caf\xe9\n    label: x\n"), rule="not valid UTF-8"),
    Case("missing-file", TH, _delete(TH), rule="required file is missing"),
    Case("top-level-list", "appraisal.yaml", _write_text("appraisal.yaml", "- name: x\n- scoring: {}\n"),
         value="'list'", rule="mapping of keys at the top level"),
    Case("top-level-scalar", "criteria/context.yaml", _write_text("criteria/context.yaml", "just some words\n"),
         value="'str'", rule="mapping of keys at the top level"),
    Case("empty-file", "criteria/context.yaml", _write_text("criteria/context.yaml", "# nothing here\n"),
         rule="the file is empty"),
    Case("duplicate-key", EV, _text_edit(EV, "{theme: training_support, percent: 41}",
                                          "{theme: training_support, percent: 41, percent: 14}"),
         rule="duplicate key 'percent'"),
    Case("duplicate-top-level-key", "appraisal.yaml", _text_edit("appraisal.yaml", "random_index: saaty1980\n",
                                                                 "random_index: saaty1980\nrandom_index: saaty2005\n"),
         rule="duplicate key 'random_index'"),
    Case("anchors-and-aliases", "criteria/agreed_points.yaml",
         _write_text("criteria/agreed_points.yaml",
                     "agreed_points:\n  - &one {option: 1, figure: 9}\n  - *one\n"),
         rule="anchors and aliases are not allowed"),
    # ---- settings
    Case("unknown-top-level-key", "appraisal.yaml",
         edit("appraisal.yaml", lambda d: _rename_key(d, "random_index", "random_indx")),
         field="random_indx", value="'saaty1980'", rule="unknown key"),
    Case("unknown-random-index-table", "appraisal.yaml",
         edit("appraisal.yaml", lambda d: d.update(random_index="saaty1999")),
         field="random_index", value="'saaty1999'"),
    Case("unknown-pooling", "appraisal.yaml",
         edit("appraisal.yaml", lambda d: d["scoring"].update(pooling="equal-voice")),
         field="scoring.pooling", value="'equal-voice'"),
    # ---- evidence
    Case("unknown-key-in-item", EV,
         edit(EV, lambda d: _rename_key(d["sections"][3]["items"][4], "note", "notes")),
         field="sections[3].items[4].notes", value="'costs of withdrawing the contract'", rule="unknown key"),
    Case("percent-120", EV, edit(EV, _set_item(1, 0, percent=120)), field="sections[1].items[0].percent", value="120"),
    Case("percent-minus-1", EV, edit(EV, _set_item(1, 2, percent=-1)), field="sections[1].items[2].percent", value="-1"),
    Case("percent-nan", EV, edit(EV, _set_item(1, 0, percent=float("nan"))), field="sections[1].items[0].percent", value="nan"),
    Case("percent-inf", EV, edit(EV, _set_item(1, 0, percent=float("inf"))), field="sections[1].items[0].percent", value="inf"),
    Case("percent-text", EV, edit(EV, _set_item(1, 0, percent="24%")), field="sections[1].items[0].percent", value="'24%'"),
    Case("negative-comments", EV, edit(EV, lambda d: d["sections"][1].update(comments=-3)),
         field="sections[1].comments", value="-3"),
    Case("negative-count", EV, edit(EV, _set_item(4, 0, count=-2)), field="sections[4].items[0].count", value="-2"),
    Case("unknown-stakeholder", EV, edit(EV, lambda d: d["sections"][1].update(stakeholder="parents")),
         field="sections[1].stakeholder", value="'parents'"),
    Case("unknown-theme-in-evidence", EV, edit(EV, _set_item(1, 0, theme="trainng_support")),
         field="sections[1].items[0].theme", value="'trainng_support'", rule="unknown theme id"),
    Case("duplicate-section", EV, edit(EV, lambda d: d["sections"].append(copy.deepcopy(d["sections"][1]))),
         field="sections[42]", value="'1/stls/disadvantages'", rule="duplicate section"),
    Case("option-not-in-context", EV, edit(EV, lambda d: d["sections"][0].update(option=7)),
         field="sections[0].option", value="7", rule="not in"),
    Case("no-percent-not-coded", EV, edit(EV, _replace_item(1, 0, {"theme": "training_support", "percent": None})),
         field="sections[1].items[0]", rule="must be marked coded: analyst"),
    Case("percent-and-count", EV,
         edit(EV, _replace_item(1, 0, {"theme": "training_support", "percent": 24, "count": 4})),
         field="sections[1].items[0]", rule="not both"),
    Case("percent-missing", EV, edit(EV, lambda d: d["sections"][1]["items"][0].pop("percent")),
         field="sections[1].items[0].percent", rule="required key is missing"),
    Case("empty-items", EV, edit(EV, lambda d: d["sections"][1].update(items=[])), field="sections[1].items"),
    # ---- themes and criteria
    Case("duplicate-theme-id", TH, edit(TH, lambda d: d["themes"].append({"id": "lift", "label": "LIFT again"})),
         field="themes[33].id", value="'lift'", rule="duplicate theme id"),
    Case("bad-theme-id", TH, edit(TH, lambda d: d["themes"][0].update(id="Inclusion")),
         field="themes[0].id", value="'Inclusion'"),
    Case("theme-not-mapped", CR, edit(CR, lambda d: d["mapping"].pop("lift")),
         field="mapping", value="['lift']", rule="mapped to a criterion or listed under out_of_scope"),
    Case("mapping-unknown-criterion", CR, edit(CR, lambda d: d["mapping"].update(lift="suport")),
         field="mapping.lift", value="'suport'", rule="criterion that does not exist"),
    Case("mapping-unknown-theme", CR, edit(CR, lambda d: d["mapping"].update(lifts="support")),
         field="mapping.lifts", value="'lifts'", rule="not in the taxonomy"),
    Case("mapped-and-out-of-scope", CR, edit(CR, lambda d: d["out_of_scope"].update(lift="not relevant")),
         field="out_of_scope.lift", value="'lift'", rule="both mapped and out of scope"),
    Case("none-theme-mapped", CR, edit(CR, lambda d: (d["out_of_scope"].pop("none_identified"),
                                                        d["mapping"].update(none_identified="support"))),
         field="mapping.none_identified", value="'support'", rule="cannot be mapped"),
    Case("duplicate-criterion-id", CR, edit(CR, lambda d: d["criteria"].append(copy.deepcopy(d["criteria"][0]))),
         field="criteria[8].id", value="'inclusion'", rule="duplicate criterion id"),
    Case("unknown-direction", CR, edit(CR, lambda d: d["criteria"][1].update(direction="costs")),
         field="criteria[1].direction", value="'costs'"),
    # ---- context
    Case("duplicate-option", "criteria/context.yaml",
         edit("criteria/context.yaml", lambda d: d["options"].append(copy.deepcopy(d["options"][3]))),
         field="options[4].id", value="4", rule="duplicate option id"),
    # ---- weight sets
    Case("weights-unknown-criterion", W_EQ, edit(W_EQ, lambda d: d["source"]["weights"].update(fairness=1)),
         field="source.weights", value="['fairness']", rule="criteria that do not exist"),
    Case("weights-missing-criterion", W_EQ, edit(W_EQ, lambda d: d["source"]["weights"].pop("staff")),
         field="source.weights", value="['staff']", rule="every criterion"),
    Case("weights-all-zero", W_EQ,
         edit(W_EQ, lambda d: d["source"].update(weights={k: 0 for k in d["source"]["weights"]})),
         field="source.weights", value="'inclusion': 0", rule="must not all be zero"),
    Case("weights-negative", W_EQ, edit(W_EQ, lambda d: d["source"]["weights"].update(cost=-1)),
         field="source.weights.cost", value="-1"),
    Case("weights-unknown-kind", W_EQ, edit(W_EQ, lambda d: d["source"].update(kind="swing")),
         field="source", value="'swing'"),
    Case("weights-unknown-provenance", W_EQ, edit(W_EQ, lambda d: d.update(provenance="guessed")),
         field="provenance", value="'guessed'"),
    Case("ahp-unknown-criterion", W_AHP, edit(W_AHP, lambda d: d["source"]["criteria"].__setitem__(2, "consistancy")),
         field="source.criteria", value="['consistancy']", rule="criteria that do not exist"),
    Case("ahp-not-square", W_AHP, edit(W_AHP, lambda d: d["source"]["matrix"][3].pop()),
         field="source.matrix", value="[8, 8, 8, 7, 8, 8, 8, 8]", rule="must be square"),
    Case("ahp-not-reciprocal", W_AHP, edit(W_AHP, lambda d: d["source"]["matrix"][0].__setitem__(2, 3)),
         field="source.matrix[0][2]", value="(3.0, 0.5)", rule="not reciprocal"),
    Case("ahp-zero-judgement", W_AHP,
         edit(W_AHP, lambda d: (d["source"]["matrix"][0].__setitem__(4, 0), d["source"]["matrix"][4].__setitem__(0, 0))),
         field="source.matrix", value="0.0", rule="finite and positive"),
    Case("ahp-negative-judgement", W_AHP,
         edit(W_AHP, lambda d: (d["source"]["matrix"][0].__setitem__(4, -4), d["source"]["matrix"][4].__setitem__(0, -0.25))),
         field="source.matrix", value="-4.0", rule="finite and positive"),
    Case("ahp-bad-fraction", W_AHP, edit(W_AHP, lambda d: d["source"]["matrix"][0].__setitem__(4, "four")),
         field="source.matrix", value="'four'"),
    Case("ahp-inconsistent", W_AHP, edit(W_AHP, lambda d: _inconsistent(d["source"]["matrix"])),
         field="source.matrix", value="0.212", rule="consistency ratio", error=InconsistentJudgementsError),
    Case("ahp-unknown-random-index", W_AHP, edit(W_AHP, lambda d: d["source"].update(random_index="saaty")),
         field="source.random_index", value="'saaty'"),
    Case("priorities-unknown-question", W_STLS, edit(W_STLS, lambda d: d["source"].update(question="q9_9")),
         field="source.question", value="'q9_9/stls'", rule="no such question"),
    Case("priorities-wrong-stakeholder", W_STLS, edit(W_STLS, lambda d: d["source"].update(stakeholder="internal")),
         field="source.question", value="'q1_1/internal'", rule="no such question"),
    Case("duplicate-weight-set-name", "weights/equal2.yaml", _duplicate_weight_set,
         field="name", value="'equal'", rule="share a name"),
    Case("empty-weights-folder", "weights", _empty_weights, rule="no weight sets found"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_input_is_refused(project_dir: Path, case: Case) -> None:
    case.mutate(project_dir)
    with pytest.raises(case.error) as info:
        decision.load_project(project_dir)
    exc = info.value
    assert type(exc) is case.error, f"expected {case.error.__name__}, got {type(exc).__name__}: {exc}"
    assert isinstance(exc, ValueError)
    message = str(exc)
    expected_file = str(project_dir / case.file)
    assert exc.file == expected_file
    assert message.startswith(expected_file), message
    if case.field is not None:
        assert exc.field == case.field, message
        assert f"field '{case.field}'" in message
    if case.value is not None:
        assert case.value in message, message
    if case.rule is not None:
        assert case.rule in message, message
    assert "Traceback" not in message


def test_case_corpus_is_large_and_distinct() -> None:
    assert len(CASES) >= 25
    assert len({c.id for c in CASES}) == len(CASES)


def test_malformed_yaml_names_the_line(project_dir: Path) -> None:
    path = project_dir / EV
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    k = next(i for i, line in enumerate(lines) if "comments: 71," in line)
    lines[k] = lines[k].replace("comments: 71,", "comments: 71: 3,")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as info:
        decision.load_project(project_dir)
    exc = info.value
    assert exc.file == str(path)
    assert exc.line == k + 1
    assert str(exc).startswith(f"{path} (line {k + 1}): not valid YAML")


def test_duplicate_key_names_the_line(project_dir: Path) -> None:
    """PyYAML would keep the last of two equal keys; the loader refuses them."""
    path = project_dir / EV
    text = path.read_text(encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "{theme: training_support, percent: 41}" in s)
    path.write_text(text.replace("{theme: training_support, percent: 41}",
                                 "{theme: training_support, percent: 41, percent: 14}"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        decision.load_project(project_dir)
    assert info.value.line == line
    assert str(info.value) == f"{path} (line {line}): not valid YAML: duplicate key 'percent'"


def test_tab_indentation_names_the_line(project_dir: Path) -> None:
    path = project_dir / "appraisal.yaml"
    path.write_text("name: Test\nscoring:\n\tpooling: raw\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        decision.load_project(project_dir)
    assert info.value.line == 3
    assert f"{path} (line 3)" in str(info.value)


def test_validation_error_carries_the_line(project_dir: Path) -> None:
    """A schema error points at the line of the offending value in the file."""
    path = project_dir / EV
    text = path.read_text(encoding="utf-8")
    assert text.count("{theme: training_support, percent: 41}") == 1
    path.write_text(text.replace("{theme: training_support, percent: 41}", "{theme: training_support, percent: 141}"),
                    encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "percent: 41}" in s)
    with pytest.raises(InputError) as info:
        decision.load_project(project_dir)
    exc = info.value
    assert exc.field == "sections[9].items[0].percent"
    assert exc.value == 141
    assert exc.line == line
    assert f"(line {line})" in str(exc)


def test_missing_project_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError) as info:
        decision.load_project(missing)
    assert str(missing) in str(info.value)


def test_missing_weights_folder(project_dir: Path) -> None:
    shutil.rmtree(project_dir / "weights")
    with pytest.raises(InputError) as info:
        decision.load_project(project_dir)
    assert info.value.file == str(project_dir / "weights")
    assert "weights folder is missing" in str(info.value)


def test_inconsistent_matrix_accepted_when_allowed(project_dir: Path) -> None:
    def change(d: Any) -> None:
        _inconsistent(d["source"]["matrix"])
        d["source"]["allow_inconsistent"] = True

    edit(W_AHP, change)(project_dir)
    project = decision.load_project(project_dir)
    appraisal = decision.appraise(project)
    ws = next(w for w in appraisal.weight_sets if w.name == "commissioners")
    assert ws.ahp is not None
    assert ws.ahp.cr == pytest.approx(0.212, abs=5e-4)
    assert any("consistency ratio 0.212" in w and "accepted" in w for w in ws.warnings), ws.warnings
    assert any("consistency ratio 0.212" in w for w in appraisal.warnings)
    assert sum(ws.weights) == pytest.approx(1.0)


def test_fraction_strings_are_judgements(project_dir: Path) -> None:
    """'1/2' in a matrix is a half, as in the bundled file; '1 / 4' with spaces too."""
    edit(W_AHP, lambda d: (d["source"]["matrix"][4].__setitem__(0, "1 / 4")))(project_dir)
    project = decision.load_project(project_dir)
    spec = next(w for w in project.weight_specs if w.name == "commissioners")
    assert spec.source.matrix[4][0] == 0.25
    assert spec.source.matrix[2][0] == 0.5


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_input_through_the_cli_exits_2(project_dir: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """The same corpus through the command line: exit 2, the file named, no traceback."""
    from decision.cli import main

    case.mutate(project_dir)
    code = main(["evidence", "--project", str(project_dir)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(project_dir / case.file) in err
    assert "Traceback" not in err
    assert err.count("\n") == 1  # one paragraph, one line
