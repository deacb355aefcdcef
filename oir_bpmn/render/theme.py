"""The look shared by every diagram: colours, font and sizes in a ``Theme`` the renderers receive.

The default ``THEME`` takes its colours from the Okabe-Ito palette (safe for the common
colour-vision deficiencies); fills are light tints of them, so black text stays readable on
them; strokes are the full colours, for borders and legend swatches. A municipality's own
colours are one TOML file read by ``load_theme`` (see ``themes/example.toml``). Example::

    >>> from oir_bpmn.model import dept_name
    >>> THEME.dept_color("library"), dept_name("finance")
    ('#cce8f8', 'Debitor/økonomi')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from ..model import DEPARTMENTS

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


def legend_depts(depts) -> list[str]:
    """The known departments among ``depts``, in the legend order of ``model.DEPARTMENTS``."""
    present = set(depts)
    return [dept for dept in DEPARTMENTS if dept in present]


class Change(NamedTuple):
    """How a step or flow with a change status looks in a diff: border, fill, border width,
    legend name."""

    stroke: str
    fill: str
    width: float
    name: str


CHANGES = {
    "moved": Change(*CHANGE_COLORS["moved"], 3.5, "Flyttet"),
    "added": Change(*CHANGE_COLORS["added"], 2.5, "Ny"),
    "changed": Change(*CHANGE_COLORS["changed"], 2.5, "Omdøbt / ændret type / ventetid"),
    "removed": Change(*CHANGE_COLORS["removed"], 1.5, "Fjernet"),  # also dashed, text struck
}


class NoteStyle(NamedTuple):
    """How a kind of note (``model.NOTE_KINDS``) is drawn: fill, border, border width, dashed."""

    fill: str
    stroke: str
    width: float
    dashed: bool


NOTES = {  # Okabe-Ito hues, and the border's width and dashes tell the kinds apart without colour
    "question": NoteStyle("#fff1d0", "#d55e00", 2.5, False),
    "assumption": NoteStyle("#f6e4ef", "#8e3b6e", 1.5, True),
    "task_text": NoteStyle("#ffffff", "#0072b2", 1.0, False),
    "decision": NoteStyle("#e3f4ee", "#009e73", 2.5, True),
}


@dataclass(frozen=True)
class Theme:
    """Colours, font and the sizes of titles and legends of every diagram.

    The sizes of task, label and note text are not here: the layout measures them
    (``oir_bpmn.text``), and the font's widths are those of DejaVu Sans.
    """

    font: str = FONT
    ink: str = "#222222"             # lines, borders and text
    muted: str = "#555555"           # secondary text: flow labels, markers, legends
    note_fill: str = "#FFF8D6"       # a note of no kind (read from a BPMN file)
    message: str = MESSAGE_COLOR     # message flows and their labels
    removed_text: str = "#707070"
    no_dept_fill: str = NO_DEPT_FILL
    no_dept_stroke: str = NO_DEPT_STROKE
    dept_fills: dict[str, str] = field(default_factory=lambda: dict(DEPT_COLORS))
    dept_strokes: dict[str, str] = field(default_factory=lambda: dict(DEPT_STROKES))
    changes: dict[str, Change] = field(default_factory=lambda: dict(CHANGES))
    notes: dict[str, NoteStyle] = field(default_factory=lambda: dict(NOTES))
    title_pt: float = 24
    subtitle_pt: float = 15
    legend_pt: float = 12
    band_pt: float = 13              # lane and pool names
    foot_pt: float = 10              # footnotes under the diagram

    def dept_color(self, dept: str | None) -> str:
        """Lane fill of ``dept``; ``no_dept_fill`` for no or an unknown department."""
        return self.dept_fills.get(dept, self.no_dept_fill)

    def dept_stroke(self, dept: str | None) -> str:
        """Border colour of ``dept``; ``no_dept_stroke`` for no or an unknown department."""
        return self.dept_strokes.get(dept, self.no_dept_stroke)


THEME = Theme()
"""The default look."""

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SCALARS = {"font", "ink", "muted", "note_fill", "message", "removed_text", "no_dept_fill", "no_dept_stroke",
            "title_pt", "subtitle_pt", "legend_pt", "band_pt", "foot_pt"}


class ThemeError(ValueError):
    """A theme file that cannot be used; the message says where and what to do."""


def load_theme(path: Path) -> Theme:
    """The default theme with the values of the TOML file at ``path`` (see
    ``themes/example.toml``): top-level colours and sizes, ``[departments.<dept>]`` with
    ``fill``/``stroke``, ``[changes.<status>]`` and ``[notes.<kind>]`` with ``stroke``/``fill``."""
    import tomllib  # here, not at the top: keeps `oir-bpmn --help` fast

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ThemeError(f"{path}: cannot read the theme ({exc}); give a UTF-8 TOML file "
                         f"like themes/example.toml") from None
    values: dict = {}
    fills, strokes = dict(THEME.dept_fills), dict(THEME.dept_strokes)
    changes, notes = dict(THEME.changes), dict(THEME.notes)
    for key, value in data.items():
        if key == "departments":
            for dept, colours in _tables(path, key, value, DEPARTMENTS):
                fills[dept] = _colour(path, f"departments.{dept}.fill", colours.pop("fill", fills[dept]))
                strokes[dept] = _colour(path, f"departments.{dept}.stroke", colours.pop("stroke", strokes[dept]))
                _no_more(path, f"departments.{dept}", colours, "fill, stroke")
        elif key in ("changes", "notes"):
            styles = changes if key == "changes" else notes
            for name, colours in _tables(path, key, value, tuple(styles)):
                old = styles[name]
                styles[name] = old._replace(
                    stroke=_colour(path, f"{key}.{name}.stroke", colours.pop("stroke", old.stroke)),
                    fill=_colour(path, f"{key}.{name}.fill", colours.pop("fill", old.fill)))
                _no_more(path, f"{key}.{name}", colours, "fill, stroke")
        elif key in _SCALARS:
            if key.endswith("_pt"):
                if not isinstance(value, (int, float)) or isinstance(value, bool) or not 4 <= value <= 72:
                    raise ThemeError(f"{path}: {key} = {value!r}: give a size in points from 4 to 72")
                values[key] = value
            elif key == "font":
                values[key] = str(value)
            else:
                values[key] = _colour(path, key, value)
        else:
            raise ThemeError(f"{path}: unknown key {key!r}; use one of {', '.join(sorted(_SCALARS))}, "
                             f"[departments.<dept>], [changes.<status>] or [notes.<kind>]")
    return replace(THEME, dept_fills=fills, dept_strokes=strokes, changes=changes, notes=notes, **values)


def _tables(path: Path, key: str, value, names: tuple[str, ...]):
    if not isinstance(value, dict):
        raise ThemeError(f"{path}: {key} must be tables like [{key}.{names[0]}]")
    for name, table in value.items():
        if name not in names or not isinstance(table, dict):
            raise ThemeError(f"{path}: [{key}.{name}]: use one of {', '.join(names)}, each a table")
        yield name, dict(table)


def _colour(path: Path, key: str, value) -> str:
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise ThemeError(f'{path}: {key} = {value!r}: give a colour as "#rrggbb"')
    return value.lower()


def _no_more(path: Path, where: str, rest: dict, allowed: str) -> None:
    if rest:
        raise ThemeError(f"{path}: [{where}] has unknown key {sorted(rest)[0]!r}; use {allowed}")
