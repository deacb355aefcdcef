"""The one place that says how oir-bpmn records its facts in BPMN, used to write and to read.

BPMN has no element for a lane's department, a wait's range or a process's variant and theme,
so the writer puts them into documentation, names and ids in the formats below, and the reader
takes them back out with the same functions. Example::

    >>> from oir_bpmn.model import days
    >>> wait_doc(days(1, 3), cycle=False)
    'Ventetid: 1–3 dage (P1D til P3D)'
    >>> wait_from_doc(wait_doc(days(1, 3), cycle=False))
    Duration(low=1, high=3, unit='days')
    >>> label_from_name(display_name("Overførsel", days(1, 3)), days(1, 3))
    'Overførsel'
"""
from __future__ import annotations

import re

from ..model import DEPARTMENTS, UNIT_NAMES, VARIANT_NAMES, WORKDAY_NAMES, Duration

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

# ---------------------------------------------------------------- departments

DEPT_PREFIX = "Afdeling: "
"""Lane (and pool) documentation that records the department tag."""


def dept_doc(dept: str) -> str:
    return f"{DEPT_PREFIX}{dept}"


def dept_from_doc(text: str) -> str | None:
    """The department tag ``dept_doc`` wrote, or None (other documentation may follow it)."""
    if not text.startswith(DEPT_PREFIX):
        return None
    dept = (text[len(DEPT_PREFIX):].split() or [""])[0]
    return dept if dept in DEPARTMENTS else None


NAME_PREFIX = "Fuldt navn: "
"""Documentation of a pool or lane whose name the diagram shows shortened ("…"): its whole name."""


def name_doc(name: str) -> str:
    return f"{NAME_PREFIX}{name}"


def name_from_doc(shown: str, text: str) -> str:
    """The whole name of a pool or lane shown as ``shown``, from its documentation ``text``
    (``name_doc``); ``shown`` itself unless it is that name shortened (renamed in a modeler: the
    new name)."""
    whole = text.partition(NAME_PREFIX)[2].strip()
    cut = shown[:-1].rstrip() if shown.endswith("…") else None
    return whole if cut is not None and whole.startswith(cut) else shown


def first_decoded(decode, docs: list[str]):
    """The first value ``decode`` reads from one of the documentation texts ``docs``, or None."""
    return next((value for value in map(decode, docs) if value is not None), None)


# ---------------------------------------------------------------- branches of a race

BRANCH_PREFIX = "Gren: "
"""Documentation of a flow out of an event-based gateway, holding its branch label: BPMN tools
(bpmnlint's superfluous-label) want no name on such a flow, as the event it leads to names it."""


def branch_doc(label: str) -> str:
    return f"{BRANCH_PREFIX}{label}"


def branch_from_doc(text: str) -> str | None:
    """The label ``branch_doc`` wrote, or None."""
    return text[len(BRANCH_PREFIX):].strip() or None if text.startswith(BRANCH_PREFIX) else None


# ---------------------------------------------------------------- waits and timer starts

_DOC_RANGE = re.compile(r"\((PT?\d+[A-Z]) til (PT?\d+[A-Z])\)")
_UNIT_WORDS = sorted({word for words in (*UNIT_NAMES.values(), WORKDAY_NAMES) for word in words}, key=len, reverse=True)
_NAME_SUFFIX = re.compile(rf"\s*\(\d+(?:[–-]\d+)? (?:{'|'.join(_UNIT_WORDS)})\)$")


def wait_doc(duration: Duration, cycle: bool) -> str:
    """Documentation of a wait (its whole range), or of a timer start (``cycle``)."""
    if cycle:
        return f"Starter igen efter {duration.danish()} (R/{duration.iso()})"
    return f"Ventetid: {duration.danish()} ({duration.iso(duration.low)} til {duration.iso()})"


def wait_from_doc(text: str) -> Duration | None:
    """The range ``wait_doc`` wrote for a wait, or None."""
    found = _DOC_RANGE.search(text)
    if not found:
        return None
    low, high = map(Duration.from_iso, found.groups())
    if low is None or high is None or low.unit != high.unit or low.low > high.low:
        return None
    return Duration(low.low, high.low, low.unit, workdays=low.unit == "days" and WORKDAY_NAMES[0] in text)


def timer_text(duration: Duration, cycle: bool) -> str:
    """The ``timeCycle`` (``R/P1W``) or ``timeDuration`` (``P3D``, the upper bound) of a timer."""
    return f"R/{duration.iso()}" if cycle else duration.iso()


