"""Tema 4 – Oprettelse af lånere.

Seed question 4: "Hvordan opretter vi lånere?" A debt can only be transferred to the debtor system
with a CPR number, a CVR number or a substitute CPR (erstatnings-CPR, first digit 6–9).

current: borrowers are created with whatever identity they have; minors often without an
economically responsible adult; companies and other libraries by name and address.
future: a known CPR is typed correctly; minors get an economically responsible adult
(økonomisk ansvarlig); companies and other libraries get CVR, P-number and EAN; when the profile
enables substitute CPR (p.profile.substitute_cpr), FBS generates one from the birth date for new
borrowers and assigns one to existing borrowers when a debt is transferred (name and address are
sent along). Without it, borrowers without CPR are handled as in theme 7.
"""
from oir_bpmn import process

KEY = "tema4_oprettelse_laanere"
POOL = "Oprettelse af lånere"


@process("Oprettelse af lånere – i dag", variant="current", theme=4, key=KEY, pool=POOL)
def oprettelse_i_dag(p):
    laaner = p.lane("Låner", dept="external")
    tredjepart = p.lane("3. parts produkter", dept="system", key="tredjepart")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")

    hvor = laaner.decide("Hvordan bliver låneren oprettet?", key="hvor")
    type_ = bib.decide("Hvilken type låner?", key="type").note(
        "Spørgsmål: Hvordan opretter vi lånere i dag – og hvilke oplysninger registrerer vi?")
    mindreaarig = bib.decide("Er låneren under 18 år?", key="mindreaarig")
    opret = fbs.service("Opretter lånerkonto", key="opret_konto")

    laaner.start("Ny låner vil låne", key="ny_laaner") >> hvor
    (hvor.when("Selv på hjemmesiden")
        >> tredjepart.service("Låner opretter sig med MitID; CPR hentes automatisk", key="selvoprettelse")
        >> opret)
    hvor.when("Ved skranken") >> type_
    (type_.when("Borger med CPR")
        >> bib.user("Indtaster CPR-nummer i FBS", key="cpr")
        .note("CPR-nummeret tastes i dag uden særlig kontrol; fejl opdages først, hvis nogen skal opkræve.")
        >> mindreaarig)
    (mindreaarig.when("Ja")
        >> bib.manual("Noterer evt. en forælder på lånerkortet (ingen fast praksis)", key="oekonomisk_ansvarlig")
        >> opret)
    mindreaarig.otherwise("Nej") >> opret
    (type_.when("Borger uden CPR")
        >> bib.user("Opretter låner med navn, adresse og fødselsdato", key="uden_cpr")
        .note("Fx udenlandske borgere, turister og studerende uden dansk CPR-nummer.")
        >> opret)
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
    tredjepart = p.lane("3. parts produkter", dept="system", key="tredjepart")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")

    hvor = laaner.decide("Hvordan bliver låneren oprettet?", key="hvor")
    type_ = bib.decide("Hvilken type låner?", key="type").note(
        "Mellemværender kan kun overføres med CPR-nummer, CVR-nummer eller erstatnings-CPR (første ciffer 6–9).")
    mindreaarig = bib.decide("Er låneren under 18 år?", key="mindreaarig")
    opret = fbs.service("Opretter lånerkonto", key="opret_konto")

    # --- New borrowers.
    laaner.start("Ny låner vil låne", key="ny_laaner") >> hvor
    (hvor.when("Selv på hjemmesiden")
        >> tredjepart.service("Låner opretter sig med MitID; CPR hentes automatisk", key="selvoprettelse")
        >> mindreaarig)
    hvor.when("Ved skranken") >> type_
    (type_.when("Borger med kendt CPR")
        >> bib.user("Indtaster CPR-nummeret korrekt i FBS", key="cpr")
        .note("Vigtigt: et korrekt CPR-nummer gør, at debitorsystemet kan samle opkrævninger og sende dem "
              "til den rigtige person via e-Boks. Afvis ikke et CPR-nummer alene på modulus-11-kontrollen.")
        >> mindreaarig)
    (mindreaarig.when("Ja")
        >> bib.user("Registrerer økonomisk ansvarlig (forælder eller værge)", key="oekonomisk_ansvarlig")
        .note("Mellemværender for mindreårige kan kun inddrives, hvis der er registreret en økonomisk ansvarlig. "
              "Spørgsmål: Hvordan sikrer vi, at der altid registreres en økonomisk ansvarlig?")
        >> opret)
    mindreaarig.otherwise("Nej") >> opret
    if profile.substitute_cpr:
        erstatning = fbs.service("Genererer erstatnings-CPR ud fra fødselsdatoen", key="generer_erstatnings_cpr")
        erstatning.note("Erstatnings-CPR er fiktivt og starter med et ciffer 6–9. Opsættes ved konfiguration i FBS; "
                        "understøttes i dag kun fuldt af KMD Opus.")
        if profile.debtor_system != "KMD Opus":
            erstatning.note(f"Spørgsmål: Understøtter {profile.debtor_system} erstatnings-CPR fuldt ud?")
        (type_.when("Borger uden CPR")
            >> bib.user("Registrerer fødselsdato, navn og adresse", key="uden_cpr")
            >> erstatning
            >> opret)
    else:
        (type_.when("Borger uden CPR")
            >> bib.user("Opretter låner uden CPR – mellemværender kan ikke overføres", key="uden_cpr")
            .note("Erstatnings-CPR er ikke slået til. Se tema 7 for, hvordan mellemværender for disse lånere håndteres.")
            >> opret)
    (type_.otherwise("Virksomhed eller andet bibliotek")
        >> bib.user("Registrerer CVR-nummer", key="cvr")
        >> bib.user("Registrerer P-nummer og EAN-nummer", key="p_ean")
        .note("Et CVR-nummer er ikke altid nok: P-nummeret angiver produktionsenheden, "
              "EAN-nummeret bruges til elektronisk faktura.")
        >> opret)
    (opret
        >> bib.manual("Udleverer lånerkort og lånerregler", key="laanerkort")
        >> laaner.end("Låner er oprettet", key="oprettet"))

    # --- Existing borrowers when a debt is transferred.
    identitet = fbs.decide("Har låneren CPR, CVR eller erstatnings-CPR?", key="identitet")
    oversend = fbs.service("Oversender mellemværendet til debitorsystemet", key="oversend")
    (fbs.start("Mellemværende klar til oversendelse", key="oversendes", event="message")
        >> identitet)
    identitet.when("Ja") >> oversend
    if profile.substitute_cpr:
        (identitet.otherwise("Nej")
            >> fbs.service("Tildeler eksisterende låner et erstatnings-CPR", key="tildel_erstatnings_cpr")
            >> fbs.service("Sender navn og adresse fra FBS med", key="navn_adresse")
            >> oversend)
    else:
        (identitet.otherwise("Nej")
            >> fbs.service("Opretter opgave: mellemværendet kan ikke oversendes", key="kan_ikke_oversendes")
            >> bib.end("Håndteres efter tema 7", key="tema7"))
    (oversend
        >> debitor.service("Samler fordringer på samme CPR/CVR", key="saml")
        >> debitor.end("Fordringen er oprettet i debitorsystemet", key="fordring_oprettet"))
