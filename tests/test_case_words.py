"""The engine speaks only of itself: no word of the bundled case (the STLS
review) appears in the engine package's code, docstrings or messages. The
case lives in the project's files. Comments may cite the bundled example."""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "decision"
#: Case words, matched between non-letters (so inside identifiers too:
#: ``schools_attendance`` counts). Upper-case-only words are acronyms that are
#: also ordinary English words in lower case ("send", "lift").
CASE_WORDS = re.compile(
    r"(?<![A-Za-z])(?:(?i:stls|schools?|kent|high[ _]needs|ehcp|senco|sencos)|SEND|SLAs?|LIFT)(?![A-Za-z])"
)


def _code_text(path: Path) -> list[tuple[int, str]]:
    """Every token of a module but its comments, with its line."""
    out = []
    with path.open("rb") as fh:
        for tok in tokenize.tokenize(fh.readline):
            if tok.type not in (tokenize.COMMENT, tokenize.ENCODING, tokenize.NL, tokenize.NEWLINE):
                out.append((tok.start[0], tok.string))
    return out


def test_the_pattern_finds_what_it_should() -> None:
    for text in ("STLS", "stls", "schools_attendance", "the Kent districts", "SEND", "High Needs", "SLAs"):
        assert CASE_WORDS.search(text), text
    for text in ("send", "lift", "slab", "preschoolsx", "kentish"):
        assert not CASE_WORDS.search(text), text


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_case_words_in_the_engine(path: Path) -> None:
    found = [f"line {line}: {text[:80]!r}" for line, text in _code_text(path) if CASE_WORDS.search(text)]
    assert not found, f"{path.relative_to(PACKAGE)} speaks of the bundled case:\n" + "\n".join(found)
