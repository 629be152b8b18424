"""Check the engine against worked examples printed in the literature.

The examples, with full citations, live in ``data/published_examples.yaml``
next to this file.  Each one gives the inputs, the results as the source
prints them, the number of printed decimals and a tolerance that follows
from that rounding.  The first group of tests checks the data file itself
(so a transcription slip shows up as a data failure, not as an engine bug);
the second group runs the engine on every example.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

import decision

DATA_FILE = Path(__file__).parent / "data" / "published_examples.yaml"


def _load_examples() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


EXAMPLES = _load_examples()
AHP_EXAMPLES: list[dict[str, Any]] = EXAMPLES["ahp"]
EVALUATE_EXAMPLES: list[dict[str, Any]] = EXAMPLES["evaluate"]
ALL_EXAMPLES = AHP_EXAMPLES + EVALUATE_EXAMPLES

CITATION_FIELDS = ("authors", "year", "title", "source", "location")
AHP_SCALARS = ("lambda_max", "ci", "cr")

# Higher score is better for these methods; for VIKOR (Q) lower is better.
HIGHER_IS_BETTER = {"topsis": True, "promethee_ii": True, "wsm": True, "vikor": False}


def _ids(examples: list[dict[str, Any]]) -> list[str]:
    return [str(example["id"]) for example in examples]


def _entry_to_float(entry: Any) -> float:
    """Turn a matrix entry such as 5, 0.5 or "1/7" into a float, exactly."""
    return float(Fraction(str(entry)))


def _pairwise_matrix(example: dict[str, Any]) -> np.ndarray:
    rows = example["matrix"]
    return np.array([[_entry_to_float(x) for x in row] for row in rows], dtype=float)


def _published_values(expected: dict[str, Any]) -> list[float]:
    values: list[float] = []
    for key in ("weights", "scores"):
        values.extend(float(v) for v in expected.get(key, []))
    values.extend(float(expected[key]) for key in AHP_SCALARS if key in expected)
    return values


def _competition_ranks(scores: list[float], higher_is_better: bool) -> list[int]:
    """1 = best; tied scores share the best (smallest) rank."""
    keys = [-s if higher_is_better else s for s in scores]
    return [1 + sum(other < key for other in keys) for key in keys]


# ---------------------------------------------------------------------------
# The data file itself
# ---------------------------------------------------------------------------


def test_example_ids_are_unique() -> None:
    ids = _ids(ALL_EXAMPLES)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=_ids(ALL_EXAMPLES))
def test_example_has_full_citation(example: dict[str, Any]) -> None:
    citation = example["citation"]
    for field in CITATION_FIELDS:
        assert citation.get(field), f"citation lacks {field!r}"
    assert isinstance(citation["authors"], list) and citation["authors"]
    assert all("," in author for author in citation["authors"]), "use 'Surname, Given'"
    assert 1900 < int(citation["year"]) < 2100
    assert example.get("hand_check"), "record what the independent recalculation gave"


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=_ids(ALL_EXAMPLES))
def test_tolerance_follows_printed_rounding(example: dict[str, Any]) -> None:
    expected = example["expected"]
    decimals = int(expected["decimals"])
    tolerance = float(expected["tolerance"])
    half_unit = 0.5 * 10.0**-decimals
    unit = 10.0**-decimals
    # Never tighter than the printed rounding allows, never looser than one
    # unit in the last printed place, and anything wider than half a unit
    # must be explained.
    assert tolerance >= half_unit * (1 - 1e-9)
    assert tolerance <= unit * (1 + 1e-9)
    if tolerance > half_unit * (1 + 1e-9):
        assert example.get("tolerance_note"), "a widened tolerance needs a tolerance_note"
    for value in _published_values(expected):
        assert round(value, decimals) == pytest.approx(value, abs=1e-12), (
            f"{value} has more than {decimals} decimals"
        )


@pytest.mark.parametrize("example", AHP_EXAMPLES, ids=_ids(AHP_EXAMPLES))
def test_pairwise_matrix_is_positive_reciprocal(example: dict[str, Any]) -> None:
    matrix = _pairwise_matrix(example)
    n = matrix.shape[0]
    assert matrix.shape == (n, n)
    assert len(example["items"]) == n
    assert len(example["expected"]["weights"]) == n
    assert np.all(matrix > 0)
    np.testing.assert_allclose(np.diag(matrix), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(matrix * matrix.T, 1.0, rtol=1e-12, atol=0)
    # Printed weights are rounded, so they sum to 1 only up to rounding.
    assert sum(example["expected"]["weights"]) == pytest.approx(1.0, abs=n * 0.0005)


@pytest.mark.parametrize("example", EVALUATE_EXAMPLES, ids=_ids(EVALUATE_EXAMPLES))
def test_evaluate_example_is_well_formed(example: dict[str, Any]) -> None:
    matrix = np.array(example["matrix"], dtype=float)
    n_options, n_criteria = matrix.shape
    expected = example["expected"]
    assert len(example["options"]) == n_options
    assert len(example["criteria"]) == n_criteria
    assert len(example["weights"]) == n_criteria
    assert sum(example["weights"]) == pytest.approx(1.0, abs=1e-12)
    assert set(example["types"]) <= {1, -1} and len(example["types"]) == n_criteria
    assert example["method"] in HIGHER_IS_BETTER
    assert len(expected["scores"]) == n_options
    if "ranks" in expected:
        # The printed ranks must agree with the printed scores.
        higher = HIGHER_IS_BETTER[example["method"]]
        assert _competition_ranks(expected["scores"], higher) == expected["ranks"]


# ---------------------------------------------------------------------------
# The engine against the published numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("example", AHP_EXAMPLES, ids=_ids(AHP_EXAMPLES))
def test_ahp_priorities_reproduce_published_values(example: dict[str, Any]) -> None:
    expected = example["expected"]
    tolerance = float(expected["tolerance"])

    result = decision.ahp_priorities(_pairwise_matrix(example))

    weights = np.asarray(result.weights, dtype=float)
    assert weights.shape == (len(expected["weights"]),)
    assert weights.sum() == pytest.approx(1.0, abs=1e-9)
    np.testing.assert_allclose(weights, expected["weights"], rtol=0, atol=tolerance)
    for key in AHP_SCALARS:
        if key in expected:
            got = float(getattr(result, key))
            assert got == pytest.approx(expected[key], abs=tolerance), key
    # The published consistency ratios use Saaty's 1980 random index, which
    # is the engine's default table.
    assert result.ri_table == expected["ri_table"]


@pytest.mark.parametrize("example", EVALUATE_EXAMPLES, ids=_ids(EVALUATE_EXAMPLES))
def test_evaluate_reproduces_published_scores(example: dict[str, Any]) -> None:
    expected = example["expected"]
    tolerance = float(expected["tolerance"])
    options: dict[str, Any] = {"method": example["method"]}
    if "normalization" in example:
        options["normalization"] = example["normalization"]

    result = decision.evaluate(
        np.array(example["matrix"], dtype=float),
        np.array(example["weights"], dtype=float),
        np.array(example["types"], dtype=int),
        **options,
    )

    scores = np.asarray(result.scores, dtype=float)
    np.testing.assert_allclose(scores, expected["scores"], rtol=0, atol=tolerance)
    if "ranks" in expected:
        np.testing.assert_array_equal(np.asarray(result.ranks), expected["ranks"])
