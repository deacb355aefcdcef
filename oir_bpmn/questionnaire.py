"""``oir-bpmn init``: ask the task text's questions (or take them from an answers file) and write
the municipality's profile whole, or nothing (Ctrl-C, a refused overwrite, a path that cannot be
written).

The prompts are questionary's: arrow keys and space for the multiple choices, and an answer
typed as text is checked as it is typed (the message stays under the question until it is right).
"""
from __future__ import annotations

import re
import sys
import tempfile
import unicodedata
from pathlib import Path

import click

from .fsio import special_file, write_atomic
from .profile import load_profile
from .profile_toml import Answers, defaults, pack_command, read_answers, render_profile
from .questions import QUESTIONS, SECTIONS, UNKNOWN, Question

UNKNOWN_TITLE = "Ved ikke"
HELP_TYPED = "(skriv ved ikke, hvis I ikke ved det)"
HELP_BLANK = "(Enter uden svar: ved ikke)"


class InitError(Exception):
    """Why ``init`` stops without writing, in the project leader's words."""


def default_path(name: str) -> Path:
    """``profiles/aarhus.toml`` for "Aarhus Kommune" (æ → ae, ø → oe, å → aa)."""
    slug = name.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    slug = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode()
    slug = re.sub(r"\bkommunes?\b", "", slug)
    slug = re.sub(r"[^a-z0-9]+", "_", slug).strip("_") or "kommune"
    return Path("profiles") / f"{slug}.toml"


def check_writable(path: Path) -> None:
    """Raise ``InitError`` unless a file can be written at ``path`` (tried with a temp file, so
    nobody answers every question only to learn it at the end)."""
    if path.exists() and special_file(path):
        raise InitError(f"{path} er {special_file(path)}, ikke en fil: vælg en anden sti med -o")
    parent = path.parent.absolute()
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InitError(f"kan ikke skrive {path}: {parent} er ikke en mappe; vælg en anden sti med -o")
    try:
        with tempfile.TemporaryFile(dir=parent):
            pass
    except OSError as exc:
        raise InitError(f"kan ikke skrive {path}: {exc.strerror or exc} i {parent}; "
                        "vælg en anden sti med -o") from None


def existing_answers(path: Path) -> Answers | None:
    """The answers of the profile already at ``path`` (checked as the pack would load it), or None."""
    if not path.exists():
        return None
    load_profile(path)  # raises DSLError with the line of anything wrong
    return read_answers(path)


def run(kommune: str | None, output: str | None, answers_file: str | None, use_defaults: bool,
        force: bool) -> Path | None:
    """Run the questionnaire (or read ``answers_file``, or take the defaults) and write the profile;
    the path written, or None when the person chose not to overwrite."""
    interactive = not (answers_file or use_defaults)
    if interactive and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InitError("init stiller spørgsmål i en terminal; uden terminal: giv --answers FIL eller --defaults")
    path = Path(output) if output else None
    if path:
        check_writable(path)
    base = defaults(existing_answers(path) if path else None)
    if interactive and path and path.exists():
        click.echo(f"{path} findes: dens svar er standardsvarene (Enter beholder dem).")
    if answers_file:
        given = read_answers(answers_file)
        missing = [q.name for q in QUESTIONS if q.name not in given.values and not (q.name == "name" and kommune)]
        if missing:
            click.echo(f"{answers_file} svarer ikke på {len(missing)} spørgsmål; de får standardsvaret"
                       f"{' eller den nuværende profils svar' if path and path.exists() else ''}: "
                       + ", ".join(missing), err=True)
        base.values.update(given.values)
        base.comments.update(given.comments)
        base.extra.update(given.extra)
    if kommune:
        base.values["name"] = kommune
    if interactive:
        base, path = ask_all(base, path)
    path = path or default_path(base.values.get("name") or "kommune")
    check_writable(path)
    if path.exists():
        if interactive and not _confirm(f"{path} findes. Overskriv den med de nye svar?", True):
            return None
        if not interactive and not force:
            raise InitError(f"{path} findes allerede: giv --force for at overskrive den (dens svar er "
                            "standardsvarene), eller vælg en anden sti med -o")
    text = render_profile(base, str(path))
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise InitError(f"kan ikke skrive {path}: {exc.strerror or exc}") from None
    return path


