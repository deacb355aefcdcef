"""Sizes of the boxes that hold text: tasks, node and flow labels, annotations.

Every size comes from the one measurement in ``oir_bpmn.text`` (DejaVu Sans advance widths), so
the renderers set text at full size in exactly the room reserved here. Task boxes form one
family: 100 × 80 as in Camunda Modeler, wider (in steps of 20) only when the name needs it, and
never more than three lines (100 high for three, so the text starts below the task type icon
that bpmn-js draws in the top-left corner).
"""
from __future__ import annotations

from functools import lru_cache

from ..kinds import SIZES
from ..text import NOTE_TEXT, PAD, TASK_TEXT, TEXT, text_width, wrap

_W, _H = SIZES["activity"]  # 100 × 80, as Camunda Modeler draws a task
TASK_WIDTHS = tuple(range(_W, 2 * _W + 1, 20))  # the family of task widths
TASK_HEIGHTS = (_H, _H + 20)
TASK_PAD = 7        # bpmn-js's padding between a task's border and its name
TASK_LINE = 14.4    # bpmn-js's line height of a task name (12 px × 1.2)
TASK_LINES = 3      # at most this many lines of a task name
ICON = 25           # bpmn-js draws a task's type icon within this square (23.5 px) in its top-left corner
SUB_MARKER = 20     # bpmn-js draws a collapsed subprocess's ⊞ in this strip at the bottom
LABEL_W = 100       # width of the label box under an event or gateway
LABEL_LINE = 14     # line height of labels (bpmn-js: 11 px × 1.2, Graphviz: 10 pt × 1.17)
NOTE_W, NOTE_PAD = 180, 7
NOTE_LINE = 14.4    # bpmn-js's line height of annotation text (12 px × 1.2)


def task_lines(text: str, w: int) -> list[str]:
    """The lines of a task name in a box ``w`` wide."""
    return wrap(text, w - 2 * TASK_PAD, TASK_TEXT)


def _fits(lines: list[str], w: int, h: int, icon: bool, marker: bool) -> bool:
    """True if ``lines`` (a name wrapped for width ``w``) fit a ``w × h`` task: at most three,
    none wider than the box, and (``icon``) the text block starting below the icon. bpmn-js
    wraps the name itself (its font is narrower, and it also breaks after hyphens), so only the
    number of lines and the block's height can be relied on, not where a line ends."""
    if len(lines) > TASK_LINES or any(text_width(s, TASK_TEXT) > w - 2 * TASK_PAD for s in lines):
        return False
    room = h - 2 * TASK_PAD - (2 * SUB_MARKER if marker else 0)
    return len(lines) * TASK_LINE <= room and (not icon or (h - len(lines) * TASK_LINE) / 2 >= ICON)


TASK_BOXES = sorted(((w, h) for w in TASK_WIDTHS for h in TASK_HEIGHTS), key=lambda s: (s[0] * s[1], s[1]))


@lru_cache(maxsize=4096)
def task_size(text: str, icon: bool = True, marker: bool = False) -> tuple[int, int]:
    """The smallest box of the task family in which ``text`` fits in at most three lines, clear
    of the type icon (``icon``) and of a subprocess marker at the bottom (``marker``).

    >>> task_size("Afviser udlån")
    (100, 80)
    """
    lines: dict[int, list[str]] = {}
    for w, h in TASK_BOXES:
        if w not in lines:
            lines[w] = task_lines(text, w)
        if _fits(lines[w], w, h, icon, marker):
            return w, h
    w = TASK_WIDTHS[-1]  # a name too long even for the widest box: as many lines as it needs
    count = len(task_lines(text, w)) + (4 if icon else 0) + (2 if marker else 0)
    return w, max(TASK_HEIGHTS[-1], round(count * TASK_LINE + 2 * TASK_PAD + 10) // 10 * 10)


def label_lines(text: str) -> list[str]:
    """The lines of a flow label."""
    return wrap(text, LABEL_W - PAD, TEXT)


def edge_label_size(text: str) -> tuple[int, int]:
    """Size of a flow's label box: its longest line and ``PAD``, ``LABEL_LINE`` a line."""
    lines = label_lines(text)
    return round(max(text_width(s, TEXT) for s in lines)) + PAD, LABEL_LINE * len(lines)


def note_size(text: str) -> tuple[int, int]:
    """Size of an annotation box holding ``text``."""
    lines = wrap(text, NOTE_W - 2 * NOTE_PAD, NOTE_TEXT)
    return NOTE_W, round(len(lines) * NOTE_LINE) + 2 * NOTE_PAD
