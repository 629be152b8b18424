"""Turn a project's parsed input documents into its frozen objects, checking
what a single document's schema cannot: unique ids and references between
files. Each function names the file (``display``), the key path, the line
where known, the rule and the value found."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, Sequence

from . import schema
from ..errors import InputError, LineIndex
from ..model import (
    AgreedPoints,
    Context,
    Criterion,
    CriteriaMap,
    DecisionContext,
    Equalities,
    EvidenceItem,
    Finding,
    OptionContext,
    Section,
    ScoringSettings,
    Settings,
    Source,
    StakeholderContext,
    StakeholderGroup,
    Theme,
    ThemedQuestion,
    WorkshopAttendance,
    AttendanceShare,
)

__all__ = ["groups_of", "check_group", "themes_of", "criteria_of", "options_of", "sections_of", "source_of", "questions_of", "agreed_of", "settings_of", "context_of"]

Lines = LineIndex


def _item(i: schema.ItemIn) -> EvidenceItem:
    return EvidenceItem(
        theme=i.theme,
        percent=i.percent,
        count=i.count,
        coded="analyst" if i.percent is None else "reported",
        note=i.note,
    )


def groups_of(settings_in: schema.SettingsFile, evidence_in: schema.EvidenceFile, lines: Lines, *,
              display: str) -> tuple[StakeholderGroup, ...]:
    """The project's stakeholder groups: as the settings declare them, or
    else the groups the evidence names, in order of first appearance."""
    if settings_in.groups is None:
        ids = list(dict.fromkeys(s.stakeholder for s in evidence_in.sections))
        return tuple(StakeholderGroup(id=g, label=g) for g in ids)
    groups: list[StakeholderGroup] = []
    for n, g in enumerate(settings_in.groups):
        if any(g.id == x.id for x in groups):
            raise InputError("duplicate group id", file=display, field=f"groups[{n}].id", value=g.id, line=lines.get(("groups", n, "id")))
        groups.append(StakeholderGroup(id=g.id, label=g.label, description=g.description, participants=g.participants,
                                       voice=g.voice))
    if not groups:
        raise InputError("a project needs at least one stakeholder group", file=display, field="groups", value=[])
    return tuple(groups)


def check_group(group: str, groups: Sequence[StakeholderGroup], *, display: str, field: str, line: int | None) -> None:
    """InputError unless ``group`` is one of the project's groups."""
    known = [g.id for g in groups]
    if group not in known:
        raise InputError(f"unknown stakeholder group (the project's groups: {', '.join(known)}; declare groups in appraisal.yaml)",
                         file=display, field=field, value=group, line=line)


def themes_of(themes_in: schema.ThemesFile, theme_lines: Lines, *, display: str) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for n, t in enumerate(themes_in.themes):
        if t.id in themes:
            raise InputError("duplicate theme id", file=display, field=f"themes[{n}].id", value=t.id, line=theme_lines.get(("themes", n, "id")))
        themes[t.id] = Theme(id=t.id, label=t.label, kind=t.kind)

    return themes


def criteria_of(criteria_in: schema.CriteriaFile, crit_lines: Lines, themes: dict[str, Theme], *, display: str) -> CriteriaMap:
    cfile = display
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
    return CriteriaMap(
        goal_id=criteria_in.goal.id,
        goal_name=criteria_in.goal.name,
        criteria=tuple(criteria),
        mapping=MappingProxyType(dict(criteria_in.mapping)),
        out_of_scope=MappingProxyType(dict(criteria_in.out_of_scope)),
    )



def options_of(context_in: schema.ContextFile, ctx_lines: Lines, *, display: str) -> dict[int, str]:
    xfile = display
    options: dict[int, str] = {}
    for n, o in enumerate(context_in.options):
        if o.id in options:
            raise InputError("duplicate option id", file=xfile, field=f"options[{n}].id", value=o.id, line=ctx_lines.get(("options", n, "id")))
        options[o.id] = o.short
    if len(options) < 2:
        raise InputError("an appraisal needs at least two options", file=xfile, field="options", value=len(options))

    return options


def sections_of(evidence_in: schema.EvidenceFile, ev_lines: Lines, themes: dict[str, Theme], options: dict[int, str],
                groups: Sequence[StakeholderGroup], *, display: str, context_display: str) -> list[Section]:
    efile, xfile = display, context_display
    sections: list[Section] = []
    seen: set[tuple[int, str, str]] = set()
    for n, s in enumerate(evidence_in.sections):
        key = (s.option, s.stakeholder, s.category)
        check_group(s.stakeholder, groups, display=efile, field=f"sections[{n}].stakeholder",
                    line=ev_lines.get(("sections", n, "stakeholder")))
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

    return sections


