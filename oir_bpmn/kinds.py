"""The element kinds: one entry per BPMN flow node kind and per event definition.

Every stage reads a kind's facts here: its family, BPMN tag, id prefix, marker in the diagrams,
Danish name and default size. Adding a kind means one ``register`` call (and a DSL method that
makes it); drawing code changes only when it draws differently from its family. Example::

    >>> KINDS["manualTask"].danish, KINDS["manualTask"].family, id_prefix("manualTask")
    ('manuel opgave', 'activity', 'Activity')
"""
from __future__ import annotations

from dataclasses import dataclass

FAMILIES = {"activity": "Activity", "event": "Event", "gateway": "Gateway"}
"""Family → prefix of the BPMN ids of its nodes."""

SIZES = {"activity": (100, 80), "event": (36, 36), "gateway": (50, 50)}
"""Default size of a family's shape in diagram units (as Camunda Modeler draws them)."""


@dataclass(frozen=True)
class Kind:
    """A BPMN flow node kind: ``tag`` is its element name in BPMN 2.0."""

    tag: str
    family: str                  # "activity" | "event" | "gateway"
    danish: str                  # name in reports: "manuel opgave"
    marker: str = ""             # drawn in the diagrams: "✍ manuel" on a task, "×" in a gateway
    scope: bool = False          # holds flow nodes of its own (subprocesses)

    @property
    def size(self) -> tuple[int, int]:
        return SIZES[self.family]


@dataclass(frozen=True)
class EventDefinition:
    """What an event waits for or throws: ``tag`` is the BPMN ``…EventDefinition`` element."""

    name: str                    # "timer", as a node's ``event`` attribute holds it
    danish: str
    marker: str = ""

    @property
    def tag(self) -> str:
        return f"{self.name}EventDefinition"


KINDS: dict[str, Kind] = {}
EVENTS: dict[str, EventDefinition] = {}


def register(kind: Kind | EventDefinition) -> None:
    """Add (or replace) a kind or an event definition."""
    if isinstance(kind, EventDefinition):
        EVENTS[kind.name] = kind
    elif kind.family not in FAMILIES:
        raise ValueError(f"unknown family {kind.family!r} of kind {kind.tag!r}; use one of {', '.join(FAMILIES)}")
    else:
        KINDS[kind.tag] = kind


for _kind in (
    Kind("task", "activity", "opgave"),
    Kind("userTask", "activity", "opgave i et system", "☺ bruger"),
    Kind("manualTask", "activity", "manuel opgave", "✍ manuel"),
    Kind("serviceTask", "activity", "automatisk (system)", "⚙ automatisk"),
    Kind("sendTask", "activity", "sender besked", "✉ send"),
    Kind("receiveTask", "activity", "modtager besked", "✉ modtag"),
    Kind("scriptTask", "activity", "kørsel/script", "✎ script"),
    Kind("businessRuleTask", "activity", "forretningsregel", "▦ regel"),
    Kind("subProcess", "activity", "delproces", scope=True),
    Kind("adHocSubProcess", "activity", "delproces", scope=True),
    Kind("transaction", "activity", "transaktion", scope=True),
    Kind("callActivity", "activity", "kaldt proces"),
    Kind("startEvent", "event", "start"),
    Kind("endEvent", "event", "slut"),
    Kind("intermediateCatchEvent", "event", "venter"),
    Kind("intermediateThrowEvent", "event", "sender"),
    Kind("boundaryEvent", "event", "hændelse på kanten"),
    Kind("exclusiveGateway", "gateway", "beslutning", "×"),
    Kind("parallelGateway", "gateway", "parallelle veje", "+"),
    Kind("eventBasedGateway", "gateway", "det der sker først", "⬠"),
    Kind("inclusiveGateway", "gateway", "beslutning (flere veje)", "○"),
    Kind("complexGateway", "gateway", "kompleks beslutning", "✱"),
    EventDefinition("message", "besked", "✉"),
    EventDefinition("timer", "tid", "◷"),
    EventDefinition("error", "fejl", "⚡"),
    EventDefinition("terminate", "stop alt", "●"),
    EventDefinition("signal", "signal"),
    EventDefinition("escalation", "eskalering"),
    EventDefinition("conditional", "betingelse"),
):
    register(_kind)


def family(tag: str) -> str:
    """"event", "gateway" or "activity", also for a tag the registry does not know."""
    kind = KINDS.get(tag)
    if kind is not None:
        return kind.family
    if tag.endswith("Event"):
        return "event"
    return "gateway" if tag.endswith("Gateway") else "activity"


def id_prefix(tag: str) -> str:
    """Prefix of the BPMN ids of nodes of kind ``tag``: ``Activity``, ``Event`` or ``Gateway``."""
    return FAMILIES[family(tag)]


def tasks() -> list[str]:
    """Tags of the activities that are single tasks (not subprocesses)."""
    return [tag for tag, kind in KINDS.items() if kind.family == "activity" and not kind.scope]


def is_gateway(tag: str) -> bool:
    return family(tag) == "gateway"


def is_scope(tag: str) -> bool:
    """True for kinds that hold flow nodes of their own (subprocesses)."""
    kind = KINDS.get(tag)
    return kind is not None and kind.scope


def danish_name(tag: str, event: str | None = None) -> str:
    """Danish name of a step type: ``manualTask`` → ``manuel opgave``; with its event definition
    ``intermediateCatchEvent``, ``timer`` → ``venter (tid)``."""
    kind = KINDS.get(tag)
    name = kind.danish if kind else tag
    if not event:
        return name
    definition = EVENTS.get(event)
    return f"{name} ({definition.danish if definition else event})"


def marker(tag: str, event: str | None = None) -> str:
    """The diagram marker of a node: its event definition's for events, else its kind's."""
    if family(tag) == "event":
        definition = EVENTS.get(event) if event else None
        return definition.marker if definition else ""
    kind = KINDS.get(tag)
    return kind.marker if kind else ""


def event_name(definition_tag: str) -> str | None:
    """The event name of a BPMN ``…EventDefinition`` tag: ``timerEventDefinition`` → ``timer``."""
    suffix = "EventDefinition"
    return definition_tag[: -len(suffix)] if definition_tag.endswith(suffix) else None
