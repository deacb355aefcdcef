"""How far moving columns alone can take the crossings of a synthetic model, judged by the real count.

Run: ``.venv/bin/python bench/column_search.py [SIZE] [SECONDS]`` (default 1000 600). Starts from
the columns ``layout`` chooses for the main plane, then climbs: move a random node, or the group it
reaches by one-column flows, one to three columns left or right (keeping every flow forward and
every message pull), lay the whole model out again and keep the move unless ``metrics.crossings``
rose. Rows, routes and steps are the layout's own for every candidate. It prints each improvement
and the best count when the time is up: an estimate of what a column search could still gain,
far beyond the time a build may take (one full layout per candidate).
"""
from __future__ import annotations

import random
import sys
import time

import oir_bpmn.layout.grid as grid
from oir_bpmn.layout import layout, steps
from oir_bpmn.layout.metrics import crossings
from oir_bpmn.load import build_graph

from bench_layout import synthetic


class Columns:
    """Stands in for ``steps.plan`` of the main plane: first records the layout's own columns,
    then hands out ``candidate`` (with the steps ``steps._Planner`` picks for it)."""

    def __init__(self) -> None:
        self.main = None  # (band, forward, pulls) of the main plane
        self.rank: list[int] = []
        self.candidate: list[int] = []

    def __call__(self, band, rank, forward, pulls, n_bands):
        if self.main is None:
            self.main = (band, forward, pulls)
            self.rank, step = steps.plan(band, rank, forward, pulls, n_bands)
            self.candidate = list(self.rank)
            return self.rank, step
        if band != self.main[0]:  # a subprocess plane: as the layout plans it
            return steps.plan(band, rank, forward, pulls, n_bands)
        planner = steps._Planner(band, self.candidate, forward, pulls, n_bands)
        return planner.rank, planner.step


def search(size: int, seconds: float) -> None:
    G = build_graph(synthetic(size))
    columns = Columns()
    grid.plan = columns
    best = crossings(layout(G), G)
    print(f"{G.number_of_nodes()} nodes, the layout's columns: {best} crossings", flush=True)
    band, forward, pulls = columns.main
    rank, n = columns.rank, len(columns.rank)
    succ, pred = [[] for _ in range(n)], [[] for _ in range(n)]
    for _, u, v in forward:
        succ[u].append((v, 1))
        pred[v].append((u, 1))
    for u, v in pulls:
        if u != v:
            succ[u].append((v, 0))
            pred[v].append((u, 0))
    rng = random.Random(1)
    start = time.perf_counter()
    tried = 0
    while time.perf_counter() - start < seconds:
        v = rng.randrange(n)
        group = [v]
        if rng.random() < 0.5:
            for u in group:
                group += [w for w, gap in succ[u] if gap and rank[w] == rank[u] + 1 and w not in group][:12 - len(group)]
        d = rng.choice((-3, -2, -1, 1, 2, 3))
        moved = set(group)
        candidate = list(rank)
        for u in group:
            candidate[u] += d
        if any(candidate[u] < 0 for u in group) or any(
                candidate[w] < candidate[u] + gap for u in group for w, gap in succ[u] if w not in moved) or any(
                candidate[u] < candidate[p] + gap for u in group for p, gap in pred[u] if p not in moved):
            continue
        tried += 1
        columns.candidate = candidate
        count = crossings(layout(G), G)
        if count < best:
            print(f"{time.perf_counter() - start:6.0f} s  {tried} layouts  {count} crossings", flush=True)
        if count <= best:
            best, rank[:] = count, candidate
    print(f"best {best} crossings after {tried} layouts in {seconds:.0f} s")


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:]]
    search(int(args[0]) if args else 1000, args[1] if len(args) > 1 else 600)
