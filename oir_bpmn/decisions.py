"""Key decisions: a ``Beslutning:`` note naming a decision the municipality must take.

One line of text carries the decision, so it survives as a BPMN text annotation like the other
note kinds::

    Beslutning: Betaling ved skranken | Muligheder: Ja / Nej | Ejer (forslag): Biblioteket | Hvornår: før go-live

``decision_text`` writes it (and checks it), ``parse_decision`` reads it back.
"""
from __future__ import annotations

from dataclasses import dataclass

from .problems import ModelError

PREFIX = "Beslutning"
ROLES = ("Biblioteket", "Debitor-/økonomiafdelingen", "Betalingsenheden", "ØiR-koordinator",
         "Systematic support")
"""The roles of the workshop (the RACI's columns): who may own a decision."""
NEEDED = ("før go-live", "ved opsætning", "løbende")
"""When a decision is needed, in the order the workshop takes them."""
FIELDS = ("Muligheder", "Ejer (forslag)", "Hvornår")
SEP, OPTION_SEP = " | ", " / "
EXAMPLE = ('.decision("Betaling ved skranken", options=["Ja", "Nej"], owner="Biblioteket", '
           'needed="før go-live")')


@dataclass(frozen=True)
class KeyDecision:
    """A decision the municipality must take: its name, options, proposed owner and when."""

    name: str
    options: tuple[str, ...]
    owner: str
    needed: str

    @property
    def order(self) -> int:
        """Position of ``needed`` in ``NEEDED`` (before go-live first)."""
        return NEEDED.index(self.needed)


def decision_text(name, options, owner, needed) -> str:
    """The note text of a key decision; raises ``ModelError`` (message and hint in the author's
    words) for a missing name, fewer than two options, an unknown role or time."""
    if not isinstance(name, str) or not name.strip() or "|" in name:
        raise ModelError("a decision needs a name without '|'", f"write e.g. {EXAMPLE}")
    if isinstance(options, str) or not isinstance(options, (list, tuple)):
        raise ModelError(f"options must be a list of texts, got {options!r}", f"write e.g. {EXAMPLE}")
    options = [o.strip() if isinstance(o, str) else o for o in options]
    if len(options) < 2 or not all(isinstance(o, str) and o for o in options):
        raise ModelError(f"a decision needs at least two options (texts), got {options!r}",
                         f"write e.g. {EXAMPLE}")
    bad = [o for o in options if "|" in o or OPTION_SEP in f" {o} "]
    if bad:
        raise ModelError(f"an option cannot contain '|' or ' / ': {bad[0]!r}", "split it into two options")
    if owner not in ROLES:
        raise ModelError(f"unknown owner role {owner!r}{_close(owner, ROLES)}",
                         "owner= one of " + ", ".join(repr(r) for r in ROLES))
    if needed not in NEEDED:
        raise ModelError(f"needed= cannot be {needed!r}{_close(needed, NEEDED)}",
                         "needed= one of " + ", ".join(repr(n) for n in NEEDED))
    parts = [name.strip(), f"{FIELDS[0]}: {OPTION_SEP.join(options)}", f"{FIELDS[1]}: {owner}",
             f"{FIELDS[2]}: {needed}"]
    return f"{PREFIX}: {SEP.join(parts)}"


def parse_decision(text: str) -> KeyDecision:
    """The decision in a ``Beslutning:`` note's ``text`` (with or without the prefix); raises
    ``ModelError`` when a part is missing or wrong, as ``decision_text`` would."""
    body = text.strip()
    if body.casefold().startswith(PREFIX.casefold() + ":"):
        body = body.partition(":")[2].strip()
    name, *rest = [part.strip() for part in body.split("|")]
    fields = {}
    for part in rest:
        key, _, value = part.partition(":")
        fields[key.strip()] = value.strip()
    missing = [f for f in FIELDS if f not in fields]
    if missing:
        raise ModelError(f"the decision note {name!r} lacks {', '.join(missing)}",
                         f"write it with .decision(…), e.g. {EXAMPLE}")
    options = [o.strip() for o in fields[FIELDS[0]].split(OPTION_SEP)]
    decision_text(name, options, fields[FIELDS[1]], fields[FIELDS[2]])  # the same checks
    return KeyDecision(name, tuple(options), fields[FIELDS[1]], fields[FIELDS[2]])


def _close(value, choices) -> str:
    import difflib

    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.5)
    return f" – did you mean '{close[0]}'?" if close else ""
