"""Where the crossings of a synthetic model's layout are: counts per class, to see what to attack.

Run: ``.venv/bin/python bench/crossing_classes.py [SIZE ...]`` (default 1000 5000). Each crossing
between sequence flows (as ``layout.metrics.crossings`` counts them) falls in one class:

- loop: one of the two flows runs back (a loop, through its corridor);
- lane between: a vertical between lanes crosses a line of a lane it passes (fixed by columns);
- lane end: a vertical between lanes crosses a line in the lane it leaves or enters;
- within lane: both in one lane.
"""
from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections import Counter

from oir_bpmn.layout import layout
from oir_bpmn.layout.metrics import crossings
from oir_bpmn.load import build_graph

from bench_layout import synthetic


def classes(G, lay) -> Counter:
    """Crossings of the main plane's sequence flows, per class."""
    flows = {d["id"] for _, _, d in G.edges(data=True) if d.get("flow") == "sequence"}
    bands = [*lay.lanes.values(), *(lay.pools[p["id"]] for p in G.graph.get("pools") or () if not p.get("lanes"))]
    tops = sorted(box.y for box in bands)

    def lane(y: int) -> int:
        return bisect_right(tops, y)

    horizontal, vertical = [], []
    for eid, pts in lay.edges.items():
        if eid not in flows:
            continue
        back = any(b[0] < a[0] for a, b in zip(pts, pts[1:]))
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            if y0 == y1 and x0 != x1:
                horizontal.append((min(x0, x1), max(x0, x1), y0, eid, back))
            elif x0 == x1 and y0 != y1:
                vertical.append((x0, min(y0, y1), max(y0, y1), eid, back))
    events = [(h[0], 1, h) for h in horizontal] + [(h[1], 0, h) for h in horizontal]
    events += [(v[0], 0.5, v) for v in vertical]  # verticals meet horizontals open strictly around them
    events.sort(key=lambda e: (e[0], e[1]))
    open_: list[tuple[int, str, bool]] = []  # (y, flow, back) of the horizontals under the sweep
    found = Counter()
    for _, kind, seg in events:
        if kind == 1:
            open_.insert(bisect_left(open_, (seg[2], seg[3], seg[4])), (seg[2], seg[3], seg[4]))
        elif kind == 0:
            open_.pop(bisect_left(open_, (seg[2], seg[3], seg[4])))
        else:
            _, y0, y1, eid, back = seg
            lo, hi = lane(y0), lane(y1)
            for y, other, other_back in open_[bisect_right(open_, (y0, "\uffff")):bisect_left(open_, (y1, ""))]:
                if other == eid:
                    continue
                if back or other_back:
                    found["loop"] += 1
                elif lo < lane(y) < hi:
                    found["lane between"] += 1
                elif lo != hi:
                    found["lane end"] += 1
                else:
                    found["within lane"] += 1
    return found


def main(sizes: list[int]) -> None:
    for size in sizes:
        G = build_graph(synthetic(size))
        lay = layout(G)
        found = classes(G, lay)
        parts = "  ".join(f"{name} {count}" for name, count in found.most_common())
        print(f"{G.number_of_nodes():6d} nodes  crossings {crossings(lay, G)}  main plane: {parts}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
