"""Recorded flow elements: steps, gateways and their branches, the flows between them, and the
step-making methods of lanes, lane-less pools and subprocesses."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from ..decisions import decision_text, parse_decision
from ..model import NOTE_KINDS, Duration, note_kind
from ..problems import ModelError
from .where import Location, caller, did_you_mean, usage_error


def public_names(cls) -> list[str]:
    """The public attribute names of a DSL class, for "did you mean" suggestions."""
    return sorted(n for n in dir(cls) if not n.startswith("_"))


def unknown_attribute(obj, name: str, what: str, hint: str):
    """The ``__getattr__`` of DSL objects: a typo gets the closest name, in the author's words."""
    if name.startswith("__"):
        raise AttributeError(name)
    names = public_names(type(obj))
    if name in STEP_METHODS:
        raise usage_error(f"{what} has no '{name}': a step is made on a lane", hint)
    kinds = [n for n in names if n in STEP_METHODS]
    close = did_you_mean(name, kinds)
    if close:
        raise usage_error(f"no step kind '{name}'{close}", "steps: " + ", ".join(kinds))
    raise usage_error(f"{what} has no '{name}'{did_you_mean(name, names)}", "see README.md, Writing a model")


@dataclass(eq=False, slots=True)
class Edge:
    """A recorded flow between two steps, with where its ``>>`` (or ``message_to``) was written."""

    source: "Step"
    target: "Step"
    flow: str  # "sequence" | "message"
    where: Location
    label: str | None = None
    condition: str | None = None
    default: bool = False
    share: float | None = None  # how often a case takes this branch of a decision (0–1)


class Step:
    """One flow element. ``a >> b`` adds a sequence flow and returns ``b`` for chaining."""

    def __init__(self, builder, kind, label, key, *, where, pool, lane, parent,
                 event=None, duration=None, effort=None):
        self.builder, self.kind, self.label = builder, kind, label
        self.key = key or None
        self.where = where
        self.pool, self.lane, self.parent = pool, lane, parent
        self.event, self.duration = event, duration
        self.effort = effort
        self.notes: list[str] = []

    @property
    def file(self) -> str:
        return self.where.file

    @property
    def line(self) -> int:
        return self.where.line

    def __repr__(self):
        return f"<{self.kind} {self.label!r} at {self.file}:{self.line}>"

    def __getattr__(self, name):
        unknown_attribute(self, name, f"the step '{self.__dict__.get('label')}'",
                          "make steps on a lane, e.g. bib.task(\"…\"), and chain them with >>")

    def __rshift__(self, other):
        return self.builder.connect([self], other)

    def __rrshift__(self, other):
        return self.builder.connect(other, self)

    def note(self, text: str) -> Self:
        """Attach a text annotation to this step; returns the step itself, so a decision can go on
        with ``.when``. Its text starts with its kind: "Spørgsmål: …" (open question),
        "Antagelse: …" (assumption or example to confirm), "Fra opgaven: …" (stated in the task
        text) or "Beslutning: …" (a key decision, see ``decision``); a note of no kind is an
        error, so nothing invented reads as fact."""
        if not isinstance(text, str) or not text.strip():
            raise usage_error("a note needs text", '.note("Spørgsmål: …")', self.label)
        kind = note_kind(text)
        if kind is None:
            prefixes = ", ".join(f'"{prefix}: …"' for prefix in NOTE_KINDS.values())
            raise usage_error(f"the note {_shown(text)!r} does not say what kind of note it is",
                              f"start it with {prefixes}, or use .question(…), .assumption(…), "
                              ".from_task(…), .decision(…)", self.label)
        if note_kind(text.partition(":")[2]) == kind:
            raise usage_error(f"the note {_shown(text)!r} says '{NOTE_KINDS[kind]}:' twice",
                              f'write it once: .note("{NOTE_KINDS[kind]}: …")', self.label)
        if kind == "decision":
            try:
                parse_decision(text)
            except ModelError as exc:
                raise usage_error(str(exc), exc.hint, self.label) from None
        self.notes.append(text.strip())
        return self

    def decision(self, name: str, options, owner: str, needed: str) -> Self:
        """A key decision the municipality must take at this step: its ``name``, its
        ``options`` (two or more), the proposed ``owner`` role (one of ``decisions.ROLES``) and
        when it is ``needed`` ("før go-live", "ved opsætning" or "løbende"), e.g.
        ``.decision("Betaling ved skranken", ["Ja", "Nej"], "Biblioteket", "før go-live")``."""
        try:
            text = decision_text(name, options, owner, needed)
        except ModelError as exc:
            raise usage_error(str(exc), exc.hint, self.label) from None
        return self.note(text)

    def question(self, text: str) -> Self:
        """A note with an open question for the workshop: ``.question("Hvem afstemmer?")``."""
        return self._note_of("question", text)

    def assumption(self, text: str) -> Self:
        """A note with an assumption or example the municipality must confirm."""
        return self._note_of("assumption", text)

    def from_task(self, text: str) -> Self:
        """A note with a fact stated in the KOMBIT task text."""
        return self._note_of("task_text", text)

    def _note_of(self, kind: str, text: str) -> Self:
        """A note of ``kind``; its prefix written into ``text`` too is kept once, another
        kind's prefix is refused with the method that fits it."""
        if not isinstance(text, str):
            raise usage_error("a note needs text", f'.{NOTE_METHODS[kind]}("…")', self.label)
        given = note_kind(text)
        if given not in (None, kind):
            raise usage_error(f"the note {_shown(text)!r} is a '{NOTE_KINDS[given]}' note, given to "
                              f".{NOTE_METHODS[kind]}()",
                              f'use .{NOTE_METHODS[given]}("…") for it, without the prefix', self.label)
        body = text.partition(":")[2] if given else text
        return self.note(f"{NOTE_KINDS[kind]}: {body.strip()}")

    def message_to(self, other: "Step", label: str | None = None) -> "Step":
        """A message flow from this step to a step in another pool; returns this step."""
        if not isinstance(other, Step):
            raise usage_error("message_to() needs a step", "pass a step of another pool", self.label)
        if other.builder is not self.builder:
            raise usage_error("a message cannot go to a step of another process",
                              "make the receiving step (and its pool) inside this process function", self.label)
        self.builder.edges.append(Edge(self, other, "message", caller(), label))
        return self


