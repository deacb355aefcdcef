"""What a model function records: its pools, lanes, steps and flows (``p`` in a model)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import slug
from ..profile import Profile
from .steps import Branch, Edge, Group, Step, _Factory, unknown_attribute
from .where import Location, caller, usage_error


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

    def __getattr__(self, name):
        unknown_attribute(self, name, f"the lane '{self.__dict__.get('name')}'",
                          "see README.md, Writing a model, for the steps a lane makes")


class PoolHandle(_Factory):
    """An extra pool (another organisation); add lanes or steps directly to it."""

    def __init__(self, pool: Pool):
        self.pool = pool

    def lane(self, name: str, dept: str | None = None, key: str | None = None) -> Lane:
        """A lane inside this pool."""
        return self.pool.builder._add_lane(self.pool, name, dept, key)

    def _place(self):
        return {"pool": self.pool, "lane": None, "parent": None}

    def _builder(self):
        return self.pool.builder

    def __getattr__(self, name):
        unknown_attribute(self, name, "the pool", "see README.md, Writing a model")


class Builder:
    """What a model function records: pools, lanes, steps and flows, in writing order."""

    def __init__(self, definition, profile: Profile):
        self.definition = definition
        self.profile = profile
        self.pools: list[Pool] = []
        self.lanes: list[Lane] = []
        self.steps: list[Step] = []
        self.edges: list[Edge] = []
        self.main = Pool(self, definition.pool, None, slug(definition.pool),
                         definition.file, definition.line)
        self.pools.append(self.main)

    def __getattr__(self, name):
        unknown_attribute(self, name, "the process",
                          f'make a lane first, e.g. bib = p.lane("Biblioteket", dept="library"); bib.{name}(…)')

    def lane(self, name: str, dept: str | None = None, key: str | None = None) -> Lane:
        """A lane of the main pool, e.g. ``p.lane("Biblioteket", dept="library")``."""
        return self._add_lane(self.main, name, dept, key)

    def pool(self, name: str, dept: str | None = None, key: str | None = None) -> PoolHandle:
        """Another pool (organisation), e.g. ``p.pool("Systematic support", dept="external")``."""
        file, line = caller()
        if not isinstance(name, str) or not name.strip():
            raise usage_error("a pool needs a name", 'p.pool("Systematic support", dept="external")')
        pool = Pool(self, name.strip(), dept, slug(key or name), file, line)
        self.pools.append(pool)
        return PoolHandle(pool)

    def _add_lane(self, pool: Pool, name: str, dept: str | None, key: str | None) -> Lane:
        """A lane of ``pool`` (``p.lane`` and ``pool.lane`` call this)."""
        file, line = caller()
        if not isinstance(name, str) or not name.strip():
            raise usage_error("a lane needs a name", 'p.lane("Biblioteket", dept="library")')
        lane = Lane(self, pool, name.strip(), dept, slug(key or name), file, line)
        pool.lanes.append(lane)
        self.lanes.append(lane)
        return lane

    def message(self, source: Step, target: Step, label: str | None = None) -> None:
        """A message flow between steps of two pools: ``p.message(a, b, "Faktura")``."""
        source.message_to(target, label)

    def connect(self, sources, target):
        """Sequence flows from every step in ``sources`` to ``target`` (a step or a list);
        ``p.connect(a, b)`` is ``a >> b``."""
        sources = _steps(sources, "left")
        if isinstance(target, Branch):
            raise usage_error("a branch starts at its gateway", 'write gw.when("Ja") >> step, not step >> gw.when(…)')
        targets = _steps(target, "right")
        where: Location = caller()
        for source in sources:
            for each in targets:
                if source.builder is not self or each.builder is not self:
                    raise usage_error("steps of different processes cannot be connected",
                                      "make the step inside this process function", each.label)
                self.edges.append(Edge(source, each, "sequence", where))
        return targets[0] if isinstance(target, Step) else Group(targets)


def _steps(value, side) -> list[Step]:
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    if not items or not all(isinstance(v, Step) for v in items):
        raise usage_error(f"the {side} side of >> must be a step or a list of steps, got {_shown(value)}",
                          "chain steps made with lane.task(…), lane.user(…), lane.end(…) etc.")
    return items


def _shown(value) -> str:
    """A value as the author would name it (never an internal class name)."""
    if isinstance(value, Builder):
        return "the process (p)"
    if isinstance(value, (Lane, PoolHandle)):
        return "a lane or pool, not a step"
    return repr(value)
