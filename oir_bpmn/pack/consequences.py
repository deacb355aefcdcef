"""Consequences of a process (gennemløbstid, overdragelser) and the summary across themes.

``process_consequences`` is the one place the pack asks for a process's consequences; the numbers
and sentences come from ``oir_bpmn.consequences``, as in every diff report.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..consequences.text import amount, consequence_lines, lone_lines
from ..diff.overview import cross_theme_summary as overview_summary
from ..problems import counted


@dataclass(frozen=True)
class Consequences:
    """What a process's change costs or saves: hand-offs per case between departments, today and in
    future, and the sentences on lead time, staff work and hand-offs."""

    handoffs: tuple[str, str]
    lines: tuple[str, ...]


def process_consequences(diff, lone: str | None = None) -> Consequences:
    """Gennemløbstid and overdragelser of one process (``diff`` = ``compare``'s result); for a
    ``lone`` variant ("current" or "future") only that variant's figures, in Danish."""
    c = diff.consequences
    if lone is None:
        return Consequences((_handoffs(c.current), _handoffs(c.future)), tuple(consequence_lines(c)))
    side = getattr(c, lone)
    handoffs = _handoffs(side)
    return Consequences(("–", handoffs) if lone == "future" else (handoffs, "–"), tuple(lone_lines(side)))


def _handoffs(v) -> str:
    return amount(sum(v.handoffs.values()))


@dataclass(frozen=True)
class CrossTheme:
    """Across all themes: what finance takes over, what the library stops doing, what to decide."""

    finance_takes_over: tuple[tuple[int, str], ...]  # (theme number, step label)
    library_stops: tuple[tuple[int, str], ...]
    questions: int
    assumptions: int
    to_confirm: int

    def to_settle(self) -> str:
        """"2 åbne spørgsmål, 1 antagelse og 3 profilværdier", each count with its noun."""
        return (f"{counted(self.questions, 'åbent spørgsmål', 'åbne spørgsmål')}, "
                f"{counted(self.assumptions, 'antagelse', 'antagelser')} og "
                f"{counted(self.to_confirm, 'profilværdi', 'profilværdier')}")


def cross_theme_summary(themes, values) -> CrossTheme:
    """The front page's summary of ``themes`` (``ThemePack`` list) and profile ``values``."""
    takes_over, stops = [], []
    for item in themes:
        for process in item.processes:
            to_finance, stopped = process_moves(process.diff)
            takes_over += [(item.theme.number, label) for label in to_finance]
            stops += [(item.theme.number, label) for label in stopped]
    kinds = [note.kind for item in themes for note in item.notes]
    return CrossTheme(tuple(takes_over), tuple(stops), kinds.count("question"), kinds.count("assumption"),
                      sum(1 for value in values if value.confirm))


def process_moves(diff) -> tuple[list[str], list[str]]:
    """The tasks debitor/økonomi gets in one process (taken over from another department, or
    new) and the tasks the library stops doing, by the rules of the diff's cross-theme summary."""
    summary = overview_summary([diff])
    finance = summary.finance_takes_over  # moved there or new there
    stops = [step.label if not step.after else f"{step.label} (overgår til {step.after})"
             for step in summary.library_stops]
    return [step.label for step in finance], stops
