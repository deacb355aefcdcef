"""Command line: the commands a person works in, ``oir-bpmn watch`` (a live page while models
are edited) and ``oir-bpmn init`` (the questionnaire that writes a profile)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import (DEFAULT_MODELS, DEFAULT_PACKS, DEFAULT_WATCH, exit_on_sigterm, fail, profile_option,
                          regular_file, timeout_option)
from .problems import DSLError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@profile_option
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8029, show_default=True,
              help="Port of the page on 127.0.0.1 (0: any free port).")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=DEFAULT_WATCH,
              show_default=True, help="Folder the preview builds into (incrementally, SVG only).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Diagrams and diffs drawn at once (default: one per core).")
@timeout_option
def watch(paths, profile, port, out_dir, jobs, timeout):
    """Rebuild the models in PATHS (default: processes/) on every save and show them on a local page.

    The page (http://127.0.0.1:PORT/, this computer only) shows each process's diagram, its
    diff and the problems at file:line, and reloads itself after each build; a model with a
    mistake shows the mistake above the last good diagrams. Ctrl-C stops.
    """
    from .preview.loop import run_watch
    from .preview.server import PortBusy
    exit_on_sigterm()
    try:
        run_watch(paths or [DEFAULT_MODELS], Path(out_dir).absolute(), profile, port, timeout, jobs,
                  lambda text: click.echo(text, err=True))
    except PortBusy as exc:
        click.echo(f"oir-bpmn watch: {exc}", err=True)
        sys.exit(2)


@click.command()
@click.option("--kommune", default=None, help='The municipality\'s name, e.g. "Aarhus Kommune".')
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="The profile to write (default: profiles/<kommune>.toml); an existing one gives the defaults.")
@click.option("--answers", "answers_file", type=click.Path(dir_okay=False), default=None, callback=regular_file,
              help="Take the answers from this TOML file (a profile's names and tables) instead of asking.")
@click.option("--defaults", "use_defaults", is_flag=True, help="Take every default answer instead of asking.")
@click.option("--force", is_flag=True, help="With --answers or --defaults: overwrite an existing profile.")
@click.pass_context
def init(ctx, kommune, output, answers_file, use_defaults, force):
    """Ask the task text's seven questions in Danish and write the municipality's profile.

    Every answer but the name may be "ved ikke": it is listed at the top of the profile and shown as an open
    question in the pack. Ctrl-C writes nothing. At the end it prints the command that builds the
    municipality's workshop pack and offers to run it.
    """
    from .questionnaire import InitError, offer_pack, run
    try:
        path = run(kommune, output, answers_file, use_defaults, force)
    except DSLError as err:
        fail(err)
    except InitError as err:
        click.echo(f"oir-bpmn init: {err}; intet er skrevet.", err=True)
        sys.exit(1)
    except (KeyboardInterrupt, EOFError):
        click.echo("\nAfbrudt: intet er skrevet.", err=True)
        sys.exit(130)
    if path is None:
        click.echo("Intet er skrevet.", err=True)
        sys.exit(1)
    try:
        build_now = offer_pack(path, not (answers_file or use_defaults), DEFAULT_MODELS)
    except (KeyboardInterrupt, EOFError):
        build_now = False
    if build_now:
        from .render.theme import THEME
        ctx.invoke(ctx.find_root().command.get_command(ctx, "pack"), paths=(DEFAULT_MODELS,), profiles=(str(path),), out_dir=DEFAULT_PACKS, jobs=None,
                   force=False, theme=THEME)
