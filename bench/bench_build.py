"""Benchmark: the edit loop of issue 29 — `oir-bpmn build processes/` fresh, after an edit of
one model, with nothing changed; the CLI on a 50-step model; `oir-bpmn watch` from a save to
the edited label in the page (headless Chromium).

Run: ``.venv/bin/python bench/bench_build.py [--repeat 3] [--no-watch]``.
Each figure is the best of ``--repeat`` runs, as wall time and as CPU time of the command and
everything it waited for (model workers, Graphviz): on a shared machine the wall time is noisy,
the CPU time much less so.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "oir_bpmn.cli"]
TARGETS = {"fresh": 4.0, "one model edited": 1.5, "nothing changed": 0.5, "check, 50 steps (CPU)": 0.3,
           "watch: save → page": 2.0}
EDITED = "tema3_opkraevning_rykkere.py"
LABEL = re.compile(r'\.(?:task|manual|service|user)\("([^"]+)"')


def timed(cmd, **kwargs) -> tuple[float, float]:
    """(wall, CPU) seconds of ``cmd`` and the children it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=REPO, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


def builds(scratch: Path, repeat: int) -> dict[str, tuple[float, float]]:
    models = scratch / "models"
    shutil.copytree(REPO / "processes", models, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    fresh = [timed([*CLI, "build", models, "-o", scratch / f"fresh{n}"]) for n in range(repeat)]
    out = scratch / "fresh0"
    edited = []
    for n in range(repeat):
        with (models / EDITED).open("a", encoding="utf-8") as handle:
            handle.write(f"\n# bench edit {n}\n")
        edited.append(timed([*CLI, "build", models, "-o", out]))
    unchanged = [timed([*CLI, "build", models, "-o", out]) for _ in range(repeat)]
    synthetic = scratch / "synthetic_50.py"
    synthetic.write_text(f"import sys\nsys.path.insert(0, {str(REPO / 'bench')!r})\n"
                         "from bench_layout import synthetic\nsynthetic(50)\n", encoding="utf-8")
    check = [timed([*CLI, "check", synthetic]) for _ in range(repeat)]
    python = [timed([sys.executable, "-c", "pass"]) for _ in range(repeat)]
    return {"fresh": best(fresh), "one model edited": best(edited), "nothing changed": best(unchanged),
            "check, 50 steps (CPU)": best(check), "python -c pass": best(python)}


def watch(scratch: Path, repeat: int) -> tuple[float, float] | None:
    """Milliseconds from saving an edited label to the page showing it (best, median)."""
    clients = REPO / "tools" / "clients"
    if not (shutil.which("node") and (clients / "node_modules" / "playwright-core").is_dir()):
        print("watch: skipped (node or playwright-core missing: run tools/setup.sh)")
        return None
    models = scratch / "watched"
    shutil.copytree(REPO / "processes", models, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    server = subprocess.Popen([*CLI, "watch", models, "-o", scratch / "watch-out", "--port", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    browser = None
    try:
        url = None
        for line in server.stderr:
            url = url or (re.search(r"(http://127\.0\.0\.1:\d+/)", line) or [None])[0]
            if line.startswith("Build 1:"):
                break
        browser = subprocess.Popen(["node", str(clients / "watch_check.mjs"), url], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
        browser.stdin.write(json.dumps({"text": "oir-bpmn watch", "timeout": 60000}) + "\n")  # the page is open
        browser.stdin.flush()
        browser.stdout.readline()
        times = []
        for n in range(repeat):
            text = (models / EDITED).read_text(encoding="utf-8")
            label = f"Benchmærke{n}"
            (models / EDITED).write_text(LABEL.sub(lambda m: m.group(0).replace(m.group(1), label), text, count=1),
                                         encoding="utf-8")
            browser.stdin.write(json.dumps({"text": label, "timeout": 60000}) + "\n")
            browser.stdin.flush()
            answer = json.loads(browser.stdout.readline())
            times.append(answer["ms"] / 1000 if answer["found"] else float("inf"))
        return min(times), sorted(times)[len(times) // 2]
    finally:
        if browser:
            browser.stdin.write('{"quit": true}\n')
            browser.stdin.close()
            browser.wait(60)
        server.send_signal(2)
        server.wait(60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-watch", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="oir-bench-build-") as folder:
        figures = builds(Path(folder), args.repeat)
        for name, (wall, cpu) in figures.items():
            target = TARGETS.get(name)
            measured = cpu if "(CPU)" in name else wall
            verdict = "" if target is None else f"  target ≤ {target:g} s: {'met' if measured <= target else 'NOT met'}"
            print(f"build  {name:24s} wall {wall:6.2f} s   CPU {cpu:6.2f} s{verdict}", flush=True)
        if not args.no_watch:
            shown = watch(Path(folder), args.repeat)
            if shown:
                print(f"watch  save → page shows the edit  best {shown[0]:5.2f} s  median {shown[1]:5.2f} s"
                      f"  target ≤ 2 s: {'met' if shown[0] <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
