"""The questionnaire of ``oir-bpmn init``: the task text's seven questions, in its order, as the
profile settings they answer, each with one line of explanation from the task text.

``Question.parse`` checks an answer typed as text, ``Question.check`` one read from a TOML file;
both raise ``ValueError`` with a Danish message saying what to write instead. "ved ikke" is
``UNKNOWN`` everywhere: it is never replaced by a default here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import not_xml
from .pack.themes import THEMES
from .profile import DEFAULT_PROFILE, MONITORS, RECONCILERS, UNLOCK


class _Unknown:
    """The answer "ved ikke"."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()
UNKNOWN_WORDS = ("ved ikke", "?")
"""What a person may type for "ved ikke" (any case)."""
FTE_HOURS = 1924
"""Hours in one full-time year (the workload issue's default)."""


@dataclass(frozen=True)
class Question:
    """One question: the setting it answers, the theme (0: before the seven), the question as
    the task text asks it, one line of explanation, its kind and, for choices, the known answers
    (value → Danish label)."""

    name: str
    theme: int
    text: str
    explain: str
    kind: str  # "text", "choice" (one of choices, or "other" text), "enum" (one of choices), "multi", "bool", "int", "float"
    choices: tuple[tuple[str, str], ...] = ()
    default: object = None
    required: bool = True  # multi: at least one; text: "ved ikke" is no answer either

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.choices)

    def parse(self, raw: str):
        """The value of the answer typed as ``raw``; ``ValueError`` with a helpful message."""
        raw = raw.strip()
        if raw.casefold() in UNKNOWN_WORDS:
            return self.check(UNKNOWN)
        if self.kind == "bool":
            word = raw.casefold()
            if word in ("ja", "j", "yes", "y"):
                return True
            if word in ("nej", "n", "no"):
                return False
            raise ValueError("svar ja, nej eller ved ikke")
        if self.kind in ("int", "float"):
            return self.check(_number(raw, self.kind))
        if self.kind == "multi":
            return self.check([part.strip() for part in raw.split(",") if part.strip()])
        return self.check(raw)

    def check(self, value):
        """``value`` (as read from TOML, or parsed) if it is a valid answer; else ``ValueError``."""
        if value is UNKNOWN or (isinstance(value, str) and value.strip().casefold() in UNKNOWN_WORDS):
            if self.kind == "text" and self.required:
                raise ValueError("skal skrives; her er ved ikke ikke et svar")
            return UNKNOWN
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError("skal være true (ja) eller false (nej)")
            return value
        if self.kind in ("int", "float"):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                    self.kind == "int" and not float(value).is_integer()):
                raise ValueError("skal være et helt tal, fx 1200" if self.kind == "int"
                                 else "skal være et tal, fx 2,5")
            if value < 0:
                raise ValueError("kan ikke være negativt")
            return int(value) if self.kind == "int" else float(value)
        if self.kind == "multi":
            if not (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
                raise ValueError("skal være en liste af tekster")
            value = list(dict.fromkeys(v.strip() for v in value if v.strip()))
            if self.required and not value:
                raise ValueError("vælg mindst én (eller ved ikke)")
            for item in value:
                _plain_text(item)
            return value
        if not isinstance(value, str):
            raise ValueError("skal være en tekst")
        value = _plain_text(value.strip())
        if not value:
            raise ValueError("skriv et svar (eller ved ikke)")
        if self.kind == "enum" and value not in self.labels:
            raise ValueError("vælg en af: " + "; ".join(f'"{key}" ({label})' for key, label in self.choices))
        return value


def _number(raw: str, kind: str):
    text = raw.replace(" ", "").replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw) else raw
    try:
        return int(text) if kind == "int" else float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{raw!r} er ikke " + ("et helt tal, fx 1200" if kind == "int" else "et tal, fx 2,5")
                         + " (eller skriv ved ikke)") from None


def _plain_text(text: str) -> str:
    bad = not_xml(text)
    if bad:
        raise ValueError(f"teksten indeholder et tegn, der ikke kan stå i en BPMN-fil ({bad!r})")
    return text


def _known(*values: str) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)


