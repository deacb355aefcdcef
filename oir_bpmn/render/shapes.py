"""Graphviz attributes of the BPMN shapes: tasks, subprocesses, events, gateways, notes, title.

Every shape has the fixed size of its layout box; text is wrapped (and for long task names set
smaller) so it fits inside. Labels are HTML-like and escaped, so user text can hold any character.
``highlight`` restyles a shape or flow by change status (the diff diagram); ``title`` then lists
the statuses in a second legend.
"""
from __future__ import annotations

from .. import kinds
from . import theme
from ..layout.geometry import Box
from ..model import VARIANT_NAMES, dept_name, note_kind
from ..text import BOLD, LINE, text_width
from .markup import esc, fit, font, label, strike

SUBPROCESS_MARKER = "⊞"

INK = "#222222"
MUTED = "#555555"
NOTE_FILL = "#FFF8D6"
NOTE_STYLES = {  # note kind: (fill, border, border width, dashed) – Okabe-Ito hues, and the line
    "question": ("#FFF1D0", "#D55E00", 2.5, False),     # style tells them apart without colour
    "assumption": ("#F6E4EF", "#8E3B6E", 1.5, True),
    "task_text": ("#FFFFFF", "#0072B2", 1.0, False),
    None: (NOTE_FILL, MUTED, 1.0, False),             # a note read from a BPMN file, of no kind
}

HIGHLIGHT = {  # change status: (stroke, fill, border width, legend name)
    "moved": (*theme.CHANGE_COLORS["moved"], 3.5, "Flyttet"),
    "added": (*theme.CHANGE_COLORS["added"], 2.5, "Ny"),
    "changed": (*theme.CHANGE_COLORS["changed"], 2.5, "Omdøbt / ændret type / ventetid"),
    "removed": (*theme.CHANGE_COLORS["removed"], 1.5, "Fjernet"),  # also dashed, text struck
}
REMOVED_TEXT = "#707070"

TASK_SIZES = (12, 11, 10, 9, 8)  # points: the largest at which a task name fits its box is used
NOTE_SIZES = (11, 10, 9, 8)
SMALL = 8                        # points: task type markers, step counts
PAD = 6                     # points between a box's border and its text
AUTO_GATEWAY = 0.6          # inserted gateways are drawn this share of the layout size


def inches(points: float) -> str:
    return f"{points / 72:.4f}"


def size(box: Box, share: float = 1.0) -> dict:
    return dict(width=inches(box.w * share), height=inches(box.h * share), fixedsize="true")


def task(d: dict, box: Box, inner: int | None = None) -> dict:
    """A task, or (``inner`` = its number of steps) a collapsed subprocess."""
    marker = kinds.marker(d["kind"])
    above = [(marker, SMALL, MUTED)] if marker else []
    below = [] if inner is None else [(f"{inner} trin", SMALL, MUTED), (SUBPROCESS_MARKER, 13, INK)]
    room = box.h - 2 * PAD - LINE * sum(pt for _, pt, _ in above + below)
    lines, points = fit(d["label"], box.w - 2 * PAD, room, TASK_SIZES)
    parts = ([font([text], pt, color) for text, pt, color in above] + [font(lines, points)]
             + [font([text], pt, color) for text, pt, color in below])
    attrs = dict(shape="box", style="rounded,filled", label=label("<BR/>".join(filter(None, parts))),
                 **size(box))
    if inner is not None:
        attrs["penwidth"] = "1.8"
    return attrs


def gateway(d: dict, box: Box) -> dict:
    share = AUTO_GATEWAY if d["auto"] else 1.0
    marker = font([kinds.marker(d["kind"])], 11 if d["auto"] else 20)
    return dict(shape="diamond", label=label(marker), **size(box, share))


def event(d: dict, box: Box) -> dict:
    kind = d["kind"]
    marker = kinds.marker(kind, d["event"])
    attrs = dict(shape="circle", label=label(font([marker], 14)), **size(box))
    if kind == "endEvent":
        attrs["penwidth"] = "3"
    elif kind != "startEvent":  # intermediate and boundary events
        attrs.update(shape="doublecircle", **size(box, 0.9))
    return attrs


def note(text: str, box: Box) -> dict:
    """A note styled by its kind (``model.NOTE_KINDS``), its prefix bold in the border colour."""
    kind = note_kind(text)
    fill, stroke, pen, dashed = NOTE_STYLES[kind]
    prefix = text.lstrip().partition(":")[0] + ":" if kind else ""
    extra = (BOLD - 1) * text_width(prefix, NOTE_SIZES[0])  # room the bold prefix takes more
    lines, points = fit(text.strip(), box.w - 2 * PAD - extra, box.h - PAD, NOTE_SIZES)
    body = "<BR/>".join(esc(line) for line in lines)
    if prefix and lines[0].startswith(prefix):
        body = f'<B><FONT COLOR="{stroke}">{esc(prefix)}</FONT></B>' + body[len(esc(prefix)):]
    return dict(shape="note", style="filled,dashed" if dashed else "filled", fillcolor=fill, color=stroke,
                penwidth=f"{pen}", label=label(f'<FONT POINT-SIZE="{points:.3g}">{body}</FONT>'),
                **size(box))


def highlight(attrs: dict, status: str, node: bool = True) -> dict:
    """Node (or, ``node=False``, flow) ``attrs`` restyled for a ``HIGHLIGHT`` status: its colours
    and border; removed ones dashed with grey, struck-through text."""
    stroke, fill, pen, _ = HIGHLIGHT[status]
    looks = [attrs.get("style", "filled" if node else "")] + (["dashed"] if status == "removed" else [])
    attrs = dict(attrs, color=stroke, style=",".join(filter(None, looks)))
    if not node:
        return dict(attrs, fontcolor=stroke)
    attrs["penwidth"] = f"{max(pen, float(attrs.get('penwidth', 0)))}"
    if status == "removed":  # others keep their lane's fill: a change is an outline (and a badge)
        attrs.update(fillcolor=fill, fontcolor=REMOVED_TEXT)
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
    sub = " · ".join(filter(None, [variant, f"Tema {number}" if number is not None else "",
                                   G.graph.get("municipality") or ""]))
    legend = _legend("Afdelinger:", [(theme.dept_color(d), theme.dept_stroke(d), 1, "",
                                      font([dept_name(d)], 12 * k)) for d in theme.legend_depts(depts)], k)
    if changes:
        statuses = _legend("Ændringer:", [
            (fill if status == "removed" else "white", stroke, 3, ' STYLE="dashed"' if status == "removed" else "",
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
