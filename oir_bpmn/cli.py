"""Command line: ``oir-bpmn build | check | diff | verify | pack | watch | init | workload | simulate``."""
from __future__ import annotations

import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

import click

from .diff.report import FORMATS as DIFF_FORMATS, TEXT_FORMATS as DIFF_TEXT_FORMATS
from .cli_options import (DEFAULT_MODELS, DEFAULT_OUTPUT, DEFAULT_PACKS, DEFAULT_PROFILES, exit_on_sigterm, fail,
                          load_profile_option, profile_option, regular_file, theme_option, timeout_option)
from .problems import DSLError, counted

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="oir-bpmn")
@click.pass_context
def main(ctx):
    """Map library payment workflows as code: DSL → BPMN 2.0 + diagrams, and what changes."""
    pause_cyclic_gc(ctx)
    ctx.with_resource(_warnings_as_lines())


@contextmanager
def _warnings_as_lines():
    """Warnings while the command runs (a skipped model file …) as ``warning: …`` lines on stderr."""
    from .problems import ModelSkipped
    with warnings.catch_warnings():
        warnings.simplefilter("always", ModelSkipped)
        warnings.showwarning = lambda message, *_: click.echo(f"warning: {message}", err=True)
        yield


def pause_cyclic_gc(ctx) -> None:
    """Pause Python's cycle collector while the command runs: the pipeline makes millions of
    small objects and few cycles, and full collections over a large model's graph made a
    20,000-step build grow 6x from 5,000 steps instead of 4x. Reference counting still frees
    everything else; the collector runs again when the command ends."""
    import gc
    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(gc.enable)


def _formats(ctx, param, value: str) -> tuple[str, ...]:
    """Diagram formats; ``bpmn`` alone means BPMN only (no diagrams, no diff, no Graphviz)."""
    from .render import FORMATS
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS + ("bpmn",)]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from bpmn, {', '.join(FORMATS)}, separated by commas (got {value!r})")
    return tuple(f for f in chosen if f != "bpmn")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=DEFAULT_OUTPUT,
              show_default=True, help="Folder to write bpmn/, diagrams/ and diff/ into.")
@click.option("--format", "formats", default="svg,png", show_default=True, callback=_formats,
              help="Diagram formats, comma-separated: svg, png, pdf; 'bpmn' alone writes BPMN only.")
@click.option("--slide", is_flag=True,
              help="Cut diagrams into 16:9 slide pages (960 × 540 pt) with readable task text: "
                   "one PDF, an SVG/PNG per page.")
@profile_option
@theme_option
@click.option("--prune/--no-prune", default=False,
              help="Remove files in the output folders that no model produces any more.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Diagrams and diffs drawn at once (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild every output, also those that are up to date.")
@timeout_option
@click.option("--target", "bpmn_target", type=click.Choice(("camunda7", "camunda8")),  # bpmn.platform.TARGETS
              default="camunda7", show_default=True,
              help="Camunda platform of the BPMN files: camunda7 (plain, as Camunda Modeler opens it by "
                   "default) or camunda8 (Camunda 8.6, the main pool's process executable).")
def build(paths, out_dir, formats, slide, profile, theme, prune, jobs, force, timeout, bpmn_target):
    """Build every model in PATHS (default: processes/) into the output folder.

    Writes BPMN 2.0 (bpmn/), diagrams (diagrams/) and a current/future diff for every pair
    (diff/). Only outputs whose model file (or its helpers), profile, theme, formats or tool
    changed are built again (the hashes are kept in .build-hash.json). All or nothing: unless
    every model is valid and every file could be made, the output folder is left as it was; a
    second build into the same folder waits for the first.
    """
    from .build import BuildError, build_models
    from .progress import Progress
    target = Path(out_dir).absolute()  # fixed before any model runs
    progress = Progress()
    exit_on_sigterm()
    try:
        result = build_models(paths or [DEFAULT_MODELS], target, load_profile_option(profile), formats, slide, prune, progress,
                              on_wait=lambda: click.echo(f"Waiting for another build into {out_dir}/ to finish…",
                                                         err=True), theme=theme, force=force, jobs=jobs,
                              timeout=timeout, target=bpmn_target)
    except DSLError as err:
        progress.close()
        fail(err)
    except BuildError as exc:
        progress.close()
        click.echo(f"oir-bpmn build: {exc}", err=True)
        sys.exit(1)
    progress.close()
    out = Path(out_dir)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"Built {counted(result.processes, 'process', 'processes')} into {out}/: {result.count('bpmn')} BPMN, "
               f"{result.count('diagrams')} diagrams, {result.count('diff')} diff files"
               + (f" ({counted(result.current, 'process', 'processes')} up to date)" if result.current else "")
               + (f"; removed {len(result.removed)} stale files" if result.removed else ""))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@profile_option
