"""Is every label read right? Geometry checks of the labels of a ``Layout``, for tests and bench.

A reader takes a flow's label for the flow nearest to it, so a label must be nearer to its own
flow than to any other; no line may run through a label, and no label may cover a shape, an
annotation or another label. ``label_problems`` lists every breach, in every plane.
"""
from __future__ import annotations

import math

from .geometry import Box, Layout, Point, crossed, reading_distance, segments
from .index import BoxIndex

NEAR = 60  # flows farther than this from a label cannot be mistaken for its own


def label_problems(layout: Layout, flows: set[str]) -> list[tuple[str, str]]:
    """``(label key, problem)`` for every label that can be misread; ``flows`` are the ids of the
    sequence and message flows (their labels are checked for ambiguity too).

    Problems: "ambiguous: nearer to <flow>", "crossed by <edge>", "overlaps <key>".
    """
    found: list[tuple[str, str]] = []
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
