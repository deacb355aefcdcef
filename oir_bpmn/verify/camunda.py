"""Camunda Modeler's own problems panel: ``@camunda/linting``, as the platform each file names.

``tools/clients/camunda-lint.src.mjs`` lints every file in one node process; the set-up bundles it
with esbuild into ``build/camunda-lint.mjs`` (the package ships bundler-style ESM that node cannot
load as it is). Each file is linted as the platform it names (``modeler:executionPlatform``):
Camunda 8 ("Camunda Cloud") with the zeebe descriptors, Camunda 7 with the camunda ones; a file
that names none as the Modeler opens it by default, Camunda Platform 7. Only errors count as
problems, as the panel marks them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess

from .clients import CLIENTS_DIR, REPO_ROOT, SETUP_HINT, CheckerFailed

LINTER = CLIENTS_DIR / "build" / "camunda-lint.mjs"


def missing_prerequisites() -> list[str]:
    """What is missing to run the linter: node and the bundle the set-up makes."""
    missing = []
    if shutil.which("node") is None:
        missing.append("node (Node.js >= 18) is not on PATH: apt-get install -y nodejs npm")
    if not LINTER.is_file():
        missing.append(f"the bundled linter {LINTER} is missing")
    return missing and ["; ".join(missing) + f". Fix: {SETUP_HINT}"]


def run_linter(files: list[str]) -> dict[str, dict]:
    """The linter's entry for every file in ``files``, by the path as given."""
    megabytes = sum(os.path.getsize(file) for file in files) / 1e6
    result = subprocess.run(["node", str(LINTER), *files], capture_output=True, text=True,
                            timeout=60 + 5 * len(files) + 20 * megabytes, cwd=REPO_ROOT, check=False)
    if result.returncode != 0:
        raise CheckerFailed(f"{LINTER.name} exited with {result.returncode}: {result.stderr.strip()}")
    return {entry["bpmn"]: entry for entry in json.loads(result.stdout)["files"]}


def camunda_problems(entry: dict) -> list[str]:
    """The errors the problems panel shows, as 'rule element: message (platform)'."""
    if entry["error"]:
        return [f"could not lint: {entry['error']}"]
    return [f"{report['rule']} {report['id'] or '-'}: {report['message']} ({entry['platform']})"
            for report in entry["reports"] if report["category"] == "error"]
