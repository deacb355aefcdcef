"""Find and load model files safely: every mistake becomes a ``DSLError`` with file and line."""
from __future__ import annotations

import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .compile import compile_process
from .dsl import ProcessDef, display_path, error_in_model, registry
from .fsio import read_regular, special_file
from .problems import DSLError, ModelSkipped, Problem
from .profile import DEFAULT_PROFILE, Profile
from .validate import validate
from .isolate import DEFAULT_TIMEOUT, run_isolated


MODEL_SUFFIX = ".py"
BPMN_SUFFIXES = (".bpmn", ".xml")  # also .bpmn20.xml: always parsed as XML, never run


def is_bpmn_file(path: str | Path) -> bool:
    """Whether ``path`` names BPMN XML (``.bpmn``, ``.xml``, ``.bpmn20.xml``) by its suffix."""
    return Path(path).suffix.lower() in BPMN_SUFFIXES


def model_files(paths) -> list[Path]:
    """The model files named by ``paths`` (files, or folders searched for ``*.py``), sorted.

    Only regular ``*.py`` files are models: nothing else is ever run, and a FIFO, device or
    socket is refused before it is opened (reading one could block forever). A symbolic link
    found in a folder is skipped with a ``ModelSkipped`` warning naming it; a file named
    itself is run.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        try:
            kind = special_file(path)
        except OSError:
            problems.append(Problem(str(path), 0, "", f"no models found: no such file or folder in {Path.cwd()}",
                                    "give the folder (or .py file) of your models, e.g. "
                                    "oir-bpmn check ~/modeller/"))
            continue
        if kind == "a folder":
            for item in sorted(p for p in path.glob(f"*{MODEL_SUFFIX}") if not p.name.startswith("_")):
                if item.is_symlink():  # it could point anywhere: only what is in the folder runs
                    warnings.warn(ModelSkipped(f"{item}: skipped, it is a symbolic link (to {os.readlink(item)}); "
                                               "only regular .py files in a folder are run: copy the model "
                                               "into the folder, or name the file itself"))
                    continue
                problem = _not_a_model(item)
                problems.extend([problem] if problem else [])
                found.extend([] if problem else [item])
        elif kind:
            problems.append(_refused(path, kind))
        elif path.suffix != MODEL_SUFFIX:
            problems.append(_refused(path, "BPMN XML" if is_bpmn_file(path) else "not a Python file"))
        else:
            found.append(path)
    if problems:
        raise DSLError(problems)
    return found


def _not_a_model(path: Path) -> Problem | None:
    try:
        kind = special_file(path)
    except OSError as exc:  # e.g. a dangling symlink
        return Problem(str(path), 0, "", f"cannot read the model: {exc.strerror or exc}", "")
    return _refused(path, kind) if kind else None


def _refused(path: Path, kind: str) -> Problem:
    if kind == "BPMN XML":
        return Problem(str(path), 0, "", "is BPMN XML, not a model; only .py files are run",
                       f"compare it with a model: oir-bpmn diff CURRENT.py {path}")
    what = "not a .py file" if kind == "not a Python file" else f"{kind}, not a model file"
    return Problem(str(path), 0, "", f"is {what}; only regular .py files are run as models",
                   "give a model file (.py) or a folder such as processes/")


def load_file(path: Path) -> list[ProcessDef]:
    """Run a model file and return the processes it declares, in the order written."""
    shown = display_path(str(path))
    try:
        source = read_regular(path).decode("utf-8")
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
    before = set(sys.modules)
    sys.path.insert(0, folder)  # a model may import shared helpers (e.g. _lanes.py) beside it
    try:
        exec(code, {"__name__": f"oir_model_{path.stem}", "__file__": str(path)})
    except (DSLError, KeyboardInterrupt):
        raise
    except BaseException as exc:  # SystemExit and a model's own BaseException too
        raise DSLError([error_in_model(exc, shown, "loading the model")]) from None
    finally:
        sys.path.remove(folder)
        registry.reset(token)
        _forget_helpers(folder, before)
    if not found:
        raise DSLError([Problem(shown, 1, "", "the file declares no process",
                                'decorate a function with @process("Titel", variant="current")')])
    return found


def _forget_helpers(folder: str, before: set[str]) -> None:
    """Drop the modules imported from ``folder`` by this model (its ``_lanes.py`` …), so that a
    model of another folder imports its own helper of the same name, not this one."""
    for name in set(sys.modules) - before:
        file = getattr(sys.modules[name], "__file__", None) or ""
        if os.path.dirname(os.path.abspath(file)) == folder:
            del sys.modules[name]


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


def compile_file(path: Path, profile: Profile = DEFAULT_PROFILE) -> tuple[list[Compiled], list[Problem]]:
    """Load, build and validate the processes of one model file, in this process.

    The working directory is put back after each call into model code, so where the tool
    reads and writes never depends on an ``os.chdir`` in a model.
    """
    cwd = os.getcwd()
    compiled, problems = [], []
    try:
        definitions = load_file(path)
    except DSLError as err:
        return [], err.problems
    finally:
        os.chdir(cwd)
    for definition in definitions:
        try:
            graph = build_graph(definition, profile)
        except DSLError as err:
            problems.extend(err.problems)
            continue
        finally:
            os.chdir(cwd)
        found = validate(graph)
        problems.extend(found)
        if not found:
            compiled.append(Compiled(definition, graph))
    return compiled, problems


def compile_all(paths, profile: Profile = DEFAULT_PROFILE, timeout: float | None = DEFAULT_TIMEOUT,
                isolate: bool = True, progress=None, jobs: int | None = None) -> list[Compiled]:
    """Load, build and validate every process in ``paths``; all problems are raised together.

    With ``isolate`` (the default) each model file runs in a worker process, stopped after
    ``timeout`` seconds (see ``isolate``), ``jobs`` at once; ``progress(done, total)`` is called per file.
    Otherwise the files run here, one after the other (for tests that need the functions).
    """
    files = model_files(paths)
    if isolate:
        results = run_isolated(compile_file, files, profile, timeout, progress, jobs)
    else:
        results = [compile_file(path, profile) for path in files]
    compiled = [item for found, _ in results for item in found]
    problems = [problem for _, found in results for problem in found]
    if problems:
        raise DSLError(problems)
    _check_unique_names([item.definition for item in compiled])
    return compiled
