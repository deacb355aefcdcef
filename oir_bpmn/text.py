"""Text measurement shared by the layout and the renderers: widths of DejaVu Sans, word wrap,
and the lines shown under an event or gateway.

Widths are DejaVu Sans advance widths (in em), so the layout reserves exactly the room the
renderers fill. Example::

    >>> wrap("Henvis til betalingskanaler", 90, 10)
    ['Henvis til', 'betalingskanaler']
    >>> from oir_bpmn.model import days
    >>> node_text({"label": "Overførsel til FBS", "duration": days(1, 3)}, 100)
    ['Overførsel til FBS', '1–3 dage']
"""
from __future__ import annotations

LINE = 1.17  # line height of DejaVu Sans, in em
BOLD = 1.14  # DejaVu Sans Bold is about this much wider

_EM = {}
for _chars, _width in (
        (" ,.", 0.318), ("ilj'|", 0.278), ("IJ", 0.33), ("f", 0.352), ("t", 0.392),
        ("r", 0.411), ("()[]", 0.39), (":;/", 0.337), ("-", 0.361), ("!", 0.402),
        ("cz", 0.53), ("s", 0.521), ("vxyk", 0.59), ("aeoøåébdghnpqu", 0.63),
        ("0123456789", 0.636), ("?", 0.531), ("–", 0.5), ("w", 0.818), ("m", 0.974),
        ("æÆ", 0.98), ("FLPTY", 0.6), ("ABEKRSVXZÅ", 0.69), ("CDGHNOQUØ", 0.77),
        ("M", 0.863), ("W", 0.989)):
    for _char in _chars:
        _EM[_char] = _width
_DEFAULT_EM = 0.65

TEXT = 10  # points: labels of events, gateways and flows
PAD = 8    # points of a label box left free beside its text


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of ``text`` set in DejaVu Sans at ``size`` points."""
    width = sum(_EM.get(char, _DEFAULT_EM) for char in text) * size
    return width * BOLD if bold else width


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` as lines at most ``width`` points wide, broken only between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


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
