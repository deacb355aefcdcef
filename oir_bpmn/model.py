"""The process graph: the one data structure every stage after the DSL reads.

A compiled process is a ``networkx.DiGraph``.

Graph attributes (``G.graph``):
    title, variant ("current" | "future"), theme (int | None), key (process slug),
    file, line (where the process was declared), profile (municipality profile name),
    municipality (the profile's municipality name, shown in every output),
    pools: list of pool dicts in declaration order, the first being the main pool
        {"id", "name", "process_id", "dept", "lanes": [lane ids]}
    lanes: dict lane id -> {"id", "name", "dept", "pool", "file", "line"} in declaration order
    problems: list of ``Problem`` found while building (e.g. unknown department)
    per_year (cases a year, or None), per_year_from ("profile" | "model" | None), once (a one-off),
    fte_hours (hours of one FTE, from the profile): the figures of ``oir_bpmn.consequences``

Node attributes (node id = BPMN id, e.g. ``Activity_henvis``):
    kind: a BPMN tag name, one of ``kinds.KINDS``
    event: None | "message" | "timer" | "error" | "terminate" (event definition)
    label, key, lane (lane id or None), pool (pool id), parent (subprocess id or None)
    duration: ``Duration`` for timer events, else None
    effort: ``Duration`` in minutes or hours a person spends on the step each time, or None
    notes: tuple of annotation texts attached to the step
    dept: the department tag of the step's lane (or pool)
    auto: True for gateways the compiler inserted (joins, implicit splits); those also have
        near: the id of the step they were inserted beside (for messages)
    file, line: where the step was written

Edge attributes:
    id (BPMN id), flow ("sequence" | "message"), label (str | None),
    condition (str | None), default (True for a gateway's default flow), file, line,
    share (float | None: the share of the cases a decision's branch takes)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .kinds import FAMILIES, id_prefix
from .problems import ModelError, report

DEPARTMENTS = ("library", "finance", "coordination", "system", "external")
"""Department tags a lane may carry, in the order the diff and legends list them."""

STAFF_DEPTS = ("library", "finance", "coordination")
"""Departments whose people do the staff work (see ``oir_bpmn.consequences.staff``)."""

DEPARTMENT_NAMES = {
    "library": "Biblioteket",
    "finance": "Debitor/økonomi",
    "coordination": "ØiR-koordinering",
    "system": "IT-systemer",
    "external": "Eksterne",
}



def dept_name(dept: str | None) -> str:
    """Danish name of the department tag ``dept`` (the tag itself when unknown)."""
    return DEPARTMENT_NAMES.get(dept, dept or "Uden afdeling")


NOTE_KINDS = {"question": "Spørgsmål", "assumption": "Antagelse", "task_text": "Fra opgaven",
              "decision": "Beslutning"}
"""Kinds of note, each with the Danish prefix that starts its text ("Antagelse: …"): an open
question for the workshop, an assumption or example the municipality must confirm, a fact
stated in the KOMBIT task text, a key decision the municipality must take (``decisions.py``). The prefix is the kind, so the BPMN text annotation says it too."""

NOTE_NOUNS = {"question": ("spørgsmål", "spørgsmål"), "assumption": ("antagelse", "antagelser"),
              "task_text": ("fra opgaven", "fra opgaven"), "decision": ("beslutning", "beslutninger")}
"""How the diff report counts notes of each kind, one and many: "1 antagelse", "2 antagelser"."""


def note_kind(text: str) -> str | None:
    """The ``NOTE_KINDS`` key whose prefix starts ``text`` ("Antagelse: …" → "assumption"), or None."""
    head = text.lstrip().partition(":")[0].strip().casefold()
    return next((kind for kind, prefix in NOTE_KINDS.items() if prefix.casefold() == head), None)


THEME_NUMBERS = tuple(range(1, 8))
"""The numbers of the KOMBIT task's seven themes, which ``@process(theme=…)`` takes."""

VARIANT_NAMES = {"current": "Nuværende", "future": "Fremtidig"}
"""Danish display name of each process variant."""

ISO_UNITS = {"years": ("P", "Y"), "months": ("P", "M"), "weeks": ("P", "W"), "days": ("P", "D"),
             "hours": ("PT", "H"), "minutes": ("PT", "M")}
