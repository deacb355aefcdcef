"""Draw a process diff: a Graphviz diagram of the future variant with the changes coloured
(removed steps grey and struck through), and the future BPMN with bpmn-js colours."""
from __future__ import annotations

import html

import graphviz
import networkx as nx
from lxml import etree

from . import style
from .bpmn import BPMNDI
from .diff_compare import ProcessDiff, lane_title
from .diff_match import lane_name, normalise

BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"
COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"

PALETTE = {
    # status: (stroke, fill); strokes from the Okabe–Ito palette, safe for colour-blind readers
    "moved": ("#D55E00", "#F9D5BF"),    # vermillion
    "added": ("#009E73", "#C4EBDD"),    # bluish green
    "changed": ("#0072B2", "#CBE2F2"),  # blue: new name, new type or new wait
    "removed": ("#8C8C8C", "#EEEEEE"),  # grey, struck through
    "same": ("#404040", "#FFFFFF"),
}
LEGEND = {
    "moved": "Flyttet (anden afdeling eller bane)", "added": "Ny", "changed": "Omdøbt / ændret type / ventetid",
    "removed": "Fjernet", "same": "Uændret",
}
STATUS_OF_CLASS = {
    "moved": "moved", "added": "added", "wait_added": "added", "decision_added": "added",
    "relabelled": "changed", "kind_changed": "changed", "wait_changed": "changed",
}
_PRECEDENCE = ("moved", "added", "changed")


def node_status(diff: ProcessDiff) -> dict[str, str]:
    """Future node id -> "moved" | "added" | "changed" for every step that differs."""
    status: dict[str, str] = {}
    for change in diff.changes:
        wanted = STATUS_OF_CLASS.get(change.cls)
        current = status.get(change.after.node) if change.after else None
        if wanted and (current is None or _PRECEDENCE.index(wanted) < _PRECEDENCE.index(current)):
            status[change.after.node] = wanted
    return status


# ---------------------------------------------------------------- Graphviz

def diff_dot(current: nx.DiGraph, future: nx.DiGraph, diff: ProcessDiff) -> graphviz.Digraph:
    """The future variant by lane, coloured by change, with the removed steps drawn in grey."""
    dot = graphviz.Digraph(diff.key or "diff", graph_attr={
        "rankdir": "LR", "fontname": style.FONT, "fontsize": "16", "labelloc": "t", "newrank": "true",
        "label": f"{diff.title}: nuværende → fremtidig", "nodesep": "0.35", "ranksep": "0.5"},
        node_attr={"fontname": style.FONT, "fontsize": "11"},
        edge_attr={"fontname": style.FONT, "fontsize": "9"})
    status = node_status(diff)
    removed = [c.before.node for c in diff.changes if c.after is None]
    lanes: dict[str, tuple] = {}  # normalised lane name -> (title, dept, [(dot id, G, node, status)])
    for n, data in future.nodes(data=True):
        _lane_bucket(lanes, future, n).append((f"f_{n}", future, n, status.get(n, "same")))
    for n in removed:
        _lane_bucket(lanes, current, n).append((f"c_{n}", current, n, "removed"))
    for i, (title, dept, members) in enumerate(lanes.values()):  # lanes: department colour on the
        with dot.subgraph(name=f"cluster_{i}", graph_attr={      # border only, fills show the changes
                "label": title, "style": "rounded", "color": style.dept_stroke(dept),
                "penwidth": "2", "labeljust": "l"}) as lane:
            for dot_id, G, n, state in members:
                _node(lane, dot_id, G.nodes[n], state)
    for u, v, data in future.edges(data=True):
        _edge(dot, f"f_{u}", f"f_{v}", data, "#404040")
    for u, v, data in _removed_edges(current, diff, set(removed)):
        _edge(dot, u, v, data, PALETTE["removed"][0], removed=True)
    _legend(dot)
    return dot


def _lane_bucket(lanes: dict, G: nx.DiGraph, n: str) -> list:
    name, dept = lane_name(G, n), G.nodes[n]["dept"]
    return lanes.setdefault(normalise(name), (lane_title(name, dept), dept, []))[2]


