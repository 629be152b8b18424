"""The project's allocation file (``criteria/allocation.yaml``): a project
with other units and factors, the ranking listed in the file, a project with
no allocation file, and the file's rules.

The two-ward project below is invented for these tests: figures chosen so
the shares can be worked by hand.
"""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from decision.allocation import (
    ALLOCATION_FILE,
    allocate,
    load_allocation,
    parse_budget,
    ranked_factors,
    ranking_source,
    read_table,
    write_allocation,
)
from decision.errors import InputError
from decision.project.loader import load_project

ROOT = Path(__file__).resolve().parents[1]

WARDS = """\
unit: ward
units: [North Ward, South Ward]
factors:
  - {id: residents, label: Residents}
  - {id: roads_km, label: Road length}
  - {id: parks, label: Parks}
ranking:
  source: listed
"""
# residents: 1 and 3 (proportions 1/4, 3/4); roads: 1 and 1 (1/2, 1/2); parks: 3 and 1 (3/4, 1/4).
WARD_TABLE = "ward,residents,roads_km,parks\nNorth Ward,1,1,3\nSouth Ward,3,1,1\n"


@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project's input files, in a folder the tests may change copies of."""
    base = tmp_path_factory.mktemp("bundled")
    shutil.copytree(ROOT / "criteria", base / "criteria")
    shutil.copytree(ROOT / "weights", base / "weights")
    shutil.copy2(ROOT / "appraisal.yaml", base / "appraisal.yaml")
    return base


def project_with(bundled_copy: Path, tmp_path: Path, allocation: str | None) -> Path:
    """A copy of the bundled project whose allocation file is ``allocation`` (None: no file)."""
    root = tmp_path / "project"
    shutil.copytree(bundled_copy, root)
    target = root / ALLOCATION_FILE
    if allocation is None:
        target.unlink()
    else:
        target.write_text(allocation, encoding="utf-8")
    return root


def test_other_units_and_a_listed_ranking_by_hand(bundled_copy: Path, tmp_path: Path) -> None:
    """Three factors ranked as listed. ROC weights for n = 3:
    w_1 = (1 + 1/2 + 1/3)/3 = 11/18, w_2 = (1/2 + 1/3)/3 = 5/18, w_3 = (1/3)/3 = 2/18.
    North: 11/18 * 1/4 + 5/18 * 1/2 + 2/18 * 3/4 = (11 + 10 + 6)/72 = 3/8; South: 5/8.
    A budget of 10.01 gives quotas 375.375p and 625.625p: rounded down they
    leave one penny, which goes to the larger remainder (South)."""
    root = project_with(bundled_copy, tmp_path, WARDS)
    project = load_project(root)
    spec = load_allocation(project)
    assert (spec.unit, spec.unit_plural, spec.units) == ("ward", "wards", ("North Ward", "South Ward"))
    factors = ranked_factors(project, spec)
    assert [(f.rank, f.column, f.name) for f in factors] == [(1, "residents", "Residents"), (2, "roads_km", "Road length"),
                                                             (3, "parks", "Parks")]
    csv_path = tmp_path / "wards.csv"
    csv_path.write_text(WARD_TABLE, encoding="utf-8")
    table = read_table(csv_path, spec, factors)
    a = allocate(factors, table, budget_pence=parse_budget("10.01"), source=ranking_source(project, spec))
    assert float(a.shares["roc"][0]) == pytest.approx(float(Fraction(3, 8)), abs=1e-15)
    assert float(a.shares["roc"][1]) == pytest.approx(float(Fraction(5, 8)), abs=1e-15)
    assert a.amounts_pence == (375, 626)
    assert a.source["file"] == ALLOCATION_FILE and a.source["key"] == "factors" and "question" not in a.source

    out = write_allocation(a, tmp_path / "out")
    assert (out / "allocation.csv").read_text(encoding="utf-8").splitlines()[0] == \
        "ward,share_roc,share_rank_sum,share_reciprocal,share_ahp,amount_gbp_roc"
    doc = json.loads((out / "allocation.json").read_text(encoding="utf-8"))
    assert [w["ward"] for w in doc["wards"]] == ["North Ward", "South Ward"]
    assert [w["amount"] for w in doc["wards"]] == ["3.75", "6.26"]
    assert "districts" not in doc


