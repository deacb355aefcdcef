"""Benchmark: workshop packs for many municipalities (``oir-bpmn pack``), cold and warm.

Run: ``.venv/bin/python bench/bench_packs.py [--count 98] [--jobs N] [--keep DIR]``.
Generates ``--count`` synthetic profiles (seeded, in a scratch folder: not committed data), then
times three runs of ``oir-bpmn pack processes/``: everything to build, nothing changed, one
profile changed, as wall time and as CPU time of the command and its workers (the wall time is
noisy on a shared machine), then the largest pack. Targets (issue #29): 98 packs within 2 minutes
on 2 cores, the no-change run within 2 s, at most 5 MB a pack (issue #16 had 10 minutes).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEBTOR_SYSTEMS = ("KMD Opus", "SAP", "Fujitsu Prisme", "Netcompany Debitor")
SOLUTIONS = ("Mit betalingsoverblik", "Min Betalingsoversigt", "Girokort")
FORMS = ("Dankort", "Visa", "Mastercard", "MobilePay")
CHANNELS = ("SMS", "e-mail", "e-Boks")


def toml_list(values) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def profile_text(number: int, rng: random.Random) -> str:
    """One synthetic municipality; some values carry the "eksempel – bekræft" comment."""
    def some(values):
        return [v for v in values if rng.random() < 0.7] or [values[0]]

    solutions = some(SOLUTIONS)

    safepay = rng.random() < 0.6
    flag = lambda: "  # eksempel – bekræft" if rng.random() < 0.5 else ""  # noqa: E731
    return "\n".join([
        f'name = "Testkommune {number:03d}"',
        f'debtor_system = "{rng.choice(DEBTOR_SYSTEMS)}"{flag()}',
        f"payment_solutions = {toml_list(solutions)}{flag()}",
        f"payment_forms = {toml_list(some(FORMS))}{flag()}",
        f"safepay = {str(safepay).lower()}",
        f"safepay_integrated = {str(safepay and rng.random() < 0.5).lower()}{flag()}",
        f"substitute_cpr = {str(rng.random() < 0.6).lower()}{flag()}",
        f"reminder_channels = {toml_list(some(CHANNELS))}",
        f"balance_statements = {str(rng.random() < 0.5).lower()}{flag()}",
        "",
    ])


def timed_pack(profiles: list[Path], out: Path, jobs: int | None) -> tuple[float, str]:
    """(wall seconds, summary line); prints nothing, ``cpu()`` has the CPU seconds of the run."""
    command = [sys.executable, "-m", "oir_bpmn.cli", "pack", "processes/", "-o", str(out)]
    command += [f"--profile={p}" for p in profiles] + ([f"--jobs={jobs}"] if jobs else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timed_pack.cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode != 0:
        sys.exit(f"pack failed:\n{done.stderr}")
    return elapsed, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=98, help="municipalities (default 98)")
    parser.add_argument("--jobs", type=int, default=None, help="packs at once (default: every core)")
    parser.add_argument("--keep", type=Path, default=None, help="build here and keep the packs")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="oir-bench-packs-"))
    out = args.keep or scratch / "kommuner"
    rng = random.Random(16)
    profiles = []
    for number in range(1, args.count + 1):
        path = scratch / "profiles" / f"testkommune_{number:03d}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(profile_text(number, rng), encoding="utf-8")
        profiles.append(path)
    print(f"{args.count} profiles × {len(list((REPO / 'processes').glob('tema*.py')))} theme files "
          f"on {os.cpu_count()} cores → {out}")
    cold, summary = timed_pack(profiles, out, args.jobs)
    print(f"all packs:        {cold:7.1f} s  CPU {timed_pack.cpu:7.1f} s  ({cold / args.count:.2f} s per pack)  "
          f"{summary}")
    warm, summary = timed_pack(profiles, out, args.jobs)
    print(f"nothing changed:  {warm:7.2f} s  CPU {timed_pack.cpu:7.2f} s  {summary}")
    profiles[0].write_text(profiles[0].read_text(encoding="utf-8").replace("true", "false", 1), encoding="utf-8")
    one, summary = timed_pack(profiles, out, args.jobs)
    print(f"one profile:      {one:7.1f} s  CPU {timed_pack.cpu:7.1f} s  {summary}")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    packs = {folder.name: sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
             for folder in out.iterdir() if folder.is_dir()}
    largest = max(packs, key=packs.get)
    print(f"output size:      {size / 1e6:7.1f} MB; largest pack {packs[largest] / 1e6:.1f} MB ({largest}), "
          f"mean {sum(packs.values()) / len(packs) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
