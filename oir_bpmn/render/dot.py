"""Translate a process graph and its layout into a Graphviz graph with every position pinned.

``neato -n2`` draws the result exactly as ``oir_bpmn.layout`` placed it (the layout of the BPMN
export): pools are outer clusters, lanes inner clusters stacked as bands in declaration order,
nodes are pinned and flows follow the layout's waypoints. Lane names sit in a strip on the left,
pool names in a band on top, the title and legend above everything. Subprocesses are drawn
collapsed (one box with a ⊞ marker); notes of the steps inside them are listed under the diagram.
``highlight`` (node or flow id → change status of ``Theme.changes``) restyles steps and
flows and adds a legend of the statuses: the diff diagram.
"""
from __future__ import annotations

import math

import graphviz

from . import shapes
from .theme import THEME, Theme
from ..layout.geometry import Box, Layout
from ..layout import layout
from ..text import LINE, TEXT, fit, node_text, text_width, wrap
from ..layout.place import LABEL_GAP, STRIP
from ..layout.sizes import LABEL_W, label_lines
from ..kinds import family
from ..model import annotation_id, association_id, top_level
from .geom import Frame
from .markup import font, label

SLIDE_SIZE = "13.3334,7.5!"  # inches: a 16:9 slide (960 × 540 pt); "!" scales small diagrams up
ARROWSIZE = 0.8
ARROW_LEN = {"normal": 10, "odot": 8, "tee": 5}  # points at arrowsize 1 ("empty" as "normal")
BAND_WRAP = 12    # em: lane names wider than this are wrapped
TEXT_BOX = (1500, 850)  # points: in larger diagrams, title and lane names grow (see ``_scale``)


def build(G, slide: bool = False, highlight: dict[str, str] | None = None,
          theme: Theme = THEME, plan: Layout | None = None) -> graphviz.Digraph:
    """The pinned Graphviz drawing of ``G``; ``slide=True`` fits it to a 16:9 slide, ``highlight``
    colours nodes and flows by change status, ``theme`` gives colours, font and title sizes;
    ``plan`` is the layout of ``G`` (made if None)."""
    plan = plan or layout(G)
    marked = highlight or {}
    changes = highlight is not None
    k, band_pt, names, width, foot, frame = _frame(G, plan, theme)
    dot = graphviz.Digraph(name=f"{G.graph['key']}_{G.graph['variant']}", engine="neato")
    depts = [dept for _, _, dept in _bands(G)]
    heading = shapes.title(G, depts, k, changes, theme)
    dot.attr("graph", fontname=theme.font, forcelabels="true", outputorder="edgesfirst")
    dot.attr("node", fontname=theme.font, fontsize="10", color=theme.ink, fontcolor=theme.ink,
             style="filled", fillcolor="white", penwidth="1.2", margin="0")
    if slide:
        _slide_page(dot, heading, width, frame.height, title_height(k, changes, theme, G),
                    shapes.title_width(G, depts, k, changes, theme))
    else:
        dot.attr("graph", label=heading, labelloc="t", labeljust="l", pad="0.2")
    dot.attr("edge", fontname=theme.font, fontsize=str(TEXT), color=theme.ink,
             fontcolor=theme.muted, arrowsize=str(ARROWSIZE), penwidth="1.1")
    for pool in G.graph["pools"]:
        if pool["id"] in plan.pools:
            _add_pool(dot, G, plan, frame, pool, names, width, band_pt, marked, theme)
    _add_flows(dot, G, plan, frame, marked, theme)
    if foot:
        w = max(text_width(s, theme.foot_pt) for s in foot)
        dot.node("Notes_collapsed", label=label(font(foot, theme.foot_pt, theme.muted, align="LEFT")),
                 shape="plaintext", style="", pos=f"{w / 2 + shapes.PAD:.1f},{frame.extra / 2:.1f}!",
                 width=shapes.inches(w), height=shapes.inches(frame.extra), fixedsize="true")
    return dot


def _frame(G, plan: Layout, theme: Theme):
    """Title scale, lane-name size, wrapped lane names, drawing width, footnote lines and the
    ``Frame`` of the drawing of ``plan``."""
    k = _scale(plan)
    band_pt = theme.band_pt * min(math.sqrt(k), 1.5)
    names = {band: wrap(name, BAND_WRAP * band_pt, band_pt, bold=True) for band, name, _ in _bands(G)}
    strip = max([2 * STRIP] + [text_width(s, band_pt, True) + 20 for lines in names.values() for s in lines])
    dx = round(strip) - 2 * STRIP
    width = dx + max(box.right for box in plan.pools.values())
    foot = [s for line in _footnotes(G) for s in wrap(line, width - 2 * shapes.PAD, theme.foot_pt)]
    headers = [plan.pools[p["id"]].y for p in G.graph["pools"] if p["lanes"] and p["id"] in plan.pools]
    frame = Frame(dx, headers, max(box.bottom for box in plan.pools.values()), round(2.2 * band_pt),
                  round(len(foot) * LINE * theme.foot_pt))
    return k, band_pt, names, width, foot, frame


