"""What the page shows: the last build's problems and warnings, counted by generation."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Outcome:
    """One build: ``problems`` (each ``(where, message, hint)``, where is ``file:line``) when it
    failed, else its ``warnings``; ``seconds`` it took."""

    problems: list[tuple[str, str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


class State:
    """The latest ``Outcome`` and its generation; ``wait`` blocks until a newer one is there."""

    def __init__(self):
        self._changed = threading.Condition()
        self.generation = 0
        self.outcome = Outcome()
        self.closed = False

    def publish(self, outcome: Outcome) -> None:
        with self._changed:
            self.outcome = outcome
            self.generation += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The generation once it is past ``seen`` (or after ``timeout`` seconds, or on ``close``)."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation > seen or self.closed, timeout)
            return self.generation

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()
