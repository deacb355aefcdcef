"""Every exported BPMN file must open cleanly in the real clients.

Files under test: ``output/bpmn/*.bpmn``, ``output/diff/*.bpmn`` and the
hand-written ``tests/data/sample_ok.bpmn``. Each file gets one test per check:

* ``moddle``        bpmn-moddle parses it without warnings;
* ``bpmnlint``      bpmnlint (tools/clients/.bpmnlintrc) reports nothing;
* ``bpmnjs-import`` bpmn-js in headless Chromium imports it without warnings;
* ``bpmnjs-render`` bpmn-js renders every BPMNShape/BPMNEdge and a PNG preview is written;
* ``bpmnjs-icons``  no task name bpmn-js draws runs over the task's type icon;
* ``spiffworkflow`` SpiffWorkflow's parser builds a spec for every process;
* ``xsd``           it is valid against the OMG BPMN 2.0 XSD in ``shared/schemas/bpmn20``;
* ``di-geometry``   its DI geometry is clean (see tests/di_geometry.py).

``tests/data/sample_broken.bpmn`` has planted defects; every check must report it,
which proves the checks can fail. The three client checks need node, the npm
packages and Chromium (``make setup``): without them they are
skipped, or fail when ``$CI`` is set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from SpiffWorkflow.bpmn.parser import BpmnParser

from clients_fixtures import (
    SAMPLE_BROKEN,
    SAMPLE_OK,
    client_report,  # noqa: F401  (session fixture used through request.getfixturevalue)
    display_path,
    exported_files,
    skip_or_fail,
)
from di_geometry import FLOW_NODE_TAGS, geometry_problems
from omg_schema import MISSING, bpmn_schema

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FILES_UNDER_TEST = exported_files() + [SAMPLE_OK]


def moddle_problems(entry: dict) -> list[str]:
    """bpmn-moddle warnings (unknown elements, unresolved references) and parse errors."""
    result = entry["moddle"]
    problems = [f"{w['element'] or '-'} (line {w['line'] or '?'}): {w['message']}" for w in result["warnings"]]
    return problems + ([f"parse error: {result['error']}"] if result["error"] else [])


def lint_problems(entry: dict) -> list[str]:
    """bpmnlint reports of any category, as 'rule element: message (category)'."""
    result = entry["lint"]
    problems = [f"{p['rule']} {p['id'] or '-'}: {p['message']} ({p['category']})" for p in result["problems"]]
    return problems + ([f"lint error: {result['error']}"] if result["error"] else [])


def import_problems(entry: dict) -> list[str]:
    """bpmn-js import warnings, import errors and errors logged in the page."""
    result = entry["bpmnjs"]
    problems = [f"{w['element'] or '-'}: {w['message']}" for w in result["warnings"]]
    problems += [f"page error: {message}" for message in result["page_errors"]]
    return problems + ([f"import error: {result['error']}"] if result["error"] else [])


def render_problems(entry: dict) -> list[str]:
    """DI elements bpmn-js did not render, and a missing or invalid PNG preview."""
    result = entry["bpmnjs"]
    problems = [f"{di_id}: BPMN DI element not rendered" for di_id in result["unrendered"]]
    if result["di_count"] == 0:
        problems.append("the file has no BPMNShape/BPMNEdge at all")
    png = Path(result["png"]) if result["png"] else None
    if png is None or not png.is_file() or png.read_bytes()[:8] != PNG_SIGNATURE:
        problems.append(f"no PNG preview written (expected at {result['png']})")
    return problems


def icon_problems(entry: dict) -> list[str]:
    """Tasks whose name, as bpmn-js lays it out, overlaps the task type icon it draws."""
    problems = []
    for task in entry["bpmnjs"]["tasks"]:
        for x, y, w, h in task["lines"]:
            if any(x < ix + iw and ix < x + w and y < iy + ih and iy < y + h for ix, iy, iw, ih in task["icons"]):
                problems.append(f"{task['id']} ({task['size'][0]}×{task['size'][1]}): its name overlaps its icon")
                break
    return problems


def describe_exception(exc: Exception) -> str:
    """Exception type and message, plus the offending BPMN element when SpiffWorkflow names it."""
    where = " ".join(filter(None, (getattr(exc, "tag", ""), getattr(exc, "id", ""))))
    return f"{type(exc).__name__}: {str(exc).strip()}" + (f" (at {where})" if where else "")


def spiffworkflow_problems(path: Path) -> list[str]:
    """Errors from SpiffWorkflow's BpmnParser when building the spec of every process.

    Processes with ``isExecutable="false"`` are parsed as if executable: the
    parser refuses non-executable processes outright, and we want their
    structure checked all the same. Spiff silently skips nodes it cannot reach
    from a start event, so every top-level flow node must be in the spec.
    """
    parser = BpmnParser()
    try:
        parser.add_bpmn_file(str(path))
    except Exception as exc:  # any parser failure is a finding
        return [f"add_bpmn_file: {describe_exception(exc)}"]
    if not parser.process_parsers:
        return ["no bpmn:process in the file"]
    problems = []
    for process_id, process_parser in sorted(parser.process_parsers.items()):
        process_parser.process_executable = True
        try:
            spec = parser.get_spec(process_id)
        except Exception as exc:  # any parser failure is a finding
            problems.append(f"{process_id}: {describe_exception(exc)}")
            continue
        problems += [f"{process_id}: flow node {node_id} missing from the parsed spec (unreachable from a "
                     f"start event, or its id collides with a built-in task spec such as 'Start')"
                     for node_id in top_level_flow_nodes(process_parser.node) if node_id not in spec.task_specs]
    return problems


def top_level_flow_nodes(process: etree._Element) -> list[str]:
    """Ids of the flow nodes directly inside a bpmn:process element."""
    return [child.get("id") for child in process if isinstance(child.tag, str)
            and etree.QName(child).localname in FLOW_NODE_TAGS]


def xsd_problems(path: Path) -> list[str]:
    """Schema violations of the file, one per error with its line number."""
    schema = bpmn_schema()
    if schema is None:
        skip_or_fail(MISSING)
    if schema.validate(etree.parse(str(path))):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


CLIENT_CHECKS = {
    "moddle": moddle_problems,
    "bpmnlint": lint_problems,
    "bpmnjs-import": import_problems,
    "bpmnjs-render": render_problems,
    "bpmnjs-icons": icon_problems,
}
LOCAL_CHECKS = {
    "spiffworkflow": spiffworkflow_problems,
    "xsd": xsd_problems,
    "di-geometry": geometry_problems,
}
CHECK_NAMES = list(CLIENT_CHECKS) + list(LOCAL_CHECKS)


def find_problems(check: str, path: Path, request: pytest.FixtureRequest) -> list[str]:
    """Run one named check on one file; client checks read the shared node report."""
    if check in CLIENT_CHECKS:
        report = request.getfixturevalue("client_report")
        return CLIENT_CHECKS[check](report[str(path)])
    return LOCAL_CHECKS[check](path)


def test_there_are_exported_files_to_check():
    """Never pass on nothing: the exporter must have written BPMN files."""
    if not exported_files():
        pytest.fail("no BPMN files in output/bpmn/ or output/diff/: run the exporter before the tests",
                    pytrace=False)


@pytest.mark.parametrize("check", CHECK_NAMES)
@pytest.mark.parametrize("path", FILES_UNDER_TEST, ids=display_path)
def test_file_is_clean(path: Path, check: str, request: pytest.FixtureRequest):
    """The file passes the check with zero problems."""
    problems = find_problems(check, path, request)
    if problems:
        pytest.fail(f"{check}: {len(problems)} problem(s) in {display_path(path)}:\n  " + "\n  ".join(problems),
                    pytrace=False)


@pytest.mark.parametrize("check", CHECK_NAMES)
def test_check_reports_broken_sample(check: str, request: pytest.FixtureRequest):
    """Each check can fail: it reports the planted defects of sample_broken.bpmn."""
    assert find_problems(check, SAMPLE_BROKEN, request), f"{check} did not report {display_path(SAMPLE_BROKEN)}"
