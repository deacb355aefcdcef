"""Export a process graph and its layout as BPMN 2.0 XML with full diagram interchange (DI).

The document is written as text in document order (``xmltext.XmlWriter``), with the bytes lxml
would give for the same elements: building an lxml tree first took most of the export's time.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from .. import __version__
from ..layout.geometry import Box, Layout
from ..layout import layout
from ..kinds import EVENTS
from ..model import annotation_id, association_id, message_edges
from ..text import band_name
from .codec import (NSMAP, branch_doc, definitions_id, dept_doc, display_name, effort_doc, name_doc, process_summary,
                    share_doc, timer_text, volume_doc, wait_doc)
from .xmltext import XmlWriter


def bpmn_bytes(G: nx.DiGraph) -> bytes:
    """Lay out ``G`` and export it as BPMN 2.0 XML."""
    return to_bpmn(G, layout(G))


def to_bpmn(G: nx.DiGraph, plan: Layout) -> bytes:
    """The BPMN 2.0 document of ``G`` laid out by ``layout``, as UTF-8 bytes (deterministic)."""
    key = G.graph["key"]
    w = XmlWriter("bpmn:definitions", {
        "id": definitions_id(key, G.graph["variant"]),
        "targetNamespace": f"https://oir-bpmn.dk/{key}",
        "exporter": "oir-bpmn", "exporterVersion": __version__,
    }, NSMAP)
    _root_elements(w, G)
    collaboration = f"Collaboration_{key}"
    with w.element("bpmn:collaboration", {"id": collaboration}):
        for pool in G.graph["pools"]:
            shown = _band_name(pool["name"], plan.pools.get(pool["id"]))
            with w.element("bpmn:participant", {"id": pool["id"], "name": shown,
                                                "processRef": pool["process_id"]}):
                if pool["dept"]:
                    _documentation(w, dept_doc(pool["dept"]))
                if shown != pool["name"]:
                    _documentation(w, name_doc(pool["name"]))
        for u, v, data in message_edges(G):
            attrs = {"id": data["id"], "sourceRef": u, "targetRef": v}
            if data["label"]:
                attrs["name"] = data["label"]
            w.leaf("bpmn:messageFlow", attrs)
    scopes: dict[tuple[str, str | None], list[str]] = {}
    for n, data in G.nodes(data=True):
        scopes.setdefault((data["pool"], data["parent"]), []).append(n)
    for pool in G.graph["pools"]:
        _process(w, G, pool, scopes, plan)
    _diagram(w, G, plan, collaboration, f"Diagram_{key}")
    for sub, plane in plan.planes.items():
        _diagram(w, G, plane, sub, f"Diagram_{G.nodes[sub]['key']}")
    return w.to_bytes()


def _documentation(w: XmlWriter, text: str) -> None:
    w.leaf("bpmn:documentation", text=text)


def _root_elements(w: XmlWriter, G) -> None:
    """Messages and errors referenced by event definitions, one per event, with unique names."""
    labels = Counter(d["label"] for _, d in G.nodes(data=True) if d["event"] in ("message", "error"))
    for data in G.nodes.values():
        if data["event"] not in ("message", "error"):
            continue
        name = data["label"] if labels[data["label"]] == 1 else f"{data['label']} ({data['key']})"
        if data["event"] == "message":
            w.leaf("bpmn:message", {"id": f"Message_{data['key']}", "name": name})
        else:
            w.leaf("bpmn:error", {"id": f"Error_{data['key']}", "name": name, "errorCode": data["key"]})


def _band_name(name: str, box) -> str:
    """The name bpmn-js can show beside a pool or lane ``box`` (whole, or shortened with "…":
    the whole name then goes into the documentation)."""
    return name if box is None else band_name(name, box.h)


def _process(w: XmlWriter, G, pool, scopes, plan: Layout) -> None:
    with w.element("bpmn:process", {"id": pool["process_id"], "name": pool["name"], "isExecutable": "false"}):
        if pool is G.graph["pools"][0]:
            _documentation(w, process_summary(G.graph["title"], G.graph["variant"], G.graph.get("theme"),
                                              G.graph.get("municipality"), Path(G.graph["file"]).name))
            volume = volume_doc(G.graph.get("per_year"), bool(G.graph.get("once")))
            if volume:
                _documentation(w, volume)
        if pool["lanes"]:
            members: dict[str, list[str]] = {lane: [] for lane in pool["lanes"]}
            for n in scopes.get((pool["id"], None), []):
                if G.nodes[n]["lane"]:
                    members[G.nodes[n]["lane"]].append(n)
            with w.element("bpmn:laneSet", {"id": f"LaneSet_{pool['id']}"}):
                for lane in pool["lanes"]:
                    info = G.graph["lanes"][lane]
                    shown = _band_name(info["name"], plan.lanes.get(lane))
                    with w.element("bpmn:lane", {"id": lane, "name": shown}):
                        _documentation(w, dept_doc(info["dept"]))
                        if shown != info["name"]:
                            _documentation(w, name_doc(info["name"]))
                        for n in members[lane]:
                            w.leaf("bpmn:flowNodeRef", text=n)
        _scope(w, G, scopes, (pool["id"], None))


def _scope(w: XmlWriter, G, scopes, scope: tuple[str, str | None]) -> None:
    """Flow nodes, sequence flows and annotations directly inside a pool or a subprocess."""
    nodes = scopes.get(scope, [])
    for n in nodes:
        _flow_node(w, G, scopes, n)
    for u in nodes:
        for v, data in G.succ[u].items():
            if data["flow"] == "sequence":
                _sequence_flow(w, u, v, data, race=G.nodes[u]["kind"] == "eventBasedGateway")
    for n in nodes:
        for i, text in enumerate(G.nodes[n]["notes"]):
            with w.element("bpmn:textAnnotation", {"id": annotation_id(n, i)}):
                w.leaf("bpmn:text", text=text)
            w.leaf("bpmn:association", {"id": association_id(n, i), "sourceRef": n,
                                        "targetRef": annotation_id(n, i), "associationDirection": "None"})


def _flow_node(w: XmlWriter, G, scopes, n) -> None:
    data = G.nodes[n]
    attrs = {"id": n}
    cycle = data["kind"] == "startEvent"
    name = display_name(data["label"], None if cycle else data["duration"])
    if name:
        attrs["name"] = name
    default, outgoing = None, []
    for d in G.succ[n].values():
        if d["default"] and default is None:
            default = d["id"]
        if d["flow"] == "sequence":
            outgoing.append(d["id"])
    if default:
        attrs["default"] = default
    if data["kind"] == "scriptTask":
        attrs["scriptFormat"] = "python"
    with w.element(f"bpmn:{data['kind']}", attrs):
        if data["duration"] is not None:
            _documentation(w, wait_doc(data["duration"], cycle))
        if data.get("effort") is not None:
            _documentation(w, effort_doc(data["effort"]))
        for d in G.pred[n].values():
            if d["flow"] == "sequence":
                w.leaf("bpmn:incoming", text=d["id"])
        for flow in outgoing:
            w.leaf("bpmn:outgoing", text=flow)
        if data["kind"] == "subProcess":
            _scope(w, G, scopes, (data["pool"], n))
        if data["event"]:
            _event_definition(w, data)
        if data["kind"] == "scriptTask":  # BPMN engines refuse a script task without a script
            w.leaf("bpmn:script", text="# " + " ".join(data["label"].split()))


def _event_definition(w: XmlWriter, data) -> None:
    tag = EVENTS[data["event"]].tag
    attrs = {"id": f"{tag[0].upper()}{tag[1:]}_{data['key']}"}
    if data["event"] == "message":
        attrs["messageRef"] = f"Message_{data['key']}"
    elif data["event"] == "error":
        attrs["errorRef"] = f"Error_{data['key']}"
    with w.element(f"bpmn:{tag}", attrs):
        if data["event"] == "timer":
            cycle = data["kind"] == "startEvent"
            w.leaf("bpmn:timeCycle" if cycle else "bpmn:timeDuration", {"xsi:type": "bpmn:tFormalExpression"},
                   text=timer_text(data["duration"], cycle))


def _sequence_flow(w: XmlWriter, u, v, data, race: bool) -> None:
    """A sequence flow; the label of a race's branch goes into its documentation (see ``branch_doc``)."""
    attrs = {"id": data["id"], "sourceRef": u, "targetRef": v}
    if data["label"] and not race:
        attrs["name"] = data["label"]
    with w.element("bpmn:sequenceFlow", attrs):
        if data["label"] and race:
            _documentation(w, branch_doc(data["label"]))
        if data.get("share") is not None:
            _documentation(w, share_doc(data["share"]))
        if data["condition"]:
            w.leaf("bpmn:conditionExpression", {"xsi:type": "bpmn:tFormalExpression"}, text=data["condition"])


