"""``decision allocate``: the project's allocation file, factor weights from
the ranking, unit shares, whole-penny amounts, input validation and the
output folder. Most tests use the bundled project's allocation file (Kent's
twelve districts and the nine funding factors schools ranked).

The district figures in ``tests/data/districts_synthetic.csv`` are SYNTHETIC:
invented round numbers chosen so the arithmetic is easy to follow, not data
about any Kent district. Every factor column totals 1200. Dover is 300 on the
top-ranked factor and 100 on every other; Sevenoaks is 300 on the
fourth-ranked factor (mainstream_schools) and 100 on every other.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import hashlib
import json
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import decision.allocation as alloc
import decision.allocation.write as alloc_write
from decision.cli import allocate as cli_allocate
from decision.allocation import (
    RULES,
    Allocation,
    AllocationSpec,
    UnitTable,
    allocate,
    largest_remainder,
    load_allocation,
    parse_budget,
    rank_weights,
    ranked_factors,
    read_table,
    write_allocation,
)
from decision.errors import InputError
from decision.weights import roc_weights

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = ROOT / "tests" / "data" / "districts_synthetic.csv"
TEMPLATE = ROOT / "criteria" / "districts_template.csv"
ALLOCATION_YAML = ROOT / "criteria" / "allocation.yaml"
_BUNDLED = yaml.safe_load(ALLOCATION_YAML.read_text(encoding="utf-8"))
#: The bundled project's units and factors, as its allocation file lists them.
KENT_DISTRICTS: tuple[str, ...] = tuple(_BUNDLED["units"])
FACTOR_COLUMNS: dict[str, str] = {f["id"]: f["label"] for f in _BUNDLED["factors"]}
COLUMNS = list(FACTOR_COLUMNS)  # listed in the schools' rank order
FILES = {"allocation.csv", "allocation.json", "chart_allocation.png", "manifest.json"}


@functools.cache
def bundled_spec() -> AllocationSpec:
    from decision import load_project

    return load_allocation(load_project(ROOT))


def read_districts(path: str | Path, factors: Sequence[alloc.Factor]) -> UnitTable:
    """The bundled project's district table."""
    return read_table(path, bundled_spec(), factors)


@pytest.fixture(scope="module")
def factors() -> tuple[alloc.Factor, ...]:
    from decision import load_project

    return ranked_factors(load_project(ROOT), bundled_spec())


@pytest.fixture(scope="module")
def synthetic(factors: tuple[alloc.Factor, ...]) -> Allocation:
    return allocate(factors, read_districts(SYNTHETIC, factors), budget_pence=100_000_000)


def figures() -> dict[str, list[int]]:
    with open(SYNTHETIC, encoding="utf-8", newline="") as fh:
        return {row["district"]: [int(row[c]) for c in COLUMNS] for row in csv.DictReader(fh)}


def share(a: Allocation, rule: str, district: str) -> float:
    return float(a.shares[rule][KENT_DISTRICTS.index(district)])


# ------------------------------------------------------------------ weights


def test_ranking_comes_from_the_project(factors: tuple[alloc.Factor, ...]) -> None:
    assert [f.column for f in factors] == COLUMNS
    assert [f.rank for f in factors] == list(range(1, 10))
    assert factors[0].name == "Share of pupils with an EHCP in mainstream schools, by school district"
    assert factors[-1].name == "Share of special schools"


def test_unknown_factor_in_the_ranking_names_questions_file() -> None:
    from decision import load_project

    project = load_project(ROOT)
    odd = dataclasses.replace(project, funding_factors=("Share of pupils with blue eyes",) + project.funding_factors[1:])
    with pytest.raises(InputError) as e:
        ranked_factors(odd, bundled_spec())
    assert e.value.file is not None and e.value.file.endswith("questions.yaml")
    assert e.value.value == "Share of pupils with blue eyes"
    with pytest.raises(InputError, match="no ranking"):
        ranked_factors(dataclasses.replace(project, funding_factors=()), bundled_spec())


