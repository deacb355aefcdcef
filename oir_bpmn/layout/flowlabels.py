"""Flow labels a reader cannot misread: each sits by its flow's own line, clear of everything.

Branches that leave a gateway together share their first stretch of line, so a label there is
as near to a sibling as to its own flow. ``LabelPlacer`` knows which parts of every route are a
flow's own (no other flow runs on them) and tries places beside those parts, from the flow's
start on: the first place that covers no shape or text, that no line runs through and that is
clearly nearer to its own flow than to any other wins.
"""
from __future__ import annotations

import math
from bisect import bisect_left

from .geometry import Box, Point, crossed
from .index import BoxIndex

NEAR = 60      # flows farther than this from a label cannot be mistaken for its own
CLEAR = 20     # a label is this much nearer to its own flow than to any other
OFFSET = 3     # a label's distance from its line
STEP = 10      # spacing of the places tried along a line
TRIES = 12     # places tried along one stretch of line


def segment_index(paths: dict[str, list[Box]]) -> BoxIndex:
    """Every segment of ``paths`` (edge id -> its ``segments``) in a spatial index, keyed by edge id."""
    lines = BoxIndex()
    for eid, segs in paths.items():
        lines.add_all(eid, segs)
    return lines


class Lines:
    """The stretches of flows on every horizontal and vertical line, to find shared ones."""

    def __init__(self, paths: dict[str, list[Box]], flows: set[str]) -> None:
        by_line: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
        for eid, segs in paths.items():  # (any order: every line's spans are sorted below)
            if eid not in flows:
                continue
            for x, y, w, h in segs:
                if w == 0:
                    by_line.setdefault(("v", x), []).append((y, y + h, eid))
                else:
                    by_line.setdefault(("h", y), []).append((x, x + w, eid))
        self.starts, self.spans, self.longest = {}, {}, {}
        for key, spans in by_line.items():
            spans.sort()
            self.spans[key] = spans
            self.starts[key] = [lo for lo, _, _ in spans]
            self.longest[key] = max(hi - lo for lo, hi, _ in spans)

    def others(self, key: tuple[str, int], lo: int, hi: int, eid: str) -> list[tuple[int, int]]:
        """Parts of ``lo..hi`` on line ``key`` that flows other than ``eid`` run on, sorted."""
        spans, starts = self.spans[key], self.starts[key]
        first = bisect_left(starts, lo - self.longest[key])
        last = bisect_left(starts, hi)
        return sorted((max(lo, s), min(hi, e)) for s, e, other in spans[first:last]
                      if other != eid and s < hi and lo < e)

    def own_parts(self, eid: str, points: list[Point]) -> list[tuple[Box, int]]:
        """The stretches of the route ``points`` of ``eid`` that no other flow runs on, in route
        order, each with its direction (+1 towards larger x or y, -1 towards smaller)."""
        out = []
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if (x0, y0) == (x1, y1):
                continue
            vertical = x0 == x1
            a, b = (y0, y1) if vertical else (x0, x1)
            lo, hi = min(a, b), max(a, b)
            free, cur = [], lo
            for s, e in self.others(("v", x0) if vertical else ("h", y0), lo, hi, eid):
                if s > cur:
                    free.append((cur, s))
                cur = max(cur, e)
            if cur < hi:
                free.append((cur, hi))
            step = 1 if b > a else -1
            for s, e in free if step > 0 else reversed(free):
                out.append((Box(x0, s, 0, e - s) if vertical else Box(s, y0, e - s, 0), step))
        return out


class LabelPlacer:
    """Places flow labels of one plane; ``edges`` are the routes of the ``flows``, ``paths``
    their ``segments``, ``boxes`` holds the shapes and texts placed before, ``lines`` every
    segment of every route (``segment_index``)."""

    def __init__(self, edges: dict[str, list[Point]], paths: dict[str, list[Box]], flows: set[str],
                 boxes: BoxIndex, lines: BoxIndex) -> None:
        self.edges, self.paths, self.flows, self.boxes, self.lines = edges, paths, flows, boxes, lines
        self.shared = Lines(paths, flows)

    def faults(self, box: Box, eid: str) -> float:
        """How badly ``box`` would read as the label of ``eid``: 0 is perfect; covering something
        costs 10, a line through it 5, another flow nearer than ``CLEAR`` more than its own up
        to 3 (the nearer, the more)."""
        if box.x < 0 or box.y < 0:
            return 100
        bad = 0.0 if self.boxes.free(box) else 10.0
        near = self.lines.items_near(box, NEAR)
        bad += 5 * sum(1 for _, seg in near if crossed(box, seg))
        mine = _nearest(box, self.paths[eid])
        rival = _nearest(box, [seg for other, seg in near if other != eid and other in self.flows])
        if rival < mine + CLEAR:
            bad += 3 * min(1.0, (mine + CLEAR - rival) / CLEAR)
        return bad

    def candidates(self, eid: str, w: int, h: int):
        """Places beside the flow's own stretches, horizontal ones first, each nearest to the
        flow's start first; then beside its first segments, shared or not."""
        parts = self.shared.own_parts(eid, self.edges[eid])
        for seg, step in parts:  # text reads along a horizontal line: those first
            if seg.h == 0:
                yield from _beside(seg, step, w, h)
        for seg, step in parts:
            if seg.w == 0:
                yield from _beside(seg, step, w, h)
        for seg in self.paths[eid][:2]:
            yield from _beside(seg, 1, w, h)

    def place(self, eid: str, size: tuple[int, int]) -> Box:
        """The best place for the label of ``eid`` (``w, h``); it is reserved in ``boxes``."""
        w, h = size
        best, best_faults = None, math.inf
        for box in self.candidates(eid, w, h):
            bad = self.faults(box, eid)
            if bad < best_faults:
                best, best_faults = box, bad
                if not bad:
                    break
        if best is None:  # a flow without a route of any length
            x, y = self.edges[eid][0]
            best = Box(max(x, 0), max(y, 0), w, h)
        self.boxes.add(eid, best)
        return best


def _nearest(label: Box, segs: list[Box]) -> float:
    """``min(reading_distance(label, seg) for seg in segs)`` (inf for none), written out: the
    placer asks it for every place it tries, and the calls were most of its time."""
    x, y, w, h = label
    right, bottom = x + w, y + h
    best = math.inf
    for sx, sy, sw, sh in segs:
        d = math.hypot(max(0, x - sx - sw, sx - right), max(0, y - sy - sh, sy - bottom))
        if sh == 0 and sx < right and x < sx + sw:  # along the text: reads as half as far
            d /= 2
        if d < best:
            best = d
    return best


def _beside(seg: Box, step: int, w: int, h: int):
    """Label boxes ``w × h`` along a stretch ``seg`` running in direction ``step``: above and
    below a horizontal one, right and left of a vertical one."""
    vertical = seg.w == 0
    lo, hi = (seg.y, seg.bottom) if vertical else (seg.x, seg.right)
    extent = h if vertical else w
    room = max(0, hi - lo - 2 * OFFSET - extent)
    for k in range(min(TRIES, room // STEP + 1)):
        at = lo + OFFSET + k * STEP if step > 0 else hi - OFFSET - extent - k * STEP
        if vertical:
            yield Box(seg.x + OFFSET + 1, at, w, h)
            yield Box(seg.x - OFFSET - 1 - w, at, w, h)
        else:
            yield Box(at, seg.y - OFFSET - h, w, h)
            yield Box(at, seg.y + OFFSET, w, h)