NOTE_METHODS = {"question": "question", "assumption": "assumption", "task_text": "from_task", "decision": "decision"}
"""The step method that writes each kind of note (``NOTE_KINDS``) with its prefix."""


def _shown(text: str) -> str:
    """A note as quoted in a message: at most 40 characters."""
    text = text.strip()
    return text if len(text) <= 40 else text[:40] + "…"


class Gateway(Step):
    """A decision, fork or race; branches are added with ``when`` / ``otherwise``."""

    def when(self, label: str, condition: str | None = None, *, share: float | None = None) -> "Branch":
        """A labelled branch: ``gw.when("Ja") >> step``; ``share=0.7`` when 70 % of the cases
        take it (a loop's back flow: how often it repeats)."""
        return Branch(self, label, condition, default=False, share=check_share(share, self.label))

    def otherwise(self, label: str = "Ellers") -> "Branch":
        """The default branch, taken when no other condition holds (its share is the rest)."""
        return Branch(self, label, None, default=True)


@dataclass(eq=False)
class Branch:
    """A labelled way out of a gateway, waiting for its first step."""

    gateway: Gateway
    label: str
    condition: str | None
    default: bool
    share: float | None = None

    def __rshift__(self, other):
        if not isinstance(other, Step):
            raise usage_error("a branch must lead to one step", 'write gw.when("Ja") >> lane.task("…")',
                              self.gateway.label)
        if other.builder is not self.gateway.builder:
            raise usage_error("steps of different processes cannot be connected",
                              "make the step inside this process function", other.label)
        self.gateway.builder.edges.append(
            Edge(self.gateway, other, "sequence", caller(), self.label, self.condition, self.default,
                 self.share))
        return other


class Group(list):
    """Several steps reached or left together: ``a >> [b, c] >> d``."""

    def __rshift__(self, other):
        builder = self[0].builder
        return builder.connect(list(self), other)