def drawing_size(G, plan: Layout, changes: bool = False, theme: Theme = THEME) -> tuple[float, float]:
    """Width and height in points of the slide drawing of ``G`` laid out as ``plan``, title and
    footnotes included (before it is fitted to the slide)."""
    k, _, _, width, _, frame = _frame(G, plan, theme)
    heading = shapes.title_width(G, [dept for _, _, dept in _bands(G)], k, changes, theme)
    return max(width, heading), frame.height + title_height(k, changes, theme, G)


def title_height(k: float, changes: bool, theme: Theme, G) -> float:
    """Points above the drawing that the title (of ``G``: as many lines as it wraps into) and its
    legends take (an upper bound)."""
    legend = (theme.legend_pt * LINE + 20) * k
    lines = len(shapes.title_lines(G, k, theme))
    return max((theme.title_pt * lines + theme.subtitle_pt) * LINE * k + 12 * k, legend * (2 if changes else 1)) + 8


def _slide_page(dot, heading: str, width: float, height: float, title_h: float, title_w: float) -> None:
    """Make the drawing exactly a 16:9 slide: the title as a pinned box on top, invisible
    corners that pad the drawing to 16:9, scaled to ``SLIDE_SIZE``."""
    total = height + title_h
    across = max(width, title_w)
    w, h = max(across, total * 16 / 9), max(total, across * 9 / 16)
    dot.attr("graph", size=SLIDE_SIZE, pad="0", margin="0")
    left = (f'<<TABLE BORDER="0" CELLPADDING="0" WIDTH="{int(title_w)}"><TR>'
            f'<TD ALIGN="LEFT">{heading[1:-1]}</TD></TR></TABLE>>')
    dot.node("Slide_title", label=left, shape="plaintext", style="", fixedsize="true",
             width=shapes.inches(title_w), height=shapes.inches(title_h),
             pos=f"{title_w / 2:.1f},{height + title_h / 2:.1f}!")
    for name, x, y in (("Slide_corner_low", 0, total - h), ("Slide_corner_high", w, total)):
        dot.node(name, label="", shape="point", style="invis", width="0", height="0", pos=f"{x:.1f},{y:.1f}!")


def _scale(plan: Layout) -> float:
    """How many times larger than ``TEXT_BOX`` the diagram is (at least 1): a slide shrinks it
    that much more, so the title and lane names are drawn that much (lane names: √) larger."""
    w = max(box.right for box in plan.pools.values())
    h = max(box.bottom for box in plan.pools.values())
    return max(1.0, w / TEXT_BOX[0], h / TEXT_BOX[1])


def _bands(G):
    """(id, name, department) of every lane, and of every pool without lanes, in declaration order."""
    for pool in G.graph["pools"]:
        for lane in pool["lanes"]:
            yield lane, G.graph["lanes"][lane]["name"], G.graph["lanes"][lane]["dept"]
        if not pool["lanes"]:
            yield pool["id"], pool["name"], pool["dept"]


def _add_pool(dot, G, plan: Layout, frame: Frame, pool: dict, names: dict, width: float,
              points: float, marked: dict[str, str], theme: Theme) -> None:
    box = plan.pools[pool["id"]]
    with dot.subgraph(name=f"cluster_{pool['id']}") as sub:
        sub.attr(color=theme.ink, penwidth="1.5")
        if pool["lanes"]:
            name = fit(pool["name"], width - 20, points, 1, bold=True)
            sub.attr(bb=frame.bb(0, width, box.y, box.bottom, frame.header), style="solid",
                     label=label(font([name], points, bold=True)),
                     lp=f"{10 + text_width(name, points, True) / 2:.1f},"
                        f"{frame.gy(box.y) + frame.header / 2:.1f}")
            for lane in pool["lanes"]:
                lane_box = plan.lanes[lane]
                dept = G.graph["lanes"][lane]["dept"]
                with sub.subgraph(name=f"cluster_{lane}") as lane_sub:
                    _band(lane_sub, frame, lane_box, names[lane], points, width,
                          theme.dept_color(dept), theme.dept_stroke(dept), "1")
                    inside = [n for n, d in _shown(G) if d["lane"] == lane]
                    _add_nodes(lane_sub, G, plan, frame, inside, marked, theme)
            loose = [n for n, d in _shown(G) if d["pool"] == pool["id"] and d["lane"] is None]
        else:
            _band(sub, frame, box, names[pool["id"]], points, width, theme.dept_color(pool["dept"]),
                  theme.ink, "1.5")
            loose = [n for n, d in _shown(G) if d["pool"] == pool["id"]]
        _add_nodes(sub, G, plan, frame, loose, marked, theme)


