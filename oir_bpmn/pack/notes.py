"""Sort the notes on the steps by their prefix: open questions, assumptions, facts from the task."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

KINDS = {"spørgsmål": "question", "antagelse": "assumption", "fra opgaven": "task"}
"""Note prefix (before the colon, any case) → kind; other notes are of kind "other"."""

HEADINGS = {"question": "Åbne spørgsmål", "assumption": "Antagelser", "task": "Fra opgaven",
            "other": "Øvrige bemærkninger"}
"""Danish heading of each kind, in the order the report lists them."""

_PREFIX = re.compile(r"^\s*([^:\n]{1,40}?)\s*:\s*(.+)$", re.S)


@dataclass(frozen=True)
class Note:
    """One note of one step: its kind, its text without the prefix, the step, the variant and
    the name of its process (set by ``collect``)."""

    kind: str
    text: str
    step: str
    variant: str
    process: str = ""


def classify(text: str) -> tuple[str, str]:
    """``("question", "Hvilke …?")`` for ``"Spørgsmål: Hvilke …?"``; ``("other", text)`` otherwise."""
    match = _PREFIX.match(text)
    if match and match[1].casefold() in KINDS:
        return KINDS[match[1].casefold()], match[2].strip()
    return "other", text.strip()


def graph_notes(G) -> list[Note]:
    """Every note of every step of ``G``, in graph order."""
    variant = G.graph.get("variant", "")
    return [Note(*classify(text), data["label"], variant)
            for _, data in G.nodes(data=True) for text in data.get("notes", ())]


def unique_notes(notes: Iterable[Note]) -> list[Note]:
    """``notes`` with the same kind and text once (the first step that has it)."""
    seen, out = set(), []
    for note in notes:
        if (note.kind, note.text) not in seen:
            seen.add((note.kind, note.text))
            out.append(note)
    return out
