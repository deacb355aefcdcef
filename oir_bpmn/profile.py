"""Municipality profiles: the choices that switch steps of a model on and off.

A model reads ``p.profile`` and uses plain Python ``if`` to include the steps that apply,
so one model serves every municipality. Profiles live in TOML files (see ``profiles/``).

Profiles are open: besides the standard settings below, a municipality may add its own
(``webshop = true``), which models read with a default: ``p.profile.get("webshop", False)``.
A misspelled standard setting is still an error, with the closest name.

A question the municipality cannot answer yet is listed in ``ved_ikke = ["setting", …]`` at the
top of the file instead of being set: the setting then takes its built-in default (the safe
choice documented in README.md), ``profile.unknown`` names it, and the pack shows it as an open
question. A setting both set and listed there is an error.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from .model import STAFF_DEPTS, not_xml
from .problems import DSLError, Problem, counted


DEFAULT_FTE_HOURS = 1924.0
"""Working hours of one full-time employee a year: 37 hours × 52 weeks."""
FIGURES = ("volumes", "staff", "fte_hours")
"""Profile entries that are figures for the workload, not switches: optional, never warned about."""


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

    # today: the task text's questions about the current workflows (`oir-bpmn init` asks them),
    # read by the current variants; defaults are the manual practice the task text describes
    desk_payment_today: bool = True  # the desk takes cash, card etc. and registers it by hand (theme 1)
    channels_today: tuple[str, ...] = ("Afleveringsmaskiner", "Hjemmesiden (DDB-CMS)", "App'en")  # 3rd party
    manual_transfer_today: bool = True  # the library moves debts into the debtor system by hand (theme 1)
    unlock_today: str = "skranke"  # how a blocked borrower is unlocked today: UNLOCK (theme 2)
    minor_guardian_today: bool = False  # minors always get an økonomisk ansvarlig today (theme 4)
    company_ids_today: tuple[str, ...] = ("CVR",)  # numbers registered for companies today (theme 4)
    reconciles_today: str = "library"  # who reconciles cash and MobilePay today: RECONCILERS (theme 5)
    fbs_monitor: str = "library"  # who will monitor the FBS tasks of the integration: MONITORS (theme 6)

    # figures for the workload (``[volumes]``, ``[staff]``), not settings models read
    volumes: tuple[tuple[str, float], ...] = ()  # process key -> cases a year
    staff: tuple[tuple[str, float], ...] = ()  # department tag -> FTE on the tasks
    fte_hours: float = DEFAULT_FTE_HOURS

    # the mechanism, not settings: the municipality's own settings and the defaults it relied on
    custom: tuple[tuple[str, object], ...] = field(default=(), compare=False)
    defaulted: tuple[str, ...] = field(default=(), compare=False)
    unknown: tuple[str, ...] = ()  # answered "ved ikke": the default applies, the pack asks

    def offers(self, payment_form: str) -> bool:
        """True when the municipality has bought ``payment_form`` (e.g. "Mastercard"), any case."""
        return payment_form.casefold() in {form.casefold() for form in self.payment_forms}

    def is_unknown(self, name: str) -> bool:
        """True when the municipality answered "ved ikke" to ``name`` (its value is the default)."""
        return name in self.unknown

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


STANDARD = tuple(f.name for f in fields(Profile) if f.name not in ("custom", "defaulted", "unknown", *FIGURES))
"""The standard settings every model may rely on."""

UNLOCK = {"skranke": "Låneren betaler ved skranken, og personalet låser op med det samme",
          "kvittering": "Låneren betaler og kommer tilbage med kvittering; personalet låser op",
          "vent": "Låneren betaler, og spærringen ophæves, når betalingen er registreret"}
RECONCILERS = {"library": "Biblioteket", "finance": "Debitor-/økonomiafdelingen"}
MONITORS = {"library": "Biblioteksmedarbejder", "coordination": "ØiR-koordinator",
            "finance": "Debitor-/økonomiafdelingen"}
CHOICES = {"unlock_today": UNLOCK, "reconciles_today": RECONCILERS, "fbs_monitor": MONITORS}
"""The text settings that take one of a few values: value → its meaning in Danish."""
UNKNOWN_KEY = "ved_ikke"
TABLES = ("volumes", "staff")
"""Tables of numbers (cases per year by process key, FTE by department) whose entries may be "ved ikke"."""

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
    unknown = _unknown(data.pop(UNKNOWN_KEY, []), data, _line_of(lines, UNKNOWN_KEY), str(path), problems)
    for name, value in data.items():
        line = _line_of(lines, name)
        bad = next(filter(None, (not_xml(v) for v in (value if isinstance(value, list) else [value])
                                 if isinstance(v, str))), None)
        if bad:
            problems.append(Problem(str(path), line, name, f"holds a character a BPMN file cannot hold ({bad!r})",
                                    "delete it (TOML escapes such as \\u0001 write one)"))
            continue
        if name in FIGURES:
            value = _figure(name, value, lines, line, path, problems)
            if value is not None:
                values[name] = value
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
        elif name in CHOICES and value not in CHOICES[name]:
            problems.append(Problem(str(path), line, name, f"must be one of {', '.join(CHOICES[name])}, got {value!r}",
                                    "; ".join(f'"{key}": {meaning}' for key, meaning in CHOICES[name].items())))
            continue
        values[name] = value
    if problems:
        raise DSLError(problems)
    defaulted = tuple(name for name in STANDARD if name not in values and name not in unknown)
    return Profile(**values, custom=tuple(sorted(custom)), defaulted=defaulted, unknown=unknown)


def _line_of(lines: list[str], name: str) -> int:
    return next((i for i, s in enumerate(lines, 1) if re.match(rf"\s*{re.escape(name)}\s*=", s)), 0)


def _unknown(listed, data: dict, line: int, path: str, problems: list) -> tuple[str, ...]:
    """The names of ``ved_ikke = [...]``, checked: a name listed there must not be set as well."""
    if not (isinstance(listed, list) and all(isinstance(v, str) for v in listed)):
        problems.append(Problem(path, line, UNKNOWN_KEY, "must be a list of setting names",
                                f'write e.g. {UNKNOWN_KEY} = ["desk_payment_today"]'))
        return ()
    for name in listed:
        table, _, key = name.partition(".")
        answered = key in data.get(table, {}) if key and isinstance(data.get(table), dict) else name in data
        close = difflib.get_close_matches(name, STANDARD, n=1, cutoff=0.8)
        if answered:
            problems.append(Problem(path, line, UNKNOWN_KEY, f"'{name}' is listed as unknown but also set",
                                    f"delete '{name}' from {UNKNOWN_KEY} once it is answered, or delete its value"))
        elif name not in STANDARD and not (key and table in TABLES) and close:
            problems.append(Problem(path, line, UNKNOWN_KEY, f"unknown setting '{name}' – did you mean '{close[0]}'?",
                                    f"list standard settings by their names, e.g. {UNKNOWN_KEY} = [\"{close[0]}\"]"))
    return tuple(dict.fromkeys(listed))


def volume(profile: Profile, key: str, default: float | None = None) -> float | None:
    """Cases a year of the process ``key`` by the profile's ``[volumes]``, else ``default``."""
    return dict(profile.volumes).get(key, default)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _figure(name: str, value, lines: list[str], line: int, path: Path, problems: list):
    """A ``[volumes]`` or ``[staff]`` table as sorted pairs, or ``fte_hours``; bad values go to
    ``problems`` at their own line."""
    if name == "fte_hours":
        if _number(value) and 0 < value <= 8784:
            return float(value)
        problems.append(Problem(str(path), line, name, f"must be hours a year above 0, got {value!r}",
                                "write e.g. fte_hours = 1924 (37 hours × 52 weeks)"))
        return None
    example = "tema2_blokerede_laanere = 3100" if name == "volumes" else "library = 2.5"
    if not isinstance(value, dict):
        problems.append(Problem(str(path), line, name, f"must be a table [{name}]", f"write [{name}] and then {example}"))
        return None
    start = next((i for i, s in enumerate(lines, 1) if re.match(rf"\s*\[{name}\]", s)), line)
    pairs = []
    for key, number in value.items():
        at = next((i for i, s in enumerate(lines[start:], start + 1) if re.match(rf"\s*{re.escape(key)}\s*=", s)), start)
        if name == "staff" and key not in STAFF_DEPTS:
            problems.append(Problem(str(path), at, f"[staff] {key}", f"unknown department '{key}'",
                                    f"staff is counted for {', '.join(STAFF_DEPTS)}"))
        elif not _number(number) or number < 0:
            what = "cases a year" if name == "volumes" else "full-time employees (FTE)"
            problems.append(Problem(str(path), at, f"[{name}] {key}", f"must be a number of {what} of at least 0, "
                                    f"got {number!r}", f"write e.g. {example}"))
        else:
            pairs.append((key, float(number)))
    return tuple(sorted(pairs))


def volume_problems(profile: Profile, path, keys) -> list[Problem]:
    """A located problem per ``[volumes]`` entry of the profile at ``path`` naming no process in ``keys``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines() if path else []
    problems = []
    for key, _ in profile.volumes:
        if key not in keys:
            at = next((i for i, s in enumerate(lines, 1) if re.match(rf"\s*{re.escape(key)}\s*=", s)), 0)
            problems.append(Problem(str(path), at, f"[volumes] {key}", f"no process has the key '{key}'"
                                    + (f" – did you mean '{close[0]}'?" if (close := difflib.get_close_matches(key, keys, n=1)) else ""),
                                    "use a process key: " + ", ".join(sorted(keys))))
    return problems


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
