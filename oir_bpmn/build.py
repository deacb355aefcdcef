"""The build pipeline: compiled processes → every file in the output folder, all or nothing.

``output/bpmn/<name>.bpmn`` (Camunda Modeler), ``output/diagrams/<name>.<fmt>`` (slides) and
``output/diff/<key>.*`` for every current/future pair. Each process is laid out once; the BPMN,
its diagrams and the diff share that layout. Everything is written into a staging folder and
moved into place at the end, with the output folder locked (``fsio.Staging``): a build that
fails or is killed leaves the previous output as it was, and two builds never mix.

``build_models`` builds only what changed (``buildstamp``: a content hash per output unit);
the Graphviz renders and diffs run on ``jobs`` threads (Graphviz is a separate program, so the
threads keep the cores busy).
"""
from __future__ import annotations

import errno
import math
import os
import queue
import shutil
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .bpmn import to_bpmn
from .bpmn.platform import for_target
from .bpmn.read import MAX_BYTES, MIB
from .buildstamp import STAMP, Stamp, combined_digest, content_digest, context_digest, file_digests, read_stamp, \
    source_key, up_to_date
from .diff import compare, pair_compiled, write_diff_files, write_summary
from .fsio import Staging, write_atomic
from .isolate import DEFAULT_TIMEOUT
from .layout import layout
from .lengths import long_texts
from .load import Compiled, compile_all, model_files
from .profile import DEFAULT_PROFILE
from .render import INSTALL_HINT, write_diagrams
from .render.theme import THEME, Theme
from .render.export import DiagramSkipped, GraphvizFailed, GraphvizMissing, emoji_without_font
from .validate import all_texts

OUTPUT_SUFFIXES = {
    "bpmn": (".bpmn",),
    "diagrams": (".svg", ".png", ".pdf"),
    "diff": (".md", ".json", ".svg", ".png", ".pdf", ".bpmn", ".xlsx"),
}


class BuildError(Exception):
    """A build that stopped after writing began; ``str()`` names the model and what to do."""


