"""End to end on the bundled STLS project."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from decision import appraise
from decision.appraisal import APPRAISAL_METHODS
from decision.scoring.graph import OUT_OF_SCOPE, write_graphml


def test_every_weight_set_and_method_is_ranked(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    a = bundled_appraisal
    pairs = {(r.weight_set, r.method) for r in a.rankings}
    assert pairs == {(w.name, m) for w in a.weight_sets for m in APPRAISAL_METHODS}
    for r in a.rankings:
        assert sorted(r.options) == [1, 2, 3, 4]
        assert min(r.ranks) == 1 and max(r.ranks) <= 4
        assert r.margin >= 0


def test_current_result_option2_first_everywhere(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    # A regression guard on the bundled evidence, not a property of the engine:
    # continuing the service (option 2) is best on every criterion but support
    # (where option 4's few, mostly favourable, comments put it ahead), so it
    # comes first under every weight set and method.
    assert {r.preferred for r in bundled_appraisal.rankings} == {(2,)}
    t = bundled_appraisal.table
    best = [int((t.values[:, j] * t.types[j]).argmax()) + 1 for j in range(len(t.criteria))]
    assert dict(zip(t.criteria, best)) == {c: (4 if c == "support" else 2) for c in t.criteria}


def test_graph_routes_every_item_to_the_goal_or_out_of_scope(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    g = bundled_appraisal.graph
    goal = next(n for n, d in g.nodes(data=True) if d["kind"] == "goal")
    items = [n for n, d in g.nodes(data=True) if d["kind"] == "item"]
    assert len(items) == sum(len(s.items) for s in bundled_appraisal.project.sections)
    for n in items:
        assert nx.has_path(g, n, goal) or nx.has_path(g, n, OUT_OF_SCOPE)
    assert dict(bundled_appraisal.mapping) == dict(bundled_appraisal.project.criteria.mapping)


def test_graphml_round_trip(bundled_appraisal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.graphml"
    write_graphml(bundled_appraisal.graph, path)
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == bundled_appraisal.graph.number_of_nodes()
    assert back.number_of_edges() == bundled_appraisal.graph.number_of_edges()


def test_appraisal_is_deterministic(bundled_project, bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    again = appraise(bundled_project)
    assert [r.scores for r in again.rankings] == [r.scores for r in bundled_appraisal.rankings]


def test_warnings_name_the_assumed_weights_and_the_defects(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(bundled_appraisal.warnings)
    assert "'commissioners' is an assumption" in text
    assert "sum to 90" in text and "sum to 96" in text
    assert "15 is the smallest count" in text


def test_contributions_add_up_to_the_counts(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    t = bundled_appraisal.table
    total_f = sum(c.comments_counted for c in t.contributions if c.status == "scored" and c.polarity > 0)
    total_a = sum(c.comments_counted for c in t.contributions if c.status == "scored" and c.polarity < 0)
    assert t.favourable.sum() == pytest.approx(total_f)
    assert t.adverse.sum() == pytest.approx(total_a)


def test_provenance_graph_links_items_to_cells(bundled_appraisal) -> None:  # type: ignore[no-untyped-def]
    from decision.scoring.graph import provenance_graph

    t = bundled_appraisal.table
    cells = {(o, c): float(t.values[i, j]) for i, o in enumerate(t.options) for j, c in enumerate(t.criteria)}
    g = provenance_graph(bundled_appraisal.graph, contributions=t.contributions, values=cells)
    assert bundled_appraisal.graph.number_of_nodes() < g.number_of_nodes()  # the input graph is untouched
    cell = "cell:o3/consistency"
    assert g.nodes[cell]["score"] == pytest.approx(t.value(3, "consistency"))
    feeding = sorted(round(g.edges[u, cell]["comments_counted"], 6) for u in g.predecessors(cell))
    assert feeding == [2.9, 3.3, 11.34]  # the hand-worked cell of docs/METHOD.md
    # Both 5% "mainstream staff" bullets of option 1 / STLS / risks keep their own edge.
    staff = [u for u in g.predecessors("cell:o1/staff") if u.startswith("item:o1/stls/risks/")]
    assert len(staff) == 2
