"""The floor for the benchmark: lxml writing the same BPMN elements with grid DI and no layout.

Everything oir-bpmn writes for a process graph (participants, processes, lanes with their
flow node references, flow nodes with incoming/outgoing, sequence and message flows, one
shape per node and a two-point edge per flow), but each node simply goes to the next cell of a
grid. No real exporter can beat this by much; the benchmark reports oir-bpmn against it.
"""
from __future__ import annotations

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI}
COLUMNS, CELL_W, CELL_H, W, H = 100, 150, 100, 100, 80


def grid_bpmn(G) -> bytes:
    """BPMN 2.0 XML of ``G`` with every node in a grid cell, as bytes."""
    b, d = f"{{{BPMN}}}", f"{{{BPMNDI}}}"
    root = etree.Element(b + "definitions", nsmap=NSMAP, id="Definitions", targetNamespace="https://example.org")
    collaboration = etree.SubElement(root, b + "collaboration", id="Collaboration")
    for pool in G.graph["pools"]:
        etree.SubElement(collaboration, b + "participant", id=pool["id"], name=pool["name"],
                         processRef=pool["process_id"])
    scopes: dict[str, list[str]] = {}
    for n, data in G.nodes(data=True):
        scopes.setdefault(data["pool"], []).append(n)
    for pool in G.graph["pools"]:
        process = etree.SubElement(root, b + "process", id=pool["process_id"])
        lane_set = etree.SubElement(process, b + "laneSet", id=f"LaneSet_{pool['id']}")
        lanes = {lane: etree.SubElement(lane_set, b + "lane", id=lane) for lane in pool["lanes"]}
        for n in scopes.get(pool["id"], []):
            data = G.nodes[n]
            if data["lane"] in lanes:
                etree.SubElement(lanes[data["lane"]], b + "flowNodeRef").text = n
            element = etree.SubElement(process, b + data["kind"], id=n, name=data["label"])
            for edge in G.pred[n].values():
                etree.SubElement(element, b + "incoming").text = edge["id"]
            for edge in G.succ[n].values():
                etree.SubElement(element, b + "outgoing").text = edge["id"]
            for v, edge in G.succ[n].items():
                etree.SubElement(process, b + "sequenceFlow", id=edge["id"], sourceRef=n, targetRef=v)
    plane = etree.SubElement(etree.SubElement(root, d + "BPMNDiagram", id="Diagram"), d + "BPMNPlane",
                             id="Plane", bpmnElement="Collaboration")
    cell = {}
    for i, n in enumerate(G):
        x, y = (i % COLUMNS) * CELL_W, (i // COLUMNS) * CELL_H
        cell[n] = (x + W / 2, y + H / 2)
        shape = etree.SubElement(plane, d + "BPMNShape", id=f"{n}_di", bpmnElement=n)
        etree.SubElement(shape, f"{{{DC}}}Bounds", x=str(x), y=str(y), width=str(W), height=str(H))
    for u, v, edge in G.edges(data=True):
        di = etree.SubElement(plane, d + "BPMNEdge", id=f"{edge['id']}_di", bpmnElement=edge["id"])
        for x, y in (cell[u], cell[v]):
            etree.SubElement(di, f"{{{DI}}}waypoint", x=str(x), y=str(y))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
