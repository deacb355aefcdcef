"""BPMN files from other modelling tools: vendor quirks are read, real breakage is refused with
its line. The samples reproduce what Adonis, Trisotech/ARIS, Visual Paradigm and IBM write."""
from __future__ import annotations

from pathlib import Path

import pytest

from oir_bpmn.bpmn.read import BpmnReadError, read_bpmn
from oir_bpmn.diff import compare

OPEN = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" {ns} id="D" '
        'targetNamespace="http://example.org">\n')
COLLAB = ('<bpmn:collaboration id="C"><bpmn:participant id="Pa" name="Biblioteket" processRef="P"/>'
          '<bpmn:participant id="Pb" name="Økonomi" processRef="Q"/></bpmn:collaboration>\n')


def process(body: str, lanes: str = "", pid: str = "P") -> str:
    return (f'<bpmn:process id="{pid}">\n<bpmn:laneSet id="LS{pid}">{lanes}</bpmn:laneSet>\n{body}\n'
            '</bpmn:process>\n')


STEPS = ('<bpmn:startEvent id="S" name="Start"/>\n'
         '<bpmn:userTask id="T" name="Registrér betaling">{ext}</bpmn:userTask>\n'
         '<bpmn:endEvent id="E" name="Slut"/>\n'
         '<bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>\n'
         '<bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>')
LANE = ('<bpmn:lane id="L" name="Biblioteket"><bpmn:flowNodeRef>S</bpmn:flowNodeRef>'
        '<bpmn:flowNodeRef>T</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>{extra}</bpmn:lane>')

VENDORS = {
    "adonis": ('xmlns:adonis="http://www.boc-group.com/adonis"',
               '<bpmn:extensionElements><adonis:attribute id="T" name="Registrér betaling"/>'
               '<adonis:attribute id="T"/></bpmn:extensionElements>'),
    "trisotech": ('xmlns:triso="http://www.trisotech.com/2015/triso/modeling"',
                  '<bpmn:extensionElements><triso:logicSlot id="S"/><triso:userTask id="F1"/>'
                  '</bpmn:extensionElements>'),
    "visual_paradigm": ('xmlns:vp="http://www.visual-paradigm.com/bpmn"',
                        '<bpmn:extensionElements><vp:property id="E" key="color"/><vp:property id="E"/>'
                        '</bpmn:extensionElements>'),
    "ibm_namespace_with_a_space": ('xmlns:ibm="http://www.ibm.com/xtools/bpmn/2.0 ext"',
                                   '<bpmn:extensionElements><ibm:ext id="x"/></bpmn:extensionElements>'),
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.bpmn"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, *words: str) -> str:
    with pytest.raises(BpmnReadError) as info:
        read_bpmn(path)
    message = str(info.value)
    assert "\n" not in message and all(word in message for word in words), message
    return message


@pytest.mark.parametrize("vendor", VENDORS)
def test_vendor_files_are_read(vendor, tmp_path):
    ns, ext = VENDORS[vendor]
    text = OPEN.format(ns=ns) + process(STEPS.format(ext=ext), LANE.format(extra="")) + "</bpmn:definitions>"
    path = write(tmp_path, vendor, text)
    G = read_bpmn(path)
    assert {n: (d["kind"], d["label"], d["lane"]) for n, d in G.nodes(data=True)} == {
        "S": ("startEvent", "Start", "L"), "T": ("userTask", "Registrér betaling", "L"), "E": ("endEvent", "Slut", "L")}
    assert sorted(G.edges) == [("S", "T"), ("T", "E")]
    assert not compare(G, read_bpmn(path)).differs


def test_a_data_store_listed_in_a_lane_is_tolerated(tmp_path):
    body = STEPS.format(ext="") + '\n<bpmn:dataStoreReference id="DS" name="FBS-databasen"/>'
    lanes = LANE.format(extra="<bpmn:flowNodeRef>DS</bpmn:flowNodeRef>")
    G = read_bpmn(write(tmp_path, "datastore", OPEN.format(ns="") + process(body, lanes) + "</bpmn:definitions>"))
    assert set(G) == {"S", "T", "E"} and G.nodes["T"]["lane"] == "L"


def test_duplicate_bpmn_ids_are_dropped_with_a_warning_naming_their_lines(tmp_path):
    ns, ext = VENDORS["adonis"]
    body = STEPS.format(ext=ext) + '\n<bpmn:manualTask id="T" name="Igen"/>'
    text = OPEN.format(ns=ns) + process(body, LANE.format(extra="")) + "</bpmn:definitions>"
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines, 1) if '<bpmn:userTask id="T"' in line)
    again = next(i for i, line in enumerate(lines, 1) if '<bpmn:manualTask id="T"' in line)
    G = read_bpmn(write(tmp_path, "dup", text))
    assert G.nodes["T"]["kind"] == "userTask"  # vendor ids inside extensionElements are no duplicates
    warning, = G.graph["warnings"]
    assert f"'T' (line {first}, again on {again})" in warning and "(1 id)" in warning


def test_a_sequence_flow_between_two_pools_is_refused(tmp_path):
    other = process('<bpmn:task id="X" name="Bogfør"/>', pid="Q")
    body = STEPS.format(ext="") + '\n<bpmn:sequenceFlow id="Fx" sourceRef="T" targetRef="X"/>'
    text = OPEN.format(ns="") + COLLAB + process(body, LANE.format(extra="")) + other + "</bpmn:definitions>"
    refused(write(tmp_path, "cross", text), "sequence flow 'Fx'", "pool 'Pa'", "pool 'Pb'", "message flow", "line")


def test_a_lane_listing_a_step_of_another_pool_is_refused(tmp_path):
    other = process('<bpmn:task id="X" name="Bogfør"/>', pid="Q")
    lanes = LANE.format(extra="<bpmn:flowNodeRef>X</bpmn:flowNodeRef>")
    text = OPEN.format(ns="") + COLLAB + process(STEPS.format(ext=""), lanes) + other + "</bpmn:definitions>"
    refused(write(tmp_path, "lane", text), "lane 'Biblioteket'", "'X'", "another pool", "line")


def test_a_vendor_element_named_like_a_task_is_not_a_step(tmp_path):
    ns = 'xmlns:vp="http://www.visual-paradigm.com/bpmn"'
    body = STEPS.format(ext="") + '\n<vp:task id="V" name="Ikke et trin"/>'
    G = read_bpmn(write(tmp_path, "lookalike", OPEN.format(ns=ns) + process(body, LANE.format(extra=""))
                        + "</bpmn:definitions>"))
    assert "V" not in G


def test_broken_xml_is_still_refused_after_namespace_recovery(tmp_path):
    text = OPEN.format(ns='xmlns:ibm="http://www.ibm.com/x y"') + "<bpmn:process id='P'>"  # truncated
    refused(write(tmp_path, "broken", text), "the XML ends too early (truncated?)", "Premature end")
