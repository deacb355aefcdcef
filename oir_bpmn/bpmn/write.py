"""Export a process graph and its layout as BPMN 2.0 XML with full diagram interchange (DI)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
from lxml import etree

from .. import __version__
from ..layout.geometry import Box, Layout
from ..layout import layout
from ..kinds import EVENTS
from ..model import annotation_id, association_id, message_edges, seq_pred, seq_succ
from .codec import (BPMN, BPMNDI, DC, DI, NSMAP, XSI, definitions_id, dept_doc, display_name,
                    process_summary, timer_text, wait_doc)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def bpmn_bytes(G: nx.DiGraph) -> bytes:
    """Lay out ``G`` and export it as BPMN 2.0 XML."""
    return to_bpmn(G, layout(G))


def to_bpmn(G: nx.DiGraph, plan: Layout) -> bytes:
    """The BPMN 2.0 document of ``G`` laid out by ``layout``, as UTF-8 bytes (deterministic)."""
    key = G.graph["key"]
    root = etree.Element(_q(BPMN, "definitions"), nsmap=NSMAP, attrib={
        "id": definitions_id(key, G.graph["variant"]),
        "targetNamespace": f"https://oir-bpmn.dk/{key}",
        "exporter": "oir-bpmn", "exporterVersion": __version__,
    })
    _root_elements(root, G)
    collaboration = etree.SubElement(root, _q(BPMN, "collaboration"), id=f"Collaboration_{key}")
    for pool in G.graph["pools"]:
        participant = etree.SubElement(collaboration, _q(BPMN, "participant"), id=pool["id"],
                                       name=pool["name"], processRef=pool["process_id"])
        if pool["dept"]:
            _documentation(participant, dept_doc(pool["dept"]))
    for u, v, data in message_edges(G):
        attrs = {"id": data["id"], "sourceRef": u, "targetRef": v}
        if data["label"]:
            attrs["name"] = data["label"]
        etree.SubElement(collaboration, _q(BPMN, "messageFlow"), attrs)
    scopes: dict[tuple[str, str | None], list[str]] = {}
    for n, data in G.nodes(data=True):
        scopes.setdefault((data["pool"], data["parent"]), []).append(n)
    for pool in G.graph["pools"]:
        _process(root, G, pool, scopes)
    _diagram(root, G, plan, collaboration.get("id"), f"Diagram_{key}")
    for sub, plane in plan.planes.items():
        _diagram(root, G, plane, sub, f"Diagram_{G.nodes[sub]['key']}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _documentation(parent, text: str) -> None:
    etree.SubElement(parent, _q(BPMN, "documentation")).text = text


def _root_elements(root, G) -> None:
    """Messages and errors referenced by event definitions, one per event, with unique names."""
    labels = Counter(d["label"] for _, d in G.nodes(data=True) if d["event"] in ("message", "error"))
    for data in G.nodes.values():
        if data["event"] not in ("message", "error"):
            continue
        name = data["label"] if labels[data["label"]] == 1 else f"{data['label']} ({data['key']})"
        if data["event"] == "message":
            etree.SubElement(root, _q(BPMN, "message"), id=f"Message_{data['key']}", name=name)
        else:
            etree.SubElement(root, _q(BPMN, "error"), id=f"Error_{data['key']}", name=name,
                             errorCode=data["key"])


def _process(root, G, pool, scopes) -> None:
    process = etree.SubElement(root, _q(BPMN, "process"), id=pool["process_id"], name=pool["name"],
                               isExecutable="false")
    if pool is G.graph["pools"][0]:
        _documentation(process, process_summary(G.graph["title"], G.graph["variant"], G.graph.get("theme"),
                                                 Path(G.graph["file"]).name))
    if pool["lanes"]:
        lane_set = etree.SubElement(process, _q(BPMN, "laneSet"), id=f"LaneSet_{pool['id']}")
        members: dict[str, list[str]] = {lane: [] for lane in pool["lanes"]}
        for n in scopes.get((pool["id"], None), []):
            if G.nodes[n]["lane"]:
                members[G.nodes[n]["lane"]].append(n)
        for lane in pool["lanes"]:
            info = G.graph["lanes"][lane]
            element = etree.SubElement(lane_set, _q(BPMN, "lane"), id=lane, name=info["name"])
            _documentation(element, dept_doc(info["dept"]))
            for n in members[lane]:
                etree.SubElement(element, _q(BPMN, "flowNodeRef")).text = n
    _scope(process, G, scopes, (pool["id"], None))


def _scope(parent, G, scopes, scope: tuple[str, str | None]) -> None:
    """Flow nodes, sequence flows and annotations directly inside a pool or a subprocess."""
    nodes = scopes.get(scope, [])
    for n in nodes:
        _flow_node(parent, G, scopes, n)
    for u in nodes:
        for v, data in G.succ[u].items():
            if data["flow"] == "sequence":
                _sequence_flow(parent, u, v, data)
    for n in nodes:
        for i, text in enumerate(G.nodes[n]["notes"]):
            note = etree.SubElement(parent, _q(BPMN, "textAnnotation"), id=annotation_id(n, i))
            etree.SubElement(note, _q(BPMN, "text")).text = text
            etree.SubElement(parent, _q(BPMN, "association"), id=association_id(n, i), sourceRef=n,
                             targetRef=annotation_id(n, i), associationDirection="None")


def _flow_node(parent, G, scopes, n) -> None:
    data = G.nodes[n]
    attrs = {"id": n}
    cycle = data["kind"] == "startEvent"
    name = display_name(data["label"], None if cycle else data["duration"])
    if name:
        attrs["name"] = name
    default = next((d["id"] for d in G.succ[n].values() if d["default"]), None)
    if default:
        attrs["default"] = default
    element = etree.SubElement(parent, _q(BPMN, data["kind"]), attrs)
    if data["duration"] is not None:
        _documentation(element, wait_doc(data["duration"], cycle))
    for u in seq_pred(G, n):
        etree.SubElement(element, _q(BPMN, "incoming")).text = G.edges[u, n]["id"]
    for v in seq_succ(G, n):
        etree.SubElement(element, _q(BPMN, "outgoing")).text = G.edges[n, v]["id"]
    if data["kind"] == "subProcess":
        _scope(element, G, scopes, (data["pool"], n))
    if data["event"]:
        _event_definition(element, data)


def _event_definition(element, data) -> None:
    tag = EVENTS[data["event"]].tag
    definition = etree.SubElement(element, _q(BPMN, tag), id=f"{tag[0].upper()}{tag[1:]}_{data['key']}")
    if data["event"] == "message":
        definition.set("messageRef", f"Message_{data['key']}")
    elif data["event"] == "error":
        definition.set("errorRef", f"Error_{data['key']}")
    elif data["event"] == "timer":
        cycle = data["kind"] == "startEvent"
        timer = etree.SubElement(definition, _q(BPMN, "timeCycle" if cycle else "timeDuration"))
        timer.set(_q(XSI, "type"), "bpmn:tFormalExpression")
        timer.text = timer_text(data["duration"], cycle)


def _sequence_flow(parent, u, v, data) -> None:
    attrs = {"id": data["id"], "sourceRef": u, "targetRef": v}
    if data["label"]:
        attrs["name"] = data["label"]
    flow = etree.SubElement(parent, _q(BPMN, "sequenceFlow"), attrs)
    if data["condition"]:
        condition = etree.SubElement(flow, _q(BPMN, "conditionExpression"))
        condition.set(_q(XSI, "type"), "bpmn:tFormalExpression")
        condition.text = data["condition"]


# ---------------------------------------------------------------- diagram interchange

def _diagram(root, G, plan: Layout, element: str, diagram_id: str) -> None:
    diagram = etree.SubElement(root, _q(BPMNDI, "BPMNDiagram"), id=diagram_id)
    plane = etree.SubElement(diagram, _q(BPMNDI, "BPMNPlane"), id=f"{diagram_id}_plane", bpmnElement=element)
    for pool, box in plan.pools.items():
        _shape(plane, pool, box, isHorizontal="true")
    for lane, box in plan.lanes.items():
        _shape(plane, lane, box, isHorizontal="true")
    for n, box in plan.nodes.items():
        extra = {"isExpanded": "false"} if G.nodes[n]["kind"] == "subProcess" else {}
        _shape(plane, n, box, label=plan.labels.get(n), **extra)
    for note, box in plan.annotations.items():
        _shape(plane, note, box)
    for flow, points in plan.edges.items():
        _edge(plane, flow, points, plan.labels.get(flow))


def _shape(plane, element: str, box: Box, label: Box | None = None, **attrs) -> None:
    shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"{element}_di", bpmnElement=element, **attrs)
    _bounds(shape, box)
    if label is not None:
        _bounds(etree.SubElement(shape, _q(BPMNDI, "BPMNLabel")), label)


def _edge(plane, element: str, points, label: Box | None) -> None:
    edge = etree.SubElement(plane, _q(BPMNDI, "BPMNEdge"), id=f"{element}_di", bpmnElement=element)
    for x, y in points:
        etree.SubElement(edge, _q(DI, "waypoint"), x=str(x), y=str(y))
    if label is not None:
        _bounds(etree.SubElement(edge, _q(BPMNDI, "BPMNLabel")), label)


def _bounds(parent, box: Box) -> None:
    etree.SubElement(parent, _q(DC, "Bounds"), x=str(box.x), y=str(box.y), width=str(box.w), height=str(box.h))
