"""Messages for process owners: what is wrong, where in the DSL file, and what to do."""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a model, pointing at the DSL line that caused it."""

    file: str
    line: int
    step: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file  # a whole file: no line 0
        text = f"{where}: {self.step}: {self.message}" if self.step else f"{where}: {self.message}"
        return f"{text}\n    → {self.hint}" if self.hint else text


def counted(count: int, one: str, many: str | None = None) -> str:
    """``count`` with its noun in the singular or the plural: "1 process", "2 processes"."""
    return f"{count} {one if count == 1 else many or one + 's'}"


class ModelSkipped(UserWarning):
    """A file in a model folder that is not run (a symbolic link), said with its name."""


class DSLError(Exception):
    """A model file that cannot be loaded or built; carries the problems found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class ModelError(ValueError):
    """A wrong value in a model (e.g. a wait of zero days), reported at the model's line
    in the author's words, without the exception's class name."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


collector: ContextVar[Callable[[ModelError], None] | None] = ContextVar("oir_bpmn_collector", default=None)
"""While a model function runs: where a wrong value goes, so that it is reported with the
others of the same run instead of stopping the model at the first."""


def report(error: ModelError) -> None:
    """Hand ``error`` to the running model's collector, or raise it when none runs."""
    collect = collector.get()
    if collect is None:
        raise error
    collect(error)