def test_rule_weights_follow_their_formulas() -> None:
    n = 9
    r = np.arange(1, n + 1)
    expected = {
        "roc": roc_weights(n),
        "rank_sum": 2 * (n + 1 - r) / (n * (n + 1)),
        "reciprocal": (1 / r) / (1 / r).sum(),
    }
    for rule, w in expected.items():
        np.testing.assert_allclose(rank_weights(n, rule).weights, w, rtol=0, atol=1e-15)
    for rule in RULES:
        w = rank_weights(n, rule).weights
        assert w.sum() == pytest.approx(1.0, abs=1e-12)
        assert np.all(np.diff(w) < 0), rule  # strictly falling with rank
    assert rank_weights(9, "rank_sum").weights[0] == pytest.approx(0.2)  # 18 / 90


def test_ahp_from_ranking_matrix_and_consistency() -> None:
    a = alloc.ahp_ranking_matrix(9)
    assert a[0, 1] == 2 and a[0, 2] == 3 and a[0, 8] == 9 and a[3, 5] == 3
    np.testing.assert_allclose(a * a.T, np.ones((9, 9)))
    assert np.all(np.diag(a) == 1)
    # The cap at 9 binds only for rank gaps of 9 or more.
    assert alloc.ahp_ranking_matrix(12)[0, 11] == 9
    w = rank_weights(9, "ahp")
    assert w.ahp is not None
    assert 0 < w.ahp.cr < 0.10  # not perfectly consistent (a_13 = 3, a_12 * a_23 = 4), but acceptable
    assert w.ahp.cr == pytest.approx(0.0346, abs=5e-4)


def test_unknown_rule() -> None:
    with pytest.raises(InputError, match="unknown weighting rule"):
        rank_weights(9, "borda")
    assert cli_allocate.RULE_CHOICES == RULES


# ------------------------------------------------------------------- shares


def test_synthetic_columns_total_1200() -> None:
    """The reasoning in the direction tests below relies on this."""
    data = figures()
    assert list(data) == list(KENT_DISTRICTS)
    assert [sum(v[j] for v in data.values()) for j in range(9)] == [1200] * 9
    assert data["Dover"] == [300] + [100] * 8
    assert data["Sevenoaks"] == [100, 100, 100, 300, 100, 100, 100, 100, 100]


def test_shares_sum_to_one_under_every_rule(synthetic: Allocation) -> None:
    assert set(synthetic.shares) == set(RULES)
    for rule in RULES:
        s = synthetic.shares[rule]
        assert s.shape == (12,)
        assert float(s.sum()) == pytest.approx(1.0, abs=1e-12)
        assert np.all(s > 0)
    np.testing.assert_allclose(synthetic.proportions.sum(axis=0), np.ones(9))


def test_roc_share_by_hand(synthetic: Allocation) -> None:
    """Maidstone under rank-order centroid, from the formula, in exact fractions.

    w_k = (1/9) * (1/k + 1/(k+1) + ... + 1/9); p_k = Maidstone's figure / 1200;
    share = sum_k w_k p_k.
    """
    w = [Fraction(1, 9) * sum(Fraction(1, i) for i in range(k, 10)) for k in range(1, 10)]
    assert w[0] == Fraction(7129, 22680)  # H_9 / 9
    assert w[8] == Fraction(1, 81)
    maidstone = [120, 140, 150, 110, 130, 120, 130, 130, 150]
    expected = sum(wk * Fraction(x, 1200) for wk, x in zip(w, maidstone))
    assert share(synthetic, "roc", "Maidstone") == pytest.approx(float(expected), rel=0, abs=1e-15)
    assert float(expected) == pytest.approx(0.107725235, abs=1e-9)
    # Dover: p_1 = 300/1200 = 1/4 and p_k = 1/12 otherwise, so
    # share = w_1/4 + (1 - w_1)/12 = 1/12 + w_1/6.
    dover = Fraction(1, 12) + w[0] / 6
    assert share(synthetic, "roc", "Dover") == pytest.approx(float(dover), rel=0, abs=1e-15)


