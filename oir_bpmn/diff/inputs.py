"""Turn the arguments of ``oir-bpmn diff`` into (current, future) graph pairs."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..bpmn.read import read_bpmn
from .match import normalise
from ..fsio import special_file
from ..isolate import DEFAULT_TIMEOUT
from ..load import Compiled, compile_all, is_bpmn_file
from ..model import slug
from ..profile import DEFAULT_PROFILE, Profile


class DiffInputError(ValueError):
    """An argument that names no usable process; ``str()`` is one line naming the file."""


def pair_compiled(compiled: list[Compiled]) -> tuple[list[tuple[nx.DiGraph, nx.DiGraph]], list[str]]:
    """Current/future pairs by ``definition.key`` in writing order, and a warning per lone variant."""
    by_key: dict[str, dict[str, Compiled]] = {}
    for item in compiled:
        by_key.setdefault(item.definition.key, {})[item.definition.variant] = item
    pairs, warnings = [], []
    for key, variants in by_key.items():
        if len(variants) == 2:
            pairs.append((variants["current"].graph, variants["future"].graph))
            continue
        (variant, item), = variants.items()
        missing = "future" if variant == "current" else "current"
        warnings.append(f"{item.definition.file}:{item.definition.line}: '{item.definition.title}' "
                        f"has no {missing} variant with key '{key}'; not compared")
    return pairs, warnings


def load_pairs(args: tuple[str, ...] | list[str], profile: Profile = DEFAULT_PROFILE,
               timeout: float | None = DEFAULT_TIMEOUT, max_bytes: int | None = None):
    """``(pairs, warnings)`` for one argument (a folder, a theme file, ``file.py::key``) or two
    (CURRENT FUTURE, each a model file, ``file.py::key_or_title`` or a BPMN file).

    Only ``*.py`` files are run (each in a worker stopped after ``timeout`` seconds);
    ``.bpmn`` and ``.xml`` files are always parsed as BPMN XML, never run, up to ``max_bytes``.
    """
    if len(args) == 1:
        path, selector = _split(args[0])
        if is_bpmn_file(path):
            raise DiffInputError(f"{path}: a BPMN file holds one variant; give CURRENT and FUTURE")
        compiled = compile_all([path], profile, timeout)
        if selector:
            compiled = _select(path, compiled, selector)
        pairs, warnings = pair_compiled(compiled)
        if not pairs:
            raise DiffInputError(f"{path}: no process with both a current and a future variant "
                                 "(they pair by key)")
        return pairs, warnings
    if len(args) != 2:
        raise DiffInputError(f"give one or two arguments (CURRENT FUTURE), not {len(args)}")
    return [(load_side(args[0], "current", profile, timeout, max_bytes),
             load_side(args[1], "future", profile, timeout, max_bytes))], []


def load_side(spec: str, variant: str, profile: Profile = DEFAULT_PROFILE,
              timeout: float | None = DEFAULT_TIMEOUT, max_bytes: int | None = None) -> nx.DiGraph:
    """The graph of one side: a BPMN file (``.bpmn``, ``.xml``), or one process of a model file."""
    path, selector = _split(spec)
    try:
        kind = special_file(path)
    except OSError:
        kind = None  # missing: reading it says so, as for any other file
    if kind == "a folder":
        raise DiffInputError(f"{path}: a folder cannot be one side; diff it alone: oir-bpmn diff {path}")
    if kind:
        raise DiffInputError(f"{path}: is {kind}, not a model or BPMN file; nothing was read")
    if is_bpmn_file(path):
        if selector:
            raise DiffInputError(f"{path}: '::{selector}' picks a process in a model file, not in BPMN")
        return read_bpmn(path, max_bytes)
    compiled = compile_all([path], profile, timeout)
    if selector:
        compiled = _select(path, compiled, selector)
    if len(compiled) > 1:  # a theme file: take the variant this side asks for
        compiled = [c for c in compiled if c.definition.variant == variant] or compiled
    if len(compiled) != 1:
        keys = ", ".join(sorted({c.definition.key for c in compiled}))
        raise DiffInputError(f"{path}: holds {len(compiled)} {variant} processes; pick one with "
                             f"{path}::KEY (keys: {keys})")
    return compiled[0].graph


def _split(spec: str) -> tuple[Path, str]:
    path, sep, selector = str(spec).rpartition("::")
    return (Path(path), selector.strip()) if sep else (Path(spec), "")


def _select(path: Path, compiled: list[Compiled], selector: str) -> list[Compiled]:
    """The processes whose key, file stem name or title matches ``selector``."""
    wanted = normalise(selector)
    found = [c for c in compiled
             if slug(selector) == c.definition.key or selector == c.definition.name
             or wanted == normalise(c.definition.title)]
    if not found:
        names = "; ".join(f"{c.definition.key} ({c.definition.title})" for c in compiled)
        raise DiffInputError(f"{path}: no process matches '{selector}' (found: {names})")
    return found
