"""Watch the model files and rebuild them on each save, incrementally (``build.build_models``),
publishing each outcome to the page. A failed build leaves the last good files in the build
folder (builds are all or nothing), so the page shows the problems above the last good diagrams.

Watching is watchfiles (inotify / FSEvents / polling underneath): it sees editors that save by
renaming a temp file, and debounces the burst of events one save makes.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..build import BuildError, build_models
from ..problems import DSLError, counted
from .server import HOST, serve
from .state import Outcome, State

FORMATS = ("svg",)  # what the page shows; PNG is most of a build's time
DEBOUNCE_MS = 50


def run_watch(paths, out: Path, profile_path, port: int, timeout: float, jobs: int | None, echo) -> None:
    """Serve the page on ``HOST:port``, build once, then rebuild after each change to a model
    file, a helper beside it or the profile, until Ctrl-C. Raises ``server.PortBusy``."""
    import watchfiles  # here, not at the top: keeps `oir-bpmn --help` fast

    state = State()
    server = serve(out, state, port)
    folders, wanted = _watched(paths, profile_path)
    default = watchfiles.DefaultFilter()
    try:
        echo(f"Preview: http://{HOST}:{server.server_address[1]}/  (watching {', '.join(map(str, folders))}; "
             "Ctrl-C stops)")
        _build(paths, out, profile_path, timeout, jobs, state, echo)
        for _ in watchfiles.watch(*folders, watch_filter=lambda change, path: default(change, path) and wanted(path),
                                  debounce=DEBOUNCE_MS, step=20, recursive=False):
            _build(paths, out, profile_path, timeout, jobs, state, echo)
    except KeyboardInterrupt:
        pass
    finally:
        state.close()
        server.shutdown()
        server.server_close()
    echo("Stopped.")


def _watched(paths, profile_path):
    """The folders to watch and which changed paths in them count: model files and helpers
    (``*.py``) and the profile."""
    folders = sorted({(p if p.is_dir() else p.parent).resolve() for p in map(Path, paths)})
    profile = Path(profile_path).resolve() if profile_path else None
    if profile is not None and profile.parent not in folders:
        folders.append(profile.parent)

    def wanted(path: str) -> bool:
        return path.endswith(".py") or (profile is not None and Path(path) == profile)
    return folders, wanted


def build_once(paths, out: Path, profile_path, timeout: float, jobs: int | None) -> Outcome:
    """Build ``paths`` into ``out`` (SVG, pruned) and say how it went, problems at file:line."""
    from ..profile import DEFAULT_PROFILE, load_profile
    start = time.monotonic()
    try:
        profile = load_profile(profile_path) if profile_path else DEFAULT_PROFILE
        result = build_models(paths, out, profile, FORMATS, prune=True, timeout=timeout, jobs=jobs)
    except DSLError as err:
        return Outcome(problems=[(f"{p.file}:{p.line}", f"{p.step}: {p.message}" if p.step else p.message, p.hint)
                                 for p in err.problems], seconds=time.monotonic() - start)
    except BuildError as exc:
        return Outcome(problems=[(str(out), str(exc), "")], seconds=time.monotonic() - start)
    return Outcome(warnings=result.warnings, seconds=time.monotonic() - start)


def _build(paths, out, profile_path, timeout, jobs, state: State, echo) -> None:
    outcome = build_once(paths, out, profile_path, timeout, jobs)
    state.publish(outcome)
    if outcome.problems:
        echo(f"Build {state.generation}: {counted(len(outcome.problems), 'problem')}; the page keeps the last good diagrams:")
        for where, message, hint in outcome.problems:
            echo(f"  {where}: {message}" + (f"\n    → {hint}" if hint else ""))
    else:
        echo(f"Build {state.generation}: done in {outcome.seconds:.1f} s")
