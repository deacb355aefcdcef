"""``build --target camunda7|camunda8``: every BPMN file built from processes/ (the models and
their diffs) shows no error in Camunda Modeler's problems panel, linted as the platform it is
built for: Camunda 7 by default, Camunda 8.6 with ``--target camunda8``."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from oir_bpmn.bpmn.platform import MODELER, TARGETS, ZEEBE
from oir_bpmn.cli import main
from oir_bpmn.verify import verify

REPO = Path(__file__).resolve().parent.parent
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@pytest.fixture(scope="module", params=["camunda7", "camunda8"])
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    result = CliRunner().invoke(main, ["build", str(REPO / "processes"), "-o", str(out), "--format", "svg",
                                       "--target", request.param])
    assert result.exit_code == 0, result.output
    files = sorted((out / "bpmn").glob("*.bpmn")) + sorted((out / "diff").glob("*.bpmn"))
    assert len(files) > 20 and any(path.parent.name == "diff" for path in files)
    return request.param, files


def test_every_built_file_lints_clean_as_its_platform(built):
    target, files = built
    report = verify(files, checks=("camunda-modeler",))
    if report.skipped:
        pytest.skip(report.skipped["camunda-modeler"])
    problems = {str(r.path): r.problems["camunda-modeler"] for r in report.files if r.problems["camunda-modeler"]}
    assert problems == {}


def test_camunda8_names_the_platform_and_makes_the_main_pool_executable(built):
    target, files = built
    for path in files:
        root = etree.parse(str(path)).getroot()
        platform = (root.get(f"{{{MODELER}}}executionPlatform"), root.get(f"{{{MODELER}}}executionPlatformVersion"))
        main_ref = root.find(f"{{{BPMN}}}collaboration/{{{BPMN}}}participant").get("processRef")
        executable = {p.get("id"): p.get("isExecutable") for p in root.iterfind(f"{{{BPMN}}}process")}
        if target == "camunda7":
            assert platform == (None, None) and set(executable.values()) == {"false"}
            assert not list(root.iter(f"{{{ZEEBE}}}*"))
            continue
        assert platform == ("Camunda Cloud", "8.6.0"), path
        assert executable.pop(main_ref) == "true" and set(executable.values()) <= {"false"}
        process = root.find(f"{{{BPMN}}}process[@id='{main_ref}']")
        for task in process.iter(f"{{{BPMN}}}serviceTask", f"{{{BPMN}}}sendTask"):
            (definition,) = task.iterfind(f"{{{BPMN}}}extensionElements/{{{ZEEBE}}}taskDefinition")
            assert definition.get("type") == task.get("id")


def test_camunda8_files_pass_every_other_check_too(built):
    target, files = built
    if target != "camunda8":
        pytest.skip("the camunda7 build is today's output, checked by test_real_clients")
    report = verify(files[:4] + [f for f in files if f.parent.name == "diff"][:2])
    problems = {str(r.path): {c: p for c, p in r.problems.items() if p} for r in report.files if not r.clean}
    assert problems == {}


def test_build_offers_every_target():
    (option,) = [param for param in main.commands["build"].params if param.name == "bpmn_target"]
    assert tuple(option.type.choices) == TARGETS and option.default == "camunda7"
