"""``decision elicit``: pairwise, swing and rank dialogues driven by an
answers file and by a fake terminal; the weight file written loads and the
appraisal runs with it; rank-sum and rank-reciprocal weights by hand."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest
import yaml

import decision
from decision.elicitation import elicit
from decision.errors import InputError
from decision.weights import (
    inconsistency_guidance,
    nearest_scale_value,
    parse_judgement,
    rank_sum_weights,
    rank_weights,
    reciprocal_weights,
    roc_weights,
)

from .conftest import copy_project

ROOT = Path(__file__).resolve().parents[1]
IDS = ["inclusion", "cost", "consistency", "accountability", "staff", "support", "sustainability", "outcomes"]
# A consistent respondent: every judgement is the ratio of these.
PROFILE = dict(zip(IDS, [8, 4, 4, 2, 2, 1, 1, 8]))




@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def answer(x: float) -> int | str:
    return int(x) if x >= 1 else f"/{round(1 / x)}"


def consistent_judgements() -> dict[str, Any]:
    return {f"{IDS[i]}__{IDS[j]}": answer(PROFILE[IDS[i]] / PROFILE[IDS[j]])
            for i in range(len(IDS)) for j in range(i + 1, len(IDS))}


def write_answers(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def run(project: Path, answers: Path, **kw: Any) -> tuple[Any, str]:
    lines: list[str] = []
    result = elicit(project, kw.pop("weight_set", "elicited"), answers=answers, output_fn=lines.append, **kw)
    return result, "\n".join(lines)


def appraised_weights(project: Path, name: str) -> dict[str, float]:
    appraisal = decision.appraise(decision.load_project(project))
    ws = next(w for w in appraisal.weight_sets if w.name == name)
    return dict(zip(ws.criteria, ws.weights))


# ------------------------------------------------------------------ rank rules by hand
def test_rank_rules_by_hand() -> None:
    assert rank_sum_weights(4) == pytest.approx([4 / 10, 3 / 10, 2 / 10, 1 / 10])
    assert reciprocal_weights(4) == pytest.approx([12 / 25, 6 / 25, 4 / 25, 3 / 25])  # (1/k) / (25/12)
    assert rank_weights(4, "roc") == pytest.approx(roc_weights(4))
    assert rank_weights(1, "rank_sum") == pytest.approx([1.0])
    with pytest.raises(InputError, match="unknown rank rule"):
        rank_weights(3, "borda")
    with pytest.raises(InputError):
        reciprocal_weights(0)


RANKING = ["outcomes", "inclusion", "sustainability", "support", "consistency", "cost", "accountability", "staff"]


def hand_rank_weights(rule: str) -> dict[str, float]:
    n = 8
    if rule == "roc":
        w = [sum(1 / i for i in range(k, n + 1)) / n for k in range(1, n + 1)]
    elif rule == "rank_sum":
        w = [2 * (n + 1 - k) / (n * (n + 1)) for k in range(1, n + 1)]
    else:
        h = sum(1 / i for i in range(1, n + 1))
        w = [(1 / k) / h for k in range(1, n + 1)]
    return dict(zip(RANKING, w))


@pytest.mark.parametrize("rule", ["roc", "rank_sum", "reciprocal"])
def test_rank_elicitation_end_to_end(project: Path, tmp_path: Path, rule: str) -> None:
    ans = write_answers(tmp_path / "a.yaml", {
        "method": "rank", "respondent": "Respondent X (synthetic)", "date": "2025-03-14", "ranking": RANKING,
        "rationale": {"outcomes": "What the service is for.", "staff": "Least affected."},
    })
    result, out = run(project, ans, rank_rule=rule)
    expected = hand_rank_weights(rule)
    assert result.weights == pytest.approx(expected)
    doc = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert doc["source"] == {"kind": "rank", "ranking": RANKING, "method": rule}
    assert doc["provenance"] == "elicited"
    e = doc["elicitation"]
    assert (e["method"], e["respondent"], str(e["date"]), e["rank_rule"]) == ("rank", "Respondent X (synthetic)", "2025-03-14", rule)
    assert e["criteria"][0] == {"criterion": "outcomes", "rank": 1, "rationale": "What the service is for."}
    assert appraised_weights(project, "elicited") == pytest.approx(expected)


# ------------------------------------------------------------------ pairwise
def test_consistent_pairwise_elicitation(project: Path, tmp_path: Path) -> None:
    j = consistent_judgements()
    j["inclusion__cost"] = {"value": 2, "rationale": "Inclusion is the statutory duty."}
    ans = write_answers(tmp_path / "a.yaml", {"method": "pairwise", "respondent": "Respondent X", "date": "2025-03-14", "judgements": j})
    result, out = run(project, ans)
    total = sum(PROFILE.values())
    assert result.weights == pytest.approx({c: v / total for c, v in PROFILE.items()})
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert "(1 of 28) How much more important is Inclusion and equality of access than Financial burden? 1 equal, 3 moderately" in out
    assert "Consistency ratio so far: 0.000" in out
    assert out.index("Consistency ratio so far") > out.index("(8 of 28)")
    doc = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert doc["source"]["kind"] == "ahp" and "allow_inconsistent" not in doc["source"]
    assert doc["elicitation"]["judgements"][0] == {"pair": "inclusion__cost", "value": 2, "rationale": "Inclusion is the statutory duty."}
    assert doc["elicitation"]["judgements"][5] == {"pair": "inclusion__sustainability", "value": 8}
    assert appraised_weights(project, "elicited") == pytest.approx(result.weights)


def inconsistent_answers() -> dict[str, Any]:
    j = consistent_judgements()
    j["inclusion__accountability"] = {"value": "/9", "rationale": "A slip of the pen."}  # consistent: 8/2 = 4
    return {"method": "pairwise", "respondent": "Respondent X", "date": "2025-03-14", "judgements": j}


def test_inconsistent_pairwise_guidance_then_revision(project: Path, tmp_path: Path) -> None:
    doc = inconsistent_answers()
    doc["revisions"] = [{"pair": "inclusion__accountability", "value": 4, "rationale": "On reflection, 4."}]
    result, out = run(project, write_answers(tmp_path / "a.yaml", doc))
    # The guidance, computed independently: the eigenvector of the matrix as first answered.
    n = len(IDS)
    a = np.array([[PROFILE[IDS[i]] / PROFILE[IDS[j]] for j in range(n)] for i in range(n)])
    a[0, 3], a[3, 0] = 1 / 9, 9
    vals, vecs = np.linalg.eig(a)
    w = np.abs(vecs[:, np.argmax(vals.real)].real)
    w /= w.sum()
    errors = {(i, j): abs(math.log(a[i, j] * w[j] / w[i])) for i in range(n) for j in range(i + 1, n)}
    assert max(errors, key=lambda k: errors[k]) == (0, 3)
    consistent = nearest_scale_value(w[0] / w[3])
    shown = "1" if consistent == 1 else (f"{consistent:g}" if consistent > 1 else f"1/{round(1 / consistent)}")
    line = next(x for x in out.splitlines() if x.startswith("  1. "))
    assert line.startswith("  1. Inclusion and equality of access vs Accountability and governance (inclusion__accountability): you said 1/9; "
                           f"consistent value {shown} (the weights give w_i/w_j = {w[0] / w[3]:.2f})")
    assert "your other answers alone imply 4.00 (nearest 4)" in line
    assert "The consistency ratio is" in out and "above 0.10" in out
    assert result.cr == pytest.approx(0.0, abs=1e-9) and not result.accepted_inconsistent
    saved = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    rec = next(x for x in saved["elicitation"]["judgements"] if x["pair"] == "inclusion__accountability")
    assert rec == {"pair": "inclusion__accountability", "value": 4, "rationale": "On reflection, 4.", "revised_from": ["1/9"]}
    assert saved["source"]["matrix"][0][3] == 4 and saved["source"]["matrix"][3][0] == "1/4"
    decision.load_project(project)


def test_guidance_ranks_by_log_error() -> None:
    a = np.array([[1, 2, 8], [1 / 2, 1, 1], [1 / 8, 1, 1]])
    w = decision.ahp_priorities(a).weights
    guide = inconsistency_guidance(a, w, top=3)
    errs = [abs(math.log(cur / implied)) for _, _, cur, implied, _ in guide]
    assert errs == sorted(errs, reverse=True)
    for i, j, cur, implied, sug in guide:
        assert implied == pytest.approx(w[i] / w[j]) and sug == nearest_scale_value(implied)


def test_inconsistent_pairwise_accepted(project: Path, tmp_path: Path) -> None:
    doc = inconsistent_answers()
    doc["accept_inconsistent"] = "The respondent stands by every judgement."
    result, out = run(project, write_answers(tmp_path / "a.yaml", doc))
    assert result.accepted_inconsistent and result.cr is not None and result.cr > 0.10
    saved = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert saved["source"]["allow_inconsistent"] is True
    assert saved["elicitation"]["accepted_inconsistent"] == "The respondent stands by every judgement."
    assert "stands by every judgement" in saved["provenance_note"]
    appraisal = decision.appraise(decision.load_project(project))
    ws = next(w for w in appraisal.weight_sets if w.name == "elicited")
    assert any("accepted because the file allows it" in m for m in ws.warnings)


def test_inconsistent_without_revision_or_acceptance_is_an_error(project: Path, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", inconsistent_answers())
    with pytest.raises(InputError, match="add a revision") as err:
        run(project, path)
    assert err.value.file == str(path) and err.value.field == "revisions"
    assert not (project / "weights" / "elicited.yaml").exists()


def test_unused_revision_is_an_error(project: Path, tmp_path: Path) -> None:
    doc = {"respondent": "X", "date": "2025-03-14", "judgements": consistent_judgements(),
           "revisions": [{"pair": "inclusion__cost", "value": 3}]}
    path = write_answers(tmp_path / "a.yaml", doc)
    with pytest.raises(InputError, match="already consistent") as err:
        run(project, path)
    assert err.value.field == "revisions[0].pair"


@pytest.mark.parametrize(("value", "words"), [
    (11, "beyond the scale"), ("abc", "expected a whole number from 1 to 9"), (0, "0 is not on the scale"),
    (2.5, "whole number"), (-3, "prefix the number with /"), (True, "not true/false"),
])
def test_invalid_answer_in_file_names_file_question_and_value(project: Path, tmp_path: Path, value: object, words: str) -> None:
    j = consistent_judgements()
    j["cost__staff"] = value
    path = write_answers(tmp_path / "answers.yaml", {"respondent": "X", "date": "2025-03-14", "judgements": j})
    with pytest.raises(InputError) as err:
        run(project, path)
    e = err.value
    assert e.file == str(path) and e.field == "judgements.cost__staff" and e.value == value
    assert words in e.rule
    assert "How much more important is Financial burden than Staff impact?" in e.rule
    assert e.line is not None
    assert str(path) in str(e)


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d["judgements"].pop("staff__outcomes"), "judgements.staff__outcomes", "no answer to the question"),
    (lambda d: d["judgements"].update({"cost__inclusion": 2}), "judgements.cost__inclusion", "write inclusion__cost"),
    (lambda d: d["judgements"].update({"inclusion__nowhere": 2}), "judgements.inclusion__nowhere", "criterion_a__criterion_b"),
    (lambda d: d.update({"colour": "blue"}), "colour", "unknown key"),
    (lambda d: d.pop("respondent"), "respondent", "no answer"),
    (lambda d: d.update({"date": "14/03/2025"}), "date", "YYYY-MM-DD"),
    (lambda d: d.update({"ratings": {"cost": 50}}), "ratings.cost", "asks no such question"),
])
def test_answers_file_structure_errors(project: Path, tmp_path: Path, change: Any, field: str, words: str) -> None:
    doc = {"respondent": "X", "date": "2025-03-14", "judgements": consistent_judgements()}
    change(doc)
    path = write_answers(tmp_path / "answers.yaml", doc)
    with pytest.raises(InputError) as err:
        run(project, path)
    assert err.value.file == str(path) and err.value.field == field
    assert words in err.value.rule


# ------------------------------------------------------------------ swing
def test_swing_elicitation_end_to_end(project: Path, tmp_path: Path) -> None:
    ratings = {"inclusion": 80, "support": 60, "sustainability": 50, "consistency": 40, "accountability": 30, "cost": 20, "staff": 10}
    order = ["outcomes", "inclusion", "support", "sustainability", "consistency", "accountability", "cost", "staff"]
    ans = write_answers(tmp_path / "a.yaml", {
        "method": "swing", "respondent": "Respondent Y", "date": "2025-03-15", "ranking": order,
        "ratings": ratings, "rationale": {"outcomes": "The point of the service.", "cost": "Funding is settled."},
    })
    result, out = run(project, ans, weight_set="swing_y")
    total = 100 + sum(ratings.values())  # 390
    expected = {c: ratings.get(c, 100) / total for c in IDS}
    assert result.weights == pytest.approx(expected)
    assert result.weights["outcomes"] == pytest.approx(100 / 390)
    # The swings shown are the performance matrix's worst and best option per criterion.
    table = decision.appraise(decision.load_project(ROOT)).table
    col = table.values[:, table.criteria.index("cost")]
    worst, best = table.options[int(np.argmax(col))], table.options[int(np.argmin(col))]  # cost: higher is worse
    saved = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    rec = next(x for x in saved["elicitation"]["criteria"] if x["criterion"] == "cost")
    assert rec["worst"].startswith(f"option {worst} ") and rec["best"].startswith(f"option {best} ")
    assert (rec["rank"], rec["rating"], rec["rationale"]) == (7, 20, "Funding is settled.")
    assert saved["source"] == {"kind": "direct", "weights": {c: ratings.get(c, 100) for c in IDS}}
    assert f"Financial burden [cost]: from option {worst} " in out
    assert appraised_weights(project, "swing_y") == pytest.approx(expected)


def test_swing_rating_above_a_higher_ranked_swing_is_refused(project: Path, tmp_path: Path) -> None:
    order = ["outcomes", "inclusion", "support", "sustainability", "consistency", "accountability", "cost", "staff"]
    ans = write_answers(tmp_path / "a.yaml", {
        "method": "swing", "respondent": "Y", "date": "2025-03-15", "ranking": order,
        "ratings": {"inclusion": 50, "support": 60, "sustainability": 50, "consistency": 40, "accountability": 30, "cost": 20, "staff": 10},
    })
    with pytest.raises(InputError, match="at most 50") as err:
        run(project, ans)
    assert err.value.field == "ratings.support" and err.value.value == 60


# ------------------------------------------------------------------ a fake terminal
class FakeTerminal:
    def __init__(self, answers: list[str]) -> None:
        self.answers: Iterator[str] = iter(answers)
        self.prompts: list[str] = []
        self.lines: list[str] = []

    def input(self, prompt: str) -> str:
        self.prompts.append(prompt)
        try:
            return next(self.answers)
        except StopIteration:
            raise EOFError from None

    def output(self, text: str) -> None:
        self.lines.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def test_interactive_pairwise_reasks_invalid_answers(project: Path) -> None:
    j = consistent_judgements()
    typed: list[str] = ["", "  Respondent Z, Head of SEND  ", "14 March", "2025-02-30", "2025-03-14"]
    for k, v in enumerate(j.values()):
        if k == 0:
            typed += ["11", "abc", "0", "2.5"]
        typed += [str(v), "Because." if k == 0 else ""]
    term = FakeTerminal(typed)
    result = elicit(project, "zed", input_fn=term.input, output_fn=term.output)
    assert result.respondent == "Respondent Z, Head of SEND"
    assert str(result.date) == "2025-03-14"
    out = term.text
    assert "An answer is needed here." in out
    assert "Not understood ('14 March'): expected a date written YYYY-MM-DD" in out
    assert "Not understood ('2025-02-30'): no such date" in out
    assert "Not understood ('11'): 11 is beyond the scale" in out
    assert "Not understood ('abc')" in out and "Not understood ('0'): 0 is not on the scale" in out
    assert "Not understood ('2.5')" in out
    assert "Recorded: Inclusion and equality of access is equally to moderately more important than Financial burden (2)." in out
    assert "Recorded: Outcomes for children and families is very strongly to extremely more important than Training, support and advice (1/8)." in out
    assert all(p == "> " for p in term.prompts)
    saved = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert saved["elicitation"]["judgements"][0]["rationale"] == "Because."
    assert "answers_file" not in saved["elicitation"]
    assert appraised_weights(project, "zed") == pytest.approx(result.weights)


def test_interactive_revision_by_number_then_accept(project: Path) -> None:
    j = consistent_judgements()
    j["inclusion__accountability"] = "/9"
    typed = []
    for v in j.values():
        typed += [str(v), ""]
    # CR above 0.10: revise item 1 to 1/5 (CR 0.128, still above), then accept with a reason.
    typed += ["7", "1", "/5", "A compromise.", "accept", "Agreed with the panel."]
    term = FakeTerminal(typed)
    result = elicit(project, "zed", respondent="Respondent Z", date="2025-03-14", input_fn=term.input, output_fn=term.output)
    out = term.text
    assert "Not understood ('7'): choose a number from 1 to 3" in out
    assert out.count("The consistency ratio is") == 2
    assert result.accepted_inconsistent and result.cr is not None and result.cr > 0.10
    saved = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    rec = next(x for x in saved["elicitation"]["judgements"] if x["pair"] == "inclusion__accountability")
    assert rec == {"pair": "inclusion__accountability", "value": "1/5", "rationale": "A compromise.", "revised_from": ["1/9"]}
    assert saved["elicitation"]["accepted_inconsistent"] == "Agreed with the panel."
    decision.load_project(project)


def test_interactive_rank_with_invalid_rankings(project: Path) -> None:
    term = FakeTerminal(["1 2 3", "1 1 2 3 4 5 6 7", "1 2 3 4 5 6 7 9", "outcomes 1 7 6 3 2 4 5", "Why not.", "", "", "", "", "", "", ""])
    result = elicit(project, "ranked", method="rank", rank_rule="reciprocal", respondent="Respondent Z", date="2025-03-14",
                    input_fn=term.input, output_fn=term.output)
    out = term.text
    assert "rank every criterion: accountability, staff, support, sustainability, outcomes missing" in out
    assert "inclusion given more than once" in out
    assert "9 is not one of the numbers 1 to 8" in out
    h = sum(1 / k for k in range(1, 9))
    assert result.weights["outcomes"] == pytest.approx(1 / h)
    assert result.weights["inclusion"] == pytest.approx(1 / 2 / h)
    assert result.weights["sustainability"] == pytest.approx(1 / 3 / h)
    assert result.weights["staff"] == pytest.approx(1 / 8 / h)


def test_interactive_input_ending_early_writes_nothing(project: Path) -> None:
    term = FakeTerminal(["Respondent Z", "2025-03-14", "3"])
    with pytest.raises(InputError, match="input ended"):
        elicit(project, "zed", input_fn=term.input, output_fn=term.output)
    assert not (project / "weights" / "zed.yaml").exists()
    assert not list((project / "weights").glob(".*"))


# ------------------------------------------------------------------ the target file and options
def test_existing_file_is_refused_without_force(project: Path, tmp_path: Path) -> None:
    ans = write_answers(tmp_path / "a.yaml", {"method": "rank", "respondent": "X", "date": "2025-03-14", "ranking": RANKING})
    with pytest.raises(InputError, match="already exists; pass --force") as err:
        run(project, ans, weight_set="equal")
    assert err.value.file == str(project / "weights" / "equal.yaml")
    result, _ = run(project, ans, weight_set="equal", force=True)
    assert yaml.safe_load(result.path.read_text(encoding="utf-8"))["source"]["kind"] == "rank"
    with pytest.raises(InputError, match="lower case letters"):
        run(project, ans, weight_set="Bad-Name")


def test_command_line_values_and_conflicts(project: Path, tmp_path: Path) -> None:
    ans = write_answers(tmp_path / "a.yaml", {"method": "rank", "respondent": "X", "date": "2025-03-14", "ranking": RANKING})
    with pytest.raises(InputError, match="different respondent") as err:
        run(project, ans, respondent="Somebody else")
    assert err.value.field == "respondent"
    with pytest.raises(InputError, match="YYYY-MM-DD") as err:
        run(project, ans, date="yesterday")
    assert err.value.field == "--date"
    with pytest.raises(InputError, match="different method"):
        run(project, ans, method="swing")
    with pytest.raises(InputError, match="applies only to --method rank"):
        run(project, write_answers(tmp_path / "b.yaml", {"respondent": "X", "date": "2025-03-14", "judgements": consistent_judgements()}),
            rank_rule="roc")


def test_parse_judgement() -> None:
    assert parse_judgement("3") == 3 and parse_judgement("/3") == pytest.approx(1 / 3)
    assert parse_judgement("1/7") == pytest.approx(1 / 7) and parse_judgement(" 1 ") == 1 and parse_judgement("/1") == 1
    for bad in ["10", "0", "abc", "", "3.5", "-2", "1/0", "//3", "nan", "inf"]:
        with pytest.raises(ValueError):
            parse_judgement(bad)


def test_cli_dispatch_runs_elicit(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from decision.cli import people as cli_people

    ans = write_answers(tmp_path / "a.yaml", {"respondent": "X", "date": "2025-03-14", "ranking": RANKING})
    parser = argparse.ArgumentParser(prog="decision")
    cli_people.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["elicit", "--weight-set", "x", "--method", "rank", "--rank-rule", "rank_sum",
                              "--project", str(project), "--answers", str(ans)])
    assert cli_people.dispatch(args) == 0
    assert "Wrote" in capsys.readouterr().out
    saved = yaml.safe_load((project / "weights" / "x.yaml").read_text(encoding="utf-8"))
    assert saved["source"]["method"] == "rank_sum"
