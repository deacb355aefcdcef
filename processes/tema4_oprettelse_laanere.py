"""Tema 4 – Oprettelse af lånere.

Seed question 4: "Hvordan opretter vi lånere?" A debt can only be transferred to the debtor system
with a CPR number, a CVR number or a substitute CPR (erstatnings-CPR, first digit 6–9).

current: borrowers are created with whatever identity they have; minors (with or without CPR)
sometimes with a parent noted; companies and other libraries by name and address.
future: a known CPR is typed correctly; minors – also those without CPR – get an economically
responsible adult (økonomisk ansvarlig); companies and other libraries get CVR, P-number and EAN.
Whether the municipality wants substitute CPR is a one-off configuration decision
(tema7_beslutning); here FBS checks "Er erstatnings-CPR slået til i FBS?", with the profile's
answer (``substitute_cpr``) as a note: if on, FBS generates one from the birth date for new borrowers
and assigns one to existing borrowers when a debt is transferred (name and address are sent
along, if the birth date is known – the same rule as in theme 7); if off, these borrowers are
handled as decided in theme 7.
"""
from _decisions import SUBSTITUTE_CPR_ON, answer

from oir_bpmn import process

KEY = "tema4_oprettelse_laanere"
POOL = "Kommunen"


@process("Oprettelse af lånere – i dag", variant="current", theme=4, key=KEY, pool=POOL)
def oprettelse_i_dag(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")

    hvor = laaner.decide("Hvordan bliver låneren oprettet?", key="hvor")
    type_ = bib.decide("Hvilken type låner?", key="type").question(
        "Hvordan opretter vi lånere i dag – og hvilke oplysninger registrerer vi?")
    mindreaarig = bib.decide("Er låneren under 18 år?", key="mindreaarig")
    opret = fbs.service("Opretter lånerkonto", key="opret_konto")

    laaner.start("Ny låner vil låne", key="ny_laaner") >> hvor
    (hvor.when("Selv på hjemmesiden")
        >> laaner.user("Opretter sig på bibliotekets hjemmeside med MitID", key="selvoprettelse")
        .assumption("CPR-nummeret kommer fra MitID og skal ikke tastes.")
        >> opret)
    hvor.when("Ved skranken") >> type_
    (type_.when("Borger med CPR")
        >> bib.user("Indtaster CPR-nummer i FBS", key="cpr")
        .assumption("CPR-nummeret tastes i dag uden særlig kontrol; fejl opdages først, når nogen skal opkræve.")
        >> mindreaarig)
    (type_.when("Borger uden CPR")
        >> bib.user("Opretter låner med navn, adresse og fødselsdato", key="uden_cpr")
        .assumption("Fx udenlandske borgere og studerende uden dansk CPR-nummer.")
        >> mindreaarig)
    (mindreaarig.when("Ja")
        >> bib.manual("Noterer evt. en forælder på lånerkontoen", key="oekonomisk_ansvarlig")
        .question("Registrerer vi i dag en økonomisk ansvarlig for mindreårige – altid, nogle gange, aldrig?")
        >> opret)
    mindreaarig.otherwise("Nej") >> opret
    (type_.otherwise("Virksomhed eller andet bibliotek")
        >> bib.user("Opretter låner med navn og adresse (evt. CVR-nummer)", key="cvr")
        >> opret)
    (opret
        >> bib.manual("Udleverer lånerkort og lånerregler", key="laanerkort")
        >> laaner.end("Låner er oprettet", key="oprettet"))


@process("Oprettelse af lånere – fremover", variant="future", theme=4, key=KEY, pool=POOL)
def oprettelse_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")

    hvor = laaner.decide("Hvordan bliver låneren oprettet?", key="hvor")
    type_ = bib.decide("Hvilken type låner?", key="type").from_task(
        "Mellemværender kan kun overføres til debitorsystemet, hvis de enten har et CPR-nummer, et "
        "CVR-nummer eller et såkaldt erstatnings CPR-nr.")
    mindreaarig = bib.decide("Er låneren under 18 år?", key="mindreaarig")
    opret = fbs.service("Opretter lånerkonto", key="opret_konto")
    # Whether the municipality wants substitute CPR is decided once (tema7_beslutning); per
    # borrower FBS only checks the configuration.
    slaaet_til_ny = fbs.decide(SUBSTITUTE_CPR_ON, key="erstatnings_cpr_ny")
    slaaet_til_ny.from_task("Om kommunen ønsker erstatnings-CPR, kan det opsættes med en konfigurering i FBS; "
                            "det understøttes på nuværende tidspunkt kun fuldt af KMD Opus.")
    slaaet_til_ny.note(answer(profile, "substitute_cpr", "ja", "nej"))

    # --- New borrowers.
    laaner.start("Ny låner vil låne", key="ny_laaner") >> hvor
    (hvor.when("Selv på hjemmesiden")
        >> laaner.user("Opretter sig på bibliotekets hjemmeside med MitID", key="selvoprettelse")
        .assumption("CPR-nummeret kommer fra MitID og skal ikke tastes.")
        >> mindreaarig)
    hvor.when("Ved skranken") >> type_
    (type_.when("Borger med kendt CPR")
        >> bib.user("Indtaster CPR-nummeret korrekt i FBS", key="cpr")
        .from_task("Hvis man kender CPR-nummeret, er det vigtigt at få det skrevet korrekt, da "
                   "debitorsystemet så kan samle opkrævninger mv. og sende dem til de korrekte personer via eboks.")
        >> mindreaarig)
    (type_.when("Borger uden CPR")
        >> bib.user("Registrerer fødselsdato, navn og adresse", key="uden_cpr")
        >> slaaet_til_ny)
    (slaaet_til_ny.when("Ja")
        >> fbs.service("Genererer erstatnings-CPR ud fra fødselsdatoen", key="generer_erstatnings_cpr")
        .from_task("Et erstatnings CPR-nr er et fiktivt CPR-nr, der starter med et ciffer 6-9. Nye lånere vil "
                   "FBS generere et erstatnings-CPR-nr. for, når de oprettes (ud fra lånerens fødselsdato).")
        >> mindreaarig)
    slaaet_til_ny.otherwise("Nej (se tema 7)") >> mindreaarig
    (mindreaarig.when("Ja")
        >> bib.user("Registrerer økonomisk ansvarlig (forælder eller værge)", key="oekonomisk_ansvarlig")
        .from_task("Mellemværender for mindreårige lånere kan kun inddrives, hvis den mindreårige har en "
                   "økonomisk ansvarlig registreret.")
        .question("Hvordan sikrer vi, at der altid registreres en økonomisk ansvarlig – også for "
                  "mindreårige uden CPR?")
        .question("En mindreårig, der opretter sig selv med MitID, kommer ikke forbi skranken: hvem registrerer "
                  "så den økonomisk ansvarlige, og hvordan?")
        >> opret)
    mindreaarig.otherwise("Nej") >> opret
    (type_.otherwise("Virksomhed eller andet bibliotek")
        >> bib.user("Registrerer CVR-nummer", key="cvr")
        >> bib.user("Registrerer P-nummer og EAN-nummer", key="p_ean")
        .from_task("Et CVR-nummer er ikke altid nok; registrér derfor evt. også et P-nummer samt et EAN-nummer.")
        >> opret)
    (opret
        >> bib.manual("Udleverer lånerkort og lånerregler", key="laanerkort")
        >> laaner.end("Låner er oprettet", key="oprettet"))

    # --- Existing borrowers when a debt is transferred.
    identitet = fbs.decide("Har låneren CPR, CVR eller erstatnings-CPR?", key="identitet")
    slaaet_til = fbs.decide(SUBSTITUTE_CPR_ON, key="erstatnings_cpr_slaaet_til")
    slaaet_til.note(answer(profile, "substitute_cpr", "ja", "nej"))
    # The same rule as in theme 7: without a birth date no substitute CPR.
    foedselsdato = fbs.decide("Kendes lånerens fødselsdato?", key="erstatning_mulig").assumption(
        "Erstatnings-CPR dannes ud fra fødselsdatoen; uden fødselsdato kan der ikke tildeles et.")
    kan_ikke = fbs.service("Opretter opgave: mellemværendet kan ikke oversendes", key="kan_ikke_oversendes")
    oversend = fbs.service("Oversender mellemværendet til debitorsystemet", key="oversend")
    (fbs.start("Mellemværende klar til oversendelse", key="oversendes", event="message")
        >> identitet)
    identitet.when("Ja") >> oversend
    identitet.otherwise("Nej") >> slaaet_til
    slaaet_til.when("Ja") >> foedselsdato
    (foedselsdato.otherwise("Nej")
        >> bib.user("Indhenter lånerens fødselsdato", key="indhent_foedselsdato")
        .question("Hvem indhenter fødselsdatoen, når en eksisterende låner uden CPR mangler den?")
        >> bib.end("Oversendes, når fødselsdatoen er registreret", key="afventer_foedselsdato"))
    (foedselsdato.when("Ja")
        >> fbs.service("Tildeler eksisterende låner et erstatnings-CPR", key="tildel_erstatnings_cpr")
        .from_task("Eksisterende lånere uden CPR-nr. får tildelt et erstatnings-CPR-nr., når der oversendes "
                   "et mellemværende til debitorsystemet.")
        >> fbs.service("Sender navn og adresse fra FBS med", key="navn_adresse")
        .question("Databeskyttelse: CPR-nummer, den økonomisk ansvarliges CPR-nummer, navn og adresse sendes nu "
                  "til debitorsystemet – skal bibliotekets privatlivserklæring opdateres, og er DPO'en inddraget?")
        >> oversend)
    slaaet_til.otherwise("Nej") >> kan_ikke
    (kan_ikke
        .assumption("FBS opretter en opgave, når et mellemværende ikke kan oversendes.")
        >> bib.end("Håndteres som besluttet i tema 7", key="tema7"))
    (oversend
        >> debitor.service("Samler fordringer på samme CPR/CVR", key="saml")
        >> debitor.end("Fordringen er oprettet i debitorsystemet", key="fordring_oprettet"))
