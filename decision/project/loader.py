"""Load a project folder: read, parse and validate every input file.

A project folder holds ``appraisal.yaml`` (settings), ``criteria/`` (themes,
criteria and the theme-to-criterion map, the themed evidence, the additional
questions, the agreed points and the consultation context) and ``weights/``
(one weight set per file). Every problem becomes an :class:`InputError` that
names the file, the key path (and line, where the parser knows it), the rule
and the value found. This is also where a weight file's YAML is written
(:func:`dump_weight_file`), so that YAML is read and written in one module.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import schema
from ..errors import InputError
from ..textfile import decode_utf8, read_bytes
from ..model import (
    AgreedPoints,
    Context,
    Criterion,
    CriteriaMap,
    DecisionContext,
    EvidenceItem,
    Finding,
    OptionContext,
    Project,
    Scenario,
    ScoreOverride,
    ScoringSettings,
    Section,
    Settings,
    StakeholderContext,
    Theme,
    ThemedQuestion,
    WeightSpec,
    WorkshopAttendance,
)
from ..weights.files import weight_spec
from ..weights.schema import WeightFile

__all__ = ["load_project", "load_scenario", "load_weight_file", "read_yaml", "dump_weight_file", "PROJECT_FILES"]

MAX_FILE_BYTES = 5_000_000
PROJECT_FILES = {
    "settings": "appraisal.yaml",
    "themes": "criteria/themes.yaml",
    "criteria": "criteria/criteria.yaml",
    "evidence": "criteria/evidence.yaml",
    "questions": "criteria/questions.yaml",
    "agreed": "criteria/agreed_points.yaml",
    "context": "criteria/context.yaml",
}

M = TypeVar("M", bound=BaseModel)


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loader that refuses anchors and aliases (no 'billion laughs')."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        # PyYAML keeps the last of two equal keys without a word; refuse them instead.
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = self.construct_object(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _lines(value_node, path + (key_node.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _lines(child, path + (i,), out)


def read_yaml(path: Path, *, display: str) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Read one YAML file safely; return the data and a key-path -> line index."""
    raw = read_bytes(path, display=display, max_bytes=MAX_FILE_BYTES, missing="required file is missing")
    text = decode_utf8(raw, display=display)
    try:
        loader = _NoAliasLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise InputError(f"not valid YAML: {exc.problem}", file=display, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=display) from None
    index: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _lines(node, (), index)
    return data, index


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _parse(model: type[M], path: Path, *, display: str) -> tuple[M, dict[tuple[Any, ...], int]]:
    data, index = read_yaml(path, display=display)
    if not isinstance(data, dict):
        raise InputError("the file must hold a mapping of keys at the top level", file=display, value=type(data).__name__)
    try:
        return model.model_validate(data), index
    except ValidationError as exc:
        # A misspelt key shows up twice: as an unknown key and as a missing one.
        # Report the unknown key, which names the typo.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        err = errors[0]
        # Drop pydantic's union/discriminator tags from the path shown to users.
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in {"ahp", "direct", "rank", "priorities"} and p != err["loc"][-1]))
        line = None
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in index:
                line = index[loc[:cut]]
                break
        value = err.get("input")
        if isinstance(value, (dict, list)):
            value = None
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown key (not allowed here; check the spelling)"
        elif err["type"] == "missing":
            message = "required key is missing"
        more = len(exc.errors()) - 1
        if more:
            message += f" ({more} more problem{'s' if more > 1 else ''} in this file)"
        raise InputError(message, file=display, field=_dotted(loc), value=value, line=line) from None


def _item(i: schema.ItemIn) -> EvidenceItem:
    return EvidenceItem(
        theme=i.theme,
        percent=i.percent,
        count=i.count,
        coded="analyst" if i.percent is None else "reported",
        note=i.note,
    )