START_EVENTS = (None, "message", "timer")
"""What ``start(event=…)`` takes (a timer start is written ``every=days(1)``)."""
END_EVENTS = (None, "message", "error", "terminate")
"""What ``end(event=…)`` takes."""


class _Factory:
    """Step-creating methods shared by lanes, lane-less pools and subprocesses."""

    def _place(self) -> dict:  # pool, lane, parent of the steps made here
        raise NotImplementedError

    def _builder(self):
        raise NotImplementedError

    def _make(self, cls, kind: str, label: str, key: str | None, **extra) -> Step:
        where = caller()
        if not isinstance(label, str):
            raise usage_error(f"a label must be text, got {label!r}", 'write e.g. .task("Tjek betaling")')
        if key is not None and not isinstance(key, str):
            raise usage_error(f"a key must be text, got {key!r}", 'write e.g. key="tjek_betaling"', label)
        step = cls(self._builder(), kind, label.strip(), key, where=where, **self._place(), **extra)
        self._builder().steps.append(step)
        return step

    # events
    def start(self, label: str, key: str | None = None, *, event: str | None = None,
              every: Duration | None = None) -> Step:
        """Start event; ``event="message"`` when a message starts the process,
        ``every=days(1)`` when it starts on a schedule (a timer start)."""
        _check_event(event, START_EVENTS, "start")
        if every is not None and not isinstance(every, Duration):
            raise usage_error("every= needs a duration", "write e.g. .start(\"Dagen slutter\", every=days(1))")
        if event == "timer" and every is None:
            raise usage_error("a timer start needs to know how often it starts",
                              "write e.g. .start(\"Dagen slutter\", every=days(1))")
        return self._make(Step, "startEvent", label, key, event="timer" if every else event, duration=every)

    def end(self, label: str, key: str | None = None, *, event: str | None = None) -> Step:
        """End event; ``event`` may be "message", "error" or "terminate"."""
        _check_event(event, END_EVENTS, "end")
        return self._make(Step, "endEvent", label, key, event=event)

    def wait(self, duration: Duration, label: str | None = None, key: str | None = None) -> Step:
        """Timer wait: ``wait(days(1, 3), "Overførsel til FBS")``."""
        if not isinstance(duration, Duration):
            raise usage_error("wait() needs a duration first", 'write e.g. .wait(days(1, 3), "Overførsel")')
        return self._make(Step, "intermediateCatchEvent", label or duration.danish(), key,
                          event="timer", duration=duration)

    def wait_message(self, label: str, key: str | None = None) -> Step:
        """Wait until a message arrives."""
        return self._make(Step, "intermediateCatchEvent", label, key, event="message")

    def throw(self, label: str, key: str | None = None) -> Step:
        """Send a message as an event in the flow (no work involved)."""
        return self._make(Step, "intermediateThrowEvent", label, key, event="message")

    # tasks
    def task(self, label: str, key: str | None = None, *, effort: Duration | None = None) -> Step:
        """A task of no particular type; ``effort=minutes(3, 8)``: a person's time each time."""
        return self._make(Step, "task", label, key, effort=check_effort(effort, label))

    def user(self, label: str, key: str | None = None, *, effort: Duration | None = None) -> Step:
        """A person works in a system (FBS, the debtor system); ``effort=minutes(3, 8)``: a person's time each time."""
        return self._make(Step, "userTask", label, key, effort=check_effort(effort, label))

    def manual(self, label: str, key: str | None = None, *, effort: Duration | None = None) -> Step:
        """A person works without a system (cash at the desk, a paper receipt); ``effort=minutes(3, 8)``: a person's time each time."""
        return self._make(Step, "manualTask", label, key, effort=check_effort(effort, label))

    def service(self, label: str, key: str | None = None) -> Step:
        """A system does it automatically (also a rule the system applies)."""
        return self._make(Step, "serviceTask", label, key)

    def send(self, label: str, key: str | None = None, *, effort: Duration | None = None) -> Step:
        """Send a letter, e-mail, SMS or message to someone; ``effort=minutes(3, 8)``: a person's time each time."""
        return self._make(Step, "sendTask", label, key, effort=check_effort(effort, label))

    def receive(self, label: str, key: str | None = None, *, effort: Duration | None = None) -> Step:
        """Receive a message from someone; ``effort=minutes(3, 8)``: a person's time each time."""
        return self._make(Step, "receiveTask", label, key, effort=check_effort(effort, label))

    def script(self, label: str, key: str | None = None) -> Step:
        """A script or batch job runs."""
        return self._make(Step, "scriptTask", label, key)

    def subprocess(self, label: str, key: str | None = None) -> "SubProcess":
        """A collapsed subprocess; add its own steps with the methods of the returned object."""
        return self._make(SubProcess, "subProcess", label, key)

    # gateways
    def decide(self, question: str, key: str | None = None) -> Gateway:
        """Exclusive choice; add branches with ``.when("Ja") >> step`` and ``.otherwise(...)``."""
        return self._make(Gateway, "exclusiveGateway", question, key)

    def choose(self, question: str, options, key: str | None = None) -> Step:
        """A decision with one branch per ``(label, step)`` in ``options``, for options that a
        profile may shorten: with a single option there is nothing to decide, and its step is
        returned instead of a decision. Returns the step the flow should enter."""
        options = list(options)
        if not options or not all(isinstance(o, tuple) and len(o) in (2, 3) for o in options):
            raise usage_error(f"choose() needs (label, step) options (or (label, step, share)), got {options!r}",
                              'write e.g. lane.choose("Hvilken løsning?", [("Girokort", step_a), ("MobilePay", step_b)])',
                              question)
        if len(options) == 1:
            return options[0][1]
        decision = self.decide(question, key)
        for label, step, *share in options:
            decision.when(label, share=share[0] if share else None) >> step
        return decision

    def parallel(self, label: str = "", key: str | None = None) -> Gateway:
        """Everything after it happens at the same time; ``a >> [b, c]`` does this implicitly."""
        return self._make(Gateway, "parallelGateway", label, key)

    def race(self, label: str = "", key: str | None = None) -> Gateway:
        """Whichever event comes first (event-based gateway): branch into waits."""
        return self._make(Gateway, "eventBasedGateway", label, key)

    def join(self, label: str = "", key: str | None = None, *, parallel: bool = False) -> Gateway:
        """Explicit join; joins are otherwise inserted where flows meet."""
        return self._make(Gateway, "parallelGateway" if parallel else "exclusiveGateway", label, key)


