"""Layout step 2b, fewer crossings: reorder the items of every band and column.

Every line between two columns belongs to a link between items of adjacent columns (dummies
make long flows such links too), and two links in one gap cross once when their ends lie in
opposite orders, top to bottom over all bands. ``reorder`` starts from the order
``assign_rows`` found and improves it as Sugiyama's method does: barycenter sweeps right and
left, each followed by swaps of neighbours in a column that remove crossings; the best order
by that count is kept and rows are given back in it, each item on its predecessor's row where
it can (so a chain stays on one line). Items never leave their band; ties keep the order they
had. Loops count as links to their corridor, so a loop's ends move towards it.
"""
from __future__ import annotations

from bisect import bisect_right, insort

from .grid import Grid

PASSES = 4  # rounds of a right and a left sweep, at most (they stop when one gains nothing)
SWAPS = 8  # passes of swaps per round, at most


def reorder(grid: Grid, n_bands: int, loops: list[tuple[int, int, bool]] = ()) -> None:
    """Reorder the items of ``grid`` within their band and column; set new rows and row counts.

    ``loops`` lists back edges ``(source, target, below)`` running in a corridor above (or below)
    the target's band: they count as links from the source to the corridor in the gap right of
    it, and from the corridor to the target in the gap left of it.
    """
    band, preds = grid.band, [list(ps) for ps in grid.preds]
    succs: list[list[int]] = [[] for _ in band]
    for item, ps in enumerate(preds):
        for p in ps:
            succs[p].append(item)
    columns: list[list[int]] = [[] for _ in range(grid.n_cols)]
    for item, c in enumerate(grid.col):
        columns[c].append(item)
    for items in columns:
        items.sort(key=lambda item: (band[item], grid.row[item]))
    pos: list[float] = [0] * len(band)
    for items in columns:
        _number(items, pos)
    exits: list[list[tuple[int, int]]] = [[] for _ in range(grid.n_cols + 1)]  # per gap: (item, corridor)
    for s, t, below in loops:
        for c, end in ((grid.col[s] + 1, s), (grid.col[t] - 1, t)):
            items = columns[c] if 0 <= c < len(columns) else []
            corridor = len(pos)
            pos.append(sum(1 for i in items if band[i] < band[t] or (below and band[i] == band[t])) - 0.5)
            (succs if end == s else preds)[end].append(corridor)
            if end == s:
                exits[c].append((s, corridor))
    best, best_order = _count(columns, preds, exits, pos), [list(items) for items in columns]
    for _ in range(PASSES):
        start = best
        for right in (True, False):
            if not best:
                break
            for c in range(1, len(columns)) if right else range(len(columns) - 2, -1, -1):
                _sort(columns[c], preds if right else succs, band, pos)
            _swaps(columns, preds, succs, band, pos)
            count = _count(columns, preds, exits, pos)
            if count < best:
                best, best_order = count, [list(items) for items in columns]
        if best == start:
            break
    _rows(grid, best_order, n_bands)


def _number(items: list[int], pos: list[int]) -> None:
    for i, item in enumerate(items):
        pos[item] = i


def _sort(items: list[int], nbrs: list[list[int]], band: list[int], pos: list[float]) -> None:
    """Sort a column by the mean place of each item's neighbours (its own place if none)."""
    def key(item: int) -> tuple:
        ns = nbrs[item]
        return band[item], sum(pos[n] for n in ns) / len(ns) if ns else pos[item], pos[item]
    items.sort(key=key)
    _number(items, pos)


def _crossings(a: int, b: int, preds: list[list[int]], succs: list[list[int]], pos: list[int]) -> int:
    """Crossings of ``a``'s and ``b``'s links when ``a`` lies above ``b``."""
    return (sum(1 for p in preds[a] for q in preds[b] if pos[p] > pos[q])
            + sum(1 for p in succs[a] for q in succs[b] if pos[p] > pos[q]))


def _swaps(columns: list[list[int]], preds, succs, band: list[int], pos: list[float]) -> None:
    """Swap neighbours of one band in a column where that removes crossings, in passes over the
    columns whose neighbours changed, ``SWAPS`` at most."""
    dirty = [True] * len(columns)
    for _ in range(SWAPS):
        changed = [False] * len(columns)
        for c, items in enumerate(columns):
            if not dirty[c]:
                continue
            for i in range(len(items) - 1):
                a, b = items[i], items[i + 1]
                if band[a] == band[b] and _crossings(b, a, preds, succs, pos) < _crossings(a, b, preds, succs, pos):
                    items[i], items[i + 1] = b, a
                    pos[a], pos[b] = i + 1, i
                    changed[c] = True
        dirty = [changed[c] or (c > 0 and changed[c - 1]) or (c + 1 < len(columns) and changed[c + 1])
                 for c in range(len(columns))]
        if not any(changed):
            break


def _count(columns: list[list[int]], preds: list[list[int]], exits: list[list[tuple[int, int]]],
           pos: list[float]) -> int:
    """Crossings between the links of every gap: per link, the links from items above its own
    that end below it, found in a sorted list of their ends (bisect and insort run in C)."""
    total = 0
    for c, items in enumerate(columns + [[]]):
        links = sorted([(pos[p], pos[item]) for item in items for p in preds[item]]
                       + [(pos[s], pos[corridor]) for s, corridor in exits[c]])
        ends: list[float] = []  # where the links from items above the current one end, sorted
        start = 0
        for k, (left, right) in enumerate(links):
            if k and left != links[k - 1][0]:  # links from one item never cross each other
                for _, r in links[start:k]:
                    insort(ends, r)
                start = k
            total += len(ends) - bisect_right(ends, right)
    return total


def _rows(grid: Grid, columns: list[list[int]], n_bands: int) -> None:
    """Rows in the given order: each item on its topmost predecessor's row in its band if that
    is below the item above it, else right below that item."""
    band, preds, row = grid.band, grid.preds, grid.row
    n_rows = [0] * n_bands
    for items in columns:
        last, current = -1, -1
        for item in items:
            b = band[item]
            if b != current:
                last, current = -1, b
            want = min((row[p] for p in preds[item] if band[p] == b), default=0)
            last = max(want, last + 1)
            row[item] = last
            n_rows[b] = max(n_rows[b], last + 1)
    grid.n_rows = n_rows
