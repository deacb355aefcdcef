"""Consequences of a theme (gennemløbstid, overdragelser) and the summary across themes.

``theme_consequences`` is the one place the pack asks for a theme's consequences; the numbers
and sentences come from the diff (``oir_bpmn.diff.consequences``), as in every diff report.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..diff.consequence_report import consequence_lines, range_text
from ..kinds import family
from ..model import dept_name


@dataclass(frozen=True)
class Consequences:
    """What a theme's change costs or saves: hand-offs per route (``"1–3"``), today and in
    future, and the diff's sentences on lead time, hand-offs and manual steps."""

    handoffs: tuple[str, str]
    lines: tuple[str, ...]


def theme_consequences(diff) -> Consequences:
    """Gennemløbstid and overdragelser of one current/future pair (``diff`` = ``compare``'s result)."""
    c = diff.consequences
    return Consequences((range_text(*c.current.handoff_range), range_text(*c.future.handoff_range)),
                        tuple(consequence_lines(c)))


@dataclass(frozen=True)
class CrossTheme:
    """Across all themes: what finance takes over, what the library stops doing, what to decide."""

    finance_takes_over: tuple[tuple[int, str], ...]  # (theme number, step label)
    library_stops: tuple[tuple[int, str], ...]
    questions: int
    assumptions: int
    to_confirm: int


def cross_theme_summary(themes, values) -> CrossTheme:
    """The front page's summary of ``themes`` (``ThemePack`` list) and profile ``values``."""
    takes_over, stops = [], []
    for item in themes:
        for change in item.diff.changes:
            before, after = change.before, change.after
            if family((after or before).kind) != "activity":
                continue  # what people do: tasks, not events or decisions
            if change.cls in ("moved", "added") and after.dept == "finance" and (
                    before is None or before.dept != "finance"):
                takes_over.append((item.theme.number, change.label))
            if before is not None and before.dept == "library" and (
                    change.cls == "removed" or (change.cls == "moved" and after.dept != "library")):
                where = "" if change.cls == "removed" else f" (overgår til {dept_name(after.dept)})"
                stops.append((item.theme.number, before.label + where))
    kinds = [note.kind for item in themes for note in item.notes]
    return CrossTheme(tuple(takes_over), tuple(stops), kinds.count("question"), kinds.count("assumption"),
                      sum(1 for value in values if value.confirm))