@timeout_option
def check(paths, profile, timeout):
    """Validate the models in PATHS (default: processes/) without writing anything."""
    from .load import compile_all
    try:
        compiled = compile_all(paths or [DEFAULT_MODELS], load_profile_option(profile), timeout)
    except DSLError as err:
        fail(err)
    from .lengths import long_texts
    for problem in (problem for item in compiled for problem in long_texts(item.graph)):
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"{counted(len(compiled), 'process', 'processes')} "
               + ("is valid." if len(compiled) == 1 else "are valid."))


def _diff_formats(ctx, param, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in DIFF_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(DIFF_FORMATS)}, separated by commas (got {value!r})")
    return chosen


@main.command()
@click.argument("sides", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmts", default="table", show_default=True, callback=_diff_formats,
              help="Formats, comma-separated: table, markdown, json, csv (printed: the first of these) "
                   "and xlsx (with -o only). With -o each is written as a file.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Also write per pair <key>.svg, .png, a coloured .bpmn and the report in each --format "
                   "(default: .md and .json, and oversigt.xlsx, as build writes), and oversigt.md/.json "
                   "across pairs.")
@click.option("--color/--no-color", default=None, help="Colour the table (default: only on a terminal).")
@click.option("--force", is_flag=True, help="Compare CURRENT and FUTURE even when no step matches.")
@profile_option
@theme_option
@timeout_option
@click.option("--max-size", "max_mib", type=click.FloatRange(min=0, min_open=True), default=64, show_default=True,
              help="Largest BPMN file to read, in MiB.")
def diff(sides, fmts, out_dir, color, force, profile, theme, timeout, max_mib):
    """Show which steps move, disappear or appear from the current to the future variant.

    SIDES is CURRENT FUTURE (each a model file, FILE.py::KEY_OR_TITLE, or a BPMN file (.bpmn,
    .xml), e.g. one edited in Camunda Modeler), or one theme file or folder whose current/future
    pairs (same key) are all compared: ``oir-bpmn diff processes/``. Only .py files are run.

    Exit status as diff(1): 0 no differences, 1 differences, 2 error.
    """
    if "xlsx" in fmts and not out_dir:
        raise click.UsageError("xlsx is a file: give -o DIR to write it")
    fmt = next((f for f in fmts if f in DIFF_TEXT_FORMATS), "table")
    files = tuple(f for f in fmts if f in ("markdown", "json", "csv")) or ("markdown", "json")
    chosen = click.get_current_context().get_parameter_source("fmts") is not click.core.ParameterSource.DEFAULT
    workbook = "xlsx" in fmts or not chosen  # without --format: what build writes for a diff
    from .bpmn.read import BpmnReadError
    from .diff import DiffInputError, compare, format_report, load_pairs, refuse_unrelated
    try:
        pairs, warnings = load_pairs(sides, load_profile_option(profile), timeout, round(max_mib * 1024 * 1024))
        diffs = [compare(current, future) for current, future in pairs]
        if len(sides) == 2 and not force:
            refuse_unrelated(diffs[0])
        if out_dir:
            written, skipped = _write_diffs(diffs, pairs, Path(out_dir), files, workbook, theme)
            warnings += skipped
    except DSLError as err:
        fail(err, 2)
    except (BpmnReadError, DiffInputError) as err:
        click.echo(f"oir-bpmn diff: {err}", err=True)
        sys.exit(2)
    except Exception as exc:  # never a traceback for the workshop: one line, exit 2
        click.echo(f"oir-bpmn diff: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(format_report(diffs, fmt), nl=False, color=color)
    if out_dir:
        click.echo(f"Wrote {counted(len(written), 'file')} to {out_dir}", err=True)
    sys.exit(1 if any(d.differs for d in diffs) else 0)


def _write_diffs(diffs, pairs, out: Path, formats: tuple[str, ...], workbook: bool,
                 theme) -> tuple[list[Path], list[str]]:
    """Write the files of every diff (the report in ``formats``, pictures in ``theme``), the
    cross-theme summary and, if asked, the workbook into ``out`` all at once (see ``fsio.Staging``)."""
    import warnings

    from .diff import write_diff_files, write_summary
    from .fsio import Staging
    from .render.export import DiagramSkipped
    with Staging(out) as stage, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DiagramSkipped)
        for d, (current, future) in zip(diffs, pairs):
            write_diff_files(d, current, future, stage.root, d.key, reports=formats, theme=theme)
        write_summary(diffs, stage.root)
        if workbook:
            from .diff.excel import write_workbook  # openpyxl loads only when a workbook is asked for
            write_workbook(diffs, stage.root)
        return stage.commit(), [str(w.message) for w in caught]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--previews", type=click.Path(file_okay=False), default=None,
              help="Write a PNG of each file, as bpmn-js (Camunda Modeler) draws it, into this folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (for other tools).")
@click.option("--max-size", "max_mib", type=click.FloatRange(min=0, min_open=True), default=64, show_default=True,
              help="Largest BPMN file read, in MiB; larger files are reported as not read.")
