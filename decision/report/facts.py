"""Facts the report and the workbook present, computed from the data objects.

Nothing here imports reportlab or openpyxl, so both writers share it. Every
function reads the appraisal, the sensitivity report or the project; none
adds a number of its own.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Iterable, Mapping, Sequence

from ..appraisal import Appraisal, Ranking
from ..methods import REGISTRY
from ..model import Project
from ..scoring.score import Contribution

__all__ = [
    "method_label",
    "CATEGORY_LABELS",
    "DEPENDENCIES",
    "equality_themes",
    "equality_criteria",
    "agreeing_groups",
    "uk_date",
    "group_index",
    "iso_text_date",
    "group_names",
    "option_label",
    "criterion_names",
    "theme_label",
    "first_places",
    "leader",
    "FirstPlace",
    "first_place_summary",
    "key_switches",
    "score_switches",
    "changed_scenarios",
    "smaa_first",
    "versions",
    "figures_text",
    "cell_trace",
    "theme_map",
    "equality_evidence",
    "risk_evidence",
    "unscored_items",
    "warning_flags",
    "fmt",
]

def method_label(method: str) -> str:
    """A method's name in the documents (its :attr:`~decision.methods.Method.label`); an unknown id as given."""
    known = REGISTRY.get(method)
    return known.label if known is not None else method


CATEGORY_LABELS: Mapping[str, str] = {
    "advantages": "Advantages",
    "disadvantages": "Disadvantages",
    "benefits": "Benefits",
    "risks": "Risks",
}
#: Packages whose versions the audit record lists.
DEPENDENCIES = ("numpy", "pandas", "pymcdm", "scipy", "SALib", "reportlab", "matplotlib", "networkx", "pydantic", "openpyxl")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def fmt(x: float | None, places: int = 3, *, signed: bool = False, none: str = "-") -> str:
    """A number with a fixed number of decimals (and '-' for None)."""
    if x is None:
        return none
    if abs(x) < 0.5 * 10 ** (-places):
        x = 0.0  # never print -0.000
    return f"{x:+.{places}f}" if signed else f"{x:.{places}f}"


def group_index(groups: Sequence[str], g: str) -> int:
    """Position of a group id among the project's groups (unknown ids last)."""
    return list(groups).index(g) if g in groups else len(groups)


def uk_date(d: _dt.date | None, *, undated: str = "Undated") -> str:
    """'31 August 2025' (no locale involved); ``undated`` for None."""
    if d is None:
        return undated
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def iso_text_date(value: object) -> str:
    """A date from context data in words: '2025-08-31' -> '31 August 2025',
    '2024-07' -> 'July 2024'; anything else as given."""
    if isinstance(value, _dt.date):
        return uk_date(value)
    text = "" if value is None else str(value)
    try:
        return uk_date(_dt.date.fromisoformat(text))
    except ValueError:
        pass
    parts = text.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text


def group_names(project: Project) -> dict[str, str]:
    """Stakeholder group id -> name from the context, falling back to the id."""
    names: dict[str, str] = {g.id: g.label for g in project.groups}
    for s in project.context.stakeholders:
        names[s.id] = s.name
    return names


def option_label(project: Project, option: int) -> str:
    return f"Option {option}: {project.options.get(option, '')}".rstrip(": ")


def criterion_names(project: Project) -> dict[str, str]:
    return {c.id: c.name for c in project.criteria.criteria}


def theme_label(project: Project, theme: str) -> str:
    t = project.themes.get(theme)
    return t.label if t is not None else theme


def first_places(appraisal: Appraisal) -> dict[int, list[Ranking]]:
    """Option -> the rankings (weight set x method) that put it first (ties included)."""
    out: dict[int, list[Ranking]] = {o: [] for o in appraisal.table.options}
    for r in appraisal.rankings:
        for o in r.preferred:
            out[o].append(r)
    return out


def leader(appraisal: Appraisal) -> int | None:
    """The option first under the most weight set x method combinations
    (None if no ranking exists or two options lead equally)."""
    counts = Counter({o: len(rs) for o, rs in first_places(appraisal).items()})
    if not counts:
        return None
    top = counts.most_common()
    if len(top) > 1 and top[0][1] == top[1][1]:
        return None
    return top[0][0] if top[0][1] > 0 else None


@dataclass(frozen=True)
class FirstPlace:
    option: int
    combinations: int
    total: int
    weight_sets_all_methods: tuple[str, ...]
    weight_sets_some_methods: tuple[str, ...]
    methods_all_sets: tuple[str, ...]


