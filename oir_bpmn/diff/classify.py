"""Classify what changes between the current and the future variant of a process, per step."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keeps `oir-bpmn --help` from importing networkx
    import networkx as nx

from ..consequences.figures import Consequences, consequences_of
from ..consequences.routes import is_task
from .flows import FlowChange, flow_changes
from .match import PLUMBING_KINDS, is_step, lane_name, match_steps, normalise
from .messages import message_changes
from .splices import mark_splices
from ..kinds import family
from ..model import DEPARTMENTS, NOTE_KINDS, VARIANT_NAMES, Duration, dept_name, note_kind

CLASS_LABELS = {
    "moved": "Flyttet",
    "removed": "Fjernet",
    "added": "Ny",
    "relabelled": "Omdøbt",
    "kind_changed": "Ændret type",
    "wait_added": "Ny ventetid",
    "wait_removed": "Fjernet ventetid",
    "wait_changed": "Ændret ventetid",
    "decision_added": "Nyt beslutningspunkt",
    "decision_removed": "Fjernet beslutningspunkt",
    "event_added": "Ny hændelse",
    "event_removed": "Fjernet hændelse",
}
"""Change classes in report order, with their Danish column headers."""

def lane_title(lane: str, dept: str | None) -> str:
    """``"Debitor/økonomi · Debitorafdelingen"``; the department alone when the lane is named so."""
    name = dept_name(dept)
    return f"{name} · {lane}" if lane and normalise(lane) != normalise(name) else name


@dataclass(frozen=True)
class StepState:
    """A step as it is in one variant."""

    node: str
    key: str
    label: str
    kind: str
    event: str | None
    lane: str
    dept: str | None
    duration: Duration | None

    @property
    def noun(self) -> str:
        """What the report counts it as: "trin" (a task), "ventetid", "hændelse", "beslutningspunkt"."""
        return element_noun(self.kind, self.event)


@dataclass(frozen=True)
class Change:
    """One difference of one step; ``before``/``after`` is None where the step is absent."""

    cls: str
    before: StepState | None
    after: StepState | None
    matched_by: str | None = None  # "key" | "label" for steps found in both variants

    @property
    def label(self) -> str:
        return (self.after or self.before).label

    @property
    def key(self) -> str:
        return (self.after or self.before).key

    @property
    def noun(self) -> str:
        return (self.after or self.before).noun


@dataclass(frozen=True)
class DeptSummary:
    """How many steps a department has before and after, and how many move in and out."""

    dept: str | None
    before: int
    after: int
    moved_in: int
    moved_out: int


@dataclass
class ProcessDiff:
    """Everything that differs between two variants of one process."""

    key: str
    title: str
    current_source: str
    future_source: str
    changes: list[Change]
    departments: list[DeptSummary]
    pairs: dict[str, str] = field(default_factory=dict)  # current node id -> future node id
    notes: list[str] = field(default_factory=list)
    flows: list[FlowChange] = field(default_factory=list)
    consequences: Consequences | None = None
    theme: int | None = None
    current_side: str = ""  # which process and variant was compared, e.g. "a.py::tema2 (nuværende)"
    future_side: str = ""
    note_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # side -> note kind -> n
    municipality: str | None = None  # whose profile the models were built for
    variants: tuple[str, str] = ("current", "future")  # the variants compared, left and right
    fte_hours: float = 1924.0  # hours of one FTE, from that profile (``profile.DEFAULT_FTE_HOURS``)

    @property
    def differs(self) -> bool:
        return bool(self.changes or self.flows)

    def of(self, cls: str) -> list[Change]:
        """The changes of one class, in report order."""
        return [c for c in self.changes if c.cls == cls]


def compare(current: nx.DiGraph, future: nx.DiGraph) -> ProcessDiff:
    """The differences between ``current`` and ``future`` (graphs from the DSL or a BPMN file)."""
    matches = match_steps(current, future)
    pairs = {m.current: m.future for m in matches}
    promoted = {n for m in matches for G, n in ((current, m.current), (future, m.future))
                if G.nodes[n]["kind"] in PLUMBING_KINDS}  # a parallel gateway that changed kind
    changes: list[Change] = []
    for m in matches:
        changes.extend(_matched_changes(_state(current, m.current), _state(future, m.future), m.by))
    seen_before = {m.current for m in matches}
    seen_after = {m.future for m in matches}
    for n, data in current.nodes(data=True):
        if is_step(data) and n not in seen_before:
            changes.append(Change(_one_sided(data, "removed"), _state(current, n), None))
    for n, data in future.nodes(data=True):
        if is_step(data) and n not in seen_after:
            changes.append(Change(_one_sided(data, "added"), None, _state(future, n)))
    order = {cls: i for i, cls in enumerate(CLASS_LABELS)}
    changes.sort(key=lambda c: (order[c.cls], _move_rank(c)))  # stable: graph order within a rank
    variants = compared_variants(current, future)
    return ProcessDiff(
        key=future.graph.get("key") or current.graph.get("key") or "",
        title=future.graph.get("title") or current.graph.get("title") or "",
        current_source=str(current.graph.get("file", "")), future_source=str(future.graph.get("file", "")),
        changes=changes, departments=_departments(current, future, changes),
        pairs=pairs,
        flows=mark_splices(flow_changes(current, future, pairs, promoted), current, future, pairs, promoted)
        + message_changes(current, future, pairs),
        consequences=consequences_of(current, future),
        theme=future.graph.get("theme") or current.graph.get("theme"),
        current_side=side_label(current), future_side=side_label(future),
        notes=_key_note(current, future) + _inferred_notes(current, side_names(variants, VARIANT_NAMES)[0])
        + _inferred_notes(future, side_names(variants, VARIANT_NAMES)[1]),
        note_counts={"current": _note_counts(current), "future": _note_counts(future)},
        municipality=future.graph.get("municipality") or current.graph.get("municipality"), variants=variants,
        fte_hours=future.graph.get("fte_hours") or current.graph.get("fte_hours") or 1924.0)


def compared_variants(current: nx.DiGraph, future: nx.DiGraph) -> tuple[str, str]:
    """The variants of the two sides: as recorded (a model, a BPMN file we wrote), else by place."""
    left, right = current.graph.get("variant"), future.graph.get("variant")
    return left if left in VARIANT_NAMES else "current", right if right in VARIANT_NAMES else "future"


def side_names(variants: tuple[str, str], names: dict[str, str]) -> tuple[str, str]:
    """What to call the two sides in ``names`` (``VARIANT_NAMES``: "Nuværende"…, or "I dag"…):
    by the variant each one is, with "(før)" and "(efter)" when both are the same variant."""
    left, right = (names[v] for v in variants)
    return (f"{left} (før)", f"{right} (efter)") if variants[0] == variants[1] else (left, right)


def source_name(file: str) -> str:
    """How a report names a source file: its folder and name (``processes/tema5.py``), the same
    whatever the working directory or the spelling of the path."""
    if not file:
        return file
    path = Path(os.path.abspath(file))
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def side_label(G: nx.DiGraph) -> str:
    """Which process of which file, in which variant: ``"processes/a.py::tema2 (fremtidig)"``,
    ``"ud/edited.bpmn (fremtidig, nøgle tema2)"``."""
    variant = VARIANT_NAMES.get(G.graph.get("variant"), "ukendt variant").lower()
    file, key = source_name(G.graph.get("file", "")), G.graph.get("key") or ""
    if G.graph.get("source") == "bpmn":
        return f"{file} ({variant}, nøgle {key})" if key else f"{file} ({variant})"
    return f"{file}::{key} ({variant})"


def _key_note(current: nx.DiGraph, future: nx.DiGraph) -> list[str]:
    a, b = current.graph.get("key"), future.graph.get("key")
    return [f"Siderne har forskellige nøgler ({a} og {b}): er det den samme proces?"] if a and b and a != b else []


def _note_counts(G: nx.DiGraph) -> dict[str, int]:
    """How many notes of each ``NOTE_KINDS`` kind ``G`` carries."""
    kinds = [note_kind(text) for _, data in G.nodes(data=True) for text in data.get("notes", ())]
    return {kind: kinds.count(kind) for kind in NOTE_KINDS}


def _state(G: nx.DiGraph, n: str) -> StepState:
    data = G.nodes[n]
    return StepState(n, data["key"], data["label"], data["kind"], data["event"], lane_name(G, n),
                     data["dept"], data["duration"])


def _matched_changes(before: StepState, after: StepState, by: str):
    moved_dept = before.dept and after.dept and before.dept != after.dept
    if moved_dept or normalise(before.lane) != normalise(after.lane):
        yield Change("moved", before, after, by)
    if " ".join(before.label.split()) != " ".join(after.label.split()):  # "original" → "Original" too
        yield Change("relabelled", before, after, by)
    if (before.kind, before.event) != (after.kind, after.event):
        yield Change("kind_changed", before, after, by)
    if before.event == after.event == "timer" and before.duration != after.duration:
        yield Change("wait_changed", before, after, by)


def _one_sided(data: dict, what: str) -> str:
    """"removed"/"added", or the wait or decision variant of it."""
    if element_noun(data["kind"], data["event"]) == "ventetid":  # a timer start is an event, not a wait
        return f"wait_{what}"
    if family(data["kind"]) == "gateway":  # a decision: parallel gateways are never steps
        return f"decision_{what}"
    return f"event_{what}" if family(data["kind"]) == "event" else what


def element_noun(kind: str, event: str | None) -> str:
    """"trin" for tasks and subprocesses; waits, events and decisions are counted on their own."""
    if event == "timer" and kind == "intermediateCatchEvent":
        return "ventetid"
    return {"event": "hændelse", "gateway": "beslutningspunkt"}.get(family(kind), "trin")


def _move_rank(change: Change) -> int:
    """Library → finance first, then other moves out of the library, other departments, lanes."""
    if change.cls != "moved":
        return 0
    before, after = change.before.dept, change.after.dept
    if (before, after) == ("library", "finance"):
        return 0
    if before == "library" and after != "library":
        return 1
    return 2 if before != after else 3


def _departments(current, future, changes) -> list[DeptSummary]:
    def count(G):
        tally: dict[str | None, int] = {}
        for _, data in G.nodes(data=True):
            if is_task(data):
                tally[data["dept"]] = tally.get(data["dept"], 0) + 1
        return tally

    before, after = count(current), count(future)
    moves = [(c.before.dept, c.after.dept) for c in changes
             if c.cls == "moved" and c.before.dept != c.after.dept and c.noun == "trin"]
    depts = list(DEPARTMENTS) + sorted({d for d in (*before, *after) if d not in DEPARTMENTS},
                                               key=lambda d: d or "")
    rows = [DeptSummary(d, before.get(d, 0), after.get(d, 0), sum(1 for _, to in moves if to == d),
                        sum(1 for frm, _ in moves if frm == d)) for d in depts]
    return [r for r in rows if r.before or r.after or r.moved_in or r.moved_out]


def _inferred_notes(G: nx.DiGraph, side: str) -> list[str]:
    """Danish notes for departments guessed from lane or pool names of a BPMN file."""
    notes = []
    for item in G.graph.get("inferred", []):
        what = "banen" if item["what"] == "lane" else "poolen"
        guess = (f"gættet ud fra navnet: {dept_name(item['dept'])}" if item["dept"]
                 else "ikke angivet og kan ikke gættes ud fra navnet")
        notes.append(f"{side} ({G.graph.get('file', '')}): afdelingen for {what} "
                     f"'{item['name']}' er {guess}.")
    return notes
