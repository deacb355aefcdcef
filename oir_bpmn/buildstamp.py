"""Which outputs of a build are current: one content hash per output unit, kept beside the
output in ``<output>/.build-hash.json`` (local state, like a pack's ``.pack-hash``).

The units: a model file (the BPMN and diagrams of its processes), a current/future pair (its
diff files) and the cross-theme summary. A model file's hash covers its bytes, the helper
modules beside it that it may import (``_*.py``) and the build's context (profile, theme,
formats, slide pages, whether Graphviz draws, the tool's source and libraries); a pair's hash
covers both sides' hashes, the summary's every pair's. A unit whose hash is the stamp's and whose
files are all there with the bytes it wrote (a ``git checkout`` of an output, or an edit, makes
it stale) is not built again. The stamp is written in the same commit as the outputs
(``fsio.Staging``), so it never claims files that are not there.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .fsio import STAGING
from .pack.cache import tool_digest

STAMP = ".build-hash.json"
_VERSION = 2


def context_digest(profile, theme, formats, slide: bool, drawn: bool, target: str = "camunda7") -> str:
    """The hash of everything besides the model files that a build's outputs depend on."""
    text = f"{_VERSION}\n{tool_digest()}\n{profile!r}\n{theme!r}\n{sorted(formats)}\n{slide}\n{drawn}\n{target}\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_key(path) -> str:
    """How the stamp names a model file: its absolute path (the same for any spelling)."""
    return Path(path).resolve().as_posix()


def file_digests(files, context: str) -> dict[str, str]:
    """``source_key(file)`` → the hash of ``file``, its folder's helper modules and ``context``."""
    helpers: dict[Path, bytes] = {}
    digests = {}
    for path in map(Path, files):
        folder = path.resolve().parent
        if folder not in helpers:
            digest = hashlib.sha256()
            for helper in sorted(folder.glob("_*.py")):
                digest.update(helper.name.encode() + b"\0" + helper.read_bytes() + b"\0")
            helpers[folder] = digest.digest()
        digests[source_key(path)] = hashlib.sha256(
            context.encode() + b"\0" + helpers[folder] + path.read_bytes()).hexdigest()
    return digests


def content_digest(path: Path) -> str | None:
    """SHA-256 of the bytes of ``path`` (None when it cannot be read)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def combined_digest(*parts: str) -> str:
    """The hash of a unit made from others (a pair from its two sides, the summary from the pairs)."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Stamp:
    """The units of the last build: ``"file:<path>"``, ``"pair:<key>"`` and ``"summary"``, each
    ``{"hash", "outputs" (path relative to the output folder → SHA-256 of its bytes), "warnings"}``; ``lone``: the
    warnings about processes without a partner; ``processes``: how many were built."""

    units: dict[str, dict] = field(default_factory=dict)
    lone: list[str] = field(default_factory=list)
    processes: int = 0

    def current(self, unit: str, digest: str, out: Path) -> bool:
        """Whether ``unit`` was built with ``digest`` and all its files are in ``out`` as it wrote them."""
        entry = self.units.get(unit)
        return bool(entry) and entry["hash"] == digest and all(content_digest(out / p) == sha
                                                               for p, sha in entry["outputs"].items())

    def outputs(self) -> set[Path]:
        return {Path(p) for entry in self.units.values() for p in entry["outputs"]}

    def warnings(self) -> list[str]:
        """The warnings of the build that made these outputs, in the order it gave them."""
        return [*self.lone, *(w for _, entry in sorted(self.units.items(), key=_unit_order) for w in entry["warnings"])]

    def to_json(self) -> str:
        return json.dumps({"version": _VERSION, "processes": self.processes, "lone": self.lone,
                           "units": self.units}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _unit_order(item) -> tuple:
    name, entry = item
    return ({"file": 0, "pair": 1}.get(name.partition(":")[0], 2), entry.get("order", 0), name)


def read_stamp(out: Path) -> Stamp:
    """The stamp in ``out`` (an empty one when there is none or it cannot be read)."""
    try:
        data = json.loads((Path(out) / STAMP).read_text(encoding="utf-8"))
        if data.get("version") != _VERSION or not all(isinstance(e["outputs"], dict) for e in data["units"].values()):
            return Stamp()
        return Stamp(dict(data["units"]), list(data["lone"]), int(data["processes"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Stamp()


def up_to_date(out: Path, digests: dict[str, str]) -> Stamp | None:
    """The stamp of ``out`` when every output is current for the model files of ``digests``;
    else None.

    Read without the output folder's lock: a build committing meanwhile ends with a complete set
    either way, and a commit that was interrupted (its journal still there) is never current.
    """
    out = Path(out)
    stamp = read_stamp(out)
    files = {name[5:]: entry for name, entry in stamp.units.items() if name.startswith("file:")}
    if not stamp.units or files.keys() != digests.keys() or (out / STAGING).exists():
        return None
    if any(files[key]["hash"] != digest for key, digest in digests.items()):
        return None
    if not all(stamp.current(name, entry["hash"], out) for name, entry in stamp.units.items()):
        return None
    return stamp