def ask_all(answers: Answers, path: Path | None) -> tuple[Answers, Path]:
    """Ask every question in order, the current answer as the default; returns the answers and
    the path to write (without -o: named after the municipality, its values then the defaults)."""
    section = None
    for question in QUESTIONS:
        if question.theme != section:
            section = question.theme
            click.secho(f"\n{SECTIONS[section]}", bold=True)
        before = answers.values.get(question.name, UNKNOWN)
        value = ask(question, before)
        answers.values[question.name] = value
        if _listed(value) != _listed(before):
            answers.comments.pop(question.name, None)  # "eksempel – bekræft" no longer applies
        if question.name == "name" and path is None:
            path = default_path(value if isinstance(value, str) else "kommune")
            click.echo(f"Profilen gemmes i {path} (vælg en anden med -o).")
            check_writable(path)
            old = existing_answers(path)
            if old:
                click.echo(f"{path} findes: dens svar er standardsvarene.")
                answers = defaults(old)
                answers.values["name"] = value
    return answers, path


def _listed(value):
    """A tuple as a list (defaults are tuples, answers lists), anything else as it is."""
    return list(value) if isinstance(value, tuple) else value


def ask(question: Question, current):
    """One question, ``current`` as its default; the answer (``UNKNOWN`` for "ved ikke")."""
    import questionary
    from questionary import Choice

    click.secho(f"  {question.explain}", dim=True)
    if question.kind in ("bool", "enum", "choice"):
        if question.kind == "bool":
            options = [("Ja", True), ("Nej", False)]
        else:
            options = [(label if key == label else f"{key}: {label}", key) for key, label in question.choices]
            if question.kind == "choice" and isinstance(current, str) and current not in dict(question.choices):
                options.append((current, current))
        options.append((UNKNOWN_TITLE, UNKNOWN))
        other = question.kind == "choice"
        choices = [Choice(title, value) for title, value in options] + ([Choice("Andet …", "__other__")] if other else [])
        default = next((c for c in choices if c.value is current or c.value == current), choices[0])
        value = questionary.select(question.text, choices, default=default,
                                   instruction="(piletaster, Enter)").unsafe_ask()
        if value == "__other__":
            value = _typed(Question(question.name, question.theme, "Skriv navnet:", "", "text"), "")
        return value
    if question.kind == "multi":
        chosen = current if isinstance(current, (list, tuple)) else []
        known = [key for key, _ in question.choices] + [v for v in chosen if v not in dict(question.choices)]
        choices = [Choice(v, v, checked=v in chosen) for v in known]
        choices.append(Choice(UNKNOWN_TITLE, UNKNOWN, checked=current is UNKNOWN))

        def valid(selected):
            if UNKNOWN in selected and len(selected) > 1:
                return "Ved ikke kan ikke vælges sammen med andre svar"
            if question.required and not selected:
                return "Vælg mindst én med mellemrum (eller Ved ikke)"
            return True

        selected = questionary.checkbox(question.text, choices, validate=valid,
                                        instruction="(mellemrum vælger, Enter gemmer)").unsafe_ask()
        return UNKNOWN if UNKNOWN in selected else selected
    return _typed(question, current)


def _typed(question: Question, current):
    """A question answered by typing, checked as it is typed."""
    import questionary

    blank_unknown = current is UNKNOWN and question.kind != "text"  # then Enter on an empty line is "ved ikke"

    def parse(raw: str):
        return UNKNOWN if blank_unknown and not raw.strip() else question.parse(raw)

    def valid(raw: str):
        try:
            parse(raw)
        except ValueError as exc:
            return str(exc)
        return True

    default = ("" if current is UNKNOWN else _number_text(current) if question.kind in ("int", "float")
               else str(current))
    raw = questionary.text(question.text, default=default, validate=valid,
                           instruction=HELP_BLANK if blank_unknown else "" if question.kind == "text"
                           else HELP_TYPED).unsafe_ask()
    return parse(raw)


def _number_text(value) -> str:
    """1924.0 → "1924", 1.5 → "1,5" (Danish decimal comma)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _confirm(message: str, default: bool) -> bool:
    import questionary
    return questionary.confirm(message, default=default, instruction="(y = ja, n = nej) ").unsafe_ask()


def offer_pack(path: Path, interactive: bool, models: str) -> bool:
    """Print the command that builds the pack; True when the person wants it run now (offered
    only where the models are, in ``models``)."""
    click.echo(f"\nProfilen er gemt: {path}\nByg kommunens workshoppakke med:\n\n    {pack_command(path)}\n")
    if not Path(models).is_dir():
        click.echo(f"(kør den i mappen med {models}/, fx der hvor `make demo` er kørt)")
        return False
    return interactive and _confirm("Byg workshoppakken nu?", True)
