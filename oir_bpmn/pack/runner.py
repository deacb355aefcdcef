"""Build the packs: plan which municipalities need a (re)build, build them on every core, each
into a staging folder that replaces the old pack in one rename.

Example::

    plan = plan_packs(["processes"], sorted(Path("profiles").glob("*.toml")), Path("output/kommuner"))
    for job, error in run_packs(plan.todo):
        ...
    write_index(plan.out_dir)
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..fsio import write_atomic
from ..load import model_files
from ..model import slug as make_slug
from ..problems import DSLError, Problem
from ..profile import defaults_warning, load_profile
from ..render.theme import THEME as DEFAULT_LOOK, Theme as Look
from .cache import STAMP, files_digest, is_current, model_sources, pack_digest
from .workshop import DEFAULT_MINUTES


@dataclass(frozen=True)
class PackJob:
    """One municipality: its profile file, the folder its pack goes to and the hash it must carry."""

    slug: str
    profile: Path
    models: tuple[str, ...]
    folder: Path
    digest: str
    look: Look = DEFAULT_LOOK  # colours and text sizes of the diagrams
    minutes: int = DEFAULT_MINUTES  # the workshop's length
    decisions: Path | None = None  # the filled beslutninger.xlsx of this municipality


@dataclass
class PackPlan:
    """The packs to build and the ones that are already current."""

    out_dir: Path
    todo: list[PackJob] = field(default_factory=list)
    current: list[PackJob] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a profile that leaves settings out


def pack_slug(profile: Path) -> str:
    """The folder name of a profile's pack: its file name, e.g. ``koebenhavn``."""
    return make_slug(Path(profile).stem)


def plan_packs(model_paths, profiles, out_dir: Path, force: bool = False, look: Look = DEFAULT_LOOK,
               minutes: int = DEFAULT_MINUTES, decisions=()) -> PackPlan:
    """Check every profile and every filled decision log in ``decisions`` (all problems raised
    together as ``DSLError``) and sort them into packs to build and packs that are current (same
    models, profile, look, workshop length, decision log and tool). A decision log belongs to
    the profile of the municipality its title names (or to the only profile)."""
    models = tuple(str(p) for p in model_paths)
    model_files(models)  # a missing folder fails here, a skipped file is said once, not per pack
    models_digest = files_digest(model_sources(models))
    plan, problems, seen = PackPlan(Path(out_dir)), [], {}
    names = {}
    for profile in map(Path, profiles):
        try:
            loaded = load_profile(profile)
            names[profile] = loaded.name
            warning = defaults_warning(loaded, profile)
            plan.warnings.extend([warning] if warning else [])
        except DSLError as err:
            problems.extend(err.problems)
    logs = _decision_logs(decisions, names, problems)
    for profile in map(Path, profiles):
        if profile not in names:
            continue
        slug = pack_slug(profile)
        if slug in seen:
            problems.append(Problem(str(profile), 0, "", f"gives the same pack folder '{slug}' as {seen[slug]}",
                                    "give every profile file its own name"))
            continue
        seen[slug] = profile
        log = logs.get(profile)
        extra = f"minutes={minutes}\n" + (files_digest([log]) if log else "")
        job = PackJob(slug, profile, models, plan.out_dir / slug, pack_digest(models_digest, profile, look, extra),
                      look, minutes, log)
        (plan.current if not force and is_current(job.folder, job.digest) else plan.todo).append(job)
    if problems:
        raise DSLError(problems)
    return plan


def _decision_logs(paths, names: dict[Path, str], problems: list) -> dict[Path, Path]:
    """``{profile: filled workbook}`` for each of ``paths``, matched by municipality name."""
    from .filled import read_filled

    logs = {}
    for path in map(Path, paths):
        try:
            filled = read_filled(path)
        except DSLError as err:
            problems.extend(err.problems)
            continue
        match = [p for p, name in names.items() if name == filled.municipality]
        match = match or (list(names) if len(names) == 1 else [])
        if not match:
            problems.append(Problem(str(path), 0, "", f"is the decision log of '{filled.municipality or '?'}', "
                                    "which none of the profiles is",
                                    "build it together with that municipality's --profile"))
        for profile in match:
            logs[profile] = path
    return logs


def run_packs(jobs: list[PackJob], workers: int | None = None) -> Iterator[tuple[PackJob, str | None]]:
    """Build ``jobs`` (in worker processes when there are several), yielding each job as it
    finishes with ``None`` or a one-paragraph error message."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        for job in jobs:
            yield job, build_safely(job)
        return
    # spawned, not forked: a forked worker would share the parent's model-isolation forkserver
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(build_safely, job): job for job in jobs}
        for future in as_completed(futures):
            yield futures[future], future.result()


def build_safely(job: PackJob) -> str | None:
    """``build_pack`` with every failure turned into a message for people (no traceback)."""
    try:
        build_pack(job)
    except DSLError as err:
        return f"{job.profile}: the models do not build for this profile:\n{err}"
    except Exception as exc:  # Graphviz, Chromium, disk: one line naming the pack
        return f"{job.profile}: cannot build the pack in {job.folder}/: {type(exc).__name__}: {exc}"
    return None


def build_pack(job: PackJob) -> Path:
    """Write the four files of one pack into a staging folder, then swap it in for the old pack."""
    from .collect import collect
    from .decisions_xlsx import render_decisions
    from .report_html import render_report
    from .report_pdf import print_pdf
    from .slides_pptx import render_slides

    from .filled import read_filled

    filled = read_filled(job.decisions) if job.decisions else None
    data = collect(list(job.models), job.profile, job.slug, job.look, job.minutes, filled)
    parent = job.folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{job.slug}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        html = write_atomic(staging / "rapport.html", render_report(data))
        write_atomic(staging / "rapport.pdf", print_pdf(html))
        write_atomic(staging / "slides.pptx", render_slides(data))
        write_atomic(staging / "beslutninger.xlsx", render_decisions(data))
        write_atomic(staging / STAMP, job.digest + "\n")
        swap_in(staging, job.folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return job.folder


def swap_in(staging: Path, folder: Path) -> None:
    """Put ``staging`` where ``folder`` is, by two renames: never a half-written pack."""
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except BaseException:
        if old.exists():
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
