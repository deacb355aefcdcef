"""Layout step 4, routing: orthogonal waypoints that never run through a shape.

Horizontal segments run on a row that the grid reserved for the edge (its own items or
dummies), in a row's free top/bottom channel (message flows) or in a band's loop corridor;
vertical segments run in the gaps between columns, each on its own track, or down a column
whose cells in between are empty. Routes are planned with symbolic x positions (a node's
border or centre, a gap track) because the gaps' widths depend on how many tracks they hold.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .geometry import Box, Point
from .grid import Grid
from .place import TRACK, Rows, Shape
from .tracks import order_tracks

XRef = tuple  # ("L" | "R" | "C", item) or ("g", jog group)
CHANNELS = (0, -4, 4)  # offsets of lines from the middle of a row's free strip


def partition(intervals: list[tuple[int, int]]) -> tuple[list[int], int]:
    """Tracks for closed intervals so that intervals on one track are disjoint; and the count."""
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i], i))
    heap: list[tuple[int, int]] = []
    tracks = [0] * len(intervals)
    count = 0
    for i in order:
        lo, hi = intervals[i]
        if heap and heap[0][0] < lo:
            track = heapq.heappop(heap)[1]
        else:
            track = count
            count += 1
        tracks[i] = track
        heapq.heappush(heap, (hi, track))
    return tracks, count


@dataclass
class Corridors:
    """Loop corridors: a band has one above and one below its rows, each with parallel tracks."""

    below: list[bool]    # per loop: runs below the target band's rows
    track: list[int]     # per loop
    top_h: list[int]     # per band: heights of the two corridors
    bottom_h: list[int]

    def y(self, k: int, band_top: int, band_bottom: int) -> int:
        """The y of loop ``k`` in a band spanning ``band_top..band_bottom``."""
        offset = TRACK * (self.track[k] + 1)
        return band_bottom - offset if self.below[k] else band_top + offset


def corridors(grid: Grid, loops: list[tuple[int, int]], n_bands: int) -> Corridors:
    """Put every loop ``(source, target)`` in a corridor of the target's band.

    A loop takes the corridor (above or below the rows) that fewer flows between bands cross
    within its columns, above on a tie; loops in one corridor get disjoint tracks.
    """
    entering: list[tuple[list[int], list[int]]] = [([], []) for _ in range(n_bands)]
    for chain in grid.chains.values():
        for a, b in zip(chain, chain[1:]):
            if grid.band[a] != grid.band[b]:
                down = grid.band[a] < grid.band[b]
                entering[grid.band[b]][0 if down else 1].append(grid.col[b])
                entering[grid.band[a]][1 if down else 0].append(grid.col[b])
    for sides in entering:
        sides[0].sort()
        sides[1].sort()
    spans = [(grid.col[t], grid.col[s] + 1) for s, t in loops]
    below = []
    for (lo, hi), (_, t) in zip(spans, loops):
        top, bottom = entering[grid.band[t]]
        count = [bisect_right(side, hi) - bisect_left(side, lo) for side in (top, bottom)]
        below.append(count[1] < count[0])
    result = Corridors(below, [0] * len(loops), [0] * n_bands, [0] * n_bands)
    groups: dict[tuple[int, bool], list[int]] = {}
    for k, (_, t) in enumerate(loops):
        groups.setdefault((grid.band[t], below[k]), []).append(k)
    for (band, low), ks in groups.items():
        tracks, count = partition([spans[k] for k in ks])
        for k, track in zip(ks, tracks):
            result.track[k] = track
        (result.bottom_h if low else result.top_h)[band] = TRACK * (count + 1)
    return result


def _none_in(occupied: list[int], lo: int, hi: int) -> bool:
    """True if no value of the sorted list lies in ``lo..hi``."""
    i = bisect_left(occupied, lo)
    return i == len(occupied) or occupied[i] > hi


class Router:
    """Plans every route of one plane, then turns the plan into points once x is known."""

    def __init__(self, grid: Grid, rows: Rows, shapes: list[Shape], noted: list[bool]) -> None:
        self.grid, self.rows, self.shapes, self.noted = grid, rows, shapes, noted
        self.grow = [rows.base[b] + r for b, r in zip(grid.band, grid.row)]
        self.occupied: list[list[int]] = [[] for _ in range(grid.n_cols)]
        for item, c in enumerate(grid.col):
            self.occupied[c].append(self.grow[item])
        for occ in self.occupied:
            occ.sort()
        self.plans: dict[str, list[tuple[XRef, int]]] = {}
        self.jogs: list[list[int]] = []  # [gap, lo, hi]
        self.ends: list[list[tuple[int, bool]]] = []  # per jog: (y, goes on to the left) of its lines
        self._jog_keys: dict[tuple, int] = {}
        self._channels: dict[tuple[int, bool], int] = {}
        self.bottom_used = [False] * grid.n
        self.track: list[int] = []

    def y(self, item: int) -> int:
        return self.rows.cy[self.grow[item]]

    def _top(self, item: int) -> int:
        return self.y(item) - self.shapes[item].h // 2

    def _bottom(self, item: int) -> int:
        return self.y(item) + self.shapes[item].h // 2

    def _jog(self, gap: int, y0: int, y1: int, key: tuple | None = None, sides: str = "LR") -> XRef:
        """A vertical segment in ``gap`` from ``y0`` to ``y1``; ``sides`` tells where the lines
        at ``y0`` and ``y1`` go on (L: left, R: right). Jogs with the same ``key`` are one."""
        lo, hi = min(y0, y1), max(y0, y1)
        ends = [(y0, sides[0] == "L"), (y1, sides[1] == "L")]
        if key is not None and (gap, key) in self._jog_keys:
            j = self._jog_keys[gap, key]
            jog = self.jogs[j]
            jog[1], jog[2] = min(jog[1], lo), max(jog[2], hi)
            self.ends[j] += ends
            return ("g", j)
        self.jogs.append([gap, lo, hi])
        self.ends.append(ends)
        if key is not None:
            self._jog_keys[gap, key] = len(self.jogs) - 1
        return ("g", len(self.jogs) - 1)

    def _channel(self, g: int, top: bool) -> int:
        """A y in the free strip above (``top``) or below row ``g``; each use gets its own line."""
        k = self._channels.get((g, top), 0)
        self._channels[g, top] = k + 1
        offset = self.rows.pad // 2 + CHANNELS[k % len(CHANNELS)]
        return self.rows.top[g] + offset if top else self.rows.bottom[g] - offset

    def _column_free(self, c: int, g0: int, g1: int) -> bool:
        return _none_in(self.occupied[c], min(g0, g1), max(g0, g1))

    def forward(self, eid: str, chain: list[int], fans_out: bool, port: bool) -> None:
        """A forward sequence flow along its chain of items; with ``port`` (a gateway's branch to
        the nearest row above or below) it leaves by the top or bottom port.

        Vertical segments next to a node that fans out share one track, as do the last vertical
        segments into a join.
        """
        s, first, t = chain[0], chain[1], chain[-1]
        cur = self.y(s)
        gs, gf = self.grow[s], self.grow[first]
        up = gf < gs
        if (port and gf != gs and not (up and self.noted[s])
                and self._column_free(self.grid.col[s], gf, gs - 1 if up else gs + 1)):
            plan = [(("C", s), self._top(s) if up else self._bottom(s)), (("C", s), self.y(first))]
            self.bottom_used[s] |= not up
            cur = self.y(first)
        else:
            plan = [(("R", s), cur)]
        for a in chain[1:]:
            ya = self.y(a)
            if ya != cur:
                if len(plan) == 1 and fans_out:
                    key = ("s", s, cur)
                else:
                    key = ("t", t, ya) if a == t else None
                ref = self._jog(self.grid.col[a], cur, ya, key)
                plan += [(ref, cur), (ref, ya)]
                cur = ya
        plan.append((("L", t), cur))
        self.plans[eid] = plan

    def loop(self, eid: str, s: int, t: int, corridor_y: int, port: bool = False) -> None:
        """A back edge: out right, along a corridor of the target's band, back into the left.

        With ``port`` (a split gateway whose top or bottom port towards the corridor is free) it
        leaves by that port, straight to the corridor, if no shape is in the way.
        """
        ys, yt = self.y(s), self.y(t)
        into = self._jog(self.grid.col[t], corridor_y, yt, ("t", t, yt), "RR")
        down = corridor_y > ys
        g, band = self.grow[s], self.grid.band[s]
        edge = self.rows.base[band] + (self.grid.n_rows[band] - 1 if down else 0)
        if port and self.grid.band[t] == band and not (not down and self.noted[s]) and (
                g == edge or self._column_free(self.grid.col[s], g + (1 if down else -1), edge)):
            self.bottom_used[s] |= down
            start = [(("C", s), self._bottom(s) if down else self._top(s)), (("C", s), corridor_y)]
        else:
            out = self._jog(self.grid.col[s] + 1, ys, corridor_y, sides="LL")
            start = [(("R", s), ys), (out, ys), (out, corridor_y)]
        self.plans[eid] = start + [(into, corridor_y), (into, yt), (("L", t), yt)]

    def message(self, eid: str, u: int, v: int) -> None:
        """A message flow: out of the top/bottom, through row channels and a gap, into bottom/top.

        It leaves or enters at the bottom instead of the top where an annotation sits on top.
        """
        gu, gv = self.grow[u], self.grow[v]
        cu, cv = self.grid.col[u], self.grid.col[v]
        down = gv > gu
        from_bottom = down or gu == gv or self.noted[u]
        into_top = down and not self.noted[v]
        self.bottom_used[u] |= from_bottom
        self.bottom_used[v] |= not into_top
        start = self._bottom(u) if from_bottom else self._top(u)
        end = self._top(v) if into_top else self._bottom(v)
        lo, hi = min(gu, gv), max(gu, gv)
        if (cu == cv and from_bottom == into_top == down and gu != gv
                and (hi - lo == 1 or self._column_free(cu, lo + 1, hi - 1))):
            self.plans[eid] = [(("C", u), start), (("C", v), end)]
            return
        y1 = self._channel(gu, not from_bottom)
        if gu == gv:
            self.plans[eid] = [(("C", u), start), (("C", u), y1), (("C", v), y1), (("C", v), end)]
            return
        y2 = self._channel(gv, into_top)
        ref = self._jog(cv, y1, y2, sides=("L" if cu < cv else "R") + "R")
        self.plans[eid] = [(("C", u), start), (("C", u), y1), (ref, y1), (ref, y2), (("C", v), y2),
                           (("C", v), end)]

    def assign_tracks(self) -> list[int]:
        """Give every jog a track in its gap (ordered so that few lines cross); return the track
        count per gap."""
        counts = [0] * (self.grid.n_cols + 1)
        by_gap: list[list[int]] = [[] for _ in counts]
        for j, (gap, _, _) in enumerate(self.jogs):
            by_gap[gap].append(j)
        self.track = [0] * len(self.jogs)
        for gap, js in enumerate(by_gap):
            tracks, counts[gap] = order_tracks([(self.jogs[j][1], self.jogs[j][2]) for j in js],
                                               [self.ends[j] for j in js])
            for j, t in zip(js, tracks):
                self.track[j] = t
        return counts

    def points(self, boxes: list[Box], gap_x: list[int]) -> dict[str, list[Point]]:
        """Waypoints of every planned route, redundant points dropped."""
        out = {}
        for eid, plan in self.plans.items():
            pts: list[Point] = []
            for ref, y in plan:
                if ref[0] == "g":
                    x = gap_x[self.jogs[ref[1]][0]] + TRACK * (self.track[ref[1]] + 1)
                else:
                    box = boxes[ref[1]]
                    x = box.x if ref[0] == "L" else box.right if ref[0] == "R" else box.cx
                pts.append((x, y))
            out[eid] = simplify(pts)
        return out


def simplify(pts: list[Point]) -> list[Point]:
    """Drop repeated points and middle points of straight runs (keeps at least two points)."""
    clean: list[Point] = []
    for p in pts:
        if clean and clean[-1] == p:
            continue
        if len(clean) >= 2:
            a, b = clean[-2], clean[-1]
            if (a[0] == b[0] == p[0]) or (a[1] == b[1] == p[1]):
                clean[-1] = p
                continue
        clean.append(p)
    if len(clean) == 1:
        clean.append(clean[0])
    return clean
