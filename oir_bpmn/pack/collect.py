"""Gather what one municipality's pack shows: its profile, and per theme of the task text its
processes (current/future pairs and lone variants), their diffs, consequences and notes."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx

from ..diff import compare
from ..load import Compiled, compile_all
from ..profile import load_profile
from ..render.theme import THEME as DEFAULT_LOOK, Theme as Look
from .consequences import Consequences, CrossTheme, cross_theme_summary, process_consequences
from .filled import Filled
from .notes import Note, graph_notes, unique_notes
from .profile_values import ProfileValue, profile_values
from .texts import GLOSSARY, Term, glossary
from .themes import THEMES, Theme, theme
from .workshop import DEFAULT_MINUTES

VARIANTS = ("current", "future")
VARIANT_NAMES = {"current": "I dag", "future": "Fremover"}
LONE_NAMES = {"future": "Ny proces, findes ikke i dag", "current": "Udgår, findes ikke fremover"}
"""How the pack describes a process that has only one variant (the diff's warning is English)."""
LONE_SHORT = {"future": "ny proces", "current": "udgår"}
NO_PROCESS = "Ingen proces er modelleret for dette tema endnu."


@dataclass
class ProcessPack:
    """One process of a theme: both variants, or one (``lone``), with its diff against nothing
    on the missing side, its consequences and notes."""

    key: str
    name: str
    graphs: dict[str, nx.DiGraph]  # variant → graph, only the variants the models have
    diff: object  # oir_bpmn.diff.ProcessDiff
    consequences: Consequences
    notes: list[Note]

    @property
    def lone(self) -> str | None:
        """``"future"`` for a new process, ``"current"`` for one that goes away, else ``None``."""
        return next(iter(self.graphs)) if len(self.graphs) == 1 else None

    @property
    def anchor(self) -> str:
        return f"proces-{self.key}"

    def diagrams(self) -> list[tuple[str, nx.DiGraph, str]]:
        """``(variant, graph, caption prefix)`` of each drawn variant, current first."""
        return [(v, self.graphs[v], f"{VARIANT_NAMES[v]} ({LONE_SHORT[v]})" if self.lone else VARIANT_NAMES[v])
                for v in VARIANTS if v in self.graphs]

    def of(self, kind: str) -> list[Note]:
        return [note for note in self.notes if note.kind == kind]


@dataclass
class ThemePack:
    """One theme of the task text and every process modelled for it."""

    theme: Theme
    processes: list[ProcessPack]

    @property
    def anchor(self) -> str:
        return f"tema-{self.theme.number}"

    @property
    def notes(self) -> list[Note]:
        """The notes of all its processes, the same kind and text once."""
        return unique_notes(note for item in self.processes for note in item.notes)

    def of(self, kind: str) -> list[Note]:
        return [note for note in self.notes if note.kind == kind]


@dataclass
class PackData:
    """Everything one municipality's pack is made of."""

    slug: str
    municipality: str
    values: list[ProfileValue]
    themes: list[ThemePack]
    summary: CrossTheme
    look: Look = DEFAULT_LOOK  # colours and text sizes of the diagrams (``render.theme``)
    profile: object = None  # the ``profile.Profile``
    minutes: int = DEFAULT_MINUTES  # the workshop's length
    filled: Filled | None = None  # the decisions of the last workshop (``--decisions``)
    glossary: tuple[Term, ...] = GLOSSARY


def collect(model_paths, profile_path: Path, slug: str, look: Look = DEFAULT_LOOK,
            minutes: int = DEFAULT_MINUTES, filled: Filled | None = None) -> PackData:
    """Compile the models in ``model_paths`` for the profile in ``profile_path``: one
    ``ThemePack`` per theme of the task text (also when no model has it yet), then one per other
    theme number the models use, to be drawn in ``look``, for a workshop of ``minutes`` that
    starts from the ``filled`` decisions. Raises ``DSLError`` (with file and line) for a bad
    profile or model.
    """
    profile = load_profile(profile_path)
    by_theme: dict[int, list[ProcessPack]] = {number: [] for number in THEMES}
    for key, variants in _by_key(compile_all(model_paths, profile)).items():
        graphs = {v: variants[v].graph for v in VARIANTS if v in variants}
        number = next(iter(graphs.values())).graph.get("theme") or 0
        by_theme.setdefault(number, []).append(_process_pack(key, graphs))
    themes = [ThemePack(theme(number, items[0].name if items else ""), items)
              for number, items in sorted(by_theme.items(), key=lambda item: item[0] or 99)]
    values = profile_values(profile, profile_path)
    readme = next((Path(p) / "README.md" for p in model_paths if (Path(p) / "README.md").is_file()), None)
    return PackData(slug, profile.name, values, themes, cross_theme_summary(themes, values), look,
                    profile, minutes, filled, glossary(readme))


def _by_key(compiled: list[Compiled]) -> dict[str, dict[str, Compiled]]:
    """``{key: {variant: compiled}}`` in writing order: a pair by key, as ``diff.pair_compiled``
    pairs them, or one variant alone."""
    by_key: dict[str, dict[str, Compiled]] = {}
    for item in compiled:
        by_key.setdefault(item.definition.key, {})[item.definition.variant] = item
    return by_key


def _process_pack(key: str, graphs: dict[str, nx.DiGraph]) -> ProcessPack:
    current = graphs["current"] if "current" in graphs else _absent(graphs["future"], "current")
    future = graphs["future"] if "future" in graphs else _absent(current, "future")
    diff = compare(current, future)  # a lone variant against nothing: all its steps are new or gone
    lone, name = next(iter(graphs)) if len(graphs) == 1 else None, _name(graphs)
    notes = unique_notes(replace(note, process=name) for G in graphs.values() for note in graph_notes(G))
    return ProcessPack(key, name, graphs, diff, process_consequences(diff, lone), notes)


def _absent(G: nx.DiGraph, variant: str) -> nx.DiGraph:
    """The missing variant of ``G``'s process: its attributes, no steps."""
    empty = nx.DiGraph()
    empty.graph.update(G.graph, variant=variant, title="")
    return empty


def _name(graphs: dict[str, nx.DiGraph]) -> str:
    """The process's name: the title part both variants share (``"Afstemning"`` of ``"Afstemning
    – i dag"`` and ``"Afstemning – fremover"``), or a lone variant's whole title."""
    titles = [G.graph.get("title", "") for G in graphs.values()]
    heads = {title.split(" – ")[0] for title in titles}
    return heads.pop() if len(titles) == 2 and len(heads) == 1 else titles[-1]

