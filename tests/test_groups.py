"""Stakeholder groups are the project's own: a project with two groups of
other names pools exactly those two, and no other group appears anywhere in
its outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from decision import appraise, load_project
from decision.errors import InputError

FILES = {
    "appraisal.yaml": """\
name: Library service review (synthetic test project)
groups:
  - {id: residents, label: Residents}
  - {id: staff, label: Library staff, participants: 12}
""",
    "criteria/themes.yaml": """\
themes:
  - {id: opening_hours, label: Opening hours}
  - {id: running_cost, label: Running cost}
""",
    "criteria/criteria.yaml": """\
goal: {id: library_future, name: Best future for the library service}
criteria:
  - {id: access, name: Access, direction: benefit, definition: How easily people can use the service.}
  - {id: cost, name: Cost, direction: cost, definition: What the option costs to run.}
mapping: {opening_hours: access, running_cost: cost}
out_of_scope: {}
""",
    "criteria/evidence.yaml": """\
sections:
  - {option: 1, stakeholder: residents, category: advantages, comments: 10, items: [{theme: opening_hours, percent: 60}, {theme: running_cost, percent: 40}]}
  - {option: 1, stakeholder: staff, category: disadvantages, comments: 4, items: [{theme: opening_hours, percent: 50}, {theme: running_cost, percent: 50}]}
  - {option: 2, stakeholder: residents, category: risks, comments: 5, items: [{theme: running_cost, percent: 100}]}
  - {option: 2, stakeholder: staff, category: benefits, comments: 3, items: [{theme: opening_hours, percent: 100}]}
""",
    "criteria/questions.yaml": "{}\n",
    "criteria/agreed_points.yaml": "agreed_points: []\n",
    "criteria/context.yaml": """\
decision:
  subject: the library service
  decision_forum: Council committee
  decision_due: spring 2027
options:
  - {id: 1, short: Keep as is, description: No change}
  - {id: 2, short: Shorter hours, description: Fewer opening hours}
stakeholders:
  - {id: residents, name: Residents, role: People who use the libraries, format: survey, events: [2026-10-01], attendance: null}
  - {id: staff, name: Library staff, role: People who run the libraries, format: meeting, events: [2026-10-02], attendance: null}
""",
    "weights/equal.yaml": """\
name: equal
label: Equal weights
provenance: assumed
provenance_note: The reference case.
source: {kind: direct, weights: {access: 1, cost: 1}}
""",
}
OTHER_GROUPS = re.compile(r"\b(stls|internal|schools)\b", re.IGNORECASE)


def _project(root: Path, **changes: str) -> Path:
    for name, text in {**FILES, **changes}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_pooling_averages_exactly_the_project_groups(tmp_path: Path) -> None:
    a = appraise(load_project(_project(tmp_path)))
    assert a.table.groups == ("residents", "staff")
    assert set(a.table.by_group) == {"residents", "staff"}
    # Option 1 / access, by hand (prior strength a = 1, favourability (F - A) / (F + A + 2)):
    #   residents: 60% of 10 = 6 for, 0 against -> 6 / 8 = 0.75
    #   staff:     50% of 4  = 2 against        -> -2 / 4 = -0.5
    #   equal voice over the two groups: (0.75 - 0.5) / 2 = 0.125 -> 50 + 50 x 0.125 = 56.25
    #   (a third, silent group counted as neutral would give 54.1667)
    assert a.table.value(1, "access") == pytest.approx(56.25, abs=1e-12)
    # Option 2 / cost (a cost criterion scored as burden): residents 5 against -> -5/7;
    # staff silent on cost -> 0; mean -5/14; burden 50 - 50 x (-5/14) = 67.857...
    assert a.table.value(2, "cost") == pytest.approx(50 + 50 * 5 / 14, abs=1e-12)
    assert a.project.group_label("staff") == "Library staff"


def test_no_other_group_appears_in_any_output(tmp_path: Path) -> None:
    from decision.output.sensitivity import sensitivity_document
    from decision.output.tables import write_tables
    from decision.sensitivity import analyse

    a = appraise(load_project(_project(tmp_path / "project")))
    out = tmp_path / "out"
    out.mkdir()
    write_tables(a, out, "decision appraise")
    (out / "sensitivity.json").write_text(json.dumps(sensitivity_document(a, analyse(a, samples=50))), encoding="utf-8")
    for path in sorted(out.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert not OTHER_GROUPS.search(text), f"{path.name} names a group the project does not have"
    by_group = (out / "performance_by_group.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert {line.split(",")[0] for line in by_group} == {"residents", "staff"}
    flags = json.loads((out / "results.json").read_text(encoding="utf-8"))["data_quality"]
    assert all("residents" in f["where"] or "staff" in f["where"] or "option" not in f["where"] for f in flags)


def test_an_undeclared_group_is_refused_naming_the_known_ones(tmp_path: Path) -> None:
    bad = FILES["criteria/evidence.yaml"].replace("stakeholder: staff, category: benefits", "stakeholder: visitors, category: benefits")
    with pytest.raises(InputError) as err:
        load_project(_project(tmp_path, **{"criteria/evidence.yaml": bad}))
    e = err.value
    assert e.field == "sections[3].stakeholder" and e.value == "visitors" and e.line == 5
    assert "evidence.yaml" in str(e) and "residents, staff" in str(e)


def test_without_declared_groups_the_evidence_names_them(tmp_path: Path) -> None:
    settings = "name: Library service review (synthetic test project)\n"
    p = load_project(_project(tmp_path, **{"appraisal.yaml": settings}))
    assert p.group_ids == ("residents", "staff")
    assert p.group_label("staff") == "staff"


def test_voice_weights_weigh_the_groups_in_pooling(tmp_path: Path) -> None:
    settings = FILES["appraisal.yaml"].replace("{id: residents, label: Residents}", "{id: residents, label: Residents, voice: 3}")
    a = appraise(load_project(_project(tmp_path, **{"appraisal.yaml": settings})))
    # Option 1 / access as in the first test, residents 0.75 and staff -0.5,
    # now weighted 3 : 1: (3 x 0.75 + 1 x (-0.5)) / 4 = 0.4375 -> 50 + 50 x 0.4375 = 71.875
    assert a.table.value(1, "access") == pytest.approx(71.875, abs=1e-12)