def verify(paths, previews, as_json, max_mib):
    """Check BPMN files (e.g. edited in Camunda Modeler) with the clients people use.

    PATHS are .bpmn files or folders of them. Checks: bpmn-moddle, bpmnlint, bpmn-js in
    headless Chromium, Camunda Modeler's problems panel (as Camunda 7 or 8, as the file says),
    SpiffWorkflow, the OMG BPMN 2.0 XSD and the diagram geometry. A check that cannot run here
    is listed as skipped, with why. One line per problem, a summary line at the end.
    Exit status: 0 all clean, 1 problems found, 2 a file (or PATH) could not be read.
    """
    import json

    from .progress import Progress
    from .verify import verify as run_checks
    progress = Progress()
    try:
        report = run_checks(paths, Path(previews) if previews else None, progress=progress,
                            max_bytes=round(max_mib * 1024 * 1024))
    except FileNotFoundError as err:
        progress.close()
        click.echo(f"oir-bpmn verify: {err}", err=True)
        sys.exit(2)
    progress.close()
    if not report.files:
        click.echo("oir-bpmn verify: no .bpmn files in " + ", ".join(paths), err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
        sys.exit(report.exit_code)
    for result in report.files:
        if result.refused:
            click.echo(f"{result.path}: not read: {result.refused}")
            continue
        found = {check: problems for check, problems in result.problems.items() if problems}
        ran = len(result.problems)
        click.echo(f"{result.path}: " + (counted(sum(map(len, found.values())), "problem") if found
                                         else f"clean ({ran} checks)")
                   + (f"; preview {result.preview}" if result.preview else ""))
        for check, problems in found.items():
            click.echo("\n".join(f"    {check}: {problem}" for problem in problems))
    for check, reason in report.skipped.items():
        click.echo(f"skipped {check}: {reason}", err=True)
    click.echo(_verify_summary(report))
    sys.exit(report.exit_code)


def _verify_summary(report) -> str:
    """One line: files read, and per check how many files were clean (and the problems found)."""
    unread = sum(bool(result.refused) for result in report.files)
    parts = [f"summary: {counted(len(report.files), 'file')}" + (f", {unread} not read" if unread else "")]
    for check, counts in report.summary().items():
        ran = counts["clean"] + counts["with_problems"]
        parts.append(f"{check} {counts['clean']}/{ran} clean"
                     + (f", {counted(counts['problems'], 'problem')}" if counts["problems"] else ""))
    parts += [f"{check} skipped" for check in report.skipped]
    return " | ".join(parts)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--profile", "profiles", multiple=True, type=click.Path(dir_okay=False),
              callback=lambda ctx, param, values: tuple(regular_file(ctx, param, v) for v in values),
              help="Municipality profile (TOML); repeat for several. Default: profiles/*.toml.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=DEFAULT_PACKS,
              show_default=True, help="Folder to write one pack folder per municipality into.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Packs built at once (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild every pack, also those that are up to date.")
@click.option("--minutes", type=click.IntRange(min=30, max=24 * 60), default=180, show_default=True,
              help="Length of the workshop: the agenda's time boxes add up to it.")
@click.option("--decisions", "decision_logs", multiple=True, type=click.Path(dir_okay=False),
              help="A filled beslutninger.xlsx: the pack of its municipality shows what was decided. Repeatable.")
@theme_option
def pack(paths, profiles, out_dir, jobs, force, minutes, decision_logs, theme):
    """Build the workshop pack of every municipality from the models in PATHS (default: processes/).

    Per profile: <output>/<profile>/rapport.html and .pdf, slides.pptx and beslutninger.xlsx, and
    <output>/index.html listing them. Only packs whose models, profile, --theme or tool changed are rebuilt.
    """
    from .pack.index import write_index
    from .pack.runner import plan_packs, run_packs
    profiles = profiles or sorted(str(p) for p in Path(DEFAULT_PROFILES).glob("*.toml"))
    if not profiles:
        raise click.UsageError(f"no profiles: give --profile FILE or put *.toml files in {DEFAULT_PROFILES}/")
    try:
        plan = plan_packs(paths or [DEFAULT_MODELS], profiles, Path(out_dir), force, theme, minutes, decision_logs)
    except DSLError as err:
        fail(err)
    for warning in plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    errors = []
    if plan.todo:
        with click.progressbar(length=len(plan.todo), label="Building packs", file=sys.stderr) as bar:
            for _, error in run_packs(plan.todo, jobs):
                if error:
                    errors.append(error)
                bar.update(1)
    try:
        index = write_index(plan.out_dir)
    except OSError as exc:
        click.echo(f"oir-bpmn pack: cannot write the index in {plan.out_dir}/: {exc.strerror or exc}", err=True)
        sys.exit(1)
    for error in errors:
        click.echo(error, err=True)
    click.echo(f"Built {counted(len(plan.todo) - len(errors), 'pack')}, {len(plan.current)} up to date, "
               f"{len(errors)} failed; index: {index}")
    sys.exit(1 if errors else 0)


from .session_commands import init, watch  # noqa: E402  (they and the workload commands use cli_options only)
from .workload_commands import simulate, workload  # noqa: E402

for command in (watch, init, workload, simulate):
    main.add_command(command)

if __name__ == "__main__":
    main()
