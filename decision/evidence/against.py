"""Check a transcription against the text of the document it was taken from.

The evidence files are a transcription: every percentage and comment count in
them should be a number printed in the source document, in the place the
transcription says it comes from. Given the source's plain text, this module
finds each transcribed section in it and compares the numbers, in both
directions: a transcribed figure the section does not print, and a
percentage the section prints that was not transcribed, are both findings.
It reads no file and judges no arithmetic (that is :mod:`.check`'s job).

How a section is found. The text is read line by line for four kinds of
heading:

* a figure caption, ``Figure <n>: ...``, the number in digits or in words
  (``Figure twenty-four:``);
* an option heading, a line starting ``Option <id>:``;
* a group heading, a line whose text after its first colon starts with the
  group's label or id (``Feedback: Residents``), case ignored;
* a category heading, a line holding only a category name, optionally
  followed by a colon and a bracketed comment count (``Risks (based on 57
  comments)``).

An option section is the text from its category heading, within its group's
heading, within its option's heading, up to the next heading or through the
first figure caption, whichever comes first. A further question or a finding
is found by its figure: the text after the previous caption up to and
including its own. In a section's text, a percentage is a number followed by
``%`` and a comment count a number followed by ``comment`` or ``comments``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Literal, Mapping, Sequence

from ..model import CATEGORIES, Finding, Section, Source, StakeholderGroup, ThemedQuestion, WorkshopAttendance

__all__ = ["Place", "Mismatch", "PlaceCheck", "SourceCheck", "check_against", "figure_number"]

MismatchCode = Literal[
    "not_found",
    "percent_differs",
    "percent_not_in_source",
    "percent_not_transcribed",
    "count_differs",
    "count_not_in_source",
    "count_not_transcribed",
    "figure_differs",
    "figure_not_in_source",
    "figure_not_transcribed",
]

_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")
_COUNT = re.compile(r"(?<![\d.])(\d+)\s+comments?\b", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*figure\s+([a-z0-9][a-z0-9\s\-\u2010-\u2014]*?)\s*[:.]", re.IGNORECASE)
_OPTION = re.compile(r"^\s*option\s+([a-z0-9][a-z0-9\-]*)\s*:", re.IGNORECASE)
_CATEGORY = re.compile(r"^\s*(" + "|".join(CATEGORIES) + r")\s*:?\s*(\([^()]*\))?\s*$", re.IGNORECASE)
_BULLET_START = ("-", "*", "\u2022", "\u201c", '"', "'")
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


@dataclass(frozen=True, slots=True)
class Place:
    """Where a transcribed block belongs: an option section (``option`` and
    ``heading`` = its category) or a further question or finding (``option``
    None, ``heading`` = its id), with the group and the figure it cites."""

    key: str
    option: int | None
    group: str
    heading: str
    figure: int | None


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One number (or heading) where the transcription and the source differ.

    ``expected`` is the transcribed value and ``found`` the value printed in
    the source (either None where there is none); ``item`` is the position of
    the transcribed item (from 0) and ``theme`` its theme, where one item is
    concerned.
    """

    place: Place
    code: MismatchCode
    expected: str | None
    found: str | None
    message: str
    item: int | None = None
    theme: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceCheck:
    """One transcribed block: whether it was found, the source lines it spans
    (from 1, inclusive) and how many of its numbers were compared."""

    place: Place
    located: bool
    first_line: int | None
    last_line: int | None
    percents: int
    counts: int


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """The whole comparison: the declared source and the digest of the text
    checked, every block, and every mismatch (none when all numbers match)."""

    declared: Source | None
    digest: str
    places: tuple[PlaceCheck, ...]
    mismatches: tuple[Mismatch, ...]

    @property
    def digest_status(self) -> Literal["match", "differs", "undeclared"]:
        if self.declared is None:
            return "undeclared"
        return "match" if self.declared.sha256 == self.digest.lower() else "differs"

    @property
    def ok(self) -> bool:
        """Whether every transcribed number was found as printed (the digest aside)."""
        return not self.mismatches

    @property
    def percents(self) -> int:
        return sum(p.percents for p in self.places)

    @property
    def counts(self) -> int:
        return sum(p.counts for p in self.places)

    @property
    def located(self) -> int:
        return sum(1 for p in self.places if p.located)


