"""The real bpmn.io clients: bpmn-moddle, bpmnlint and bpmn-js in headless Chromium.

``tools/clients/check.mjs`` opens every file in one node process with one Chromium and prints
one JSON report; the functions here run it and turn each file's entry into problems.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CLIENTS_DIR = REPO_ROOT / "tools" / "clients"
CHECKER = CLIENTS_DIR / "check.mjs"
CLIENT_PACKAGES = ("bpmn-moddle", "bpmnlint", "bpmn-js", "playwright-core")
SETUP_HINT = "run `make setup` (tools/setup.sh) in the oir-bpmn repository"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class CheckerFailed(RuntimeError):
    """check.mjs did not produce a report."""


def chromium_path() -> Path:
    """The Chromium binary the checker launches (``$CHROMIUM_PATH`` overrides it)."""
    return Path(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")


def missing_prerequisites() -> list[str]:
    """What is missing to run the node checker: the checker itself, node, the npm packages, Chromium."""
    if not CHECKER.is_file():
        return [f"the checker {CHECKER} is not there: the client checks run from a clone of the "
                "oir-bpmn repository"]
    missing = []
    if shutil.which("node") is None:
        missing.append("node (Node.js >= 18) is not on PATH: apt-get install -y nodejs npm")
    for package in CLIENT_PACKAGES:
        if not (CLIENTS_DIR / "node_modules" / package / "package.json").is_file():
            missing.append(f"npm package {package} is not installed in tools/clients/node_modules")
    if not chromium_path().exists():
        missing.append(f"Chromium is missing at {chromium_path()}: apt-get install -y chromium")
    return missing


def run_checker(jobs: list[dict]) -> dict[str, dict]:
    """Run check.mjs on ``jobs`` ({"bpmn": path, "png": path | None}); entries by file path."""
    with tempfile.TemporaryDirectory(prefix="oir-verify-") as scratch:
        jobs_file = Path(scratch) / "jobs.json"
        jobs_file.write_text(json.dumps(jobs, indent=1), encoding="utf-8")
        megabytes = sum(os.path.getsize(job["bpmn"]) for job in jobs) / 1e6
        result = subprocess.run(["node", str(CHECKER), "--jobs", str(jobs_file)], capture_output=True,
                                text=True, timeout=60 + 10 * len(jobs) + 30 * megabytes, cwd=REPO_ROOT,
                                check=False)
    if result.returncode != 0:
        raise CheckerFailed(f"{CHECKER.name} exited with {result.returncode}: {result.stderr.strip()}")
    return {entry["bpmn"]: entry for entry in json.loads(result.stdout)["files"]}


def moddle_problems(entry: dict) -> list[str]:
    """bpmn-moddle warnings (unknown elements, unresolved references) and parse errors."""
    result = entry["moddle"]
    problems = [f"{w['element'] or '-'} (line {w['line'] or '?'}): {w['message']}" for w in result["warnings"]]
    return problems + ([f"parse error: {result['error']}"] if result["error"] else [])


def lint_problems(entry: dict) -> list[str]:
    """bpmnlint reports of any category, as 'rule element: message (category)'."""
    result = entry["lint"]
    if result is None:
        return ["not linted: the file could not be read"]
    problems = [f"{p['rule']} {p['id'] or '-'}: {p['message']} ({p['category']})" for p in result["problems"]]
    return problems + ([f"lint error: {result['error']}"] if result["error"] else [])


def import_problems(entry: dict) -> list[str]:
    """bpmn-js import warnings, import errors and errors logged in the page."""
    result = entry["bpmnjs"]
    if result is None:
        return ["not imported: the file could not be read"]
    problems = [f"{w['element'] or '-'}: {w['message']}" for w in result["warnings"]]
    problems += [f"page error: {message.strip().splitlines()[0] if message.strip() else '?'}"
                 for message in result["page_errors"]]  # the message, not the browser's stack trace
    return problems + ([f"import error: {result['error']}"] if result["error"] else [])


def render_problems(entry: dict, png_expected: bool) -> list[str]:
    """DI elements bpmn-js did not render; a missing or invalid PNG preview when one was asked for."""
    result = entry["bpmnjs"]
    if result is None:
        return ["not rendered: the file could not be read"]
    problems = [f"{di_id}: BPMN DI element not rendered" for di_id in result["unrendered"]]
    if result["di_count"] == 0:
        problems.append("the file has no BPMNShape/BPMNEdge at all")
    if png_expected:
        png = Path(result["png"]) if result["png"] else None
        if png is None or not png.is_file() or png.read_bytes()[:8] != PNG_SIGNATURE:
            problems.append(f"no PNG preview written (expected at {result['png']})")
    return problems


def icon_problems(entry: dict) -> list[str]:
    """Tasks whose name, as bpmn-js lays it out, overlaps the task type icon it draws."""
    result = entry["bpmnjs"]
    if result is None:
        return ["not rendered: the file could not be read"]
    problems = []
    for task in result["tasks"]:
        for x, y, w, h in task["lines"]:
            if any(x < ix + iw and ix < x + w and y < iy + ih and iy < y + h for ix, iy, iw, ih in task["icons"]):
                problems.append(f"{task['id']} ({task['size'][0]}×{task['size'][1]}): its name overlaps its icon")
                break
    return problems
