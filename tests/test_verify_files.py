"""``oir-bpmn verify`` on BPMN that other tools write (tests/data/verify/, one file per case, each
with a comment saying what it holds): every file read and checked, every check isolated, one
line per problem, the same on every run, a summary and documented exit codes."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import oir_bpmn.verify as verify_module
from oir_bpmn.bpmn.read import read_bpmn
from oir_bpmn.cli import main
from oir_bpmn.verify import CHECKS, LOCAL_CHECKS, clients, one_line, verify
from oir_bpmn.verify.geometry import MAX_COORDINATE

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CASES = Path(__file__).resolve().parent / "data" / "verify"
CLEAN_CASES = ("comment_in_process", "namespace_with_space", "camunda8_zeebe", "two_planes")


def run(*args):
    return CliRunner().invoke(main, ["verify", *map(str, args)])


def skipped_checks(result) -> set[str]:
    return {line.split(":")[0].removeprefix("skipped ") for line in result.stderr.splitlines()
            if line.startswith("skipped ")}


def problem_lines(result) -> dict[str, list[str]]:
    """The problem lines of the text report, by check."""
    found: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        if line.startswith("    "):
            check, problem = line.strip().split(": ", 1)
            found.setdefault(check, []).append(problem)
    return found


@pytest.fixture(scope="module")
def folder_run(tmp_path_factory):
    """verify on a folder of every case, a file the reader refuses and a truncated file."""
    folder = tmp_path_factory.mktemp("real")
    for case in CASES.glob("*.bpmn"):
        shutil.copy(case, folder)
    (folder / "entity.bpmn").write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>')
    text = (CASES / "two_planes.bpmn").read_text(encoding="utf-8")
    (folder / "truncated.bpmn").write_text(text[: len(text) // 2], encoding="utf-8")
    return folder, run(folder)


def test_one_bad_file_never_hides_the_others(folder_run):
    folder, result = folder_run
    assert isinstance(result.exception, SystemExit) and result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    ran = [check for check in CHECKS if check not in skipped_checks(result)]
    for case in CLEAN_CASES:
        assert f"{folder / case}.bpmn: clean ({len(ran)} checks)" in lines
    assert any(line.startswith(f"{folder / 'entity.bpmn'}: not read: DOCTYPE/ENTITY") for line in lines)
    assert any(line.startswith(f"{folder / 'truncated.bpmn'}: not read: the XML ends too early") for line in lines)
    assert lines[-1].startswith("summary: 7 files, 2 not read | ")
    summary = dict(part.split(" ", 1) for part in lines[-1].split(" | ")[1:])
    assert set(summary) == set(CHECKS)
    for check in ran:  # five files read; only unnamed_labels has a problem, bpmnlint's missing name
        assert summary[check] == ("4/5 clean, 1 problem" if check == "bpmnlint" else "5/5 clean")


def test_geometry_compares_each_plane_alone_and_only_labels_bpmn_js_draws(folder_run):
    folder, result = folder_run
    text = result.stdout
    assert f"{folder / 'unnamed_labels.bpmn'}: 1 problem" in text
    assert "    bpmnlint: label-required End_labels: Element is missing label/name (error)" in text


def test_a_label_bpmn_js_draws_is_still_checked(tmp_path):
    named = tmp_path / "named.bpmn"
    text = (CASES / "unnamed_labels.bpmn").read_text(encoding="utf-8")
    named.write_text(text.replace('<bpmn:endEvent id="End_labels">', '<bpmn:endEvent id="End_labels" name="Betalt">'),
                     encoding="utf-8")
    report = verify([named], checks=("di-geometry",))
    assert report.files[0].problems["di-geometry"] == [
        "Task_labels (x=240, y=80, w=100, h=80) overlaps End_labels label (x=300, y=100, w=60, h=20)"]


def test_camunda_lint_uses_the_platform_the_file_names(tmp_path):
    without = tmp_path / "no_task_definition.bpmn"
    text = (CASES / "camunda8_zeebe.bpmn").read_text(encoding="utf-8")
    without.write_text(re.sub(r"<zeebe:taskDefinition[^>]*>", "", text), encoding="utf-8")
    report = verify([CASES / "camunda8_zeebe.bpmn", without], checks=("camunda-modeler",))
    if "camunda-modeler" in report.skipped:
        pytest.skip(report.skipped["camunda-modeler"])
    clean, missing = (result.problems["camunda-modeler"] for result in report.files)
    assert clean == []
    assert missing == ["camunda-compat/implementation Task_zeebe: A <Send Task> must have a <Task definition type> "
                       "(Camunda Cloud 8.6.0)"]


def test_coordinates_too_large_are_one_line_with_that_cause(tmp_path):
    far = tmp_path / "far.bpmn"
    text = (CASES / "comment_in_process.bpmn").read_text(encoding="utf-8")
    far.write_text(re.sub(r' x="(\d+)"', lambda m: f' x="{int(m[1]) + 200_000}"', text), encoding="utf-8")
    (problem,) = verify([far], checks=("di-geometry",)).files[0].problems["di-geometry"]
    assert problem.startswith("coordinates too large: 7 shape(s), label(s) or edge(s) reach 200393 px, beyond "
                              f"{MAX_COORDINATE:g} px")


def test_every_problem_is_one_line_and_the_same_on_every_run(tmp_path):
    bad = tmp_path / "line_breaks.bpmn"
    text = (CASES / "comment_in_process.bpmn").read_text(encoding="utf-8")
    bad.write_text(text.replace('isExecutable="false"', 'isExecutable="Ja&#10;tak"'), encoding="utf-8")
    first, second = run(bad), run(bad)
    assert first.exit_code == 1 and first.stdout == second.stdout
    if "xsd" not in skipped_checks(first):
        assert problem_lines(first)["xsd"] == [
            "line 9: Element '{http://www.omg.org/spec/BPMN/20100524/MODEL}process', attribute 'isExecutable': "
            "'Ja\\ntak' is not a valid value of the atomic type 'xs:boolean'."]


def test_one_line_escapes_line_breaks_and_drops_memory_addresses():
    assert one_line("Task 'Send\nbill' at <Spec object at 0x7fb7c1d2e3f0>\r\n") == "Task 'Send\\nbill' at <Spec>\\n"


def test_a_check_that_fails_on_a_file_is_that_file_s_problem_only(monkeypatch):
    def fails_on_planes(root):
        if root.get("id") == "Definitions_planes":
            raise RecursionError("maximum recursion depth exceeded")
        return []

    monkeypatch.setattr(verify_module, "geometry_problems", fails_on_planes)
    report = verify([CASES / "two_planes.bpmn", CASES / "comment_in_process.bpmn"], checks=LOCAL_CHECKS)
    planes, comment = report.files
    assert planes.problems["di-geometry"] == ["could not check: RecursionError: maximum recursion depth exceeded"]
    assert all(not planes.problems[check] for check in planes.problems if check != "di-geometry")
    assert comment.clean and report.exit_code == 1


def test_a_file_the_client_checker_cannot_take_is_reported_and_the_others_checked(monkeypatch):
    real = clients.run_checker

    def dies_on_planes(jobs):
        if any(job["bpmn"].endswith("two_planes.bpmn") for job in jobs):
            raise clients.CheckerFailed("check.mjs exited with 134: JavaScript heap out of memory")
        return real(jobs)

    monkeypatch.setattr(clients, "run_checker", dies_on_planes)
    report = verify([CASES / "two_planes.bpmn", CASES / "comment_in_process.bpmn"], checks=("moddle", "bpmnlint"))
    if report.skipped:
        pytest.skip(str(report.skipped))
    planes, comment = report.files
    assert planes.problems == {check: ["could not check: CheckerFailed: check.mjs exited with 134: JavaScript heap "
                                       "out of memory"] for check in ("moddle", "bpmnlint")}
    assert comment.clean


def test_json_report_for_other_tools(folder_run):
    folder, text_result = folder_run
    result = run("--json", folder)
    report = json.loads(result.stdout)
    assert result.exit_code == report["exit_code"] == 2
    by_name = {Path(entry["path"]).name: entry for entry in report["files"]}
    assert by_name["entity.bpmn"]["read"] is False and by_name["entity.bpmn"]["refused"].startswith("DOCTYPE")
    assert by_name["two_planes.bpmn"]["clean"] and by_name["two_planes.bpmn"]["problems"]["di-geometry"] == []
    assert by_name["unnamed_labels.bpmn"]["problems"]["bpmnlint"] == [
        "label-required End_labels: Element is missing label/name (error)"]
    assert set(report["summary"]) == set(CHECKS) - set(report["skipped"])
    assert report["summary"]["di-geometry"] == {"clean": 5, "with_problems": 0, "problems": 0}


def test_a_text_node_over_ten_megabytes_is_read_not_called_damaged(tmp_path):
    big = tmp_path / "long_documentation.bpmn"
    text = (CASES / "comment_in_process.bpmn").read_text(encoding="utf-8")
    note = "Lang beskrivelse. " * 640_000  # 11.5 MB in one text node: beyond libxml2's default limit
    big.write_text(text.replace('<bpmn:process id="Process_comment" name="Betaling" isExecutable="false">',
                                '<bpmn:process id="Process_comment" name="Betaling" isExecutable="false">\n'
                                f"    <bpmn:documentation>{note}</bpmn:documentation>"), encoding="utf-8")
    report = verify([big], checks=("di-geometry",))
    assert report.files[0].refused is None and report.files[0].clean
    assert read_bpmn(big).number_of_nodes() == 3


def test_spiffworkflow_parses_a_long_process_without_running_out_of_stack(tmp_path):
    long = tmp_path / "long_chain.bpmn"
    steps = "".join(f'<bpmn:task id="T{i}" name="Trin {i}"/>'
                    f'<bpmn:sequenceFlow id="F{i}" sourceRef="{f"T{i - 1}" if i else "S"}" targetRef="T{i}"/>'
                    for i in range(2000))
    long.write_text(f'<bpmn:definitions xmlns:bpmn="{BPMN}" id="D" targetNamespace="https://example.org">'
                    f'<bpmn:process id="P" isExecutable="false"><bpmn:startEvent id="S"/>{steps}<bpmn:endEvent id="E"/>'
                    '<bpmn:sequenceFlow id="FE" sourceRef="T1999" targetRef="E"/></bpmn:process></bpmn:definitions>',
                    encoding="utf-8")
    report = verify([long], checks=("spiffworkflow",))
    if report.skipped:
        pytest.skip(report.skipped["spiffworkflow"])
    assert report.files[0].problems == {"spiffworkflow": []}


def test_a_page_error_is_its_message_without_the_browser_stack_trace(tmp_path):
    bad = tmp_path / "not_numbers.bpmn"
    text = (CASES / "comment_in_process.bpmn").read_text(encoding="utf-8")
    bad.write_text(text.replace('<dc:Bounds x="152" y="102" width="36" height="36" />',
                                '<dc:Bounds x="1e400" y="102" width="36" height="36" />'), encoding="utf-8")
    report = verify([bad], checks=("bpmnjs-import",))
    if report.skipped:
        pytest.skip(report.skipped["bpmnjs-import"])
    page_errors = [p for p in report.files[0].problems["bpmnjs-import"] if p.startswith("page error: ")]
    assert page_errors and not any("\\n" in p or ".min.js:" in p for p in page_errors)


def test_progress_says_which_file_and_check_is_running():
    import io

    from oir_bpmn.progress import Progress

    stream = io.StringIO()
    verify([CASES / "two_planes.bpmn", CASES / "comment_in_process.bpmn"], checks=("xsd", "di-geometry"),
           progress=Progress(stream, delay=0, every=0))
    lines = stream.getvalue().splitlines()
    assert any(line.startswith("Checking two_planes.bpmn (di-geometry): 0/2") for line in lines)
    assert any(line.startswith("Checking comment_in_process.bpmn (di-geometry): 1/2") for line in lines)
