"""Command line: ``oir-bpmn build | check | diff | pack``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .diff.report import FORMATS as DIFF_FORMATS
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
    from .profile import DEFAULT_PROFILE, load_profile
    return load_profile(path) if path else DEFAULT_PROFILE


profile_option = click.option(
    "--profile", type=click.Path(dir_okay=False), default=None,
    help="Municipality profile (TOML) that switches steps on and off; see profiles/.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="oir-bpmn")
def main():
    """Map library payment workflows as code: DSL → BPMN 2.0 + diagrams, and what changes."""


def _formats(ctx, param, value: str) -> tuple[str, ...]:
    from .render import FORMATS
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}, separated by commas (got {value!r})")
    return chosen


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=DEFAULT_OUTPUT,
              show_default=True, help="Folder to write bpmn/, diagrams/ and diff/ into.")
@click.option("--format", "formats", default="svg,png", show_default=True, callback=_formats,
              help="Diagram formats, comma-separated: svg, png, pdf.")
@click.option("--slide", is_flag=True, help="Fit diagrams to a 16:9 slide (13.33 × 7.5 in).")
@profile_option
@click.option("--prune/--no-prune", default=False,
              help="Remove files in the output folders that no model produces any more.")
def build(paths, out_dir, formats, slide, profile, prune):
    """Build every model in PATHS (default: processes/) into the output folder.

    Writes BPMN 2.0 (bpmn/), diagrams (diagrams/) and a current/future diff for every pair
    (diff/). Nothing is written unless every model is valid; each file is written atomically.
    """
    from subprocess import CalledProcessError

    from .build import build_outputs
    from .load import compile_all
    from .render import GraphvizMissing
    try:
        compiled = compile_all(paths or [DEFAULT_MODELS], _profile(profile))
    except DSLError as err:
        _fail(err)
    out = Path(out_dir)
    try:
        result = build_outputs(compiled, out, formats, slide, prune)
    except (OSError, GraphvizMissing, CalledProcessError) as exc:
        click.echo(f"oir-bpmn build: cannot write {out}/: {exc}", err=True)
        sys.exit(1)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"Built {len(compiled)} processes into {out}/: {result.count('bpmn')} BPMN, "
               f"{result.count('diagrams')} diagrams, {result.count('diff')} diff files"
               + (f"; removed {len(result.removed)} stale files" if result.removed else ""))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@profile_option
def check(paths, profile):
    """Validate the models in PATHS (default: processes/) without writing anything."""
    from .load import compile_all
    try:
        compiled = compile_all(paths or [DEFAULT_MODELS], _profile(profile))
    except DSLError as err:
        _fail(err)
    click.echo(f"{len(compiled)} processes are valid.")


@main.command()
@click.argument("sides", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(DIFF_FORMATS),
              default="table", show_default=True, help="How to print the differences.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Also write <key>.md, .json, .svg, .png and a coloured .bpmn per pair here.")
@click.option("--color/--no-color", default=None, help="Colour the table (default: only on a terminal).")
@profile_option
def diff(sides, fmt, out_dir, color, profile):
    """Show which steps move, disappear or appear from the current to the future variant.

    SIDES is CURRENT FUTURE (each a model file, FILE.py::KEY_OR_TITLE, or a .bpmn file, e.g. one
    edited in Camunda Modeler), or one theme file or folder whose current/future pairs (same key)
    are all compared: ``oir-bpmn diff processes/``.

    Exit status as diff(1): 0 no differences, 1 differences, 2 error.
    """
    from .bpmn.read import BpmnReadError
    from .diff import DiffInputError, compare, format_report, load_pairs, write_diff_files
    try:
        pairs, warnings = load_pairs(sides, _profile(profile))
        diffs = [compare(current, future) for current, future in pairs]
        written = [path for d, (current, future) in zip(diffs, pairs)
                   for path in (write_diff_files(d, current, future, out_dir, d.key) if out_dir else [])]
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
    if written:
        click.echo(f"Wrote {len(written)} files to {out_dir}", err=True)
    sys.exit(1 if any(d.differs for d in diffs) else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--profile", "profiles", multiple=True, type=click.Path(dir_okay=False),
              help="Municipality profile (TOML); repeat for several. Default: profiles/*.toml.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=DEFAULT_PACKS,
              show_default=True, help="Folder to write one pack folder per municipality into.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Packs built at once (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild every pack, also those that are up to date.")
def pack(paths, profiles, out_dir, jobs, force):
    """Build the workshop pack of every municipality from the models in PATHS (default: processes/).

    Per profile: <output>/<profile>/rapport.html and .pdf, slides.pptx and beslutninger.xlsx, and
    <output>/index.html listing them. Only packs whose models, profile or tool changed are rebuilt.
    """
    from .pack.index import write_index
    from .pack.runner import plan_packs, run_packs
    profiles = profiles or sorted(str(p) for p in Path(DEFAULT_PROFILES).glob("*.toml"))
    if not profiles:
        raise click.UsageError(f"no profiles: give --profile FILE or put *.toml files in {DEFAULT_PROFILES}/")
    try:
        plan = plan_packs(paths or [DEFAULT_MODELS], profiles, Path(out_dir), force)
    except DSLError as err:
        _fail(err)
    errors = []
    if plan.todo:
        with click.progressbar(length=len(plan.todo), label="Building packs", file=sys.stderr) as bar:
            for _, error in run_packs(plan.todo, jobs):
                if error:
                    errors.append(error)
                bar.update(1)
    index = write_index(plan.out_dir)
    for error in errors:
        click.echo(error, err=True)
    click.echo(f"Built {len(plan.todo) - len(errors)} packs, {len(plan.current)} up to date, "
               f"{len(errors)} failed; index: {index}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
