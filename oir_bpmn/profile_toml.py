"""Answers in and out of TOML: read an answers file or an existing profile as answers, and write
the profile ``oir-bpmn init`` makes (each answer under its question, "ved ikke" listed at the top).

Answers are ``{name: value}``, with table entries as dotted names (``"volumes.tema2_blokerede_laanere"``)
and ``UNKNOWN`` for "ved ikke". A comment after an answer (``# eksempel – bekræft``) is kept.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .pack.profile_values import line_comment
from .problems import DSLError, Problem
from .profile import TABLES, UNKNOWN_KEY
from .questions import BY_NAME, QUESTIONS, SECTIONS, UNKNOWN

_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")


@dataclass
class Answers:
    """The answers so far, the comments after them, and settings no question asks (kept as they are)."""

    values: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def read_answers(path: str | Path) -> Answers:
    """The answers in the TOML file ``path`` (an answers file or a profile); a wrong answer is
    reported at its line, with what to write instead (``DSLError``)."""
    import tomllib

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise DSLError([Problem(str(path), 0, "", f"cannot read: {exc.strerror}", "check the path")]) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        at = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        raise DSLError([Problem(str(path), int(at[1]) if at else 0, "", f"not valid TOML: {exc}",
                                "fix the syntax (a text needs quotes: name = \"Aarhus Kommune\")")]) from None
    lines = _lines(text)
    answers, problems = Answers(comments={n: c for n, (_, c) in lines.items() if c}), []
    unknown = data.pop(UNKNOWN_KEY, [])
    if not (isinstance(unknown, list) and all(isinstance(n, str) for n in unknown)):
        problems.append(Problem(str(path), lines.get(UNKNOWN_KEY, (0, ""))[0], UNKNOWN_KEY,
                                "must be a list of question names", f'write e.g. {UNKNOWN_KEY} = ["unlock_today"]'))
        unknown = []
    flat = {}
    for name, value in data.items():
        if name in TABLES and isinstance(value, dict):
            flat.update({f"{name}.{key}": item for key, item in value.items()})
        else:
            flat[name] = value
    for name in unknown:
        flat.setdefault(name, UNKNOWN)
    for name, value in flat.items():
        line = lines.get(name, lines.get(UNKNOWN_KEY, (0, "")))[0]
        question = BY_NAME.get(name)
        if question is None:
            close = difflib.get_close_matches(name, list(BY_NAME), n=1, cutoff=0.8)
            if close or "." in name:
                problems.append(Problem(str(path), line, name, "no question has this name"
                                        + (f" – did you mean '{close[0]}'?" if close else ""),
                                        "use the names of a profile written by `oir-bpmn init --defaults`"))
            else:
                answers.extra[name] = value  # a setting of the municipality's own: kept
            continue
        try:
            answers.values[name] = question.check(value)
        except ValueError as exc:
            problems.append(Problem(str(path), line, name, str(exc), f"question: {question.text}"))
    if problems:
        raise DSLError(problems)
    return answers


def _lines(text: str) -> dict[str, tuple[int, str]]:
    """Setting name (dotted inside a table) → (line number, the comment after its value)."""
    found, table = {}, ""
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE.match(line)
        if header:
            table = header[1] + "."
        key = _KEY.match(line)
        if key:
            found[table + key[1]] = (number, line_comment(line))
    return found


def render_profile(answers: Answers, path: str) -> str:
    """The profile TOML of ``answers`` to be saved at ``path``: a header, the "ved ikke" list, then
    every question's answer under its question, grouped by the task text's themes, then the
    tables of numbers and any settings of the municipality's own."""
    values, comments = answers.values, answers.comments
    name = values.get("name")
    name = name if isinstance(name, str) else "Kommunen"
    unknown = [q for q in QUESTIONS if values.get(q.name) is UNKNOWN]
    out = [f"# Kommuneprofil: {name}",
           "#",
           "# Skrevet af `oir-bpmn init`: hvert svar står under sit spørgsmål fra opgaven \"Kortlæg",
           "# arbejdsgange for brug af ØiR-integrationen i kommunen\". Ret svarene her, eller kør",
           f"# `oir-bpmn init -o {path}` igen (de nuværende svar er så standardsvarene).",
           "#",
           f"# Byg workshoppakken:  {pack_command(path)}",
           "",
           "# Spørgsmål, kommunen endnu ikke kan svare på (\"ved ikke\"): modellerne bruger indtil da",
           "# standardværdien (se README), og workshoppakken viser dem som åbne spørgsmål.",
           f"{UNKNOWN_KEY} = [" + ("" if unknown else "]")]
    out += [f"    {toml_value(q.name)},  # {q.text}" for q in unknown]
    out += ["]"] if unknown else []
    tables: dict[str, list[str]] = {}
    section = None
    for question in QUESTIONS:
        table, _, key = question.name.rpartition(".")
        lines = tables.setdefault(table, []) if table else out
        if not table and question.theme != section:
            section = question.theme
            out += ["", f"# ── {SECTIONS[section]}"]
        lines += ["", f"# {question.text}", f"# {question.explain}"]
        if question.kind == "enum":
            lines += [f'#   "{value}": {label}' for value, label in question.choices]
        value = values.get(question.name, UNKNOWN)
        if value is UNKNOWN:
            lines.append(f"# {key or question.name} = …  (ved ikke: se {UNKNOWN_KEY} øverst)")
        else:
            comment = comments.get(question.name)
            lines.append(f"{key or question.name} = {toml_value(value)}" + (f"  # {comment}" if comment else ""))
    own = {n: v for n, v in answers.extra.items() if not isinstance(v, dict)}
    if own:
        out += ["", "# ── Kommunens egne indstillinger"]
        out += [f"{n} = {toml_value(v)}" + (f"  # {comments[n]}" if comments.get(n) else "") for n, v in own.items()]
    for table in TABLES:  # a table of "ved ikke" only is left out: its entries are listed at the top
        answered = any(not line.startswith("#") for line in tables.get(table, []) if line)
        out += ["", f"[{table}]" if answered else f"# [{table}]"] + tables.get(table, [])
    for table, entries in answers.extra.items():
        if isinstance(entries, dict):
            out += ["", f"[{table}]"] + [f"{k} = {toml_value(v)}" for k, v in entries.items()]
    return "\n".join(out) + "\n"


def toml_value(value) -> str:
    """``value`` as TOML: texts as basic strings (JSON's escapes are TOML's), whole floats as integers."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def pack_command(profile_path: str) -> str:
    """The one command that builds the workshop pack of the profile at ``profile_path``."""
    return f"oir-bpmn pack processes/ --profile {profile_path} -o output/kommuner/"


def defaults(profile_answers: Answers | None = None) -> Answers:
    """Every question's default answer, or the answer in ``profile_answers`` (an existing profile)."""
    base = Answers(values={q.name: q.default for q in QUESTIONS if q.default is not None})
    if profile_answers:
        base.values.update(profile_answers.values)
        base.comments.update(profile_answers.comments)
        base.extra.update(profile_answers.extra)
    return base

