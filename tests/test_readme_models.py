"""Every model the README teaches builds into BPMN files that pass every ``oir-bpmn verify``
check, as Camunda 7 (the default) and as Camunda 8 (``--target camunda8``): the README's own
example, and two models written from its DSL list (tests/data/readme_models/, together every
construct it names: pools and messages, subprocesses, races, loops, every step kind)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from oir_bpmn.bpmn.read import read_bpmn
from oir_bpmn.cli import main
from oir_bpmn.verify import verify

REPO = Path(__file__).resolve().parent.parent
MODELS = Path(__file__).resolve().parent / "data" / "readme_models"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme_models")
    text = (REPO / "README.md").read_text(encoding="utf-8")
    (folder / "readme_example.py").write_text(re.search(r"```python\n(.*?)```", text, re.S).group(1),
                                              encoding="utf-8")
    for model in MODELS.glob("*.py"):
        (folder / model.name).write_bytes(model.read_bytes())
    return folder


@pytest.mark.parametrize("target", ["camunda7", "camunda8"])
def test_every_model_the_readme_teaches_verifies_clean(models, target, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(models), "-o", str(out), "--format", "bpmn", "--target", target])
    assert result.exit_code == 0, result.output
    files = sorted((out / "bpmn").glob("*.bpmn"))
    assert len(files) == 3
    report = verify(files)
    problems = {r.path.name: {check: found for check, found in r.problems.items() if found}
                for r in report.files if not r.clean}
    assert problems == {}


def test_a_race_branch_keeps_its_label_without_a_name_on_the_flow(models, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(models / "rykker_svar.py"), "-o", str(out), "--format", "bpmn"])
    assert result.exit_code == 0, result.output
    bpmn = out / "bpmn" / "rykker_svar_future.bpmn"
    root = etree.parse(str(bpmn)).getroot()
    race = root.find(f".//{{{BPMN}}}eventBasedGateway").get("id")
    flows = root.findall(f".//{{{BPMN}}}sequenceFlow[@sourceRef='{race}']")
    assert len(flows) == 2 and all(flow.get("name") is None for flow in flows)
    docs = sorted(flow.findtext(f"{{{BPMN}}}documentation") or "" for flow in flows)
    assert docs == ["", "Gren: Svar"]
    G = read_bpmn(bpmn)
    assert sorted(str(G.edges[u, v]["label"]) for u, v in G.out_edges(race)) == ["None", "Svar"]
