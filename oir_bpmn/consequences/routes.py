"""Routes through a variant and its lead time: the listed routes are a sample, the totals are linear.

A *route* is one way through the process: one outgoing flow chosen at every decision (exclusive,
inclusive or event-based gateway) it meets, every flow followed at parallel splits. Loops are
taken zero times. Its lead time (*gennemløbstid*) is the longest chain of waits on it (parallel
branches run side by side), as a min–max in days: waits in hours and minutes count as fractions
of a day, weeks as 7 days, months as 30 and years as 365. Its hand-offs (*overdragelser*) are the
flows from a task in one department to the next task in another. Waits inside a subprocess are
not counted.

A model of many decisions has exponentially many routes, so only the first ``MAX_ROUTES`` of each
start are listed (``list_routes``); the lead-time range over all routes is one pass over the flows
(``lead_range``), never an enumeration. Example::

    list_routes(G)[0].name, lead_range(G)
    # ('Hvordan vil låneren betale? = Betal via kanal', (2.0, 6.0))
"""
from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter

from .shares import CHOICE_KINDS
from .staff import STAFF_DEPTS, is_staff_step
from ..kinds import family
from ..model import Duration, dept_name

DAYS_PER_UNIT = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "months": 30, "years": 365}
"""How a wait of one unit counts in a lead time, in days."""
MAX_ROUTES = 16
"""Routes listed per start event at most (a model with many decisions in a row has more)."""


WORKDAY = 7 / 5
"""A working day in a lead time: a week of five working days takes seven days."""


def duration_days(duration: Duration) -> tuple[float, float]:
    """``(low, high)`` of a wait in days (working days as 7/5 of a day)."""
    factor = WORKDAY if duration.workdays else DAYS_PER_UNIT[duration.unit]
    return duration.low * factor, duration.high * factor


def days_text(low: float, high: float) -> str:
    """Danish min–max in days: ``"0 dage"``, ``"2–6 dage"``, ``"0,17 dage"``, ``"1 dag"``."""
    def num(x: float) -> str:
        return str(int(round(x))) if abs(x - round(x)) < 1e-9 else f"{x:.2f}".rstrip("0").replace(".", ",")
    unit = "dag" if high == 1 and low == 1 else "dage"
    return f"{num(low)} {unit}" if abs(high - low) < 1e-9 else f"{num(low)}–{num(high)} {unit}"


@dataclass(frozen=True)
class Route:
    """One way from a start event to the end(s) it reaches."""

    start: str
    choices: tuple[str, ...]  # "decision = branch" in the order met
    ends: tuple[str, ...]
    lead_low: float  # days
    lead_high: float
    handoffs: tuple[tuple[str | None, str | None], ...]  # (from dept, to dept) per hand-off
    tasks: int
    staff: tuple[tuple[str, int], ...]  # (department, staff steps) in STAFF_DEPTS order

    @property
    def staff_steps(self) -> int:
        return sum(n for _, n in self.staff)

    def staff_text(self) -> str:
        """``"Biblioteket 2, Debitor/økonomi 1"`` (or ``"0"``)."""
        return ", ".join(f"{dept_name(d)} {n}" for d, n in self.staff) or "0"

    @property
    def name(self) -> str:
        """``"Hvordan vil låneren betale? = Betal via kanal"``, or the start when there is no choice."""
        return " · ".join(self.choices) if self.choices else self.start

    @property
    def lead_time_text(self) -> str:
        return days_text(self.lead_low, self.lead_high)

    @property
    def handoff_count(self) -> int:
        return len(self.handoffs)

    def handoff_text(self) -> str:
        """``"Biblioteket → Debitor/økonomi, Debitor/økonomi → IT-systemer"`` (or "ingen")."""
        return ", ".join(f"{dept_name(a)} → {dept_name(b)}" for a, b in self.handoffs) or "ingen"


def list_routes(G) -> tuple[list[Route], bool]:
    """The first ``MAX_ROUTES`` routes from each start, and whether any start had more."""
    succ = _forward_flows(G)
    routes: list[Route] = []
    truncated = False
    for start in _starts(G):
        found = _routes(G, succ, start)
        truncated |= len(found) > MAX_ROUTES
        routes += [_route(G, succ, start, chosen, reach) for chosen, reach in found[:MAX_ROUTES]]
    return routes, truncated


