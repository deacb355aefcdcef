"""Consequences of a theme (gennemløbstid, overdragelser) and the summary across themes.

``theme_consequences`` is the one place the pack asks for a theme's consequences. Until the diff
package has its own API for lead times and hand-offs, it counts them from the models itself:
hand-offs are flows that cross a lane or a pool, lead time is shown as the waits the model holds.
Wire it to that API when it lands; the report and the slides only read ``Consequences.lines``.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import dept_name, family, message_edges, sequence_edges


@dataclass(frozen=True)
class Consequences:
    """What a theme's change costs or saves, as numbers and as Danish sentences."""

    handoffs: tuple[int, int]  # current, future
    waits: tuple[tuple[str, ...], tuple[str, ...]]  # "1–3 dage (Overførsel til FBS)", per variant
    lines: tuple[str, ...]


def theme_consequences(current, future, diff) -> Consequences:
    """Gennemløbstid and overdragelser of one current/future pair (``diff`` = ``compare``'s result)."""
    handoffs = (count_handoffs(current), count_handoffs(future))
    waits = (model_waits(current), model_waits(future))
    lines = [f"Overdragelser (skift mellem baner eller organisationer): {handoffs[0]} i dag, "
             f"{handoffs[1]} fremover."]
    for name, found in (("i dag", waits[0]), ("fremover", waits[1])):
        lines.append(f"Ventetider {name}: {', '.join(found)}." if found else f"Ingen ventetider {name}.")
    return Consequences(handoffs, waits, tuple(lines))


def count_handoffs(G) -> int:
    """Sequence flows between steps in different lanes, plus message flows between pools."""
    def place(n):
        data = G.nodes[n]
        return data.get("pool"), data.get("lane")

    crossing = sum(1 for u, v, _ in sequence_edges(G) if place(u) != place(v))
    return crossing + len(message_edges(G))


def model_waits(G) -> tuple[str, ...]:
    """The timer waits of ``G`` as ``"1–3 dage (Overførsel til FBS)"``, in graph order."""
    return tuple(f"{data['duration'].danish()} ({data['label']})" for _, data in G.nodes(data=True)
                 if data.get("event") == "timer" and data.get("duration") is not None)


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
