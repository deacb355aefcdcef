"""The workshop's plan: the key decisions it takes, the agenda with a time box per theme, and
who attends each theme (the roles of the lanes of its processes)."""
from __future__ import annotations

from dataclasses import dataclass

from ..decisions import KeyDecision, parse_decision
from ..diff.classify import is_task
from .roles import role_of, role_order

DEFAULT_MINUTES = 180
ALWAYS = "Biblioteket"  # the library attends every theme: every theme is about its borrowers
OPENING = "Velkomst, mål og nøglebeslutninger"
CLOSING = "Opsamling: beslutninger, ansvar og næste skridt"


@dataclass(frozen=True)
class KeyItem:
    """A key decision where the models put it: its theme, process and step."""

    decision: KeyDecision
    theme: int
    process: str
    step: str

    @property
    def name(self) -> str:
        return self.decision.name


@dataclass(frozen=True)
class AgendaItem:
    """One time box: what (a theme number, or None for opening and closing), minutes, who."""

    theme: int | None
    title: str
    minutes: int
    attendees: tuple[str, ...]


def key_decisions(themes) -> list[KeyItem]:
    """Every ``Beslutning:`` note of the ``themes`` (``ThemePack`` list) once by name, the ones
    needed before go-live first, then by theme."""
    found: dict[str, KeyItem] = {}
    for item in themes:
        for note in item.of("decision"):
            decision = parse_decision(note.text)
            found.setdefault(decision.name, KeyItem(decision, item.theme.number, note.process, note.step))
    return sorted(found.values(), key=lambda k: (k.decision.order, k.theme))


def attendees(item) -> tuple[str, ...]:
    """The roles that do work in a theme's processes (any variant), the library always."""
    roles = {ALWAYS}
    for process in item.processes:
        for G in process.graphs.values():
            roles.update(role for _, data in G.nodes(data=True) if is_task(data) and (role := role_of(data)))
    for note in item.of("decision"):
        roles.add(parse_decision(note.text).owner)
    return tuple(sorted(roles, key=role_order))


def agenda(themes, minutes: int = DEFAULT_MINUTES) -> list[AgendaItem]:
    """Opening, one time box per theme and closing, summing to ``minutes``: opening and closing
    a twelfth each, the themes the rest by their weight (processes, questions and key
    decisions), in steps of 5 minutes where the time allows."""
    everyone = tuple(sorted({r for item in themes for r in attendees(item)}, key=role_order))
    frame = max(5, round(minutes / 12 / 5) * 5) if minutes >= 60 else max(1, minutes // 12)
    rest = minutes - 2 * frame
    weights = [1 + len(item.processes) + len(item.of("question")) + 2 * len(item.of("decision")) for item in themes]
    boxes = _share(rest, weights, 5 if rest >= 10 * len(themes) and rest % 5 == 0 else 1)
    middle = [AgendaItem(item.theme.number, f"Tema {item.theme.number}: {item.theme.name}", box, attendees(item))
              for item, box in zip(themes, boxes)]
    return [AgendaItem(None, OPENING, frame, everyone), *middle, AgendaItem(None, CLOSING, frame, everyone)]


def _share(total: int, weights: list[int], unit: int) -> list[int]:
    """``total`` split by ``weights`` into multiples of ``unit`` (largest remainder), each at
    least one ``unit``."""
    units, count = total // unit, len(weights)
    raw = [units * w / sum(weights) for w in weights]
    given = [max(1, int(r)) for r in raw]
    order = sorted(range(count), key=lambda i: (given[i] - raw[i], i))
    while sum(given) < units:
        i = order.pop(0) if order else 0
        given[i] += 1
    while sum(given) > units:
        i = max(range(count), key=lambda j: (given[j], -j))
        given[i] -= 1
    boxes = [g * unit for g in given]
    boxes[-1] += total - sum(boxes)  # what ``unit`` could not divide
    return boxes


def clock(minutes: int) -> str:
    """``"1 t 30 min"`` / ``"25 min"``."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} t {rest} min" if hours and rest else f"{hours} t" if hours else f"{rest} min"
