"""``@process``: declaring a model function, running it, and locating its mistakes."""
from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass

from ..model import THEME_NUMBERS, slug
from ..problems import DSLError, Problem, collector
from ..profile import DEFAULT_PROFILE, Profile
from .where import caller, did_you_mean, display_path, usage_error

VARIANTS = ("current", "future")

registry: ContextVar[list | None] = ContextVar("oir_bpmn_registry", default=None)
"""While a model file is loaded, the list its ``@process`` definitions are added to."""


@dataclass
class ProcessDef:
    """A ``@process``-decorated model function with its title, variant and theme."""

    fn: object
    title: str
    variant: str
    theme: int | None
    key: str
    pool: str
    file: str
    line: int
    per_year: float | None = None  # cases a year (a profile's [volumes] overrides it)
    once: bool = False  # done once (a transition), not every year

    @property
    def name(self) -> str:
        """Output file stem, e.g. ``tema2_blokeret_laaner_future``."""
        return f"{self.key}_{self.variant}"

    def record(self, profile: Profile = DEFAULT_PROFILE):
        """Run the model function and return what it recorded (a ``Builder``)."""
        from .builder import Builder
        builder = Builder(self, profile)
        where = f"process '{self.title}'"
        found: list[Problem] = []  # wrong values (a wait of days(0)): all of them, each at its line
        token = collector.set(lambda err: found.append(Problem(*caller(), where, str(err), err.hint)))
        try:
            self.fn(builder)
        except DSLError as err:
            raise DSLError(found + err.problems) from None
        except (Exception, SystemExit) as exc:  # a mistake in the model file: point at its line
            raise DSLError(found + [error_in_model(exc, self.file, where)]) from None
        finally:
            collector.reset(token)
        if found:
            raise DSLError(found)
        return builder


def error_in_model(exc: BaseException, file: str, where: str) -> Problem:
    """A Problem for an exception raised by user code, located at the deepest line in ``file``."""
    line = 0
    for frame, lineno in _traceback_frames(exc):
        if display_path(frame.f_code.co_filename) == file:
            line = lineno
    if getattr(exc, "hint", None):  # ModelError, SettingError: already in the author's words
        return Problem(file, line, where, str(exc), exc.hint)
    message = f"{type(exc).__name__}: {exc}"
    hint = "fix this line of the model; see README.md for the DSL"
    if isinstance(exc, TypeError):
        message, hint = _call_mistake(exc) or (message, hint)
    return Problem(file, line, where, message, hint)


_CALL = re.compile(r"^(?:\w+\.)?(\w+)\(\) (.*)$")


def _call_mistake(exc: TypeError) -> tuple[str, str] | None:
    """A DSL call with a misspelled keyword or the wrong number of arguments, in the author's
    words (``user()``, never ``_Factory.user()``), with what the call takes."""
    import inspect

    match = _CALL.match(str(exc))
    function = _dsl_function(match[1]) if match else None
    if function is None:
        return None
    call, problem = match[1], match[2]
    names = [n for n in inspect.signature(function).parameters if n != "self"]
    takes = f"{call}() takes: {', '.join(names)}"
    word = re.fullmatch(r"got an unexpected keyword argument '(\w+)'", problem)
    if word:
        return f"{call}() has no setting '{word[1]}'{did_you_mean(word[1], names)}", takes
    return f"{call}() {problem}", takes + f', e.g. {call}("…")'


def _dsl_function(name: str):
    """The DSL function or method called ``name`` (None for anything else)."""
    from .. import model
    from .builder import Builder, Lane, PoolHandle
    from .steps import SubProcess
    from .steps import Gateway
    if name.startswith("_"):
        return None
    if name == "process":
        return process
    if name in ("years", "months", "weeks", "days", "workdays", "hours", "minutes"):
        return getattr(model, name)
    return next((getattr(cls, name) for cls in (Lane, Gateway, SubProcess, Builder, PoolHandle)
                 if callable(getattr(cls, name, None))), None)


def _traceback_frames(exc: BaseException):
    tb = exc.__traceback__
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def process(title: str, variant: str = "current", theme: int | None = None,
            key: str | None = None, pool: str | None = None, *, per_year: float | None = None,
            once: bool = False):
    """Declare a model function as a process.

    title: the process name shown in diagrams; variant: "current" (today) or "future";
    theme: the seed's theme number (1–7); key: pairs the current and future variants for
    the diff (default: derived from the title); pool: name of the main pool (default: title);
    per_year: cases a year (a profile's ``[volumes]`` overrides it); once: a one-off (a transition).
    """
    file, line = caller()
    if per_year is not None and (isinstance(per_year, bool) or not isinstance(per_year, (int, float))
                                 or per_year < 0):
        raise usage_error(f"per_year= must be a number of cases of at least 0, got {per_year!r}",
                          "write e.g. per_year=2400", title)
    if once and per_year is not None:
        raise usage_error("a process done once has no cases per year", "give per_year= or once=True, not both",
                          title)
    if variant not in VARIANTS:
        raise usage_error(f"variant must be 'current' or 'future', not {variant!r}",
                          'write variant="current" or variant="future"', title)
    if not isinstance(title, str) or not title.strip():
        raise usage_error("a process needs a title", '@process("Blokeret låner betaler", ...)')
    if theme is not None and (isinstance(theme, bool) or theme not in THEME_NUMBERS):
        raise usage_error(f"theme={theme!r} is not one of the task text's themes",
                          f"write theme= a number {THEME_NUMBERS[0]}…{THEME_NUMBERS[-1]}, "
                          "or leave it out for a process outside the themes", title)

    def decorate(fn):
        definition = ProcessDef(fn, title.strip(), variant, theme, slug(key or title),
                                pool or title.strip(), file, line, per_year, bool(once))
        found = registry.get()
        if found is not None:
            found.append(definition)
        return definition

    return decorate
