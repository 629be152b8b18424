"""Elicit a weight set from one person: pairwise comparison, swing weighting
or a ranking, asked in plain words, with the answers and the reasons given
recorded in the weight file.

Every question goes through an *asker*: interactively it prints the question
through ``output_fn``, reads the answer through ``input_fn`` and asks again
until the answer is valid; with an answers file (YAML, see docs/WEIGHTS.md)
it takes the answer from the file and turns an invalid or missing one into an
:class:`~decision.errors.InputError` naming the file, the question and the
value. The dialogue itself is written once, for both.

Methods
-------
pairwise
    Every pair of criteria on Saaty's 1-9 scale; the principal eigenvector
    gives the weights. The consistency ratio is shown after each answer once
    the judgements so far connect every criterion (missing ones completed by
    Harker's method). If it ends above 0.10, the judgements that contribute
    most to the inconsistency are listed, ranked by ``|ln(a_ij w_j / w_i)|``,
    with the scale value nearest to ``w_i / w_j`` (the value that would agree
    with the other judgements), and the respondent may revise them until the
    ratio is at most 0.10 or accept the judgements as they are (the file then
    sets ``allow_inconsistent: true`` and records the reason).
swing
    The swing-weighting dialogue of the DCLG multi-criteria analysis manual
    (2009) and the Green Book: for each criterion the swing from the worst to
    the best option in the performance matrix; the swings ranked, largest
    first; each rated against the largest (100). Weights are the ratings
    divided by their sum.
rank
    A ranking, turned into weights by rank-order centroid (default), rank-sum
    or rank-reciprocal weights.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
hierarchy process. *Mathematical Modelling*, 9(11), 837-848.
Department for Communities and Local Government (2009). *Multi-criteria
analysis: a manual*, chapter 6 (swing weighting).
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence, TypeVar

import numpy as np

from .errors import InputError

if TYPE_CHECKING:
    from .model import Project

__all__ = [
    "SCALE",
    "VERBAL",
    "ElicitResult",
    "Flow",
    "elicit",
    "parse_judgement",
    "nearest_scale_value",
    "inconsistency_guidance",
    "implied_by_others",
    "check_target",
    "dump_weight_file",
    "write_weight_file",
]

T = TypeVar("T")
InputFn = Callable[[str], str]
OutputFn = Callable[[str], None]

METHODS = ("pairwise", "swing", "rank")
RANK_RULES = ("roc", "rank_sum", "reciprocal")
#: Saaty's 1-9 scale and its reciprocals.
SCALE: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])
VERBAL = {
    1: "equally important as",
    2: "equally to moderately more important than",
    3: "moderately more important than",
    4: "moderately to strongly more important than",
    5: "strongly more important than",
    6: "strongly to very strongly more important than",
    7: "very strongly more important than",
    8: "very strongly to extremely more important than",
    9: "extremely more important than",
}
SCALE_HELP = ("1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; "
              "prefix with / if the second is more important, e.g. /3")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_TEXT = 2000


# ------------------------------------------------------------------ answers
def parse_judgement(text: str) -> float:
    """An answer on Saaty's scale: ``"3"`` (the first is 3 times as important),
    ``"/3"`` or ``"1/3"`` (the second is). Whole numbers 1 to 9 only.

    Raises
    ------
    ValueError
        With a message a respondent can act on.
    """
    t = text.strip().replace(" ", "")
    inverse = False
    if t.startswith("1/") and len(t) > 2:
        inverse, t = True, t[2:]
    elif t.startswith("/"):
        inverse, t = True, t[1:]
    if t.startswith("-"):
        raise ValueError("negative numbers are not on the scale: if the second criterion is more important, prefix the number with /, e.g. /3")
    try:
        x = float(t)
    except ValueError:
        raise ValueError("expected a whole number from 1 to 9, or /1 to /9 if the second criterion is more important") from None
    if not math.isfinite(x) or x != int(x):
        raise ValueError("use a whole number from 1 to 9 (2, 4, 6 and 8 lie between the words)")
    k = int(x)
    if k == 0:
        raise ValueError("0 is not on the scale: 1 means equally important, and /3 that the second criterion is moderately more important")
    if k > 9:
        raise ValueError(f"{k} is beyond the scale, whose top is 9 (extremely more important)")
    return 1.0 / k if inverse else float(k)


def fmt_judgement(x: float) -> str:
    """``3`` or ``1/3`` (scale values), else the number to 2 decimals."""
    for k in range(1, 10):
        if abs(x - k) < 1e-9:
            return str(k)
        if abs(x - 1 / k) < 1e-9:
            return f"1/{k}"
    return f"{x:.2f}"


def nearest_scale_value(x: float) -> float:
    """The value of Saaty's scale (1/9 .. 9) nearest to ``x`` on a log scale."""
    lx = math.log(x)
    return min(SCALE, key=lambda s: (abs(math.log(s) - lx), -s))


