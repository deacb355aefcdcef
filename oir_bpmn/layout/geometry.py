"""Plain geometry types shared by the layout and the exporters (integer diagram units)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple


class Box(NamedTuple):
    """An axis-aligned rectangle: top-left corner ``x, y``, size ``w × h``.

    A named tuple: the layout makes hundreds of thousands of them, and a tuple is made about
    three times as fast as a frozen dataclass (same equality and hash)."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def contains(self, other: "Box") -> bool:
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)

    def overlaps(self, other: "Box") -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


Point = tuple[int, int]


def segments(points: list[Point]) -> list[Box]:
    """The segments of an orthogonal polyline as zero-width or zero-height boxes."""
    out = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 == x1:
            if y0 != y1:
                out.append(Box(x0, y0, 0, y1 - y0) if y0 < y1 else Box(x0, y1, 0, y0 - y1))
        else:  # orthogonal: y0 == y1 (a slanted segment gets its bounding box)
            out.append(Box(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)))
    return out


MARKER = (18, 8)  # bpmn-js's slash on a default flow lies within this far along and across its start


def default_marker(points: list[Point]) -> Box:
    """Where the slash that marks a default flow is drawn: around the start of its first segment."""
    (x0, y0), (x1, y1) = points[0], points[1]
    along, across = MARKER
    if y0 == y1:
        return Box(x0 if x1 > x0 else x0 - along, y0 - across, along, 2 * across)
    return Box(x0 - across, y0 if y1 > y0 else y0 - along, 2 * across, along)


def distance(a: Box, b: Box) -> float:
    """Shortest distance between two boxes (0 when they touch or overlap)."""
    dx = max(0, a.x - b.right, b.x - a.right)
    dy = max(0, a.y - b.bottom, b.y - a.bottom)
    return math.hypot(dx, dy)


def reading_distance(label: Box, seg: Box) -> float:
    """How far a reader finds the line ``seg`` from the text ``label``: a horizontal line running
    under or over the text reads as twice as near as its plain distance (text is read as the
    label of the line it runs along)."""
    along = seg.h == 0 and seg.x < label.right and label.x < seg.right
    return distance(label, seg) / 2 if along else distance(label, seg)


def crossed(box: Box, seg: Box) -> bool:
    """True if the horizontal or vertical segment ``seg`` runs through the inside of ``box``."""
    if seg.w == 0:
        return box.x < seg.x < box.right and seg.y < box.bottom and box.y < seg.bottom
    return box.y < seg.y < box.bottom and seg.x < box.right and box.x < seg.right


@dataclass
class Layout:
    """Where everything of one diagram plane goes.

    nodes: flow node id -> Box (only the nodes of this plane)
    labels: node id or edge id -> Box of its external label (events, gateways, labelled flows)
    lanes, pools: lane id / pool id -> Box
    annotations: text annotation id -> Box
    edges: sequence/message flow id and association id -> orthogonal waypoints
    planes: subprocess id -> Layout of its contents (drawn on a plane of its own)
    """

    nodes: dict[str, Box] = field(default_factory=dict)
    labels: dict[str, Box] = field(default_factory=dict)
    lanes: dict[str, Box] = field(default_factory=dict)
    pools: dict[str, Box] = field(default_factory=dict)
    annotations: dict[str, Box] = field(default_factory=dict)
    edges: dict[str, list[Point]] = field(default_factory=dict)
    planes: dict[str, "Layout"] = field(default_factory=dict)
