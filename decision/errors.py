"""The exception tree of the engine.

Every exception carries the offending value, and input errors also name the
file, the place in it and the rule broken, so a message can be shown to a
user as it is.
"""

from __future__ import annotations

from typing import Any, Mapping

__all__ = [
    "KeyPath",
    "LineIndex",
    "dotted",
    "DecisionError",
    "InputError",
    "DegenerateProblemError",
    "InconsistentJudgementsError",
]


#: A place in a parsed document: keys and list positions from the top.
KeyPath = tuple[str | int, ...]
#: The line of each place in a document, where the parser knows it.
LineIndex = Mapping[KeyPath, int]


def dotted(path: KeyPath) -> str:
    """A key path as messages write it: ``a.b[0].c``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class DecisionError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(DecisionError, ValueError):
    """An input file or argument breaks a rule.

    Parameters
    ----------
    message
        What rule was broken, in words a user can act on.
    file
        The file the value came from, if any.
    field
        Where in the file: a dotted key path such as ``sections[3].items[0].percent``.
    value
        The value found.
    line
        The line in the file, where the parser reports one.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        field: str | None = None,
        value: Any = None,
        line: int | None = None,
    ) -> None:
        self.rule = message
        self.file = file
        self.field = field
        self.value = value
        self.line = line
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file + (f" (line {self.line})" if self.line is not None else ""))
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        found = f" (found: {self.value!r})" if self.value is not None else ""
        return f"{prefix}: {self.rule}{found}" if prefix else f"{self.rule}{found}"


class InconsistentJudgementsError(InputError):
    """A pairwise comparison matrix's consistency ratio is above the limit."""


class DegenerateProblemError(DecisionError, ValueError):
    """The decision problem cannot discriminate between options at all.

    Raised, for example, when every criterion scores all options the same, so
    no method has anything to rank on.
    """

    def __init__(self, message: str, *, value: Any = None) -> None:
        self.value = value
        super().__init__(message + (f" (found: {value!r})" if value is not None else ""))
