"""The consequences of one variant and of a current → future pair, by the one definition of staff
work (``staff``): staff steps per case (expected over the routes, loops included), hours per case
and per year from the efforts, hand-offs per case by kind, lead time, and a sample of routes.

Cases per year: a timer start gives its own count (``every=days(1)``: 365 a year), other starts
share the process's ``per_year`` (the profile's ``[volumes]`` overrides the model) evenly; a
process marked ``once=True`` is a one-off. Example::

    f = variant_figures(G)
    f.staff_per_case     # {"library": 2.5, "finance": 1.0}   expected staff steps per case
    f.hours_per_year     # {"library": (40.0, 50.0, 60.0)}    low, mean, high; None without volumes
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .routes import Route, forward_flows, is_task, lead_range, list_routes, sequence_succ
from .shares import Shares, flow_shares
from .staff import OTHERS, STAFF_DEPTS, is_person_step, is_staff_step, side
from .visits import case_starts, expected_visits

RUNS_PER_YEAR = {"minutes": 525600, "hours": 8760, "days": 365, "weeks": 52, "months": 12, "years": 1}
"""How often a timer start of one unit runs in a year."""
HANDOFF_KINDS = ("library_finance", "departments", "person_system", "others")
"""Hand-offs between the library and finance, between other staff departments (coordination),
between a person and a system, and with borrowers or external organisations."""


@dataclass
class VariantFigures:
    """What one variant costs: see the module docstring."""

    variant: str
    cases_per_year: float | None  # None: unknown, or a one-off
    once: bool
    volume_from: str | None  # "profile", "model", "timer" or None
    rhythm: str  # "2400 sager om året", "hver uge (52 om året)", "én gang", "antal ukendt"
    visits: dict[str, float]  # expected visits per case
    staff_per_case: dict[str, float]
    others_per_case: float  # person steps of borrowers and external organisations
    staff_tasks: dict[str, int]  # distinct staff tasks in the model (not the work)
    hours_per_case: dict[str, tuple[float, float, float]]  # dept -> (low, mean, high)
    without_effort: list[str]  # staff steps with no effort given
    handoffs: dict[str, float]  # HANDOFF_KINDS -> expected per case
    lead: tuple[float, float]
    even: list[str] = field(default_factory=list)  # labels of decisions split evenly
    graph: object = field(default=None, repr=False)
    forward: dict | None = field(default=None, repr=False)  # ``routes.forward_flows`` of the graph

    @cached_property
    def _listed(self) -> tuple[list[Route], bool]:
        return list_routes(self.graph, self.forward)

    @property
    def routes(self) -> list[Route]:
        """A sample of routes for reading (``routes.MAX_ROUTES`` at most), made when first asked for."""
        return self._listed[0]

    @property
    def truncated(self) -> bool:
        """Whether the process has more routes than listed."""
        return self._listed[1]

    @property
    def runs_per_year(self) -> float | None:
        """Cases a year, 1 for a one-off's single run (shown apart), None when unknown."""
        return 1.0 if self.once else self.cases_per_year

    @property
    def staff_steps_per_case(self) -> float:
        return sum(self.staff_per_case.values())

    @property
    def hours_per_year(self) -> dict[str, tuple[float, float, float]] | None:
        """Hours a year per staff department (a one-off: the hours of its one run), or None."""
        runs = self.runs_per_year
        if runs is None:
            return None
        return {d: tuple(h * runs for h in hours) for d, hours in self.hours_per_case.items()}


@dataclass
class Consequences:
    """Current and future figures of one process, side by side."""

    current: VariantFigures
    future: VariantFigures

    def sides(self) -> list[tuple[str, VariantFigures]]:
        return [("current", self.current), ("future", self.future)]

    @property
    def departments(self) -> list[str]:
        """The staff departments with staff work on either side, in ``STAFF_DEPTS`` order."""
        return [d for d in STAFF_DEPTS if d in self.current.staff_per_case or d in self.future.staff_per_case]


def consequences_of(current, future) -> Consequences:
    """The figures of both variants of one process."""
    return Consequences(variant_figures(current), variant_figures(future))


def start_counts(G) -> tuple[dict[str, float] | None, str | None]:
    """Cases a year entering at each case start, and where the count comes from (None, None when
    unknown or a one-off)."""
    starts = case_starts(G)
    timed = {s: RUNS_PER_YEAR[d.unit] / d.high for s in starts
             if (d := G.nodes[s].get("duration")) is not None and G.nodes[s]["event"] == "timer"}
    others = [s for s in starts if s not in timed]
    per_year = G.graph.get("per_year")
    if G.graph.get("once") or (others and per_year is None):
        return None, None
    counts = {**timed, **{s: per_year / len(others) for s in others}}
    return counts, (G.graph.get("per_year_from") or "model") if others else "timer"


