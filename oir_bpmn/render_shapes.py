"""Graphviz attributes of the BPMN shapes: tasks, subprocesses, events, gateways, notes, title.

Every shape has the fixed size of its layout box; text is wrapped (and for long task names set
smaller) so it fits inside. Labels are HTML-like and escaped, so user text can hold any character.
"""
from __future__ import annotations

from . import style
from .geometry import Box
from .render_text import LINE, fit, font, label, wrap

VARIANT_NAMES = {"current": "Nuværende", "future": "Fremtidig"}

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
GATEWAY_MARKERS = {"exclusiveGateway": "×", "parallelGateway": "+", "eventBasedGateway": "⬠"}
SUBPROCESS_MARKER = "⊞"

INK = "#222222"
MUTED = "#555555"
NOTE_FILL = "#FFF8D6"
MESSAGE_COLOR = "#0072B2"  # Okabe-Ito blue

TASK_SIZES = (12, 11, 10, 9, 8)  # points: the largest at which a task name fits its box is used
NOTE_SIZES = (11, 10, 9, 8)
SMALL = 8                        # points: task type markers, step counts
TEXT = 10                        # points: labels of events, gateways and flows
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
    room = box.h - 2 * PAD - LINE * sum(pt for _, pt, _ in above + below)
    lines, points = fit(d["label"], box.w - 2 * PAD, room, TASK_SIZES)
    parts = ([font([text], pt, color) for text, pt, color in above] + [font(lines, points)]
             + [font([text], pt, color) for text, pt, color in below])
    attrs = dict(shape="box", style="rounded,filled", label=label("<BR/>".join(parts)), **size(box))
    if inner is not None:
        attrs["penwidth"] = "1.8"
    return attrs


def gateway(d: dict, box: Box) -> dict:
    share = AUTO_GATEWAY if d["auto"] else 1.0
    marker = font([GATEWAY_MARKERS[d["kind"]]], 11 if d["auto"] else 20)
    return dict(shape="diamond", label=label(marker), **size(box, share))


def event(d: dict, box: Box) -> dict:
    kind = d["kind"]
    marker = EVENT_MARKERS[d["event"]]
    attrs = dict(shape="circle", label=label(font([marker], 14) if marker else ""), **size(box))
    if kind == "endEvent":
        attrs["penwidth"] = "3"
    elif kind.startswith("intermediate"):
        attrs.update(shape="doublecircle", **size(box, 0.9))
    return attrs


def event_text(d: dict, width: int) -> list[str]:
    """The lines under an event or gateway: its name and, for a timer, the wait."""
    lines = wrap(d["label"], width - 8, TEXT) if d["label"] else []
    if d["duration"] is not None and d["label"] != d["duration"].danish():
        lines.append(d["duration"].danish())
    return lines


def note(text: str, box: Box) -> dict:
    lines, points = fit(text, box.w - 2 * PAD, box.h - PAD, NOTE_SIZES)
    return dict(shape="note", style="filled", fillcolor=NOTE_FILL, color=MUTED,
                label=label(font(lines, points)), **size(box))


def title(G, depts: list[str], k: float) -> str:
    """Process name, variant and theme, with a legend of the departments ``depts``, ``k`` times
    the normal size."""
    theme = G.graph.get("theme")
    sub = " · ".join(filter(None, [VARIANT_NAMES.get(G.graph["variant"], G.graph["variant"]),
                                   f"Tema {theme}" if theme is not None else ""]))
    cells = "".join(f'<TD BGCOLOR="{style.dept_color(d)}" COLOR="{style.dept_stroke(d)}" BORDER="1">'
                    f'{font([style.dept_name(d)], 12 * k)}</TD>' for d in style.legend_depts(depts))
    legend = (f'<TABLE BORDER="0" CELLSPACING="{round(5 * k)}" CELLPADDING="{round(4 * k)}"><TR>'
              f'<TD>{font(["Afdelinger:"], 12 * k, MUTED)}</TD>{cells}</TR></TABLE>')
    return label(f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="{round(2 * k)}">'
                 f'<TR><TD ALIGN="LEFT">{font([G.graph["title"]], 24 * k, bold=True)}</TD>'
                 f'<TD ROWSPAN="2" VALIGN="BOTTOM">{legend}</TD></TR>'
                 f'<TR><TD ALIGN="LEFT">{font([sub], 15 * k, MUTED)}</TD></TR></TABLE>')
