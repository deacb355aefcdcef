"""Municipality profiles: the choices that switch steps of a model on and off.

A model reads ``p.profile`` and uses plain Python ``if`` to include the steps that apply,
so one model serves every municipality. Profiles live in TOML files (see ``profiles/``).

Profiles are open: besides the standard settings below, a municipality may add its own
(``webshop = true``), which models read with a default: ``p.profile.get("webshop", False)``.
A misspelled standard setting is still an error, with the closest name.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from .model import not_xml
from .problems import DSLError, Problem, counted


class SettingError(AttributeError):
    """A model read a setting the profile does not have; says so in the author's words."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Profile:
    """What one municipality has chosen or bought."""

    name: str = "Eksempelkommune"
    debtor_system: str = "KMD Opus"
    payment_solutions: tuple[str, ...] = ("Mit betalingsoverblik", "Girokort")
    payment_forms: tuple[str, ...] = ("Dankort", "MobilePay")
    safepay: bool = True
    safepay_integrated: bool = False
    substitute_cpr: bool = True
    reminder_channels: tuple[str, ...] = ("SMS", "e-mail", "e-Boks")
    balance_statements: bool = True
    desk_payment: bool = False  # the library desk still takes payment for debts (themes 1 and 2)

    # the mechanism, not settings: the municipality's own settings and the defaults it relied on
    custom: tuple[tuple[str, object], ...] = field(default=(), compare=False)
    defaulted: tuple[str, ...] = field(default=(), compare=False)

    def offers(self, payment_form: str) -> bool:
        """True when the municipality has bought ``payment_form`` (e.g. "Mastercard"), any case."""
        return payment_form.casefold() in {form.casefold() for form in self.payment_forms}

    def get(self, name: str, default=None):
        """A setting by name, the municipality's own ones included; ``default`` when not set."""
        if name in STANDARD:
            return getattr(self, name)
        return dict(self.custom).get(name, default)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        custom = dict(self.__dict__.get("custom", ()))
        if name in custom:
            return custom[name]
        close = difflib.get_close_matches(name, list(STANDARD) + list(custom), n=1)
        raise SettingError(f"the profile has no setting '{name}'" + (f" – did you mean '{close[0]}'?" if close else ""),
                           f'a setting of the municipality\'s own is read with a default: '
                           f'p.profile.get("{name}", …)')


STANDARD = tuple(f.name for f in fields(Profile) if f.name not in ("custom", "defaulted"))
"""The standard settings every model may rely on."""

DEFAULT_PROFILE = Profile()


def load_profile(path: str | Path) -> Profile:
    """Read a profile from a TOML file; misspelled or mistyped standard settings are reported
    at their line, settings of the municipality's own are kept, left-out ones noted."""
    import tomllib  # here, not at the top: keeps `oir-bpmn --help` fast

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise DSLError([Problem(str(path), 0, "", f"cannot read profile: {exc.strerror}",
                                "check the path given to --profile")]) from None
    except UnicodeDecodeError:
        raise DSLError([Problem(str(path), 0, "", "the profile is not UTF-8 text",
                                "give a TOML file saved as UTF-8, e.g. profiles/koebenhavn.toml")]) from None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(at[1]) if at else max(1, len(text.splitlines()))  # else: "at end of document"
        raise DSLError([Problem(str(path), line, "",
                                f"not valid TOML: {exc}", "fix the syntax of the profile")]) from None
    lines = text.splitlines()
    problems, values, custom = [], {}, []
    for name, value in data.items():
        line = next((i for i, s in enumerate(lines, 1) if re.match(rf"\s*{re.escape(name)}\s*=", s)), 0)
        bad = next(filter(None, (not_xml(v) for v in (value if isinstance(value, list) else [value])
                                 if isinstance(v, str))), None)
        if bad:
            problems.append(Problem(str(path), line, name, f"holds a character a BPMN file cannot hold ({bad!r})",
                                    "delete it (TOML escapes such as \\u0001 write one)"))
            continue
        if name not in STANDARD:
            close = difflib.get_close_matches(name, STANDARD, n=1, cutoff=0.8)
            if close:
                problems.append(Problem(str(path), line, name, f"unknown setting – did you mean '{close[0]}'?",
                                        f"write {close[0]} = …; a setting of the municipality's own needs a "
                                        "name unlike the standard ones"))
            else:
                custom.append((name, tuple(value) if isinstance(value, list) else value))
            continue
        default = getattr(DEFAULT_PROFILE, name)
        if isinstance(default, tuple):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problems.append(Problem(str(path), line, name, "must be a list of texts",
                                        f'write e.g. {name} = ["…", "…"]'))
                continue
            value = tuple(value)
        elif type(value) is not type(default):
            problems.append(Problem(str(path), line, name,
                                    f"must be {type(default).__name__}, got {value!r}",
                                    f"write e.g. {name} = {default!r}".replace("True", "true")
                                    .replace("False", "false")))
            continue
        values[name] = value
    if problems:
        raise DSLError(problems)
    defaulted = tuple(name for name in STANDARD if name not in values)
    return Profile(**values, custom=tuple(sorted(custom)), defaulted=defaulted)


def defaults_warning(profile: Profile, path) -> str | None:
    """One warning listing the standard settings a loaded profile left out, with the defaults used."""
    if not profile.defaulted:
        return None
    used = ", ".join(f"{name} = {_toml(getattr(profile, name))}" for name in profile.defaulted)
    return f"{path}: the profile leaves out {counted(len(profile.defaulted), 'standard setting')}; using the defaults {used}"


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return f'"{value}"' if isinstance(value, str) else repr(value)
