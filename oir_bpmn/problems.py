"""Messages for process owners: what is wrong, where in the DSL file, and what to do."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a model, pointing at the DSL line that caused it."""

    file: str
    line: int
    step: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        text = f"{where}: {self.step}: {self.message}" if self.step else f"{where}: {self.message}"
        return f"{text}\n    → {self.hint}" if self.hint else text


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
