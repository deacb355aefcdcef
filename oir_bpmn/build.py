"""The build pipeline: compiled processes → every file in the output folder, all or nothing.

``output/bpmn/<name>.bpmn`` (Camunda Modeler), ``output/diagrams/<name>.<fmt>`` (slides) and
``output/diff/<key>.*`` for every current/future pair. Each process is laid out once; the BPMN,
its diagrams and the diff share that layout. Everything is written into a staging folder and
moved into place at the end, with the output folder locked (``fsio.Staging``): a build that
fails or is killed leaves the previous output as it was, and two builds never mix.
"""
from __future__ import annotations

import errno
import math
import shutil
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .bpmn import to_bpmn
from .bpmn.platform import for_target
from .bpmn.read import MAX_BYTES, MIB
from .diff import compare, pair_compiled, write_diff_files, write_summary
from .diff.excel import write_workbook
from .fsio import Staging, write_atomic
from .layout import layout
from .load import Compiled
from .render import INSTALL_HINT, write_diagrams
from .render.theme import THEME, Theme
from .render.export import DiagramSkipped, GraphvizFailed, GraphvizMissing

OUTPUT_SUFFIXES = {
    "bpmn": (".bpmn",),
    "diagrams": (".svg", ".png", ".pdf"),
    "diff": (".md", ".json", ".svg", ".png", ".pdf", ".bpmn", ".xlsx"),
}


class BuildError(Exception):
    """A build that stopped after writing began; ``str()`` names the model and what to do."""


@dataclass
class BuildResult:
    """What a build wrote, removed and has to warn about."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, folder: str) -> int:
        return sum(1 for path in self.written if path.parent.name == folder)


def build_outputs(compiled: list[Compiled], out_dir: Path, formats=("svg", "png"), slide: bool = False,
                  prune: bool = False, progress=None, on_wait=None, theme: Theme = THEME,
                  target: str = "camunda7") -> BuildResult:
    """Write BPMN for every process, and diagrams and diffs (in the colours of ``theme``) where
    Graphviz is installed (none when ``formats`` is empty: BPMN only, nothing compared). Every BPMN
    file is written for the Camunda platform ``target`` (see ``bpmn.platform``).

    ``prune`` removes stale files, but only from the folders this build wrote.
    ``progress(done, total)`` is called after each process and pair; ``on_wait()`` when another
    build holds the folder (this one then waits for it). Raises ``BuildError``.
    """
    out = Path(out_dir).absolute()
    result = BuildResult()
    pairs, lone = pair_compiled(compiled)
    drawn = bool(formats) and shutil.which("dot") is not None and shutil.which("neato") is not None
    if formats and not drawn:
        result.warnings.append(f"{INSTALL_HINT} The BPMN files were written; diagrams and diffs were not.")
    if drawn:
        result.warnings += lone
    folders = ["bpmn", "diagrams", "diff"] if drawn else ["bpmn"]
    total = len(compiled) + (len(pairs) if drawn else 0)
    with _failing("the output folder", out), Staging(out, on_wait) as stage:
        plans = {}
        for done, item in enumerate(compiled, 1):
            name = item.definition.name
            with _failing(name, out), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DiagramSkipped)
                plans[id(item.graph)] = plan = layout(item.graph)
                data = for_target(to_bpmn(item.graph, plan), target)
                write_atomic(stage.root / "bpmn" / f"{name}.bpmn", data)
                if drawn:
                    write_diagrams(item.graph, stage.root / "diagrams", name, formats, slide, plan=plan,
                                   theme=theme)
            result.warnings += [str(w.message) for w in caught]
            if len(data) > MAX_BYTES:
                result.warnings.append(f"{name}.bpmn is {len(data) / MIB:.0f} MiB, more than oir-bpmn diff reads by "
                                       f"default; diff it with --max-size {math.ceil(len(data) / MIB)}")
            _report(progress, done, total)
        diffs = []
        for done, (current, future) in enumerate(pairs if drawn else [], len(compiled) + 1):
            with _failing(f"the diff of {current.graph['key']}", out), \
                    warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DiagramSkipped)
                diffs.append(compare(current, future))
                written = write_diff_files(diffs[-1], current, future, stage.root / "diff", current.graph["key"],
                                           plans.get(id(future)), diagrams=formats, slide=slide, theme=theme)
                for path in (p for p in written if target != "camunda7" and p.suffix == ".bpmn"):
                    write_atomic(path, for_target(path.read_bytes(), target))
            result.warnings += [str(w.message) for w in caught]
            _report(progress, done, total)
        if diffs:
            with _failing("the cross-theme summary", out):
                write_summary(diffs, stage.root / "diff")
                write_workbook(diffs, stage.root / "diff")
        staged = stage.staged()
        remove = stale_files(out, set(staged), folders) if prune else []
        result.written = stage.commit(remove)
        result.removed = [out / rel for rel in remove]
    return result


def stale_files(out: Path, keep: set[Path], folders: list[str]) -> list[Path]:
    """Files (relative to ``out``) with an output suffix in ``folders`` that are not in ``keep``."""
    stale = []
    for folder in folders:
        if (out / folder).is_dir():
            stale += [path.relative_to(out) for path in sorted((out / folder).iterdir())
                      if path.suffix in OUTPUT_SUFFIXES[folder] and path.is_file()
                      and path.relative_to(out) not in keep]
    return stale


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