def lead_range(G) -> tuple[float, float]:
    """Shortest low and longest high lead time over all routes (0, 0 without a start), in one pass:
    at a decision the shortest branch counts for the low, at a parallel split the longest."""
    succ = _forward_flows(G)
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    for n in TopologicalSorter(succ).static_order():  # successors first
        data = G.nodes[n]
        w = duration_days(data["duration"]) if _is_wait(data) else (0.0, 0.0)
        outs = succ[n]
        pick = min if _is_choice(G, n, succ) else max
        low[n] = w[0] + (pick(low[v] for v in outs) if outs else 0.0)
        high[n] = w[1] + max((high[v] for v in outs), default=0.0)
    starts = _starts(G)
    if not starts:
        return 0.0, 0.0
    return min(low[s] for s in starts), max(high[s] for s in starts)


def _starts(G) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d["kind"] == "startEvent" and d.get("parent") is None]


def _forward_flows(G) -> dict[str, list[str]]:
    """Sequence-flow successors without the flows that close a loop (back edges of a DFS from the
    starts, in graph order), so every route is acyclic."""
    succ = {n: [v for v, d in G.succ[n].items() if d["flow"] == "sequence"] for n in G}
    forward: dict[str, list[str]] = {n: [] for n in G}
    state: dict[str, int] = {}  # 1 on the DFS stack, 2 done
    for root in [*_starts(G), *G]:
        if root in state:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            n, it = stack[-1]
            v = next(it, None)
            if v is None:
                state[n] = 2
                stack.pop()
            elif state.get(v) != 1:
                forward[n].append(v)
                if v not in state:
                    state[v] = 1
                    stack.append((v, iter(succ[v])))
    return forward


def _is_choice(G, n: str, succ) -> bool:
    return G.nodes[n]["kind"] in CHOICE_KINDS and len(succ[n]) > 1


def _routes(G, succ, start: str) -> list[tuple[dict[str, str], list[str]]]:
    """``(choice per decision, nodes reached)`` for every route from ``start`` (MAX_ROUTES + 1 at most)."""
    found: list[tuple[dict[str, str], list[str]]] = []

    def expand(chosen: dict[str, str]) -> None:
        if len(found) > MAX_ROUTES:
            return
        reach, seen, open_choice, i = [start], {start}, None, 0
        while i < len(reach):
            n = reach[i]
            i += 1
            outs = succ[n]
            if _is_choice(G, n, succ):
                if n not in chosen:
                    open_choice = open_choice or n
                    continue
                outs = [chosen[n]]
            for v in outs:
                if v not in seen:
                    seen.add(v)
                    reach.append(v)
        if open_choice is None:
            found.append((chosen, reach))
            return
        for v in succ[open_choice]:
            expand({**chosen, open_choice: v})

    expand({})
    return found


def _route(G, succ, start: str, chosen: dict[str, str], reach: list[str]) -> Route:
    inside = set(reach)
    outs = {n: [v for v in ([chosen[n]] if n in chosen else succ[n]) if v in inside] for n in reach}
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    for n in TopologicalSorter(outs).static_order():  # successors first
        data = G.nodes[n]
        w = duration_days(data["duration"]) if _is_wait(data) else (0.0, 0.0)
        low[n] = w[0] + max((low[v] for v in outs[n]), default=0.0)
        high[n] = w[1] + max((high[v] for v in outs[n]), default=0.0)
    tasks = [n for n in reach if is_task(G.nodes[n])]
    handoffs = []
    for n in tasks:
        for m in _next_tasks(G, n, outs):
            a, b = G.nodes[n]["dept"], G.nodes[m]["dept"]
            if a != b:
                handoffs.append((a, b))
    return Route(
        start=G.nodes[start]["label"] or start,
        choices=tuple(_choice_text(G, n, chosen[n]) for n in reach if n in chosen),
        ends=tuple(G.nodes[n]["label"] or n for n in reach if G.nodes[n]["kind"] == "endEvent"),
        lead_low=low[start], lead_high=high[start], handoffs=tuple(handoffs), tasks=len(tasks),
        staff=tuple((d, k) for d in STAFF_DEPTS
                    if (k := sum(1 for n in tasks if is_staff_step(G.nodes[n]) and G.nodes[n]["dept"] == d))))


def _is_wait(data: dict) -> bool:
    return data["event"] == "timer" and data["kind"] == "intermediateCatchEvent" and data["duration"] is not None


def is_task(data: dict) -> bool:
    """A task or subprocess (events, gateways and waits are not)."""
    return family(data["kind"]) == "activity"


def _next_tasks(G, n: str, outs: dict[str, list[str]]) -> list[str]:
    """The tasks reached from task ``n`` through events and gateways only."""
    found, seen, todo = [], set(), list(outs[n])
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        if is_task(G.nodes[m]):
            found.append(m)
        else:
            todo.extend(outs[m])
    return sorted(found)


def _choice_text(G, gateway: str, target: str) -> str:
    label = G.edges[gateway, target].get("label") or G.nodes[target]["label"] or target
    return f"{G.nodes[gateway]['label'] or gateway} = {label}"
