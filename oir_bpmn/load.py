"""Find and load model files safely: every mistake becomes a ``DSLError`` with file and line."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .compile import compile_process
from .dsl import ProcessDef, display_path, error_in_model, registry
from .problems import DSLError, Problem
from .profile import DEFAULT_PROFILE, Profile
from .validate import validate


def model_files(paths) -> list[Path]:
    """The model files named by ``paths`` (files, or folders searched for ``*.py``), sorted."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.py") if not p.name.startswith("_")))
        elif path.is_file():
            found.append(path)
        else:
            raise DSLError([Problem(str(path), 0, "", "no such file or folder",
                                    "give a model file (.py) or a folder such as processes/")])
    return found


def load_file(path: Path) -> list[ProcessDef]:
    """Run a model file and return the processes it declares, in the order written."""
    shown = display_path(str(path))
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DSLError([Problem(shown, 0, "", f"cannot read the model: {exc}",
                                "save the file as UTF-8 text")]) from None
    try:
        code = compile(source, str(path.resolve()), "exec")
    except SyntaxError as exc:
        raise DSLError([Problem(shown, exc.lineno or 0, "", f"Python syntax error: {exc.msg}",
                                "check brackets, quotes and commas on this line or the one before")]) from None
    found: list[ProcessDef] = []
    token = registry.set(found)
    folder = str(path.resolve().parent)
    sys.path.insert(0, folder)  # a model may import shared helpers (e.g. _lanes.py) beside it
    try:
        exec(code, {"__name__": f"oir_model_{path.stem}", "__file__": str(path)})
    except DSLError:
        raise
    except (Exception, SystemExit) as exc:
        raise DSLError([error_in_model(exc, shown, "loading the model")]) from None
    finally:
        sys.path.remove(folder)
        registry.reset(token)
    if not found:
        raise DSLError([Problem(shown, 1, "", "the file declares no process",
                                'decorate a function with @process("Titel", variant="current")')])
    return found


def load_all(paths) -> list[ProcessDef]:
    """Every process in ``paths``; problems of all files are reported together."""
    definitions, problems = [], []
    for path in model_files(paths):
        try:
            definitions.extend(load_file(path))
        except DSLError as err:
            problems.extend(err.problems)
    if problems:
        raise DSLError(problems)
    _check_unique_names(definitions)
    return definitions


def _check_unique_names(definitions: list[ProcessDef]) -> None:
    seen: dict[str, ProcessDef] = {}
    problems = []
    for d in definitions:
        if d.name in seen:
            first = seen[d.name]
            problems.append(Problem(d.file, d.line, d.title,
                                    f"another {d.variant} process has the key '{d.key}' ({first.file}:{first.line})",
                                    'give one of them its own key, e.g. @process(..., key="…")'))
        seen.setdefault(d.name, d)
    if problems:
        raise DSLError(problems)


def build_graph(definition: ProcessDef, profile: Profile = DEFAULT_PROFILE) -> nx.DiGraph:
    """Run a process definition for ``profile`` and compile it into the process graph."""
    builder = definition.record(profile)
    try:
        return compile_process(builder)
    except Exception as exc:  # a bug of ours, not of the model: still no traceback for the user
        raise DSLError([Problem(definition.file, definition.line, definition.title,
                                f"oir-bpmn could not compile this process ({type(exc).__name__}: {exc})",
                                "this is a bug in oir-bpmn: please report it with the model file")]) from None


@dataclass
class Compiled:
    """One process of a model file, compiled and valid."""

    definition: ProcessDef
    graph: nx.DiGraph


def compile_all(paths, profile: Profile = DEFAULT_PROFILE) -> list[Compiled]:
    """Load, build and validate every process in ``paths``; all problems are raised together."""
    compiled, problems = [], []
    for definition in load_all(paths):
        try:
            graph = build_graph(definition, profile)
        except DSLError as err:
            problems.extend(err.problems)
            continue
        found = validate(graph)
        problems.extend(found)
        if not found:
            compiled.append(Compiled(definition, graph))
    if problems:
        raise DSLError(problems)
    return compiled
