"""Layout step 2, rows: long edges get dummy items, items get distinct rows per band and column.

An item is a real node (``0..n-1``) or a dummy (``n..``) that reserves the row of a long
edge in a column it passes, so no shape is ever put on its path.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .steps import plan


@dataclass
class Grid:
    """Cells of one plane: every item has a band (lane), a column and a row inside its band."""

    n: int
    band: list[int]
    col: list[int]
    preds: list[list[int]]
    chains: dict[int, list[int]]  # forward edge index -> items from source to target
    late: set[int] = field(default_factory=set)  # first items of default flows: not the main line
    row: list[int] = field(default_factory=list)
    n_rows: list[int] = field(default_factory=list)  # rows per band
    n_cols: int = 0


def build_grid(n: int, band: list[int], rank: list[int], forward: list[tuple[int, int, int]],
               defaults: set[int] = frozenset(), n_bands: int = 1,
               pulls: list[tuple[int, int]] = ()) -> Grid:
    """Grid of ``n`` nodes in ``n_bands`` bands; ``forward`` lists ``(edge index, u, v)`` with
    ``rank[v] > rank[u]``; ``defaults`` are the indices of default flows (a decision's "otherwise");
    ``pulls`` are message flows ``(u, v)`` that keep ``v`` in ``u``'s column or later.

    Nodes with slack may move right (``grid.col`` has the columns used; see ``steps.plan``). A
    long edge's dummies stay in the source's band up to the column where it changes band, and in
    the target's band from there.
    """
    rank, step = plan(band, rank, forward, pulls, n_bands)
    grid = Grid(n, list(band), list(rank), [[] for _ in range(n)], {})
    for e, u, v in forward:
        chain = [u]
        for c in range(rank[u] + 1, rank[v]):
            d = len(grid.band)
            grid.band.append(band[u] if c < step[e] else band[v])
            grid.col.append(c)
            grid.preds.append([chain[-1]])
            chain.append(d)
        grid.preds[v].append(chain[-1])
        chain.append(v)
        grid.chains[e] = chain
        if e in defaults:
            grid.late.add(chain[1])
    grid.n_cols = max(rank, default=-1) + 1
    return grid


LEAN = 0.5  # leaning beyond which an item's rows go to the top or bottom of its column


def assign_rows(grid: Grid, n_bands: int) -> None:
    """Give items distinct rows per (band, column), sweeping the columns left to right.

    First come the items whose predecessors all lie in upper bands (their flows come from
    above), then those whose flows clearly lean to a band above (see ``_leaning``), and last
    those leaning to a band below, so lines enter and leave a band without crossing the
    others' (a chain may step down a row instead). Within that, an item prefers the topmost
    row among its predecessors in the same band, so a chain stays on one line, a split's
    branches fan out below the main line and a join returns to it; ties are ordered by the
    mean predecessor row (a barycenter), then by the leaning, then a decision's default flow
    after its other branches (the main line stays straight), then by creation order. Items
    whose flows come from other bands keep the top-to-bottom order of their sources (from
    above: at the top; from below: at the bottom), so their lines do not cross on the way in;
    other items without a predecessor in their band fill the free rows from the top, leaning
    up first.
    """
    band, preds = grid.band, grid.preds
    row = [0] * len(band)
    columns: list[list[int]] = [[] for _ in range(grid.n_cols)]
    for item, c in enumerate(grid.col):
        columns[c].append(item)
    lean = _leaning(grid, columns)
    n_rows = [0] * n_bands
    for items in columns:
        groups: dict[int, list[int]] = {}
        for item in items:
            groups.setdefault(band[item], []).append(item)
        for b, members in groups.items():
            placed, loose, below = [], [], []
            for item in members:
                rows = [row[p] for p in preds[item] if band[p] == b]
                if rows:
                    side = (lean[item] > LEAN) - (lean[item] < -LEAN)
                    placed.append((side, min(rows), sum(rows) / len(rows), lean[item], item in grid.late, item))
                elif preds[item] and all(band[p] > b for p in preds[item]):
                    below.append(item)
                elif preds[item] and all(band[p] < b for p in preds[item]):  # flows come from above
                    placed.append((-1, 0, _position(band, row, preds[item]), lean[item], False, item))
                else:
                    loose.append(item)
            placed.sort()
            used = []
            last = -1
            for _, want, _, _, _, item in placed:
                last = max(want, last + 1)
                row[item] = last
                used.append(last)
            free = _free_rows(used, len(loose))
            loose.sort(key=lambda item: lean[item])
            for item, r in zip(loose, free):
                row[item] = r
            top = max(used[-1] if used else -1, free[-1] if free else -1) + 1
            below.sort(key=lambda item: _position(band, row, preds[item]))
            for item in below:
                row[item] = top
                top += 1
            n_rows[b] = max(n_rows[b], top)
    grid.row = row
    grid.n_rows = n_rows


def _leaning(grid: Grid, columns: list[list[int]]) -> list[float]:
    """Per item, where its flows go on to: below 0 to bands above, above 0 to bands below
    (flows leaving the band count 1, those going on in it half their successor's leaning)."""
    succs: list[list[int]] = [[] for _ in grid.band]
    for item, ps in enumerate(grid.preds):
        for p in ps:
            succs[p].append(item)
    lean = [0.0] * len(grid.band)
    for items in reversed(columns):
        for item in items:
            b = grid.band[item]
            lean[item] = sum((grid.band[s] > b) - (grid.band[s] < b) if grid.band[s] != b else lean[s] / 2
                             for s in succs[item])
    return lean


def _position(band: list[int], row: list[int], items: list[int]) -> float:
    """Mean place of ``items`` top to bottom over all bands (rows count within a band)."""
    return sum(band[p] * 1_000_000 + row[p] for p in items) / len(items)


def _free_rows(used: list[int], count: int) -> list[int]:
    """The ``count`` smallest rows not in ``used`` (ascending)."""
    free = []
    r = 0
    i = 0
    while len(free) < count:
        if i < len(used) and used[i] == r:
            i += 1
        else:
            free.append(r)
        r += 1
    return free