def _describe(value: float, first: str, second: str) -> str:
    if value >= 1:
        return f"{first} is {VERBAL[round(value)]} {second} ({fmt_judgement(value)})"
    return f"{second} is {VERBAL[round(1 / value)]} {first} ({fmt_judgement(value)})"


def _parse_text(text: str) -> str:
    t = text.strip()
    if len(t) > _MAX_TEXT:
        raise ValueError(f"at most {_MAX_TEXT} characters")
    return t


def _parse_name(text: str) -> str:
    t = " ".join(text.split())
    if not t:
        raise ValueError("a name is needed")
    if len(t) > 200:
        raise ValueError("at most 200 characters")
    return t


def _parse_date(text: str) -> _dt.date:
    t = text.strip()
    if not _DATE.match(t):
        raise ValueError("expected a date written YYYY-MM-DD, e.g. 2025-03-14")
    try:
        return _dt.date.fromisoformat(t)
    except ValueError:
        raise ValueError("no such date (expected YYYY-MM-DD)") from None


def _ranking_parser(ids: Sequence[str]) -> Callable[[str], list[int]]:
    def parse(text: str) -> list[int]:
        tokens = [t for t in re.split(r"[,;\s]+", text.strip()) if t]
        order: list[int] = []
        for tok in tokens:
            if tok.isdigit():
                k = int(tok)
                if not 1 <= k <= len(ids):
                    raise ValueError(f"{tok} is not one of the numbers 1 to {len(ids)}")
                order.append(k - 1)
            elif tok.casefold() in ids:
                order.append(ids.index(tok.casefold()))
            else:
                raise ValueError(f"{tok!r} is neither a number 1 to {len(ids)} nor a criterion id ({', '.join(ids)})")
        dupes = sorted({ids[k] for k in order if order.count(k) > 1})
        if dupes:
            raise ValueError(f"each criterion once, please: {', '.join(dupes)} given more than once (ties are not supported)")
        missing = [ids[k] for k in range(len(ids)) if k not in order]
        if missing:
            raise ValueError(f"rank every criterion: {', '.join(missing)} missing")
        return order
    return parse


def _rating_parser(top: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            x = float(text.strip())
        except ValueError:
            raise ValueError("expected a number from 0 to 100") from None
        if not math.isfinite(x) or x < 0 or x > 100:
            raise ValueError("expected a number from 0 to 100")
        if x > top:
            raise ValueError(f"at most {top:g}: this swing was ranked below one rated {top:g} (to rate it higher, change the ranking)")
        return x
    return parse


def _as_text(raw: object) -> str:
    """An answer from an answers file, as the text a respondent would type."""
    if isinstance(raw, bool):
        raise ValueError("expected an answer, not true/false")
    if raw is None:
        return ""
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, str):
        return raw
    if isinstance(raw, _dt.date):
        return raw.isoformat()
    if isinstance(raw, list):
        return ", ".join(_as_text(x) for x in raw)
    raise ValueError(f"expected a single answer, found a {type(raw).__name__}")


# ------------------------------------------------------------------ askers
class _Asker:
    scripted = False
    file: str | None = None

    def __init__(self, output: OutputFn) -> None:
        self.out = output

    def say(self, text: str = "") -> None:
        self.out(text)

    def has(self, key: str) -> bool:
        return False

    def ask(self, key: str, question: str, parse: Callable[[str], T]) -> T:
        raise NotImplementedError

    def ask_optional(self, key: str, question: str, parse: Callable[[str], T]) -> T | None:
        raise NotImplementedError

    def finish(self, method: str) -> None:
        """Called when the dialogue is over."""


class _Interactive(_Asker):
    def __init__(self, input_fn: InputFn, output: OutputFn) -> None:
        super().__init__(output)
        self.input_fn = input_fn

    def _read(self) -> str:
        try:
            return self.input_fn("> ")
        except EOFError:
            raise InputError("the input ended before the elicitation was complete; nothing was written") from None

    def _loop(self, question: str, parse: Callable[[str], T], optional: bool) -> T | None:
        self.out(question)
        while True:
            raw = self._read().strip()
            if not raw:
                if optional:
                    return None
                self.out("  An answer is needed here.")
                continue
            try:
                return parse(raw)
            except ValueError as exc:
                self.out(f"  Not understood ({raw!r}): {exc}. Please answer again.")

    def ask(self, key: str, question: str, parse: Callable[[str], T]) -> T:
        value = self._loop(question, parse, optional=False)
        assert value is not None
        return value

    def ask_optional(self, key: str, question: str, parse: Callable[[str], T]) -> T | None:
        return self._loop(question, parse, optional=True)


