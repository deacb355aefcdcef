"""Lead time under load: a discrete-event simulation (SimPy) of the processes of one variant.

Cases arrive as a Poisson stream at the rate of their volume (``figures.start_counts``; a timer
start runs on its schedule), and walk the flows: a decision picks a branch by its shares, a
parallel split runs its branches at once and the join waits for all of them, a message to
another pool's start runs that pool's flow too, a subprocess runs its own flow. A staff step
takes its effort (uniform over its range) of working time (``workhours``: weekdays 08:00–15:24,
Danish holidays off) from a person of its department: the profile's ``[staff]`` FTE are the
persons (2.5 FTE: 3 persons at 5/6 of the pace, so the capacity is the FTE), and a case queues
when all are busy; a department without ``[staff]`` never queues. A borrower's or an external
step takes its effort in calendar time, a system step none. A wait is calendar time, or working
days for ``workdays(…)``. Everything is seeded: the same input gives the same figures.

Reported per process: p50 and p90 lead time (arrival to the last token's end) in calendar days,
staff hours per case and a year; per department the utilisation (worked hours ÷ FTE × working
hours in the simulated period). Example::

    result = simulate([G_current_1, G_current_2], {"library": 2.5}, years=1, seed=1)
    result.processes[0].p90_days, result.utilisation["library"]
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date

from .figures import start_counts, variant_figures
from .shares import flow_shares, is_choice
from .staff import STAFF_DEPTS, is_person_step, is_staff_step
from .visits import case_starts
from .workhours import DAY, WorkCalendar
from ..model import seq_pred, seq_succ

START = date(2027, 1, 4)
"""Minute 0 of every simulation: Monday 4 January 2027 (fixed, so runs are comparable)."""
YEAR = 365 * DAY
MINUTES = {"minutes": 1, "hours": 60, "days": DAY, "weeks": 7 * DAY, "months": 30 * DAY, "years": YEAR}


@dataclass
class ProcessSimulation:
    """What one process did in the simulation."""

    key: str
    title: str
    variant: str
    cases: int  # completed
    cases_per_year: float
    lead_days: list[float] = field(repr=False, default_factory=list)
    worked: dict[str, float] = field(default_factory=dict)  # staff dept -> minutes worked

    def percentile(self, q: float) -> float | None:
        """Lead time in days that ``q`` (0–1) of the cases finished within (nearest rank)."""
        if not self.lead_days:
            return None
        ranked = sorted(self.lead_days)
        return ranked[max(0, math.ceil(q * len(ranked)) - 1)]

    @property
    def p50_days(self) -> float | None:
        return self.percentile(0.5)

    @property
    def p90_days(self) -> float | None:
        return self.percentile(0.9)

    def hours_per_case(self, dept: str) -> float:
        return self.worked.get(dept, 0.0) / 60 / self.cases if self.cases else 0.0


@dataclass
class Simulation:
    """The processes simulated together, the staff they shared and how busy it was."""

    processes: list[ProcessSimulation]
    staff: dict[str, float]
    utilisation: dict[str, float | None]  # dept -> share of the staff's working hours (None: no [staff])
    days: float  # simulated period
    skipped: list[str]  # processes without a volume (or one-offs), not simulated
    seed: int


def simulate(graphs, staff: dict[str, float] | None = None, *, years: float = 1.0, cases: int | None = None,
             seed: int = 1) -> Simulation:
    """Simulate ``graphs`` together: ``years`` of arrivals, or ``cases`` cases of each process."""
    import simpy  # here: keeps `oir-bpmn --help` fast

    graphs = list(graphs)
    for G in graphs:
        variant_figures(G)  # a located error for a loop that never ends, before any case runs it
    env = simpy.Environment()
    rng = random.Random(seed)
    cal = WorkCalendar(START)
    staff = {d: f for d, f in (staff or {}).items() if f > 0}
    pools = {d: simpy.Resource(env, capacity=math.ceil(f)) for d, f in staff.items()}
    pace = {d: math.ceil(f) / f for d, f in staff.items()}  # a person's minutes per minute of work
    runs, skipped = [], []
    for G in graphs:
        counts, _ = start_counts(G)
        if not counts or not sum(counts.values()):
            skipped.append(G.graph.get("title") or G.graph.get("key") or "")
            continue
        run = ProcessSimulation(G.graph.get("key") or "", G.graph.get("title") or "", G.graph.get("variant") or "",
                                0, sum(counts.values()))
        runs.append(run)
        flow = _Flow(G, env, rng, cal, pools, pace, run)
        horizon = YEAR * (years if cases is None else cases / run.cases_per_year)
        for start, per_year in counts.items():
            share = per_year / run.cases_per_year
            limit = None if cases is None else max(1, round(cases * share))
            env.process(flow.arrivals(start, per_year, horizon, limit))
    env.run()
    end = max(env.now, DAY)
    working = cal.working_minutes(0, end)
    utilisation = {d: (sum(r.worked.get(d, 0.0) for r in runs) / (staff[d] * working) if d in staff and runs
                       else None) for d in STAFF_DEPTS}
    return Simulation(runs, staff, utilisation, end / DAY, skipped, seed)


class _Flow:
    """The token game of one process graph in one simulation."""

    def __init__(self, G, env, rng, cal, pools, pace, run: ProcessSimulation):
        self.G, self.env, self.rng, self.cal, self.pools, self.pace, self.run = G, env, rng, cal, pools, pace, run
        shares = flow_shares(G)
        self.outs = {n: seq_succ(G, n) for n in G}
        self.weights = {n: [shares.weight(n, v) for v in self.outs[n]] for n in G if is_choice(G, n)}
        self.joins = {n: len(seq_pred(G, n)) for n, d in G.nodes(data=True)
                      if d["kind"] == "parallelGateway" and len(seq_pred(G, n)) > 1}
        self.messages = {n: [v for v, e in G.succ[n].items() if e["flow"] == "message"
                             and G.nodes[v]["kind"] == "startEvent"] for n in G}
        self.inner = {n: [c for c in G if G.nodes[c].get("parent") == n and G.nodes[c]["kind"] == "startEvent"
                          and not seq_pred(G, c)] for n, d in G.nodes(data=True) if d["kind"] == "subProcess"}
        self.starts = set(case_starts(G))

    def arrivals(self, start: str, per_year: float, horizon: float, limit: int | None):
        """Cases entering at ``start``: on the timer's schedule (the first at minute 0), else a
        Poisson stream."""
        data = self.G.nodes[start]
        timer = data["event"] == "timer" and data.get("duration") is not None
        gap = YEAR / per_year
        made = 0
        while (limit is None or made < limit) and (limit is not None or self.env.now < horizon):
            if made or not timer:  # a timer's first run is at the start
                yield self.env.timeout(gap if timer else self.rng.expovariate(1 / gap))
            if limit is None and self.env.now >= horizon:
                return
            made += 1
            self.env.process(self.case(start))

    def case(self, start: str):
        case = {"tokens": 1, "joins": {}, "arrived": self.env.now}
        yield from self.token(start, case)

    def token(self, node: str, case: dict):
        env, G = self.env, self.G
        while True:
            data = G.nodes[node]
            if is_person_step(data) and data.get("effort") is not None:
                yield from self.work(data)
            elif data["kind"] == "intermediateCatchEvent" and data["event"] == "timer" and data.get("duration"):
                yield env.timeout(self.wait(data["duration"]))
            elif node in self.inner:
                inner = [env.process(self.token(s, {"tokens": 1, "joins": {}, "arrived": env.now, "inner": True}))
                         for s in self.inner[node]]
                if inner:
                    yield env.all_of(inner)
            if node in self.joins:
                seen = case["joins"].get(node, 0) + 1
                if seen < self.joins[node]:
                    case["joins"][node] = seen
                    return self.end_token(case)
                case["joins"][node] = 0
            for target in self.messages[node]:
                case["tokens"] += 1
                env.process(self.token(target, case))
            outs = self.outs[node]
            if not outs:
                return self.end_token(case)
            if node in self.weights:
                node = self.rng.choices(outs, self.weights[node])[0]
                continue
            for other in outs[1:]:
                case["tokens"] += 1
                env.process(self.token(other, case))
            node = outs[0]

    def end_token(self, case: dict) -> None:
        case["tokens"] -= 1
        if case["tokens"] == 0 and not case.get("inner"):
            self.run.cases += 1
            self.run.lead_days.append((self.env.now - case["arrived"]) / DAY)

    def work(self, data: dict):
        effort = data["effort"]
        minutes = self.rng.uniform(effort.low, effort.high) * MINUTES[effort.unit]
        if not is_staff_step(data):  # a borrower or another organisation: in their own time
            yield self.env.timeout(minutes)
            return
        dept = data["dept"]
        pool = self.pools.get(dept)
        if pool is None:
            yield self.env.timeout(self.cal.add_working(self.env.now, minutes) - self.env.now)
        else:
            with pool.request() as request:
                yield request
                done = self.cal.add_working(self.env.now, minutes * self.pace[dept])
                yield self.env.timeout(done - self.env.now)
        self.run.worked[dept] = self.run.worked.get(dept, 0.0) + minutes

    def wait(self, duration) -> float:
        """Minutes of a timer wait from now: uniform over its range (whole working days for workdays)."""
        if duration.workdays:
            return self.cal.add_workdays(self.env.now, self.rng.randint(duration.low, duration.high)) - self.env.now
        return self.rng.uniform(duration.low, duration.high) * MINUTES[duration.unit]


def simulation_dict(sim: Simulation) -> dict:
    """A JSON-ready description: per process its lead-time percentiles and hours, per department
    its utilisation."""
    def rounded(x):
        return None if x is None else round(x, 4)
    return {"seed": sim.seed, "days": round(sim.days, 4), "staff": sim.staff,
            "processes": [{"key": p.key, "title": p.title, "variant": p.variant, "cases": p.cases,
                           "p50_days": rounded(p.p50_days), "p90_days": rounded(p.p90_days),
                           "hours_per_year": {d: round(p.hours_per_case(d) * p.cases_per_year, 4)
                                              for d in STAFF_DEPTS}} for p in sim.processes],
            "utilisation": {d: rounded(u) for d, u in sim.utilisation.items()}, "skipped": sim.skipped}
