"""The authoring API a process owner writes models in.

Example::

    from oir_bpmn import process, days

    @process("Blokeret låner betaler", variant="future", theme=2)
    def blokeret_laaner(p):
        laaner = p.lane("Låner", dept="external")
        bib = p.lane("Biblioteket", dept="library")
        (laaner.start("Kan ikke låne")
            >> bib.user("Henvis til betalingskanaler")
            >> laaner.end("Kan låne igen"))

The DSL only records what was written, with the file and line of every step; ``compile``
turns the record into the process graph and ``validate`` judges it.
"""
from __future__ import annotations

import functools
import os
import sys
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from .model import NOTE_KINDS, Duration, note_kind, slug
from .problems import DSLError, Problem
from .profile import DEFAULT_PROFILE, Profile

_PACKAGE_DIR = str(Path(__file__).resolve().parent) + os.sep
VARIANTS = ("current", "future")

registry: ContextVar[list | None] = ContextVar("oir_bpmn_registry", default=None)
"""While a model file is loaded, the list its ``@process`` definitions are added to."""


def caller() -> tuple[str, int]:
    """File and line of the first frame outside this package: the line the user wrote."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
    if frame is None:
        return "<unknown>", 0
    return display_path(frame.f_code.co_filename), frame.f_lineno


def display_path(filename: str) -> str:
    """``filename`` relative to the working directory when it lies below it."""
    return _relative_to(filename, os.getcwd())


@functools.lru_cache(maxsize=256)
def _relative_to(filename: str, folder: str) -> str:
    try:
        return str(Path(filename).resolve().relative_to(Path(folder).resolve()))
    except ValueError:
        return filename


def usage_error(message: str, hint: str, step: str = "") -> DSLError:
    """A DSL misuse at the caller's line."""
    file, line = caller()
    return DSLError([Problem(file, line, step, message, hint)])


# ---------------------------------------------------------------- process definitions

@dataclass
class ProcessDef:
    """A ``@process``-decorated model function with its title, variant and theme."""

    fn: object
    title: str
    variant: str
    theme: int | None
    key: str
    pool: str
    file: str
    line: int

    @property
    def name(self) -> str:
        """Output file stem, e.g. ``tema2_blokeret_laaner_future``."""
        return f"{self.key}_{self.variant}"

    def record(self, profile: Profile = DEFAULT_PROFILE) -> "Builder":
        """Run the model function and return what it recorded."""
        builder = Builder(self, profile)
        try:
            self.fn(builder)
        except DSLError:
            raise
        except (Exception, SystemExit) as exc:  # a mistake in the model file: point at its line
            raise DSLError([error_in_model(exc, self.file, f"process '{self.title}'")]) from None
        return builder


def error_in_model(exc: BaseException, file: str, where: str) -> Problem:
    """A Problem for an exception raised by user code, located at the deepest line in ``file``."""
    line = 0
    for frame, lineno in _traceback_frames(exc):
        if display_path(frame.f_code.co_filename) == file:
            line = lineno
    return Problem(file, line, where, f"{type(exc).__name__}: {exc}",
                   "fix this line of the model; see README.md for the DSL")


def _traceback_frames(exc: BaseException):
    tb = exc.__traceback__
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def process(title: str, variant: str = "current", theme: int | None = None,
            key: str | None = None, pool: str | None = None):
    """Declare a model function as a process.

    title: the process name shown in diagrams; variant: "current" (today) or "future";
    theme: the seed's theme number (1–7); key: pairs the current and future variants for
    the diff (default: derived from the title); pool: name of the main pool (default: title).
    """
    file, line = caller()
    if variant not in VARIANTS:
        raise usage_error(f"variant must be 'current' or 'future', not {variant!r}",
                          'write variant="current" or variant="future"', title)
    if not isinstance(title, str) or not title.strip():
        raise usage_error("a process needs a title", '@process("Blokeret låner betaler", ...)')

    def decorate(fn):
        definition = ProcessDef(fn, title.strip(), variant, theme, slug(key or title),
                                pool or title.strip(), file, line)
        found = registry.get()
        if found is not None:
            found.append(definition)
        return definition

    return decorate


# ---------------------------------------------------------------- recorded elements

@dataclass(eq=False)
class Pool:
    """A participant: the main pool of the process or another organisation."""

    builder: "Builder"
    name: str
    dept: str | None
    key: str
    file: str
    line: int
    lanes: list["Lane"] = field(default_factory=list)


@dataclass(eq=False)
class Edge:
    """A recorded flow between two steps."""

    source: "Step"
    target: "Step"
    flow: str  # "sequence" | "message"
    label: str | None = None
    condition: str | None = None
    default: bool = False
    where: tuple[str, int] | None = None  # file and line, when not the target step's


