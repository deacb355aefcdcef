"""Where the author wrote something: recorded in O(1) per step, resolved to a line on demand.

Reading ``frame.f_lineno`` scans the function's line table from its start (Python 3.11), so a
model function of N steps would cost O(N²) to record. A :class:`Location` keeps the code object
and the instruction offset instead; the line is looked up in a per-code table, built once.
"""
from __future__ import annotations

import difflib
import functools
import os
import sys
from bisect import bisect_right
from pathlib import Path

from ..problems import DSLError, Problem

_PACKAGE_DIR = str(Path(__file__).resolve().parent.parent) + os.sep


class Location:
    """A point in the author's code: a code object and the offset of the call made there."""

    __slots__ = ("code", "offset")

    def __init__(self, code, offset: int):
        self.code, self.offset = code, offset

    @property
    def file(self) -> str:
        return _file_of(self.code) if self.code else "<unknown>"

    @property
    def line(self) -> int:
        if self.code is None:
            return 0
        starts, lines = _line_table(self.code)
        return lines[bisect_right(starts, self.offset) - 1] or 0 if starts else 0

    def __iter__(self):  # file, line = location
        return iter((self.file, self.line))


UNKNOWN = Location(None, 0)


class _PerCode:
    """``fn(code)`` computed once per code object (at most ``size`` kept), found by identity.

    Not ``lru_cache``: hashing a code object hashes all its constants, and a model function of
    N steps has about N of them, so N look-ups would cost O(N²)."""

    def __init__(self, fn, size: int = 64) -> None:
        self.fn, self.size, self.misses = fn, size, 0
        self._found: dict[int, tuple] = {}  # id(code) -> (code, value); the code kept alive

    def __call__(self, code):
        entry = self._found.get(id(code))
        if entry is None or entry[0] is not code:
            self.misses += 1
            if len(self._found) >= self.size:
                self._found.clear()
            entry = self._found[id(code)] = (code, self.fn(code))
        return entry[1]


@_PerCode
def _file_of(code) -> str:
    """The shown file of ``code``, once per code object (a model file's code is new per load)."""
    return display_path(code.co_filename)


@_PerCode
def _line_table(code) -> tuple[list[int], list[int | None]]:
    """Start offsets of ``code``'s instruction ranges and their lines, for bisecting."""
    starts, lines = [], []
    for start, _end, line in code.co_lines():
        starts.append(start)
        lines.append(line)
    return starts, lines


def caller() -> Location:
    """The first frame outside this package: where the user wrote the call."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
    return UNKNOWN if frame is None else Location(frame.f_code, frame.f_lasti)


def display_path(filename: str) -> str:
    """``filename`` relative to the working directory when it lies below it."""
    return _relative_to(filename, os.getcwd())


@functools.lru_cache(maxsize=256)
def _relative_to(filename: str, folder: str) -> str:
    try:
        return str(Path(filename).resolve().relative_to(Path(folder).resolve()))
    except ValueError:
        return filename


def usage_error(message: str, hint: str, step: str = "") -> DSLError:
    """A DSL misuse at the caller's line."""
    file, line = caller()
    return DSLError([Problem(file, line, step, message, hint)])


def did_you_mean(name: str, choices) -> str:
    """`` – did you mean 'x'?`` for the closest of ``choices``, or an empty string."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" – did you mean '{close[0]}'?" if close else ""
