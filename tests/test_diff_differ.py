"""Anchor: on edited pairs, every change bpmn-js-differ (what bpmn.io users diff with) reports is in
our diff too, plus the lane moves it cannot see. Runs ``tools/clients/differ.mjs`` with node."""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.bpmn.read import read_bpmn
from oir_bpmn.diff import compare

CLIENTS = Path(__file__).resolve().parents[1] / "tools" / "clients"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DI = "http://www.omg.org/spec/BPMN/20100524/DI"
DIFFER_TYPES = {"Task", "UserTask", "ManualTask", "ServiceTask", "StartEvent", "EndEvent",
                "IntermediateCatchEvent", "ExclusiveGateway", "SequenceFlow"}
"""The element types compared: steps and sequence flows (not pools, lanes, DI, documentation)."""

BASE = '''
@process("Rykker", variant="current", key="rykker")
def rykker(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor", dept="finance")
    betalt = bib.decide("Er der betalt?", key="betalt")
    bib.start("Frist overskredet", key="start") >> bib.user("Slå op", key="slaa_op") >> betalt
    betalt.when("Ja") >> bib.user("Luk sagen", key="luk") >> bib.end("Lukket", key="lukket")
    (betalt.otherwise("Nej") >> bib.wait(days(2), "Frist", key="frist") >> bib.user("Send rykker", key="ryk")
        >> bib.end("Rykket", key="rykket"))
'''


def q(tag: str) -> str:
    return f"{{{BPMN}}}{tag}"


def by_id(root, ident: str):
    return root.xpath("//*[@id=$i]", i=ident)[0]


def flow_between(root, source: str, target: str):
    return root.xpath("//bpmn:sequenceFlow[@sourceRef=$s and @targetRef=$t]", namespaces={"bpmn": BPMN},
                      s=source, t=target)[0]


def drop(root, ident: str) -> None:
    """Remove an element, its DI and every reference to it (flows, lane refs, incoming/outgoing)."""
    element = by_id(root, ident)
    element.getparent().remove(element)
    for ref in root.xpath("//*[@bpmnElement=$i] | //bpmn:flowNodeRef[text()=$i] | //bpmn:incoming[text()=$i]"
                          " | //bpmn:outgoing[text()=$i]", namespaces={"bpmn": BPMN}, i=ident):
        ref.getparent().remove(ref)


def add_flow(root, ident: str, source: str, target: str, name: str | None = None):
    process = root.find(f".//{q('process')}")
    flow = etree.SubElement(process, q("sequenceFlow"), id=ident, sourceRef=source, targetRef=target)
    if name:
        flow.set("name", name)
    return flow


def rename(root):
    by_id(root, "Activity_luk").set("name", "Luk sagen i FBS")


def delete(root):
    for flow in ("Flow_start_slaa_op", "Flow_slaa_op_betalt"):
        drop(root, flow)
    drop(root, "Activity_slaa_op")
    add_flow(root, "Flow_new", "Event_start", "Gateway_betalt")


def add(root):
    drop(root, "Flow_ryk_rykket")
    task = etree.SubElement(root.find(f".//{q('process')}"), q("userTask"), id="Activity_ring", name="Ring til låneren")
    lane = root.xpath("//bpmn:lane[@name='Biblioteket']", namespaces={"bpmn": BPMN})[0]
    etree.SubElement(lane, q("flowNodeRef")).text = task.get("id")
    add_flow(root, "Flow_a", "Activity_ryk", "Activity_ring")
    add_flow(root, "Flow_b", "Activity_ring", "Event_rykket")


def move(root):
    ref = root.xpath("//bpmn:flowNodeRef[text()='Activity_ryk']", namespaces={"bpmn": BPMN})[0]
    ref.getparent().remove(ref)
    lane = root.xpath("//bpmn:lane[@name='Debitor']", namespaces={"bpmn": BPMN})[0]
    etree.SubElement(lane, q("flowNodeRef")).text = "Activity_ryk"


