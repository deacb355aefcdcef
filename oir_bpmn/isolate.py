"""Run model files in worker processes, so that no model can take the tool down.

Models are Python by design (like ``setup.py``). Each model file is loaded, built and validated
in a fresh worker process (forked from this one while it has a single thread, else from a
forkserver that imported oir_bpmn once, or spawned where there is neither); the graphs come back pickled. So a model that loops forever is
stopped after ``timeout`` seconds and named, while the others are still reported; ``os.chdir``,
``os._exit``, ``sys.stdout.close()``, a stray thread or a custom ``BaseException`` stay in the
worker; anything a model prints goes to standard error (never into the tool's results on
standard output); and a helper module one model imports (``_lanes.py``) is never the one a
model of another folder gets.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sys
import threading
import time
import types
from contextlib import contextmanager
from multiprocessing.connection import wait
from pathlib import Path

from .dsl import display_path, error_in_model
from .problems import Problem

DEFAULT_TIMEOUT = 60.0
"""Seconds a model file may take to load, build and validate (``--timeout``)."""
GRACE = 5.0
"""Seconds the worker gets to report where it was stopped before it is killed."""


def run_isolated(work, files: list[Path], profile, timeout: float | None = DEFAULT_TIMEOUT,
                 progress=None, jobs: int | None = None) -> list[tuple[list, list[Problem]]]:
    """``work(path, profile)`` → ``(compiled, problems)`` for each of ``files``, in order, each
    called in its own worker (``work`` must be a module-level function, e.g. ``load.compile_file``).

    At most ``jobs`` workers (default: one per CPU) run at once; ``progress(done, total)`` is
    called as files finish.
    """
    ctx = _context()
    cwd = os.getcwd()
    results: list = [None] * len(files)
    pending = list(enumerate(files))
    running: dict = {}  # receiving end -> (index, path, process, deadline)
    jobs = max(1, min(len(files), jobs or os.cpu_count() or 1))
    try:
        while pending or running:
            while pending and len(running) < jobs:
                index, path = pending.pop(0)
                receive, send = ctx.Pipe(duplex=False)
                worker = ctx.Process(target=_work, args=(send, work, str(path), profile, cwd, timeout), daemon=True)
                with _main_not_imported():
                    worker.start()
                send.close()
                deadline = time.monotonic() + timeout + GRACE if timeout else float("inf")
                running[receive] = (index, path, worker, deadline)
            nearest = min(deadline for *_, deadline in running.values())
            for conn in wait(list(running), timeout=max(0.0, min(nearest - time.monotonic(), 3600))):
                index, path, worker, _ = running.pop(conn)
                results[index] = _receive(conn, path, worker)
                _report(progress, results)
            for conn, (index, path, worker, deadline) in list(running.items()):
                if time.monotonic() >= deadline:
                    del running[conn]
                    _stop(conn, worker)
                    results[index] = ([], [_timed_out(path, 0, timeout)])
                    _report(progress, results)
    finally:
        for conn, (_, _, worker, _) in running.items():
            _stop(conn, worker)
    return results


@contextmanager
def _main_not_imported():
    """Start a worker without it importing the caller's ``__main__`` again, as multiprocessing
    would (a script without an ``if __name__ == "__main__"`` guard would run once per model):
    the worker needs only oir_bpmn."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _context():
    """``fork`` while this process has one thread: the worker is a copy of it, with oir_bpmn
    already imported (a forkserver would import it once more: 0.35 s of CPU per command, most
    of the CLI's start-up). With threads running (e.g. ``watch``'s server), forking is unsafe:
    then a forkserver, or spawn where there is none."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["oir_bpmn.load"])  # imported once; each worker forks from it
        return ctx
    return multiprocessing.get_context("spawn")


def _report(progress, results) -> None:
    if progress:
        progress(sum(r is not None for r in results), len(results))


def _receive(conn, path: Path, worker) -> tuple[list, list[Problem]]:
    """The worker's result, or the problem that it gave none (it ended, or sent garbage)."""
    try:
        return conn.recv()
    except (EOFError, OSError):
        worker.join(5)
        code = worker.exitcode
        how = (f"was killed by signal {-code}" if code is not None and code < 0
               else f"ended the process (exit status {code})")
        return [], [_problem(path, f"the model {how} before oir-bpmn had its processes",
                             "remove os._exit(), os.kill() and the like from the model"
                             if code is None or code >= 0 else
                             "the model may need more memory than there is; make it smaller")]
    except Exception as exc:  # unpicklable: e.g. a class the model defined stored in the graph
        return [], [_problem(path, f"the model's processes cannot be passed back ({type(exc).__name__}: {exc})",
                             "keep labels and values plain text and numbers")]
    finally:
        _stop(conn, worker)


def _stop(conn, worker) -> None:
    conn.close()
    if worker.is_alive():
        worker.kill()  # a model's non-daemon thread must not keep anything alive
    worker.join()


def _timed_out(path, line: int, timeout: float) -> Problem:
    return Problem(display_path(str(path)), line, "", f"the model ran longer than {timeout:g} s and was stopped",
                   "look for a loop that never ends, or allow more time with --timeout SECONDS")


def _problem(path, message: str, hint: str) -> Problem:
    return Problem(display_path(str(path)), 0, "", message, hint)


def _work(conn, work, path: str, profile, cwd: str, timeout: float | None) -> None:
    """In the worker: compile one model file and send ``(compiled, problems)`` back, then end."""
    os.chdir(cwd)
    if timeout and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, lambda _signum, frame: _stopped(conn, path, frame, timeout))
        signal.setitimer(signal.ITIMER_REAL, timeout)
    os.dup2(2, 1)  # the model's output, even from C code or a subprocess, goes to stderr
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)
    try:
        compiled, problems = work(Path(path), profile)
        result = ([dataclasses.replace(c, definition=dataclasses.replace(c.definition, fn=None))
                   for c in compiled], problems)
    except BaseException as exc:  # noqa: BLE001 - whatever a model raises becomes a problem
        result = ([], [error_in_model(exc, display_path(path), "loading the model")])
    _send(conn, path, result)


def _stopped(conn, path: str, frame, timeout: float) -> None:
    """On the timer: report the model line that was running (the deepest frame in the file)."""
    model = os.path.realpath(path)
    line = 0
    while frame is not None:
        if not line and os.path.realpath(frame.f_code.co_filename) == model:
            line = frame.f_lineno
        frame = frame.f_back
    _send(conn, path, ([], [_timed_out(path, line, timeout)]))


def _send(conn, path: str, result) -> None:
    """Send ``result`` to the tool and end the worker at once."""
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)  # no timer may interrupt the message
    try:
        conn.send(result)
    except Exception as exc:  # noqa: BLE001
        conn.send(([], [_problem(path, f"the model's processes cannot be passed back ({type(exc).__name__}: "
                                       f"{exc})", "keep labels and values plain text and numbers")]))
    conn.close()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed by the model
            pass
    os._exit(0)  # skip atexit handlers and threads the model may have left behind
