"""Municipality profiles: the choices that switch steps of a model on and off.

A model reads ``p.profile`` and uses plain Python ``if`` to include the steps that apply,
so one model serves every municipality. Profiles live in TOML files (see ``profiles/``).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from .problems import DSLError, Problem


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

    def offers(self, payment_form: str) -> bool:
        """True when the municipality has bought ``payment_form`` (e.g. "Mastercard"), any case."""
        return payment_form.casefold() in {form.casefold() for form in self.payment_forms}


DEFAULT_PROFILE = Profile()


def load_profile(path: str | Path) -> Profile:
    """Read a profile from a TOML file; unknown or mistyped settings are reported, not ignored."""
    import tomllib  # here, not at the top: keeps `oir-bpmn --help` fast

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DSLError([Problem(str(path), 0, "", f"cannot read profile: {exc.strerror}",
                                "check the path given to --profile")]) from None
    except UnicodeDecodeError:
        raise DSLError([Problem(str(path), 0, "", "the profile is not UTF-8 text",
                                "give a TOML file saved as UTF-8, e.g. profiles/koebenhavn.toml")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise DSLError([Problem(str(path), getattr(exc, "lineno", 0) or 0, "",
                                f"not valid TOML: {exc}", "fix the syntax of the profile")]) from None
    known = {f.name: f for f in fields(Profile)}
    problems, values = [], {}
    for name, value in data.items():
        if name not in known:
            problems.append(Problem(str(path), 0, name, "unknown setting",
                                    "known settings: " + ", ".join(sorted(known))))
            continue
        default = getattr(DEFAULT_PROFILE, name)
        if isinstance(default, tuple):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problems.append(Problem(str(path), 0, name, "must be a list of texts",
                                        f'write e.g. {name} = ["…", "…"]'))
                continue
            value = tuple(value)
        elif type(value) is not type(default):
            problems.append(Problem(str(path), 0, name,
                                    f"must be {type(default).__name__}, got {value!r}",
                                    f"write e.g. {name} = {default!r}".replace("True", "true")
                                    .replace("False", "false")))
            continue
        values[name] = value
    if problems:
        raise DSLError(problems)
    return Profile(**values)