def rewire(root):
    ja, nej = flow_between(root, "Gateway_betalt", "Activity_luk"), flow_between(root, "Gateway_betalt", "Event_frist")
    ja.set("targetRef", "Event_frist")
    nej.set("targetRef", "Activity_luk")


def condition(root):
    ja = flow_between(root, "Gateway_betalt", "Activity_luk")
    ja.set("name", "Ja, hele beløbet")
    expression = ja.find(q("conditionExpression"))
    if expression is not None:
        expression.text = 'betalt == "Ja, hele beløbet"'


def wait(root):
    timer = by_id(root, "Event_frist")
    timer.find(f".//{q('timeDuration')}").text = "P5D"
    for doc in timer.findall(q("documentation")):
        timer.remove(doc)


EDITS = {"rename": rename, "delete": delete, "add": add, "move": move, "rewire": rewire,
         "condition": condition, "wait": wait}


@pytest.fixture(scope="module")
def node_differ():
    if shutil.which("node") is None or not (CLIENTS / "node_modules" / "bpmn-js-differ").is_dir():
        missing = "node or bpmn-js-differ missing: make setup (or cd tools/clients && npm ci)"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    return CLIENTS / "differ.mjs"


@pytest.fixture
def pairs(compile_model, tmp_path):
    base_xml = bpmn_bytes(compile_model(BASE))
    base = tmp_path / "base.bpmn"
    base.write_bytes(base_xml)
    made = {}
    for name, edit in EDITS.items():
        root = copy.deepcopy(etree.fromstring(base_xml))
        edit(root)
        path = tmp_path / f"{name}.bpmn"
        path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        made[name] = path
    return base, made


def differ_reports(differ: Path, base: Path, edited: dict[str, Path]) -> dict[str, dict]:
    args = [str(p) for path in edited.values() for p in (base, path)]
    out = subprocess.run(["node", str(differ), *args], capture_output=True, text=True, timeout=120, check=True)
    return dict(zip(edited, json.loads(out.stdout)))


def covered(item: dict, diff, old, new) -> bool:
    """True when our diff reports the element bpmn-js-differ reports."""
    ident = item["id"]
    touched = {c.before.node for c in diff.changes if c.before} | {c.after.node for c in diff.changes if c.after}
    if ident in touched:
        return True
    for G in (old, new):
        for u, v, data in G.edges(data=True):
            if data.get("id") == ident:
                ends = {G.nodes[u]["label"], G.nodes[v]["label"]}
                if u in touched or v in touched:  # a flow to or from an added or removed step
                    return True
                return any(f.source in ends and ({f.target_before, f.target_after} & ends) for f in diff.flows)
    return False


def test_every_change_bpmn_js_differ_sees_is_in_our_diff(node_differ, pairs):
    base, edited = pairs
    reports = differ_reports(node_differ, base, edited)
    old = read_bpmn(base)
    seen_by_differ = set()
    for name, path in edited.items():
        new = read_bpmn(path)
        diff = compare(old, new)
        report = reports[name]
        items = [i for key in ("added", "removed", "changed") for i in report[key]
                 if (i["type"] or "").removeprefix("bpmn:") in DIFFER_TYPES]
        seen_by_differ |= {name} if items else set()
        missing = [i for i in items if not covered(i, diff, old, new)]
        assert not missing, f"{name}: bpmn-js-differ reports {missing}, our diff does not"
        assert diff.differs, name
    assert seen_by_differ == set(EDITS) - {"move"}  # every edit but the lane move is visible to it


def test_the_lane_move_bpmn_js_differ_cannot_see_is_a_move_in_ours(node_differ, pairs):
    base, edited = pairs
    report = differ_reports(node_differ, base, {"move": edited["move"]})["move"]
    assert not any(i["id"] == "Activity_ryk" for key in ("added", "removed", "changed") for i in report[key])
    diff = compare(read_bpmn(base), read_bpmn(edited["move"]))
    assert [(c.cls, c.key, c.before.dept, c.after.dept) for c in diff.changes] == [
        ("moved", "ryk", "library", "finance")]