class _Scripted(_Asker):
    scripted = True

    def __init__(self, answers: Mapping[str, object], lines: Mapping[str, int], file: str, output: OutputFn) -> None:
        super().__init__(output)
        self.answers = dict(answers)
        self.lines = dict(lines)
        self.file = file
        self.used: set[str] = set()

    def has(self, key: str) -> bool:
        return key in self.answers

    def _get(self, key: str, question: str, parse: Callable[[str], T], optional: bool) -> T | None:
        self.out(question)
        if key not in self.answers:
            if optional:
                return None
            raise InputError(f"no answer to the question {_quote(question)}", file=self.file, field=key)
        raw = self.answers[key]
        self.used.add(key)
        try:
            text = _as_text(raw)
        except ValueError as exc:
            raise InputError(f"{exc}; question {_quote(question)}", file=self.file, field=key, value=raw, line=self.lines.get(key)) from None
        self.out(f"> {text}")
        if not text.strip():
            if optional:
                return None
            raise InputError(f"the answer is empty; question {_quote(question)}", file=self.file, field=key, value=raw, line=self.lines.get(key))
        try:
            return parse(text)
        except ValueError as exc:
            raise InputError(f"{exc}; question {_quote(question)}", file=self.file, field=key, value=raw, line=self.lines.get(key)) from None

    def ask(self, key: str, question: str, parse: Callable[[str], T]) -> T:
        value = self._get(key, question, parse, optional=False)
        assert value is not None
        return value

    def ask_optional(self, key: str, question: str, parse: Callable[[str], T]) -> T | None:
        return self._get(key, question, parse, optional=True)

    def finish(self, method: str) -> None:
        unused = [k for k in self.answers if k not in self.used]
        if unused:
            key = unused[0]
            why = ("the judgements were already consistent (CR at most 0.10) before this revision was reached"
                   if key.startswith("revisions") else
                   "the judgements were consistent, so nothing was accepted" if key == "accept_inconsistent" else
                   f"the {method} dialogue asks no such question")
            raise InputError(f"answer not used: {why}", file=self.file, field=key, value=self.answers[key], line=self.lines.get(key))


def _quote(question: str) -> str:
    q = " ".join(question.split())
    return f"'{q}'"


def _load_answers(path: str | Path, ids: Sequence[str]) -> tuple[dict[str, object], dict[str, int]]:
    """Flatten an answers file into ``key -> answer`` (keys as in error messages)."""
    from .project.loader import read_yaml

    display = str(path)
    data, index = read_yaml(Path(path), display=display)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("the answers file must hold a mapping of keys at the top level", file=display, value=type(data).__name__)
    flat: dict[str, object] = {}
    lines: dict[str, int] = {}

    def put(key: str, value: object, where: tuple[Any, ...]) -> None:
        flat[key] = value
        if where in index:
            lines[key] = index[where]

    def fail(rule: str, key: str, value: object, where: tuple[Any, ...]) -> None:
        raise InputError(rule, file=display, field=key, value=value, line=index.get(where))

    allowed = ("method", "respondent", "date", "rank_rule", "judgements", "revisions", "accept_inconsistent",
               "ranking", "ratings", "rationale")
    for top, value in data.items():
        if top not in allowed:
            fail(f"unknown key (expected one of: {', '.join(allowed)})", str(top), top, (top,))
        if top in ("method", "respondent", "date", "rank_rule", "ranking"):
            if value is not None:
                put(top, value, (top,))
        elif top == "accept_inconsistent":
            if value is True:
                put(top, "", (top,))
            elif value not in (False, None):
                put(top, value, (top,))
        elif top == "judgements":
            if not isinstance(value, dict):
                fail("judgements must be a mapping of pairs (criterion_a__criterion_b) to answers", top, type(value).__name__, (top,))
            for pair, answer in value.items():
                where = (top, pair)
                key = f"judgements.{pair}"
                _check_pair(str(pair), ids, display, key, index.get(where))
                if isinstance(answer, dict):
                    extra = [k for k in answer if k not in ("value", "rationale")]
                    if extra:
                        fail("a judgement holds only value and rationale", f"{key}.{extra[0]}", extra[0], where)
                    if "value" in answer:
                        put(key, answer["value"], where + ("value",))
                    if answer.get("rationale") is not None:
                        put(f"{key}.rationale", answer["rationale"], where + ("rationale",))
                else:
                    put(key, answer, where)
        elif top == "revisions":
            if not isinstance(value, list):
                fail("revisions must be a list of {pair, value, rationale}", top, type(value).__name__, (top,))
            for k, rev in enumerate(value):
                where = (top, k)
                if not isinstance(rev, dict):
                    fail("a revision must be a mapping with pair, value and rationale", f"revisions[{k}]", rev, where)
                extra = [x for x in rev if x not in ("pair", "value", "rationale")]
                if extra:
                    fail("a revision holds only pair, value and rationale", f"revisions[{k}].{extra[0]}", extra[0], where)
                for part in ("pair", "value", "rationale"):
                    if rev.get(part) is not None:
                        put(f"revisions[{k}].{part}", rev[part], where + (part,))
        else:  # ratings, rationale
            if not isinstance(value, dict):
                fail(f"{top} must be a mapping of criterion ids to answers", top, type(value).__name__, (top,))
            for crit, answer in value.items():
                if crit not in ids:
                    fail(f"names a criterion that does not exist (criteria: {', '.join(ids)})", f"{top}.{crit}", crit, (top, crit))
                if answer is not None:
                    put(f"{top}.{crit}", answer, (top, crit))
    return flat, lines