def test_top_factor_district_gains_most_under_reciprocal(synthetic: Allocation) -> None:
    """For a district with p_1 > c and p_f = c on every other factor,
    share = sum_f w_f p_f = c + w_1 (p_1 - c) because the weights sum to 1:
    it rises with the top factor's weight alone. w_1 is 1/H_9 = 0.354 under
    reciprocal, H_9/9 = 0.314 under ROC and 2/10 = 0.2 under rank sum, so
    Dover (p_1 = 1/4, c = 1/12) is ordered reciprocal > ROC > rank sum."""
    w1 = {r: float(rank_weights(9, r).weights[0]) for r in RULES}
    assert w1["reciprocal"] > w1["roc"] > w1["rank_sum"]
    s = {r: share(synthetic, r, "Dover") for r in RULES}
    assert s["reciprocal"] > s["roc"] > s["rank_sum"]
    for r in RULES:
        assert s[r] == pytest.approx(1 / 12 + w1[r] * (1 / 4 - 1 / 12), abs=1e-12)
    # Dover gains more from rank sum -> reciprocal than any other district.
    gain = synthetic.shares["reciprocal"] - synthetic.shares["rank_sum"]
    assert KENT_DISTRICTS[int(np.argmax(gain))] == "Dover"


def test_middle_factor_district_gains_under_rank_sum(synthetic: Allocation) -> None:
    """Same reasoning for Sevenoaks, strong only on the 4th-ranked factor:
    share = 1/12 + w_4 (1/4 - 1/12). Rank sum keeps more weight in the middle
    ranks (w_4 = 12/90 = 0.133) than ROC (0.111) or reciprocal (0.088), so
    Sevenoaks is ordered rank sum > ROC > reciprocal."""
    w4 = {r: float(rank_weights(9, r).weights[3]) for r in RULES}
    assert w4["rank_sum"] > w4["roc"] > w4["reciprocal"]
    s = {r: share(synthetic, r, "Sevenoaks") for r in RULES}
    assert s["rank_sum"] > s["roc"] > s["reciprocal"]
    for r in RULES:
        assert s[r] == pytest.approx(1 / 12 + w4[r] * (1 / 4 - 1 / 12), abs=1e-12)


def test_counts_or_percentages_give_the_same_shares(factors: tuple[alloc.Factor, ...], tmp_path: Path) -> None:
    """Only proportions matter: scaling one factor's column changes nothing."""
    rows = SYNTHETIC.read_text(encoding="utf-8").splitlines()
    out = [rows[0]]
    for line in rows[1:]:
        cells = line.split(",")
        cells[3] = str(Decimal(cells[3]) / 12)  # mainstream_pupils as a percentage-like figure
        out.append(",".join(cells))
    scaled = tmp_path / "scaled.csv"
    scaled.write_text("\n".join(out) + "\n", encoding="utf-8")
    a = allocate(factors, read_districts(SYNTHETIC, factors))
    b = allocate(factors, read_districts(scaled, factors))
    for r in RULES:
        np.testing.assert_allclose(a.shares[r], b.shares[r], rtol=0, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 10_000), min_size=9, max_size=9), min_size=12, max_size=12))
def test_shares_sum_to_one_for_any_figures(rows: list[list[int]]) -> None:
    x = np.array(rows, dtype=float)
    x[0] += 1  # every column needs a positive total
    p = alloc.proportions(x)
    for rule in RULES:
        s = alloc.unit_shares(p, rank_weights(9, rule).weights)
        assert float(s.sum()) == pytest.approx(1.0, abs=1e-12)
        assert np.all(s >= 0)


# -------------------------------------------------------------------- money


@pytest.mark.parametrize("budget", ["1000000.00", "999,999.99", "0.11", "0", "12345678901.07"])
def test_amounts_sum_to_the_budget_to_the_penny(factors: tuple[alloc.Factor, ...], budget: str) -> None:
    pence = parse_budget(budget)
    table = read_districts(SYNTHETIC, factors)
    for rule in RULES:
        a = allocate(factors, table, rule=rule, budget_pence=pence)
        assert a.amounts_pence is not None
        assert sum(a.amounts_pence) == pence
        assert all(isinstance(x, int) and x >= 0 for x in a.amounts_pence)
        # Each amount is its exact quota rounded down or up.
        for x, s in zip(a.amounts_pence, a.headline):
            quota = Fraction(pence) * Fraction(float(s)) / sum(Fraction(float(t)) for t in a.headline)
            assert quota - 1 < x < quota + 1


