"""Order of the vertical segments (jogs) in one gap between columns, so that few lines cross.

A jog's lines go on to the left or right of it at its ends. Jog A's vertical crosses a line of
jog B at height y (strictly inside A's span) when that line goes left and A lies left of B, or
when it goes right and A lies right of B. Only jogs whose spans overlap can cross, so the order
matters only between them: jogs are sorted by a pairwise cost (on a tie, fewer lines that would run
on top of each other where one jog ends at the height the next starts), improved by adjacent
swaps, and then packed onto as few tracks as keep that order between overlapping jogs.
"""
from __future__ import annotations

from functools import cmp_to_key

Span = tuple[int, int]
Ends = list[tuple[int, bool]]  # (y, goes on to the left)

PASSES = 4  # rounds of adjacent swaps after sorting


def _inside(span: Span, y: int) -> bool:
    return span[0] < y < span[1]


def cost(a: int, b: int, spans: list[Span], ends: list[Ends]) -> int:
    """Crossings between jogs ``a`` and ``b`` when ``a`` lies left of ``b``."""
    return (sum(1 for y, left in ends[b] if left and _inside(spans[a], y))
            + sum(1 for y, left in ends[a] if not left and _inside(spans[b], y)))


def touch(a: int, b: int, spans: list[Span], ends: list[Ends]) -> int:
    """Lines that would run on top of each other when ``a`` lies left of ``b``: ``a``'s going
    right at the height where ``b``'s comes in from the left, at an end of both spans (a staircase)."""
    return sum(1 for y, left in ends[b] if left and y in (spans[a][0], spans[a][1])
               and not _inside(spans[b], y) and (y, False) in ends[a])


def _prices(a: int, b: int, spans: list[Span], ends: list[Ends]) -> tuple[int, int]:
    """Crossings with ``a`` left of ``b`` and with ``b`` left of ``a``; on a tie, overlaps."""
    ab, ba = cost(a, b, spans, ends), cost(b, a, spans, ends)
    return (touch(a, b, spans, ends), touch(b, a, spans, ends)) if ab == ba else (ab, ba)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def order_tracks(spans: list[Span], ends: list[Ends]) -> tuple[list[int], int]:
    """A track (0 = leftmost) for every jog, and the number of tracks."""
    n = len(spans)

    def compare(a: int, b: int) -> int:
        if _overlap(spans[a], spans[b]):
            ab, ba = _prices(a, b, spans, ends)
            if ab != ba:
                return -1 if ab < ba else 1
        return -1 if (spans[a], a) < (spans[b], b) else 1

    order = sorted(range(n), key=cmp_to_key(compare))
    for _ in range(PASSES):
        swapped = False
        for k in range(n - 1):
            a, b = order[k], order[k + 1]
            if _overlap(spans[a], spans[b]):
                ab, ba = _prices(a, b, spans, ends)
                if ba < ab:
                    order[k], order[k + 1] = b, a
                    swapped = True
        if not swapped:
            break
    track = [0] * n
    placed: list[int] = []
    for j in order:
        track[j] = max((track[i] + 1 for i in placed if _overlap(spans[i], spans[j])), default=0)
        placed.append(j)
    return track, max(track, default=-1) + 1
