"""Consequences of a process (gennemløbstid, overdragelser) and the summary across themes.

``process_consequences`` is the one place the pack asks for a process's consequences; the numbers
and sentences come from the diff (``oir_bpmn.diff.consequences``), as in every diff report.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..diff.consequence_report import consequence_lines, range_text
from ..diff.consequences import days_text
from ..kinds import family
from ..model import dept_name


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
    """The tasks debitor/økonomi takes over and the tasks the library stops doing in one process."""
    takes_over, stops = [], []
    for change in diff.changes:
        before, after = change.before, change.after
        if family((after or before).kind) != "activity":
            continue  # what people do: tasks, not events or decisions
        if change.cls in ("moved", "added") and after.dept == "finance" and (
                before is None or before.dept != "finance"):
            takes_over.append(change.label)
        if before is not None and before.dept == "library" and (
                change.cls == "removed" or (change.cls == "moved" and after.dept != "library")):
            where = "" if change.cls == "removed" else f" (overgår til {dept_name(after.dept)})"
            stops.append(before.label + where)
    return takes_over, stops