class _Factory:
    """Step-creating methods shared by lanes, lane-less pools and subprocesses."""

    def _place(self) -> dict:  # pool, lane, parent of the steps made here
        raise NotImplementedError

    def _builder(self) -> "Builder":
        raise NotImplementedError

    def _make(self, cls, kind: str, label: str, key: str | None, **extra) -> "Step":
        file, line = caller()
        if not isinstance(label, str):
            raise usage_error(f"a label must be text, got {label!r}", 'write e.g. .task("Tjek betaling")')
        if key is not None and not isinstance(key, str):
            raise usage_error(f"a key must be text, got {key!r}", 'write e.g. key="tjek_betaling"', label)
        step = cls(self._builder(), kind, label.strip(), key, file=file, line=line,
                   **self._place(), **extra)
        self._builder().steps.append(step)
        return step

    # events
    def start(self, label: str, key: str | None = None, *, event: str | None = None,
              every: Duration | None = None) -> "Step":
        """Start event; ``event="message"`` when a message starts the process,
        ``every=days(1)`` when it starts on a schedule (a timer start)."""
        _check_event(event, (None, "message", "timer"), "start")
        if every is not None and not isinstance(every, Duration):
            raise usage_error("every= needs a duration", "write e.g. .start(\"Dagen slutter\", every=days(1))")
        if event == "timer" and every is None:
            raise usage_error("a timer start needs to know how often it starts",
                              "write e.g. .start(\"Dagen slutter\", every=days(1))")
        return self._make(Step, "startEvent", label, key, event="timer" if every else event, duration=every)

    def end(self, label: str, key: str | None = None, *, event: str | None = None) -> "Step":
        """End event; ``event`` may be "message", "error" or "terminate"."""
        _check_event(event, (None, "message", "error", "terminate"), "end")
        return self._make(Step, "endEvent", label, key, event=event)

    def wait(self, duration: Duration, label: str | None = None, key: str | None = None) -> "Step":
        """Timer wait: ``wait(days(1, 3), "Overførsel til FBS")``."""
        if not isinstance(duration, Duration):
            raise usage_error("wait() needs a duration first", 'write e.g. .wait(days(1, 3), "Overførsel")')
        return self._make(Step, "intermediateCatchEvent", label or duration.danish(), key,
                          event="timer", duration=duration)

    def wait_message(self, label: str, key: str | None = None) -> "Step":
        """Wait until a message arrives."""
        return self._make(Step, "intermediateCatchEvent", label, key, event="message")

    def throw(self, label: str, key: str | None = None) -> "Step":
        """Send a message as an event in the flow (no work involved)."""
        return self._make(Step, "intermediateThrowEvent", label, key, event="message")

    # tasks
    def task(self, label: str, key: str | None = None) -> "Step":
        """A task of no particular type."""
        return self._make(Step, "task", label, key)

    def user(self, label: str, key: str | None = None) -> "Step":
        """A person works in a system (FBS, the debtor system)."""
        return self._make(Step, "userTask", label, key)

    def manual(self, label: str, key: str | None = None) -> "Step":
        """A person works without a system (cash at the desk, a paper receipt)."""
        return self._make(Step, "manualTask", label, key)

    def service(self, label: str, key: str | None = None) -> "Step":
        """A system does it automatically (also a rule the system applies)."""
        return self._make(Step, "serviceTask", label, key)

    def send(self, label: str, key: str | None = None) -> "Step":
        """Send a letter, e-mail, SMS or message to someone."""
        return self._make(Step, "sendTask", label, key)

    def receive(self, label: str, key: str | None = None) -> "Step":
        """Receive a message from someone."""
        return self._make(Step, "receiveTask", label, key)

    def script(self, label: str, key: str | None = None) -> "Step":
        """A script or batch job runs."""
        return self._make(Step, "scriptTask", label, key)

    def subprocess(self, label: str, key: str | None = None) -> "SubProcess":
        """A collapsed subprocess; add its own steps with the methods of the returned object."""
        return self._make(SubProcess, "subProcess", label, key)

    # gateways
    def decide(self, question: str, key: str | None = None) -> "Gateway":
        """Exclusive choice; add branches with ``.when("Ja") >> step`` and ``.otherwise(...)``."""
        return self._make(Gateway, "exclusiveGateway", question, key)

    def choose(self, question: str, options, key: str | None = None) -> "Step":
        """A decision with one branch per ``(label, step)`` in ``options``, for options that a
        profile may shorten: with a single option there is nothing to decide, and its step is
        returned instead of a decision. Returns the step the flow should enter."""
        options = list(options)
        if not options or not all(isinstance(o, tuple) and len(o) == 2 for o in options):
            raise usage_error(f"choose() needs (label, step) options, got {options!r}",
                              'write e.g. lane.choose("Hvilken løsning?", [("Girokort", step_a), ("MobilePay", step_b)])',
                              question)
        if len(options) == 1:
            return options[0][1]
        decision = self.decide(question, key)
        for label, step in options:
            decision.when(label) >> step
        return decision

    def parallel(self, label: str = "", key: str | None = None) -> "Gateway":
        """Everything after it happens at the same time; ``a >> [b, c]`` does this implicitly."""
        return self._make(Gateway, "parallelGateway", label, key)

    def race(self, label: str = "", key: str | None = None) -> "Gateway":
        """Whichever event comes first (event-based gateway): branch into waits."""
        return self._make(Gateway, "eventBasedGateway", label, key)

    def join(self, label: str = "", key: str | None = None, *, parallel: bool = False) -> "Gateway":
        """Explicit join; joins are otherwise inserted where flows meet."""
        return self._make(Gateway, "parallelGateway" if parallel else "exclusiveGateway", label, key)