def _check_pair(pair: str, ids: Sequence[str], display: str | None, key: str, line: int | None) -> tuple[int, int]:
    a, sep, b = pair.partition("__")
    if not sep or a not in ids or b not in ids:
        raise InputError(f"a pair is written criterion_a__criterion_b with criteria from: {', '.join(ids)}",
                         file=display, field=key, value=pair, line=line)
    i, j = ids.index(a), ids.index(b)
    if i == j:
        raise InputError("a pair must name two different criteria", file=display, field=key, value=pair, line=line)
    if i > j:
        raise InputError(f"pairs follow the criteria order: write {b}__{a} and give how much more important {b} is than {a}",
                         file=display, field=key, value=pair, line=line)
    return i, j


# ------------------------------------------------------------------ pairwise
def inconsistency_guidance(matrix: Any, weights: Any, *, top: int = 3) -> list[tuple[int, int, float, float, float]]:
    """The judgements that contribute most to the inconsistency of a matrix.

    Parameters
    ----------
    matrix
        Complete reciprocal pairwise matrix.
    weights
        Its principal eigenvector.
    top
        How many to return.

    Returns
    -------
    list of (i, j, a_ij, w_i / w_j, suggested)
        Pairs ``i < j`` ranked by ``|ln(a_ij w_j / w_i)|``, largest first:
        the judgement, the ratio the weights imply, and the scale value
        nearest to it (the value that would agree with the other judgements).

    Notes
    -----
    ``e_ij = a_ij w_j / w_i`` is 1 for a judgement that agrees with the
    weights; ``lambda_max - n = (1/n) sum_{i<j} (e_ij + 1/e_ij - 2)``, so the
    pairs with the largest ``|ln e_ij|`` add most to the consistency index
    (Saaty 1980; the error matrix of Saaty 2003, EJOR 145, 85-91).
    """
    a = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = a.shape[0]
    rows = []
    for i in range(n):
        for j in range(i + 1, n):
            implied = float(w[i] / w[j])
            err = abs(math.log(float(a[i, j]) / implied))
            rows.append((err, i, j, float(a[i, j]), implied, nearest_scale_value(implied)))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [(i, j, cur, implied, sug) for _, i, j, cur, implied, sug in rows[:top]]


def implied_by_others(matrix: Any, i: int, j: int) -> float | None:
    """``w_i / w_j`` from every judgement except ``a_ij`` (Harker's method with
    that judgement left out), or None if the others do not connect the criteria."""
    from .respondents import components, harker_complete

    a = np.array(matrix, dtype=float)
    a[i, j] = a[j, i] = np.nan
    if len(components(np.isfinite(a))) > 1:
        return None
    w = harker_complete(a).weights
    return float(w[i] / w[j])


def _live_cr(a: np.ndarray[Any, Any], ri_table: str) -> float | None:
    from .respondents import components, harker_complete, known_consistency_ratio

    n = a.shape[0]
    known_pairs = (int(np.isfinite(a).sum()) - n) // 2
    # Before n judgements connect the criteria they form a tree, which can never disagree.
    if n < 3 or known_pairs < n or len(components(np.isfinite(a))) > 1:
        return None
    h = harker_complete(a)
    return known_consistency_ratio(a, h.weights, ri_table=ri_table)


