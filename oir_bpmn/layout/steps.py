"""Where flows change band (lane), and which column a step with slack takes, so few lines cross.

A flow between bands crosses, in the gap where it steps, the horizontal lines of the bands in
between; its horizontal runs are crossed by the flows stepping across their band in those gaps.
Each such sure crossing costs ``CROSS``; a line of a lane the flow leaves or enters costs half.
``Counts`` holds both per band and gap and prices a flow's steps over its whole span in one pass.
``plan`` counts the flows that have no choice, lets each long flow between bands step where it
costs least given those counted so far, then moves nodes with slack (every successor more than a
column to the right), right to left, to the column where their flows cost least, now also
counting the lines of the bands they leave and enter (at half weight: about half of those lie on
their way): a flow that had to change lanes at once can wait for a gap where fewer lines run.
Last, groups move the same way: a node with the successors it reaches by one-column flows (a
branch's block of parallel lines, say), so a short branch's block waits where the lines of a
longer sibling do not cross all its lines.
"""
from __future__ import annotations

CROSS = 2  # the price of a sure crossing (a line of a lane passed, a step across a flow's run)
GAIN = 2  # least saving for a node to leave its column: one sure crossing, or two lines at the ends
GROUP = 8  # most nodes of a group that moves as one
GROUP_SHIFT = 40  # most columns a group moves
GROUP_GAIN = 3  # least saving for a group to move: its estimate is rougher than a single node's


class Counts:
    """Per band and gap: horizontal lines running through it, and vertical lines crossing it."""

    def __init__(self, n_bands: int, n_gaps: int) -> None:
        self.lines = [[0] * n_gaps for _ in range(n_bands)]
        self.steps = [[0] * n_gaps for _ in range(n_bands)]

    def add(self, bu: int, bv: int, cu: int, cv: int, c: int, sign: int = 1) -> None:
        """Count (``sign`` 1) or uncount (-1) a flow from column ``cu`` in band ``bu`` to column
        ``cv`` in band ``bv`` that steps in gap ``c`` (the gap left of column ``c``)."""
        lo, hi = (bu, bv) if bu < bv else (bv, bu)
        for m in range(lo + 1, hi):
            self.steps[m][c] += sign
        for g in range(cu + 1, c):
            self.lines[bu][g] += sign
        for g in range(c if bu == bv else c + 1, cv + 1):
            self.lines[bv][g] += sign

    def _lines(self, bu: int, bv: int, c: int, ends: bool = False) -> int:
        """Lines a flow stepping in gap ``c`` crosses: each of a lane it passes counts ``CROSS``;
        with ``ends``, each of the lanes it leaves and enters 1 (about half lie on its way)."""
        lo, hi = (bu, bv) if bu < bv else (bv, bu)
        passed = CROSS * sum(self.lines[m][c] for m in range(lo + 1, hi)) if hi - lo > 1 else 0
        return passed + self.lines[bu][c] + self.lines[bv][c] if ends else passed

    def best(self, bu: int, bv: int, cu: int, cv: int) -> int:
        """The gap (``cu + 1 .. cv``) where such a flow crosses fewest lines, the last on a tie."""
        return cv if bu == bv else self._scan(bu, bv, cu, cv, False)[1]

    def cost(self, bu: int, bv: int, cu: int, cv: int) -> int:
        """Least cost of a flow from (``bu``, ``cu``) to (``bv``, ``cv``) over the gaps where it
        may step, the lines of the lanes it leaves and enters included."""
        if bu == bv:
            return CROSS * sum(self.steps[bu][cu + 1:cv + 1])
        return self._scan(bu, bv, cu, cv, True)[0]

    def _scan(self, bu: int, bv: int, cu: int, cv: int, ends: bool) -> tuple[int, int]:
        """Least cost of a flow between two bands over the gaps ``cu + 1 .. cv``, and the last gap
        of that cost (``ends`` as in ``_lines``)."""
        src, dst = self.steps[bu], self.steps[bv]
        run_dst = sum(dst[cu + 2:cv + 1])  # dst runs over gaps c + 1 .. cv
        run_src = 0  # src runs over gaps cu + 1 .. c - 1
        best, best_c = None, cv
        for c in range(cu + 1, cv + 1):
            cost = self._lines(bu, bv, c, ends) + CROSS * (run_src + run_dst)
            if best is None or cost <= best:
                best, best_c = cost, c
            run_src += src[c]
            if c < cv:
                run_dst -= dst[c + 1]
        return best, best_c

    def entering(self, bu: int, bv: int, cu: int, lo: int, hi: int) -> list[int]:
        """Least cost of a flow from (``bu``, ``cu``) into band ``bv`` at column ``r``, for every
        ``r`` in ``lo .. hi`` (``lo > cu``)."""
        gaps = range(cu + 1, hi + 1)  # the flow ends in column c: it steps in a gap up to c
        return self._sweep(bu, bv, gaps, self.steps[bv], self.steps[bu])[lo - cu - 1:]

    def leaving(self, bu: int, bv: int, cv: int, lo: int, hi: int) -> list[int]:
        """Least cost of a flow from band ``bu`` at column ``r`` to (``bv``, ``cv``), for every
        ``r`` in ``lo .. hi`` (``hi < cv``)."""
        gaps = range(cv, lo, -1)  # the flow starts in column c - 1: it steps in a gap from c on
        least = self._sweep(bu, bv, gaps, self.steps[bu], self.steps[bv])[cv - 1 - hi:]
        least.reverse()
        return least

    def _sweep(self, bu: int, bv: int, gaps: range, moving: list[int], fixed: list[int]) -> list[int]:
        """Per gap of ``gaps`` (walked away from the flow's fixed end), the least cost of the flow
        with its moving end there: a step in some gap walked so far, then the run in the moving
        end's band up to this gap (crossed by ``moving``'s steps), after the run in the fixed end's
        band up to the step (crossed by ``fixed``'s steps)."""
        out = []
        least = None
        run = 0  # steps across the fixed end's band between the fixed end and the gap
        for c in gaps:
            if bu == bv:
                least = (least or 0) + CROSS * moving[c]
            else:
                if least is not None:
                    least += CROSS * moving[c]
                here = self._lines(bu, bv, c, True) + CROSS * run
                least = here if least is None or here < least else least
                run += fixed[c]
            out.append(least)
        return out

