"""Layout step 3, coordinates: shape sizes, text boxes, row heights and column widths."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .grid import Grid
from ..text import PAD, TEXT, node_text, text_width
from .sizes import LABEL_LINE, LABEL_W, note_size, task_size
from ..kinds import SIZES, family

EVENT_SIZE = SIZES["event"]
GATEWAY_SIZE = SIZES["gateway"]
LABEL_GAP = 4
LABEL_SHIFT = 14  # a label moved off a flow leaving its node at the bottom starts this far right of it (clear of a default flow's marker)
NOTE_GAP, NOTE_SEP = 20, 10
ROW_PAD = 20     # free channel above and below every row (message flows run in it)
SLIDE_ROW_PAD = 10  # the same on a slide page, laid out compact
ROW_HALF = 40    # minimal room above and below a row's centre line
GAP = 50         # minimal gap between columns
TRACK = 20       # spacing of parallel vertical segments in a gap, and of corridor lines: apart enough to read as two
STRIP = 30       # label strip of a pool and of a lane
MIN_BAND = 120
THIN_BAND = 40   # a lane with nothing in it, on a slide page
POOL_GAP = 40


@dataclass(slots=True)
class Shape:
    """Size of a node, of its external label and of its annotations (``w, h`` pairs)."""

    w: int
    h: int
    label: tuple[int, int] | None
    notes: list[tuple[int, int]]

    @property
    def above(self) -> int:
        """Room needed above the row's centre line."""
        extra = NOTE_GAP + max(h for _, h in self.notes) if self.notes else 0
        return self.h // 2 + extra

    @property
    def below(self) -> int:
        """Room needed below the row's centre line."""
        return self.h // 2 + (LABEL_GAP + self.label[1] if self.label else 0)

    @property
    def width(self) -> int:
        """Width of the column part this node needs."""
        notes = sum(w for w, _ in self.notes) + NOTE_SEP * (len(self.notes) - 1) if self.notes else 0
        return max(self.w, self.label[0] if self.label else 0, notes)


def shape_of(data: dict, icons: bool = True) -> Shape:
    """The ``Shape`` of a node from its attributes; ``icons``: leave room for bpmn-js's task
    type icons."""
    kind = family(data.get("kind", ""))
    if kind == "event":
        w, h = EVENT_SIZE
    elif kind == "gateway":
        w, h = GATEWAY_SIZE
    else:
        exact = data.get("kind", "")
        w, h = task_size(data.get("label") or "", icon=icons and exact not in ("task", "subProcess"),
                         marker=exact == "subProcess")
    lines = node_text(data, LABEL_W) if kind in ("event", "gateway") else []
    label = (math.ceil(max(text_width(s, TEXT) for s in lines)) + PAD, LABEL_LINE * len(lines)) if lines else None
    notes = [note_size(t) for t in data.get("notes") or ()]
    return Shape(w, h, label, notes)


@dataclass
class Rows:
    """Vertical positions: bands (lanes) and their rows, rows numbered globally top to bottom."""

    base: list[int]         # first global row of each band
    top: list[int]          # per global row
    cy: list[int]
    bottom: list[int]
    band_top: list[int]
    band_bottom: list[int]
    pad: int = ROW_PAD      # free channel above and below every row


def place_rows(grid: Grid, shapes: list[Shape], top_h: list[int], bottom_h: list[int],
               pool_starts: list[bool], min_band: int = MIN_BAND, pad: int = ROW_PAD) -> Rows:
    """Stack the bands from y = 0 down (a pool gap before each new pool) and size their rows.

    ``top_h`` and ``bottom_h`` are the heights of each band's loop corridors; a band is at least
    ``min_band`` high; every row has a free channel ``pad`` high above and below it.
    """
    n_bands = len(top_h)
    base = [0] * n_bands
    total = 0
    for b in range(n_bands):
        base[b] = total
        total += grid.n_rows[b]
    above = [ROW_HALF] * total
    below = [ROW_HALF] * total
    for item in range(grid.n):
        g = base[grid.band[item]] + grid.row[item]
        s = shapes[item]
        above[g] = max(above[g], s.above)
        below[g] = max(below[g], s.below)
    rows = Rows(base, [0] * total, [0] * total, [0] * total, [0] * n_bands, [0] * n_bands, pad)
    y = 0
    for b in range(n_bands):
        if pool_starts[b] and b:
            y += POOL_GAP
        rows.band_top[b] = y
        y += top_h[b]
        for g in range(base[b], base[b] + grid.n_rows[b]):
            rows.top[g] = y
            rows.cy[g] = y + pad + above[g]
            y = rows.bottom[g] = rows.cy[g] + below[g] + pad
        y = rows.band_bottom[b] = max(y + bottom_h[b], rows.band_top[b] + min_band)
    return rows


def place_columns(col_w: list[int], gap_w: list[int], x0: int) -> tuple[list[int], list[int], int]:
    """Left x of every gap and column (gap ``c`` lies just left of column ``c``), and the right end."""
    gap_x, col_x = [], []
    x = x0
    for c, w in enumerate(col_w):
        gap_x.append(x)
        x += gap_w[c]
        col_x.append(x)
        x += w
    gap_x.append(x)
    return gap_x, col_x, x + gap_w[-1]