"""Unit → (prefix, designator) of an ISO-8601 duration of whole units."""

UNIT_NAMES = {
    "years": ("år", "år"), "months": ("måned", "måneder"), "weeks": ("uge", "uger"),
    "days": ("dag", "dage"), "hours": ("time", "timer"), "minutes": ("minut", "minutter"),
}
"""Unit → its Danish name in the singular and the plural."""


WORKDAY_NAMES = ("arbejdsdag", "arbejdsdage")
"""A wait in working days (``workdays``), singular and plural."""


@dataclass(frozen=True)
class Duration:
    """A wait of ``low`` to ``high`` units (``high`` may equal ``low``)."""

    low: int
    high: int
    unit: str  # "years" | "months" | "weeks" | "days" | "hours" | "minutes"
    workdays: bool = field(default=False, repr=False)  # days counted on working days only

    def iso(self, value: int | None = None) -> str:
        """ISO-8601 duration of ``value`` units (default: the upper bound)."""
        prefix, suffix = ISO_UNITS[self.unit]
        return f"{prefix}{self.high if value is None else value}{suffix}"

    @classmethod
    def from_iso(cls, text: str) -> Duration | None:
        """The wait ``iso()`` wrote: ``"P3D"`` → 3 days, a cycle ``"R/P1W"`` → 1 week; None for
        anything but a whole number of one unit."""
        match = re.fullmatch(r"(?:R\d*/)?(PT?)(\d+)([A-Z])", text.strip())
        unit = next((u for u, iso in ISO_UNITS.items() if match and iso == (match[1], match[3])), None)
        return cls(int(match[2]), int(match[2]), unit) if unit else None

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def every(self) -> str:
        """How often a timer start repeats, e.g. ``hver dag``, ``hvert år``, ``hver 2. uge``."""
        one = UNIT_NAMES[self.unit][0]
        each = "hvert" if self.unit == "years" else "hver"
        return f"{each} {one}" if self.high == 1 else f"{each} {self.high}. {one}"

    def danish(self) -> str:
        """Human label, e.g. ``1–3 dage``, ``1 dag`` or ``2 arbejdsdage``."""
        one, many = WORKDAY_NAMES if self.workdays else UNIT_NAMES[self.unit]
        if self.is_range:
            return f"{self.low}–{self.high} {many}"
        return f"{self.low} {one if self.low == 1 else many}"


def days(low: int, high: int | None = None) -> Duration:
    """A wait of ``low`` days, or ``low`` to ``high`` days."""
    return _duration(low, high, "days")


def workdays(low: int, high: int | None = None) -> Duration:
    """A wait of ``low`` (to ``high``) working days: weekends and Danish public holidays do not count."""
    found = _duration(low, high, "days")
    return Duration(found.low, found.high, "days", workdays=True)


def hours(low: int, high: int | None = None) -> Duration:
    """A wait of ``low`` hours, or ``low`` to ``high`` hours."""
    return _duration(low, high, "hours")


def weeks(low: int, high: int | None = None) -> Duration:
    """A wait of ``low`` weeks, or ``low`` to ``high`` weeks."""
    return _duration(low, high, "weeks")


def months(low: int, high: int | None = None) -> Duration:
    """A wait of ``low`` months, or ``low`` to ``high`` months."""
    return _duration(low, high, "months")


def years(low: int, high: int | None = None) -> Duration:
    """A wait of ``low`` years, or ``low`` to ``high`` years."""
    return _duration(low, high, "years")


def minutes(low: int, high: int | None = None) -> Duration:
    """A wait of ``low`` minutes, or ``low`` to ``high`` minutes."""
    return _duration(low, high, "minutes")


def _duration(low: int, high: int | None, unit: str) -> Duration:
    high = low if high is None else high
    shown = f"{unit}({low})" if low == high else f"{unit}({low}, {high})"
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (low, high)):
        return _bad_wait(f"{shown}: a wait is a whole number of {unit}", unit)
    if low < 0:
        return _bad_wait(f"{shown}: a wait cannot be negative", unit)
    if high < low:
        return _bad_wait(f"{shown}: the shortest wait comes first, the longest second", unit,
                         f"write {unit}({high}, {low})")
    if high == 0:
        return _bad_wait(f"{shown} is a wait of no time at all", unit,
                         f"wait at least 1, e.g. {unit}(1), or leave the wait out")
    return Duration(low, high, unit)