@dataclass
class _Judgement:
    value: float
    rationale: str | None
    revised_from: list[float]


def _pairwise(asker: _Asker, ids: Sequence[str], names: Sequence[str], ri_table: str) -> dict[str, Any]:
    from .weights import CR_LIMIT, ahp_priorities

    n = len(ids)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    record: dict[tuple[int, int], _Judgement] = {}
    asker.say(f"Pairwise comparison: {len(pairs)} questions, one for each pair of the {n} criteria. "
              "Answer in whole numbers on Saaty's scale.")
    for q, (i, j) in enumerate(pairs, 1):
        key = f"judgements.{ids[i]}__{ids[j]}"
        asker.say("")
        question = (f"({q} of {len(pairs)}) How much more important is {names[i]} than {names[j]}? {SCALE_HELP}")
        value = asker.ask(key, question, parse_judgement)
        a[i, j], a[j, i] = value, 1.0 / value
        asker.say(f"  Recorded: {_describe(value, names[i], names[j])}.")
        why = asker.ask_optional(f"{key}.rationale", "  Why? (optional; press Enter to skip)", _parse_text)
        record[(i, j)] = _Judgement(value=value, rationale=why or None, revised_from=[])
        cr = _live_cr(a, ri_table)
        if cr is not None:
            verdict = "acceptable" if cr <= CR_LIMIT else f"above {CR_LIMIT:.2f}"
            asker.say(f"  Consistency ratio so far: {cr:.3f} ({verdict})")

    res = ahp_priorities(a, ri_table=ri_table)
    accepted: str | None = None
    rounds = 0
    while res.cr > CR_LIMIT:
        asker.say("")
        asker.say(f"The consistency ratio is {res.cr:.3f}, above {CR_LIMIT:.2f}: some judgements disagree with the others. "
                  "These contribute most to the inconsistency:")
        guide = inconsistency_guidance(a, res.weights, top=min(3, len(pairs)))
        for k, (i, j, cur, implied, sug) in enumerate(guide, 1):
            others = implied_by_others(a, i, j)
            alone = (f"; your other answers alone imply {others:.2f} (nearest {fmt_judgement(nearest_scale_value(others))})"
                     if others is not None else "")
            asker.say(f"  {k}. {names[i]} vs {names[j]} ({ids[i]}__{ids[j]}): you said {fmt_judgement(cur)}; "
                      f"consistent value {fmt_judgement(sug)} (the weights give w_i/w_j = {implied:.2f}){alone}")
        key = f"revisions[{rounds}].pair"
        if asker.scripted and not asker.has(key):
            if not asker.has("accept_inconsistent"):
                raise InputError(
                    f"the consistency ratio is {res.cr:.3f}, above {CR_LIMIT:.2f}, after {rounds} revision(s); add a revision "
                    "(pair, value, rationale) under revisions, or set accept_inconsistent to the reason for keeping the judgements",
                    file=asker.file, field="revisions", value=round(res.cr, 4))
            choice = _ACCEPT
        else:
            choice = asker.ask(key, f"Revise one? Enter its number (1-{len(guide)}), or any pair as criterion_a__criterion_b, "
                                    "or 'accept' to keep the judgements as they are.", _choice_parser(guide, ids))
        if choice == _ACCEPT:
            reason = asker.ask_optional("accept_inconsistent", "Why keep them? (recorded in the weight file; optional)", _parse_text)
            accepted = reason or "accepted by the respondent without revision"
            break
        i, j = choice
        old = record[(i, j)]
        implied = float(res.weights[i] / res.weights[j])
        others = implied_by_others(a, i, j)
        alone = f"; your other answers alone imply {fmt_judgement(nearest_scale_value(others))}" if others is not None else ""
        value = asker.ask(
            f"revisions[{rounds}].value",
            f"How much more important is {names[i]} than {names[j]}? You said {fmt_judgement(old.value)}; consistent value "
            f"{fmt_judgement(nearest_scale_value(implied))}{alone}. {SCALE_HELP}", parse_judgement)
        why = asker.ask_optional(f"revisions[{rounds}].rationale", "  Why? (optional; press Enter to keep the earlier reason)", _parse_text)
        old.revised_from.append(old.value)
        old.value = value
        if why:
            old.rationale = why
        a[i, j], a[j, i] = value, 1.0 / value
        res = ahp_priorities(a, ri_table=ri_table)
        rounds += 1
        asker.say(f"  Recorded: {_describe(value, names[i], names[j])}. Consistency ratio now {res.cr:.3f}.")
    judgements = []
    for (i, j), rec in record.items():
        item: dict[str, Any] = {"pair": f"{ids[i]}__{ids[j]}", "value": _matrix_cell(rec.value)}
        if rec.rationale:
            item["rationale"] = rec.rationale
        if rec.revised_from:
            item["revised_from"] = Flow([_matrix_cell(v) for v in rec.revised_from])
        judgements.append(item)
    return {"matrix": a, "weights": res.weights, "cr": res.cr, "accepted": accepted, "judgements": judgements,
            "revisions": rounds}