def test_awkward_budget_amounts(synthetic: Allocation, factors: tuple[alloc.Factor, ...]) -> None:
    a = allocate(factors, synthetic.table, budget_pence=parse_budget("999,999.99"))
    assert a.amounts_pence is not None
    assert sum(a.amounts_pence) == 99_999_999
    assert alloc.format_pence(a.amounts_pence[KENT_DISTRICTS.index("Maidstone")]) == "107725.23"


def test_largest_remainder_by_hand() -> None:
    # 100p in thirds: quotas 33.33 each; one penny left goes to the first (tie -> earlier).
    assert largest_remainder([1 / 3, 1 / 3, 1 / 3], 100) == (34, 33, 33)
    # Quotas 16.67, 33.33, 50.00 of 100p -> 16 + 33 + 50 = 99; the penny goes to the .67.
    assert largest_remainder([1, 2, 3], 100) == (17, 33, 50)
    # 1p between twelve equal districts.
    assert largest_remainder([1.0] * 12, 1) == (1,) + (0,) * 11
    with pytest.raises(InputError):
        largest_remainder([0.5, 0.5], -1)
    with pytest.raises(InputError):
        largest_remainder([float("nan"), 0.5], 100)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=20).filter(lambda s: sum(s) > 0),
       st.integers(0, 10**13))
def test_largest_remainder_property(shares: list[float], pence: int) -> None:
    out = largest_remainder(shares, pence)
    assert sum(out) == pence
    whole = sum(Fraction(s) for s in shares)
    for x, s in zip(out, shares):
        q = pence * Fraction(s) / whole
        assert q - 1 < x < q + 1


@pytest.mark.parametrize(("text", "pence"), [("1000000", 100_000_000), ("1,000,000.00", 100_000_000), ("999999.99", 99_999_999),
                                             ("0.5", 50), ("£12.34", 1234), (" 7 ", 700), ("0", 0)])
def test_budget_parsing(text: str, pence: int) -> None:
    assert parse_budget(text) == pence


@pytest.mark.parametrize(("text", "rule"), [
    ("-100", "negative"),
    ("-0.01", "negative"),
    ("ten pounds", "amount in pounds"),
    ("1e6", "amount in pounds"),
    ("100.005", "at most two decimals"),
    ("1,00,000", "amount in pounds"),
    ("", "amount in pounds"),
    ("nan", "amount in pounds"),
])
def test_bad_budget(text: str, rule: str) -> None:
    with pytest.raises(InputError, match=rule) as e:
        parse_budget(text)
    assert e.value.field == "--budget"
    assert e.value.value == text


# --------------------------------------------------------------- bad tables

HEADER = ",".join(["district", *COLUMNS])


def synthetic_lines() -> list[str]:
    return SYNTHETIC.read_text(encoding="utf-8").splitlines()


def with_cell(district: str, column: str, value: str) -> str:
    lines = synthetic_lines()
    for k, line in enumerate(lines):
        cells = line.split(",")
        if cells[0] == district:
            cells[COLUMNS.index(column) + 1] = value
            lines[k] = ",".join(cells)
    return "\n".join(lines) + "\n"


def replace_line(n: int, text: str | None) -> str:
    """Replace (or with None drop) line ``n`` (1-based)."""
    lines = synthetic_lines()
    if text is None:
        del lines[n - 1]
    else:
        lines[n - 1] = text
    return "\n".join(lines) + "\n"


def zero_column(column: str) -> str:
    text = ""
    for k, line in enumerate(synthetic_lines()):
        cells = line.split(",")
        if k:
            cells[COLUMNS.index(column) + 1] = "0"
        text += ",".join(cells) + "\n"
    return text


