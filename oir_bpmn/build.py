"""The build pipeline: compiled processes → every file in the output folder.

``output/bpmn/<name>.bpmn`` (Camunda Modeler), ``output/diagrams/<name>.<fmt>`` (slides) and
``output/diff/<key>.*`` for every current/future pair. Each file is written atomically.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .bpmn import bpmn_bytes
from .diff import pair_compiled, write_diff_outputs
from .fsio import write_atomic
from .load import Compiled
from .render import INSTALL_HINT, write_diagrams

OUTPUT_SUFFIXES = {
    "bpmn": (".bpmn",),
    "diagrams": (".svg", ".png", ".pdf"),
    "diff": (".md", ".json", ".svg", ".png", ".pdf", ".bpmn"),
}


@dataclass
class BuildResult:
    """What a build wrote, removed and has to warn about."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, folder: str) -> int:
        return sum(1 for path in self.written if path.parent.name == folder)


def write_bpmn(item: Compiled, out_dir: Path) -> Path:
    """Write ``out_dir/bpmn/<name>.bpmn`` atomically."""
    return write_atomic(Path(out_dir) / "bpmn" / f"{item.definition.name}.bpmn", bpmn_bytes(item.graph))


def build_outputs(compiled: list[Compiled], out_dir: Path, formats=("svg", "png"), slide: bool = False,
                  prune: bool = False) -> BuildResult:
    """Write BPMN for every process, and diagrams and diffs where Graphviz is installed.

    ``prune`` removes stale files, but only from the folders this build wrote.
    """
    out = Path(out_dir)
    result = BuildResult()
    result.written += [write_bpmn(item, out) for item in compiled]
    folders = ["bpmn"]
    pairs, lone = pair_compiled(compiled)
    result.warnings += lone
    if shutil.which("neato") is None:
        result.warnings.append(f"{INSTALL_HINT} The BPMN files were written; diagrams and diffs were not.")
    else:
        for item in compiled:
            result.written += write_diagrams(item.graph, out / "diagrams", item.definition.name, formats, slide)
        for current, future in pairs:
            result.written += write_diff_outputs(current, future, out / "diff", current.graph["key"], formats,
                                                 slide)
        folders += ["diagrams", "diff"]
    if prune:
        keep = {path.resolve() for path in result.written}
        for folder in folders:
            result.removed += prune_folder(out / folder, keep, OUTPUT_SUFFIXES[folder])
    return result


def prune_folder(folder: Path, keep: set[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Remove files with ``suffixes`` in ``folder`` that this build did not write (stale models)."""
    removed = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in suffixes and path.resolve() not in keep:
                path.unlink()
                removed.append(path)
    return removed
