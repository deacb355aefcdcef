"""Quality checks of a ``Layout``: pure functions used by the tests and the bench.

Each walks the main plane and every subprocess plane in ``layout.planes``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .geometry import Box, Layout, Point
from .index import BoxIndex
from ..model import annotation_id, association_id


def _planes(layout: Layout):
    yield layout
    yield from layout.planes.values()


def overlaps(layout: Layout) -> list[tuple[str, str]]:
    """Pairs of overlapping boxes (nodes, labels, annotations) within one plane, sorted."""
    pairs = set()
    for plane in _planes(layout):
        index = BoxIndex()
        items = [*plane.nodes.items(), *((k + "#label", b) for k, b in plane.labels.items()),
                 *plane.annotations.items()]
        for key, box in items:
            for other in index.hits(box):
                pairs.add(tuple(sorted((key, other))))
            index.add(key, box)
    return sorted(pairs)


def crossings(layout: Layout, G=None) -> int:
    """Proper crossings between horizontal and vertical segments of different flows.

    With ``G``, only sequence flows count; otherwise every routed edge does. A sweep over x
    with a Fenwick tree over y keeps this O(s log s) in the number of segments.
    """
    ids = None
    if G is not None:
        ids = {d.get("id") for _, _, d in G.edges(data=True) if d.get("flow") == "sequence"}
    total = 0
    for plane in _planes(layout):
        horizontal, vertical = [], []
        for eid, pts in plane.edges.items():
            if ids is not None and eid not in ids:
                continue
            for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
                if y0 == y1 and x0 != x1:
                    horizontal.append((min(x0, x1), max(x0, x1), y0))
                elif x0 == x1 and y0 != y1:
                    vertical.append((x0, min(y0, y1), max(y0, y1)))
        total += _count_crossings(horizontal, vertical)
    return total


def _count_crossings(horizontal, vertical) -> int:
    ys = sorted({y for _, _, y in horizontal})
    tree = [0] * (len(ys) + 1)

    def update(i: int, delta: int) -> None:
        i += 1
        while i <= len(ys):
            tree[i] += delta
            i += i & -i

    def prefix(i: int) -> int:  # count of active rows with index < i
        s = 0
        while i > 0:
            s += tree[i]
            i -= i & -i
        return s

    events = []
    for x0, x1, y in horizontal:
        events.append((x0, 1, y))   # open after verticals at x0 (strictly inside only)
        events.append((x1, 0, y))   # close before verticals at x1
    for x, y0, y1 in vertical:
        events.append((x, 0.5, (y0, y1)))
    events.sort(key=lambda e: (e[0], e[1]))
    count = 0
    for _, kind, arg in events:
        if kind == 1:
            update(bisect_left(ys, arg), 1)
        elif kind == 0:
            update(bisect_left(ys, arg), -1)
        else:
            y0, y1 = arg
            count += prefix(bisect_left(ys, y1)) - prefix(bisect_right(ys, y0))
    return count


def outside_lane(G, layout: Layout) -> list[str]:
    """Main-plane nodes whose box or label is not inside their lane (or pool, when lane-less)."""
    bad = []
    for n, box in layout.nodes.items():
        d = G.nodes[n]
        area = layout.lanes.get(d.get("lane")) or layout.pools.get(d.get("pool"))
        label = layout.labels.get(n)
        if area is None or not area.contains(box) or (label is not None and not area.contains(label)):
            bad.append(n)
    return bad


def _box_of(G, plane: Layout, n: str) -> Box | None:
    while n not in plane.nodes and n is not None:
        n = G.nodes[n].get("parent")
    return plane.nodes.get(n) if n is not None else None


def _on_border(p: Point, box: Box) -> bool:
    x, y = p
    inside = box.x <= x <= box.right and box.y <= y <= box.bottom
    return inside and (x in (box.x, box.right) or y in (box.y, box.bottom))


def _links(G):
    for u, v, d in G.edges(data=True):
        yield d.get("id"), u, v, None
    for n, d in G.nodes(data=True):
        for k in range(len(d.get("notes") or ())):
            yield association_id(n, k), n, None, annotation_id(n, k)


def bad_edge_ends(G, layout: Layout) -> list[str]:
    """Routed edges (flows, associations) whose ends are not exactly on their shapes' borders."""
    bad = []
    for plane in _planes(layout):
        for eid, u, v, note in _links(G):
            pts = plane.edges.get(eid)
            if pts is None:
                continue
            if note is not None:
                ends = (_box_of(G, plane, u), plane.annotations.get(note))
            else:
                ends = (_box_of(G, plane, u), _box_of(G, plane, v))
            if (len(pts) < 2 or None in ends or not _on_border(pts[0], ends[0])
                    or not _on_border(pts[-1], ends[1])
                    or any(not (isinstance(x, int) and isinstance(y, int)) for x, y in pts)):
                bad.append(eid)
    return bad


def non_orthogonal(G, layout: Layout) -> list[str]:
    """Flows of ``G`` without waypoints in any plane, or with a diagonal segment."""
    routed = {}
    for plane in _planes(layout):
        routed.update(plane.edges)
    bad = []
    for eid, _, _, _ in _links(G):
        pts = routed.get(eid)
        if pts is None or len(pts) < 2 or any(a[0] != b[0] and a[1] != b[1] for a, b in zip(pts, pts[1:])):
            bad.append(eid)
    return bad


def through_shapes(layout: Layout) -> list[tuple[str, str]]:
    """``(edge id, node id)`` for every edge segment running through the inside of a node."""
    found = []
    for plane in _planes(layout):
        index = BoxIndex()
        for n, box in plane.nodes.items():
            index.add(n, box)
        for eid, pts in plane.edges.items():
            for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
                segment = Box(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
                found += [(eid, n) for n in index.hits(segment) if (eid, n) not in found]
    return found
