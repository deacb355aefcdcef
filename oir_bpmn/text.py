"""Text measurement shared by the layout and the renderers: widths of DejaVu Sans, word wrap,
and the lines shown under an event or gateway.

Widths are the advance widths of DejaVu Sans (``fontmetrics``, extracted from the font files),
so the layout reserves exactly the room the renderers fill, on every machine alike. Example::

    >>> wrap("Henvis til betalingskanaler", 90, 10)
    ['Henvis til', 'betalingskanaler']
    >>> from oir_bpmn.model import days
    >>> node_text({"label": "Overførsel til FBS", "duration": days(1, 3)}, 100)
    ['Overførsel til FBS', '1–3 dage']
"""
from __future__ import annotations

from .fontmetrics import BOLD, REGULAR, UNITS_PER_EM

LINE = 1.17  # line height of DejaVu Sans (ascent + descent), in em

TEXT = 10       # points: labels of events, gateways and flows
TASK_TEXT = 12  # points: task names (bpmn-js draws them at 12 px)
NOTE_TEXT = 11  # points: annotations
PAD = 8    # points of a label box left free beside its text


class _Advances(dict):
    """Advance widths by character; a character the font table lacks counts one em."""

    def __missing__(self, char: str) -> int:
        return UNITS_PER_EM


_TABLES = {False: _Advances(REGULAR), True: _Advances(BOLD)}


def _units(text: str, bold: bool) -> int:
    """Width of ``text`` in font units (``map`` over the table: the layout measures a lot of text)."""
    return sum(map(_TABLES[bold].__getitem__, text))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in DejaVu Sans (Bold) at ``size`` points, from the font's
    advance widths; a character the table lacks counts one em."""
    return _units(text, bold) * size / UNITS_PER_EM


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` as lines at most ``width`` points wide, broken only between words."""
    lines: list[str] = []
    line_units = 0  # width of the last line in font units, summed word by word
    space = _units(" ", bold)
    for word in text.split():
        units = _units(word, bold)
        if lines and (line_units + space + units) * size / UNITS_PER_EM <= width:
            lines[-1] += f" {word}"
            line_units += space + units
        else:
            lines.append(word)
            line_units = units
    return lines or [""]


BAND_LINES = 2   # lines of a pool's or lane's name that fit in bpmn-js's 30 px band beside it
BAND_MARGIN = 10  # points kept free at each end of that band


def fit(text: str, width: float, size: float, lines: int, bold: bool = False) -> str:
    """``text`` as it fits into ``lines`` lines of ``width`` points: whole, or cut after a word
    with "…" (a word longer than a line is cut inside)."""
    if len(wrap(text, width, size, bold)) <= lines:
        return text
    words, kept = text.split(), ""
    for word in words:
        trial = f"{kept} {word}".strip()
        if len(wrap(trial + " …", width, size, bold)) > lines:
            break
        kept = trial
    if not kept:  # one long first word: as many characters as fit on the lines
        kept = words[0]
        while kept and text_width(kept + "…", size, bold) > width * lines:
            kept = kept[:-1]
        return kept + "…"
    return kept + " …"


def band_name(name: str, length: float) -> str:
    """A pool's or lane's name as bpmn-js can show it in the band beside a shape ``length``
    points tall (sideways, in ``BAND_LINES`` lines of 12 px): whole, or shortened with "…"."""
    return fit(name, max(length - 2 * BAND_MARGIN, TASK_TEXT), TASK_TEXT, BAND_LINES)


def node_text(d: dict, width: float) -> list[str]:
    """The lines under an event or gateway in a box ``width`` points wide: its name and, for a
    timer, the wait (for a timer start, how often it starts: "hver dag")."""
    label, duration = d.get("label") or "", d.get("duration")
    lines = wrap(label, width - PAD, TEXT) if label else []
    if duration is not None:
        wait = duration.every() if d.get("kind") == "startEvent" else duration.danish()
        if label.casefold() != wait.casefold():
            lines.append(wait)
    return lines
