"""The evidence-to-criteria graph: evidence item -> theme -> criterion -> goal.

The appraisal reads the theme-to-criterion map off this graph, so what an
auditor exports (GraphML) is what the scores were computed from.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

import networkx as nx

from ..errors import InputError
from ..model import Project
from .score import Contribution

__all__ = ["build_graph", "criterion_map", "provenance_graph", "write_graphml", "OUT_OF_SCOPE"]

OUT_OF_SCOPE = "out_of_scope"


def _attrs(**kwargs: object) -> dict[str, object]:
    # GraphML has no null: leave absent values out.
    return {k: v for k, v in kwargs.items() if v is not None}


def build_graph(project: Project) -> nx.DiGraph:
    """Build the provenance graph of a project.

    Node ids are prefixed by kind: ``goal:``, ``criterion:``, ``theme:``,
    ``item:`` (one per evidence bullet, ``item:o<option>/<group>/<category>/<n>``)
    and the single ``out_of_scope`` node for themes deliberately not scored.
    The graph is frozen: results that hold it stay immutable.
    """
    g = nx.DiGraph()
    cm = project.criteria
    goal = f"goal:{cm.goal_id}"
    g.add_node(goal, kind="goal", label=cm.goal_name)
    g.add_node(OUT_OF_SCOPE, kind="out_of_scope", label="Not scored")
    for c in cm.criteria:
        g.add_node(f"criterion:{c.id}", kind="criterion", label=c.name, direction=c.direction, definition=c.definition)
        g.add_edge(f"criterion:{c.id}", goal)
    for t in project.themes.values():
        g.add_node(f"theme:{t.id}", kind="theme", label=t.label, theme_kind=t.kind)
        if t.id in cm.mapping:
            g.add_edge(f"theme:{t.id}", f"criterion:{cm.mapping[t.id]}")
        else:
            g.add_edge(f"theme:{t.id}", OUT_OF_SCOPE, reason=cm.out_of_scope.get(t.id, ""))
    for s in project.sections:
        for n, item in enumerate(s.items):
            node = f"item:o{s.option}/{s.stakeholder}/{s.category}/{n}"
            g.add_node(node, **_attrs(
                kind="item", option=s.option, stakeholder=s.stakeholder, category=s.category,
                position=n, percent=item.percent, count=item.count, comments=s.comments,
                figure=s.figure, coded=item.coded, note=item.note,
            ))
            g.add_edge(node, f"theme:{item.theme}")
    if not nx.is_directed_acyclic_graph(g):  # the construction above cannot make a cycle
        raise InputError("the evidence graph has a cycle", field="mapping")
    return nx.freeze(g)


def criterion_map(graph: nx.DiGraph) -> Mapping[str, str]:
    """Theme id -> criterion id, read off the graph's theme -> criterion edges."""
    out: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "theme":
            continue
        targets = [t for t in graph.successors(node) if graph.nodes[t].get("kind") == "criterion"]
        if len(targets) > 1:
            raise InputError("a theme feeds more than one criterion", field=node, value=targets)
        if targets:
            out[node.removeprefix("theme:")] = targets[0].removeprefix("criterion:")
    return MappingProxyType(out)


def provenance_graph(graph: nx.DiGraph, *, contributions: Sequence[Contribution], values: Mapping[tuple[int, str], float]) -> nx.DiGraph:
    """The evidence graph with the option scores added, for auditors.

    Adds one ``cell:o<option>/<criterion>`` node per performance-matrix cell
    (attribute ``score``), an edge from every scored evidence item to its cell
    (attributes ``comments_counted`` and ``polarity``), and an edge from each
    cell to its criterion. The input graph is not modified.
    """
    g = graph.copy()
    for (option, criterion), score in values.items():
        node = f"cell:o{option}/{criterion}"
        g.add_node(node, kind="cell", option=option, criterion=criterion, score=float(score))
        g.add_edge(node, f"criterion:{criterion}")
    for c in contributions:
        if c.criterion is None:
            continue
        item = f"item:o{c.option}/{c.stakeholder}/{c.category}/{c.position}"
        cell = f"cell:o{c.option}/{c.criterion}"
        if g.has_edge(item, cell):  # a nothing-identified statement spread over criteria meets each cell once
            g.edges[item, cell]["comments_counted"] += float(c.comments_counted)
        else:
            g.add_edge(item, cell, comments_counted=float(c.comments_counted), polarity=int(c.polarity), status=c.status)
    return g


def write_graphml(graph: nx.DiGraph, path: Path) -> None:
    """Write the graph as GraphML (for yEd, Gephi or networkx)."""
    nx.write_graphml(graph, path)
