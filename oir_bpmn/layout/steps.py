"""Where flows change band (lane), and which column a step with slack takes, so few lines cross.

A flow between bands crosses, in the gap where it steps, the horizontal lines of the bands in
between; its horizontal runs are crossed by the flows stepping across their band in those gaps.
``Counts`` holds both per band and gap and prices a flow's steps over its whole span in one pass.
``plan`` counts the flows that have no choice, lets each long flow between bands step where it
costs least given those counted so far, then moves nodes with slack (every successor more than a
column to the right), right to left, to the column where their flows cost least, now also
counting the lines of the bands they leave and enter (at half weight: about half of those lie on
their way): a flow that had to change lanes at once can wait for a gap where fewer lines run.
"""
from __future__ import annotations


GAIN = 2  # least saving for a node to leave its column: one line of a lane passed, or two at the ends


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
        """Lines a flow stepping in gap ``c`` crosses: each of a lane it passes counts 2; with
        ``ends``, each of the lanes it leaves and enters 1 (about half lie on its way)."""
        lo, hi = (bu, bv) if bu < bv else (bv, bu)
        passed = 2 * sum(self.lines[m][c] for m in range(lo + 1, hi)) if hi - lo > 1 else 0
        return passed + self.lines[bu][c] + self.lines[bv][c] if ends else passed

    def best(self, bu: int, bv: int, cu: int, cv: int) -> int:
        """The gap (``cu + 1 .. cv``) where such a flow crosses fewest lines, the last on a tie."""
        if bu == bv:
            return cv
        src, dst = self.steps[bu], self.steps[bv]
        run_dst = sum(dst[cu + 2:cv + 1])  # dst runs over gaps c + 1 .. cv
        run_src = 0  # src runs over gaps cu + 1 .. c - 1
        best, best_c = None, cv
        for c in range(cu + 1, cv + 1):
            cost = self._lines(bu, bv, c) + run_src + run_dst
            if best is None or cost <= best:
                best, best_c = cost, c
            run_src += src[c]
            if c < cv:
                run_dst -= dst[c + 1]
        return best_c

    def entering(self, bu: int, bv: int, cu: int, lo: int, hi: int) -> list[int]:
        """Least cost of a flow from (``bu``, ``cu``) into band ``bv`` at column ``r``, for every
        ``r`` in ``lo .. hi`` (``lo > cu``)."""
        src, dst = self.steps[bu], self.steps[bv]
        out = []
        least = None  # over steps c <= r: between(c) + src runs cu+1..c-1 + dst runs c+1..r
        run_src = 0
        for r in range(cu + 1, hi + 1):
            if bu == bv:
                least = (least or 0) + dst[r]
            else:
                if least is not None:
                    least += dst[r]
                here = self._lines(bu, bv, r, True) + run_src
                least = here if least is None or here < least else least
                run_src += src[r]
            if r >= lo:
                out.append(least)
        return out

    def leaving(self, bu: int, bv: int, cv: int, lo: int, hi: int) -> list[int]:
        """Least cost of a flow from band ``bu`` at column ``r`` to (``bv``, ``cv``), for every
        ``r`` in ``lo .. hi`` (``hi < cv``)."""
        src, dst = self.steps[bu], self.steps[bv]
        out = []
        least = None  # over steps c > r: between(c) + src runs r+1..c-1 + dst runs c+1..cv
        run_dst = 0
        for r in range(cv - 1, lo - 1, -1):
            c = r + 1
            if bu == bv:
                least = (least or 0) + src[c]
            else:
                if least is not None:
                    least += src[c]
                here = self._lines(bu, bv, c, True) + run_dst
                least = here if least is None or here < least else least
                run_dst += dst[c]
            if r <= hi:
                out.append(least)
        out.reverse()
        return out


def plan(band: list[int], rank: list[int], forward: list[tuple[int, int, int]],
         pulls: list[tuple[int, int]], n_bands: int) -> tuple[list[int], dict[int, int]]:
    """New columns, and per forward edge ``(e, u, v)`` the column left of whose gap it changes band.

    ``rank`` are the longest-path columns, ``pulls`` message flows ``(u, v)`` that keep ``v`` in
    ``u``'s column or later. A node moves right only where its flows save at least ``GAIN``
    (leftmost on a tie), so the main line and every tight chain stay where they were.
    """
    rank = list(rank)
    n = len(rank)
    counts = Counts(n_bands, max(rank, default=-1) + 2)
    lines = counts.lines
    step = {}
    free = []
    first_in, first_out = [-1] * n, [-1] * n  # each node's flows as linked lists over ``forward``
    next_in, next_out = [-1] * len(forward), [-1] * len(forward)
    for k, (e, u, v) in enumerate(forward):  # the flows that have no choice first (lines as differences)
        next_in[k], first_in[v] = first_in[v], k
        next_out[k], first_out[u] = first_out[u], k
        bu, bv, cu, cv = band[u], band[v], rank[u], rank[v]
        step[e] = cv
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

    def place(k: int, sign: int) -> None:
        e, u, v = forward[k]
        if sign > 0:
            step[e] = counts.best(band[u], band[v], rank[u], rank[v])
        counts.add(band[u], band[v], rank[u], rank[v], step[e], sign)

    for k in free:
        place(k, 1)
    pulled: dict[int, list[int]] = {}
    for u, v in pulls:
        if u != v:
            pulled.setdefault(u, []).append(v)
    for v in sorted(range(n), key=lambda i: -rank[i] * n - i):  # right to left: successors first
        lo, hi = rank[v], -1
        outs, k = [], first_out[v]
        while k >= 0:  # stop at the first successor in the next column
            limit = rank[forward[k][2]] - 1
            if limit <= lo:
                break
            hi = limit if hi < 0 or limit < hi else hi
            outs.append(k)
            k = next_out[k]
        if k >= 0 or not outs:
            continue
        hi = min([hi] + [rank[w] for w in pulled.get(v, ())])
        if hi <= lo:
            continue
        ins, k = [], first_in[v]
        while k >= 0:
            ins.append(k)
            k = next_in[k]
        for k in ins + outs:
            place(k, -1)
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
            place(k, 1)
    return rank, step
