"""The text under an event or gateway: the layout reserves room for these lines, the renderer
draws them. Example::

    >>> from oir_bpmn.model import days
    >>> node_text({"label": "Overførsel til FBS", "duration": days(1, 3)}, 100)
    ['Overførsel til FBS', '1–3 dage']
"""
from __future__ import annotations

from .render_text import wrap

TEXT = 10  # points: labels of events, gateways and flows
PAD = 8    # points of a label box left free beside its text


def node_text(d: dict, width: float) -> list[str]:
    """The lines under an event or gateway in a box ``width`` points wide: its name and, for a
    timer, the wait."""
    label, duration = d.get("label") or "", d.get("duration")
    lines = wrap(label, width - PAD, TEXT) if label else []
    if duration is not None and label != duration.danish():
        lines.append(duration.danish())
    return lines
