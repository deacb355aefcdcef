"""Does a BPMN file open cleanly in the clients people use? ``oir-bpmn verify`` and the tests ask.

Checks, per file: ``moddle`` (bpmn-moddle parses it without warnings), ``bpmnlint``
(``recommended``, nothing reported), ``bpmnjs-import`` (bpmn-js in headless Chromium imports it
without warnings), ``bpmnjs-render`` (every BPMNShape/BPMNEdge drawn; a PNG where asked), ``bpmnjs-icons`` (no task
name bpmn-js draws runs over the task's type icon),
``camunda-modeler`` (Camunda Modeler's problems panel, ``@camunda/linting`` as Camunda 7, shows
no error, see ``camunda``), ``spiffworkflow`` (SpiffWorkflow's parser builds every process),
``xsd`` (the OMG BPMN 2.0 XSD), ``di-geometry`` (an independent check of the diagram geometry,
see ``geometry``).

A check that cannot run here (no node, no Chromium, no XSDs, no SpiffWorkflow) is skipped with
the reason, never silently passed. Every file is first read by the safe BPMN reader (no DTDs,
entities or network); a file it refuses gets that one-line reason and no further checks.
"""
from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..fsio import special_file
from . import camunda, clients, engines
from .geometry import geometry_problems

CLIENT_CHECKS = ("moddle", "bpmnlint", "bpmnjs-import", "bpmnjs-render", "bpmnjs-icons")
LOCAL_CHECKS = ("spiffworkflow", "xsd", "di-geometry")
CHECKS = CLIENT_CHECKS + ("camunda-modeler",) + LOCAL_CHECKS


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


def bpmn_files(paths) -> list[Path]:
    """The ``.bpmn`` files named by ``paths`` (files, or folders searched for ``*.bpmn``)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(path.glob("*.bpmn")))
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


def verify(paths, previews: Path | None = None, checks=CHECKS) -> Report:
    """Run ``checks`` on every BPMN file in ``paths``; PNG previews go to ``previews`` if given."""
    from ..bpmn.read import BpmnReadError, parse_bpmn_xml

    files = bpmn_files(paths)
    results = [FileResult(path) for path in files]
    readable = []
    for result in results:
        try:
            parse_bpmn_xml(result.path)
            readable.append(result)
        except BpmnReadError as err:
            result.refused = err.problem
    skipped = _skipped(checks)
    pngs = preview_paths([r.path for r in readable], Path(previews)) if previews else {}
    client_checks = [c for c in checks if c in CLIENT_CHECKS and c not in skipped]
    if client_checks and readable:
        jobs = [{"bpmn": str(r.path.resolve()), "png": str(pngs[r.path].resolve()) if previews else None}
                for r in readable]
        try:
            report = clients.run_checker(jobs)
        except (clients.CheckerFailed, subprocess.TimeoutExpired, OSError, ValueError) as exc:
            skipped.update({c: f"the client checker failed: {exc}" for c in client_checks})
            report = None
        for result in readable if report else []:
            entry = report[str(result.path.resolve())]
            result.preview = pngs.get(result.path)
            found = {"moddle": clients.moddle_problems(entry), "bpmnlint": clients.lint_problems(entry),
                     "bpmnjs-import": clients.import_problems(entry),
                     "bpmnjs-render": clients.render_problems(entry, png_expected=bool(previews)),
                     "bpmnjs-icons": clients.icon_problems(entry)}
            result.problems.update({c: found[c] for c in client_checks})
    if "camunda-modeler" in checks and "camunda-modeler" not in skipped and readable:
        try:
            linted = camunda.run_linter([str(r.path.resolve()) for r in readable])
            for result in readable:
                result.problems["camunda-modeler"] = camunda.camunda_problems(linted[str(result.path.resolve())])
        except (clients.CheckerFailed, subprocess.TimeoutExpired, OSError, ValueError) as exc:
            skipped["camunda-modeler"] = f"the Camunda linter failed: {exc}"
    local = {"spiffworkflow": engines.spiffworkflow_problems, "xsd": engines.xsd_problems,
             "di-geometry": geometry_problems}
    for result in readable:
        for check in checks:
            if check in local and check not in skipped:
                result.problems[check] = local[check](result.path)
    return Report(results, {c: skipped[c] for c in checks if c in skipped})


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