D = DEFAULT_PROFILE
VOLUME = "Antal sager om året; bruges til at beregne arbejdsbyrden. Et skøn er godt nok."
QUESTIONS: tuple[Question, ...] = (
    Question("name", 0, "Hvad hedder kommunen?", "Navnet står i diagrammer, rapport og slides.", "text"),
    # 1. Betalingskanaler
    Question("desk_payment_today", 1, "Tager vi imod kontanter, kort o.l. og registrerer manuelt?",
             "Hvordan modtager vi i dag betalinger fra borgerne på biblioteksmellemværender?", "bool",
             default=D.desk_payment_today),
    Question("channels_today", 1, "Kan man i dag betale i 3. parts produkter?",
             "Afleveringsmaskiner, på hjemmeside via DDB-CMS, i app'en (vælg dem, I har i dag).", "multi",
             _known("Afleveringsmaskiner", "Hjemmesiden (DDB-CMS)", "App'en"), D.channels_today, required=False),
    Question("manual_transfer_today", 1, "Lægger vi manuelt mellemværender over i debitorsystemet?",
             "Fremover oversender FBS mellemværendet selv (ØiR 3).", "bool", default=D.manual_transfer_today),
    Question("debtor_system", 1, "Hvilket debitorsystem bruger kommunen?",
             "Afklares med debitor-/økonomiafdelingen; erstatnings-CPR understøttes i dag kun fuldt af KMD Opus.",
             "choice", _known("KMD Opus", "SAP", "Prisme"), D.debtor_system),
    Question("payment_solutions", 1, "Hvilke betalingsløsninger vil og kan kommunen tilbyde?",
             "Fx Min Betalingsoversigt, Mit betalingsoverblik eller indbetaling af girokort.", "multi",
             _known("Mit betalingsoverblik", "Min Betalingsoversigt", "Girokort"), D.payment_solutions),
    Question("payment_forms", 1, "Hvilke betalingsformer er tilkøbt i disse løsninger?",
             "Selvom løsningen kan understøtte fx Mastercard, er det ikke sikkert, kommunen har en aftale.",
             "multi", _known("Dankort", "Visa", "Mastercard", "MobilePay"), D.payment_forms),
    Question("safepay", 1, "Bruger kommunen SafePay?",
             "Både Frederiksberg og København bruger SafePay.", "bool", default=D.safepay),
    Question("safepay_integrated", 1, "Er kommunens SafePay integreret med debitorsystemet?",
             "Kun da kan SafePay bruges til biblioteksmellemværender (Københavns er ikke).", "bool",
             default=D.safepay_integrated),
    Question("desk_payment", 1, "Skal skranken fortsat tage imod betaling fremover?",
             "Hvilke muligheder kan vi understøtte fremover, og hvilke ønsker vi som kommune at tilbyde?",
             "bool", default=D.desk_payment),
    Question("volumes.tema1_betalingskanaler", 1, "Hvor mange betalinger af mellemværender er der om året?",
             VOLUME, "int", default=UNKNOWN),
    Question("volumes.tema1_betalingsmuligheder", 1, "Hvor mange gange om året gennemgår I betalingsløsningerne?",
             VOLUME, "int", default=UNKNOWN),
    # 2. Blokerede lånere
    Question("unlock_today", 2, "Hvordan låser vi i dag en låner op, der er blokeret?",
             "Borgere, der ikke kan låne, fordi deres udeståender er for store.", "enum",
             tuple(UNLOCK.items()), D.unlock_today),
    Question("volumes.tema2_blokerede_laanere", 2, "Hvor mange blokerede lånere låses op om året?",
             VOLUME, "int", default=UNKNOWN),
    # 3. Opkrævning og rykkere
    Question("reminder_channels", 3, "Sender vi i dag SMS'er, mails, breve til e-Boks osv.?",
             "Hvordan håndterer vi opkrævning og rykkere i dag (vælg kanalerne)?", "multi",
             _known("SMS", "e-mail", "e-Boks", "Brev"), D.reminder_channels),
    Question("balance_statements", 3, "Vil biblioteket fortsat udsende saldoopgørelser?",
             "Eller overlades denne del til debitorsystemet?", "bool", default=D.balance_statements),
    Question("volumes.tema3_opkraevning_rykkere", 3, "Hvor mange rykkerforløb er der om året?",
             VOLUME, "int", default=UNKNOWN),
    Question("volumes.tema3_aendring", 3, "Hvor mange mellemværender ændres om året, efter de er oversendt?",
             "Fx materiale afleveret for sent, et rettet gebyr eller en indsigelse, der får medhold. " + VOLUME,
             "int", default=UNKNOWN),
    Question("volumes.tema3_tilbagebetaling", 3, "Hvor mange tilbagebetalinger (fx dobbeltbetalinger) er der om året?",
             VOLUME, "int", default=UNKNOWN),
    Question("volumes.tema3_afskrivning", 3, "Hvor mange biblioteksfordringer afskrives om året?",
             VOLUME, "int", default=UNKNOWN),
    Question("volumes.tema3_henvendelser", 3, "Hvor mange henvendelser om oversendte mellemværender er der om året?",
             VOLUME, "int", default=UNKNOWN),
    # 4. Oprettelse af lånere
    Question("minor_guardian_today", 4, "Registrerer vi i dag altid en økonomisk ansvarlig for mindreårige?",
             "Mellemværender for mindreårige kan kun inddrives, hvis der er en økonomisk ansvarlig.", "bool",
             default=D.minor_guardian_today),
    Question("company_ids_today", 4, "Hvilke numre registrerer vi i dag for virksomheder og andre biblioteker?",
             "Et CVR-nummer er ikke altid nok; evt. også P-nummer og EAN-nummer.", "multi",
             _known("CVR", "P-nummer", "EAN-nummer"), D.company_ids_today, required=False),
    Question("volumes.tema4_oprettelse_laanere", 4, "Hvor mange lånere oprettes om året?",
             VOLUME, "int", default=UNKNOWN),
    # 5. Afstemning
    Question("reconciles_today", 5, "Hvem afstemmer i dag kontanter og MobilePay-indbetalinger?",
             "Afstemning på bibliotekerne skal udgå og overtages af debitor-/økonomiafdelingen.", "enum",
             tuple(RECONCILERS.items()), D.reconciles_today),
    # 6. Overvågning af fejl
    Question("fbs_monitor", 6, "Hvem skal overvåge de opgaver, FBS opretter, når integrationen fejler?",
             "En ny opgave: behandle fejl og tale med debitorfunktionen og evt. Systematics support.", "enum",
             tuple(MONITORS.items()), D.fbs_monitor),
    Question("volumes.tema6_overvaagning_fejl", 6, "Hvor mange fejlede oversendelser venter I om året?",
             VOLUME, "int", default=UNKNOWN),
    # 7. Lånere uden CPR-nr.
    Question("substitute_cpr", 7, "Vil kommunen slå erstatnings-CPR-nr. til i FBS?",
             "Lånere uden CPR-nr. kan så få et fiktivt CPR-nr. (starter med 6–9); kræver konfiguration i FBS.",
             "bool", default=D.substitute_cpr),
    Question("volumes.tema7_laanere_uden_cpr", 7, "Hvor mange lånere uden CPR-nr. får mellemværender om året?",
             VOLUME, "int", default=UNKNOWN),
    # the workload: staff per department
    Question("staff.library", 8, "Hvor mange årsværk arbejder i biblioteket med betalinger?",
             "Årsværk (fx 1,5) i biblioteket; bruges til at beregne arbejdsbyrden.", "float", default=UNKNOWN),
    Question("staff.finance", 8, "Hvor mange årsværk i debitor-/økonomiafdelingen arbejder med bibliotekskrav?",
             "Årsværk (fx 0,5) i debitor-/økonomiafdelingen.", "float", default=UNKNOWN),
    Question("staff.coordination", 8, "Hvor mange årsværk har ØiR-koordinatoren til opgaven?",
             "Årsværk (fx 0,2).", "float", default=UNKNOWN),
    Question("fte_hours", 8, "Hvor mange timer er et årsværk?",
             f"Standard er {FTE_HOURS} timer.", "float", default=float(FTE_HOURS)),
)
"""Every question in the order ``init`` asks them (the task text's order)."""

BY_NAME = {q.name: q for q in QUESTIONS}
SECTIONS = {0: "Kommunen", **{n: f"{n}. {t.question}" for n, t in THEMES.items()}, 8: "Ressourcer"}
"""The heading of each theme's questions (8: the staff for the workload)."""


def question_text(name: str) -> str:
    """The question that answers setting ``name`` (``name`` itself when none does)."""
    return BY_NAME[name].text if name in BY_NAME else name