# (name, file content, rule words, line, words in the field, value)
BAD_TABLES: list[tuple[str, str | bytes, str, int | None, tuple[str, ...], object]] = [
    ("empty file", "", "empty", None, (), None),
    ("blank file", "\n \n", "empty", None, (), None),
    ("not utf-8", SYNTHETIC.read_bytes().replace(b"Dover", b"D\xf6ver"), "not valid UTF-8", None, (), None),
    ("missing district", replace_line(5, None), "have no row (missing: ['Dover'])", None, ("district",), None),
    ("unknown district", replace_line(5, "Dovr" + synthetic_lines()[4][5:]), "unknown district", 5, ("district",), "Dovr"),
    ("formula as district", replace_line(5, "=HYPERLINK(\"x\")" + synthetic_lines()[4][5:]), "unknown district", 5, ("district",), None),
    ("duplicate district", replace_line(13, "dover" + synthetic_lines()[4][5:]), "appears twice (first on line 5)", 13, ("district",), "dover"),
    ("empty district", replace_line(3, synthetic_lines()[2].replace("Canterbury", "")), "district name is empty", 3, ("district",), ""),
    ("missing column", "\n".join(",".join(line.split(",")[:-1]) for line in synthetic_lines()) + "\n",
     "required column is missing from the header (missing: ['special_schools'])", 1, ("special_schools",), None),
    ("unknown column", replace_line(1, HEADER.replace("senif_applications", "senif_apps")), "unknown column", 1, ("senif_apps",), "senif_apps"),
    ("duplicate column", replace_line(1, HEADER.replace("special_schools", "mainstream_pupils")), "appears twice", 1, ("mainstream_pupils",), "mainstream_pupils"),
    ("no header", replace_line(1, None), "unknown column", 1, ("ashford",), "Ashford"),
    ("empty cell", with_cell("Swale", "senif_applications", ""), "figure is empty", 10, ("Swale", "senif_applications"), ""),
    ("non-numeric", with_cell("Thanet", "mainstream_pupils", "about 100"), "not a number", 11, ("Thanet", "mainstream_pupils"), "about 100"),
    ("thousands separator", with_cell("Thanet", "mainstream_pupils", "\"1,000\""), "thousands separators", 11, ("Thanet",), "1,000"),
    ("percent sign", with_cell("Gravesham", "special_schools", "5%"), "not a number", 7, ("Gravesham", "special_schools"), "5%"),
    ("negative", with_cell("Dartford", "mainstream_schools", "-5"), "must not be negative", 4, ("Dartford", "mainstream_schools"), "-5"),
    ("nan", with_cell("Ashford", "ehcp_by_home_district", "NaN"), "finite", 2, ("Ashford", "ehcp_by_home_district"), "NaN"),
    ("infinity", with_cell("Ashford", "special_school_pupils", "inf"), "finite", 2, ("Ashford", "special_school_pupils"), "inf"),
    ("overflow", with_cell("Ashford", "special_school_pupils", "1e400"), "too large", 2, ("Ashford",), "1e400"),
    ("zero total", zero_column("special_schools"), "total zero", None, ("special_schools",), 0.0),
    ("short row", replace_line(6, "Folkestone and Hythe,1,2,3"), "row has 4 cells but the header has 10", 6, ("row",), "Folkestone and Hythe"),
    ("unclosed quote", replace_line(13, "\"Tunbridge Wells,1,2,3,4,5,6,7,8,9"), "well-formed CSV", None, (), None),
]


@pytest.mark.parametrize(("name", "content", "rule", "line", "where", "value"), BAD_TABLES, ids=[b[0] for b in BAD_TABLES])
def test_bad_tables(factors: tuple[alloc.Factor, ...], tmp_path: Path, name: str, content: str | bytes, rule: str,
                    line: int | None, where: tuple[str, ...], value: object) -> None:
    path = tmp_path / "districts.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_districts(path, factors)
    err = e.value
    assert rule in err.rule, str(err)
    assert err.file == str(path)
    assert str(path) in str(err)
    if line is not None:
        assert err.line == line, str(err)
    for word in where:
        assert err.field is not None and word in err.field, str(err)
    if value is not None:
        assert err.value == value, str(err)


