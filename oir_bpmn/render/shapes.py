"""Graphviz attributes of the BPMN shapes: tasks, subprocesses, events, gateways, notes, title.

Every shape has the fixed size of its layout box; text is wrapped as the layout measured it
(``layout.sizes``), so it fits inside at full size. Labels are HTML-like and escaped, so user text can hold any character.
``highlight`` restyles a shape or flow by change status (the diff diagram); ``title`` then lists
the statuses in a second legend. Colours and title sizes come from a ``theme.Theme``.
"""
from __future__ import annotations

from .. import kinds
from .theme import THEME, Theme, legend_depts
from ..layout.geometry import Box
from ..model import VARIANT_NAMES, dept_name, note_kind
from ..layout.sizes import NOTE_PAD, task_lines
from ..text import NOTE_TEXT, TASK_TEXT, fit, text_width, wrap
from .markup import esc, font, label, strike

SUBPROCESS_MARKER = "⊞"

SMALL = 8                        # points: task type markers, step counts
PAD = 6                     # points between a box's border and its text
AUTO_GATEWAY = 0.6          # inserted gateways are drawn this share of the layout size
TITLE_EMS = 32              # a title line is at most this many ems of the title font wide …
TITLE_LINES = 3             # … and a longer title is cut after this many lines, with "…"


def inches(points: float) -> str:
    return f"{points / 72:.4f}"


def size(box: Box, share: float = 1.0) -> dict:
    return dict(width=inches(box.w * share), height=inches(box.h * share), fixedsize="true")


def task(d: dict, box: Box, inner: int | None = None, theme: Theme = THEME) -> dict:
    """A task, or (``inner`` = its number of steps) a collapsed subprocess."""
    marker = kinds.marker(d["kind"])
    above = [(marker, SMALL, theme.muted)] if marker else []
    below = [] if inner is None else [(f"{inner} trin", SMALL, theme.muted), (SUBPROCESS_MARKER, 13, theme.ink)]
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


def note(text: str, box: Box, theme: Theme = THEME) -> dict:
    """A note styled by its kind (``model.NOTE_KINDS``, ``theme.notes``), its prefix bold in the
    border colour; a note of no kind (read from a BPMN file) in ``theme.note_fill``."""
    kind = note_kind(text)
    fill, stroke, pen, dashed = theme.notes.get(kind, (theme.note_fill, theme.muted, 1.0, False))
    prefix = text.lstrip().partition(":")[0] + ":" if kind else ""
    extra = text_width(prefix, NOTE_TEXT, bold=True) - text_width(prefix, NOTE_TEXT)  # the bold prefix is wider
    lines = wrap(text.strip(), box.w - 2 * NOTE_PAD - extra, NOTE_TEXT)
    body = "<BR/>".join(esc(line) for line in lines)
    if prefix and lines[0].startswith(prefix):
        body = f'<B><FONT COLOR="{stroke}">{esc(prefix)}</FONT></B>' + body[len(esc(prefix)):]
    return dict(shape="note", style="filled,dashed" if dashed else "filled", fillcolor=fill, color=stroke,
                penwidth=f"{pen}", label=label(f'<FONT POINT-SIZE="{NOTE_TEXT}">{body}</FONT>'), **size(box))


def highlight(attrs: dict, status: str, node: bool = True, theme: Theme = THEME) -> dict:
    """Node (or, ``node=False``, flow) ``attrs`` restyled for a change status of
    ``theme.changes``: its colours and border; removed ones dashed with grey, struck-through text."""
    stroke, fill, pen, _ = theme.changes[status]
    looks = [attrs.get("style", "filled" if node else "")] + (["dashed"] if status == "removed" else [])
    attrs = dict(attrs, color=stroke, style=",".join(filter(None, looks)))
    if not node:
        return dict(attrs, fontcolor=stroke)
    attrs["penwidth"] = f"{max(pen, float(attrs.get('penwidth', 0)))}"
    if status == "removed":  # others keep their lane's fill: a change is an outline (and a badge)
        attrs.update(fillcolor=fill, fontcolor=theme.removed_text)
        text = "xlabel" if "xlabel" in attrs else "label" if attrs["shape"] == "box" else None
        if text:
            attrs[text] = label(strike(attrs[text][1:-1]))
    return attrs