@dataclass
class BuildResult:
    """What a build wrote, removed and has to warn about; ``processes`` built in all, of which
    ``current`` were up to date (their files kept)."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    processes: int = 0
    current: int = 0

    def count(self, folder: str) -> int:
        return sum(1 for path in self.written if path.parent.name == folder)


def build_models(paths, out_dir: Path, profile=DEFAULT_PROFILE, formats=("svg", "png"), slide: bool = False,
                 prune: bool = False, progress=None, on_wait=None, theme: Theme = THEME, force: bool = False,
                 jobs: int | None = None, timeout: float | None = DEFAULT_TIMEOUT, target: str = "camunda7") -> BuildResult:
    """Build the model files of ``paths`` into ``out_dir`` (see ``build_outputs``), redoing only
    the outputs whose inputs changed (every output with ``force``). When nothing changed, no
    model is even run. Raises ``DSLError`` for invalid models, ``BuildError`` after writing began.
    """
    out = Path(out_dir).absolute()
    files = model_files(paths)
    drawn = graphviz_found(formats)
    digests = file_digests(files, context_digest(profile, theme, formats, slide, drawn, target))
    stamp = None if force else up_to_date(out, digests)
    if stamp is not None and prune and stale_files(out, stamp.outputs(), _folders(drawn)):
        stamp = None  # nothing to build, but files to prune
    if stamp is not None:
        hint = [f"{INSTALL_HINT} The BPMN files were written; diagrams and diffs were not."] if formats and not drawn \
            else []
        return BuildResult(warnings=hint + stamp.warnings(), processes=stamp.processes, current=stamp.processes)
    _stage(progress, "Loading models")
    compiled = compile_all(files, profile, timeout, progress=progress, jobs=jobs)
    _stage(progress, "Writing")
    result = build_outputs(compiled, out, formats, slide, prune, progress, on_wait, theme,
                           sources=digests, force=force, jobs=jobs, target=target)
    result.warnings[:0] = text_warnings(compiled, drawn)
    return result


def text_warnings(compiled, drawn: bool) -> list[str]:
    """The warnings about the texts of ``compiled`` models: too long (``long_texts``) and, when
    diagrams are ``drawn``, emoji that no installed font has."""
    found = [str(problem) for item in compiled for problem in long_texts(item.graph)]
    if drawn:
        emoji = emoji_without_font(text for item in compiled for *_, text in all_texts(item.graph))
        if emoji:
            found.append(f"labels hold emoji ({emoji}) that no installed font draws: the diagrams show "
                         "empty boxes; install fonts-noto-color-emoji (make setup), or leave them out")
    return found


def graphviz_found(formats) -> bool:
    """Whether diagrams in ``formats`` can be drawn: some asked for, and Graphviz installed."""
    return bool(formats) and shutil.which("dot") is not None and shutil.which("neato") is not None


def _folders(drawn: bool) -> list[str]:
    return ["bpmn", "diagrams", "diff"] if drawn else ["bpmn"]


def build_outputs(compiled: list[Compiled], out_dir: Path, formats=("svg", "png"), slide: bool = False,
                  prune: bool = False, progress=None, on_wait=None, theme: Theme = THEME, *,
                  sources: dict[str, str] | None = None, force: bool = False, jobs: int | None = None,
                  target: str = "camunda7") -> BuildResult:
    """Write BPMN for every process, and diagrams and diffs (in the colours of ``theme``) where
    Graphviz is installed (none when ``formats`` is empty: BPMN only, nothing compared). Every BPMN
    file is written for the Camunda platform ``target`` (see ``bpmn.platform``).

    ``prune`` removes stale files, but only from the folders this build wrote.
    ``progress(done, total)`` is called as each process and pair is done; ``on_wait()`` when
    another build holds the folder (this one then waits for it). ``sources`` (``source_key`` of
    each model file → its ``buildstamp.file_digests`` hash) makes the build incremental: units
    whose stamp is current are kept (unless ``force``) and a new stamp is written; without it
    everything is built and the stamp removed. ``jobs`` threads draw at once (default: one per
    core). Raises ``BuildError``.
    """
    out = Path(out_dir).absolute()
    result = BuildResult(processes=len(compiled))
    pairs, lone = pair_compiled(compiled)
    drawn = graphviz_found(formats)
    if formats and not drawn:
        result.warnings.append(f"{INSTALL_HINT} The BPMN files were written; diagrams and diffs were not.")
    if drawn:
        result.warnings += lone
    pairs = pairs if drawn else []
    with _failing("the output folder", out), Staging(out, on_wait) as stage:
        plan = _Plan(compiled, pairs, out, sources, None if sources is None or force else read_stamp(out))
        result.current = sum(1 for item in compiled if plan.file_of(item) in plan.kept)
        plans = _Layouts()
        recorder = _Warnings()
        tasks = [(f"file:{key}", _process_task(items, stage.root, formats, slide, theme, drawn, plans, out, target))
                 for key, items in plan.files.items() if f"file:{key}" not in plan.kept]
        tasks += [(f"pair:{key}", _pair_task(current, future, stage.root, formats, slide, theme, plans, out, target))
                  for key, (current, future) in plan.pairs.items() if f"pair:{key}" not in plan.kept]
        done = _run(tasks, recorder, progress, jobs)
        units = {}
        for name, (written, caught, *diff) in done.items():
            units[name] = {"hash": plan.digest(name), "outputs": written, "warnings": caught}
            plan.diffs.update({name.partition(":")[2]: diff[0]} if diff else {})
        if pairs and (plan.summary not in plan.kept):
            with _failing("the cross-theme summary", out):
                from .diff.excel import write_workbook  # openpyxl: only when a summary is made
                diffs = [plan.diffs.get(key) or compare(current, future)
                         for key, (current, future) in plan.pairs.items()]
                written = write_summary(diffs, stage.root / "diff") + [write_workbook(diffs, stage.root / "diff")]
            units["summary"] = {"hash": plan.digest("summary"), "outputs": written, "warnings": []}
        for name in plan.kept:
            units[name] = plan.old.units[name]
        for name, entry in units.items():
            if isinstance(entry["outputs"], list):  # files this build wrote: the digest of what was staged
                entry["outputs"] = {Path(p).relative_to(stage.root).as_posix(): content_digest(Path(p))
                                    for p in entry["outputs"]}
            entry["order"] = plan.order[name]
        result.warnings += [w for _, entry in sorted(units.items(), key=lambda item: item[1]["order"])
                            for w in entry["warnings"]]
        remove = []
        if sources is not None:
            write_atomic(stage.root / STAMP, Stamp(units, lone if drawn else [], len(compiled)).to_json())
        elif (out / STAMP).exists():
            remove.append(Path(STAMP))  # outputs made without sources: no stamp may vouch for them
        keep = set(stage.staged()) | {Path(p) for name in plan.kept for p in units[name]["outputs"]}
        remove += stale_files(out, keep, _folders(drawn)) if prune else []
        result.written = [path for path in stage.commit(remove) if path.name != STAMP]
        result.removed = [out / rel for rel in remove if rel.name != STAMP]
    return result


class _Plan:
    """Which units a build has (model files, pairs, summary), their hashes, and which are kept."""

    def __init__(self, compiled, pairs, out: Path, sources, old: Stamp | None):
        self.old = old or Stamp()
        self.files: dict[str, list[Compiled]] = {}
        self.source = {}
        for item in compiled:
            key = source_key(item.definition.file)
            self.files.setdefault(key, []).append(item)
            self.source[id(item.graph)] = key
        self.pairs = {current.graph["key"]: (current, future) for current, future in pairs}
        self.sources = sources
        self.summary = "summary"
        self.order = {f"file:{key}": n for n, key in enumerate(self.files)}
        self.order.update({f"pair:{key}": len(self.files) + n for n, key in enumerate(self.pairs)})
        self.order["summary"] = len(self.order)
        self.diffs = {}  # key → the diff a pair's task made
        self.kept = set()
        if sources is not None and old is not None:
            self.kept = {name for name in self.order if (name != "summary" or self.pairs)
                         and self.old.current(name, self.digest(name), out)}

    def file_of(self, item: Compiled) -> str:
        return f"file:{self.source[id(item.graph)]}"

    def digest(self, name: str) -> str:
        if self.sources is None:
            return ""
        kind, _, key = name.partition(":")
        if kind == "file":
            return self.sources[key]
        if kind == "pair":
            current, future = self.pairs[key]
            return combined_digest(key, self.sources[self.source[id(current)]], self.sources[self.source[id(future)]])
        return combined_digest(*(f"{key} {self.digest('pair:' + key)}" for key in self.pairs))


def _process_task(items: list[Compiled], root: Path, formats, slide, theme, drawn, plans, out, target):
    def task():
        written, caught = [], []
        for item in items:
            name = item.definition.name
            with _failing(name, out):
                plan = plans.get(item.graph)
                data = for_target(to_bpmn(item.graph, plan), target)
                written.append(write_atomic(root / "bpmn" / f"{name}.bpmn", data))
                if drawn:
                    written += write_diagrams(item.graph, root / "diagrams", name, formats, slide, plan=plan,
                                              theme=theme)
            if len(data) > MAX_BYTES:
                caught.append(f"{name}.bpmn is {len(data) / MIB:.0f} MiB, more than oir-bpmn diff reads by "
                              f"default; diff it with --max-size {math.ceil(len(data) / MIB)}")
        return written, caught
    return task


def _pair_task(current, future, root: Path, formats, slide, theme, plans, out, target):
    def task():
        key = current.graph["key"]
        with _failing(f"the diff of {key}", out):
            diff = compare(current, future)
            written = write_diff_files(diff, current, future, root / "diff", key, plans.get(future),
                                       diagrams=formats, slide=slide, theme=theme)
            for path in (p for p in written if target != "camunda7" and p.suffix == ".bpmn"):
                write_atomic(path, for_target(path.read_bytes(), target))
        return written, [], diff
    return task


def _run(tasks, recorder, progress, jobs: int | None) -> dict[str, tuple]:
    """Run ``tasks`` (unit name, function) on ``jobs`` threads: unit name → (files written,
    warnings, and what else the function returned). The first failure stops the rest and is raised.

    Its own threads rather than ``ThreadPoolExecutor``: a Ctrl-C or SIGTERM while the executor
    starts a thread leaves that thread unjoined, still writing after the staging folder is gone.
    """
    done = {}
    todo = list(reversed(tasks))
    results: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()

    def worker():
        while not stop.is_set():
            try:
                name, fn = todo.pop()
            except IndexError:
                return
            try:
                results.put((name, recorder.run(fn), None))
            except BaseException as exc:  # noqa: BLE001 - raised again in the calling thread
                results.put((name, None, exc))
                return

    threads = [threading.Thread(target=worker, name=f"oir-build-{n}", daemon=True)
               for n in range(max(1, min(len(tasks), jobs or os.cpu_count() or 1)))]
    with warnings.catch_warnings():
        warnings.simplefilter("always", DiagramSkipped)
        warnings.showwarning = recorder.show
        try:
            for thread in threads:
                thread.start()
            while len(done) < len(tasks):
                name, outcome, exc = results.get()
                if exc is not None:
                    raise exc
                (written, caught, *extra), more = outcome
                done[name] = (written, caught + more, *extra)
                _report(progress, len(done), len(tasks))
        finally:
            stop.set()  # a thread not yet running sees this and ends at once
            for thread in threads:
                if thread.is_alive():
                    thread.join()
    return done


class _Layouts:
    """The layout of each graph, made once even when two threads ask for it at the same time."""

    def __init__(self):
        self._plans, self._locks, self._lock = {}, {}, threading.Lock()

    def get(self, G):
        with self._lock:
            lock = self._locks.setdefault(id(G), threading.Lock())
        with lock:
            if id(G) not in self._plans:
                self._plans[id(G)] = layout(G)
            return self._plans[id(G)]


class _Warnings:
    """Warnings raised by a task, caught in the thread that runs it (``catch_warnings`` alone
    would mix the threads' warnings)."""

    def __init__(self):
        self._local = threading.local()

    def show(self, message, category, filename, lineno, file=None, line=None):
        getattr(self._local, "caught", []).append(str(message))

    def run(self, fn):
        self._local.caught = []
        try:
            return fn(), self._local.caught
        finally:
            self._local.caught = []


def stale_files(out: Path, keep: set[Path], folders: list[str]) -> list[Path]:
    """Files (relative to ``out``) with an output suffix in ``folders`` that are not in ``keep``."""
    stale = []
    for folder in folders:
        if (out / folder).is_dir():
            stale += [path.relative_to(out) for path in sorted((out / folder).iterdir())
                      if path.suffix in OUTPUT_SUFFIXES[folder] and path.is_file()
                      and path.relative_to(out) not in keep]
    return stale


def _stage(progress, what: str) -> None:
    if progress is not None and hasattr(progress, "stage"):
        progress.stage(what)


def _report(progress, done: int, total: int) -> None:
    if progress:
        progress(done, total)
@contextmanager
def _failing(what: str, out: Path):
    """Turn what can go wrong while writing into a ``BuildError`` naming ``what`` and what to do."""
    kept = f"{out}/ is unchanged"
    try:
        yield
    except GraphvizFailed as exc:
        raise BuildError(f"{what}: {exc}\n    → shorten very long labels or notes, or leave that format "
                         f"out with --format; {kept}") from None
    except GraphvizMissing as exc:
        raise BuildError(f"{what}: {exc} ({kept})") from None
    except OSError as exc:
        raise BuildError(f"{what}: cannot write into {out}/: {exc.strerror or exc}\n    → "
                         f"{_os_hint(exc)}; {kept}") from None


def _os_hint(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some disk space and build again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "build into a folder you may write to, e.g. -o ~/oir-output"
    return "check the output folder and build again"
