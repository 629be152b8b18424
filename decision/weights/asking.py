"""Askers: how an elicitation question is put and answered.

Every question goes through an *asker*: interactively it prints the question
through ``output_fn``, reads the answer through ``input_fn`` and asks again
until the answer is valid; with an answers file it takes the answer from the
file and turns an invalid or missing one into an
:class:`~decision.errors.InputError` naming the file, the question and the
value. The dialogue itself is written once, for both.
"""

from __future__ import annotations

from typing import Callable, Mapping, TypeVar

from ..errors import InputError
from .answers import as_text

__all__ = ["Asker", "Interactive", "Scripted", "InputFn", "OutputFn"]

T = TypeVar("T")
InputFn = Callable[[str], str]
OutputFn = Callable[[str], None]


class Asker:
    """Puts questions to a respondent and returns the parsed answers."""

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


class Interactive(Asker):
    """Asks through a terminal until each answer is valid."""

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


class Scripted(Asker):
    """Takes the answers from a flattened answers file (:func:`~decision.weights.answers.flatten_answers`)."""

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
            text = as_text(raw)
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

