"""Benchmark: synthetic block-structured models through the pipeline, timed stage by stage.

Run: ``.venv/bin/python bench/bench_layout.py [SIZE ...]`` (default sizes 50 500 1000 5000 20000).
Every size runs ``REPEAT`` times and each stage's best time is reported. Each line also gives the floor: lxml writing the same elements with grid DI (``lower_bound``),
timed in the same run, and the total as a multiple of it.
A stage is one ``time_stage(name, fn)`` call; add new stages to ``run``.
"""
from __future__ import annotations

import gc
import random
import subprocess
import sys
import time
from pathlib import Path

from oir_bpmn.bpmn import to_bpmn
from oir_bpmn.dsl import process
from oir_bpmn.layout import layout
from oir_bpmn.layout.labelcheck import label_problems, line_problems
from oir_bpmn.layout.metrics import (bad_edge_ends, crossings, non_orthogonal, outside_lane, overlaps,
                                     through_shapes)
from oir_bpmn.load import build_graph
from oir_bpmn.validate import validate

from lower_bound import grid_bpmn

REPO = Path(__file__).resolve().parents[1]
DEPTS = ("library", "finance", "coordination", "system", "external")
REPEAT = 3  # runs per size; each stage's best time is reported


def time_stage(name: str, fn, timings: dict[str, float]):
    """Run ``fn()``, record its wall time under ``name`` in ``timings``, and return its result."""
    start = time.perf_counter()
    result = fn()
    timings[name] = time.perf_counter() - start
    return result


def synthetic(size: int, seed: int = 1):
    """A process definition of about ``size`` steps in 3–6 lanes and a second pool.

    Sequences of tasks, nested decisions and parallel blocks (half of them closed by an explicit
    join, half by flowing into a step, where the compiler inserts the join), loops, notes, a
    subprocess now and then, and message flows to and from the second pool.
    """
    rng = random.Random(seed)

    def model(p):
        rng.seed(seed)  # the same model every time it is built
        lanes = [p.lane(f"Rolle {i}", dept=DEPTS[i % len(DEPTS)]) for i in range(3 + size % 4)]
        ext = p.pool("Ekstern part", dept="external")
        made = [0]
        current = [lanes[0]]

        def lane():
            if rng.random() < 0.35:
                current[0] = rng.choice(lanes)
            return current[0]

        def name(what):
            made[0] += 1
            return f"{what} {made[0]}"

        def task(prev):
            step = rng.choice(("task", "user", "service", "manual"))
            new = getattr(lane(), step)(name("Opgave"))
            if rng.random() < 0.03:
                new.note(f"Spørgsmål: {made[0]} – hvem gør dette efter omlægningen?")
            return prev >> new

        def block(prev, depth):
            r = rng.random()
            if depth < 3 and r < 0.12:
                here = lane()
                gw = prev >> here.decide(name("Beslutning") + "?")
                ends = [sequence(gw.when(label) >> lane().task(name("Gren")), depth + 1)
                        for label in ("Ja", "Nej", "Måske")[:rng.randint(2, 3)]]
                return ends >> (here.join() if rng.random() < 0.5 else lane().task(name("Samlet")))
            if depth < 3 and r < 0.20:
                here = lane()
                fork = prev >> here.parallel()
                ends = [sequence(fork >> lane().task(name("Parallel")), depth + 1)
                        for _ in range(rng.randint(2, 3))]
                return ends >> (here.join(parallel=True) if rng.random() < 0.5 else lane().task(name("Samlet")))
            if depth < 3 and r < 0.25:
                here = lane()
                back = prev >> here.join()
                body = sequence(back >> lane().task(name("Gentag")), depth + 1)
                done = body >> here.decide(name("Færdig") + "?")
                done.when("Nej, igen") >> back
                return done.when("Ja") >> lane().task(name("Videre"))
            if r < 0.28:
                sender = prev >> lane().send(name("Send besked"))
                start = ext.start(name("Besked modtaget"), event="message")
                sender.message_to(start)
                reply = start >> ext.task(name("Behandl")) >> ext.send(name("Svar"))
                reply >> ext.end(name("Afsluttet"))
                receiver = sender >> lane().receive(name("Modtag svar"))
                reply.message_to(receiver)
                return receiver
            if r < 0.29:
                sub = prev >> lane().subprocess(name("Delproces"))
                sub.start(name("Start")) >> sub.task(name("Trin")) >> sub.end(name("Slut"))
                return sub
            return task(prev)

        def sequence(prev, depth):
            for _ in range(rng.randint(1, 3)):
                prev = block(prev, depth)
            return prev

        prev = lanes[0].start("Sagen starter")
        while made[0] < size:
            prev = block(prev, 0)
        prev >> lanes[0].end("Sagen er afsluttet")

    return process(f"Syntetisk {size}", key=f"syntetisk_{size}")(model)


