"""decision explain: the hand-worked cell traced from evidence to ranking."""

from __future__ import annotations

import json

import pytest

from decision.cli import main
from decision.errors import InputError
from decision.explain import explain

from .conftest import ROOT


def test_explain_reproduces_the_hand_worked_cell(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    e = explain(bundled_appraisal, option=3, criterion="consistency", weight_set="schools")
    # docs/METHOD.md: 21% of 54 + 10% of 29 (schools) and 15% of 22 (STLS), all against.
    counted = sorted(round(c.comments_counted, 6) for c in e.contributions)
    assert counted == [2.9, 3.3, 11.34]
    assert all(c.polarity == -1 for c in e.contributions)
    assert {c.figure for c in e.contributions} == {18, 21, 22}
    assert e.score == pytest.approx(50 + 50 * ((-14.24 / 16.24) + (-3.3 / 5.3)) / 3)
    assert e.rank == bundled_appraisal.ranking("schools", "topsis").ranks[2]
    assert e.ideal >= e.weighted >= e.anti_ideal


def test_explain_refuses_unknown_names(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="no such option"):
        explain(bundled_appraisal, option=9, criterion="cost")
    with pytest.raises(InputError, match="no such criterion"):
        explain(bundled_appraisal, option=1, criterion="costs")
    with pytest.raises(InputError, match="no such weight set"):
        explain(bundled_appraisal, option=1, criterion="cost", weight_set="nobody")


def test_explain_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--project", str(ROOT), "--option", "1", "--criterion", "cost", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["option"] == 1 and doc["criterion"] == "cost" and doc["direction"] == "cost"
    # Internal group on option 1 / cost: 1 comment for (savings), 2 against (cost, displaced demand).
    internal = next(g for g in doc["groups"] if g["stakeholder"] == "internal")
    assert (internal["favourable"], internal["adverse"]) == (1.0, 2.0)
    assert main(["explain", "--project", str(ROOT), "--option", "7", "--criterion", "cost"]) == 2
    assert "no such option" in capsys.readouterr().err
