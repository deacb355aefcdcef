"""Benchmark: exact workload, consequences and simulation at scale.

Run: ``.venv/bin/python bench/bench_workload.py [--count 98]``. Prints three figures against the
targets of issue 24:

1. the exact workload (``oir_bpmn.consequences.workload``) of every process in ``processes/`` for
   ``--count`` generated municipality profiles (seeded, as ``bench_packs.py`` makes them, each with
   its own ``[volumes]`` and ``[staff]``): target under 5 s; the time to compile the models for
   all the profiles is printed beside it (that is the DSL, not the workload);
2. the consequences (both variants: visits, staff work, hand-offs, lead time, listed routes) of a
   synthetic 10,000-step model (``bench_layout.synthetic``): target under 1 s; and the whole
   ``compare`` of two such models for reference;
3. the simulation of 10,000 cases of theme 2's future process: target under 10 s.

Times are CPU seconds with the cycle collector paused, as the commands run (``cli.pause_cyclic_gc``).
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_layout import synthetic  # noqa: E402
from bench_packs import profile_text  # noqa: E402

from oir_bpmn.consequences.figures import consequences_of  # noqa: E402
from oir_bpmn.consequences.simulate import simulate  # noqa: E402
from oir_bpmn.consequences.workload import workload  # noqa: E402
from oir_bpmn.diff.classify import compare  # noqa: E402
from oir_bpmn.load import build_graph, compile_all  # noqa: E402
from oir_bpmn.profile import load_profile  # noqa: E402

REPO = BENCH.parent


def timed(fn):
    """CPU seconds of ``fn()`` (the machine is shared: wall time measures the neighbours) and its result."""
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def municipalities(count: int) -> None:
    rng = random.Random(24)
    keys = sorted({item.definition.key for item in compile_all([REPO / "processes"], isolate=False)})
    with tempfile.TemporaryDirectory() as scratch:
        profiles = []
        for number in range(count):
            path = Path(scratch) / f"kommune_{number:03}.toml"
            volumes = "\n".join(f"{key} = {rng.randint(50, 20000)}" for key in keys)
            staff = f"library = {rng.randint(1, 40) / 2}\nfinance = {rng.randint(1, 20) / 2}\ncoordination = 0.5"
            path.write_text(profile_text(number, rng) + f"\n\n[volumes]\n{volumes}\n\n[staff]\n{staff}\n",
                            encoding="utf-8")
            profiles.append(load_profile(path))
        t_compile, graphs = timed(lambda: [[item.graph for item in compile_all([REPO / "processes"], p, isolate=False)]
                                           for p in profiles])
    t_work, results = timed(lambda: [workload(gs, p.name, p.fte_hours) for gs, p in zip(graphs, profiles)])
    n = sum(len(gs) for gs in graphs)
    print(f"1. exact workload, {count} municipalities × {n // count} processes ({n} graphs): "
          f"{t_work:.2f} s (target < 5 s); compiling the models for them: {t_compile:.1f} s")


def big_model(size: int) -> None:
    current = build_graph(synthetic(size, seed=1))
    future = build_graph(synthetic(size, seed=2))
    future.graph["variant"] = "future"
    best = min(timed(lambda: consequences_of(current, future))[0] for _ in range(3))
    c = consequences_of(current, future)
    steps = current.number_of_nodes() + future.number_of_nodes()
    t_compare, _ = timed(lambda: compare(current, future))
    print(f"2. consequences of a {size:,}-step model (both variants, {steps:,} nodes): {best:.2f} s (target < 1 s); "
          f"staff steps per case {c.current.staff_steps_per_case:.1f} → {c.future.staff_steps_per_case:.1f}; "
          f"whole compare (matching, flows, consequences): {t_compare:.2f} s")


def simulation(cases: int) -> None:
    G = next(item.graph for item in compile_all([REPO / "processes" / "tema2_blokerede_laanere.py"], isolate=False)
             if item.definition.variant == "future")
    if G.graph.get("per_year") is None:
        G.graph["per_year"] = 2400.0
    t_sim, result = timed(lambda: simulate([G], {"library": 2.0, "finance": 1.0}, cases=cases, seed=1))
    run = result.processes[0]
    print(f"3. simulation of {cases:,} cases of {G.graph['key']} (future): {t_sim:.2f} s (target < 10 s); "
          f"p50 {run.p50_days:.2f} days, p90 {run.p90_days:.2f} days, library utilisation "
          f"{result.utilisation['library'] * 100:.0f} %")


if __name__ == "__main__":
    gc.disable()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=98, help="municipalities (default 98)")
    parser.add_argument("--size", type=int, default=10_000, help="steps of the synthetic model (default 10,000)")
    parser.add_argument("--cases", type=int, default=10_000, help="simulated cases (default 10,000)")
    args = parser.parse_args()
    municipalities(args.count)
    big_model(args.size)
    simulation(args.cases)
