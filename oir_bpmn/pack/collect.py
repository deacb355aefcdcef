"""Gather what one municipality's pack shows: its profile, and per theme the two variants,
their diff, consequences and notes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diff import compare, pair_compiled
from ..load import compile_all
from ..profile import load_profile
from .consequences import Consequences, CrossTheme, cross_theme_summary, theme_consequences
from .notes import Note, theme_notes
from .profile_values import ProfileValue, profile_values
from .themes import Theme, theme


@dataclass
class ThemePack:
    """One current/future pair of one theme, with what the pack says about it."""

    theme: Theme
    current: object  # nx.DiGraph
    future: object
    diff: object  # oir_bpmn.diff.ProcessDiff
    consequences: Consequences
    notes: list[Note]

    @property
    def anchor(self) -> str:
        return f"tema-{self.theme.number}-{self.diff.key}" if self.diff.key else f"tema-{self.theme.number}"

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
    warnings: list[str]


def collect(model_paths, profile_path: Path, slug: str) -> PackData:
    """Compile the models in ``model_paths`` for the profile in ``profile_path`` and pair them.

    Raises ``DSLError`` (with file and line) for a bad profile or model.
    """
    profile = load_profile(profile_path)
    compiled = compile_all(model_paths, profile)
    pairs, warnings = pair_compiled(compiled)
    themes = [_theme_pack(current, future) for current, future in pairs]
    themes.sort(key=lambda item: (item.theme.number or 99, item.diff.key))
    values = profile_values(profile, profile_path)
    return PackData(slug, profile.name, values, themes, cross_theme_summary(themes, values), warnings)


def _theme_pack(current, future) -> ThemePack:
    diff = compare(current, future)
    return ThemePack(theme(future.graph.get("theme"), diff.title), current, future, diff,
                     theme_consequences(diff), theme_notes(current, future))