def test_table_is_checked_against_the_projects_units(bundled_copy: Path, tmp_path: Path) -> None:
    root = project_with(bundled_copy, tmp_path, WARDS)
    project = load_project(root)
    spec = load_allocation(project)
    factors = ranked_factors(project, spec)
    bad = tmp_path / "bad.csv"
    bad.write_text(WARD_TABLE.replace("South Ward", "East Ward"), encoding="utf-8")
    with pytest.raises(InputError, match="unknown ward") as e:
        read_table(bad, spec, factors)
    assert e.value.line == 3 and e.value.field == "ward" and e.value.value == "East Ward"
    assert "North Ward, South Ward" in e.value.rule
    bad.write_text(WARD_TABLE.replace("ward,", "district,"), encoding="utf-8")
    with pytest.raises(InputError, match="unknown column") as e:
        read_table(bad, spec, factors)
    assert e.value.field == "district"


def test_no_allocation_file_is_one_line_and_exit_2(bundled_copy: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from decision import cli

    root = project_with(bundled_copy, tmp_path, None)
    with pytest.raises(InputError, match="no allocation file") as e:
        load_allocation(load_project(root))
    assert e.value.file == str(root / ALLOCATION_FILE)
    table = tmp_path / "t.csv"
    table.write_text(WARD_TABLE, encoding="utf-8")
    assert cli.main(["allocate", "--table", str(table), "--project", str(root), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(root / ALLOCATION_FILE) in err and "no allocation file" in err
    assert not (tmp_path / "o").exists()


# (name, file content, rule words, field, line, value)
BAD_FILES: list[tuple[str, str, str, str | None, int | None, object]] = [
    ("unknown key", WARDS + "colour: blue\n", "unknown key", "colour", 9, None),
    ("missing key", WARDS.replace("unit: ward\n", ""), "required key is missing", "unit", None, None),
    ("no units", WARDS.replace("[North Ward, South Ward]", "[]"), "at least 1", "units", 2, None),
    ("unit not an id", WARDS.replace("unit: ward", "unit: Ward"), "pattern", "unit", 1, "Ward"),
    ("unit twice", WARDS.replace("South Ward]", "north  ward]"), "ward is given twice (first as units[0])", "units[1]",
     2, "north  ward"),
    ("factor id twice", WARDS.replace("id: parks", "id: residents"), "factor id is given twice (first as factors[0])",
     "factors[2].id", 6, "residents"),
    ("label twice", WARDS.replace("label: Parks", "label: road  LENGTH"), "factor label is given twice",
     "factors[2].label", 6, "road  LENGTH"),
    ("factor id is the unit", WARDS.replace("id: parks", "id: ward"), "unit's column", "factors[2].id", 6, "ward"),
    ("unknown source", WARDS.replace("source: listed", "source: survey"), "Input should be", "ranking.source", 8,
     "survey"),
    ("not yaml", "unit: [ward\n", "not valid YAML", None, None, None),
]


@pytest.mark.parametrize(("name", "content", "rule", "field", "line", "value"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_allocation_files(bundled_copy: Path, tmp_path: Path, name: str, content: str, rule: str,
                              field: str | None, line: int | None, value: object) -> None:
    root = project_with(bundled_copy, tmp_path, content)
    with pytest.raises(InputError) as e:
        load_allocation(load_project(root))
    err = e.value
    assert rule in err.rule, str(err)
    assert err.file == str(root / ALLOCATION_FILE)
    if field is not None:
        assert err.field == field, str(err)
    if line is not None:
        assert err.line == line, str(err)
    if value is not None:
        assert err.value == value, str(err)


def test_questions_ranking_must_name_declared_factors(bundled_copy: Path, tmp_path: Path) -> None:
    """With ``source: questions`` every factor the questions file ranks must be declared."""
    text = (ROOT / ALLOCATION_FILE).read_text(encoding="utf-8")
    root = project_with(bundled_copy, tmp_path, text.replace('label: "Share of special schools"', 'label: "Special schools"'))
    project = load_project(root)
    with pytest.raises(InputError, match="not declared") as e:
        ranked_factors(project, load_allocation(project))
    assert e.value.file is not None and e.value.file.endswith("questions.yaml")
    assert e.value.field == "funding_factors.ranking[rank 9].factor"
    assert e.value.value == "Share of special schools"


def test_bundled_source_is_recorded() -> None:
    project = load_project(ROOT)
    src = ranking_source(project, load_allocation(project))
    assert list(src) == ["file", "key", "question", "sha256"]
    assert (src["file"], src["key"], src["question"]) == ("criteria/questions.yaml", "funding_factors", "2.3")