def display_name(label: str, duration: Duration | None) -> str:
    """The name a wait shows in Camunda Modeler: its label and its duration, once."""
    if duration is not None and duration.danish() not in label:
        return f"{label} ({duration.danish()})"
    return label


def label_from_name(name: str, duration: Duration) -> str:
    """The label ``display_name`` started from (the duration's text when nothing else is left)."""
    return _NAME_SUFFIX.sub("", name) or duration.danish()


# ---------------------------------------------------------------- effort, shares and volumes

_EFFORT = re.compile(r"^Tidsforbrug: .*?\((PT\d+[HM]) til (PT\d+[HM])\)")
_SHARE = re.compile(r"^Andel af sagerne: (\d+(?:\.\d+)?(?:e-?\d+)?)$")
_VOLUME = re.compile(r"(?:^| )Sager pr\. år: (\d+(?:\.\d+)?)\.")
ONCE_DOC = "Udføres én gang."


def effort_doc(effort: Duration) -> str:
    """Documentation of a person step's effort: ``Tidsforbrug: 3–8 minutter (PT3M til PT8M)``."""
    return f"Tidsforbrug: {effort.danish()} ({effort.iso(effort.low)} til {effort.iso()})"


def effort_from_doc(text: str) -> Duration | None:
    """The effort ``effort_doc`` wrote, or None."""
    found = _EFFORT.match(text)
    if not found:
        return None
    low, high = map(Duration.from_iso, found.groups())
    if low is None or high is None or low.unit != high.unit or low.low > high.low or high.high == 0:
        return None
    return Duration(low.low, high.low, low.unit)


def share_doc(share: float) -> str:
    """Documentation of a branch's share of the cases: ``Andel af sagerne: 0.7``."""
    return f"Andel af sagerne: {share!r}"


def share_from_doc(text: str) -> float | None:
    """The share ``share_doc`` wrote (0–1), or None."""
    found = _SHARE.match(text.strip())
    value = float(found[1]) if found else None
    return value if value is not None and 0 <= value <= 1 else None


def volume_doc(per_year: float | None, once: bool) -> str | None:
    """Documentation of how often the process runs: ``Sager pr. år: 2400.``, a one-off, or None."""
    if once:
        return ONCE_DOC
    return None if per_year is None else f"Sager pr. år: {per_year:g}."


def volume_from_doc(text: str) -> tuple[float | None, bool]:
    """``(per_year, once)`` from a process's documentation."""
    found = _VOLUME.search(text)
    return (float(found[1]) if found else None), ONCE_DOC in text


# ---------------------------------------------------------------- the process itself

_VARIANTS = {name: variant for variant, name in VARIANT_NAMES.items()}
_SUMMARY = re.compile(rf"^(?P<title>.+) \((?P<variant>{'|'.join(_VARIANTS)})(?:, tema (?P<theme>\d+))?\)\."
                      r"(?: Kommune: (?P<municipality>.+?)\.)? Kilde: ")
_DEFINITIONS_ID = re.compile(r"^Definitions_(?P<key>.+)_(?P<variant>current|future)$")


def process_summary(title: str, variant: str, theme: int | None, municipality: str | None,
                    source: str) -> str:
    """Documentation of the main process: title, variant, theme, the municipality whose profile
    it was built for and the model file's name."""
    theme_text = f", tema {theme}" if theme else ""
    municipality_text = f" Kommune: {municipality}." if municipality else ""
    return f"{title} ({VARIANT_NAMES[variant]}{theme_text}).{municipality_text} Kilde: {source}"


def summary_from_doc(text: str) -> dict | None:
    """``{"title", "variant", "theme", "municipality"}`` from a ``process_summary``, or None."""
    found = _SUMMARY.match(text)
    if not found:
        return None
    return {"title": found["title"], "variant": _VARIANTS[found["variant"]],
            "theme": int(found["theme"]) if found["theme"] else None, "municipality": found["municipality"]}


def definitions_id(key: str, variant: str) -> str:
    return f"Definitions_{key}_{variant}"


def definitions_from_id(text: str) -> tuple[str, str] | None:
    """``(key, variant)`` from a ``definitions_id``, or None."""
    found = _DEFINITIONS_ID.match(text)
    return (found["key"], found["variant"]) if found else None
