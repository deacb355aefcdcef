"""Benchmark: matching and comparing big variants whose steps share a few labels.

A chain of SIZE tasks over three lanes whose labels repeat ("Godkend", "Kontrollér", "Registrér"),
and the same process "re-exported with new ids": every node id and key replaced, so no step
pairs by key and every step has to be matched by its label. Prints the time of ``match_steps``
and of the whole ``compare`` (steps, flows, consequences) per size, and for one case where all
steps share one label.

Run: ``.venv/bin/python bench/bench_diff.py [SIZE ...]`` (default sizes 2000 4000 10000).
"""
from __future__ import annotations

import random
import sys
import time

import networkx as nx

from oir_bpmn.diff.classify import compare
from oir_bpmn.diff.match import match_steps

LABELS = ("Godkend", "Kontrollér", "Registrér")
LANES = ("Biblioteket", "Debitor", "FBS")
DEPTS = ("library", "finance", "system")


def chain(size: int, labels=LABELS, prefix: str = "a", shuffled: bool = False) -> nx.DiGraph:
    """A start, ``size`` tasks cycling through ``labels`` and lanes, and an end; ``shuffled``
    stores the nodes in random order (as another tool may write them)."""
    G = nx.DiGraph(title="Bench", key="bench", variant="current", file="bench", theme=None, problems=[],
                   pools=[{"id": "P", "name": "Bench", "process_id": "Proc", "dept": "library",
                           "lanes": [f"L{i}" for i in range(len(LANES))]}],
                   lanes={f"L{i}": {"id": f"L{i}", "name": name, "dept": DEPTS[i], "pool": "P"}
                          for i, name in enumerate(LANES)})
    nodes = [("startEvent", "Start")] + [("userTask", labels[i % len(labels)]) for i in range(size)]
    nodes.append(("endEvent", "Slut"))
    order = list(range(len(nodes)))
    if shuffled:
        random.Random(size).shuffle(order)
    for i in order:
        kind, label = nodes[i]
        lane = i % len(LANES)
        G.add_node(f"{prefix}{i}", kind=kind, event=None, label=label, key=f"{prefix}{i}", lane=f"L{lane}",
                   pool="P", parent=None, duration=None, notes=(), dept=DEPTS[lane], auto=False)
    for i in range(1, len(nodes)):
        G.add_edge(f"{prefix}{i - 1}", f"{prefix}{i}", id=f"F{prefix}{i}", flow="sequence", label=None,
                   condition=None, default=False)
    return G


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(size: int, labels=LABELS, shuffled: bool = False) -> None:
    current, future = chain(size, labels, "a"), chain(size, labels, "b", shuffled)  # new ids and keys
    future.graph["variant"] = "future"
    matched = match_steps(current, future)
    wrong = sum(1 for m in matched if m.current[1:] != m.future[1:])
    t_match = timed(lambda: match_steps(current, future))
    t_compare = timed(lambda: compare(current, future))
    print(f"{size:>6} steps, {len(labels)} label(s){', shuffled' if shuffled else '':9}: match {t_match:6.2f} s  compare {t_compare:6.2f} s  "
          f"matched {len(matched)}/{size + 2}, paired with another position: {wrong}")


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 4000, 10000]
    for n in sizes:
        run(n)
    run(max(sizes) if sys.argv[1:] else 8000, ("Godkend",))
    run(max(sizes), shuffled=True)
