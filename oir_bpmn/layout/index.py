"""A uniform-grid spatial index of boxes: near-constant-time overlap queries."""
from __future__ import annotations

from collections import defaultdict

from .geometry import Box

CELL = 256  # about a column and a row of the grid: most segments and labels touch one or two cells


def _cells(x: int, y: int, w: int, h: int) -> list[tuple[int, int]]:
    """The grid cells a box touches (a zero-width or zero-height one too), column by column."""
    x0, y0 = x // CELL, y // CELL
    x1 = (x + w - 1) // CELL if w > 0 else x0
    y1 = (y + h - 1) // CELL if h > 0 else y0
    if x0 == x1 and y0 == y1:  # most boxes and segments: one cell
        return [(x0, y0)]
    return [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]


class BoxIndex:
    """Boxes bucketed by the grid cells they touch (zero-width boxes, i.e. segments, too)."""

    def __init__(self) -> None:
        self._cells: defaultdict[tuple[int, int], list[tuple[str, Box]]] = defaultdict(list)

    def add(self, key: str, box: Box) -> None:
        item = (key, box)
        for cell in _cells(*box):
            self._cells[cell].append(item)

    def add_all(self, key: str, boxes: list[Box]) -> None:
        """``add`` every box of ``boxes`` under ``key`` (the segments of a route)."""
        cells = self._cells
        for box in boxes:
            item = (key, box)
            for cell in _cells(*box):
                cells[cell].append(item)

    def hits(self, box: Box) -> list[str]:
        """Keys of the stored boxes overlapping ``box``, each once, in insertion order per cell."""
        found: list[str] = []
        x, y, w, h = box
        right, bottom = x + w, y + h
        for cell in _cells(x, y, w, h):
            for key, (ox, oy, ow, oh) in self._cells.get(cell, ()):
                if ox < right and x < ox + ow and oy < bottom and y < oy + oh and key not in found:
                    found.append(key)
        return found

    def free(self, box: Box) -> bool:
        """True if no stored box overlaps ``box``."""
        x, y, w, h = box
        right, bottom = x + w, y + h
        for cell in _cells(x, y, w, h):
            for _, (ox, oy, ow, oh) in self._cells.get(cell, ()):
                if ox < right and x < ox + ow and oy < bottom and y < oy + oh:
                    return False
        return True

    def items_near(self, box: Box, margin: int) -> list[tuple[str, Box]]:
        """``(key, box)`` of the stored boxes within ``margin`` of ``box`` (touching included),
        each once, in insertion order per cell."""
        x, y = box.x - margin, box.y - margin
        w, h = box.w + 2 * margin, box.h + 2 * margin
        right, bottom = x + w, y + h
        found: list[tuple[str, Box]] = []
        seen = set()
        for cell in _cells(x, y, w, h):
            for item in self._cells.get(cell, ()):
                ox, oy, ow, oh = item[1]
                if ox <= right and x <= ox + ow and oy <= bottom and y <= oy + oh and item not in seen:
                    seen.add(item)
                    found.append(item)
        return found
