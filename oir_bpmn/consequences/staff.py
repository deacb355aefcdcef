"""The one definition of staff work, used by every report, the summary, the pack and the JSON.

Staff work is the *person steps* (``task``, ``userTask``, ``manualTask``, ``sendTask``,
``receiveTask``) in the lanes of the library, finance and coordination. Person steps of borrowers,
systems and external organisations (Systematic support) are shown apart, never as staff work;
service, script and rule tasks are done by systems. Example::

    >>> is_staff_step({"kind": "sendTask", "dept": "library"}), is_staff_step({"kind": "userTask", "dept": "external"})
    (True, False)
"""
from __future__ import annotations

from ..model import STAFF_DEPTS

__all__ = ["STAFF_DEPTS", "PERSON_KINDS", "OTHERS", "is_person_step", "is_staff_step", "side"]
PERSON_KINDS = ("task", "userTask", "manualTask", "sendTask", "receiveTask")
"""Tasks a person does, in a system or by hand (sending and receiving a letter included)."""
OTHERS = "others"
"""The group of person steps done outside the municipality's staff (borrower, external)."""


def is_person_step(data: dict) -> bool:
    return data["kind"] in PERSON_KINDS


def is_staff_step(data: dict) -> bool:
    """A person step in a library, finance or coordination lane."""
    return data["kind"] in PERSON_KINDS and data["dept"] in STAFF_DEPTS


def side(dept: str | None) -> str:
    """Which side of a hand-off a department is on: ``"staff"``, ``"system"`` or ``"others"``."""
    if dept in STAFF_DEPTS:
        return "staff"
    return "system" if dept == "system" else OTHERS
