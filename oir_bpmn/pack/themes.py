"""The seven themes of the KOMBIT task (Master-opgave ID 24): their names and questions, in Danish.

One place for the task text's numbered questions, so the report and the slides quote them alike.
"""
from __future__ import annotations

from dataclasses import dataclass

TASK_TITLE = "Kortlæg arbejdsgange for brug af ØiR-integrationen i kommunen"
TASK_RESULT = ("At kommunen har overvejet de konsekvenser, ØiR-integrationen får på nuværende "
               "og fremtidige tidspunkt.")
PARTICIPANTS = "Projektleder, biblioteksfolk, debitor-/økonomimedarbejdere og ØiR-koordinator"


@dataclass(frozen=True)
class Theme:
    """One numbered question of the task text."""

    number: int
    name: str
    question: str
    detail: str


THEMES = {theme.number: theme for theme in (
    Theme(1, "Betalingskanaler",
          "Hvilke betalingsmuligheder har borgerne, og hvordan er de sat op hos os?",
          "Hvordan modtager vi i dag betalinger fra borgerne på biblioteksmellemværender? Tager vi "
          "imod kontanter, kort o.l. og registrerer manuelt? Kan man betale i 3. parts produkter: "
          "afleveringsmaskiner, på hjemmeside via DDB-CMS, i app'en? Lægger vi manuelt "
          "mellemværender over i debitorsystemet? Hvilke muligheder kan vi understøtte fremover, "
          "og hvilke ønsker vi som kommune at tilbyde?"),
    Theme(2, "Blokerede lånere",
          "Hvordan håndterer vi i dag borgere, der ikke kan låne, fordi deres udeståender er for store?",
          "Hvis det i dag håndteres som en manuel proces, hvor borgeren kan betale, hvorefter "
          "personalet låser kontoen op, så skal man overveje, hvordan denne proces skal være fremover."),
    Theme(3, "Opkrævning og rykkere",
          "Hvordan håndterer vi opkrævning og rykkere i dag?",
          "Sender vi SMS'er, mails, breve til e-Boks osv., og hvilke informationer ligger der heri? "
          "Skal vi fortsat udsende saldoopgørelser mv. eller overlade denne del til debitorsystemet?"),
    Theme(4, "Oprettelse af lånere",
          "Hvordan opretter vi lånere?",
          "Mellemværender kan kun overføres til debitorsystemet, hvis låneren har et CPR-nummer, et "
          "CVR-nummer eller et erstatnings-CPR-nr. Det gælder lånere uden CPR-nr., mindreårige "
          "lånere (økonomisk ansvarlig) og virksomheder (CVR-, evt. P- og EAN-nummer)."),
    Theme(5, "Afstemning",
          "Hvordan håndteres afstemning?",
          "Arbejdsopgaver på bibliotekerne omkring afstemning og håndtering af kontanter, "
          "MobilePay-indbetalinger mv. skal udgå og erstattes af processer i "
          "debitor-/økonomiafdelingen."),
    Theme(6, "Overvågning af fejl",
          "Hvordan håndteres overvågning af forretningsmæssige fejl i integrationen?",
          "I FBS bliver der oprettet opgaver, når noget fejler; de skal behandles, og der skal "
          "kommunikeres med de ansvarlige for debitorfunktionen og evt. Systematics support."),
    Theme(7, "Lånere uden CPR-nr.",
          "Hvordan skal mellemværender for lånere uden CPR-nr. håndteres fremover, hvis vi ikke "
          "ønsker eller ikke kan slå erstatnings-CPR-nr. til?",
          "Husk det også i kommunikationen og de øvrige arbejdsgange."),
)}
"""The task text's questions by theme number (1–7)."""


def theme(number: int | None, fallback_title: str = "") -> Theme:
    """The theme with ``number``; a model without a known theme gets its own title as the name."""
    if number in THEMES:
        return THEMES[number]
    return Theme(number or 0, fallback_title or "Øvrige processer", "", "")