def first_place_summary(appraisal: Appraisal, option: int) -> FirstPlace:
    """Where ``option`` comes first: how many combinations, and under which
    weight sets for every method / some methods, and which methods under every set."""
    wins = {(r.weight_set, r.method) for r in appraisal.rankings if option in r.preferred}
    sets = [w.name for w in appraisal.weight_sets]
    methods = list(dict.fromkeys(r.method for r in appraisal.rankings))
    all_m = tuple(s for s in sets if all((s, m) in wins for m in methods))
    some_m = tuple(s for s in sets if s not in all_m and any((s, m) in wins for m in methods))
    all_s = tuple(m for m in methods if all((s, m) in wins for s in sets))
    return FirstPlace(option=option, combinations=len(wins), total=len(appraisal.rankings),
                      weight_sets_all_methods=all_m, weight_sets_some_methods=some_m, methods_all_sets=all_s)


def key_switches(report: Any, method: str | None = "topsis") -> list[tuple[Any, Any]]:
    """(switching summary, row) for every weight switching value that exists
    (lower or upper not None), for ``method`` (None: every method)."""
    out = []
    for s in report.switching:
        if method is not None and s.method != method:
            continue
        for row in s.rows:
            if row.lower is not None or row.upper is not None:
                out.append((s, row))
    return out


def score_switches(report: Any) -> list[tuple[str, Any]]:
    """(weight set, score switch) for every score change that changes first place."""
    return [(ws, r) for ws, rows in report.score_switching.items() for r in rows if r.change is not None]


def changed_scenarios(report: Any) -> list[Any]:
    """Scenario results in which first place differs from the base case."""
    return [r for r in report.scenarios if r.changed]


def smaa_first(report: Any, option: int, options: Sequence[int]) -> list[tuple[str, float]]:
    """(run label, first-rank acceptability of ``option``) for every SMAA run."""
    i = list(options).index(option)
    return [(e.label, float(e.result.rank_acceptability[i, 0])) for e in report.smaa]


def versions() -> dict[str, str]:
    """Installed versions of the engine's dependencies ('not installed' if absent)."""
    out = {}
    for name in DEPENDENCIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def figures_text(figures: Iterable[int | None]) -> str:
    """'figures 4, 5' / 'figure 6' / '' from figure numbers (None skipped)."""
    nums = sorted({f for f in figures if f is not None})
    if not nums:
        return ""
    return ("figure " if len(nums) == 1 else "figures ") + ", ".join(str(n) for n in nums)


@dataclass(frozen=True)
class CellTrace:
    option: int
    criterion: str
    score: float
    favourable: tuple[float, ...]   # per group, in the project's order
    adverse: tuple[float, ...]
    figures: tuple[int, ...]
    items: int
    analyst_items: int


def cell_trace(appraisal: Appraisal) -> list[CellTrace]:
    """Per option x criterion: the score, comments for and against per group,
    and the report figures and number of evidence items behind it."""
    t = appraisal.table
    by_cell: dict[tuple[int, str], list[Contribution]] = defaultdict(list)
    for c in t.contributions:
        if c.criterion is not None:
            by_cell[(c.option, c.criterion)].append(c)
    out = []
    for j, crit in enumerate(t.criteria):
        for i, o in enumerate(t.options):
            cs = by_cell.get((o, crit), [])
            out.append(CellTrace(
                option=o, criterion=crit, score=float(t.values[i, j]),
                favourable=tuple(float(t.favourable[g, i, j]) for g in range(len(t.groups))),
                adverse=tuple(float(t.adverse[g, i, j]) for g in range(len(t.groups))),
                figures=tuple(sorted({c.figure for c in cs if c.figure is not None})),
                items=len(cs), analyst_items=sum(1 for c in cs if c.coded == "analyst"),
            ))
    return out


def theme_map(appraisal: Appraisal) -> list[tuple[str, str, str | None, str | None]]:
    """(theme id, theme label, criterion id or None, out-of-scope reason or None),
    read off the evidence graph, grouped by criterion in criteria order, out of scope last."""
    g = appraisal.graph
    p = appraisal.project
    order = {c.id: k for k, c in enumerate(p.criteria.criteria)}
    rows = []
    for node, data in g.nodes(data=True):
        if data.get("kind") != "theme":
            continue
        tid = node.removeprefix("theme:")
        crit: str | None = None
        reason: str | None = None
        for succ in g.successors(node):
            kind = g.nodes[succ].get("kind")
            if kind == "criterion":
                crit = succ.removeprefix("criterion:")
            elif kind == "out_of_scope":
                reason = str(g.edges[node, succ].get("reason", "")) or None
        rows.append((tid, str(data.get("label", tid)), crit, reason))
    theme_order = {t: k for k, t in enumerate(p.themes)}
    rows.sort(key=lambda r: (order.get(r[2], len(order)) if r[2] is not None else len(order) + 1, theme_order.get(r[0], 0)))
    return rows


