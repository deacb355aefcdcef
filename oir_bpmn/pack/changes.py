"""What changes per department in one theme, in Danish, from ``oir_bpmn.diff.compare``'s result.

Shared by the report and the slides, so both say the same.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import dept_name


@dataclass(frozen=True)
class ChangeGroup:
    """Steps that change the same way: ``title`` ("Flyttes fra Biblioteket til …") and their labels."""

    cls: str
    title: str
    labels: tuple[str, ...]


def change_groups(diff) -> list[ChangeGroup]:
    """Moved steps by (from, to) department, then removed and new steps by department."""
    groups: dict[tuple, list[str]] = {}
    for change in diff.changes:
        before, after = change.before, change.after
        if change.cls == "moved":
            if before.dept != after.dept:
                title = f"Flyttes fra {dept_name(before.dept)} til {dept_name(after.dept)}"
            else:
                title = f"Skifter bane i {dept_name(before.dept)} ({before.lane} → {after.lane})"
        elif change.cls in ("removed", "decision_removed", "wait_removed"):
            title = f"Fjernes i {dept_name(before.dept)}"
        elif change.cls in ("added", "decision_added", "wait_added"):
            title = f"Nyt i {dept_name(after.dept)}"
        else:
            continue
        groups.setdefault((_rank(change.cls), title), []).append(change.label)
    return [ChangeGroup(cls, title, tuple(labels)) for (cls, title), labels in groups.items()]


def _rank(cls: str) -> str:
    return "moved" if cls == "moved" else cls.rpartition("_")[2] if "_" in cls else cls


def dept_rows(diff) -> list[tuple[str, int, int, int, int]]:
    """(department, steps today, steps in future, moved in, moved out) per department."""
    return [(dept_name(d.dept), d.before, d.after, d.moved_in, d.moved_out) for d in diff.departments]


def change_lines(diff) -> list[str]:
    """One Danish sentence per group: ``"Flyttes fra Biblioteket til Debitor/økonomi: a, b."``."""
    return [f"{group.title}: {', '.join(group.labels)}." for group in change_groups(diff)]
