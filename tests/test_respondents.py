"""Several respondents: reading the file, Harker's completion, AIJ and AIP
aggregation, consistency flags, the weight file, and bad files refused with
the file, row, column and value named."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
import pytest

import decision
from decision.errors import InputError
from decision.elicitation import import_weights
from decision.weights import (
    aggregate_respondents,
    ahp_priorities,
    harker_complete,
    known_consistency_ratio,
    read_respondents,
)

from .conftest import copy_project

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "respondents_example.csv"
ABC = ("a", "b", "c")




def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ aggregation by hand
THREE = "respondent,a__b,a__c,b__c\nR1,2,4,2\nR2,3,3,1\nR3,1,2,4\n"


def test_aij_of_three_respondents_by_hand(tmp_path: Path) -> None:
    rows = read_respondents(write_csv(tmp_path / "r.csv", THREE), ABC)
    g = aggregate_respondents(rows, ABC, aggregate="aij")
    # Geometric mean of each judgement over the three respondents.
    g12, g13, g23 = (2 * 3 * 1) ** (1 / 3), (4 * 3 * 2) ** (1 / 3), (2 * 1 * 4) ** (1 / 3)
    assert g.matrix is not None
    assert g.matrix[0, 1] == pytest.approx(g12, rel=1e-6)
    assert g.matrix[0, 2] == pytest.approx(g13, rel=1e-6)
    assert g.matrix[1, 2] == pytest.approx(g23, rel=1e-6)
    assert g.matrix[2, 1] == pytest.approx(1 / g23, rel=1e-6)
    # For a 3x3 matrix the principal eigenvector is the normalised geometric mean of the rows.
    rows_gm = np.array([(g12 * g13) ** (1 / 3), (g23 / g12) ** (1 / 3), (1 / (g13 * g23)) ** (1 / 3)])
    assert g.weights == pytest.approx(rows_gm / rows_gm.sum(), abs=1e-6)
    # and lambda_max = 1 + r + 1/r with r = (a12 a23 / a13)^(1/3) = 2^(1/9) here.
    r = (g12 * g23 / g13) ** (1 / 3)
    assert r == pytest.approx(2 ** (1 / 9))
    assert g.cr == pytest.approx((1 + r + 1 / r - 3) / 2 / 0.58, abs=1e-6)


def test_aip_of_three_respondents_by_hand(tmp_path: Path) -> None:
    rows = read_respondents(write_csv(tmp_path / "r.csv", THREE), ABC)
    g = aggregate_respondents(rows, ABC, aggregate="aip")
    # R1 and R2 are consistent: weights (4, 2, 1)/7 and (3, 1, 1)/5. R3 is not;
    # for n = 3 its eigenvector is the row geometric mean: 2^(1/3), 4^(1/3), 1/2.
    w1 = np.array([4, 2, 1]) / 7
    w2 = np.array([3, 1, 1]) / 5
    r3 = np.array([2 ** (1 / 3), 4 ** (1 / 3), 0.5])
    w3 = r3 / r3.sum()
    for person, w in zip(g.respondents, (w1, w2, w3)):
        assert person.weights == pytest.approx(w, abs=1e-9)
    gm = (w1 * w2 * w3) ** (1 / 3)
    assert g.weights == pytest.approx(gm / gm.sum(), abs=1e-9)
    assert g.matrix is None and g.cr is None
    # Spread: per criterion min, max and sample standard deviation of the respondents' weights.
    stack = np.stack([w1, w2, w3])
    assert g.weight_min == pytest.approx(stack.min(axis=0))
    assert g.weight_max == pytest.approx(stack.max(axis=0))
    assert g.weight_sd == pytest.approx(stack.std(axis=0, ddof=1))
    # Geometric standard deviation of the a__b judgements 2, 3, 1.
    logs = np.log([2, 3, 1])
    assert g.dispersion[0, 1] == pytest.approx(math.exp(logs.std(ddof=1)))


def test_aij_and_aip_differ_for_four_inconsistent_respondents() -> None:
    ids = ("a", "b", "c", "d")
    from decision.weights import RespondentRow

    def row(name: str, k: int, vals: list[float]) -> RespondentRow:
        keys = ["a__b", "a__c", "a__d", "b__c", "b__d", "c__d"]
        return RespondentRow(name=name, row=k, judgements=dict(zip(keys, vals)))

    rows = [row("P", 2, [3, 5, 1 / 2, 4, 1, 1 / 3]), row("Q", 3, [1, 1 / 3, 2, 5, 3, 7])]
    aij = aggregate_respondents(rows, ids, aggregate="aij")
    aip = aggregate_respondents(rows, ids, aggregate="aip")
    w = np.stack([p.weights for p in aip.respondents])
    gm = np.exp(np.log(w).mean(axis=0))
    assert aip.weights == pytest.approx(gm / gm.sum())
    assert not np.allclose(aij.weights, aip.weights, atol=1e-4)


# ------------------------------------------------------------------ Harker
def test_harker_three_by_three_one_missing_by_hand() -> None:
    # a12 = 2, a23 = 3, a13 missing. Harker's matrix C has 0 for the missing
    # entries and 1 + (missing in the row) on the diagonal:
    #   C = [[2, 2, 0], [1/2, 1, 3], [0, 1/3, 2]]
    # w = (6, 3, 1): C w = (18, 9, 3) = 3 w, so lambda = 3, and the completed
    # entry is w1 / w3 = 6 (= a12 a23: two judgements form no cycle, so none disagree).
    nan = float("nan")
    h = harker_complete([[1, 2, nan], [1 / 2, 1, 3], [nan, 1 / 3, 1]])
    assert h.weights == pytest.approx([0.6, 0.3, 0.1])
    assert h.matrix[0, 2] == pytest.approx(6.0)
    assert h.matrix[2, 0] == pytest.approx(1 / 6)
    assert h.lambda_max == pytest.approx(3.0)
    assert h.missing == ((0, 2),)
    c = np.array([[2, 2, 0], [1 / 2, 1, 3], [0, 1 / 3, 2]])
    assert c @ np.array([6, 3, 1]) == pytest.approx(3 * np.array([6, 3, 1]))


def test_harker_weights_are_the_eigenvector_of_the_completed_matrix() -> None:
    rng = np.random.default_rng(3)
    n = 6
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = float(rng.choice([1 / 5, 1 / 3, 1, 2, 3, 5, 7]))
            a[j, i] = 1 / a[i, j]
    for i, j in [(0, 3), (2, 5), (1, 4)]:
        a[i, j] = a[j, i] = np.nan
    h = harker_complete(a)
    full = ahp_priorities(h.matrix)
    assert h.weights == pytest.approx(full.weights, abs=1e-10)
    assert h.lambda_max == pytest.approx(full.lambda_max, abs=1e-9)
    # CR of the given judgements = CR of the completed matrix x N / k.
    n_pairs, known = n * (n - 1) // 2, n * (n - 1) // 2 - 3
    assert known_consistency_ratio(a, h.weights) == pytest.approx(full.cr * n_pairs / known)
    # With nothing missing the two are the same.
    assert known_consistency_ratio(h.matrix, full.weights) == pytest.approx(full.cr)


def test_missing_judgement_is_completed_and_flagged(tmp_path: Path) -> None:
    text = "respondent,a__b,a__c,b__c\nR1,2,,3\nR2,2,6,3\n"
    rows = read_respondents(write_csv(tmp_path / "r.csv", text), ABC)
    assert rows[0].judgements["a__c"] is None
    g = aggregate_respondents(rows, ABC)
    r1 = g.respondents[0]
    assert r1.completed == ((0, 2, pytest.approx(6.0)),)
    assert r1.cr == pytest.approx(0.0, abs=1e-9) and not r1.inconsistent
    assert g.respondents[1].completed == ()


def test_disconnected_respondent_is_an_error_naming_the_row(tmp_path: Path) -> None:
    text = "respondent,a__b,a__c,b__c\nR1,2,4,2\nLonely,3,,\n"
    path = write_csv(tmp_path / "r.csv", text)
    rows = read_respondents(path, ABC)
    with pytest.raises(InputError) as err:
        aggregate_respondents(rows, ABC, file=str(path))
    assert err.value.file == str(path)
    assert err.value.field == "row 3 (respondent Lonely)"
    assert "do not link every criterion" in err.value.rule and "{c}" in err.value.rule


# ------------------------------------------------------------------ the example file
def test_example_file_flags_the_inconsistent_respondent_and_the_missing_judgement(bundled_project) -> None:  # type: ignore[no-untyped-def]
    ids = bundled_project.criteria.ids
    rows = read_respondents(EXAMPLE, ids)
    assert [r.name for r in rows] == ["Respondent A", "Respondent B", "Respondent C", "Respondent D"]
    g = aggregate_respondents(rows, ids)
    assert [p.name for p in g.inconsistent] == ["Respondent B"]
    assert g.respondents[1].cr > 0.10
    assert all(p.cr <= 0.10 for k, p in enumerate(g.respondents) if k != 1)
    completed = {p.name: p.completed for p in g.respondents if p.completed}
    assert list(completed) == ["Respondent C"]
    (i, j, _), = completed["Respondent C"]
    assert (ids[i], ids[j]) == ("staff", "support")
    c = g.respondents[2]
    assert c.cr_known == pytest.approx(c.cr * 28 / 27)
    assert g.weights.sum() == pytest.approx(1.0)


def test_import_writes_a_weight_file_the_appraisal_uses(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    lines: list[str] = []
    group, path = import_weights(EXAMPLE, project=project, weight_set="panel", output=lines.append)
    assert path == project / "weights" / "panel.yaml"
    text = "\n".join(lines)
    assert "Respondent B (row 3), CR 0.185 > 0.10" in text
    assert "Respondent C (row 4): 1 missing judgement completed by Harker's method: staff__support" in text
    loaded = decision.load_project(project)
    spec = next(s for s in loaded.weight_specs if s.name == "panel")
    assert spec.provenance == "elicited" and spec.source.kind == "ahp"
    assert spec.respondents is not None and spec.respondents["aggregate"] == "aij"
    people = spec.respondents["people"]
    assert isinstance(people, list) and [p["inconsistent"] for p in people] == [False, True, False, False]
    assert people[2]["completed"] == {"staff__support": pytest.approx(float(group.respondents[2].completed[0][2]), abs=1e-6)}
    appraisal = decision.appraise(loaded)
    ws = next(w for w in appraisal.weight_sets if w.name == "panel")
    assert ws.weights == pytest.approx(tuple(group.weights), abs=1e-12)
    # A second import refuses to overwrite without force, and replaces with it.
    with pytest.raises(InputError, match="already exists; pass --force"):
        import_weights(EXAMPLE, project=project, weight_set="panel", output=lines.append)
    import_weights(EXAMPLE, project=project, weight_set="panel", aggregate="aip", force=True, output=lines.append)
    spec = next(s for s in decision.load_project(project).weight_specs if s.name == "panel")
    assert spec.source.kind == "direct" and spec.respondents is not None and spec.respondents["aggregate"] == "aip"


def test_cli_dispatch_runs_weights_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from decision.cli import people as cli_people

    project = copy_project(tmp_path / "p")
    parser = argparse.ArgumentParser(prog="decision")
    cli_people.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["weights", "import", str(EXAMPLE), "--weight-set", "panel", "--project", str(project)])
    assert cli_people.dispatch(args) == 0
    assert "Wrote" in capsys.readouterr().out
    assert cli_people.dispatch(argparse.Namespace(command="appraise")) is None


# ------------------------------------------------------------------ .xlsx
def test_xlsx_reads_like_csv(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["respondent", "a__b", "a__c", "b__c"])
    ws.append(["R1", 2, 4, "2"])
    ws.append(["R2", 3, None, 1])
    ws.append(["R3", 1, 2, "1/4"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    rows = read_respondents(path, ABC)
    assert [r.judgements for r in rows] == [
        {"a__b": 2.0, "a__c": 4.0, "b__c": 2.0},
        {"a__b": 3.0, "a__c": None, "b__c": 1.0},
        {"a__b": 1.0, "a__c": 2.0, "b__c": 0.25},
    ]
    ws.cell(row=3, column=3, value="lots")
    wb.save(path)
    with pytest.raises(InputError) as err:
        read_respondents(path, ABC)
    assert err.value.field == "row 3, column C (a__c)" and err.value.value == "lots"


def test_broken_xlsx_is_an_input_error(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")  # without it the message says openpyxl is needed
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(InputError, match="not a readable .xlsx workbook") as err:
        read_respondents(path, ABC)
    assert err.value.file == str(path)


# ------------------------------------------------------------------ bad files
BAD = [
    ("unknown criterion", "respondent,a__b,a__x,b__c\nR1,2,4,2\n", "row 1, column C", "a__x", "criterion that does not exist"),
    ("not a pair", "respondent,a__b,a__c,b__c,notes\nR1,2,4,2,x\n", "row 1, column E", "notes", "unknown column"),
    ("reversed pair", "respondent,a__b,c__a,b__c\nR1,2,4,2\n", "row 1, column C", "c__a", "criteria order: write a__c"),
    ("duplicate column", "respondent,a__b,a__c,b__c,a__b\nR1,2,4,2,2\n", "row 1, column E", "a__b", "appears twice"),
    ("missing pair column", "respondent,a__b,a__c\nR1,2,4\n", "row 1", None, "no column for 1 pair of criteria"),
    ("no respondent column", "who,a__b,a__c,b__c\nR1,2,4,2\n", "row 1, column A", "who", "unknown column"),
    ("duplicate respondent", "respondent,a__b,a__c,b__c\nR1,2,4,2\nr1,1,1,1\n", "row 3, column A (respondent)", "r1", "duplicate respondent (also in row 2)"),
    ("empty respondent", "respondent,a__b,a__c,b__c\n,2,4,2\n", "row 2, column A (respondent)", "", "needs a respondent name"),
    ("non-numeric", "respondent,a__b,a__c,b__c\nR1,2,lots,2\n", "row 2, column C (a__c)", "lots", "number or a fraction"),
    ("zero", "respondent,a__b,a__c,b__c\nR1,2,0,2\n", "row 2, column C (a__c)", "0", "must be positive"),
    ("negative", "respondent,a__b,a__c,b__c\nR1,2,4,-2\n", "row 2, column D (b__c)", "-2", "must be positive"),
    ("too large", "respondent,a__b,a__c,b__c\nR1,2,10,2\n", "row 2, column C (a__c)", "10", "between 1/9 and 9"),
    ("too small", "respondent,a__b,a__c,b__c\nR1,2,1/10,2\n", "row 2, column C (a__c)", "1/10", "between 1/9 and 9"),
    ("infinite", "respondent,a__b,a__c,b__c\nR1,2,inf,2\n", "row 2, column C (a__c)", "inf", "finite"),
    ("divide by zero", "respondent,a__b,a__c,b__c\nR1,2,1/0,2\n", "row 2, column C (a__c)", "1/0", "divides by zero"),
    ("value without header", "respondent,a__b,a__c,b__c\nR1,2,4,2,7\n", "row 2, column E", "7", "without a header"),
]


@pytest.mark.parametrize(("case", "text", "where", "value", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_name_file_row_column_and_value(tmp_path: Path, case: str, text: str, where: str, value: object, words: str) -> None:
    path = write_csv(tmp_path / "r.csv", text)
    with pytest.raises(InputError) as err:
        read_respondents(path, ABC)
    e = err.value
    assert e.file == str(path)
    assert e.field is not None and e.field.startswith(where), e.field
    assert e.value == value
    assert words in e.rule
    assert str(path) in str(e) and where in str(e)


@pytest.mark.parametrize(("text", "words"), [("", "file is empty"), ("\n\n", "file is empty"),
                                             ("respondent,a__b,a__c,b__c\n", "no respondents")])
def test_empty_files(tmp_path: Path, text: str, words: str) -> None:
    path = write_csv(tmp_path / "r.csv", text)
    with pytest.raises(InputError, match=words) as err:
        read_respondents(path, ABC)
    assert err.value.file == str(path)


def test_other_file_problems(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_respondents(tmp_path / "none.csv", ABC)
    with pytest.raises(InputError, match=r"must be \.csv or \.xlsx"):
        read_respondents(write_csv(tmp_path / "r.txt", THREE), ABC)
    bad = tmp_path / "latin.csv"
    bad.write_bytes("respondent,a__b,a__c,b__c\nR\xe9,2,4,2\n".encode("latin-1"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_respondents(bad, ABC)


def test_semicolons_bom_blank_rows_and_fractions_are_read(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffrespondent;a__b;a__c;b__c\r\n Ann  Lee ;1/2; 0.11 ;9\r\n;;;\r\n".encode("utf-8"))
    (row,) = read_respondents(path, ABC)
    assert row.name == "Ann Lee" and row.row == 2
    assert row.judgements == {"a__b": 0.5, "a__c": pytest.approx(0.11), "b__c": 9.0}


def test_missing_pair_column_is_named_as_missing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", "respondent,a__b,a__c\nR1,2,4\n")
    with pytest.raises(InputError) as err:
        read_respondents(path, ABC)
    assert "(missing: ['b__c'])" in str(err.value)
    assert "found" not in str(err.value)
