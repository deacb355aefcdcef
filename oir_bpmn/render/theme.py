"""The look shared by every diagram: the colour palette, department colours, legend names, font.

Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies); fills
are light tints of them, so black text stays readable on them; ``dept_stroke`` gives the full
colour for borders and legend swatches. Example::

    >>> dept_color("library"), dept_name("finance")
    ('#cce8f8', 'Debitor/økonomi')
"""
from __future__ import annotations

from ..model import DEPARTMENTS, dept_name

FONT = "DejaVu Sans"
"""Font for every label: it has æ, ø, å and the marker symbols the diagrams use."""

OKABE_ITO = {
    "orange": "#e69f00", "sky_blue": "#56b4e9", "bluish_green": "#009e73", "blue": "#0072b2",
    "vermillion": "#d55e00", "reddish_purple": "#cc79a7",
}
"""The Okabe-Ito colours the diagrams use."""

_BASE = {
    "library": OKABE_ITO["sky_blue"],
    "finance": OKABE_ITO["orange"],
    "coordination": OKABE_ITO["reddish_purple"],
    "system": OKABE_ITO["bluish_green"],
    "external": "#999999",  # grey: outside the municipality
}
_TINT = 0.3  # share of the base colour in a fill; the rest is white
NO_DEPT_FILL = "#ffffff"
NO_DEPT_STROKE = "#666666"


def _tint(hex_color: str, share: float, other: int = 255) -> str:
    """``share`` of ``hex_color``, the rest white (``other=255``) or black (``other=0``)."""
    rgb = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(other - share * (other - c)):02x}" for c in rgb)


MESSAGE_COLOR = OKABE_ITO["blue"]
"""Message flows and their labels."""

CHANGE_COLORS = {
    "moved": (OKABE_ITO["vermillion"], _tint(OKABE_ITO["vermillion"], 0.25)),
    # darker than the green of the system lanes, so a new step stands out in one
    "added": (_tint(OKABE_ITO["bluish_green"], 0.6, other=0), _tint(OKABE_ITO["bluish_green"], 0.23)),
    "changed": (OKABE_ITO["blue"], _tint(OKABE_ITO["blue"], 0.2)),
    "removed": ("#8c8c8c", "#eeeeee"),
}
"""(border, fill) of a step by its change status in a diff."""


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


def legend_depts(depts) -> list[str]:
    """The known departments among ``depts``, in the legend order of ``model.DEPARTMENTS``."""
    present = set(depts)
    return [dept for dept in DEPARTMENTS if dept in present]
