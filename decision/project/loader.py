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

from . import convert, schema
from ..errors import InputError, KeyPath, dotted
from ..textfile import decode_utf8, read_bytes
from ..model import (
    CriteriaMap,
    Project,
    Scenario,
    ScoreOverride,
    ThemedQuestion,
    WeightSpec,
)
from ..weights.files import weight_spec
from ..weights.schema import WeightFile

__all__ = ["load_project", "load_scenario", "load_weight_file", "read_yaml", "dump_weight_file", "PROJECT_FILES",
           "OPTIONAL_FILES"]

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
#: The project files a project may leave out. An absent optional file, or one
#: that holds nothing but comments, reads as the empty document: a project
#: without extra questions or agreed points has nothing to say there, and
#: making it write an empty file would only be ceremony.
OPTIONAL_FILES = frozenset({"questions", "agreed"})

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


def _lines(node: yaml.Node, path: KeyPath, out: dict[KeyPath, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _lines(value_node, path + (key_node.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _lines(child, path + (i,), out)


def read_yaml(path: Path, *, display: str) -> tuple[Any, dict[KeyPath, int]]:
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
    index: dict[KeyPath, int] = {}
    if node is not None:
        _lines(node, (), index)
    return data, index


def _parse(model: type[M], path: Path, *, display: str, optional: bool = False) -> tuple[M, dict[KeyPath, int]]:
    if optional and not path.exists():
        return model.model_validate({}), {}
    data, index = read_yaml(path, display=display)
    if data is None:
        if optional:
            return model.model_validate({}), {}
        raise InputError("the file is empty (it holds no YAML, only comments or nothing)", file=display)
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
        raise InputError(message, file=display, field=dotted(loc), value=value, line=line) from None


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

    def disp(key: str) -> str:
        return str(Path(root) / PROJECT_FILES[key])

    def parse(model: type[M], key: str) -> tuple[M, dict[KeyPath, int]]:
        return _parse(model, base / PROJECT_FILES[key], display=disp(key), optional=key in OPTIONAL_FILES)

    settings_in, settings_lines = parse(schema.SettingsFile, "settings")
    themes_in, theme_lines = parse(schema.ThemesFile, "themes")
    criteria_in, crit_lines = parse(schema.CriteriaFile, "criteria")
    evidence_in, ev_lines = parse(schema.EvidenceFile, "evidence")
    questions_in, q_lines = parse(schema.QuestionsFile, "questions")
    agreed_in, ag_lines = parse(schema.AgreedFile, "agreed")
    context_in, ctx_lines = parse(schema.ContextFile, "context")

    groups = convert.groups_of(settings_in, evidence_in, settings_lines, display=disp("settings"))
    themes = convert.themes_of(themes_in, theme_lines, display=disp("themes"))
    criteria_map = convert.criteria_of(criteria_in, crit_lines, themes, display=disp("criteria"))
    options = convert.options_of(context_in, ctx_lines, display=disp("context"))
    for n, st in enumerate(context_in.stakeholders):
        convert.check_group(st.id, groups, display=disp("context"), field=f"stakeholders[{n}].id",
                            line=ctx_lines.get(("stakeholders", n, "id")))
    sections = convert.sections_of(evidence_in, ev_lines, themes, options, groups, display=disp("evidence"),
                                   context_display=disp("context"))
    questions, findings, factors = convert.questions_of(questions_in, q_lines, themes, groups, display=disp("questions"))
    agreed = convert.agreed_of(agreed_in, ag_lines, themes, options, groups, display=disp("agreed"))
    settings = convert.settings_of(settings_in)
    weight_specs = _load_weights(base, root, criteria_map, questions, settings.random_index)

    # Only the files that exist are inputs to fingerprint; an absent optional file has no bytes to hash.
    files = [PROJECT_FILES[k] for k in ("settings", "themes", "criteria", "evidence", "questions", "agreed", "context")
             if k not in OPTIONAL_FILES or (base / PROJECT_FILES[k]).exists()]
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
        context=convert.context_of(context_in, ctx_lines, themes=themes, criteria=[c.id for c in criteria_map.criteria],
                                   display=disp("context")),
        weight_specs=weight_specs,
        groups=groups,
        options=MappingProxyType(options),
        files=tuple(files),
        source=convert.source_of(evidence_in),
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
                      ri_table: str) -> tuple[WeightSpec, dict[KeyPath, int]]:
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
    for n, g in enumerate(ch.exclude_groups or []):
        convert.check_group(g, project.groups, display=display, field=f"change.exclude_groups[{n}]",
                            line=lines.get(("change", "exclude_groups", n)))
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
