"""Sort the notes on the steps by their prefix: open questions, assumptions, facts from the task."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import note_kind
from .roles import owner_of

HEADINGS = {"question": "Åbne spørgsmål", "assumption": "Antagelser", "task_text": "Fra opgaven",
            "other": "Øvrige bemærkninger"}  # key decisions ("decision") have their own place
"""Danish heading of each kind (``model.NOTE_KINDS`` and "other"), in the order the report lists them."""


@dataclass(frozen=True)
class Note:
    """One note of one step: its kind, its text without the prefix, the step, the variant and
    the name of its process (set by ``collect``), and the role to ask (``roles.owner_of``)."""

    kind: str
    text: str
    step: str
    variant: str
    process: str = ""
    role: str = ""


def classify(text: str) -> tuple[str, str]:
    """``("question", "Hvilke …?")`` for ``"Spørgsmål: Hvilke …?"`` (the kinds of
    ``model.note_kind``); ``("other", text)`` for a note of no kind (read from a BPMN file)."""
    kind = note_kind(text)
    return (kind, text.partition(":")[2].strip()) if kind else ("other", text.strip())


def graph_notes(G) -> list[Note]:
    """Every note of every step of ``G``, in graph order."""
    variant = G.graph.get("variant", "")
    return [Note(*classify(text), data["label"], variant, role=owner_of(data))
            for _, data in G.nodes(data=True) for text in data.get("notes", ())]


def unique_notes(notes: Iterable[Note]) -> list[Note]:
    """``notes`` with the same kind and text once (the first step that has it)."""
    seen, out = set(), []
    for note in notes:
        if (note.kind, note.text) not in seen:
            seen.add((note.kind, note.text))
            out.append(note)
    return out