def _bad_wait(message: str, unit: str, hint: str = "") -> Duration:
    """Report a wrong wait (while a model runs: with the others, and go on with a 1-unit wait)."""
    report(ModelError(message, hint or f"write e.g. {unit}(1) or {unit}(1, 3)"))
    return Duration(1, 1, unit)


TRANSLIT = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"}
"""How the Danish letters are spelled in ASCII (in keys, and when labels are compared)."""


_TRANSLIT_TABLE = str.maketrans(TRANSLIT)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0, so BPMN, cannot hold: control characters, lone surrogates, U+FFFE, U+FFFF."""


def not_xml(text: str) -> str | None:
    r"""The first character of ``text`` a BPMN file cannot hold, or None::

        >>> not_xml("Betaling\x01"), not_xml("Ophæv spærring")
        ('\x01', None)
    """
    found = NOT_XML.search(text)
    return found.group() if found else None


def slug(text: str) -> str:
    """A stable identifier fragment from a Danish label: ``"Ophæv spærring"`` → ``ophaev_spaerring``."""
    text = text.translate(_TRANSLIT_TABLE)
    if not text.isascii():  # (ASCII text is its own NFKD form: skip the work for most labels)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("_", text.lower()).strip("_")
    if not text:
        return "x"
    return text if text[0].isalpha() else f"k_{text}"


AUTO_ROLES = ("join", "fork")
"""Gateways the compiler inserts get the key ``<role>__<key of the step>``; ``slug`` never makes
a double underscore, so these keys cannot clash with a key a model gives."""


def auto_key(role: str, key: str) -> str:
    """Key of the join or fork gateway the compiler inserts next to the step with ``key``."""
    return f"{role}__{key}"


def is_auto_key(key: str) -> bool:
    """True for a key made by ``auto_key``."""
    return key.startswith(tuple(f"{role}__" for role in AUTO_ROLES))


def node_id(kind: str, key: str) -> str:
    """The BPMN id of a step of ``kind`` with ``key``, e.g. ``Activity_henvis``."""
    return f"{id_prefix(kind)}_{key}"


def key_of_id(bpmn_id: str) -> str:
    """The step key inside a BPMN id written by ``node_id`` (the id itself otherwise)."""
    prefix, sep, rest = bpmn_id.partition("_")
    return rest if sep and prefix in FAMILIES.values() else bpmn_id


def sequence_edges(G):
    """All sequence flows as ``(source, target, data)``."""
    return [(u, v, d) for u, v, d in G.edges(data=True) if d["flow"] == "sequence"]


def message_edges(G):
    """All message flows as ``(source, target, data)``."""
    return [(u, v, d) for u, v, d in G.edges(data=True) if d["flow"] == "message"]


def seq_succ(G, n) -> list[str]:
    """The steps ``n`` leads to by sequence flows."""
    return [v for v, d in G.succ[n].items() if d["flow"] == "sequence"]


def seq_pred(G, n) -> list[str]:
    """The steps that lead to ``n`` by sequence flows."""
    return [u for u, d in G.pred[n].items() if d["flow"] == "sequence"]


def top_level(G, n: str) -> str:
    """``n``, or the outermost subprocess holding it."""
    while G.nodes[n].get("parent") is not None:
        n = G.nodes[n]["parent"]
    return n


def pool_of(G, pool_id: str) -> dict:
    """The pool dict of ``G.graph["pools"]`` with id ``pool_id``."""
    return next(pool for pool in G.graph["pools"] if pool["id"] == pool_id)


def annotation_id(node: str, index: int) -> str:
    """BPMN id of the ``index``-th text annotation attached to ``node``."""
    return f"TextAnnotation_{key_of_id(node)}_{index + 1}"


def association_id(node: str, index: int) -> str:
    """BPMN id of the association linking ``node`` to its ``index``-th annotation."""
    return f"Association_{key_of_id(node)}_{index + 1}"