_ACCEPT = (-1, -1)


def _choice_parser(guide: Sequence[tuple[int, int, float, float, float]], ids: Sequence[str]) -> Callable[[str], tuple[int, int]]:
    """A pair to revise, by its number in the guidance or as a__b; ``_ACCEPT`` for 'accept'."""

    def parse(text: str) -> tuple[int, int]:
        t = text.strip()
        if t.casefold() == "accept":
            return _ACCEPT
        if t.isdigit():
            k = int(t)
            if not 1 <= k <= len(guide):
                raise ValueError(f"choose a number from 1 to {len(guide)}")
            return guide[k - 1][0], guide[k - 1][1]
        try:
            return _check_pair(t, ids, None, "pair", None)
        except InputError as exc:
            raise ValueError(exc.rule) from None
    return parse


# ------------------------------------------------------------------ swing and rank
def _swings(project: "Project") -> list[tuple[str, str]]:
    """(worst, best) description per criterion, from the performance matrix."""
    from .appraisal import appraise

    table = appraise(project).table
    out = []
    for j, c in enumerate(table.criteria):
        col = table.values[:, j]
        cost = table.types[j] < 0

        def who(target: float) -> str:
            opts = [table.options[k] for k in range(len(col)) if abs(col[k] - target) < 1e-9]
            return " and ".join(f"option {o} {project.options[o]}" for o in opts) + f" ({target:.1f})"

        lo, hi = float(col.min()), float(col.max())
        if hi - lo < 1e-9:
            out.append((f"every option scores {lo:.1f}", "no swing"))
            continue
        worst, best = (hi, lo) if cost else (lo, hi)
        out.append((who(worst), who(best)))
    return out


def _swing(asker: _Asker, project: "Project", ids: Sequence[str], names: Sequence[str]) -> dict[str, Any]:
    swings = _swings(project)
    asker.say("Swing weighting. For each criterion, picture the swing from its worst option to its best one "
              "(scores from the evidence, 0-100, 50 neutral; for a cost criterion a lower score is better):")
    for k, (c, name) in enumerate(zip(ids, names), 1):
        worst, best = swings[k - 1]
        asker.say(f"  {k}. {name} [{c}]: from {worst} (worst) to {best} (best)")
    asker.say("")
    order = asker.ask("ranking", "Imagine every criterion at its worst. Which swing would you most like to make? Rank all the "
                                 f"swings, largest first: their numbers or ids, separated by spaces or commas (e.g. {' '.join(str(k) for k in range(1, len(ids) + 1))}).",
                      _ranking_parser(ids))
    first = order[0]
    ratings: dict[int, float] = {first: 100.0}
    rationale: dict[int, str | None] = {}
    asker.say(f"The swing on {names[first]} is the largest and is worth 100.")
    if asker.has(f"ratings.{ids[first]}"):
        asker.ask(f"ratings.{ids[first]}", f"Rating of the largest swing, {names[first]} (always 100)", _must_be_100)
    rationale[first] = asker.ask_optional(f"rationale.{ids[first]}", f"  Why is the swing on {names[first]} the largest? (optional)", _parse_text)
    top = 100.0
    for k in order[1:]:
        worst, best = swings[k]
        r = asker.ask(f"ratings.{ids[k]}",
                      f"Compared with the swing on {names[first]} (100), how much is the swing on {names[k]}, from {worst} "
                      f"to {best}, worth? A number from 0 to {top:g}.", _rating_parser(top))
        ratings[k] = r
        top = r
        rationale[k] = asker.ask_optional(f"rationale.{ids[k]}", "  Why? (optional; press Enter to skip)", _parse_text)
    total = sum(ratings.values())
    weights = np.array([ratings[k] / total for k in range(len(ids))])
    records = []
    for rank, k in enumerate(order, 1):
        item: dict[str, Any] = {"criterion": ids[k], "rank": rank, "rating": ratings[k], "worst": swings[k][0], "best": swings[k][1]}
        if rationale.get(k):
            item["rationale"] = rationale[k]
        records.append(item)
    return {"order": order, "ratings": ratings, "weights": weights, "criteria": records}