STEP_METHODS = frozenset(n for n in vars(_Factory) if not n.startswith("_"))
"""The names of every way to make a step: ``user``, ``wait``, ``decide``, …"""


EFFORT_UNITS = ("minutes", "hours")


def check_effort(effort, label) -> Duration | None:
    """``effort`` when it is a time in minutes or hours, else a located error."""
    if effort is not None and not (isinstance(effort, Duration) and effort.unit in EFFORT_UNITS):
        raise usage_error(f"effort= must be minutes(…) or hours(…), got {effort!r}",
                          "write e.g. effort=minutes(5) or effort=minutes(3, 8)", label)
    return effort


def check_share(share, label) -> float | None:
    """``share`` when it is a number from 0 to 1, else a located error."""
    if share is None:
        return None
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
        raise usage_error(f"share= must be a number from 0 to 1, got {share!r}",
                          "write e.g. share=0.7 for 70 % of the cases; otherwise() takes the rest", label)
    return float(share)


def _check_event(event, allowed, what):
    if event not in allowed:
        names = ", ".join(repr(a) for a in allowed if a)
        raise usage_error(f"{what} event cannot be {event!r}", f"use event= one of {names}, or leave it out")


class SubProcess(Step, _Factory):
    """A collapsed subprocess; its own steps are made with the usual methods on it."""

    def _place(self):
        return {"pool": self.pool, "lane": None, "parent": self}

    def _builder(self):
        return self.builder

    def __getattr__(self, name):
        unknown_attribute(self, name, f"the subprocess '{self.__dict__.get('label')}'",
                          'make its steps on it, e.g. sub.start("…") >> sub.task("…") >> sub.end("…")')