def load_project(root: str | Path) -> Project:
    """Load and validate the project folder ``root``.

    Raises
    ------
    InputError
        On the first problem found, naming the file, field, rule and value.
    """
    base = Path(root)
    if not base.is_dir():
        raise InputError("project folder does not exist", file=str(root))

    def disp(rel: str) -> str:
        return str(Path(root) / rel)

    settings_in, _ = _parse(schema.SettingsFile, base / PROJECT_FILES["settings"], display=disp(PROJECT_FILES["settings"]))
    themes_in, theme_lines = _parse(schema.ThemesFile, base / PROJECT_FILES["themes"], display=disp(PROJECT_FILES["themes"]))
    criteria_in, crit_lines = _parse(schema.CriteriaFile, base / PROJECT_FILES["criteria"], display=disp(PROJECT_FILES["criteria"]))
    evidence_in, ev_lines = _parse(schema.EvidenceFile, base / PROJECT_FILES["evidence"], display=disp(PROJECT_FILES["evidence"]))
    questions_in, q_lines = _parse(schema.QuestionsFile, base / PROJECT_FILES["questions"], display=disp(PROJECT_FILES["questions"]))
    agreed_in, ag_lines = _parse(schema.AgreedFile, base / PROJECT_FILES["agreed"], display=disp(PROJECT_FILES["agreed"]))
    context_in, ctx_lines = _parse(schema.ContextFile, base / PROJECT_FILES["context"], display=disp(PROJECT_FILES["context"]))

    # ---- themes
    themes: dict[str, Theme] = {}
    for n, t in enumerate(themes_in.themes):
        if t.id in themes:
            raise InputError("duplicate theme id", file=disp(PROJECT_FILES["themes"]), field=f"themes[{n}].id", value=t.id, line=theme_lines.get(("themes", n, "id")))
        themes[t.id] = Theme(id=t.id, label=t.label, kind=t.kind)

    # ---- criteria and the map
    cfile = disp(PROJECT_FILES["criteria"])
    criteria: list[Criterion] = []
    for n, c in enumerate(criteria_in.criteria):
        if any(c.id == x.id for x in criteria):
            raise InputError("duplicate criterion id", file=cfile, field=f"criteria[{n}].id", value=c.id, line=crit_lines.get(("criteria", n, "id")))
        criteria.append(Criterion(id=c.id, name=c.name, direction=c.direction, definition=c.definition))
    criterion_ids = {c.id for c in criteria}
    for theme_id, crit in criteria_in.mapping.items():
        line = crit_lines.get(("mapping", theme_id))
        if theme_id not in themes:
            raise InputError("mapping names a theme that is not in the taxonomy", file=cfile, field=f"mapping.{theme_id}", value=theme_id, line=line)
        if crit not in criterion_ids:
            raise InputError(f"mapping names a criterion that does not exist (criteria: {', '.join(sorted(criterion_ids))})", file=cfile, field=f"mapping.{theme_id}", value=crit, line=line)
        if themes[theme_id].kind == "none":
            raise InputError("a 'nothing identified' theme cannot be mapped to a criterion; list it under out_of_scope", file=cfile, field=f"mapping.{theme_id}", value=crit, line=line)
    for theme_id in criteria_in.out_of_scope:
        if theme_id not in themes:
            raise InputError("out_of_scope names a theme that is not in the taxonomy", file=cfile, field=f"out_of_scope.{theme_id}", value=theme_id, line=crit_lines.get(("out_of_scope", theme_id)))
        if theme_id in criteria_in.mapping:
            raise InputError("theme is both mapped and out of scope", file=cfile, field=f"out_of_scope.{theme_id}", value=theme_id, line=crit_lines.get(("out_of_scope", theme_id)))
    unmapped = sorted(set(themes) - set(criteria_in.mapping) - set(criteria_in.out_of_scope))
    if unmapped:
        raise InputError("every theme must be mapped to a criterion or listed under out_of_scope with a reason", file=cfile, field="mapping", value=unmapped)
    criteria_map = CriteriaMap(
        goal_id=criteria_in.goal.id,
        goal_name=criteria_in.goal.name,
        criteria=tuple(criteria),
        mapping=MappingProxyType(dict(criteria_in.mapping)),
        out_of_scope=MappingProxyType(dict(criteria_in.out_of_scope)),
    )

    # ---- context: options
    xfile = disp(PROJECT_FILES["context"])
    options: dict[int, str] = {}
    for n, o in enumerate(context_in.options):
        if o.id in options:
            raise InputError("duplicate option id", file=xfile, field=f"options[{n}].id", value=o.id, line=ctx_lines.get(("options", n, "id")))
        options[o.id] = o.short
    if len(options) < 2:
        raise InputError("an appraisal needs at least two options", file=xfile, field="options", value=len(options))

    # ---- evidence
    efile = disp(PROJECT_FILES["evidence"])
    sections: list[Section] = []
    seen: set[tuple[int, str, str]] = set()
    for n, s in enumerate(evidence_in.sections):
        key = (s.option, s.stakeholder, s.category)
        if s.option not in options:
            raise InputError(f"section names an option that is not in {xfile} (options: {sorted(options)})", file=efile, field=f"sections[{n}].option", value=s.option, line=ev_lines.get(("sections", n, "option")))
        if key in seen:
            raise InputError("duplicate section (same option, stakeholder and category)", file=efile, field=f"sections[{n}]", value="/".join(map(str, key)), line=ev_lines.get(("sections", n)))
        seen.add(key)
        for m, it in enumerate(s.items):
            if it.theme not in themes:
                raise InputError("unknown theme id (not in criteria/themes.yaml)", file=efile, field=f"sections[{n}].items[{m}].theme", value=it.theme, line=ev_lines.get(("sections", n, "items", m, "theme")))
        sections.append(
            Section(
                option=s.option,
                stakeholder=s.stakeholder,
                category=s.category,
                comments=s.comments,
                figure=s.figure,
                items=tuple(_item(i) for i in s.items),
            )
        )

    # ---- questions
    qfile = disp(PROJECT_FILES["questions"])
    questions: list[ThemedQuestion] = []
    for n, q in enumerate(questions_in.themed):
        for m, it in enumerate(q.items):
            if it.theme not in themes:
                raise InputError("unknown theme id (not in criteria/themes.yaml)", file=qfile, field=f"themed[{n}].items[{m}].theme", value=it.theme, line=q_lines.get(("themed", n, "items", m, "theme")))
        if any(x.id == q.id and x.stakeholder == q.stakeholder for x in questions):
            raise InputError("duplicate question for the same stakeholder group", file=qfile, field=f"themed[{n}]", value=f"{q.id}/{q.stakeholder}", line=q_lines.get(("themed", n)))
        questions.append(ThemedQuestion(id=q.id, stakeholder=q.stakeholder, comments=q.comments, figure=q.figure, items=tuple(_item(i) for i in q.items)))
    findings = tuple(
        Finding(id=f.id, stakeholder=f.stakeholder, comments=f.comments, figure=f.figure, percent=f.percent, finding=f.finding)
        for f in questions_in.findings
    )
    factors = tuple(f.factor for f in sorted(questions_in.funding_factors.ranking, key=lambda f: f.rank)) if questions_in.funding_factors else ()

    # ---- agreed points
    afile = disp(PROJECT_FILES["agreed"])
    agreed: list[AgreedPoints] = []
    for n, a in enumerate(agreed_in.agreed_points):
        if a.option not in options:
            raise InputError("agreed points name an option that does not exist", file=afile, field=f"agreed_points[{n}].option", value=a.option, line=ag_lines.get(("agreed_points", n, "option")))
        points = {"advantages": a.advantages, "disadvantages": a.disadvantages, "benefits": a.benefits, "risks": a.risks}
        for cat, ids in points.items():
            for m, point in enumerate(ids):
                if point not in themes:
                    raise InputError("unknown theme id (not in criteria/themes.yaml)", file=afile, field=f"agreed_points[{n}].{cat}[{m}]", value=point, line=ag_lines.get(("agreed_points", n, cat, m)))
        agreed.append(AgreedPoints(option=a.option, figure=a.figure, points=MappingProxyType({k: tuple(v) for k, v in points.items()})))

    settings = Settings(
        name=settings_in.name,
        date=settings_in.date,
        scoring=ScoringSettings(
            prior_strength=settings_in.scoring.prior_strength,
            pooling=settings_in.scoring.pooling,
            none_statements=settings_in.scoring.none_statements,
            sum_tolerance=settings_in.scoring.sum_tolerance,
        ),
        topsis_normalization=settings_in.methods.topsis_normalization,
        vikor_v=settings_in.methods.vikor_v,
        random_index=settings_in.random_index,
    )

    weight_specs = _load_weights(base, root, criteria_map, questions, settings.random_index)

    files = [PROJECT_FILES[k] for k in ("settings", "themes", "criteria", "evidence", "questions", "agreed", "context")]
    files += [str(Path("weights") / Path(w.file).name) for w in weight_specs]
    return Project(
        root=str(root),
        settings=settings,
        themes=MappingProxyType(themes),
        criteria=criteria_map,
        sections=tuple(sections),
        questions=tuple(questions),
        findings=findings,
        funding_factors=factors,
        labelling_notes=tuple(questions_in.labelling_notes),
        agreed_points=tuple(agreed),
        context=_context(context_in),
        weight_specs=weight_specs,
        options=MappingProxyType(options),
        files=tuple(files),
    )


