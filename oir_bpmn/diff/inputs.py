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
    """Current/future pairs by ``definition.key`` in writing order, and a warning per lone variant
    that says why it has no partner and how to give it one."""
    by_key: dict[str, dict[str, Compiled]] = {}
    for item in compiled:
        by_key.setdefault(item.definition.key, {})[item.definition.variant] = item
    pairs, lone = [], []
    for variants in by_key.values():
        if len(variants) == 2:
            pairs.append((variants["current"].graph, variants["future"].graph))
        else:
            lone.extend(variants.values())
    return pairs, [_lone_warning(item, lone) for item in lone]


def _lone_warning(item: Compiled, lone: list[Compiled]) -> str:
    """Why ``item`` is not compared: a lone variant of the other kind in the same file probably
    means the keys differ; otherwise the other variant does not exist."""
    d = item.definition
    missing = "future" if d.variant == "current" else "current"
    where = f"{d.file}:{d.line}: '{d.title}' ({d.variant}, key '{d.key}') has no {missing} variant with its key"
    other = next((o.definition for o in lone if o.definition.variant == missing and o.definition.file == d.file), None)
    if other is not None:
        return (f"{where}; '{other.title}' (line {other.line}) in the same file is a lone {missing} variant "
                f"with key '{other.key}': if they are one process, give both the same key=\"…\"; not compared")
    return (f"{where}; not compared (a process that is new or disappears needs nothing more; to compare "
            f"it, write its {missing} variant with @process(…, variant=\"{missing}\", key=\"{d.key}\"))")


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
    bpmn = {i: load_bpmn_side(spec, max_bytes) for i, spec in enumerate(args) if is_bpmn_file(_split(spec)[0])}
    sides, notes = [], [warning for graph in bpmn.values() for warning in graph.graph["warnings"]]
    for i, (spec, variant) in enumerate(zip(args, ("current", "future"))):
        if i in bpmn:
            sides.append(bpmn[i])
            continue
        other = bpmn.get(1 - i)
        graph, note = load_side(spec, variant, profile, other.graph if other is not None else None, timeout)
        sides.append(graph)
        notes += [note] if note else []
    return [(sides[0], sides[1])], notes


def refuse_unrelated(diff) -> None:
    """Raise ``DiffInputError`` when no step of one side matches a step of the other."""
    if not diff.pairs:
        raise DiffInputError(f"no step of {diff.current_side} matches a step of {diff.future_side}: they look "
                             "like different processes; compare them anyway with --force")


def _refuse_special(path: Path) -> None:
    """A folder, FIFO, device or socket is not a side: refuse it before anything reads it."""
    try:
        kind = special_file(path)
    except OSError:
        kind = None  # missing: reading it says so, as for any other file
    if kind == "a folder":
        raise DiffInputError(f"{path}: a folder cannot be one side; diff it alone: oir-bpmn diff {path}")
    if kind:
        raise DiffInputError(f"{path}: is {kind}, not a model or BPMN file; nothing was read")


def load_bpmn_side(spec: str, max_bytes: int | None = None) -> nx.DiGraph:
    """The graph of a side given as a BPMN file (``.bpmn``, ``.xml``, ``.bpmn20.xml``)."""
    path, selector = _split(spec)
    _refuse_special(path)
    if selector:
        raise DiffInputError(f"{path}: '::{selector}' picks a process in a model file, not in BPMN")
    return read_bpmn(path, max_bytes)


def load_side(spec: str, variant: str, profile: Profile = DEFAULT_PROFILE, other: dict | None = None,
              timeout: float | None = DEFAULT_TIMEOUT) -> tuple[nx.DiGraph, str | None]:
    """The graph of one side given as a model file (``file.py``, ``file.py::KEY``,
    ``file.py::KEY_current``/``KEY_future`` or ``file.py::TITLE``), and a note saying how it was
    picked when the file held more than one. ``other`` is the graph attributes of a BPMN file on
    the other side: its recorded key and variant pick the process to compare it with; otherwise
    the first side takes the current variant and the second the future one."""
    path, selector = _split(spec)
    _refuse_special(path)
    compiled = compile_all([path], profile, timeout)
    if selector:
        compiled = _select(path, compiled, selector)
    if len(compiled) == 1:
        return compiled[0].graph, None
    why = f"the {'first' if variant == 'current' else 'second'} side takes the {variant} variant"
    if other and any(c.definition.key == other.get("key") for c in compiled):
        compiled = [c for c in compiled if c.definition.key == other["key"]]
        if other.get("variant"):
            variant = other["variant"]
            why = f"{other.get('file')} records key '{other['key']}' and the {variant} variant"
    picked = [c for c in compiled if c.definition.variant == variant]
    if len(picked) != 1:
        keys = ", ".join(sorted({c.definition.key for c in compiled}))
        raise DiffInputError(f"{path}: holds {len(picked) or len(compiled)} {variant} processes; pick one with "
                             f"{path}::KEY (keys: {keys}), or ::KEY_current / ::KEY_future")
    name = picked[0].definition.name
    return picked[0].graph, (f"{path}: compared '{name}' ({why}); pick another with {path}::KEY_current "
                             "or ::KEY_future")


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