def _label(data: dict, struck: bool) -> str:
    text = data["label"] or ""
    if data["duration"] is not None and data["duration"].danish() not in text:
        text = f"{text} ({data['duration'].danish()})"
    lines = [html.escape(line) for line in style.wrap(text)]
    body = "<BR/>".join(f"<S>{line}</S>" if struck and line else line for line in lines)
    return f"<{body}>"


def _node(graph, dot_id: str, data: dict, state: str) -> None:
    stroke, fill = PALETTE[state]
    attrs = {"color": stroke, "fillcolor": fill, "penwidth": "1" if state == "same" else "2.5",
             "fontcolor": "#707070" if state == "removed" else "#000000"}
    looks = ["filled"] + (["dashed"] if state == "removed" else [])
    kind = data["kind"]
    if kind.endswith("Gateway"):
        attrs.update(shape="diamond", width="0.4", height="0.4", fixedsize="true", label="")
        if data["label"]:
            attrs["xlabel"] = _label(data, state == "removed")
    elif kind.endswith("Event"):
        attrs.update(shape="ellipse", label=_label(data, state == "removed"))
        if kind == "endEvent":
            attrs["peripheries"] = "2"
    else:
        attrs.update(shape="box", label=_label(data, state == "removed"))
        looks.append("rounded")
    graph.node(dot_id, style=",".join(looks), **attrs)


def _edge(dot, u: str, v: str, data: dict, colour: str, removed: bool = False) -> None:
    attrs = {"color": colour, "fontcolor": colour}
    if data.get("label"):
        attrs["label"] = data["label"]
    if data["flow"] == "message" or removed:
        attrs["style"] = "dashed"
    if data["flow"] == "message":
        attrs.update(arrowhead="empty", constraint="false")
    dot.edge(u, v, **attrs)


def _removed_edges(current: nx.DiGraph, diff: ProcessDiff, removed: set[str]):
    """Flows of the current variant that touch a removed step, between nodes on the diagram.

    Ends that are neither removed nor matched (e.g. an inserted join) are followed to the
    nearest steps that are."""
    def shown(n, step):
        if n in removed:
            return [f"c_{n}"]
        if n in diff.pairs:
            return [f"f_{diff.pairs[n]}"]
        seen, found, todo = {n}, [], list(step(n))
        while todo:
            m = todo.pop()
            if m in seen:
                continue
            seen.add(m)
            if m in removed or m in diff.pairs:
                found.extend(shown(m, step))
            else:
                todo.extend(step(m))
        return found

    drawn = set()
    for u, v, data in current.edges(data=True):
        if u in removed or v in removed:
            for a in shown(u, current.predecessors):
                for b in shown(v, current.successors):
                    if (a, b) not in drawn:
                        drawn.add((a, b))
                        yield a, b, data


def _legend(dot) -> None:
    """The classes in one row (invisible edges keep them side by side)."""
    with dot.subgraph(name="cluster_legend", graph_attr={"label": "Forklaring", "style": "rounded",
                                                         "color": "#BBBBBB", "labeljust": "l"}) as legend:
        for state, text in LEGEND.items():
            stroke, fill = PALETTE[state]
            legend.node(f"legend_{state}", label=f"<<S>{text}</S>>" if state == "removed" else text,
                        shape="box", style="rounded,filled" + (",dashed" if state == "removed" else ""),
                        color=stroke, fillcolor=fill, penwidth="2.5")
        states = list(LEGEND)
        for a, b in zip(states, states[1:]):
            legend.edge(f"legend_{a}", f"legend_{b}", style="invis")


# ---------------------------------------------------------------- coloured BPMN

def coloured_bpmn(root: etree._Element, status: dict[str, str]) -> bytes:
    """The BPMN document ``root`` with bpmn-js colours (``bioc:`` and ``color:``) on changed shapes."""
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        state = status.get(shape.get("bpmnElement"))
        if state:
            stroke, fill = PALETTE[state]
            shape.set(f"{{{BIOC}}}stroke", stroke)
            shape.set(f"{{{BIOC}}}fill", fill)
            shape.set(f"{{{COLOR}}}background-color", fill)
            shape.set(f"{{{COLOR}}}border-color", stroke)
    etree.cleanup_namespaces(root, top_nsmap={"bioc": BIOC, "color": COLOR})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