def _context(c: schema.ContextFile) -> Context:
    """The validated context.yaml as frozen objects."""
    d = c.decision
    sa = c.schools_attendance
    return Context(
        decision=DecisionContext(subject=d.subject, service_level_agreements=d.service_level_agreements,
                                 agreements_end=d.agreements_end, decision_forum=d.decision_forum,
                                 decision_due=d.decision_due),
        options=tuple(OptionContext(id=o.id, short=o.short, description=o.description) for o in c.options),
        stakeholders=tuple(
            StakeholderContext(id=s.id, name=s.name, role=s.role, format=s.format, events=tuple(s.events),
                               attendance=None if s.attendance is None else MappingProxyType(dict(s.attendance)))
            for s in c.stakeholders),
        schools_attendance=None if sa is None else WorkshopAttendance(
            primary_percent=sa.primary_percent, senco_percent=sa.senco_percent,
            senior_leader_percent=sa.senior_leader_percent, districts=sa.districts, figures=tuple(sa.figures)),
        notes=tuple(c.notes),
    )


def _load_weights(base: Path, root: str | Path, criteria_map: CriteriaMap, questions: list[ThemedQuestion], ri_table: str) -> tuple[WeightSpec, ...]:
    folder = base / "weights"
    if not folder.is_dir():
        raise InputError("weights folder is missing", file=str(Path(root) / "weights"))
    paths = sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"})
    if not paths:
        raise InputError("no weight sets found (expected one or more *.yaml files)", file=str(Path(root) / "weights"))
    specs: list[WeightSpec] = []
    for path in paths:
        display = str(Path(root) / "weights" / path.name)
        spec, lines = _load_weight_file(path, display=display, criteria=criteria_map, questions=questions, ri_table=ri_table)
        if any(s.name == spec.name for s in specs):
            raise InputError("two weight sets share a name", file=display, field="name", value=spec.name, line=lines.get(("name",)))
        specs.append(spec)
    return tuple(specs)