def lanes_merged(G):
    """A copy of ``G`` whose pools each have one lane holding all their steps: the model as a
    layout without lanes (bpmn-auto-layout's) draws it, to compare crossings on equal terms."""
    merged = G.copy()
    merged.graph["pools"] = [dict(pool, lanes=pool["lanes"][:1]) for pool in G.graph["pools"]]
    first = {lane: pool["lanes"][0] for pool in G.graph["pools"] for lane in pool["lanes"]}
    for _, data in merged.nodes(data=True):
        if data.get("lane") in first:
            data["lane"] = first[data["lane"]]
    return merged


def run(size: int, repeat: int = REPEAT) -> tuple[str, float]:
    """Time every stage on a model of about ``size`` steps, ``repeat`` times; one line of
    results (each stage and the floor at its best time: the least disturbed by other load on
    the machine) and the total of those best times."""
    t: dict[str, float] = {}
    definition = synthetic(size)
    for _ in range(repeat):
        gc.collect()  # untimed: every run starts on a clean heap, as a fresh oir-bpmn command does
        once: dict[str, float] = {}
        G = time_stage("build", lambda: build_graph(definition), once)
        time_stage("validate", lambda: validate(G), once)
        lay = time_stage("layout", lambda: layout(G), once)
        time_stage("export", lambda: to_bpmn(G, lay), once)
        time_stage("floor", lambda: grid_bpmn(G), once)
        t = {k: min(v, t.get(k, v)) for k, v in once.items()}
    floor = t.pop("floor")
    n = G.number_of_nodes()
    total = sum(t.values())
    stages = "  ".join(f"{k} {v:6.3f}s" for k, v in t.items())
    faults = (len(outside_lane(G, lay)) + len(bad_edge_ends(G, lay)) + len(non_orthogonal(G, lay))
              + len(through_shapes(lay)))
    flows = {d["id"] for _, _, d in G.edges(data=True)}
    one_lane = lanes_merged(G)
    return (f"{n:6d} nodes {G.number_of_edges():6d} edges  {stages}  total {total:6.3f}s  "
            f"floor {floor:6.3f}s ({total / floor:4.1f}x)  "
            f"layout {n / t['layout']:6.0f} nodes/s  crossings {crossings(lay, G)} "
            f"(lanes merged: {crossings(layout(one_lane), one_lane)})  "
            f"overlaps {len(overlaps(lay))}  label problems {len(label_problems(lay, flows))}  "
            f"confusing lines {len(line_problems(lay, G))}  "
            f"other faults {faults}"), total


def isolation(size: int) -> str:
    """Load, build and validate a model file of ``size`` steps in a worker process (as the CLI
    does) and in this process: the cost of isolating models."""
    import tempfile
    from oir_bpmn.load import compile_all
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / f"synthetic_{size}.py"
        model.write_text(f"import sys\nsys.path.insert(0, {str(Path(__file__).parent)!r})\n"
                         f"from bench_layout import synthetic\nsynthetic({size})\n", encoding="utf-8")
        t: dict[str, float] = {}
        for isolate in (True, False):
            time_stage(f"{'worker' if isolate else 'in-process'}", lambda: compile_all([model], isolate=isolate), t)
    return f"{size:6d} steps loaded  " + "  ".join(f"{k} {v:6.3f}s" for k, v in t.items())


def startup() -> str:
    """Wall time of ``python -m oir_bpmn.cli --help`` (interpreter and imports included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "oir_bpmn.cli", "--help"], cwd=REPO, check=True,
                   capture_output=True)
    return f"cli --help start-up {time.perf_counter() - start:6.3f}s"


if __name__ == "__main__":
    gc.disable()  # as the oir-bpmn command does while it runs (see cli.pause_cyclic_gc)
    sizes = [int(a) for a in sys.argv[1:]] or [50, 500, 1000, 5000, 20000]
    totals = {}
    for size in sizes:
        line, totals[size] = run(size)
        print(line, flush=True)
        print(isolation(size), flush=True)
    for small, large in zip(sizes, sizes[1:]):
        print(f"growth {small} -> {large} steps: {totals[large] / totals[small]:4.2f}x")
    print(startup())