def _must_be_100(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise ValueError("the largest swing is rated 100") from None
    if x != 100:
        raise ValueError("the largest swing is rated 100")
    return x


def _rank(asker: _Asker, ids: Sequence[str], names: Sequence[str], rule: str) -> dict[str, Any]:
    from .weights import RANK_RULES as WORDS
    from .weights import rank_weights

    asker.say(f"Ranking. The ranking is turned into weights by the {WORDS[rule]} rule:")
    for k, (c, name) in enumerate(zip(ids, names), 1):
        asker.say(f"  {k}. {name} [{c}]")
    asker.say("")
    order = asker.ask("ranking", "Rank the criteria, most important first: their numbers or ids, separated by spaces or commas "
                                 f"(e.g. {' '.join(str(k) for k in range(1, len(ids) + 1))}).", _ranking_parser(ids))
    records = []
    for rank, k in enumerate(order, 1):
        why = asker.ask_optional(f"rationale.{ids[k]}", f"  Why is {names[k]} ranked {rank} of {len(ids)}? (optional)", _parse_text)
        item: dict[str, Any] = {"criterion": ids[k], "rank": rank}
        if why:
            item["rationale"] = why
        records.append(item)
    by_rank = rank_weights(len(ids), rule)
    weights = np.zeros(len(ids))
    for rank, k in enumerate(order):
        weights[k] = by_rank[rank]
    return {"order": order, "weights": weights, "criteria": records}


# ------------------------------------------------------------------ writing
class Flow(list[Any]):
    """A list written in YAML flow style (``[a, b, c]``)."""


def _dumper() -> type:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)

    Dumper.add_representer(Flow, flow)
    return Dumper