def load_weight_file(
    path: str | Path,
    *,
    criteria: CriteriaMap,
    questions: tuple[ThemedQuestion, ...] | list[ThemedQuestion] = (),
    ri_table: str = "saaty1980",
    display: str | None = None,
) -> WeightSpec:
    """Read and validate one weight file against the criteria (as
    :func:`load_project` does for each file in ``weights/``), including
    computing its weights once.

    Raises
    ------
    InputError
        On the first problem found, naming the file, field, rule and value.
    """
    spec, _ = _load_weight_file(Path(path), display=str(path) if display is None else display,
                                criteria=criteria, questions=list(questions), ri_table=ri_table)
    return spec


def _load_weight_file(path: Path, *, display: str, criteria: CriteriaMap, questions: list[ThemedQuestion],
                      ri_table: str) -> tuple[WeightSpec, dict[tuple[Any, ...], int]]:
    doc, lines = _parse(WeightFile, path, display=display)
    spec = weight_spec(doc, display=display, lines=lines, criteria=criteria, questions=questions, ri_table=ri_table)
    return spec, lines


def load_scenario(path: str | Path, project: Project) -> Scenario:
    """Load and validate one scenario file against a loaded project."""
    p = Path(path)
    display = str(path)
    sc, lines = _parse(schema.ScenarioFile, p, display=display)
    ch = sc.change
    ids = project.criteria.ids
    n_changes = sum(1 for k in type(ch).model_fields if getattr(ch, k) is not None)
    weight_set = scale = override = None
    if ch.weights is not None:
        weight_set = ch.weights.weight_set
        if weight_set is not None and weight_set not in {w.name for w in project.weight_specs}:
            raise InputError(f"no such weight set (known: {', '.join(w.name for w in project.weight_specs)})",
                             file=display, field="change.weights.weight_set", value=weight_set, line=lines.get(("change", "weights", "weight_set")))
        given = ch.weights.scale or ch.weights.override or {}
        unknown = [c for c in given if c not in ids]
        if unknown:
            key = "scale" if ch.weights.scale is not None else "override"
            raise InputError(f"names criteria that do not exist (criteria: {', '.join(ids)})", file=display,
                             field=f"change.weights.{key}", value=unknown, line=lines.get(("change", "weights", key)))
        scale = MappingProxyType(dict(ch.weights.scale)) if ch.weights.scale is not None else None
        override = MappingProxyType(dict(ch.weights.override)) if ch.weights.override is not None else None
    overrides: list[ScoreOverride] = []
    for n, o in enumerate(ch.scores or []):
        if o.option not in project.options:
            raise InputError("no such option", file=display, field=f"change.scores[{n}].option", value=o.option, line=lines.get(("change", "scores", n, "option")))
        if o.criterion not in ids:
            raise InputError(f"no such criterion (criteria: {', '.join(ids)})", file=display, field=f"change.scores[{n}].criterion", value=o.criterion, line=lines.get(("change", "scores", n, "criterion")))
        overrides.append(ScoreOverride(option=o.option, criterion=o.criterion, value=o.value, source=o.source))
    return Scenario(
        name=sc.name, description=sc.description, file=display,
        exclude_groups=tuple(ch.exclude_groups or ()), none_statements=ch.none_statements,
        prior_strength=ch.prior_strength, pooling=ch.pooling, weight_set=weight_set,
        weight_scale=scale, weight_override=override, score_overrides=tuple(overrides), n_changes=n_changes,
    )


# ------------------------------------------------------------------ writing weight files
class _WeightFileDumper(yaml.SafeDumper):
    """Writes a list of plain values (criteria, a matrix row, a ranking) on
    one line, ``[a, b, c]``, and everything else in block style."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(x, (dict, list)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_WeightFileDumper.add_representer(list, _represent_list)


def dump_weight_file(doc: Mapping[str, Any], *, header: str) -> str:
    """YAML text of a weight file, with a comment header."""
    body = yaml.dump(dict(doc), Dumper=_WeightFileDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    head = "\n".join("# " + line for line in textwrap.wrap(header, 86))
    return head + "\n" + body