# ---------------------------------------------------------------- diagram interchange

def _diagram(w: XmlWriter, G, plan: Layout, element: str, diagram_id: str) -> None:
    with w.element("bpmndi:BPMNDiagram", {"id": diagram_id}), \
            w.element("bpmndi:BPMNPlane", {"id": f"{diagram_id}_plane", "bpmnElement": element}):
        for pool, box in plan.pools.items():
            _shape(w, {"id": f"{pool}_di", "bpmnElement": pool, "isHorizontal": "true"}, box)
        for lane, box in plan.lanes.items():
            _shape(w, {"id": f"{lane}_di", "bpmnElement": lane, "isHorizontal": "true"}, box)
        for n, box in plan.nodes.items():
            attrs = {"id": f"{n}_di", "bpmnElement": n}
            if G.nodes[n]["kind"] == "subProcess":
                attrs["isExpanded"] = "false"
            _shape(w, attrs, box, plan.labels.get(n))
        for note, box in plan.annotations.items():
            _shape(w, {"id": f"{note}_di", "bpmnElement": note}, box)
        for flow, points in plan.edges.items():
            with w.element("bpmndi:BPMNEdge", {"id": f"{flow}_di", "bpmnElement": flow}):
                for x, y in points:
                    w.leaf_with("di:waypoint", f' x="{x}" y="{y}"')
                label = plan.labels.get(flow)
                if label is not None:
                    _label(w, label)


def _shape(w: XmlWriter, attrs: dict, box: Box, label: Box | None = None) -> None:
    with w.element("bpmndi:BPMNShape", attrs):
        _bounds(w, box)
        if label is not None:
            _label(w, label)


def _label(w: XmlWriter, box: Box) -> None:
    with w.element("bpmndi:BPMNLabel"):
        _bounds(w, box)


def _bounds(w: XmlWriter, box: Box) -> None:
    x, y, width, height = box
    w.leaf_with("dc:Bounds", f' x="{x}" y="{y}" width="{width}" height="{height}"')