@dataclass(frozen=True)
class ThemeEvidence:
    option: int
    theme: str
    stakeholder: str
    favourable: float
    adverse: float
    items: int
    figures: tuple[int, ...]
    categories: tuple[str, ...]


def _group_contributions(cs: Iterable[Contribution]) -> list[ThemeEvidence]:
    acc: dict[tuple[int, str, str], list[Contribution]] = defaultdict(list)
    for c in cs:
        acc[(c.option, c.theme, c.stakeholder)].append(c)
    out = []
    for (o, theme, g), items in acc.items():
        out.append(ThemeEvidence(
            option=o, theme=theme, stakeholder=g,
            favourable=sum(c.comments_counted for c in items if c.polarity > 0),
            adverse=sum(c.comments_counted for c in items if c.polarity < 0),
            items=len(items), figures=tuple(sorted({c.figure for c in items if c.figure is not None})),
            categories=tuple(dict.fromkeys(c.category for c in items)),
        ))
    return out


def equality_criteria(project: Project) -> tuple[str, ...]:
    """The criteria the project says bear on equalities (context.yaml ``equalities.criteria``)."""
    eq = project.context.equalities
    return () if eq is None else eq.criteria


def equality_themes(appraisal: Appraisal) -> list[str]:
    """The themes read for equalities, in the project's theme order: those the
    project names, and every theme mapped to a criterion it names."""
    eq = appraisal.project.context.equalities
    if eq is None:
        return []
    return [th for th in appraisal.project.themes
            if th in eq.themes or appraisal.mapping.get(th) in eq.criteria]


def equality_evidence(appraisal: Appraisal) -> dict[int, list[ThemeEvidence]]:
    """Per option: the scored evidence on the themes that bear on equalities
    (:func:`equality_themes`), by theme and group, ordered by theme then group."""
    themes = set(equality_themes(appraisal))
    cs = [c for c in appraisal.table.contributions if c.theme in themes and c.status == "scored"]
    theme_order = {t: k for k, t in enumerate(appraisal.project.themes)}
    out: dict[int, list[ThemeEvidence]] = {o: [] for o in appraisal.table.options}
    for e in _group_contributions(cs):
        out[e.option].append(e)
    for o in out:
        out[o].sort(key=lambda e: (theme_order.get(e.theme, 0), group_index(appraisal.table.groups, e.stakeholder)))
    return out


def agreeing_groups(project: Project) -> tuple[str, ...]:
    """The groups named as agreeing in any agreed point, in the project's group order."""
    named = {g for ap in project.agreed_points for g in ap.groups}
    return tuple(g for g in project.group_ids if g in named) + tuple(sorted(named - set(project.group_ids)))


@dataclass(frozen=True)
class RiskTheme:
    option: int
    theme: str
    criterion: str | None
    comments: float
    groups: tuple[str, ...]
    figures: tuple[int, ...]
    status: str


def risk_evidence(appraisal: Appraisal) -> dict[int, list[RiskTheme]]:
    """Per option: the themes raised as risks, most comments first."""
    acc: dict[tuple[int, str], list[Contribution]] = defaultdict(list)
    for c in appraisal.table.contributions:
        if c.category == "risks" and c.status in ("scored", "out_of_scope"):
            acc[(c.option, c.theme)].append(c)
    out: dict[int, list[RiskTheme]] = {o: [] for o in appraisal.table.options}
    for (o, theme), cs in acc.items():
        out[o].append(RiskTheme(
            option=o, theme=theme, criterion=cs[0].criterion, comments=sum(c.comments_counted for c in cs),
            groups=tuple(g for g in appraisal.table.groups if any(c.stakeholder == g for c in cs)),
            figures=tuple(sorted({c.figure for c in cs if c.figure is not None})), status=cs[0].status,
        ))
    for o in out:
        out[o].sort(key=lambda r: (-r.comments, r.theme))
    return out


def unscored_items(appraisal: Appraisal) -> dict[int, list[Contribution]]:
    """Per option: evidence that is not a reported share of a counted section:
    items coded by the analyst, themes out of scope and 'nothing identified' statements."""
    out: dict[int, list[Contribution]] = {o: [] for o in appraisal.table.options}
    spread_seen: set[tuple[str, str]] = set()
    for c in appraisal.table.contributions:
        if c.coded != "analyst" and c.status == "scored":
            continue
        if c.status == "none_statement_spread":
            # one contribution per criterion: list the statement once
            if (c.section, c.theme) in spread_seen:
                continue
            spread_seen.add((c.section, c.theme))
        out.setdefault(c.option, []).append(c)
    return out


def warning_flags(appraisal: Appraisal) -> list[Any]:
    return [f for f in appraisal.check.flags if f.severity == "warning"]