def _check_event(event, allowed, what):
    if event not in allowed:
        names = ", ".join(repr(a) for a in allowed if a)
        raise usage_error(f"{what} event cannot be {event!r}", f"use event= one of {names}, or leave it out")


@dataclass(eq=False)
class Lane(_Factory):
    """A horizontal band of a pool: one actor or system, tagged with a department."""

    builder: "Builder"
    pool: Pool
    name: str
    dept: str | None
    key: str
    file: str
    line: int

    def _place(self):
        return {"pool": self.pool, "lane": self, "parent": None}

    def _builder(self):
        return self.builder


class PoolHandle(_Factory):
    """An extra pool (another organisation); add lanes or steps directly to it."""

    def __init__(self, pool: Pool):
        self.pool = pool

    def lane(self, name: str, dept: str | None = None, key: str | None = None) -> Lane:
        """A lane inside this pool."""
        return self.pool.builder.add_lane(self.pool, name, dept, key)

    def _place(self):
        return {"pool": self.pool, "lane": None, "parent": None}

    def _builder(self):
        return self.pool.builder


class Step:
    """One flow element. ``a >> b`` adds a sequence flow and returns ``b`` for chaining."""

    def __init__(self, builder, kind, label, key, *, file, line, pool, lane, parent,
                 event=None, duration=None):
        self.builder, self.kind, self.label = builder, kind, label
        self.key = key or None
        self.file, self.line = file, line
        self.pool, self.lane, self.parent = pool, lane, parent
        self.event, self.duration = event, duration
        self.notes: list[str] = []

    def __repr__(self):
        return f"<{self.kind} {self.label!r} at {self.file}:{self.line}>"

    def __rshift__(self, other):
        return self.builder.connect([self], other)

    def __rrshift__(self, other):
        return self.builder.connect(other, self)

    def note(self, text: str) -> "Step":
        """Attach a text annotation to this step. Its text starts with its kind: "Spørgsmål: …"
        (open question), "Antagelse: …" (assumption or example to confirm) or "Fra opgaven: …"
        (stated in the task text); a note of no kind is an error, so nothing invented reads as fact."""
        if not isinstance(text, str) or not text.strip():
            raise usage_error("a note needs text", '.note("Spørgsmål: …")', self.label)
        if note_kind(text) is None:
            prefixes = ", ".join(f'"{prefix}: …"' for prefix in NOTE_KINDS.values())
            shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "…"
            raise usage_error(f"the note {shown!r} does not say what kind of note it is",
                              f"start it with {prefixes}, or use .question(…), .assumption(…), "
                              ".from_task(…)", self.label)
        self.notes.append(text.strip())
        return self

    def question(self, text: str) -> "Step":
        """A note with an open question for the workshop: ``.question("Hvem afstemmer?")``."""
        return self.note(f"{NOTE_KINDS['question']}: {text}")

    def assumption(self, text: str) -> "Step":
        """A note with an assumption or example the municipality must confirm."""
        return self.note(f"{NOTE_KINDS['assumption']}: {text}")

    def from_task(self, text: str) -> "Step":
        """A note with a fact stated in the KOMBIT task text."""
        return self.note(f"{NOTE_KINDS['task_text']}: {text}")

    def message_to(self, other: "Step", label: str | None = None) -> "Step":
        """A message flow from this step to a step in another pool; returns this step."""
        if not isinstance(other, Step):
            raise usage_error("message_to() needs a step", "pass a step of another pool", self.label)
        if other.builder is not self.builder:
            raise usage_error("a message cannot go to a step of another process",
                              "make the receiving step (and its pool) inside this process function", self.label)
        self.builder.edges.append(Edge(self, other, "message", label, where=caller()))
        return self