def _band(sub, frame: Frame, box: Box, name: list[str], points: float, width: float, fill: str,
          stroke: str, pen: str) -> None:
    """Cluster attributes of a horizontal band named in the left strip."""
    strip = frame.dx + 2 * STRIP
    sub.attr(bb=frame.bb(0, width, box.y, box.bottom), style="filled", fillcolor=fill, color=stroke,
             penwidth=pen, label=label(font(name, points, bold=True)),
             lp=f"{strip / 2:.1f},{(frame.gy(box.y) + frame.gy(box.bottom)) / 2:.1f}")


def _shown(G):
    """Top-level nodes with their data, in insertion order (subprocesses are drawn collapsed)."""
    return [(n, d) for n, d in G.nodes(data=True) if d["parent"] is None]


def _add_nodes(sub, G, plan: Layout, frame: Frame, nodes: list[str], marked: dict[str, str],
               theme: Theme) -> None:
    for n in nodes:
        d, box = G.nodes[n], plan.nodes[n]
        kind = family(d["kind"])
        if kind in ("event", "gateway"):
            attrs = shapes.event(d, box) if kind == "event" else shapes.gateway(d, box)
            text = plan.labels.get(n, Box(box.cx - LABEL_W // 2, box.bottom + LABEL_GAP, LABEL_W, 0))
            lines = node_text(d, text.w)
            if lines:
                top = Box(text.x, text.y, text.w, round(len(lines) * LINE * TEXT))
                attrs.update(xlabel=label(font(lines, TEXT)), xlp=frame.label_pos(top))
        elif d["kind"] == "subProcess":
            attrs = shapes.task(d, box, sum(1 for m in G.nodes if m != n and top_level(G, m) == n), theme)
        else:
            attrs = shapes.task(d, box, theme=theme)
        if n in marked:
            attrs = shapes.highlight(attrs, marked[n], theme=theme)
        sub.node(n, pos=frame.centre(box), **attrs)
        for i, note in enumerate(d["notes"]):
            aid = annotation_id(n, i)
            sub.node(aid, pos=frame.centre(plan.annotations[aid]), **shapes.note(note, plan.annotations[aid], theme))


def _add_flows(dot, G, plan: Layout, frame: Frame, marked: dict[str, str], theme: Theme) -> None:
    for u, v, d in G.edges(data=True):
        eid = d.get("id") or f"Flow_{u}_{v}"
        if eid not in plan.edges:
            continue  # a flow inside a collapsed subprocess
        attrs = {"id": eid}
        tail, head = 0, ARROW_LEN["normal"]
        if d["flow"] == "message":
            attrs.update(style="dashed", color=theme.message, fontcolor=theme.message,
                         dir="both", arrowtail="odot", arrowhead="empty")
            tail = ARROW_LEN["odot"]
        elif d.get("default"):
            attrs.update(dir="both", arrowtail="tee")
            tail = ARROW_LEN["tee"]
        attrs["pos"] = frame.spline(plan.edges[eid], tail * ARROWSIZE, head * ARROWSIZE)
        if d.get("label") and eid in plan.labels:
            attrs.update(label=label(font(label_lines(d["label"]), TEXT)),
                         lp=frame.label_pos(plan.labels[eid]))
        if eid in marked:
            attrs = shapes.highlight(attrs, marked[eid], node=False, theme=theme)
        dot.edge(top_level(G, u), top_level(G, v), **attrs)
    for n, d in _shown(G):
        for i, _ in enumerate(d["notes"]):
            aid = association_id(n, i)
            dot.edge(n, annotation_id(n, i), id=aid, pos=frame.spline(plan.edges[aid]),
                     style="dotted", arrowhead="none", color=theme.muted)


def _footnotes(G) -> list[str]:
    """One line per note of a step inside a collapsed subprocess, then ``G.graph["footnotes"]``
    (the numbered notes of a slide page)."""
    return [f"{shapes.SUBPROCESS_MARKER} {G.nodes[top_level(G, m)]['label']} › {d['label']}: {text}"
            for m, d in G.nodes(data=True) if d["parent"] is not None
            for text in d["notes"]] + list(G.graph.get("footnotes", ()))
