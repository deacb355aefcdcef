"""Rebuild only what changed: a content hash of the models, the profile and the tool.

The hash of a built pack is kept in ``<pack>/.pack-hash``; a pack whose hash matches and whose
files are all there is current and is not rebuilt.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

STAMP = ".pack-hash"
PACK_FILES = ("rapport.html", "rapport.pdf", "slides.pptx", "beslutninger.xlsx")
LIBRARIES = ("oir-bpmn", "python-pptx", "openpyxl", "pikepdf", "networkx", "graphviz")


def model_sources(model_paths) -> list[Path]:
    """Every file a build of ``model_paths`` may read: the ``*.py`` in each folder (helpers such as
    ``_lanes.py`` too), or the files named; sorted."""
    found = set()
    for path in map(Path, model_paths):
        if path.is_dir():
            found.update(p for p in path.rglob("*.py") if "__pycache__" not in p.parts and not p.is_symlink())
        elif path.is_file():
            found.add(path)
    return sorted(found)


def files_digest(paths) -> str:
    """SHA-256 over the names and contents of ``paths`` (absolute names: ``processes/`` and
    ``./processes/`` are the same models)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).resolve().as_posix().encode() + b"\0")
        digest.update(Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def tool_digest() -> str:
    """The tool's version: the package's own source files and the versions of the libraries
    the pack is made with (a code change rebuilds every pack)."""
    package = Path(__file__).resolve().parents[1]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    sources = sorted(package.rglob("*.py"))
    digest = hashlib.sha256("\n".join(versions).encode())
    for path in sources:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def pack_digest(models_digest: str, profile: Path, look, extra: str = "") -> str:
    """The hash a pack for ``profile`` built from models with ``models_digest``, its diagrams
    drawn in ``look`` (a ``render.theme.Theme``), must carry; ``extra``: the workshop's other
    inputs (its length, the digest of a filled decision log)."""
    digest = hashlib.sha256(f"{tool_digest()}\n{models_digest}\n{look!r}\n{extra}\n".encode())
    digest.update(Path(profile).read_bytes())
    return digest.hexdigest()


def is_current(folder: Path, digest: str) -> bool:
    """True when ``folder`` holds a complete pack built with ``digest``."""
    try:
        stamp = (Path(folder) / STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return stamp == digest and all((Path(folder) / name).is_file() for name in PACK_FILES)
