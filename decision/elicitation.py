"""Weights from people, as sessions that write a weight file: ``decision
elicit`` (one respondent, in the terminal or from an answers file) and
``decision weights import`` (several respondents' judgements from a CSV or
.xlsx file).

This module loads the project, scores the options for the swings, runs the
dialogue of :mod:`decision.weights.elicitation` or the aggregation of
:mod:`decision.weights.aggregation`, and writes ``weights/NAME.yaml``
atomically after checking that it loads. The answers file is YAML, see
docs/WEIGHTS.md.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

from .errors import InputError
from .model import Project
from .project.loader import dump_weight_file, load_project, load_weight_file, read_yaml
from .weights.aggregation import Aggregate, GroupResult, aggregate_respondents, summary_lines, weight_document
from .weights.answers import flatten_answers
from .weights.asking import Asker, InputFn, Interactive, OutputFn, Scripted
from .weights.elicitation import (
    METHODS,
    RANK_RULE_NAMES,
    Elicited,
    choose_method,
    identify,
    run_dialogue,
    swing_ranges,
    weight_file_document,
    weights_lines,
)
from .weights.respondents import read_respondents

__all__ = ["ElicitResult", "elicit", "import_weights", "check_target", "write_weight_file"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class ElicitResult:
    """What ``elicit`` wrote: the file, the method, the weights by criterion id,
    the consistency ratio (pairwise only) and whether an inconsistent set was
    accepted."""

    path: Path
    method: str
    respondent: str
    date: _dt.date
    weights: Mapping[str, float]
    cr: float | None = None
    accepted_inconsistent: bool = False


def elicit(
    project: str | Path,
    weight_set: str,
    *,
    method: str | None = None,
    answers: str | Path | None = None,
    respondent: str | None = None,
    date: str | None = None,
    rank_rule: str | None = None,
    label: str | None = None,
    force: bool = False,
    input_fn: InputFn = input,
    output_fn: OutputFn = print,
) -> ElicitResult:
    """Ask one respondent for a weight set and write ``weights/NAME.yaml``.

    Parameters
    ----------
    project
        Project folder (its criteria are compared; swing shows its performance matrix).
    weight_set
        Name of the weight set (file ``weights/NAME.yaml``).
    method
        ``"pairwise"``, ``"swing"`` or ``"rank"``; default the answers file's
        ``method``, else pairwise.
    answers
        YAML answers file (docs/WEIGHTS.md); without it the questions are asked
        through ``input_fn`` / ``output_fn``.
    respondent, date
        Who answered and when (``YYYY-MM-DD``); asked (or read from the
        answers file) when not given. The wall clock is never used.
    rank_rule
        For ``rank``: ``"roc"`` (default), ``"rank_sum"`` or ``"reciprocal"``.
    label
        Label of the weight set (default from the name and the respondent).
    force
        Replace an existing weight file.
    input_fn, output_fn
        Terminal I/O (``input`` and ``print`` by default).

    Returns
    -------
    ElicitResult

    Raises
    ------
    InputError
        A bad argument, project or answers file, an answers file with an
        invalid or missing answer (naming the file, the question and the
        value), or an existing weight file without ``force``.
    """
    if method is not None and method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}", field="--method", value=method)
    if rank_rule is not None and rank_rule not in RANK_RULE_NAMES:
        raise InputError(f"rank rule must be one of {', '.join(RANK_RULE_NAMES)}", field="--rank-rule", value=rank_rule)
    proj = load_project(project)
    target = check_target(proj, weight_set, force=force)
    ids = proj.criteria.ids
    names = tuple(c.name for c in proj.criteria.criteria)
    asker = _asker(answers, ids, input_fn, output_fn)
    chosen, rule = choose_method(asker, method, rank_rule)
    asker.say(f"Eliciting weight set '{weight_set}' for {proj.settings.name} by {chosen} "
              f"({len(ids)} criteria); it will be written to {target}.")
    who, when = identify(asker, respondent, date)
    asker.say("")
    swings = _swings(proj) if chosen == "swing" else ()
    elicited = run_dialogue(asker, chosen, ids, names, ri_table=proj.settings.random_index, rule=rule, swings=swings)
    asker.finish(chosen)
    answers_name = Path(answers).name if answers is not None else None
    doc = weight_file_document(elicited, weight_set=weight_set, label=label, who=who, when=when, answers_name=answers_name)
    for line in weights_lines(elicited, names):
        asker.say(line)
    header = f"Written by `decision elicit` ({chosen}) from the answers of {who} on {when.isoformat()}."
    path = write_weight_file(proj, target, dump_weight_file(doc, header=header), force=force)
    asker.say(f"Wrote {path}")
    return _result(path, elicited, ids, who, when)


def _asker(answers: str | Path | None, ids: Sequence[str], input_fn: InputFn, output_fn: OutputFn) -> Asker:
    """Questions answered from the answers file, if given, else in the terminal."""
    if answers is None:
        return Interactive(input_fn, output_fn)
    display = str(answers)
    data, index = read_yaml(Path(answers), display=display)
    flat, lines = flatten_answers(data, index, ids, display=display)
    return Scripted(flat, lines, display, output_fn)


def _swings(project: Project) -> list[tuple[str, str]]:
    """(worst, best) description per criterion, from the performance matrix."""
    # Imported here: scoring the options needs networkx and pymcdm, which only swing weighting uses.
    from .appraisal import appraise

    table = appraise(project).table
    return swing_ranges(table.values, [t < 0 for t in table.types], table.options, project.options)


def _result(path: Path, elicited: Elicited, ids: Sequence[str], who: str, when: _dt.date) -> ElicitResult:
    return ElicitResult(path=path, method=elicited.method, respondent=who, date=when,
                        weights=MappingProxyType({c: float(w) for c, w in zip(ids, elicited.weights)}),
                        cr=elicited.cr, accepted_inconsistent=elicited.accepted is not None)


def import_weights(
    file: str | Path,
    *,
    project: str | Path,
    weight_set: str,
    aggregate: Aggregate = "aij",
    label: str | None = None,
    force: bool = False,
    output: OutputFn = print,
) -> tuple[GroupResult, Path]:
    """Read a respondents file, aggregate it and write ``weights/NAME.yaml``.

    Returns the group result and the path written. Raises InputError for any
    problem with the file, the project or an existing weight file (which is
    only replaced with ``force``).
    """
    proj = load_project(project)
    target = check_target(proj, weight_set, force=force)
    ids = proj.criteria.ids
    rows = read_respondents(file, ids)
    group = aggregate_respondents(rows, ids, aggregate=aggregate, ri_table=proj.settings.random_index, file=str(file))
    k = len(group.respondents)
    doc = weight_document(group, name=weight_set, label=label or f"{weight_set.replace('_', ' ').capitalize()} ({k} respondents, {aggregate.upper()})",
                          file_label=Path(file).name)
    header = (f"Written by `decision weights import` from {Path(file).name} ({k} respondents, "
              f"{'geometric mean of judgements (AIJ)' if aggregate == 'aij' else 'geometric mean of priorities (AIP)'}).")
    for line in summary_lines(group):
        output(line)
    path = write_weight_file(proj, target, dump_weight_file(doc, header=header), force=force)
    output(f"Wrote {path}")
    return group, path


# ------------------------------------------------------------------ writing
def check_target(project: Project, name: str, *, force: bool) -> Path:
    """The path ``weights/NAME.yaml``; refuse a bad name, a name defined in
    another file, or an existing file without ``force``."""
    if not _NAME.match(name) or len(name) > 64:
        raise InputError("a weight set name is lower case letters, digits and _, starting with a letter (at most 64)",
                         field="--weight-set", value=name)
    target = Path(project.root) / "weights" / f"{name}.yaml"
    for spec in project.weight_specs:
        if spec.name == name and Path(spec.file).name != target.name:
            raise InputError("a weight set of this name is already defined in another file; choose another name",
                             file=spec.file, field="name", value=name)
    if target.exists() and not force:
        raise InputError("the weight file already exists; pass --force to replace it", file=str(target), field="--weight-set", value=name)
    return target


def write_weight_file(project: Project, target: Path, text: str, *, force: bool) -> Path:
    """Write ``text`` to ``target`` atomically, after checking that it loads.

    The text goes to a temporary file in the same folder (named so that the
    loader does not read it), is validated as a weight file against the
    project, and is then moved into place: with ``force`` by an atomic
    replace; without, by a hard link that fails if the file has appeared
    meanwhile.
    """
    folder = target.parent
    if not folder.is_dir():
        raise InputError("weights folder is missing", file=str(folder))
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.stem}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        load_weight_file(tmp, criteria=project.criteria, questions=project.questions,
                         ri_table=project.settings.random_index, display=str(target))
        _move_into_place(tmp, target, force=force)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def _move_into_place(tmp: Path, target: Path, *, force: bool) -> None:
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise InputError("the weight file already exists; pass --force to replace it", file=str(target)) from None
    except OSError:  # no hard links on this file system
        if target.exists():
            raise InputError("the weight file already exists; pass --force to replace it", file=str(target)) from None
        os.replace(tmp, target)
