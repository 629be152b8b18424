"""Weight files: a validated weight-file document (:class:`~decision.weights.schema.WeightFile`)
checked against the project's criteria and questions and turned into a
:class:`~decision.model.WeightSpec`. Reading the YAML is the loader's job."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, NoReturn, Sequence

from ..errors import InputError, KeyPath, LineIndex, dotted
from ..model import CriteriaMap, ThemedQuestion, WeightSource, WeightSpec
from .schema import AhpSourceIn, DirectSourceIn, RankSourceIn, WeightFile
from .sets import weigh

__all__ = ["weight_spec"]

Lines = LineIndex


def weight_spec(doc: WeightFile, *, display: str, lines: Lines, criteria: CriteriaMap,
                questions: Sequence[ThemedQuestion], ri_table: str) -> WeightSpec:
    """The weight set a weight file specifies, checked against the project.

    Parameters
    ----------
    doc
        The file's validated document.
    display
        The file as messages name it.
    lines
        Key path -> line number in the file, for messages.
    criteria, questions, ri_table
        The project's criteria, themed questions and random index table.

    Raises
    ------
    InputError
        On the first problem found, naming the file, field, rule and value;
        also what only the numbers can show (a zero or non-reciprocal
        judgement, a consistency ratio above the limit), as the weights are
        computed once here.
    """
    ids = criteria.ids
    source = _source(doc, ids, display, lines, questions)
    _check_records(doc, ids, display, lines)
    spec = WeightSpec(
        name=doc.name, label=doc.label, provenance=doc.provenance, provenance_note=doc.provenance_note, source=source, file=display,
        # Read-only at the top level only: the blocks are the file's JSON-like data, lists included,
        # which is what their readers (report, workbook) take.
        elicitation=MappingProxyType(doc.elicitation.model_dump(mode="json")) if doc.elicitation is not None else None,
        respondents=MappingProxyType(doc.respondents.model_dump(mode="json")) if doc.respondents is not None else None,
    )
    # Compute the weights once here so that what only the numbers can show (a zero or
    # non-reciprocal judgement, CR above the limit) is refused at load time too.
    weigh(spec, criteria=criteria, questions=questions, ri_table=ri_table)
    return spec


def _source(doc: WeightFile, ids: tuple[str, ...], display: str, lines: Lines, questions: Sequence[ThemedQuestion]) -> WeightSource:
    src = doc.source
    if isinstance(src, AhpSourceIn):
        _check_criteria_list(src.criteria, ids, display, "source.criteria", lines.get(("source", "criteria")))
        n = len(src.criteria)
        if len(src.matrix) != n or any(len(row) != n for row in src.matrix):
            shape = f"{len(src.matrix)} rows of lengths {[len(r) for r in src.matrix]}"
            raise InputError(f"the pairwise matrix must be square, {n} x {n} to match source.criteria", file=display, field="source.matrix", value=shape, line=lines.get(("source", "matrix")))
        return WeightSource(
            kind="ahp",
            criteria=tuple(src.criteria),
            matrix=tuple(tuple(float(v) for v in row) for row in src.matrix),
            random_index=src.random_index,
            allow_inconsistent=src.allow_inconsistent,
        )
    if isinstance(src, DirectSourceIn):
        _check_criteria_list(list(src.weights), ids, display, "source.weights", lines.get(("source", "weights")))
        if sum(src.weights.values()) <= 0:
            raise InputError("weights must not all be zero", file=display, field="source.weights", value=dict(src.weights))
        return WeightSource(kind="direct", criteria=tuple(src.weights), values=tuple(src.weights.values()))
    if isinstance(src, RankSourceIn):
        _check_criteria_list(src.ranking, ids, display, "source.ranking", lines.get(("source", "ranking")))
        return WeightSource(kind="rank", criteria=tuple(src.ranking), rank_method=src.method)
    if not any(q.id == src.question and q.stakeholder == src.stakeholder for q in questions):
        raise InputError("no such question for that stakeholder group in criteria/questions.yaml", file=display, field="source.question", value=f"{src.question}/{src.stakeholder}", line=lines.get(("source", "question")))
    return WeightSource(kind="priorities", question=src.question, stakeholder=src.stakeholder, uncovered_weight=src.uncovered_weight)


def _check_records(w: WeightFile, ids: tuple[str, ...], display: str, lines: Lines) -> None:
    """The optional elicitation and respondents blocks must name the project's criteria."""

    def pair_ok(pair: str) -> bool:
        a, _, b = pair.partition("__")
        return a in ids and b in ids and a != b

    def fail(field: KeyPath, rule: str, value: Any) -> NoReturn:
        raise InputError(rule, file=display, field=dotted(field), value=value, line=lines.get(field))

    known = f"criteria: {', '.join(ids)}"
    if w.elicitation is not None:
        for n, j in enumerate(w.elicitation.judgements):
            if not pair_ok(j.pair):
                fail(("elicitation", "judgements", n, "pair"), f"names a pair of criteria that does not exist ({known})", j.pair)
        for n, c in enumerate(w.elicitation.criteria):
            if c.criterion not in ids:
                fail(("elicitation", "criteria", n, "criterion"), f"names a criterion that does not exist ({known})", c.criterion)
    if w.respondents is not None:
        for n, person in enumerate(w.respondents.people):
            unknown = [c for c in person.weights if c not in ids]
            if unknown:
                fail(("respondents", "people", n, "weights"), f"names criteria that do not exist ({known})", unknown)
            bad = [p for p in person.completed if not pair_ok(p)]
            if bad:
                fail(("respondents", "people", n, "completed"), f"names pairs of criteria that do not exist ({known})", bad)
        unknown = [c for c in w.respondents.spread if c not in ids]
        if unknown:
            fail(("respondents", "spread"), f"names criteria that do not exist ({known})", unknown)
        bad = [p for p in w.respondents.dispersion if not pair_ok(p)]
        if bad:
            fail(("respondents", "dispersion"), f"names pairs of criteria that do not exist ({known})", bad)


def _check_criteria_list(names: list[str], ids: tuple[str, ...], display: str, field: str, line: int | None) -> None:
    unknown = [c for c in names if c not in ids]
    if unknown:
        raise InputError(f"names criteria that do not exist (criteria: {', '.join(ids)})", file=display, field=field, value=unknown, line=line)
    dupes = sorted({c for c in names if names.count(c) > 1})
    if dupes:
        raise InputError("names a criterion more than once", file=display, field=field, value=dupes, line=line)
    missing = [c for c in ids if c not in names]
    if missing:
        raise InputError(f"must give every criterion (missing: {missing})", file=display, field=field, value=names, line=line)
