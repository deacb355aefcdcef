"""Does a BPMN file open cleanly in the clients people use? ``oir-bpmn verify`` and the tests ask.

Checks, per file: ``moddle`` (bpmn-moddle parses it without warnings), ``bpmnlint``
(``recommended``, nothing reported), ``bpmnjs-import`` (bpmn-js in headless Chromium imports it
without warnings), ``bpmnjs-render`` (every BPMNShape/BPMNEdge drawn; a PNG where asked), ``bpmnjs-icons`` (no task
name bpmn-js draws runs over the task's type icon),
``camunda-modeler`` (Camunda Modeler's problems panel, ``@camunda/linting``, shows no error; each
file linted as the platform it names, Camunda 7 or 8, see ``camunda``), ``spiffworkflow``
(SpiffWorkflow's parser builds every process), ``xsd`` (the OMG BPMN 2.0 XSD), ``di-geometry``
(an independent check of the diagram geometry, see ``geometry``).

A check that cannot run here (no node, no Chromium, no XSDs, no SpiffWorkflow) is skipped with
the reason, never silently passed. Every file is first read by the safe BPMN reader (no DTDs,
entities or network; the namespace repair of ``bpmn.read``); a file it refuses gets that one-line
reason and no further checks. Files and checks are isolated: a check that fails on one file is a
problem of that file and that check ("could not check: …"), never the end of the run. Every
problem is one line, the same on every run.
"""
from __future__ import annotations

import re
import subprocess
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..fsio import special_file
from . import camunda, clients, engines
from .geometry import geometry_problems

CLIENT_CHECKS = ("moddle", "bpmnlint", "bpmnjs-import", "bpmnjs-render", "bpmnjs-icons")
LOCAL_CHECKS = ("spiffworkflow", "xsd", "di-geometry")
CHECKS = CLIENT_CHECKS + ("camunda-modeler",) + LOCAL_CHECKS
NODE_FAILURES = (clients.CheckerFailed, subprocess.TimeoutExpired, OSError, ValueError, KeyError)


@dataclass
class FileResult:
    """The problems each check found in one file (checks that ran only); ``refused``: why the safe
    reader would not read it."""

    path: Path
    problems: dict[str, list[str]] = field(default_factory=dict)
    refused: str | None = None
    preview: Path | None = None

    @property
    def clean(self) -> bool:
        return self.refused is None and not any(self.problems.values())


@dataclass
class Report:
    files: list[FileResult]
    skipped: dict[str, str]  # check -> why it did not run

    @property
    def exit_code(self) -> int:
        """0: every file read and clean; 1: problems found; 2: a file could not be read."""
        if any(result.refused for result in self.files):
            return 2
        return 0 if all(result.clean for result in self.files) else 1

    def summary(self) -> dict[str, dict[str, int]]:
        """Per check that ran: files clean, files with problems, problems."""
        counts = {}
        for check in CHECKS:
            ran = [result.problems[check] for result in self.files if check in result.problems]
            if ran:
                counts[check] = {"clean": sum(not found for found in ran),
                                 "with_problems": sum(bool(found) for found in ran),
                                 "problems": sum(map(len, ran))}
        return counts

    def as_json(self) -> dict:
        """The report as plain data (``verify --json``)."""
        return {"files": [{"path": str(r.path), "read": r.refused is None, "refused": r.refused,
                           "clean": r.clean, "problems": r.problems,
                           "preview": str(r.preview) if r.preview else None} for r in self.files],
                "skipped": self.skipped, "summary": self.summary(), "exit_code": self.exit_code}


def bpmn_files(paths) -> list[Path]:
    """The ``.bpmn`` files named by ``paths`` (files, or folders searched for ``*.bpmn``)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            try:
                found.extend(sorted(p for p in path.glob("*.bpmn") if not p.is_dir()))
            except OSError as exc:
                raise FileNotFoundError(f"{path}: cannot list the folder: {exc.strerror or exc}") from None
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise FileNotFoundError(f"{path}: is {special_file(path)}, not a BPMN file or a folder")
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return found


def preview_paths(files: list[Path], folder: Path) -> dict[Path, Path]:
    """``folder/<stem>.png`` per file; stems that repeat get their folder's name in front."""
    stems = Counter(path.stem for path in files)
    return {path: folder / (f"{path.parent.name}_{path.stem}.png" if stems[path.stem] > 1 else f"{path.stem}.png")
            for path in files}


