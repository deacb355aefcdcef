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

from .shares import CHOICE_KINDS
from .staff import STAFF_DEPTS, is_staff_step
from ..kinds import family
from ..model import Duration, dept_name

DAYS_PER_UNIT = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "months": 30, "years": 365}
"""How a wait of one unit counts in a lead time, in days."""
MAX_ROUTES = 16
"""Routes listed at most (a model with many decisions in a row has far more): a sample for
reading, never the basis of a total."""
ENUMERATED = 400
"""Models of at most this many nodes list their routes (up to ``MAX_ROUTES``); a bigger one lists
none: a route through hundreds of steps is not read, and the totals never needed them."""


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


def list_routes(G, succ: dict[str, list[str]] | None = None) -> tuple[list[Route], bool]:
    """The first ``MAX_ROUTES`` routes (from the starts in order), and whether there are more;
    ``succ``: the graph's ``forward_flows`` when already known."""
    succ = succ or forward_flows(G)
    choices = _choices(G, succ)
    routes: list[Route] = []
    if len(G) > ENUMERATED:
        return [], True
    for start in _starts(G):
        if len(routes) >= MAX_ROUTES:
            return routes, True
        found = _routes(succ, choices, start, MAX_ROUTES - len(routes))
        if len(found) > MAX_ROUTES - len(routes):
            return routes + [_route(G, succ, start, *f) for f in found[:MAX_ROUTES - len(routes)]], True
        routes += [_route(G, succ, start, chosen, reach) for chosen, reach in found]
    return routes, False


def lead_range(G, succ: dict[str, list[str]] | None = None) -> tuple[float, float]:
    """Shortest low and longest high lead time over all routes (0, 0 without a start), in one pass:
    at a decision the shortest branch counts for the low, at a parallel split the longest."""
    succ = succ or forward_flows(G)
    choices = _choices(G, succ)
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    waits = {n: duration_days(data["duration"]) for n, data in G.nodes(data=True) if _is_wait(data)}
    none = (0.0, 0.0)
    for n in _successors_first(succ, list(G)):
        w = waits.get(n, none)
        outs = succ[n]
        pick = min if n in choices else max
        low[n] = w[0] + (pick(low[v] for v in outs) if outs else 0.0)
        high[n] = w[1] + max((high[v] for v in outs), default=0.0)
    starts = _starts(G)
    if not starts:
        return 0.0, 0.0
    return min(low[s] for s in starts), max(high[s] for s in starts)


def _starts(G) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d["kind"] == "startEvent" and d.get("parent") is None]


def forward_flows(G) -> dict[str, list[str]]:
    """Sequence-flow successors without the flows that close a loop (back edges of a DFS from the
    starts, in graph order), so every route is acyclic."""
    succ = sequence_succ(G)
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


def sequence_succ(G) -> dict[str, list[str]]:
    """Every node's sequence-flow successors, in one pass over the graph."""
    return {n: [v for v, d in nbrs.items() if d["flow"] == "sequence"] for n, nbrs in G.adjacency()}


def _choices(G, succ) -> set[str]:
    """The decisions: choice gateways with more than one way forward."""
    return {n for n, kind in G.nodes(data="kind") if kind in CHOICE_KINDS and len(succ[n]) > 1}


def _successors_first(succ: dict[str, list[str]], roots) -> list[str]:
    """Every node reachable from ``roots`` in ``succ`` (acyclic), each after all its successors."""
    order: list[str] = []
    done: set[str] = set()
    for root in roots:
        if root in done:
            continue
        done.add(root)
        stack = [(root, iter(succ[root]))]
        while stack:
            n, it = stack[-1]
            v = next(it, None)
            if v is None:
                order.append(n)
                stack.pop()
            elif v not in done:
                done.add(v)
                stack.append((v, iter(succ[v])))
    return order


def _routes(succ, choices: set[str], start: str, limit: int) -> list[tuple[dict[str, str], list[str]]]:
    """``(choice per decision, nodes reached)`` for every route from ``start`` (``limit`` + 1 at most)."""
    found: list[tuple[dict[str, str], list[str]]] = []

    def expand(chosen: dict[str, str]) -> None:
        if len(found) > limit:
            return
        reach, seen, open_choice, i = [start], {start}, None, 0
        while i < len(reach):
            n = reach[i]
            i += 1
            outs = succ[n]
            if n in choices:
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
    nodes = G.nodes
    data = {n: nodes[n] for n in reach}
    inside = data.keys()
    outs = {n: [v for v in ([chosen[n]] if n in chosen else succ[n]) if v in inside] for n in reach}
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    for n in _successors_first(outs, [start]):
        w = duration_days(data[n]["duration"]) if _is_wait(data[n]) else (0.0, 0.0)
        low[n] = w[0] + max((low[v] for v in outs[n]), default=0.0)
        high[n] = w[1] + max((high[v] for v in outs[n]), default=0.0)
    task = {n for n in reach if is_task(data[n])}
    handoffs = []
    for n in reach:
        if n in task:
            for m in _next_tasks(task, n, outs):
                a, b = data[n]["dept"], data[m]["dept"]
                if a != b:
                    handoffs.append((a, b))
    staff = [data[n]["dept"] for n in reach if n in task and is_staff_step(data[n])]
    return Route(
        start=data[start]["label"] or start,
        choices=tuple(_choice_text(G, n, chosen[n]) for n in reach if n in chosen),
        ends=tuple(data[n]["label"] or n for n in reach if data[n]["kind"] == "endEvent"),
        lead_low=low[start], lead_high=high[start], handoffs=tuple(handoffs), tasks=len(task),
        staff=tuple((d, k) for d in STAFF_DEPTS if (k := staff.count(d))))


def _is_wait(data: dict) -> bool:
    return data["event"] == "timer" and data["kind"] == "intermediateCatchEvent" and data["duration"] is not None


def is_task(data: dict) -> bool:
    """A task or subprocess, the nodes counted as "trin" (events, gateways and waits are not)."""
    return family(data["kind"]) == "activity"


def _next_tasks(task: set[str], n: str, outs: dict[str, list[str]]) -> list[str]:
    """The tasks reached from task ``n`` through events and gateways only."""
    found, seen, todo = [], set(), list(outs[n])
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        if m in task:
            found.append(m)
        else:
            todo.extend(outs[m])
    return sorted(found)


def _choice_text(G, gateway: str, target: str) -> str:
    label = G.edges[gateway, target].get("label") or G.nodes[target]["label"] or target
    return f"{G.nodes[gateway]['label'] or gateway} = {label}"
