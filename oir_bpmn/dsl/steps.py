"""Recorded flow elements: steps, gateways and their branches, and the flows between them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from .where import Location, caller, did_you_mean, usage_error


def public_names(cls) -> list[str]:
    """The public attribute names of a DSL class, for "did you mean" suggestions."""
    return sorted(n for n in dir(cls) if not n.startswith("_"))


def unknown_attribute(obj, name: str, what: str, hint: str):
    """The ``__getattr__`` of DSL objects: a typo gets the closest name, in the author's words."""
    if name.startswith("__"):
        raise AttributeError(name)
    from .factory import STEP_METHODS
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


class Step:
    """One flow element. ``a >> b`` adds a sequence flow and returns ``b`` for chaining."""

    def __init__(self, builder, kind, label, key, *, where, pool, lane, parent,
                 event=None, duration=None):
        self.builder, self.kind, self.label = builder, kind, label
        self.key = key or None
        self.where = where
        self.pool, self.lane, self.parent = pool, lane, parent
        self.event, self.duration = event, duration
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
        """Attach a text annotation (an open question for the workshop) to this step; returns the
        step itself, so a decision can go on with ``.when``."""
        if not isinstance(text, str) or not text.strip():
            raise usage_error("a note needs text", '.note("Spørgsmål: …")', self.label)
        self.notes.append(text.strip())
        return self

    def message_to(self, other: "Step", label: str | None = None) -> "Step":
        """A message flow from this step to a step in another pool; returns this step."""
        if not isinstance(other, Step):
            raise usage_error("message_to() needs a step", "pass a step of another pool", self.label)
        if other.builder is not self.builder:
            raise usage_error("a message cannot go to a step of another process",
                              "make the receiving step (and its pool) inside this process function", self.label)
        self.builder.edges.append(Edge(self, other, "message", caller(), label))
        return self


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
            Edge(self.gateway, other, "sequence", caller(), self.label, self.condition, self.default))
        return other


class Group(list):
    """Several steps reached or left together: ``a >> [b, c] >> d``."""

    def __rshift__(self, other):
        builder = self[0].builder
        return builder.connect(list(self), other)
