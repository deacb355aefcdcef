"""Paths, prerequisites and the session fixture for tests/test_real_clients.py.

The fixture :func:`client_report` runs ``tools/clients/check.mjs`` once, in one
node process with one Chromium, over every BPMN file under test, and returns
its JSON report keyed by absolute file path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CLIENTS_DIR = REPO_ROOT / "tools" / "clients"
CHECKER = CLIENTS_DIR / "check.mjs"
CLIENT_PACKAGES = ("bpmn-moddle", "bpmnlint", "bpmn-js", "playwright-core")
OUTPUT_DIR = Path(os.environ.get("OIR_OUTPUT") or REPO_ROOT / "output")  # the exporter's output folder
PREVIEW_DIR = OUTPUT_DIR / "preview"
TEST_DATA = Path(__file__).resolve().parent / "data"
SAMPLE_OK = TEST_DATA / "sample_ok.bpmn"
SAMPLE_BROKEN = TEST_DATA / "sample_broken.bpmn"
SETUP_HINT = "run `make setup` (tools/setup.sh) from the repository root"


def chromium_path() -> Path:
    """The Chromium binary the checker launches (``$CHROMIUM_PATH`` overrides it)."""
    return Path(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")


def exported_files() -> list[Path]:
    """The exporter's BPMN files: ``output/bpmn/*.bpmn`` then ``output/diff/*.bpmn``, sorted.

    ``$OIR_OUTPUT`` points the tests at another output folder.
    """
    return sorted((OUTPUT_DIR / "bpmn").glob("*.bpmn")) + sorted((OUTPUT_DIR / "diff").glob("*.bpmn"))


def preview_path(bpmn: Path, scratch: Path) -> Path:
    """Where the PNG of ``bpmn`` goes: output/preview/<stem>.png, diffs in a ``diff/`` subfolder.

    Test data previews go to the pytest scratch folder instead of output/.
    """
    if bpmn.parent == OUTPUT_DIR / "bpmn":
        return PREVIEW_DIR / f"{bpmn.stem}.png"
    if bpmn.parent == OUTPUT_DIR / "diff":
        return PREVIEW_DIR / "diff" / f"{bpmn.stem}.png"
    return scratch / f"{bpmn.stem}.png"


def display_path(path: Path) -> str:
    """A path relative to the repository root, for test ids and messages."""
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def missing_client_prerequisites() -> list[str]:
    """What is missing to run the node checker: node, the npm packages, Chromium."""
    missing = []
    if shutil.which("node") is None:
        missing.append("node (Node.js >= 18) is not on PATH: apt-get install -y nodejs npm")
    for package in CLIENT_PACKAGES:
        if not (CLIENTS_DIR / "node_modules" / package / "package.json").is_file():
            missing.append(f"npm package {package} is not installed in tools/clients/node_modules")
    if not chromium_path().exists():
        missing.append(f"Chromium is missing at {chromium_path()}: apt-get install -y chromium")
    return missing


def skip_or_fail(message: str) -> None:
    """Fail when ``$CI`` is set (CI must run every check), otherwise skip."""
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_client_prerequisites() -> None:
    """Skip (or fail on CI) with an install hint when the node checker cannot run."""
    missing = missing_client_prerequisites()
    if missing:
        skip_or_fail("real BPMN clients not available:\n  - " + "\n  - ".join(missing) + f"\nFix: {SETUP_HINT}")


def run_checker(jobs: list[dict], jobs_file: Path) -> dict:
    """Run check.mjs on ``jobs`` and return its parsed JSON report."""
    jobs_file.write_text(json.dumps(jobs, indent=1), encoding="utf-8")
    timeout = 60 + 10 * len(jobs)
    result = subprocess.run(
        ["node", str(CHECKER), "--jobs", str(jobs_file)],
        capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT, check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"{display_path(CHECKER)} exited with {result.returncode}:\n{result.stderr}", pytrace=False)
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def client_report(tmp_path_factory) -> dict[str, dict]:
    """bpmn-moddle, bpmnlint and bpmn-js results for every file under test, by absolute path."""
    require_client_prerequisites()
    scratch = tmp_path_factory.mktemp("clients")
    files = exported_files() + [SAMPLE_OK, SAMPLE_BROKEN]
    jobs = [{"bpmn": str(path), "png": str(preview_path(path, scratch))} for path in files]
    report = run_checker(jobs, scratch / "jobs.json")
    return {entry["bpmn"]: entry for entry in report["files"]}
