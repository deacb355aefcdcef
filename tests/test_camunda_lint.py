"""The seventh client: Camunda Modeler's problems panel (@camunda/linting, as Camunda 7) shows no
error for any BPMN file the exporter writes, and does flag a file that has errors."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from clients_fixtures import CLIENTS_DIR, REPO_ROOT, TEST_DATA, display_path, exported_files, skip_or_fail

LINTER = CLIENTS_DIR / "build" / "camunda-lint.mjs"
WITH_ERRORS = TEST_DATA / "camunda7_errors.bpmn"


@pytest.fixture(scope="session")
def camunda_reports() -> dict[str, dict]:
    """The linter's report for every exported file and the file with known errors, by path."""
    if not LINTER.is_file():
        skip_or_fail(f"{display_path(LINTER)} is missing: run `make setup` (tools/setup.sh bundles it)")
    files = [*exported_files(), WITH_ERRORS]
    result = subprocess.run(["node", str(LINTER), *map(str, files)], capture_output=True, text=True,
                            timeout=60 + 5 * len(files), cwd=REPO_ROOT, check=False)
    assert result.returncode == 0, result.stderr
    return {Path(entry["bpmn"]).resolve().as_posix(): entry for entry in json.loads(result.stdout)["files"]}


def errors(entry: dict) -> list[str]:
    return [f"{r['id']}: {r['rule']}: {r['message']}" for r in entry["reports"] if r["category"] == "error"]


def test_the_linter_flags_a_file_with_errors(camunda_reports):
    entry = camunda_reports[WITH_ERRORS.resolve().as_posix()]
    assert entry["platform"] == "Camunda Platform 7.24.0"
    assert {r["rule"] for r in entry["reports"] if r["category"] == "error"} == {
        "single-blank-start-event", "event-based-gateway"}


@pytest.mark.parametrize("path", exported_files(), ids=display_path)
def test_camunda_modeler_shows_no_error(camunda_reports, path):
    entry = camunda_reports[path.resolve().as_posix()]
    assert entry["platform"].startswith("Camunda Platform 7")
    assert not errors(entry), errors(entry)
    assert not entry["parseWarnings"], entry["parseWarnings"]
