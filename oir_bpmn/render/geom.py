"""Layout coordinates → Graphviz points, for drawing the layout with ``neato -n2``.

One layout unit is one point. Two changes make room for horizontal text: everything right of the
label strips moves right by ``dx`` (so lane names fit in their strip), and a header band of
``header`` points is inserted above every pool with lanes (for the pool's name). Graphviz's y
grows upwards, so y is flipped. Example::

    >>> Frame(dx=40, headers=[0], bottom=100, header=30).point((60, 10))
    '100,98'
"""
from __future__ import annotations

from dataclasses import dataclass

from ..layout.geometry import Box, Point

MARGIN = 8    # free space under the lowest pool


@dataclass(frozen=True)
class Frame:
    """``dx``: shift of the content; ``headers``: layout y of the pools that get a header of
    ``header`` points; ``bottom``: layout y of the lowest pool's bottom; ``extra``: points added
    below it (for footnotes)."""

    dx: int
    headers: list[int]
    bottom: int
    header: int = 30
    extra: int = 0

    @property
    def height(self) -> int:
        """Height of the drawing in points, headers and extra rows included."""
        return self.down(self.bottom) + MARGIN + self.extra

    def down(self, y: float) -> float:
        """Layout ``y`` moved down by the headers above it (still growing downwards)."""
        return y + self.header * sum(1 for top in self.headers if top <= y)

    def gy(self, y: float) -> float:
        """Graphviz y (upwards) of layout ``y``."""
        return self.height - self.down(y)

    def point(self, p: Point) -> str:
        """Graphviz ``x,y`` of layout point ``p``."""
        return f"{_num(p[0] + self.dx)},{_num(self.gy(p[1]))}"

    def centre(self, box: Box) -> str:
        """Pinned ``pos`` of a node drawn in ``box``."""
        return f"{_num(box.x + self.dx + box.w / 2)},{_num((self.gy(box.y) + self.gy(box.bottom)) / 2)}!"

    def label_pos(self, box: Box) -> str:
        """``lp``/``xlp`` (label centre) of a text ``box``."""
        return self.centre(box)[:-1]

    def bb(self, x0: float, x1: float, top: float, bottom: float, above: float = 0) -> str:
        """Graphviz ``bb`` from x0 to x1 (points) and from ``top`` to ``bottom`` (layout y), with
        ``above`` points more on top."""
        return f"{_num(x0)},{_num(self.gy(bottom))},{_num(x1)},{_num(self.gy(top) + above)}"

    def spline(self, points: list[Point], tail: float = 0, head: float = 0) -> str:
        """Edge ``pos`` drawing the polyline ``points`` straight, with room for arrowheads.

        ``tail`` and ``head`` are the lengths of the arrowheads at each end (0: none).
        """
        pts = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        ends = []
        if tail:
            ends.append(f"s,{self.point(pts[0])}")
            pts[0] = _towards(pts[0], pts[1], tail)
        if head:
            ends.append(f"e,{self.point(pts[-1])}")
            pts[-1] = _towards(pts[-1], pts[-2], head)
        ctrl = [pts[0]] + [q for a, b in zip(pts, pts[1:]) for q in (a, b, b)]
        return " ".join(ends + [self.point(p) for p in ctrl])


def _towards(a: Point, b: Point, length: float) -> Point:
    """``a`` moved ``length`` (at most half the way) towards ``b``."""
    dist = abs(b[0] - a[0]) + abs(b[1] - a[1])  # segments are orthogonal
    t = min(length, dist / 2) / dist if dist else 0
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")
