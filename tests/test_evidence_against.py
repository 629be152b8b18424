"""``decision evidence --against PATH``: the transcription checked against its
source document's text (decision.evidence.against).

The kernel's tests use a small report written here by hand, with the numbers
each section prints, and evidence objects written to match; the command's
tests use ``decision init``'s example project with a hand-written report for
it, and the bundled project with its real report where that file is present.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

from decision.cli import main
from decision.evidence.against import SourceCheck, check_against, figure_number
from decision.model import (
    AttendanceShare,
    EvidenceItem,
    Finding,
    Section,
    Source,
    StakeholderGroup,
    ThemedQuestion,
    WorkshopAttendance,
)

from .conftest import copy_project

ROOT = Path(__file__).resolve().parents[1]
#: The consultation report the bundled project transcribes; it is not part of
#: the repository, so the tests that read it run only where it is present:
#: at DECISION_SOURCE_REPORT if set, else in a ``shared/seed`` folder beside
#: the checkout or beside the folder that holds it.
_REPORT_NAME = "000_8967d73626947212.txt"
_CANDIDATES = [Path(os.environ["DECISION_SOURCE_REPORT"])] if os.environ.get("DECISION_SOURCE_REPORT") else [
    ROOT.parent / "shared" / "seed" / _REPORT_NAME, ROOT.parent.parent / "shared" / "seed" / _REPORT_NAME]
REAL_REPORT = next((p for p in _CANDIDATES if p.is_file()), _CANDIDATES[0])
needs_real_report = pytest.mark.skipif(
    not REAL_REPORT.is_file(),
    reason="the bundled project's source report is not present (looked for " + ", ".join(map(str, _CANDIDATES)) + ")")

# ------------------------------------------------------------- a report by hand
# Line numbers (from 1) are given at the right of the lines the tests cite.
REPORT_LINES = [
    "Library opening hours: what people told us",          # 1
    "",                                                      # 2
    "Attendance: 40% of attendees were readers.",           # 3
    "",                                                      # 4
    "Figure one: who attended",                              # 5
    "",                                                      # 6
    "Option 1: Keep the hours",                              # 7
    "",                                                      # 8
    "Feedback: Readers",                                     # 9
    "",                                                      # 10
    "Advantages (based on 10 comments)",                     # 11
    "- **60%** said the hours are familiar.",                # 12
    "- **40%** said the cost stays low.",                    # 13
    "",                                                      # 14
    "Figure two: Readers on Option One",                     # 15
    "",                                                      # 16
    "Risks: (4 comments)",                                   # 17
    "- 25% feared longer queues.",                           # 18
    "- 75% feared losing evening users.",                    # 19
    "",                                                      # 20
    "Feedback: Staff",                                       # 21
    "",                                                      # 22
    "Advantages",                                            # 23
    "- Staff identified no advantages.",                     # 24
    "",                                                      # 25
    "Option 2: Open evenings",                               # 26
    "",                                                      # 27
    "Feedback: Readers",                                     # 28
    "",                                                      # 29
    "Advantages (20 comments)",                              # 30
    "- **45%** said they could come after work.",            # 31
    "- **55%** said study space would grow.",                # 32
    "",                                                      # 33
    "Figure twenty-four: Readers on Option Two",             # 34
    "",                                                      # 35
    "Further question: what should the library offer?",     # 36
    "Feedback: Staff (8 comments)",                          # 37
    "- 50% named study space; 50% named events.",            # 38
    "",                                                      # 39
    "Figure twenty-five: Staff on the further question",     # 40
    "",                                                      # 41
    "70% of readers wanted longer hours.",                   # 42
    "Figure twenty-six: longer hours",                       # 43
]
REPORT = "\n".join(REPORT_LINES) + "\n"
GROUPS = (StakeholderGroup(id="readers", label="Readers"), StakeholderGroup(id="staff", label="Staff"))


def item(theme: str, percent: float | None) -> EvidenceItem:
    return EvidenceItem(theme=theme, percent=percent, count=None if percent is not None else 1,
                        coded="reported" if percent is not None else "analyst")


SECTIONS = (
    Section(option=1, stakeholder="readers", category="advantages", comments=10, figure=2,
            items=(item("familiar", 60), item("cost", 40))),
    Section(option=1, stakeholder="readers", category="risks", comments=4, figure=None,
            items=(item("queues", 25), item("evenings", 75))),
    Section(option=1, stakeholder="staff", category="advantages", comments=None, figure=None,
            items=(item("nothing", None),)),
    Section(option=2, stakeholder="readers", category="advantages", comments=20, figure=24,
            items=(item("after_work", 45), item("study_space", 55))),
)
QUESTIONS = (ThemedQuestion(id="offer", stakeholder="staff", comments=8, figure=25,
                            items=(item("study_space", 50), item("events", 50))),)
FINDINGS = (Finding(id="longer", stakeholder="readers", comments=None, figure=26, percent=70,
                    finding="most wanted longer hours"),)
ATTENDANCE = WorkshopAttendance(shares=(AttendanceShare(label="readers", percent=40),), figures=(1,))
DIGEST = hashlib.sha256(REPORT.encode("utf-8")).hexdigest()
SOURCE = Source(title="Library opening hours", file="library.txt", sha256=DIGEST)


def check(text: str = REPORT, *, sections: tuple[Section, ...] = SECTIONS, source: Source | None = SOURCE,
          digest: str = DIGEST) -> SourceCheck:
    return check_against(text, digest=digest, source=source, sections=sections, groups=GROUPS,
                         questions=QUESTIONS, findings=FINDINGS, attendance=ATTENDANCE)


# ------------------------------------------------------------- the kernel
def test_a_faithful_transcription_matches() -> None:
    c = check()
    assert c.ok and c.mismatches == ()
    assert c.digest_status == "match"
    # 4 sections + 1 question + 1 finding + the attendance block, all found.
    assert len(c.places) == 7 and c.located == 7
    # Percentages: 2 + 2 + 0 + 2 (sections) + 2 (question) + 1 (finding) + 1 (attendance).
    assert c.percents == 10
    # Stated counts: 10, 4, 20 (sections) and 8 (question).
    assert c.counts == 4
    lines = {p.place.key: (p.first_line, p.last_line) for p in c.places}
    assert lines["option 1 / readers / advantages"] == (11, 15)  # heading through its caption
    assert lines["option 1 / readers / risks"] == (17, 20)  # up to the next group's heading
    assert lines["option 2 / readers / advantages"] == (30, 34)
    assert lines["question offer / staff"] == (35, 40)  # after figure 24's caption through figure 25's
    assert lines["finding longer / readers"] == (41, 43)
    assert lines["attendance"] == (1, 5)


def test_a_changed_percentage_names_its_section_and_both_values() -> None:
    c = check(REPORT.replace("**60%**", "**61%**"))
    assert not c.ok
    (m,) = c.mismatches
    assert m.code == "percent_differs"
    assert (m.place.option, m.place.group, m.place.heading, m.place.figure) == (1, "readers", "advantages", 2)
    assert (m.expected, m.found, m.item, m.theme) == ("60%", "61%", 0, "familiar")


def test_a_transcribed_figure_the_section_does_not_print_is_named() -> None:
    added = dataclasses.replace(SECTIONS[1], items=SECTIONS[1].items + (item("noise", 30),))
    c = check(sections=(SECTIONS[0], added, *SECTIONS[2:]))
    (m,) = c.mismatches
    assert m.code == "percent_not_in_source"
    assert m.place.key == "option 1 / readers / risks"
    assert (m.expected, m.found, m.item, m.theme) == ("30%", None, 2, "noise")


def test_the_figure_must_be_in_its_own_section() -> None:
    # 45% is printed under option 2, not under option 1's risks.
    wrong = dataclasses.replace(SECTIONS[1], items=(item("queues", 45), item("evenings", 75)))
    (m,) = check(sections=(SECTIONS[0], wrong, *SECTIONS[2:])).mismatches
    assert (m.code, m.place.key, m.expected, m.found) == ("percent_differs", "option 1 / readers / risks", "45%", "25%")


def test_a_printed_percentage_left_out_of_the_transcription_is_named() -> None:
    short = dataclasses.replace(SECTIONS[3], items=(item("after_work", 45),))
    (m,) = check(sections=(*SECTIONS[:3], short)).mismatches
    assert (m.code, m.place.key, m.expected, m.found) == ("percent_not_transcribed", "option 2 / readers / advantages",
                                                         None, "55%")


def test_comment_counts_are_compared() -> None:
    (m,) = check(REPORT.replace("(4 comments)", "(5 comments)")).mismatches
    assert (m.code, m.place.key, m.expected, m.found) == ("count_differs", "option 1 / readers / risks", "4", "5")
    unstated = dataclasses.replace(SECTIONS[0], comments=None)
    (m,) = check(sections=(unstated, *SECTIONS[1:])).mismatches
    assert (m.code, m.found) == ("count_not_transcribed", "10")
    (m,) = check(REPORT.replace("Risks: (4 comments)", "Risks:")).mismatches
    assert (m.code, m.expected, m.found) == ("count_not_in_source", "4", None)


def test_figure_references_are_compared() -> None:
    wrong = dataclasses.replace(SECTIONS[0], figure=3)
    (m,) = check(sections=(wrong, *SECTIONS[1:])).mismatches
    assert (m.code, m.expected, m.found) == ("figure_differs", "3", "2")
    none = dataclasses.replace(SECTIONS[0], figure=None)
    (m,) = check(sections=(none, *SECTIONS[1:])).mismatches
    assert (m.code, m.expected, m.found) == ("figure_not_transcribed", None, "2")


def test_a_section_whose_headings_are_absent_is_not_found() -> None:
    c = check(REPORT.replace("Feedback: Staff\n", "Staff said\n"))
    missing = [m for m in c.mismatches if m.code == "not_found"]
    assert [m.place.key for m in missing] == ["option 1 / staff / advantages"]
    c = check(REPORT.replace("Figure twenty-six", "Chart twenty-six"))
    assert [(m.code, m.place.key) for m in c.mismatches] == [("not_found", "finding longer / readers")]


def test_the_digest_is_compared_but_does_not_fail_the_check() -> None:
    c = check(digest="0" * 64)
    assert c.digest_status == "differs" and c.ok
    assert check(source=None).digest_status == "undeclared"


def test_figure_numbers_in_words() -> None:
    assert figure_number("4") == 4
    assert figure_number("four") == 4
    assert figure_number("Twenty-Four") == 24
    assert figure_number("thirty one") == 31
    assert figure_number("one hundred and five") == 105
    assert figure_number("one-hundred-five") == 105
    assert figure_number("many") is None


# ------------------------------------------------------------- the command, on a hand-written report
STARTER_REPORT = """\
Opening hours of the community centre: consultation report

