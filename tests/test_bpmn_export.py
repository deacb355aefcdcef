"""The BPMN export: valid against the OMG XSD, complete DI, sane geometry, same bytes every time."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from lxml import etree

from oir_bpmn.bpmn import bpmn_bytes

from sample_models import ALL_KINDS

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}
FLOW_NODES = ("task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask",
              "businessRuleTask", "subProcess", "startEvent", "endEvent", "intermediateCatchEvent",
              "intermediateThrowEvent", "exclusiveGateway", "parallelGateway", "eventBasedGateway")


@pytest.fixture
def exported(compile_model):
    G = compile_model(ALL_KINDS)
    return G, etree.fromstring(bpmn_bytes(G))


def bounds(shape):
    b = shape.find("dc:Bounds", NS)
    return tuple(float(b.get(k)) for k in ("x", "y", "width", "height"))


def shapes_by_element(doc):
    return {s.get("bpmnElement"): s for s in doc.iterfind(".//bpmndi:BPMNShape", NS)}


def test_valid_against_omg_xsd(exported, bpmn_schema):
    _, doc = exported
    assert bpmn_schema.validate(etree.ElementTree(doc)), bpmn_schema.error_log


def test_semantics(exported):
    G, doc = exported
    processes = doc.findall("bpmn:process", NS)
    assert [p.get("isExecutable") for p in processes] == ["false", "false"]
    participants = doc.findall("bpmn:collaboration/bpmn:participant", NS)
    assert {p.get("processRef") for p in participants} == {p.get("id") for p in processes}
    lane_refs = {r.text for r in doc.iterfind(".//bpmn:flowNodeRef", NS)}
    top_level = {n for n, d in G.nodes(data=True) if d["parent"] is None and d["lane"]}
    assert lane_refs == top_level
    timer = doc.find(".//bpmn:intermediateCatchEvent[@id='Event_overfoersel_til_fbs']", NS)
    assert timer.get("name") == "Overførsel til FBS (1–3 dage)"
    assert timer.find("bpmn:timerEventDefinition/bpmn:timeDuration", NS).text == "P3D"
    assert "P1D til P3D" in timer.find("bpmn:documentation", NS).text
    daily = doc.find(".//bpmn:startEvent[@id='Event_hver_morgen']", NS)
    assert daily.find("bpmn:timerEventDefinition/bpmn:timeCycle", NS).text == "R/P1D"
    gateway = doc.find(".//bpmn:exclusiveGateway[@id='Gateway_betalt']", NS)
    default = doc.find(f".//bpmn:sequenceFlow[@id='{gateway.get('default')}']", NS)
    assert default.get("name") == "Nej" and default.find("bpmn:conditionExpression", NS) is None
    yes = doc.find(".//bpmn:sequenceFlow[@name='Ja']", NS)
    assert yes.find("bpmn:conditionExpression", NS).text == 'betalt == "Ja"'
    flow = doc.find("bpmn:collaboration/bpmn:messageFlow", NS)
    assert (flow.get("sourceRef"), flow.get("targetRef")) == ("Activity_kontakt", "Event_fejl_modtaget")
    note = doc.find(".//bpmn:textAnnotation/bpmn:text", NS)
    assert note.text == "Spørgsmål: hvem?"
    association = doc.find(".//bpmn:association", NS)
    assert association.get("sourceRef") == "Activity_slaa_laaner_op"
    sub = doc.find(".//bpmn:subProcess", NS)
    assert [c.get("name") for c in sub.findall("bpmn:manualTask", NS)] == ["Tæl kontanter"]


def test_every_element_has_di(exported):
    _, doc = exported
    shapes = shapes_by_element(doc)
    edges = {e.get("bpmnElement"): e for e in doc.iterfind(".//bpmndi:BPMNEdge", NS)}
    elements = [e for tag in FLOW_NODES + ("lane", "participant", "textAnnotation")
                for e in doc.iterfind(f".//bpmn:{tag}", NS)]
    for element in elements:
        assert element.get("id") in shapes, element.get("id")
        assert all(v >= 0 for v in bounds(shapes[element.get("id")])), element.get("id")
    for tag in ("sequenceFlow", "messageFlow", "association"):
        for flow in doc.iterfind(f".//bpmn:{tag}", NS):
            assert len(edges[flow.get("id")].findall("di:waypoint", NS)) >= 2, flow.get("id")
    planes = [p.get("bpmnElement") for p in doc.iterfind(".//bpmndi:BPMNPlane", NS)]
    assert planes == ["Collaboration_alle", "Activity_afstem_kasse"]


def test_geometry_nodes_in_lanes_no_overlap_edges_on_borders(exported):
    G, doc = exported
    shapes = shapes_by_element(doc)
    main_plane = doc.find(".//bpmndi:BPMNPlane", NS)
    for lane in doc.iterfind(".//bpmn:lane", NS):
        lx, ly, lw, lh = bounds(shapes[lane.get("id")])
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            x, y, w, h = bounds(shapes[ref.text])
            assert lx <= x and ly <= y and x + w <= lx + lw and y + h <= ly + lh, ref.text
    boxes = [(s.get("bpmnElement"), bounds(s)) for s in main_plane.findall("bpmndi:BPMNShape", NS)
             if s.get("bpmnElement").split("_")[0] not in ("Lane", "Participant")]
    for i, (a, (ax, ay, aw, ah)) in enumerate(boxes):
        for b, (bx, by, bw, bh) in boxes[i + 1:]:
            assert not (ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah), (a, b)
    for edge in doc.iterfind(".//bpmndi:BPMNEdge", NS):
        flow = doc.find(f".//*[@id='{edge.get('bpmnElement')}']", NS)
        points = [(float(p.get("x")), float(p.get("y"))) for p in edge.findall("di:waypoint", NS)]
        if not flow.tag.endswith("association"):
            assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:])), flow.get("id")
        for ref, point in ((flow.get("sourceRef"), points[0]), (flow.get("targetRef"), points[-1])):
            assert on_border(bounds(shapes[ref]), point), (flow.get("id"), ref, point)


def on_border(box, point):
    x, y, w, h = box
    px, py = point
    inside = x - 1 <= px <= x + w + 1 and y - 1 <= py <= y + h + 1
    return inside and min(abs(px - x), abs(px - x - w), abs(py - y), abs(py - y - h)) <= 1


def test_same_model_same_bytes_in_any_process(model_file):
    path = model_file(ALL_KINDS)
    script = ("import sys; from oir_bpmn.load import compile_all; from oir_bpmn.bpmn import bpmn_bytes;"
              f"sys.stdout.buffer.write(bpmn_bytes(compile_all([{str(path)!r}])[0].graph))")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1] and runs[0].startswith(b"<?xml")


def test_danish_letters_survive_as_utf8(exported):
    G, doc = exported
    raw = etree.tostring(doc, encoding="UTF-8")
    assert "Tæl kontanter".encode() in raw and "Spørgsmål".encode() in raw