def dump_weight_file(doc: Mapping[str, Any], *, header: str) -> str:
    """YAML text of a weight file, with a comment header."""
    import textwrap

    import yaml

    body = yaml.dump(dict(doc), Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    head = "\n".join("# " + line for line in textwrap.wrap(header, 86))
    return head + "\n" + body


def check_target(project: "Project", name: str, *, force: bool) -> Path:
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


def write_weight_file(project: "Project", target: Path, text: str, *, force: bool) -> Path:
    """Write ``text`` to ``target`` atomically, after checking that it loads.

    The text goes to a temporary file in the same folder (named so that the
    loader does not read it), is validated as a weight file against the
    project, and is then moved into place: with ``force`` by an atomic
    replace; without, by a hard link that fails if the file has appeared
    meanwhile.
    """
    from .project.loader import load_weight_file

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
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise InputError("the weight file already exists; pass --force to replace it", file=str(target)) from None
            except OSError:  # no hard links on this file system
                if target.exists():
                    raise InputError("the weight file already exists; pass --force to replace it", file=str(target)) from None
                os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


# ------------------------------------------------------------------ the command
@dataclass(frozen=True)
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


def _resolve(asker: _Asker, key: str, given: str | None, question: str, parse: Callable[[str], T], option: str) -> T:
    """A value from the command line or, failing that, the answers file or the respondent."""
    if given is not None:
        try:
            value = parse(given)
        except ValueError as exc:
            raise InputError(str(exc), field=option, value=given) from None
        if asker.has(key):
            other = asker.ask(key, question, parse)
            if other != value:
                raise InputError(f"the answers file gives a different {key} from {option} ({given!r}); give it in one place only",
                                 file=asker.file, field=key, value=str(other))
        return value
    return asker.ask(key, question, parse)



def _one_of(choices: Sequence[str], what: str) -> Callable[[str], str]:
    """A parser accepting one of ``choices`` (surrounding spaces ignored)."""
    def parse(text: str) -> str:
        if text.strip() not in choices:
            raise ValueError(f"{what} must be one of {', '.join(choices)}")
        return text.strip()

    return parse

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
    from .project.loader import load_project
    from .weights import CR_LIMIT

    if method is not None and method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}", field="--method", value=method)
    if rank_rule is not None and rank_rule not in RANK_RULES:
        raise InputError(f"rank rule must be one of {', '.join(RANK_RULES)}", field="--rank-rule", value=rank_rule)
    proj = load_project(project)
    target = check_target(proj, weight_set, force=force)
    ids = proj.criteria.ids
    names = tuple(c.name for c in proj.criteria.criteria)
    asker: _Asker
    if answers is not None:
        flat, lines = _load_answers(answers, ids)
        asker = _Scripted(flat, lines, str(answers), output_fn)
    else:
        asker = _Interactive(input_fn, output_fn)

    parse_method = _one_of(METHODS, "method")

    if asker.has("method"):
        chosen = _resolve(asker, "method", method, "Elicitation method (pairwise, swing or rank)", parse_method, "--method")
    else:
        chosen = method or "pairwise"
    rule = "roc"
    if chosen == "rank":
        parse_rule = _one_of(RANK_RULES, "rank rule")
        if asker.has("rank_rule"):
            rule = _resolve(asker, "rank_rule", rank_rule, "Rule turning the ranking into weights (roc, rank_sum or reciprocal)", parse_rule, "--rank-rule")
        else:
            rule = rank_rule or "roc"
    elif rank_rule is not None:
        raise InputError("--rank-rule applies only to --method rank", field="--rank-rule", value=rank_rule)

    asker.say(f"Eliciting weight set '{weight_set}' for {proj.settings.name} by {chosen} "
              f"({len(ids)} criteria); it will be written to {target}.")
    who = _resolve(asker, "respondent", respondent, "Who is answering? (name and role)", _parse_name, "--respondent")
    when = _resolve(asker, "date", date, "Date of this elicitation (YYYY-MM-DD)?", _parse_date, "--date")
    asker.say("")

    elicitation: dict[str, Any] = {"method": chosen, "respondent": who, "date": when}
    if answers is not None:
        elicitation["answers_file"] = Path(answers).name
    source: dict[str, Any]
    cr: float | None = None
    accepted = False
    if chosen == "pairwise":
        out = _pairwise(asker, ids, names, proj.settings.random_index)
        a = out["matrix"]
        weights = out["weights"]
        cr = float(out["cr"])
        n = len(ids)
        source = {"kind": "ahp", "random_index": proj.settings.random_index, "criteria": Flow(list(ids)),
                  "matrix": [Flow([_matrix_cell(float(a[i, j])) for j in range(n)]) for i in range(n)]}
        elicitation["consistency_ratio"] = round(cr, 6)
        if out["accepted"] is not None:
            accepted = True
            source["allow_inconsistent"] = True
            elicitation["accepted_inconsistent"] = out["accepted"]
        elicitation["judgements"] = out["judgements"]
        how = f"pairwise comparison ({len(out['judgements'])} judgements on the Saaty 1-9 scale; CR {cr:.3f})"
    elif chosen == "swing":
        out = _swing(asker, proj, ids, names)
        weights = out["weights"]
        source = {"kind": "direct", "weights": {c: _number(out["ratings"][k]) for k, c in enumerate(ids)}}
        elicitation["criteria"] = out["criteria"]
        how = "swing weighting (swings from the worst to the best option ranked, then rated against the largest = 100)"
    else:
        out = _rank(asker, ids, names, rule)
        weights = out["weights"]
        source = {"kind": "rank", "ranking": Flow([ids[k] for k in out["order"]]), "method": rule}
        elicitation["rank_rule"] = rule
        elicitation["criteria"] = out["criteria"]
        how = f"ranking ({rule.replace('_', '-')} weights)"
    asker.finish(chosen)

    note = (f"Elicited from {who} on {when.isoformat()} by {how} with `decision elicit`"
            + (f", answers read from {Path(answers).name}" if answers is not None else "")
            + ". The answers and the reasons given are recorded under elicitation.")
    if accepted:
        note += (f" The consistency ratio {cr:.3f} is above {CR_LIMIT:.2f}; the respondent kept the judgements: "
                 f"{elicitation['accepted_inconsistent']}")
    doc: dict[str, Any] = {
        "name": weight_set,
        "label": label or f"{weight_set.replace('_', ' ').capitalize()} (elicited from {who})",
        "provenance": "elicited",
        "provenance_note": note,
        "source": source,
        "elicitation": elicitation,
    }
    asker.say("")
    asker.say("Weights:")
    width = max(len(x) for x in names)
    for name, c, w in zip(names, ids, weights):
        asker.say(f"  {name.ljust(width)}  {float(w):.3f}")
    if cr is not None:
        asker.say(f"  Consistency ratio {cr:.3f}" + (" (above 0.10, accepted)" if accepted else ""))
    header = f"Written by `decision elicit` ({chosen}) from the answers of {who} on {when.isoformat()}."
    path = write_weight_file(proj, target, dump_weight_file(doc, header=header), force=force)
    asker.say(f"Wrote {path}")
    return ElicitResult(path=path, method=chosen, respondent=who, date=when,
                        weights={c: float(w) for c, w in zip(ids, weights)}, cr=cr, accepted_inconsistent=accepted)


def _matrix_cell(x: float) -> int | str:
    s = fmt_judgement(x)
    return int(s) if "/" not in s else s


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)
