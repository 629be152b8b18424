"""Shared helpers of the report's sections: shorthands over the data and number formats.

Prose is written in the section modules; every number, label and figure
reference comes from the appraisal, the sensitivity report, the project or
the input digest. Data-derived text is escaped with
:func:`~decision.report.pdf.esc` before it enters paragraph markup.
Composing only reads: the charts a section places must already be in the
chart folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from .. import facts as F
from ..pdf import esc

if TYPE_CHECKING:
    from ...appraisal import Appraisal
    from ...sensitivity import SensitivityReport

__all__ = ["Ctx", "agreed_by", "join_words", "pct", "num", "count_text", "method_variant"]


class Ctx:
    """Shorthands over the data objects, returning escaped text."""

    def __init__(self, a: "Appraisal", r: "SensitivityReport") -> None:
        self.a = a
        self.r = r
        self.p = a.project
        self.t = a.table
        self.groups = F.group_names(self.p)
        self.crit = F.criterion_names(self.p)
        self.lead = F.leader(a)

    def O(self, o: int | None) -> str:  # noqa: E743 - option label
        return "no option" if o is None else esc(F.option_label(self.p, o))

    def Os(self, os_: Sequence[int]) -> str:
        return " and ".join(self.O(o) for o in os_) if os_ else "no option"

    def C(self, c: str | None) -> str:
        return "-" if c is None else esc(self.crit.get(c, c))

    def G(self, g: str) -> str:
        return esc(self.groups.get(g, g))

    def T(self, theme: str) -> str:
        return esc(F.theme_label(self.p, theme))

    def M(self, m: str) -> str:
        return esc(F.method_label(m))

    def ws(self, name: str) -> Any:
        return next(w for w in self.a.weight_sets if w.name == name)


def join_words(items: Sequence[str], word: str = "and") -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def agreed_by(x: Ctx, groups: Sequence[str]) -> str:
    """Who agreed, to open a sentence: the groups' labels, or 'The groups' when none is named."""
    return join_words([x.G(g) for g in groups]) if groups else "The groups"


def pct(x: float) -> str:
    """A share in per cent; 99.9% is never printed as 100%."""
    if 0.995 <= x < 1:
        text = f"{x:.1%}"
        return ">99.9%" if text == "100.0%" else text
    if 0 < x < 0.005:
        text = f"{x:.1%}"
        return "<0.1%" if text == "0.0%" else text
    return f"{x:.0%}"


def num(x: float, places: int = 1) -> str:
    return F.fmt(x, places)


def count_text(x: float) -> str:
    """A number of comments in words: 'no comments', '1.0 comment', '32.5 comments'."""
    if x == 0:
        return "no comments"
    return f"{num(x, 1)} comment{'' if num(x, 1) == '1.0' else 's'}"


def method_variant(label: str) -> str:
    """'topsis (vector)' -> 'TOPSIS (vector)'; 'promethee_ii' -> 'PROMETHEE II'."""
    head, _, rest = label.partition(" ")
    return F.method_label(head) + (" " + rest if rest else "")