def variant_figures(G) -> VariantFigures:
    """The figures of one process graph."""
    shares = flow_shares(G)
    counts, source = start_counts(G)
    starts = case_starts(G)
    total = sum(counts.values()) if counts else 0.0
    entries = {s: c / total for s, c in counts.items()} if total else {s: 1 / len(starts) for s in starts}
    visits = expected_visits(G, entries, shares)
    staff: dict[str, float] = {}
    hours: dict[str, list[float]] = {}
    tasks: dict[str, int] = {}
    others, missing = 0.0, []
    for n, data in G.nodes(data=True):
        if not is_person_step(data):
            continue
        if not is_staff_step(data):
            others += visits.get(n, 0.0)
            continue
        d = data["dept"]
        staff[d] = staff.get(d, 0.0) + visits.get(n, 0.0)
        tasks[d] = tasks.get(d, 0) + 1
        effort = data.get("effort")
        if effort is None:
            missing.append(data["label"])
            continue
        per_minute = 1 / 60 if effort.unit == "minutes" else 1.0
        row = hours.setdefault(d, [0.0, 0.0, 0.0])
        for i, value in enumerate((effort.low, (effort.low + effort.high) / 2, effort.high)):
            row[i] += visits.get(n, 0.0) * value * per_minute
    order = [d for d in STAFF_DEPTS if d in staff]
    forward = forward_flows(G)
    return VariantFigures(
        variant=str(G.graph.get("variant") or ""), cases_per_year=total if counts else None,
        once=bool(G.graph.get("once")), volume_from=source, rhythm=rhythm_text(G, counts, source),
        visits=visits, staff_per_case={d: staff[d] for d in order},
        others_per_case=others, staff_tasks={d: tasks[d] for d in order},
        hours_per_case={d: tuple(hours[d]) for d in order if d in hours}, without_effort=missing,
        handoffs=expected_handoffs(G, visits, shares), lead=lead_range(G, forward),
        even=[G.nodes[n]["label"] for n in shares.even], graph=G, forward=forward)


def rhythm_text(G, counts: dict[str, float] | None, source: str | None) -> str:
    """How often the process runs, in Danish: ``"2400 sager om året"``, ``"hver uge (52 om året)"``."""
    if G.graph.get("once"):
        return "én gang"
    if counts is None:
        return "antal sager om året ukendt"
    total = sum(counts.values())
    if source == "timer":
        timers = [G.nodes[s]["duration"].every() for s in counts]
        return f"{', '.join(timers)} ({number(total)} {'gang' if total == 1 else 'gange'} om året)"
    return f"{number(total)} sager om året"


def number(x: float) -> str:
    """Danish number: ``2.400``, ``12,5``."""
    text = f"{x:,.0f}" if abs(x - round(x)) < 1e-9 or x >= 100 else f"{x:,.1f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def expected_handoffs(G, visits: dict[str, float], shares: Shares) -> dict[str, float]:
    """Expected hand-offs per case by kind: from each task to the next tasks (through events and
    gateways, with the branches' shares), counted where the department changes."""
    out = dict.fromkeys(HANDOFF_KINDS, 0.0)
    succ = sequence_succ(G)
    task = {n for n, data in G.nodes(data=True) if is_task(data)}
    for n, data in G.nodes(data=True):
        if n not in task or not visits.get(n):
            continue
        for m, p in _next_tasks(succ, task, n, shares).items():
            a, b = data["dept"], G.nodes[m]["dept"]
            if a == b:
                continue
            sides = {side(a), side(b)}
            if sides == {"staff"}:
                kind = "library_finance" if {a, b} == {"library", "finance"} else "departments"
            else:
                kind = "person_system" if sides == {"staff", "system"} else "others" if "staff" in sides or OTHERS in sides \
                    else None
            if kind:
                out[kind] += visits[n] * p
    return out


def _next_tasks(succ, task: set[str], n: str, shares: Shares) -> dict[str, float]:
    """Tasks reached from task ``n`` through events and gateways only, with the chance of each
    (paths that meet again add up; a loop of gateways alone is left out)."""
    between: dict[str, None] = {}  # (a dict: the same order every run, so the same sums)
    todo = list(succ[n])
    while todo:
        m = todo.pop()
        if m not in between and m not in task:
            between[m] = None
            todo.extend(succ[m])
    waiting = dict.fromkeys(between, 0)
    for m in between:
        for v in succ[m]:
            if v in between:
                waiting[v] += 1
    mass: dict[str, float] = {}
    found: dict[str, float] = {}

    def send(u: str, v: str, p: float) -> None:
        if v in between:
            mass[v] = mass.get(v, 0.0) + p
        else:
            found[v] = found.get(v, 0.0) + p

    for v in succ[n]:
        send(n, v, shares.weight(n, v))
    ready = [m for m in between if waiting[m] == 0]
    while ready:
        m = ready.pop()
        for v in succ[m]:
            send(m, v, mass.get(m, 0.0) * shares.weight(m, v))
            if v in between:
                waiting[v] -= 1
                if waiting[v] == 0:
                    ready.append(v)
    return found
