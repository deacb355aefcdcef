"""Is every label read right? Geometry checks of the labels of a ``Layout``, for tests and bench.

A reader takes a flow's label for the flow nearest to it, so a label must be nearer to its own
flow than to any other; no line may run through a label, and no label may cover a shape, an
annotation or another label. ``label_problems`` lists every breach, in every plane; given the
graph, also lines a reader confuses (``line_problems``): two unrelated flows side by side closer
than ``APART`` or on one line, and a default flow whose marker runs into a label.
"""
from __future__ import annotations

import math

from .geometry import Box, Layout, Point, crossed, default_marker, reading_distance, segments
from .index import BoxIndex

NEAR = 60  # flows farther than this from a label cannot be mistaken for its own
APART = 20  # px: unrelated parallel lines closer than this read as one (at 100 %)


def label_problems(layout: Layout, flows: set[str], G=None) -> list[tuple[str, str]]:
    """``(label key, problem)`` for every label that can be misread; ``flows`` are the ids of the
    sequence and message flows (their labels are checked for ambiguity too); with the graph
    ``G`` the ``line_problems`` too.

    Problems: "ambiguous: nearer to <flow>", "crossed by <edge>", "overlaps <key>".
    """
    found: list[tuple[str, str]] = line_problems(layout, G) if G is not None else []
    for plane in [layout, *layout.planes.values()]:
        lines = BoxIndex()
        for eid, pts in plane.edges.items():
            for seg in segments(pts):
                lines.add(eid, seg)
        boxes = BoxIndex()
        for key, box in [*plane.nodes.items(), *plane.annotations.items()]:
            boxes.add(key, box)
        placed = list(plane.labels.items())
        for k, (key, box) in enumerate(placed):
            for other in boxes.hits(box):
                if other != key:
                    found.append((key, f"overlaps {other}"))
            for other, obox in placed[k + 1:]:
                if box.overlaps(obox):
                    found.append((key, f"overlaps label of {other}"))
            for eid in sorted({e for e, seg in lines.items_near(box, 0) if crossed(box, seg)}):
                found.append((key, f"crossed by {eid}"))
            if key in flows and key in plane.edges:
                nearest = nearest_flow(box, key, plane.edges[key], lines, flows)
                if nearest:
                    found.append((key, f"ambiguous: nearer to {nearest}"))
    return found


def nearest_flow(box: Box, own: str, points: list[Point], lines: BoxIndex, flows: set[str]) -> str | None:
    """Another flow at least as near to ``box`` as its own flow ``own``, or None."""
    mine = min(reading_distance(box, seg) for seg in segments(points))
    rivals = {}
    for eid, seg in lines.items_near(box, NEAR):
        if eid != own and eid in flows:
            rivals[eid] = min(rivals.get(eid, math.inf), reading_distance(box, seg))
    best = min(sorted(rivals), key=lambda e: rivals[e], default=None)
    return best if best is not None and rivals[best] <= mine else None


def line_problems(layout: Layout, G) -> list[tuple[str, str]]:
    """``(flow id, problem)`` for lines of ``G`` a reader confuses, in every plane: "runs N px
    beside <flow>" (parallel, closer than ``APART``), "runs on <flow>" (the same line) for two
    flows that share no step, and "default marker runs into the label of <key>"."""
    ends = {d["id"]: (u, v) for u, v, d in G.edges(data=True)}
    defaults = {d["id"] for _, _, d in G.edges(data=True) if d.get("default")}
    found = []
    for plane in [layout, *layout.planes.values()]:
        found += _crowded(plane, ends)
        for eid in sorted(defaults & plane.edges.keys()):
            marker = default_marker(plane.edges[eid])
            found += [(eid, f"default marker runs into the label of {key}")
                      for key, box in sorted(plane.labels.items()) if box.overlaps(marker)]
    return found


def _crowded(plane: Layout, ends: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Segments of flows that share no step, parallel and closer than ``APART`` along at least
    ``APART``, or on one line (overlapping)."""
    found = []
    lines = [(eid, seg) for eid, pts in plane.edges.items() if eid in ends for seg in segments(pts)]
    for vertical in (True, False):
        ordered = sorted((seg.x, seg.y, seg.bottom, eid) if vertical else (seg.y, seg.x, seg.right, eid)
                         for eid, seg in lines if (seg.w == 0) == vertical and (seg.w or seg.h))
        for i, (at, lo, hi, eid) in enumerate(ordered):
            for at2, lo2, hi2, eid2 in ordered[i + 1:]:
                if at2 - at >= APART:
                    break
                shared = min(hi, hi2) - max(lo, lo2)
                if eid2 == eid or set(ends[eid]) & set(ends[eid2]) or shared <= 0:
                    continue
                if at2 == at:
                    found.append((eid, f"runs on {eid2} for {shared} px"))
                elif shared >= APART:
                    found.append((eid, f"runs {at2 - at} px beside {eid2}"))
    return found
