"""Command line: ``oir-bpmn build | check | diff | verify | pack``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .diff.report import FORMATS as DIFF_FORMATS, TEXT_FORMATS as DIFF_TEXT_FORMATS
from .problems import DSLError

DEFAULT_MODELS = "processes"
DEFAULT_OUTPUT = "output"
DEFAULT_PACKS = "output/kommuner"
DEFAULT_PROFILES = "profiles"


def _fail(err: DSLError, code: int = 1) -> None:
    count = len(err.problems)
    click.echo(str(err), err=True)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
    sys.exit(code)


def _profile(path):
    from .profile import DEFAULT_PROFILE, defaults_warning, load_profile
    if not path:
        return DEFAULT_PROFILE
    profile = load_profile(path)
    warning = defaults_warning(profile, path)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return profile


def _regular_file(ctx, param, value):
    """Refuse a FIFO, device or folder before anything reads it (reading one could hang)."""
    from .fsio import special_file
    try:
        kind = value and special_file(value)
    except OSError as exc:
        raise click.BadParameter(f"{value}: {exc.strerror or exc}") from None
    if kind:
        raise click.BadParameter(f"{value} is {kind}, not a file")
    return value


profile_option = click.option(
    "--profile", type=click.Path(dir_okay=False), default=None, callback=_regular_file,
    help="Municipality profile (TOML) that switches steps on and off; see profiles/.")


def _theme(ctx, param, value):
    """The ``Theme`` of the TOML file ``value`` (the default look without one)."""
    from .render.theme import THEME, ThemeError, load_theme
    if not value:
        return THEME
    try:
        return load_theme(_regular_file(ctx, param, value))
    except ThemeError as err:
        raise click.BadParameter(str(err)) from None


theme_option = click.option(
    "--theme", type=click.Path(dir_okay=False), default=None, callback=_theme,
    help="The municipality's colours and text sizes for the diagrams (TOML); see themes/example.toml.")
timeout_option = click.option(  # the default is isolate.DEFAULT_TIMEOUT (not imported: fast --help)
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=60, show_default=True,
    help="Seconds a model file may run before it is stopped and named.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="oir-bpmn")
@click.pass_context
def main(ctx):
    """Map library payment workflows as code: DSL → BPMN 2.0 + diagrams, and what changes."""
    pause_cyclic_gc(ctx)


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
@timeout_option
def build(paths, out_dir, formats, slide, profile, theme, prune, timeout):
    """Build every model in PATHS (default: processes/) into the output folder.

    Writes BPMN 2.0 (bpmn/), diagrams (diagrams/) and a current/future diff for every pair
    (diff/). All or nothing: unless every model is valid and every file could be made, the
    output folder is left as it was; a second build into the same folder waits for the first.
    """
    from .build import BuildError, build_outputs
    from .load import compile_all
    from .progress import Progress
    target = Path(out_dir).absolute()  # fixed before any model runs
    progress = Progress()
    _exit_on_sigterm()
    try:
        progress.stage("Loading models")
        compiled = compile_all(paths or [DEFAULT_MODELS], _profile(profile), timeout, progress=progress)
        progress.stage("Writing")
        result = build_outputs(compiled, target, formats, slide, prune, progress,
                               on_wait=lambda: click.echo(f"Waiting for another build into {out_dir}/ to finish…",
                                                          err=True), theme=theme)
    except DSLError as err:
        progress.close()
        _fail(err)
    except BuildError as exc:
        progress.close()
        click.echo(f"oir-bpmn build: {exc}", err=True)
        sys.exit(1)
    progress.close()
    out = Path(out_dir)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"Built {len(compiled)} processes into {out}/: {result.count('bpmn')} BPMN, "
               f"{result.count('diagrams')} diagrams, {result.count('diff')} diff files"
               + (f"; removed {len(result.removed)} stale files" if result.removed else ""))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@profile_option
@timeout_option
def check(paths, profile, timeout):
    """Validate the models in PATHS (default: processes/) without writing anything."""
    from .load import compile_all
    try:
        compiled = compile_all(paths or [DEFAULT_MODELS], _profile(profile), timeout)
    except DSLError as err:
        _fail(err)
    click.echo(f"{len(compiled)} processes are valid.")


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
                   "(default .md and .json), and oversigt.md/.json (and oversigt.xlsx) across pairs.")
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
    from .bpmn.read import BpmnReadError
    from .diff import DiffInputError, compare, format_report, load_pairs, refuse_unrelated
    try:
        pairs, warnings = load_pairs(sides, _profile(profile), timeout, round(max_mib * 1024 * 1024))
        diffs = [compare(current, future) for current, future in pairs]
        if len(sides) == 2 and not force:
            refuse_unrelated(diffs[0])
        if out_dir:
            written, skipped = _write_diffs(diffs, pairs, Path(out_dir), files, "xlsx" in fmts, theme)
            warnings += skipped
    except DSLError as err:
        _fail(err, 2)
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
        click.echo(f"Wrote {len(written)} files to {out_dir}", err=True)
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


def _exit_on_sigterm() -> None:
    """A terminated build unwinds like Ctrl-C: its staging folder is removed, the output kept."""
    import signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--previews", type=click.Path(file_okay=False), default=None,
              help="Write a PNG of each file, as bpmn-js (Camunda Modeler) draws it, into this folder.")
def verify(paths, previews):
    """Check BPMN files (e.g. edited in Camunda Modeler) with the clients people use.

    PATHS are .bpmn files or folders of them. Checks: bpmn-moddle, bpmnlint, bpmn-js in
    headless Chromium, SpiffWorkflow, the OMG BPMN 2.0 XSD and the diagram geometry. A check
    that cannot run here is listed as skipped, with why. Exit status: 0 clean, 1 problems, 2 error.
    """
    from .verify import verify as run_checks
    try:
        report = run_checks(paths, Path(previews) if previews else None)
    except FileNotFoundError as err:
        click.echo(f"oir-bpmn verify: {err}", err=True)
        sys.exit(2)
    if not report.files:
        click.echo("oir-bpmn verify: no .bpmn files in " + ", ".join(paths), err=True)
        sys.exit(2)
    for result in report.files:
        if result.refused:
            click.echo(f"{result.path}: not read: {result.refused}")
            continue
        found = {check: problems for check, problems in result.problems.items() if problems}
        ran = len(result.problems)
        click.echo(f"{result.path}: " + (f"{sum(map(len, found.values()))} problem(s)" if found
                                         else f"clean ({ran} checks)")
                   + (f"; preview {result.preview}" if result.preview else ""))
        for check, problems in found.items():
            click.echo("\n".join(f"    {check}: {problem}" for problem in problems))
    for check, reason in report.skipped.items():
        click.echo(f"skipped {check}: {reason}", err=True)
    sys.exit(0 if all(result.clean for result in report.files) else 1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--profile", "profiles", multiple=True, type=click.Path(dir_okay=False),
              callback=lambda ctx, param, values: tuple(_regular_file(ctx, param, v) for v in values),
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
        _fail(err)
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
    click.echo(f"Built {len(plan.todo) - len(errors)} packs, {len(plan.current)} up to date, "
               f"{len(errors)} failed; index: {index}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