Option 1: Keep current hours

Feedback: Residents
Advantages (10 comments)
- 60% said running costs stay low.
- 40% said staff keep a manageable workload.
Disadvantages (20 comments)
- 100% said the hours do not suit people who work.

Feedback: Staff
Advantages (8 comments)
- 75% said their workload stays as it is.
- 25% said the running cost stays as it is.

Option 2: Add evenings

Feedback: Residents
Advantages (24 comments)
- 100% said they could come after work.
Risks (5 comments)
- 100% feared higher heating and lighting bills.

Feedback: Staff
Disadvantages (12 comments)
- 50% said evening shifts would tire them.
- 50% said the evenings would cost more.

Option 3: Weekend instead

Feedback: Residents
Advantages (15 comments)
- 80% said Saturdays suit them.
- 20% said one weekday closed saves money.

Feedback: Staff
Benefits (6 comments)
- 50% said a weekday off helps.
- 50% said families could come.
Risks
- No risks identified.
"""


@pytest.fixture
def starter(tmp_path: Path) -> tuple[Path, Path]:
    """``decision init``'s project with a ``source`` block naming a hand-written report, and that report."""
    project = tmp_path / "project"
    assert main(["init", str(project)]) == 0
    report = tmp_path / "report.txt"
    report.write_text(STARTER_REPORT, encoding="utf-8")
    evidence = project / "criteria" / "evidence.yaml"
    doc = yaml.safe_load(evidence.read_text(encoding="utf-8"))
    doc["source"] = {"title": "Opening hours consultation report", "file": "report.txt",
                     "sha256": hashlib.sha256(STARTER_REPORT.encode("utf-8")).hexdigest()}
    evidence.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return project, report


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_command_passes_on_a_faithful_transcription(starter: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    project, report = starter
    code, out, err = run(capsys, "evidence", "--project", project, "--against", report)
    assert (code, err) == (0, "")
    assert "(matches the declared one)" in out
    # The starter has 9 sections: 2+1+2+1+1+2+2+2+0 percentages; all but the last state a count.
    assert "9 blocks (9 found in the source), 13 percentages and 8 comment counts compared." in out
    assert "All match" in out


def test_command_fails_and_names_the_section_on_a_changed_percentage(starter: tuple[Path, Path],
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project, report = starter
    report.write_text(STARTER_REPORT.replace("- 80% said", "- 85% said"), encoding="utf-8")
    code, out, _ = run(capsys, "evidence", "--project", project, "--against", report)
    assert code == 1
    assert "DIFFERS" in out  # the file is no longer the one declared
    assert "FAIL Option 3 / Residents / advantages (no figure)" in out
    assert "transcribed 80%, the source prints 85%" in out
    assert "1 mismatches in 1 blocks." in out


def test_command_names_a_transcribed_figure_missing_from_the_source(starter: tuple[Path, Path],
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project, report = starter
    evidence = project / "criteria" / "evidence.yaml"
    doc = yaml.safe_load(evidence.read_text(encoding="utf-8"))
    doc["sections"][1]["items"].append({"theme": "running_cost", "percent": 30})
    evidence.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    code, out, _ = run(capsys, "evidence", "--project", project, "--against", report, "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["ok"] is False and doc["digest_status"] == "match"
    (m,) = doc["mismatches"]
    assert (m["option"], m["group"], m["heading"], m["code"], m["expected"], m["found"], m["item"]) == (
        1, "residents", "disadvantages", "percent_not_in_source", "30%", None, 1)


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_command_refuses_a_path_it_cannot_read(starter: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path, what: str) -> None:
    project, _ = starter
    path = tmp_path / "nothing.txt" if what == "missing" else tmp_path
    code, out, err = run(capsys, "evidence", "--project", project, "--against", path)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err and "does not exist or is not a file" in err


def test_command_refuses_a_source_that_is_not_text(starter: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    project, report = starter
    report.write_bytes(b"\xff\xfe\x00binary")
    code, _, err = run(capsys, "evidence", "--project", project, "--against", report)
    assert code == 2 and "not valid UTF-8" in err and err.count("\n") == 1


@pytest.mark.parametrize("change, message", [
    ({"url": "https://example.org"}, "unknown key"),
    ({"sha256": "ABC"}, "source.sha256"),
    ({"file": "folder/report.txt"}, "source.file"),
])
def test_the_source_block_is_validated(starter: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                       change: dict[str, str], message: str) -> None:
    project, _ = starter
    evidence = project / "criteria" / "evidence.yaml"
    doc = yaml.safe_load(evidence.read_text(encoding="utf-8"))
    doc["source"].update(change)
    evidence.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    code, _, err = run(capsys, "evidence", "--project", project)
    assert code == 2 and message in err and "evidence.yaml" in err


def test_without_a_source_block_the_check_still_runs(starter: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    project, report = starter
    evidence = project / "criteria" / "evidence.yaml"
    doc = yaml.safe_load(evidence.read_text(encoding="utf-8"))
    del doc["source"]
    evidence.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    code, out, _ = run(capsys, "evidence", "--project", project, "--against", report)
    assert code == 0 and "declares no source document" in out and "nothing declared to compare with" in out


# ------------------------------------------------------------- the bundled project and its real report
def test_the_bundled_project_declares_its_source(bundled_project) -> None:  # type: ignore[no-untyped-def]
    src = bundled_project.source
    assert src is not None and src.file == "000_8967d73626947212.txt"
    assert len(src.sha256) == 64 and "Specialist Teaching and Learning Service" in src.title
    if REAL_REPORT.is_file():
        assert hashlib.sha256(REAL_REPORT.read_bytes()).hexdigest() == src.sha256


def test_results_json_names_the_source(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    from decision.output import results_document

    src = bundled_appraisal.project.source
    assert results_document(bundled_appraisal)["source"] == {"title": src.title, "file": src.file, "sha256": src.sha256}


@needs_real_report
def test_the_bundled_transcription_matches_the_real_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evidence", "--project", ROOT, "--against", REAL_REPORT)
    assert (code, err) == (0, "")
    assert "(matches the declared one)" in out and "All match" in out
    assert "FAIL" not in out and "not found" not in out


@needs_real_report
def test_a_changed_percentage_in_the_real_report_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = REAL_REPORT.read_text(encoding="utf-8")
    # 44% is printed once, in option 2's disadvantages from schools (figure 13); 45% is printed elsewhere.
    assert text.count("44%") == 1 and text.count("45%") == 1
    changed = tmp_path / "report.txt"
    changed.write_text(text.replace("44%", "45%"), encoding="utf-8")
    project = copy_project(tmp_path / "project")
    code, out, _ = run(capsys, "evidence", "--project", project, "--against", changed)
    assert code == 1
    assert "DIFFERS" in out
    assert "FAIL Option 2 / Schools / disadvantages (figure 13)" in out
    assert "transcribed 44%, the source prints 45%" in out
    assert "1 mismatches in 1 blocks." in out
