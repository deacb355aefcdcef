"""The look shared by every diagram: department colours, legend names, font, label wrapping.

Colours are light tints of the Okabe-Ito palette (safe for the common colour-vision
deficiencies), so black text stays readable on them; ``dept_stroke`` gives the full colour for
borders and legend swatches. Example::

    >>> dept_color("library"), dept_name("finance")
    ('#cce8f8', 'Debitor/økonomi')
"""
from __future__ import annotations

import textwrap

from .model import DEPARTMENT_NAMES, DEPARTMENTS

FONT = "DejaVu Sans"
"""Font for every label: it has æ, ø, å and the marker symbols the diagrams use."""

WRAP = 22
"""Characters per line before a label is wrapped at a word boundary."""

_BASE = {  # Okabe-Ito colours
    "library": "#56b4e9",       # sky blue
    "finance": "#e69f00",       # orange
    "coordination": "#cc79a7",  # reddish purple
    "system": "#009e73",        # bluish green
    "external": "#999999",      # grey: outside the municipality
}
_TINT = 0.3  # share of the base colour in a fill; the rest is white
NO_DEPT_FILL = "#ffffff"
NO_DEPT_STROKE = "#666666"


def _tint(hex_color: str, share: float) -> str:
    rgb = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in rgb)


DEPT_COLORS: dict[str, str] = {dept: _tint(_BASE[dept], _TINT) for dept in DEPARTMENTS}
"""Fill colour of each department's lanes (light tint)."""

DEPT_STROKES: dict[str, str] = {dept: _BASE[dept] for dept in DEPARTMENTS}
"""Full colour of each department, for borders and legend swatches."""


def dept_color(dept: str | None) -> str:
    """Lane fill of ``dept``; white for no or an unknown department."""
    return DEPT_COLORS.get(dept, NO_DEPT_FILL)


def dept_stroke(dept: str | None) -> str:
    """Border colour of ``dept``; dark grey for no or an unknown department."""
    return DEPT_STROKES.get(dept, NO_DEPT_STROKE)


def dept_name(dept: str | None) -> str:
    """Danish legend name of ``dept`` (the tag itself when unknown)."""
    return DEPARTMENT_NAMES.get(dept, dept or "Uden afdeling")


def legend_depts(depts) -> list[str]:
    """The known departments among ``depts``, in the legend order of ``model.DEPARTMENTS``."""
    present = set(depts)
    return [dept for dept in DEPARTMENTS if dept in present]


def wrap(text: str, width: int = WRAP) -> list[str]:
    """``text`` as lines of at most ``width`` characters, broken between words."""
    return textwrap.wrap(text, width, break_long_words=False) or [""]
