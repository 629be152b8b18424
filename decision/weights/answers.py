"""Answers to elicitation questions: the parsers that turn a respondent's
typed answer into a value (or a ValueError a respondent can act on), and the
flattening of an answers file into ``key -> answer``."""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Callable, Mapping, NoReturn, Sequence

from ..errors import InputError, KeyPath

__all__ = [
    "ANSWER_KEYS",
    "parse_text",
    "parse_name",
    "parse_date",
    "ranking_parser",
    "rating_parser",
    "must_be_100",
    "one_of",
    "as_text",
    "check_pair",
    "flatten_answers",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_TEXT = 2000
#: The top-level keys of an answers file.
ANSWER_KEYS = ("method", "respondent", "date", "rank_rule", "judgements", "revisions", "accept_inconsistent",
               "ranking", "ratings", "rationale")
Where = KeyPath


def parse_text(text: str) -> str:
    """A free-text answer (a reason), surrounding spaces removed."""
    t = text.strip()
    if len(t) > _MAX_TEXT:
        raise ValueError(f"at most {_MAX_TEXT} characters")
    return t


def parse_name(text: str) -> str:
    """A respondent's name, runs of spaces collapsed."""
    t = " ".join(text.split())
    if not t:
        raise ValueError("a name is needed")
    if len(t) > 200:
        raise ValueError("at most 200 characters")
    return t


def parse_date(text: str) -> _dt.date:
    """A date written ``YYYY-MM-DD``."""
    t = text.strip()
    if not _DATE.match(t):
        raise ValueError("expected a date written YYYY-MM-DD, e.g. 2025-03-14")
    try:
        return _dt.date.fromisoformat(t)
    except ValueError:
        raise ValueError("no such date (expected YYYY-MM-DD)") from None


def ranking_parser(ids: Sequence[str]) -> Callable[[str], list[int]]:
    """A parser of a ranking of every criterion (numbers or ids), giving their indices, most important first."""

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


def rating_parser(top: float) -> Callable[[str], float]:
    """A parser of a swing rating from 0 to ``top`` (the rating of the swing ranked above)."""

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


def as_text(raw: object) -> str:
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
        return ", ".join(as_text(x) for x in raw)
    raise ValueError(f"expected a single answer, found a {type(raw).__name__}")



def must_be_100(text: str) -> float:
    """The rating of the largest swing, which can only be 100."""
    try:
        x = float(text)
    except ValueError:
        raise ValueError("the largest swing is rated 100") from None
    if x != 100:
        raise ValueError("the largest swing is rated 100")
    return x


def one_of(choices: Sequence[str], what: str) -> Callable[[str], str]:
    """A parser accepting one of ``choices`` (surrounding spaces ignored)."""
    def parse(text: str) -> str:
        if text.strip() not in choices:
            raise ValueError(f"{what} must be one of {', '.join(choices)}")
        return text.strip()

    return parse


def check_pair(pair: str, ids: Sequence[str], display: str | None, key: str, line: int | None) -> tuple[int, int]:
    """The indices (i, j), i < j, of a pair written ``a__b`` in criteria order."""
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



def flatten_answers(data: object, index: Mapping[Where, int], ids: Sequence[str], *,
                    display: str) -> tuple[dict[str, object], dict[str, int]]:
    """Flatten a parsed answers file into ``key -> answer`` (keys as in error
    messages, e.g. ``judgements.a__b.rationale``) and ``key -> line``.

    ``data`` is the parsed YAML document, ``index`` its key-path -> line index
    and ``ids`` the criteria in order.

    Raises
    ------
    InputError
        For a key or structure an answers file cannot hold, naming the file,
        the key, the line and the value.
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("the answers file must hold a mapping of keys at the top level", file=display, value=type(data).__name__)
    out = _Flat(index, display)
    for top, value in data.items():
        if top not in ANSWER_KEYS:
            out.fail(f"unknown key (expected one of: {', '.join(ANSWER_KEYS)})", str(top), top, (top,))
        if top in ("method", "respondent", "date", "rank_rule", "ranking"):
            if value is not None:
                out.put(top, value, (top,))
        elif top == "accept_inconsistent":
            if value is True:
                out.put(top, "", (top,))
            elif value not in (False, None):
                out.put(top, value, (top,))
        elif top == "judgements":
            _flatten_judgements(out, value, ids)
        elif top == "revisions":
            _flatten_revisions(out, value)
        else:  # ratings, rationale
            _flatten_by_criterion(out, top, value, ids)
    return out.flat, out.lines


class _Flat:
    """The flattened answers and their lines, filled in by the helpers below."""

    def __init__(self, index: Mapping[Where, int], display: str) -> None:
        self.index = index
        self.display = display
        self.flat: dict[str, object] = {}
        self.lines: dict[str, int] = {}

    def put(self, key: str, value: object, where: Where) -> None:
        self.flat[key] = value
        if where in self.index:
            self.lines[key] = self.index[where]

    def fail(self, rule: str, key: str, value: object, where: Where) -> NoReturn:
        raise InputError(rule, file=self.display, field=key, value=value, line=self.index.get(where))


def _flatten_judgements(out: _Flat, value: object, ids: Sequence[str]) -> None:
    top = "judgements"
    if not isinstance(value, dict):
        out.fail("judgements must be a mapping of pairs (criterion_a__criterion_b) to answers", top, type(value).__name__, (top,))
    for pair, answer in value.items():
        where = (top, pair)
        key = f"judgements.{pair}"
        check_pair(str(pair), ids, out.display, key, out.index.get(where))
        if isinstance(answer, dict):
            extra = [k for k in answer if k not in ("value", "rationale")]
            if extra:
                out.fail("a judgement holds only value and rationale", f"{key}.{extra[0]}", extra[0], where)
            if "value" in answer:
                out.put(key, answer["value"], where + ("value",))
            if answer.get("rationale") is not None:
                out.put(f"{key}.rationale", answer["rationale"], where + ("rationale",))
        else:
            out.put(key, answer, where)


def _flatten_revisions(out: _Flat, value: object) -> None:
    top = "revisions"
    if not isinstance(value, list):
        out.fail("revisions must be a list of {pair, value, rationale}", top, type(value).__name__, (top,))
    for k, rev in enumerate(value):
        where = (top, k)
        if not isinstance(rev, dict):
            out.fail("a revision must be a mapping with pair, value and rationale", f"revisions[{k}]", rev, where)
        extra = [x for x in rev if x not in ("pair", "value", "rationale")]
        if extra:
            out.fail("a revision holds only pair, value and rationale", f"revisions[{k}].{extra[0]}", extra[0], where)
        for part in ("pair", "value", "rationale"):
            if rev.get(part) is not None:
                out.put(f"revisions[{k}].{part}", rev[part], where + (part,))


def _flatten_by_criterion(out: _Flat, top: str, value: object, ids: Sequence[str]) -> None:
    if not isinstance(value, dict):
        out.fail(f"{top} must be a mapping of criterion ids to answers", top, type(value).__name__, (top,))
    for crit, answer in value.items():
        if crit not in ids:
            out.fail(f"names a criterion that does not exist (criteria: {', '.join(ids)})", f"{top}.{crit}", crit, (top, crit))
        if answer is not None:
            out.put(f"{top}.{crit}", answer, (top, crit))