def source_of(evidence_in: schema.EvidenceFile) -> Source | None:
    """The document the evidence declares it was transcribed from, or None."""
    src = evidence_in.source
    return None if src is None else Source(title=src.title, file=src.file, sha256=src.sha256)


def questions_of(questions_in: schema.QuestionsFile, q_lines: Lines, themes: dict[str, Theme],
                 groups: Sequence[StakeholderGroup], *,
                 display: str) -> tuple[list[ThemedQuestion], tuple[Finding, ...], tuple[str, ...]]:
    """The themed questions, the findings and the funding factors in ranked order."""
    qfile = display
    questions: list[ThemedQuestion] = []
    for n, f in enumerate(questions_in.findings):
        check_group(f.stakeholder, groups, display=qfile, field=f"findings[{n}].stakeholder",
                    line=q_lines.get(("findings", n, "stakeholder")))
    for n, q in enumerate(questions_in.themed):
        check_group(q.stakeholder, groups, display=qfile, field=f"themed[{n}].stakeholder",
                    line=q_lines.get(("themed", n, "stakeholder")))
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

    return questions, findings, factors


def agreed_of(agreed_in: schema.AgreedFile, ag_lines: Lines, themes: dict[str, Theme], options: dict[int, str],
              groups: Sequence[StakeholderGroup], *, display: str) -> list[AgreedPoints]:
    afile = display
    between = tuple(agreed_in.groups) if agreed_in.groups is not None else tuple(g.id for g in groups)
    for n, g in enumerate(between):
        check_group(g, groups, display=afile, field=f"groups[{n}]", line=ag_lines.get(("groups", n)))
    agreed: list[AgreedPoints] = []
    for n, a in enumerate(agreed_in.agreed_points):
        if a.option not in options:
            raise InputError("agreed points name an option that does not exist", file=afile, field=f"agreed_points[{n}].option", value=a.option, line=ag_lines.get(("agreed_points", n, "option")))
        points = {"advantages": a.advantages, "disadvantages": a.disadvantages, "benefits": a.benefits, "risks": a.risks}
        for cat, ids in points.items():
            for m, point in enumerate(ids):
                if point not in themes:
                    raise InputError("unknown theme id (not in criteria/themes.yaml)", file=afile, field=f"agreed_points[{n}].{cat}[{m}]", value=point, line=ag_lines.get(("agreed_points", n, cat, m)))
        agreed.append(AgreedPoints(option=a.option, figure=a.figure, points=MappingProxyType({k: tuple(v) for k, v in points.items()}),
                                    groups=between))

    return agreed


def settings_of(settings_in: schema.SettingsFile) -> Settings:
    return Settings(
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


def context_of(c: schema.ContextFile, ctx_lines: Lines | None = None, *, themes: Mapping[str, Theme] | None = None,
               criteria: Sequence[str] | None = None, display: str = "context.yaml") -> Context:
    """The validated context.yaml as frozen objects; an equalities theme or
    criterion the project does not know is an InputError (when ``themes`` and
    ``criteria`` are given)."""
    d = c.decision
    sa = c.attendance
    return Context(
        decision=DecisionContext(subject=d.subject, agreements=d.agreements, agreements_name=d.agreements_name,
                                 agreements_end=d.agreements_end, decision_forum=d.decision_forum,
                                 decision_due=d.decision_due),
        options=tuple(OptionContext(id=o.id, short=o.short, description=o.description) for o in c.options),
        stakeholders=tuple(
            StakeholderContext(id=s.id, name=s.name, role=s.role, format=s.format, events=tuple(s.events),
                               attendance=None if s.attendance is None else MappingProxyType(dict(s.attendance)))
            for s in c.stakeholders),
        attendance=None if sa is None else WorkshopAttendance(
            shares=tuple(AttendanceShare(label=x.label, percent=x.percent) for x in sa.shares),
            details=tuple((x.label, x.text) for x in sa.details), figures=tuple(sa.figures)),
        notes=tuple(c.notes),
        equalities=None if c.equalities is None else _equalities_of(c.equalities, ctx_lines or {}, themes, criteria, display),
    )


def _equalities_of(e: schema.EqualitiesIn, lines: Lines, themes: Mapping[str, Theme] | None,
                   criteria: Sequence[str] | None, display: str) -> Equalities:
    for key, ids, known in (("themes", e.themes, themes), ("criteria", e.criteria, criteria)):
        if known is None:
            continue
        for n, x in enumerate(ids):
            if x not in known:
                raise InputError(f"equalities names an unknown {key[:-1] if key == 'themes' else 'criterion'} "
                                 f"(known: {', '.join(known)})",
                                 file=display, field=f"equalities.{key}[{n}]", value=x, line=lines.get(("equalities", key, n)))
    return Equalities(themes=tuple(e.themes), criteria=tuple(e.criteria), duty=e.duty, concerns=e.concerns,
                      not_heard=e.not_heard)
