"""Draw a process diff: the union of both variants (``union``) with the changes to colour
(drawn like the slide diagrams, removed steps grey, dashed and struck through), and the future
BPMN with bpmn-js colours."""
from __future__ import annotations

import networkx as nx
from lxml import etree

from ..bpmn.codec import BPMNDI
from .classify import ProcessDiff
from ..kinds import danish_name
from .union import union_graph
from ..render.theme import THEME, Theme

BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"
COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"

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

def diff_view(current: nx.DiGraph, future: nx.DiGraph,
              diff: ProcessDiff) -> tuple[nx.DiGraph, dict[str, str]]:
    """The union of both variants and the change status of its steps and flows: draw them with
    ``render.render(union, fmt, highlight=status)`` or ``render.write_diagrams``.

    Changed steps carry a badge in their label that says the change in words, so the diagram
    reads without colour: "[ny]", "[fra: Biblioteksmedarbejder]" for a moved step (drawn in its
    new lane), "[før: Ret fejl]" for a renamed one, "[før: manuel opgave]", "[før: 2 dage]"."""
    union, removed = union_graph(current, future, diff)
    for node, text in badges(diff).items():
        data = union.nodes[node]
        data["label"] = f"{text} {data['label']}" if text == NEW_BADGE else f"{data['label']} {text}".strip()
    changed_flows = {f.after.edge: "changed" for f in diff.flows if f.after is not None}
    return union, {**node_status(diff), **changed_flows, **removed}


NEW_BADGE = "[ny]"
BADGE_CHARS = 32
"""An old label longer than this is cut with "…" in its badge."""


def _short(text: str) -> str:
    return text if len(text) <= BADGE_CHARS else text[:BADGE_CHARS - 1].rstrip() + "…"


def badges(diff: ProcessDiff) -> dict[str, str]:
    """Future node id -> the badge text of its changes, e.g. ``"[fra: Biblioteket] [før: Ret fejl]"``."""
    found: dict[str, list[str]] = {}
    for c in diff.changes:
        if c.after is None:
            continue
        before = c.before
        text = {
            "moved": lambda: f"[fra: {before.lane}]",
            "relabelled": lambda: f"[før: {_short(before.label)}]",
            "kind_changed": lambda: f"[før: {danish_name(before.kind, before.event)}]",
            "wait_changed": lambda: f"[før: {before.duration.danish() if before.duration else 'ukendt'}]",
        }.get(c.cls, lambda: NEW_BADGE if c.cls.endswith("added") else "")()
        if text:
            found.setdefault(c.after.node, []).append(text)
    return {node: " ".join(texts) for node, texts in found.items()}


# ---------------------------------------------------------------- coloured BPMN

def coloured_bpmn(root: etree._Element, status: dict[str, str], theme: Theme = THEME) -> bytes:
    """The BPMN document ``root`` with bpmn-js colours (``bioc:`` and ``color:``) on changed shapes,
    the change colours of ``theme``."""
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        state = status.get(shape.get("bpmnElement"))
        if state:
            stroke, fill, _, _ = theme.changes[state]
            shape.set(f"{{{BIOC}}}stroke", stroke)
            shape.set(f"{{{BIOC}}}fill", fill)
            shape.set(f"{{{COLOR}}}background-color", fill)
            shape.set(f"{{{COLOR}}}border-color", stroke)
    etree.cleanup_namespaces(root, top_nsmap={"bioc": BIOC, "color": COLOR})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
