"""What the commands share: default folders, the options for profile, theme and timeout, and
how a command ends on a bad model (``fail``) or on SIGTERM."""
from __future__ import annotations

import sys

import click

from .problems import DSLError, counted

DEFAULT_MODELS = "processes"
DEFAULT_OUTPUT = "output"
DEFAULT_PACKS = "output/kommuner"
DEFAULT_PROFILES = "profiles"
DEFAULT_WATCH = "output/watch"


def fail(err: DSLError, code: int = 1) -> None:
    """End the command with the problems of ``err`` and how many there were."""
    click.echo(str(err), err=True)
    click.echo(f"{counted(len(err.problems), 'problem')} found; nothing was written.", err=True)
    sys.exit(code)


def load_profile_option(path):
    """The profile of the file ``path`` (the default profile without one); warns of left-out settings."""
    from .profile import DEFAULT_PROFILE, defaults_warning, load_profile
    if not path:
        return DEFAULT_PROFILE
    profile = load_profile(path)
    warning = defaults_warning(profile, path)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return profile


def regular_file(ctx, param, value):
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
    "--profile", type=click.Path(dir_okay=False), default=None, callback=regular_file,
    help="Municipality profile (TOML) that switches steps on and off; see profiles/.")


def _theme(ctx, param, value):
    """The ``Theme`` of the TOML file ``value`` (the default look without one)."""
    from .render.theme import THEME, ThemeError, load_theme
    if not value:
        return THEME
    try:
        return load_theme(regular_file(ctx, param, value))
    except ThemeError as err:
        raise click.BadParameter(str(err)) from None


theme_option = click.option(
    "--theme", type=click.Path(dir_okay=False), default=None, callback=_theme,
    help="The municipality's colours and text sizes for the diagrams (TOML); see themes/example.toml.")
timeout_option = click.option(  # the default is isolate.DEFAULT_TIMEOUT (not imported: fast --help)
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=60, show_default=True,
    help="Seconds a model file may run before it is stopped and named.")


def exit_on_sigterm() -> None:
    """A terminated build unwinds like Ctrl-C: its staging folder is removed, the output kept."""
    import signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