class SubProcess(Step, _Factory):
    """A collapsed subprocess; its own steps are made with the usual methods on it."""

    def _place(self):
        return {"pool": self.pool, "lane": None, "parent": self}

    def _builder(self):
        return self.builder


class Gateway(Step):
    """A decision, fork or race; branches are added with ``when`` / ``otherwise``."""

    def when(self, label: str, condition: str | None = None) -> "Branch":
        """A labelled branch: ``gw.when("Ja") >> step``."""
        return Branch(self, label, condition, default=False)

    def otherwise(self, label: str = "Ellers") -> "Branch":
        """The default branch, taken when no other condition holds."""
        return Branch(self, label, None, default=True)


@dataclass(eq=False)
class Branch:
    """A labelled way out of a gateway, waiting for its first step."""

    gateway: Gateway
    label: str
    condition: str | None
    default: bool

    def __rshift__(self, other):
        if not isinstance(other, Step):
            raise usage_error("a branch must lead to one step", 'write gw.when("Ja") >> lane.task("…")',
                              self.gateway.label)
        if other.builder is not self.gateway.builder:
            raise usage_error("steps of different processes cannot be connected",
                              "make the step inside this process function", other.label)
        self.gateway.builder.edges.append(
            Edge(self.gateway, other, "sequence", self.label, self.condition, self.default))
        return other


class Group(list):
    """Several steps reached or left together: ``a >> [b, c] >> d``."""

    def __rshift__(self, other):
        builder = self[0].builder
        return builder.connect(list(self), other)


class Builder:
    """What a model function records: pools, lanes, steps and flows, in writing order."""

    def __init__(self, definition: ProcessDef, profile: Profile):
        self.definition = definition
        self.profile = profile
        self.pools: list[Pool] = []
        self.lanes: list[Lane] = []
        self.steps: list[Step] = []
        self.edges: list[Edge] = []
        self.main = Pool(self, definition.pool, None, slug(definition.pool),
                         definition.file, definition.line)
        self.pools.append(self.main)

    def lane(self, name: str, dept: str | None = None, key: str | None = None) -> Lane:
        """A lane of the main pool, e.g. ``p.lane("Biblioteket", dept="library")``."""
        return self.add_lane(self.main, name, dept, key)

    def pool(self, name: str, dept: str | None = None, key: str | None = None) -> PoolHandle:
        """Another pool (organisation), e.g. ``p.pool("Systematic support", dept="external")``."""
        file, line = caller()
        if not isinstance(name, str) or not name.strip():
            raise usage_error("a pool needs a name", 'p.pool("Systematic support", dept="external")')
        pool = Pool(self, name.strip(), dept, slug(key or name), file, line)
        self.pools.append(pool)
        return PoolHandle(pool)

    def add_lane(self, pool: Pool, name: str, dept: str | None, key: str | None) -> Lane:
        file, line = caller()
        if not isinstance(name, str) or not name.strip():
            raise usage_error("a lane needs a name", 'p.lane("Biblioteket", dept="library")')
        lane = Lane(self, pool, name.strip(), dept, slug(key or name), file, line)
        pool.lanes.append(lane)
        self.lanes.append(lane)
        return lane

    def message(self, source: Step, target: Step, label: str | None = None) -> None:
        """A message flow between steps of two pools."""
        source.message_to(target, label)

    def connect(self, sources, target):
        """Sequence flows from every step in ``sources`` to ``target`` (a step or a list)."""
        sources = _steps(sources, "left")
        if isinstance(target, Branch):
            raise usage_error("a branch starts at its gateway", 'write gw.when("Ja") >> step, not step >> gw.when(…)')
        targets = _steps(target, "right")
        for source in sources:
            for each in targets:
                if source.builder is not self or each.builder is not self:
                    raise usage_error("steps of different processes cannot be connected",
                                      "make the step inside this process function", each.label)
                self.edges.append(Edge(source, each, "sequence"))
        return targets[0] if isinstance(target, Step) else Group(targets)


def _steps(value, side) -> list[Step]:
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    if not items or not all(isinstance(v, Step) for v in items):
        raise usage_error(f"the {side} side of >> must be a step or a list of steps, got {value!r}",
                          "chain steps made with lane.task(…), lane.user(…), lane.end(…) etc.")
    return items
