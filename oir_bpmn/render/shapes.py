"""Graphviz attributes of the BPMN shapes: tasks, subprocesses, events, gateways, notes, title.

Every shape has the fixed size of its layout box; text is wrapped as the layout measured it
(``layout.sizes``), so it fits inside at full size. Labels are HTML-like and escaped, so user text can hold any character.
``highlight`` restyles a shape or flow by change status (the diff diagram); ``title`` then lists
the statuses in a second legend.
"""
from __future__ import annotations

from . import theme
from ..layout.geometry import Box
from ..model import VARIANT_NAMES, dept_name
from ..layout.sizes import NOTE_PAD, task_lines
from ..text import NOTE_TEXT, TASK_TEXT, wrap
from .markup import font, label, strike

TASK_MARKERS = {
    "task": "",
    "userTask": "☺ bruger",
    "manualTask": "✍ manuel",
    "serviceTask": "⚙ automatisk",
    "sendTask": "✉ send",
    "receiveTask": "✉ modtag",
    "scriptTask": "✎ script",
    "businessRuleTask": "▦ regel",
}
EVENT_MARKERS = {None: "", "message": "✉", "timer": "◷", "error": "⚡", "terminate": "●"}
GATEWAY_MARKERS = {"exclusiveGateway": "×", "parallelGateway": "+", "eventBasedGateway": "⬠",
                   "inclusiveGateway": "○", "complexGateway": "✱"}
SUBPROCESS_MARKER = "⊞"

INK = "#222222"
MUTED = "#555555"
NOTE_FILL = "#FFF8D6"

HIGHLIGHT = {  # change status: (stroke, fill, border width, legend name)
    "moved": (*theme.CHANGE_COLORS["moved"], 3.5, "Flyttet"),
    "added": (*theme.CHANGE_COLORS["added"], 2.5, "Ny"),
    "changed": (*theme.CHANGE_COLORS["changed"], 2.5, "Omdøbt / ændret type / ventetid"),
    "removed": (*theme.CHANGE_COLORS["removed"], 1.5, "Fjernet"),  # also dashed, text struck
}
REMOVED_TEXT = "#707070"

SMALL = 8                        # points: task type markers, step counts
PAD = 6                     # points between a box's border and its text
AUTO_GATEWAY = 0.6          # inserted gateways are drawn this share of the layout size


def inches(points: float) -> str:
    return f"{points / 72:.4f}"


def size(box: Box, share: float = 1.0) -> dict:
    return dict(width=inches(box.w * share), height=inches(box.h * share), fixedsize="true")


def task(d: dict, box: Box, inner: int | None = None) -> dict:
    """A task, or (``inner`` = its number of steps) a collapsed subprocess."""
    marker = TASK_MARKERS.get(d["kind"], "")
    above = [(marker, SMALL, MUTED)] if marker else []
    below = [] if inner is None else [(f"{inner} trin", SMALL, MUTED), (SUBPROCESS_MARKER, 13, INK)]
    parts = ([font([text], pt, color) for text, pt, color in above]
             + [font(task_lines(d["label"], box.w), TASK_TEXT)]
             + [font([text], pt, color) for text, pt, color in below])
    attrs = dict(shape="box", style="rounded,filled", label=label("<BR/>".join(filter(None, parts))),
                 **size(box))
    if inner is not None:
        attrs["penwidth"] = "1.8"
    return attrs


def gateway(d: dict, box: Box) -> dict:
    share = AUTO_GATEWAY if d["auto"] else 1.0
    marker = font([GATEWAY_MARKERS.get(d["kind"], "")], 11 if d["auto"] else 20)
    return dict(shape="diamond", label=label(marker), **size(box, share))


def event(d: dict, box: Box) -> dict:
    kind = d["kind"]
    marker = EVENT_MARKERS.get(d["event"], "")
    attrs = dict(shape="circle", label=label(font([marker], 14)), **size(box))
    if kind == "endEvent":
        attrs["penwidth"] = "3"
    elif kind != "startEvent":  # intermediate and boundary events
        attrs.update(shape="doublecircle", **size(box, 0.9))
    return attrs


def note(text: str, box: Box) -> dict:
    lines = wrap(text, box.w - 2 * NOTE_PAD, NOTE_TEXT)
    return dict(shape="note", style="filled", fillcolor=NOTE_FILL, color=MUTED,
                label=label(font(lines, NOTE_TEXT)), **size(box))


def highlight(attrs: dict, status: str, node: bool = True) -> dict:
    """Node (or, ``node=False``, flow) ``attrs`` restyled for a ``HIGHLIGHT`` status: its colours
    and border; removed ones dashed with grey, struck-through text."""
    stroke, fill, pen, _ = HIGHLIGHT[status]
    looks = [attrs.get("style", "filled" if node else "")] + (["dashed"] if status == "removed" else [])
    attrs = dict(attrs, color=stroke, style=",".join(filter(None, looks)))
    if not node:
        return dict(attrs, fontcolor=stroke)
    attrs.update(fillcolor=fill, penwidth=f"{max(pen, float(attrs.get('penwidth', 0)))}")
    if status == "removed":
        attrs["fontcolor"] = REMOVED_TEXT
        text = "xlabel" if "xlabel" in attrs else "label" if attrs["shape"] == "box" else None
        if text:
            attrs[text] = label(strike(attrs[text][1:-1]))
    return attrs


def title(G, depts: list[str], k: float, changes: bool = False) -> str:
    """Process name, variant and theme, with a legend of the departments ``depts``, ``k`` times
    the normal size; ``changes=True`` (a diff) says "Forskelle" for the variant and adds a legend
    of the ``HIGHLIGHT`` statuses."""
    number = G.graph.get("theme")
    variant = "Forskelle" if changes else VARIANT_NAMES.get(G.graph["variant"], G.graph["variant"])
    sub = " · ".join(filter(None, [variant, f"Tema {number}" if number is not None else ""]))
    legend = _legend("Afdelinger:", [(theme.dept_color(d), theme.dept_stroke(d), 1, "",
                                      font([dept_name(d)], 12 * k)) for d in theme.legend_depts(depts)], k)
    if changes:
        statuses = _legend("Ændringer:", [
            (fill, stroke, 2, ' STYLE="dashed"' if status == "removed" else "",
             strike(font([name], 12 * k, REMOVED_TEXT)) if status == "removed" else font([name], 12 * k))
            for status, (stroke, fill, _, name) in HIGHLIGHT.items()], k)
        legend = (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT">{legend}</TD></TR>'
                  f'<TR><TD ALIGN="LEFT">{statuses}</TD></TR></TABLE>')
    return label(f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="{round(2 * k)}">'
                 f'<TR><TD ALIGN="LEFT">{font([G.graph["title"]], 24 * k, bold=True)}</TD>'
                 f'<TD ROWSPAN="2" VALIGN="BOTTOM">{legend}</TD></TR>'
                 f'<TR><TD ALIGN="LEFT">{font([sub], 15 * k, MUTED)}</TD></TR></TABLE>')


def _legend(name: str, cells: list[tuple[str, str, int, str, str]], k: float) -> str:
    """A legend table: ``name``, then cells of (fill, border, border width, more attributes, text)."""
    tds = "".join(f'<TD BGCOLOR="{fill}" COLOR="{stroke}" BORDER="{width}"{more}>{text}</TD>'
                  for fill, stroke, width, more, text in cells)
    return (f'<TABLE BORDER="0" CELLSPACING="{round(5 * k)}" CELLPADDING="{round(4 * k)}"><TR>'
            f'<TD>{font([name], 12 * k, MUTED)}</TD>{tds}</TR></TABLE>')
