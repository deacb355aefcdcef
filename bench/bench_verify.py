"""Benchmark: ``oir-bpmn verify`` on big files, check by check.

Builds the synthetic block-structured model of ``bench_layout.py`` at each size (tasks,
decisions, parallel blocks, loops, subprocesses on their own planes, a second pool), writes its
BPMN into a scratch folder and times verify on it, one group of checks at a time: the bpmn.io
clients (bpmn-moddle, bpmnlint, bpmn-js in Chromium: one node process runs all five client
checks), Camunda Modeler's linter, SpiffWorkflow, the XSD and the DI geometry; each time
includes reading the file. Prints per size the file size, each group's time and problem count,
the total, and how the total grows from one size to the next (linear: about the ratio of the
sizes).

Run: ``.venv/bin/python bench/bench_verify.py [SIZE ...]`` (default sizes 5000 80000).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_layout import synthetic

from oir_bpmn.bpmn import to_bpmn
from oir_bpmn.layout import layout
from oir_bpmn.load import build_graph
from oir_bpmn.verify import CLIENT_CHECKS, LOCAL_CHECKS, verify

MAX_BYTES = 1024 * 1024 * 1024  # read files of any size here (verify --max-size)
GROUPS = [(check,) for check in LOCAL_CHECKS] + [("camunda-modeler",), CLIENT_CHECKS]


def run(size: int, folder: Path) -> float:
    G = build_graph(synthetic(size))
    path = folder / f"syntetisk_{size}.bpmn"
    path.write_bytes(to_bpmn(G, layout(G)))
    print(f"{size:>6} steps: {G.number_of_nodes()} nodes, {path.stat().st_size / 1e6:.1f} MB", flush=True)
    total = 0.0
    for checks in GROUPS:
        start = time.perf_counter()
        report = verify([path], checks=checks, max_bytes=MAX_BYTES)
        took = time.perf_counter() - start
        total += took
        name = "bpmn.io clients" if len(checks) > 1 else checks[0]
        if report.files[0].refused:
            print(f"    {name:16} not read: {report.files[0].refused}")
            continue
        if report.skipped:
            print(f"    {name:16} skipped: {next(iter(report.skipped.values()))[:80]}")
            continue
        found = [f"{check}: {problem}" for check in checks for problem in report.files[0].problems.get(check, [])]
        print(f"    {name:16} {took:7.1f} s  {len(found)} problem(s)" + (f": {found[0][:110]}" if found else ""),
              flush=True)
    print(f"    {'total':16} {total:7.1f} s", flush=True)
    return total


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [5000, 80000]
    with tempfile.TemporaryDirectory(prefix="bench-verify-") as scratch:
        totals = [run(size, Path(scratch)) for size in sizes]
    for (a, ta), (b, tb) in zip(zip(sizes, totals), zip(sizes[1:], totals[1:])):
        print(f"{a} → {b} steps ({b / a:.0f}× the steps): verify took {tb / ta:.1f}× as long")
