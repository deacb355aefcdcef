"""The Danish summary lines at the top of a diff report.

Only tasks (and subprocesses) are counted as "trin"; events, decisions, waits and flows get
lines of their own, e.g.::

    3 trin flyttes fra Biblioteket til Debitor/økonomi.
    Hændelser: 1 ny, 2 fjernet.
    Forbindelser: 1 omkoblet, 1 ny.
    Indsat: Scan faktura mellem Tjek faktura og Godkend.
    Beskeder: 1 ny, 1 omdøbt.
"""
from __future__ import annotations

from .classify import ProcessDiff
from ..model import Duration, dept_name

PLURAL = {"trin": "trin", "hændelse": "hændelser", "beslutningspunkt": "beslutningspunkter",
          "ventetid": "ventetider"}
NOUN_ORDER = tuple(PLURAL)
FLOW_WORDS = {"flow_rewired": ("omkoblet", "omkoblede"),
              "condition_changed": ("med ændret betingelse", "med ændret betingelse"),
              "flow_added": ("ny", "nye"), "flow_removed": ("fjernet", "fjernede")}
MESSAGE_WORDS = {"message_added": ("ny", "nye"), "message_removed": ("fjernet", "fjernede"),
                 "message_relabelled": ("omdøbt", "omdøbte"), "message_rewired": ("omkoblet", "omkoblede")}
GROUP_TITLES = {"hændelse": "Hændelser", "beslutningspunkt": "Beslutningspunkter"}


def counted(n: int, noun: str) -> str:
    """``"3 trin"``, ``"1 hændelse"``, ``"2 hændelser"``."""
    return f"{n} {noun if n == 1 else PLURAL[noun]}"


def _enumerate(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} og {parts[-1]}"


def _by_noun(changes) -> str:
    tally = {noun: sum(1 for c in changes if c.noun == noun) for noun in NOUN_ORDER}
    return _enumerate([counted(n, noun) for noun, n in tally.items() if n])


def duration_text(duration: Duration | None) -> str:
    return duration.danish() if duration else "ukendt varighed"


def headline(diff: ProcessDiff) -> list[str]:
    """Short Danish sentences: who gets which steps, what disappears, what is new."""
    if not diff.differs:
        return ["Ingen forskelle."]
    lines = []
    moves: dict[tuple, list] = {}
    for c in diff.of("moved"):
        if c.before.dept != c.after.dept:
            moves.setdefault((c.before.dept, c.after.dept), []).append(c)
    for (frm, to), changes in moves.items():
        lines.append(f"{_by_noun(changes)} flyttes fra {dept_name(frm)} til {dept_name(to)}.")
    same = [c for c in diff.of("moved") if c.before.dept == c.after.dept]
    if same:
        lines.append(f"{_by_noun(same)} skifter bane i samme afdeling.")
    for cls, verbs in (("removed", ("fjernes", "fjernes")), ("added", ("er nyt", "er nye"))):
        if n := len(diff.of(cls)):
            lines.append(f"{counted(n, 'trin')} {verbs[n != 1]}.")
    for cls, verb in (("relabelled", "får nyt navn"), ("kind_changed", "skifter type")):
        if diff.of(cls):
            lines.append(f"{_by_noun(diff.of(cls))} {verb}.")
    for noun, title in GROUP_TITLES.items():
        key = "event" if noun == "hændelse" else "decision"
        new, gone = len(diff.of(f"{key}_added")), len(diff.of(f"{key}_removed"))
        one_new = "ny" if noun == "hændelse" else "nyt"
        parts = ([f"{new} {one_new if new == 1 else 'nye'}"] if new else []) + \
                ([f"{gone} {'fjernet' if gone == 1 else 'fjernede'}"] if gone else [])
        if parts:
            lines.append(f"{title}: {', '.join(parts)}.")
    waits = [f"ny ventetid {duration_text(c.after.duration)}" for c in diff.of("wait_added")]
    waits += [f"ventetid {duration_text(c.before.duration)} falder væk" for c in diff.of("wait_removed")]
    waits += [f"ventetid {duration_text(c.before.duration)} bliver {duration_text(c.after.duration)}"
              for c in diff.of("wait_changed")]
    if waits:
        lines.append(f"Ventetider: {', '.join(waits)}.")
    for title, words in (("Forbindelser", FLOW_WORDS), ("Beskeder", MESSAGE_WORDS)):
        flows = [f"{n} {words[cls][n != 1]}" for cls in words if (n := sum(1 for f in diff.flows if f.cls == cls))]
        if flows:
            lines.append(f"{title}: {', '.join(flows)}.")
        if title == "Forbindelser":
            lines += _splices(diff)
    return lines


def _splices(diff: ProcessDiff) -> list[str]:
    """"Indsat: X mellem S og T." per step inserted on a flow ("Udtaget: …" per one taken out)."""
    return [f"{'Indsat' if f.inserted else 'Udtaget'}: {f.inserted or f.taken_out} mellem {f.source} og "
            f"{f.target_before or f.target_after}." for f in diff.flows
            if (f.inserted and f.cls == "flow_removed") or (f.taken_out and f.cls == "flow_added")]