def plan(band: list[int], rank: list[int], forward: list[tuple[int, int, int]],
         pulls: list[tuple[int, int]], n_bands: int) -> tuple[list[int], dict[int, int]]:
    """New columns, and per forward edge ``(e, u, v)`` the column left of whose gap it changes band.

    ``rank`` are the longest-path columns, ``pulls`` message flows ``(u, v)`` that keep ``v`` in
    ``u``'s column or later. A node moves right only where its flows save at least ``GAIN``
    (leftmost on a tie), so the main line and every tight chain stay where they were; a group
    only where they save ``GROUP_GAIN``.
    """
    planner = _Planner(band, rank, forward, pulls, n_bands)
    planner.move_nodes()
    planner.move_groups()
    return planner.rank, planner.step


class _Planner:
    """Columns and steps being planned, with the counts of every flow placed so far."""

    def __init__(self, band: list[int], rank: list[int], forward: list[tuple[int, int, int]],
                 pulls: list[tuple[int, int]], n_bands: int) -> None:
        self.band, self.rank, self.forward = band, list(rank), forward
        n = len(rank)
        self.counts = counts = Counts(n_bands, max(rank, default=-1) + 2)
        lines = counts.lines
        self.step: dict[int, int] = {}
        free = []
        self.ins: list[list[int]] = [[] for _ in range(n)]  # each node's flows, as indices into ``forward``
        self.outs: list[list[int]] = [[] for _ in range(n)]
        for k, (e, u, v) in enumerate(forward):  # the flows that have no choice first (lines as differences)
            self.ins[v].append(k)
            self.outs[u].append(k)
            bu, bv, cu, cv = band[u], band[v], rank[u], rank[v]
            self.step[e] = cv
            if bu == bv:
                lines[bu][cu + 1] += 1
                lines[bu][cv + 1] -= 1
            elif cv - cu == 1:
                counts.add(bu, bv, cu, cv, cv)
            else:
                free.append(k)
        for row in lines:
            for c in range(1, len(row)):
                row[c] += row[c - 1]
        for k in free:
            self.place(k, 1)
        self.pulled: dict[int, list[int]] = {}
        for u, v in pulls:
            if u != v:
                self.pulled.setdefault(u, []).append(v)

    def place(self, k: int, sign: int) -> None:
        """Count forward flow ``k`` where it steps best now (``sign`` 1), or uncount it (-1)."""
        e, u, v = self.forward[k]
        band, rank = self.band, self.rank
        if sign > 0:
            self.step[e] = self.counts.best(band[u], band[v], rank[u], rank[v])
        self.counts.add(band[u], band[v], rank[u], rank[v], self.step[e], sign)

    def _right_to_left(self) -> list[int]:
        n, rank = len(self.rank), self.rank
        return sorted(range(n), key=lambda i: -rank[i] * n - i)  # successors first

    def move_nodes(self) -> None:
        """Move every node with slack to the column where its flows cost least."""
        band, rank, forward, counts = self.band, self.rank, self.forward, self.counts
        for v in self._right_to_left():
            lo, outs = rank[v], self.outs[v]
            limits = [rank[forward[k][2]] - 1 for k in outs]
            if not outs or min(limits) <= lo:  # no successor, or one in the next column
                continue
            hi = min(limits + [rank[w] for w in self.pulled.get(v, ())])
            if hi <= lo:
                continue
            ins = self.ins[v]
            for k in ins + outs:
                self.place(k, -1)
            cost = [0] * (hi - lo + 1)
            for k in ins:
                u = forward[k][1]
                for j, x in enumerate(counts.entering(band[u], band[v], rank[u], lo, hi)):
                    cost[j] += x
            for k in outs:
                w = forward[k][2]
                for j, x in enumerate(counts.leaving(band[v], band[w], rank[w], lo, hi)):
                    cost[j] += x
            j = min(range(len(cost)), key=lambda j: (cost[j], j))
            rank[v] = lo + (j if cost[0] - cost[j] >= GAIN else 0)
            for k in ins + outs:
                self.place(k, 1)

    def _group(self, v: int, big: list[bool]) -> list[int] | None:
        """``v`` and the nodes it reaches by flows to the next column, or None past ``GROUP``
        nodes (then ``big[v]`` is set: a group holding one that was too big is too)."""
        rank, forward = self.rank, self.forward
        group, seen = [v], {v}
        for u in group:
            for k in self.outs[u]:
                w = forward[k][2]
                if rank[w] == rank[u] + 1 and w not in seen:
                    if big[w] or len(group) == GROUP:
                        big[v] = True
                        return None
                    seen.add(w)
                    group.append(w)
        return group

    def move_groups(self) -> None:
        """Move every group of two or more nodes that has slack, and flows out of it, to the
        columns where its flows cost least."""
        band, rank, forward, counts = self.band, self.rank, self.forward, self.counts
        last = max(rank, default=0)
        big = [False] * len(rank)
        for v in self._right_to_left():
            if not self.ins[v]:
                continue
            group = self._group(v, big)
            if not group or len(group) == 1:
                continue
            members = set(group)
            inner, ins, outs, room = [], [], [], GROUP_SHIFT
            for u in group:
                room = min(room, last - rank[u])
                for k in self.outs[u]:
                    w = forward[k][2]
                    if w in members:
                        inner.append(k)
                    else:
                        outs.append(k)
                        room = min(room, rank[w] - rank[u] - 1)
                ins += [k for k in self.ins[u] if forward[k][1] not in members]
                room = min([room] + [rank[w] - rank[u] for w in self.pulled.get(u, ()) if w not in members])
            if room <= 0 or not outs:  # a branch that ends stays by its start
                continue
            for k in inner + ins + outs:
                self.place(k, -1)
            cost = [0] * (room + 1)
            for k in ins:
                _, u, w = forward[k]
                for d, x in enumerate(counts.entering(band[u], band[w], rank[u], rank[w], rank[w] + room)):
                    cost[d] += x
            for k in outs:
                _, u, w = forward[k]
                for d, x in enumerate(counts.leaving(band[u], band[w], rank[w], rank[u], rank[u] + room)):
                    cost[d] += x
            for k in inner:
                _, u, w = forward[k]
                for d in range(room + 1):
                    cost[d] += counts.cost(band[u], band[w], rank[u] + d, rank[w] + d)
            d = min(range(len(cost)), key=lambda j: (cost[j], j))
            if cost[0] - cost[d] >= GROUP_GAIN:
                for u in group:
                    rank[u] += d
            for k in inner + ins + outs:
                self.place(k, 1)