def test_missing_file(factors: tuple[alloc.Factor, ...], tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_districts(tmp_path / "nope.csv", factors)


def test_lenient_on_spreadsheet_habits(factors: tuple[alloc.Factor, ...], tmp_path: Path) -> None:
    """A byte-order mark, CRLF line ends, spaces, '&' for 'and', another row
    order, another column order and trailing empty rows are all accepted."""
    lines = synthetic_lines()
    header = lines[0].split(",")
    perm = [0, *reversed(range(1, len(header)))]
    body = [",".join(f" {line.split(',')[k]} " for k in perm) for line in reversed(lines[1:])]
    body = [b.replace("Folkestone and Hythe", "folkestone & hythe") for b in body]
    text = "\r\n".join([",".join(header[k].upper() for k in perm), *body, "," * 9, ""])
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    a = read_districts(path, factors)
    b = read_districts(SYNTHETIC, factors)
    np.testing.assert_array_equal(a.figures, b.figures)
    assert a.units == KENT_DISTRICTS


def test_template_is_empty_and_complete(factors: tuple[alloc.Factor, ...]) -> None:
    with open(TEMPLATE, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["district", *COLUMNS]
    assert [r[0] for r in rows[1:]] == list(KENT_DISTRICTS)
    assert all(cell == "" for r in rows[1:] for cell in r[1:]) and all(len(r) == 10 for r in rows)
    with pytest.raises(InputError, match="figure is empty") as e:
        read_districts(TEMPLATE, factors)
    assert e.value.line == 2


# ------------------------------------------------------------ output folder


def test_csv_cells_are_neutralised(synthetic: Allocation, tmp_path: Path) -> None:
    """Unit names come from the project's list, but the writer neutralises text
    cells anyway (decision.output.tables.safe_cell)."""
    table = dataclasses.replace(synthetic.table, units=("=1+1", *KENT_DISTRICTS[1:]))
    a = dataclasses.replace(synthetic, table=table)
    alloc_write._write_csv(a, tmp_path / "x.csv")
    assert tmp_path.joinpath("x.csv").read_text(encoding="utf-8").splitlines()[1].startswith("'=1+1,")


def namespace(**kw: object) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    cli_allocate.register(sub)
    sub.add_parser("evidence")
    argv = ["allocate"]
    for k, v in kw.items():
        argv += [f"--{k}", str(v)]
    return parser.parse_args(argv)


def test_cli_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run1"
    code = cli_allocate.dispatch(namespace(districts=SYNTHETIC, budget="999,999.99", project=ROOT, out=out))
    assert code == 0
    printed = capsys.readouterr().out
    assert "Dover" in printed and "999,999.99" in printed and "Results written to" in printed
    assert {p.name for p in out.iterdir()} == FILES
    with open(out / "allocation.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["district"] for r in rows] == list(KENT_DISTRICTS)
    assert list(rows[0]) == ["district", "share_roc", "share_rank_sum", "share_reciprocal", "share_ahp", "amount_gbp_roc"]
    assert sum(Decimal(r["amount_gbp_roc"]) for r in rows) == Decimal("999999.99")
    for rule in RULES:
        assert sum(float(r[f"share_{rule}"]) for r in rows) == pytest.approx(1.0, abs=1e-7)
    doc = json.loads((out / "allocation.json").read_text(encoding="utf-8"))
    assert doc["rule"] == "roc"
    assert doc["input"]["sha256"] == hashlib.sha256(SYNTHETIC.read_bytes()).hexdigest()
    assert doc["input"]["file"] == "districts_synthetic.csv"
    assert doc["parameters"]["budget"] == "999999.99" and doc["parameters"]["budget_pence"] == 99_999_999
    assert set(doc["weights"]) == set(RULES)
    assert [w["column"] for w in doc["weights"]["reciprocal"]["weights"]] == COLUMNS
    assert doc["weights"]["ahp"]["weights"][0]["factor"] == FACTOR_COLUMNS[COLUMNS[0]]
    assert 0 < doc["ahp_consistency"]["cr"] < 0.1
    assert sum(d["amount_pence"] for d in doc["districts"]) == 99_999_999
    assert (out / "chart_allocation.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Other commands are not ours.
    assert cli_allocate.dispatch(argparse.Namespace(command="evidence")) is None


def test_cli_without_budget_and_another_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alloc_write, "_write_chart", lambda a, path: path.write_bytes(b"chart"))
    monkeypatch.chdir(tmp_path)
    shutil.copy2(SYNTHETIC, tmp_path / "d.csv")
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "weights", tmp_path / "weights")
    shutil.copy2(ROOT / "appraisal.yaml", tmp_path / "appraisal.yaml")
    assert cli_allocate.dispatch(namespace(districts="d.csv", rule="reciprocal")) == 0
    capsys.readouterr()
    out = tmp_path / "outputs" / "allocation"  # the default
    header = (out / "allocation.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "district,share_roc,share_rank_sum,share_reciprocal,share_ahp"
    doc = json.loads((out / "allocation.json").read_text(encoding="utf-8"))
    assert doc["rule"] == "reciprocal" and doc["parameters"]["budget"] is None
    assert all(d["amount"] is None for d in doc["districts"])


def test_cli_input_errors_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="negative"):
        cli_allocate.dispatch(namespace(districts=SYNTHETIC, budget="-1", project=ROOT, out=tmp_path / "o"))
    with pytest.raises(InputError, match="figure is empty"):
        cli_allocate.dispatch(namespace(districts=TEMPLATE, project=ROOT, out=tmp_path / "o"))
    assert not (tmp_path / "o").exists()
    with pytest.raises(SystemExit):
        namespace(districts=SYNTHETIC, rule="borda")


def test_main_cli_if_wired(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through decision.cli.main once `allocate` is wired in: exit 0, and 2 on bad input."""
    from decision import cli
    from decision.cli.parser import build_parser

    parser = build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "allocate" not in subs.choices:
        pytest.skip("decision.cli does not wire `allocate` yet")
    assert cli.main(["allocate", "--districts", str(SYNTHETIC), "--project", str(ROOT), "--out", str(tmp_path / "o"),
                     "--budget", "1000"]) == 0
    assert cli.main(["allocate", "--districts", str(TEMPLATE), "--project", str(ROOT), "--out", str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "districts_template.csv (line 2)" in err and "ehcp_by_school_district" in err


def test_outputs_byte_identical_and_atomic(synthetic: Allocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    write_allocation(synthetic, a)
    write_allocation(synthetic, b)
    assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in b.iterdir()}
    before = {p.name: p.read_bytes() for p in a.iterdir()}
    # Re-running into an earlier allocation replaces it; nothing is left behind.
    write_allocation(synthetic, a)
    assert {p.name: p.read_bytes() for p in a.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]

    # A failure part-way leaves the earlier output untouched and no staging folder.
    def boom(alloc_: Allocation, path: Path) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(alloc_write, "_write_chart", boom)
    with pytest.raises(RuntimeError):
        write_allocation(synthetic, a)
    with pytest.raises(RuntimeError):
        write_allocation(synthetic, tmp_path / "c")
    assert {p.name: p.read_bytes() for p in a.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_refuses_foreign_output_folder(synthetic: Allocation, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_bytes(b"x")
    with pytest.raises(InputError, match="not empty"):
        write_allocation(synthetic, tmp_path / "mine")
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        write_allocation(synthetic, tmp_path / "f")
    assert (tmp_path / "mine" / "thesis.docx").exists()


def test_allocation_is_frozen(synthetic: Allocation) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        synthetic.rule = "ahp"  # type: ignore[misc]
    with pytest.raises(ValueError):
        synthetic.shares["roc"][0] = 1.0
    with pytest.raises(TypeError):
        synthetic.shares["x"] = synthetic.headline  # type: ignore[index]
    assert isinstance(synthetic.table, UnitTable)
