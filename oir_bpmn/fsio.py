"""Files in and out: write files whole or not at all (a temp file beside the target, then an
atomic rename), change a whole output folder at once (``Staging``), and refuse to read anything
that is not a regular file (a FIFO or a device would block forever)."""
from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a part."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def special_file(path: str | Path) -> str | None:
    """What ``path`` is when it is not a regular file ("a folder", "a FIFO (named pipe)", …), or
    None for a regular file. Symlinks are followed; a missing path raises ``FileNotFoundError``.

    Reading a FIFO or a device can block forever: callers refuse them before opening anything.
    """
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular(path: str | Path, limit: int = -1) -> bytes:
    """The bytes (at most ``limit``) of the regular file ``path``; anything else raises ``OSError``
    at once, without blocking (opened non-blocking, then checked on the open descriptor)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{special_file(path) or 'not a regular file'}, not a file to read")
        return handle.read(limit)


# ---------------------------------------------------------------- all-or-nothing folders

STAGING = ".oir-bpmn-staging"
"""The folder inside an output folder where a build writes before it commits (never kept)."""
_JOURNAL = ".commit"
_STRAY_TMP = re.compile(r"^\..+\.(bpmn|svg|png|pdf|md|json|csv)\.[a-z0-9_]{8}\.tmp$")
"""Temp files ``write_atomic`` left behind when an earlier run was killed."""


class Staging:
    """Change many files of ``folder`` at once, or none of them, with one writer at a time.

    Files are written below ``root`` (inside ``folder``, on the same file system), then
    ``commit`` moves them into place by renames. The folder is locked meanwhile: a second
    writer waits (``on_wait`` is called first, e.g. to say so). An interrupted run leaves the
    folder as it was: the next writer discards its staging folder, or, when the run was killed
    while committing, finishes that commit from the journal it had written.

    Example::

        with Staging(Path("output")) as stage:
            write_atomic(stage.root / "bpmn" / "a.bpmn", data)
            stage.commit(remove=[Path("bpmn/stale.bpmn")])
    """

    def __init__(self, folder: Path, on_wait=None):
        self.folder = Path(folder).absolute()
        self.root = self.folder / STAGING
        self.on_wait = on_wait
        self._lock = None
        self._created = False

    def __enter__(self) -> "Staging":
        self._created = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.folder, self.on_wait)
        try:
            recover(self.folder)
            self.root.mkdir()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:  # interrupted while committing: finish the commit (or leave it to the next writer)
            if (self.root / _JOURNAL).is_file():
                _replay(self.folder, self.root)
            else:  # interrupted before: discard what was staged
                shutil.rmtree(self.root, ignore_errors=True)
        finally:
            if self._lock is not None:
                os.close(self._lock)  # closing the descriptor releases the lock
                self._lock = None
        if self._created and not any(self.folder.iterdir()):
            self.folder.rmdir()  # a failed first build leaves no empty folder either

    def staged(self) -> list[Path]:
        """The files written so far, relative to ``root``, sorted."""
        return sorted(p.relative_to(self.root) for p in self.root.rglob("*")
                      if p.is_file() and not _STRAY_TMP.match(p.name))

    def commit(self, remove=()) -> list[Path]:
        """Move every staged file into ``folder`` and delete ``remove`` (paths relative to it);
        returns the final paths of the moved files."""
        moves = self.staged()
        journal = "\n".join([*(f"+{p.as_posix()}" for p in moves), *(f"-{Path(p).as_posix()}" for p in remove)])
        write_atomic(self.root / _JOURNAL, journal + "\n")
        _replay(self.folder, self.root)
        return [self.folder / p for p in moves]


def recover(folder: Path) -> None:
    """Finish a commit that was killed halfway, or discard a staging folder that never got there,
    and remove temp files that an atomic write left when it was killed."""
    root = Path(folder) / STAGING
    if (root / _JOURNAL).is_file():
        _replay(Path(folder), root)
    shutil.rmtree(root, ignore_errors=True)
    for sub in [Path(folder), *(p for p in Path(folder).iterdir() if p.is_dir())]:
        for stray in sub.iterdir():
            if _STRAY_TMP.match(stray.name) and stray.is_file():
                stray.unlink()


def _replay(folder: Path, root: Path) -> None:
    """Carry out the journal of ``root``: renames are idempotent, so a replay after a kill is safe."""
    touched = {folder}
    for entry in (root / _JOURNAL).read_text(encoding="utf-8").splitlines():
        rel = Path(entry[1:])
        if ".." in rel.parts or rel.is_absolute():
            continue  # the journal is ours, but never act outside the folder
        target = folder / rel
        if entry.startswith("+") and (root / rel).is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(root / rel, target)
            touched.add(target.parent)
        elif entry.startswith("-"):
            target.unlink(missing_ok=True)
    for path in touched:
        _fsync_dir(path)
    shutil.rmtree(root, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system can sync a folder
    finally:
        os.close(fd)


def _lock(folder: Path, on_wait) -> int:
    """An exclusive lock on ``folder`` itself (no lock file is left behind); waits when taken."""
    fd = os.open(folder, os.O_RDONLY)
    if fcntl is None:  # no flock (Windows): no lock
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if on_wait:
            on_wait()
        fcntl.flock(fd, fcntl.LOCK_EX)
    return fd
