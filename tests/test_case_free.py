"""Nothing of the bundled case reaches the documents of another project: a
small library review, whose context.yaml has only its options and
stakeholders, gets a PDF and a workbook free of the bundled case's words and
of half-filled sentences; every context field may be left out."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest

from decision import load_project
from decision.errors import InputError
from decision.model import DecisionContext
from decision.report.sections.summary import _decision_text

from .golden import pdf_text, workbook_text
from .test_groups import FILES

CONTEXT = """\
options:
  - {id: 1, short: Keep as is, description: No change}
  - {id: 2, short: Shorter hours, description: Fewer opening hours}
stakeholders:
  - {id: residents, name: Residents}
  - {id: staff, name: Library staff}
"""
#: Words of the bundled case (word-bounded, any case).
CASE_WORDS = re.compile(
    r"\b(STLS|SEND|SENCOs?|SLAs?|service level agreements?|Kent|EHCPs?|LIFT|schools?|High Needs)\b", re.IGNORECASE)
#: Traces of a sentence printed with a field missing.
HALF_FILLED = re.compile(r" : |\bon :|\bon \.|\bin \.|\bthe \.| ,|\(\)|'None'")


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from decision.run import run

    base = tmp_path_factory.mktemp("library")
    root = _write(base / "project", {**FILES, "criteria/context.yaml": CONTEXT})
    out = base / "out"
    run(root, out=out, samples=20, seed=0, scenario_files=[], command="decision appraise --samples 20")
    return {"pdf": pdf_text(out / "appraisal.pdf"), "workbook": workbook_text(out / "appraisal.xlsx")}


@pytest.mark.parametrize("kind", ["pdf", "workbook"])
def test_no_word_of_the_bundled_case(documents: dict[str, str], kind: str) -> None:
    found = sorted({m.group(0) for m in CASE_WORDS.finditer(documents[kind])})
    assert found == []


@pytest.mark.parametrize("kind", ["pdf", "workbook"])
def test_no_half_filled_sentence(documents: dict[str, str], kind: str) -> None:
    text = documents[kind]
    bad = [text[max(0, m.start() - 40):m.end() + 40] for m in HALF_FILLED.finditer(text)]
    assert bad == []


def test_sections_without_data_are_left_out(documents: dict[str, str]) -> None:
    pdf = documents["pdf"]
    assert "Equalities" not in pdf  # no equalities block: no section 7
    assert "7 Risks and unquantified impacts" in pdf and "8 Recommendation" in pdf
    assert "Who was consulted and how" in pdf  # the stakeholders are listed, by name only
    assert "not stated" not in pdf and "Workshop attendance" not in pdf


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, ""),
    ({"subject": "the library service"}, "The decision concerns the library service."),
    ({"decision_forum": "Board"}, "The Board is asked to decide between the options."),
    ({"decision_due": "2027-03"}, "The decision is due in March 2027."),
    ({"decision_forum": "Board", "decision_due": "spring 2027"},
     "The Board is asked to decide between the options; the decision is due in spring 2027."),
    ({"subject": "Meals", "agreements_end": _dt.date(2026, 3, 31)},
     "The Meals is provided under agreements that end on 31 March 2026."),
    ({"subject": "the meals service", "agreements": 3, "agreements_name": "catering contracts"},
     "The meals service is provided under 3 catering contracts."),
])
def test_the_decision_says_only_what_is_given(fields: dict[str, object], expected: str) -> None:
    assert _decision_text(DecisionContext(**fields)) == expected  # type: ignore[arg-type]


def test_an_unknown_equalities_theme_names_file_and_value(tmp_path: Path) -> None:
    root = _write(tmp_path, {**FILES, "criteria/context.yaml": CONTEXT + "equalities:\n  themes: [opening_hours, parking]\n"})
    with pytest.raises(InputError) as e:
        load_project(root)
    text = str(e.value)
    assert "context.yaml" in text and "equalities.themes[1]" in text and "parking" in text


def test_equalities_criteria_are_read_from_the_project(tmp_path: Path) -> None:
    root = _write(tmp_path, {**FILES, "criteria/context.yaml": CONTEXT + "equalities:\n  criteria: [access]\n"})
    p = load_project(root)
    assert p.context.equalities is not None
    assert p.context.equalities.criteria == ("access",) and p.context.equalities.themes == ()
    assert p.context.decision == DecisionContext()