def verify(paths, previews: Path | None = None, checks=CHECKS, progress=None, max_bytes: int | None = None) -> Report:
    """Run ``checks`` on every BPMN file in ``paths``; PNG previews go to ``previews`` if given.
    ``progress`` (a ``progress.Progress``) hears how far the run is; files over ``max_bytes``
    (default ``bpmn.read.MAX_BYTES``) are not read."""
    from ..bpmn.read import BpmnReadError, parse_bpmn_xml

    results = [FileResult(path) for path in bpmn_files(paths)]
    skipped = _skipped(checks)
    local = {"spiffworkflow": engines.spiffworkflow_problems, "xsd": engines.xsd_problems,
             "di-geometry": geometry_problems}
    readable = []
    for done, result in enumerate(results):
        with _ticking(progress, f"Reading {result.path.name}", done, len(results)):
            try:
                root = parse_bpmn_xml(result.path, max_bytes)
            except BpmnReadError as err:
                result.refused = one_line(err.problem)
                continue
        readable.append(result)
        for check in checks:
            if check in local and check not in skipped:
                with _ticking(progress, f"Checking {result.path.name} ({check})", done, len(results)):
                    result.problems[check] = _isolated(local[check], root)
        del root
    _client_checks(readable, [c for c in checks if c in CLIENT_CHECKS and c not in skipped], previews, progress)
    if "camunda-modeler" in checks and "camunda-modeler" not in skipped and readable:
        found = _per_file(camunda.run_linter, [str(r.path.resolve()) for r in readable], progress,
                          "Camunda Modeler's problems panel")
        for result in readable:
            entry = found[str(result.path.resolve())]
            result.problems["camunda-modeler"] = (camunda.camunda_problems(entry) if isinstance(entry, dict)
                                                  else [entry])
    for result in results:
        result.problems = {check: [one_line(p) for p in result.problems[check]]
                           for check in CHECKS if check in result.problems}
    return Report(results, {c: skipped[c] for c in checks if c in skipped})


def _client_checks(readable: list[FileResult], checks: list[str], previews: Path | None, progress) -> None:
    """The bpmn.io checks (one node process with one Chromium for all files)."""
    if not checks or not readable:
        return
    pngs = preview_paths([r.path for r in readable], Path(previews)) if previews else {}
    jobs = {str(r.path.resolve()): {"bpmn": str(r.path.resolve()), "png": str(pngs[r.path].resolve()) if previews
                                    else None} for r in readable}
    found = _per_file(lambda files: clients.run_checker([jobs[f] for f in files]), list(jobs), progress,
                      "bpmn-moddle, bpmnlint and bpmn-js in Chromium")
    for result in readable:
        entry = found[str(result.path.resolve())]
        if not isinstance(entry, dict):
            result.problems.update({check: [entry] for check in checks})
            continue
        result.preview = pngs.get(result.path)
        made = {"moddle": clients.moddle_problems, "bpmnlint": clients.lint_problems,
                "bpmnjs-import": clients.import_problems,
                "bpmnjs-render": lambda e: clients.render_problems(e, png_expected=bool(previews)),
                "bpmnjs-icons": clients.icon_problems}
        result.problems.update({check: _isolated(made[check], entry) for check in checks})


def _per_file(run, files: list[str], progress, what: str) -> dict[str, dict | str]:
    """``run(files)`` (a node tool: entries by file); if it fails, each file alone, so that one file
    the tool cannot take is reported as such (a string) and the others are still checked."""
    with _ticking(progress, what, 0, len(files)):
        try:
            return run(files)
        except NODE_FAILURES as exc:
            if len(files) == 1:
                return {files[0]: f"could not check: {_failure(exc)}"}
    found = {}
    for done, file in enumerate(files):
        with _ticking(progress, f"{what}, one file at a time", done, len(files)):
            try:
                found.update(run([file]))
            except NODE_FAILURES as exc:
                found[file] = f"could not check: {_failure(exc)}"
    return found


def _failure(exc: Exception) -> str:
    if isinstance(exc, subprocess.TimeoutExpired):
        return f"the checker took longer than {exc.timeout:.0f} s"
    return f"{type(exc).__name__}: {exc}"


def _isolated(check, subject) -> list[str]:
    """The problems ``check(subject)`` finds; a check that fails on this input says so as its problem."""
    try:
        return check(subject)
    except Exception as exc:  # one check failing on one file must not end the run
        return [f"could not check: {type(exc).__name__}: {exc}"]


_ADDRESS = re.compile(r" (?:object )?at 0x[0-9a-fA-F]+")


def one_line(text: str) -> str:
    """A problem on one line (line breaks, e.g. in element names, escaped as ``\\n``), without
    memory addresses (``<… at 0x7f…>``), so that two runs print the same."""
    return _ADDRESS.sub("", str(text).replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r"))


@contextmanager
def _ticking(progress, what: str, done: int, total: int):
    """Tell ``progress`` what runs now, and again every second until it is done (a long check on
    one big file still shows it is alive)."""
    if progress is None:
        yield
        return
    progress.stage(what)
    progress(done, total)
    stop = threading.Event()

    def tick():
        while not stop.wait(1.0):
            progress(done, total)

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        stop.set()
        ticker.join()


def _skipped(checks) -> dict[str, str]:
    skipped = {}
    missing = clients.missing_prerequisites()
    if missing:
        reason = "; ".join(missing) + f". Fix: {clients.SETUP_HINT}"
        skipped.update({c: reason for c in CLIENT_CHECKS if c in checks})
    if "camunda-modeler" in checks and camunda.missing_prerequisites():
        skipped["camunda-modeler"] = camunda.missing_prerequisites()[0]
    if "xsd" in checks and engines.bpmn_schema() is None:
        skipped["xsd"] = engines.XSD_MISSING
    if "spiffworkflow" in checks and not engines.spiff_available():
        skipped["spiffworkflow"] = engines.SPIFF_MISSING
    return skipped