@dataclass(frozen=True, slots=True)
class _Heading:
    kind: Literal["figure", "option", "group", "category"]
    value: str | int
    line: int  # index into the text's lines, from 0


@dataclass(frozen=True, slots=True)
class _Block:
    first: int
    end: int  # exclusive
    caption: int | None  # the figure number of the caption closing the block


@dataclass(frozen=True, slots=True)
class _Expected:
    percents: tuple[tuple[int, str, float], ...]  # item position, theme, percent
    comments: int | None


def _spell(n: int) -> tuple[str, ...]:
    """English names of ``n`` (1..999), hyphenated: ``twenty-four``, ``one-hundred-and-five``."""
    if n < 20:
        return (_ONES[n],)
    if n < 100:
        return (_TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + _ONES[n % 10]),)
    head = _ONES[n // 100] + "-hundred"
    if n % 100 == 0:
        return (head,)
    return tuple(f"{head}{joint}{rest}" for rest in _spell(n % 100) for joint in ("-", "-and-"))


@cache
def _number_names() -> Mapping[str, int]:
    return {name: n for n in range(1, 1000) for name in _spell(n)}


def figure_number(token: str) -> int | None:
    """The number a figure or option label gives, in digits or English words
    (``24``, ``twenty-four``, ``Twenty Four``); None if it is neither."""
    t = token.strip().lower()
    if t.isdigit():
        return int(t)
    return _number_names().get(re.sub(r"[\s\-\u2010-\u2014]+", "-", t))


def _group_of(line: str, groups: Sequence[StakeholderGroup]) -> str | None:
    head, colon, rest = line.partition(":")
    if not colon or not head.strip() or head.lstrip().startswith(_BULLET_START):
        return None
    rest = rest.strip().lower()
    for g in groups:
        for name in (g.label, g.id):
            n = name.lower()
            if rest.startswith(n) and (len(rest) == len(n) or not rest[len(n)].isalnum()):
                return g.id
    return None


def _headings(lines: Sequence[str], groups: Sequence[StakeholderGroup]) -> tuple[_Heading, ...]:
    out: list[_Heading] = []
    for k, line in enumerate(lines):
        m = _CAPTION.match(line)
        if m and figure_number(m.group(1)) is not None:
            out.append(_Heading("figure", figure_number(m.group(1)) or 0, k))
            continue
        m = _OPTION.match(line)
        if m and figure_number(m.group(1)) is not None:
            out.append(_Heading("option", figure_number(m.group(1)) or 0, k))
            continue
        m = _CATEGORY.match(line)
        if m:
            out.append(_Heading("category", m.group(1).lower(), k))
            continue
        group = _group_of(line, groups)
        if group is not None:
            out.append(_Heading("group", group, k))
    return tuple(out)


def _next(heads: Sequence[_Heading], after: int, kinds: tuple[str, ...], end: int) -> int:
    """The line of the first heading of ``kinds`` after line ``after`` and before ``end``, else ``end``."""
    return next((h.line for h in heads if after < h.line < end and h.kind in kinds), end)


def _find(heads: Sequence[_Heading], kind: str, value: str | int, first: int, end: int) -> int | None:
    return next((h.line for h in heads if first <= h.line < end and h.kind == kind and h.value == value), None)


def _section_block(heads: Sequence[_Heading], s: Section, n_lines: int) -> _Block | str:
    """The lines of an option section, or what could not be found."""
    o = _find(heads, "option", s.option, 0, n_lines)
    if o is None:
        return f"no heading 'Option {s.option}:' in the source"
    o_end = _next(heads, o, ("option",), n_lines)
    g = _find(heads, "group", s.stakeholder, o, o_end)
    if g is None:
        return f"no heading for the group under option {s.option}"
    g_end = _next(heads, g, ("option", "group"), o_end)
    c = _find(heads, "category", s.category, g, g_end)
    if c is None:
        return f"no heading '{s.category}' under the group's heading for option {s.option}"
    end = _next(heads, c, ("option", "group", "category", "figure"), g_end)
    caption = next((h for h in heads if h.line == end and h.kind == "figure"), None)
    if caption is None:
        return _Block(first=c, end=end, caption=None)
    return _Block(first=c, end=end + 1, caption=int(caption.value))


def _figure_block(heads: Sequence[_Heading], figure: int | None) -> _Block | str:
    """The lines after the previous figure caption up to and including caption ``figure``."""
    if figure is None:
        return "no figure reference to find it by"
    captions = [h.line for h in heads if h.kind == "figure"]
    line = _find(heads, "figure", figure, 0, 1 << 62)
    if line is None:
        return f"no caption for figure {figure} in the source"
    first = max((k + 1 for k in captions if k < line), default=0)
    return _Block(first=first, end=line + 1, caption=figure)


def _figures_block(heads: Sequence[_Heading], figures: Sequence[int]) -> _Block | str:
    """The lines after the caption before the first of ``figures`` through the caption of the last."""
    if not figures:
        return "no figure reference to find it by"
    blocks = [_figure_block(heads, f) for f in sorted(figures)]
    missing = next((b for b in blocks if isinstance(b, str)), None)
    if missing is not None:
        return missing
    first, last = blocks[0], blocks[-1]
    assert isinstance(first, _Block) and isinstance(last, _Block)
    return _Block(first=first.first, end=last.end, caption=last.caption)


def _g(x: float) -> str:
    return f"{x:g}"


def _compare_percents(place: Place, expected: _Expected, found: Sequence[float]) -> list[Mismatch]:
    """Align the transcribed percentages with those printed, in order, and
    name each one that was changed, left out or added."""
    want = [_g(p) for _, _, p in expected.percents]
    got = [_g(p) for p in found]
    out: list[Mismatch] = []

    def missing(i: int) -> Mismatch:
        k, theme, p = expected.percents[i]
        return Mismatch(place, "percent_not_in_source", f"{p:g}%", None,
                        f"item {k + 1} ({theme}): {p:g}% is transcribed but the section prints no such figure there",
                        item=k, theme=theme)

    def extra(j: int) -> Mismatch:
        return Mismatch(place, "percent_not_transcribed", None, f"{got[j]}%",
                        f"the section prints {got[j]}%, which is not transcribed")

    # Items are transcribed in report order, so equal lengths pair position by
    # position; otherwise the longest common run pairs them, and what is left
    # over was left out or added.
    opcodes = ([("replace", 0, len(want), 0, len(got))] if len(want) == len(got)
               else SequenceMatcher(None, want, got, autojunk=False).get_opcodes())
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for d in range(pairs):
            k, theme, p = expected.percents[i1 + d]
            if want[i1 + d] == got[j1 + d]:
                continue
            out.append(Mismatch(place, "percent_differs", f"{p:g}%", f"{got[j1 + d]}%",
                                f"item {k + 1} ({theme}): transcribed {p:g}%, the source prints {got[j1 + d]}%",
                                item=k, theme=theme))
        out += [missing(i) for i in range(i1 + pairs, i2)]
        out += [extra(j) for j in range(j1 + pairs, j2)]
    return out


def _compare_count(place: Place, comments: int | None, stated: Sequence[int]) -> list[Mismatch]:
    if comments is not None and comments in stated:
        return []
    if comments is not None and stated:
        return [Mismatch(place, "count_differs", str(comments), str(stated[0]),
                         f"transcribed {comments} comments, the source states {stated[0]}")]
    if comments is not None:
        return [Mismatch(place, "count_not_in_source", str(comments), None,
                         f"transcribed {comments} comments, the section states no comment count")]
    if stated:
        return [Mismatch(place, "count_not_transcribed", None, str(stated[0]),
                         f"the section states {stated[0]} comments, transcribed as not stated")]
    return []


def _compare_figure(place: Place, caption: int | None) -> list[Mismatch]:
    f = place.figure
    if f == caption:
        return []
    if f is not None and caption is not None:
        return [Mismatch(place, "figure_differs", str(f), str(caption),
                         f"transcribed as figure {f}, the section's caption is figure {caption}")]
    if f is not None:
        return [Mismatch(place, "figure_not_in_source", str(f), None,
                         f"transcribed as figure {f}, the section has no figure caption")]
    return [Mismatch(place, "figure_not_transcribed", None, str(caption),
                     f"the section's caption is figure {caption}, transcribed as no figure")]


def _check_block(place: Place, found: _Block | str, expected: _Expected,
                 lines: Sequence[str]) -> tuple[PlaceCheck, list[Mismatch]]:
    if isinstance(found, str):
        return (PlaceCheck(place, False, None, None, 0, 0),
                [Mismatch(place, "not_found", None, None, f"not found: {found}")])
    text = "\n".join(lines[found.first:found.end])
    percents = [float(m.group(1)) for m in _PERCENT.finditer(text)]
    stated = [int(m.group(1)) for m in _COUNT.finditer(text)]
    out = _compare_figure(place, found.caption) + _compare_count(place, expected.comments, stated)
    out += _compare_percents(place, expected, percents)
    return (PlaceCheck(place, True, found.first + 1, found.end, len(expected.percents),
                       int(expected.comments is not None)), out)


def _expected(items: Sequence[tuple[str, float | None]], comments: int | None) -> _Expected:
    return _Expected(percents=tuple((k, theme, p) for k, (theme, p) in enumerate(items) if p is not None),
                     comments=comments)


def check_against(
    text: str,
    *,
    digest: str,
    source: Source | None,
    sections: Sequence[Section],
    groups: Sequence[StakeholderGroup],
    questions: Sequence[ThemedQuestion] = (),
    findings: Sequence[Finding] = (),
    attendance: WorkshopAttendance | None = None,
) -> SourceCheck:
    """Compare every transcribed section, further question and finding with
    the source text.

    Parameters
    ----------
    text
        The source document as plain text.
    digest
        SHA-256 (hexadecimal) of the source file's bytes, compared with the
        one ``source`` declares.
    source
        The source the project declares, or None.
    sections, questions, findings
        The transcription. Analyst-coded items carry no printed percentage
        and are not compared; a finding is compared when it has a percent or
        a count.
    attendance
        The attendance shares, compared with the text from the start of its
        first figure's block through its last figure's caption.
    groups
        The project's groups: their labels (or ids) find the group headings.

    Returns
    -------
    SourceCheck
        Every block with the source lines it was found at, and every
        mismatch, in transcription order.
    """
    lines = text.splitlines()
    heads = _headings(lines, groups)
    places: list[PlaceCheck] = []
    mismatches: list[Mismatch] = []
    blocks: list[tuple[Place, _Block | str, _Expected]] = []
    for s in sections:
        blocks.append((Place(s.key, s.option, s.stakeholder, s.category, s.figure), _section_block(heads, s, len(lines)),
                       _expected([(i.theme, i.percent) for i in s.items], s.comments)))
    for q in questions:
        blocks.append((Place(q.key, None, q.stakeholder, q.id, q.figure), _figure_block(heads, q.figure),
                       _expected([(i.theme, i.percent) for i in q.items], q.comments)))
    for f in findings:
        blocks.append((Place(f"finding {f.id} / {f.stakeholder}", None, f.stakeholder, f.id, f.figure),
                       _figure_block(heads, f.figure), _expected([(f.id, f.percent)], f.comments)))
    if attendance is not None and attendance.shares:
        last = max(attendance.figures) if attendance.figures else None
        blocks.append((Place("attendance", None, "", "attendance", last), _figures_block(heads, attendance.figures),
                       _expected([(a.label, a.percent) for a in attendance.shares], None)))
    for place, found, expected in blocks:
        checked, found_mismatches = _check_block(place, found, expected, lines)
        places.append(checked)
        mismatches += found_mismatches
    return SourceCheck(declared=source, digest=digest, places=tuple(places), mismatches=tuple(mismatches))
