"""The workshop's fixed texts, from the KOMBIT task text: pre-reading, the closing checklist,
where the pack answers each of the seven questions, the citizen-facing texts that change, and
a small glossary (the models' own glossary in processes/README.md wins when it has one)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

NOTAT_URL = ("https://kombit.dk/sites/default/files/user_upload/documents/Bibliotekssystem/Debitormateriale/"
             "Notat%20vedr.%20betaling%20af%20mellemv%C3%A6render%20p%C3%A5%20biblioteksomr%C3%A5det.pdf")
PRE_READING = (
    ("KOMBIT: Notat vedr. betaling af mellemværender på biblioteksområdet", NOTAT_URL),
    ("USM0063 Quick guide – Integration til ØiR 3 (Cicero Connect: Quickguides – Opsætning – "
     "Integration til ØiR 3)", ""),
)
"""What the task text asks the participants to read first: (title, address or "")."""

CLOSING_STEPS = (
    "Nøglebeslutningerne er truffet eller har en ansvarlig og en frist (beslutninger.xlsx).",
    "RACI for de nye og flyttede opgaver er bekræftet af afdelingerne.",
    "Debitor-/økonomiafdelingen har fået bibliotekskravene: start KLIK-opgaven \"Opsæt regler i debitor\".",
    "Teksterne til borgerne er ajourført (arket Kommunikation).",
    "Planen for overgangen har datoer (skranke, MobilePay, gamle mellemværender).",
    "Overvågningen af opgaverne i FBS har en ansvarlig og en stedfortræder.",
    "Markér opgaven som fuldført i KLIK.",
)
"""The closing checklist; the task text's own last step is last."""
FOLLOW_ON = "Opsæt regler i debitor"


@dataclass(frozen=True)
class Communication:
    """A text citizens see that changes: where it is, what changes, its theme, who writes it."""

    where: str
    change: str
    theme: int
    owner: str


def communications(profile) -> list[Communication]:
    """The citizen-facing texts to change for a municipality with ``profile``."""
    rows = [
        Communication("Hjemmesiden (betaling af mellemværender)", "Nye betalingskanaler; betaling sker til "
                      "kommunens debitorsystem, ikke til biblioteket.", 1, "Biblioteket"),
        Communication("Lånerreglerne", "Gebyrer og erstatningskrav opkræves af kommunen; hvornår et "
                      "mellemværende oversendes; hvornår man kan låne igen.", 2, "Biblioteket"),
        Communication("Skrankens vejledning (hvad personalet siger)",
                      "Skranken tager fortsat imod betaling." if getattr(profile, "desk_payment", False)
                      else "Skranken tager ikke længere imod betaling: henvis til betalingskanalerne.",
                      1, "Biblioteket"),
        Communication("Opkrævning og rykkere fra debitorsystemet", "Ordlyd og afsender: at kravet stammer "
                      "fra biblioteket, og hvordan man betaler.", 3, "Debitor-/økonomiafdelingen"),
        Communication("Saldoopgørelsen",
                      "Biblioteket sender fortsat saldoopgørelser: ordlyden skal passe til debitorsystemets."
                      if getattr(profile, "balance_statements", False)
                      else "Biblioteket holder op med at sende saldoopgørelser: debitorsystemet overtager.",
                      3, "Debitor-/økonomiafdelingen"),
        Communication("App'en og Min side", "Visning af mellemværender og link til betaling.", 1, "Biblioteket"),
        Communication("Besked til lånere uden CPR-nr.", "Hvordan deres mellemværender håndteres fremover "
                      "(erstatnings-CPR, spærring eller faktura).", 7, "Biblioteket"),
    ]
    return rows


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str


GLOSSARY = (
    Term("ØiR", "Økonomi i Rammearkitekturen: integrationen mellem FBS og kommunens debitorsystem."),
    Term("FBS", "Fælles Bibliotekssystem (Cicero), hvor lånere og mellemværender ligger."),
    Term("Mellemværende", "Et beløb en låner skylder biblioteket: gebyr eller erstatning."),
    Term("Debitorsystem", "Kommunens system til opkrævning (fx KMD Opus eller SAP)."),
    Term("Erstatnings-CPR", "Et nummer, FBS danner for en låner uden CPR-nr., så kravet kan overføres."),
    Term("Saldoopgørelse", "Oversigt til låneren over det, der skyldes."),
    Term("RACI", "Udfører (R), ansvarlig (A), konsulteres (C), informeres (I)."),
    Term("KLIK", "KOMBITs opgaveliste for kommunens implementering."),
)
_HEADING = re.compile(r"^#+.*\b(ordliste|glossary)\b", re.I)
_MARKUP = re.compile(r"\*\*|\*|`")
_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|")


def glossary(readme: Path | None) -> tuple[Term, ...]:
    """The glossary table under a heading naming "ordliste" or "glossary" in ``readme``
    (processes/README.md), without Markdown emphasis, else ``GLOSSARY``."""
    try:
        lines = Path(readme).read_text(encoding="utf-8").splitlines() if readme else []
    except OSError:
        lines = []
    terms, inside = [], False
    for line in lines:
        if line.startswith("#"):
            if inside:
                break
            inside = bool(_HEADING.match(line))
        elif inside and (row := _ROW.match(line)) and not set(row[1]) <= set("-: "):
            terms.append(Term(_MARKUP.sub("", row[1]).strip(), _MARKUP.sub("", row[2]).strip()))
    return tuple(terms[1:]) if len(terms) > 1 else GLOSSARY  # the first row is the table's header


def task_question_rows(data) -> list[tuple[int, str, str]]:
    """Per theme: (number, the task text's question, where the pack answers it)."""
    rows = []
    for item in data.themes:
        if not item.theme.question:
            continue
        names = "; ".join(p.name for p in item.processes) or "ingen proces endnu"
        rows.append((item.theme.number, item.theme.question,
                     f"Rapport og dias: Tema {item.theme.number} ({names}); "
                     f"beslutninger.xlsx: {len(item.of('question'))} spørgsmål, {len(item.of('decision'))} nøglebeslutninger"))
    return rows
