"""Consequences of a process (gennemløbstid, overdragelser) and the summary across themes.

``process_consequences`` is the one place the pack asks for a process's consequences; the numbers
and sentences come from the diff (``oir_bpmn.diff.consequences``), as in every diff report.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..diff.consequence_report import consequence_lines, range_text
from ..diff.consequences import days_text
from ..diff.overview import cross_theme_summary as overview_summary
from ..model import dept_name
from ..problems import counted


@dataclass(frozen=True)
class Consequences:
    """What a process's change costs or saves: hand-offs per route (``"1–3"``), today and in
    future, and the diff's sentences on lead time, hand-offs and manual steps."""

    handoffs: tuple[str, str]
    lines: tuple[str, ...]


def process_consequences(diff, lone: str | None = None) -> Consequences:
    """Gennemløbstid and overdragelser of one process (``diff`` = ``compare``'s result); for a
    ``lone`` variant ("current" or "future") only that variant's figures, in Danish."""
    c = diff.consequences
    if lone is None:
        return Consequences((range_text(*c.current.handoff_range), range_text(*c.future.handoff_range)),
                            tuple(consequence_lines(c)))
    side = getattr(c, lone)
    handoffs = range_text(*side.handoff_range)
    manual = [f"{dept_name(d)} {after if lone == 'future' else before}" for d, before, after in c.manual_rows()]
    lines = [f"Gennemløbstid (ventetider): {days_text(*side.lead_range)}.", f"Overdragelser pr. rute: {handoffs}."]
    lines += [f"Manuelle trin: {', '.join(manual)}."] if manual else []
    return Consequences(("–", handoffs) if lone == "future" else (handoffs, "–"), tuple(lines))


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
    finance = summary.finance_takes_over + summary.new_by_dept.get(dept_name("finance"), [])
    stops = [step.label if not step.after else f"{step.label} (overgår til {step.after})"
             for step in summary.library_stops]
    return [step.label for step in finance], stops
