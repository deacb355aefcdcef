"""A uniform-grid spatial index of boxes: near-constant-time overlap queries."""
from __future__ import annotations

from .geometry import Box

CELL = 128


class BoxIndex:
    """Boxes bucketed by the grid cells they touch (zero-width boxes, i.e. segments, too)."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[tuple[str, Box]]] = {}

    @staticmethod
    def _cells_of(box: Box):
        for cx in range(box.x // CELL, max(box.x, box.right - 1) // CELL + 1):
            for cy in range(box.y // CELL, max(box.y, box.bottom - 1) // CELL + 1):
                yield cx, cy

    def add(self, key: str, box: Box) -> None:
        item = (key, box)
        cells = self._cells
        x0, y0 = box.x // CELL, box.y // CELL
        x1, y1 = max(box.x, box.right - 1) // CELL, max(box.y, box.bottom - 1) // CELL
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                bucket = cells.get((cx, cy))
                if bucket is None:
                    cells[cx, cy] = [item]
                else:
                    bucket.append(item)

    def hits(self, box: Box) -> list[str]:
        """Keys of the stored boxes overlapping ``box``, each once, in insertion order per cell."""
        found: list[str] = []
        for cell in self._cells_of(box):
            for key, other in self._cells.get(cell, ()):
                if other.overlaps(box) and key not in found:
                    found.append(key)
        return found

    def free(self, box: Box) -> bool:
        """True if no stored box overlaps ``box``."""
        for cell in self._cells_of(box):
            for _, other in self._cells.get(cell, ()):
                if other.overlaps(box):
                    return False
        return True

    def items_near(self, box: Box, margin: int) -> list[tuple[str, Box]]:
        """``(key, box)`` of the stored boxes within ``margin`` of ``box`` (touching included),
        each once, in insertion order per cell."""
        area = Box(box.x - margin, box.y - margin, box.w + 2 * margin, box.h + 2 * margin)
        found: list[tuple[str, Box]] = []
        seen = set()
        for cell in self._cells_of(area):
            for key, other in self._cells.get(cell, ()):
                if (key, other) not in seen and (other.x <= area.right and area.x <= other.right
                                                 and other.y <= area.bottom and area.y <= other.bottom):
                    seen.add((key, other))
                    found.append((key, other))
        return found