def title(G, depts: list[str], k: float, changes: bool = False, theme: Theme = THEME) -> str:
    """Process name, variant and theme number, with a legend of the departments ``depts``, ``k``
    times the normal size; ``changes=True`` (a diff) says "Forskelle" for the variant and adds a
    legend of the change statuses."""
    number = G.graph.get("theme")
    variant = "Forskelle" if changes else VARIANT_NAMES.get(G.graph["variant"], G.graph["variant"])
    sub = " · ".join(filter(None, [variant, f"Tema {number}" if number is not None else "",
                                   G.graph.get("municipality") or ""]))
    pt = theme.legend_pt * k
    legend = _legend("Afdelinger:", [(theme.dept_color(d), theme.dept_stroke(d), 1, "",
                                      font([dept_name(d)], pt)) for d in legend_depts(depts)], k, theme)
    if changes:
        statuses = _legend("Ændringer:", [
            (fill if status == "removed" else "white", stroke, 3, ' STYLE="dashed"' if status == "removed" else "",
             strike(font([name], pt, theme.removed_text)) if status == "removed" else font([name], pt))
            for status, (stroke, fill, _, name) in theme.changes.items()], k, theme)
        legend = (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT">{legend}</TD></TR>'
                  f'<TR><TD ALIGN="LEFT">{statuses}</TD></TR></TABLE>')
    lines = title_lines(G, k, theme)
    heading = font(lines, theme.title_pt * k, bold=True, align="LEFT" if len(lines) > 1 else "")
    return label(f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="{round(2 * k)}">'
                 f'<TR><TD ALIGN="LEFT">{heading}</TD>'
                 f'<TD ROWSPAN="2" VALIGN="BOTTOM">{legend}</TD></TR>'
                 f'<TR><TD ALIGN="LEFT">{font([sub], theme.subtitle_pt * k, theme.muted)}</TD></TR></TABLE>')


def title_lines(G, k: float, theme: Theme = THEME) -> list[str]:
    """The process title as drawn: wrapped at ``TITLE_EMS``, at most ``TITLE_LINES`` lines (the
    whole title is in the BPMN documentation and the pack)."""
    pt = theme.title_pt * k
    return wrap(fit(G.graph["title"], TITLE_EMS * pt, pt, TITLE_LINES, bold=True), TITLE_EMS * pt, pt, bold=True)


def title_width(G, depts: list[str], k: float, changes: bool = False, theme: Theme = THEME) -> float:
    """Points that ``title`` takes across (an upper bound)."""
    pt = theme.legend_pt * k
    cell = lambda text: text_width(text, pt) + 2 * round(4 * k) + 2 + round(5 * k)  # noqa: E731
    rows = [["Afdelinger:"] + [dept_name(d) for d in legend_depts(depts)]]
    if changes:
        rows.append(["Ændringer:"] + [name for _, _, _, name in theme.changes.values()])
    sub = " · ".join(filter(None, ["Forskelle · Tema 10", G.graph.get("municipality") or ""]))
    heading = max(max(text_width(line, theme.title_pt * k, bold=True) for line in title_lines(G, k, theme)),
                  text_width(sub, theme.subtitle_pt * k))
    return heading + max(sum(cell(text) for text in row) for row in rows) + 12 * k + 10


def _legend(name: str, cells: list[tuple[str, str, int, str, str]], k: float, theme: Theme) -> str:
    """A legend table: ``name``, then cells of (fill, border, border width, more attributes, text)."""
    tds = "".join(f'<TD BGCOLOR="{fill}" COLOR="{stroke}" BORDER="{width}"{more}>{text}</TD>'
                  for fill, stroke, width, more, text in cells)
    return (f'<TABLE BORDER="0" CELLSPACING="{round(5 * k)}" CELLPADDING="{round(4 * k)}"><TR>'
            f'<TD>{font([name], theme.legend_pt * k, theme.muted)}</TD>{tds}</TR></TABLE>')
