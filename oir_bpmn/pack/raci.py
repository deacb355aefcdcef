"""RACI for the staff tasks the diff finds new or moved: R from the lane that does the work,
A, C and I suggested (marked as suggestions) by a simple rule the workshop adjusts."""
from __future__ import annotations

from dataclasses import dataclass

from ..decisions import ROLES
from ..diff.classify import element_noun
from .roles import role_of

SUGGESTED = "*"
"""Marks a suggested letter (A, C, I): the workshop confirms or changes it."""
LEGEND = ("R = udfører (fra modellens bane), A = ansvarlig, C = konsulteres, I = informeres. "
          f"{SUGGESTED} = forslag, som workshoppen bekræfter eller ændrer.")
CHANGE_NAMES = {"moved": "flyttet", "added": "ny"}


@dataclass(frozen=True)
class RaciRow:
    """One task: theme, process, label, how it changed, and a letter (or "") per role of ``ROLES``."""

    theme: int
    process: str
    task: str
    change: str
    letters: tuple[str, ...]


def raci_rows(themes) -> list[RaciRow]:
    """The new and moved staff tasks of every process (``ThemePack`` list), in theme order."""
    rows, seen = [], set()
    for item in themes:
        for process in item.processes:
            for change in process.diff.changes:
                row = _row(item.theme.number, process.name, change)
                if row and (row.theme, row.task) not in seen:
                    seen.add((row.theme, row.task))
                    rows.append(row)
    return rows


def _row(theme: int, process: str, change) -> RaciRow | None:
    after = change.after
    if change.cls not in CHANGE_NAMES or after is None or element_noun(after.kind, after.event) != "trin":
        return None
    doer = role_of({"lane": after.lane, "pool": getattr(after, "pool", ""), "dept": after.dept})
    if doer is None:  # a system or the borrower does it
        return None
    before = change.before
    gave = role_of({"lane": before.lane, "dept": before.dept}) if change.cls == "moved" and before else None
    letters = {role: "" for role in ROLES}
    letters[doer] = "R"
    owner = "Debitor-/økonomiafdelingen" if doer in ("Betalingsenheden", "Systematic support") else doer
    if letters[owner] == "":
        letters[owner] = "A" + SUGGESTED
    else:
        letters[owner] = "R/A" + SUGGESTED
    if doer != "ØiR-koordinator" and not letters["ØiR-koordinator"]:
        letters["ØiR-koordinator"] = "C" + SUGGESTED
    if gave and not letters[gave]:
        letters[gave] = "I" + SUGGESTED
    for role in ("Biblioteket", "Debitor-/økonomiafdelingen"):
        if not letters[role]:
            letters[role] = "I" + SUGGESTED
    move = f"{CHANGE_NAMES[change.cls]}" + (f" fra {gave}" if gave and gave != doer else "")
    return RaciRow(theme, process, after.label, move, tuple(letters[role] for role in ROLES))
