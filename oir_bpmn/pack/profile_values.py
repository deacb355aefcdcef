"""A profile's values for people: Danish labels, and which values still have to be confirmed.

A value is to be confirmed when its line in the TOML file carries a comment with "eksempel"
(``debtor_system = "SAP"  # eksempel – bekræft``) or when the file does not set it at all (then
the built-in default applies). A value the municipality answered "ved ikke" to (listed in
``ved_ikke``) is an open question: its status is "Spørgsmål: " and the question ``init`` asks.
The workload figures (``[volumes]``, ``[staff]``, ``fte_hours``) follow the settings when the
file gives them; left out, they are not asked about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import dept_name
from ..profile import CHOICES, STANDARD, Profile
from ..questions import question_text

LABELS = {
    "name": "Kommune",
    "debtor_system": "Debitorsystem",
    "payment_solutions": "Betalingsløsninger",
    "payment_forms": "Tilkøbte betalingsformer",
    "safepay": "Bruger SafePay",
    "safepay_integrated": "SafePay integreret med debitorsystemet",
    "substitute_cpr": "Erstatnings-CPR slået til i FBS",
    "reminder_channels": "Kanaler til opkrævning og rykkere",
    "balance_statements": "Biblioteket sender saldoopgørelser",
    "desk_payment": "Skranken tager fortsat imod betaling",
    "desk_payment_today": "I dag: skranken tager imod kontanter og kort og registrerer manuelt",
    "channels_today": "I dag: betaling i 3. parts produkter",
    "manual_transfer_today": "I dag: mellemværender lægges manuelt over i debitorsystemet",
    "unlock_today": "I dag: sådan låses en blokeret låner op",
    "minor_guardian_today": "I dag: mindreårige får altid en økonomisk ansvarlig",
    "company_ids_today": "I dag: numre registreret for virksomheder",
    "reconciles_today": "I dag: afstemmer kontanter og MobilePay",
    "fbs_monitor": "Overvåger FBS' opgaver fremover",
}
"""Danish label of every profile setting."""

TABLE_LABELS = {"volumes": "Sager om året", "staff": "Årsværk"}
CONFIRM = "eksempel – bekræft"
DEFAULT_NOTE = "standardværdi, ikke sat i profilen – bekræft"
QUESTION = "Spørgsmål: "
UNKNOWN_VALUE = "ved ikke"
_SETTING = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=")


@dataclass(frozen=True)
class ProfileValue:
    """One setting: its name, Danish label, value as text, and why it must be confirmed (or "")."""

    name: str
    label: str
    value: str
    confirm: str
    comment: str


def value_text(value, name: str = "") -> str:
    """``True`` → ``Ja``, a list → ``"a, b"``, a choice (setting ``name``) → its meaning, anything
    else as written."""
    if name in CHOICES and value in CHOICES[name]:
        return CHOICES[name][value]
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "(ingen)"
    return str(value)


def line_comments(text: str) -> dict[str, str]:
    """Setting name → the comment on its line (after a ``#`` outside quotes)."""
    comments = {}
    for line in text.splitlines():
        match = _SETTING.match(line)
        if match:
            comments[match[1]] = line_comment(line)
    return comments


def line_comment(line: str) -> str:
    """The comment of one TOML line (after a ``#`` outside quotes), or ""."""
    quote, i = None, 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1  # skip the escaped character
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[i + 1:].strip()
        i += 1
    return ""


def profile_values(profile: Profile, path: Path | None) -> list[ProfileValue]:
    """Every standard setting of ``profile`` in declaration order, then the municipality's own;
    ``path`` is the TOML file it came from."""
    comments = line_comments(Path(path).read_text(encoding="utf-8")) if path else {}
    values = []
    settings = [(name, getattr(profile, name)) for name in STANDARD] + list(profile.custom)
    for name, value in settings:
        comment = comments.get(name)
        if profile.is_unknown(name):
            values.append(ProfileValue(name, LABELS.get(name, name), f"{UNKNOWN_VALUE} (indtil da: {value_text(value, name)})",
                                       QUESTION + question_text(name), ""))
            continue
        if comment is None:
            confirm = DEFAULT_NOTE
        elif "eksempel" in comment.casefold():
            confirm = CONFIRM
        else:
            confirm = ""
        values.append(ProfileValue(name, LABELS.get(name, name), value_text(value, name), confirm, comment or ""))
    figures = [(f"volumes.{key}", key, f"Sager om året: {key}", n) for key, n in profile.volumes]
    figures += [(f"staff.{dept}", dept, f"Årsværk på opgaverne: {dept_name(dept)}", n) for dept, n in profile.staff]
    if "fte_hours" in comments:
        figures.append(("fte_hours", "fte_hours", "Timer pr. årsværk", profile.fte_hours))
    for name, line_name, label, number in figures:
        comment = comments.get(line_name, "")
        values.append(ProfileValue(name, label, f"{number:g}".replace(".", ","),
                                   CONFIRM if "eksempel" in comment.casefold() else "", comment))
    values += [ProfileValue(name, _entry_label(name), UNKNOWN_VALUE, QUESTION + question_text(name), "")
               for name in profile.unknown if name not in STANDARD]  # e.g. volumes.<key>
    return values


def _entry_label(name: str) -> str:
    """"Sager om året: tema2_blokerede_laanere" for ``volumes.tema2_blokerede_laanere``, and so on."""
    table, _, key = name.partition(".")
    return f"{TABLE_LABELS[table]}: {key}" if key and table in TABLE_LABELS else LABELS.get(name, name)


def open_questions(values: list[ProfileValue]) -> list[str]:
    """The questions the municipality answered "ved ikke" to, as "Spørgsmål: …"."""
    return [value.confirm for value in values if value.confirm.startswith(QUESTION)]
