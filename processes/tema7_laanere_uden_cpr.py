"""Tema 7 – Lånere uden CPR-nummer.

Seed question 7: "Hvis man har lånere uden CPR-nr. og enten ikke ønsker eller ikke har mulighed
for at slå anvendelsen af erstatnings CPR-nr. til, så bør man overveje, hvordan mellemværender
for disse lånere fremover skal håndteres, og huske dette i sin kommunikation og øvrige
arbejdsgange."

current: the debt stays on the borrower's account in FBS; the borrower pays at the desk or is
blocked, and the library may write the debt off.
future: when substitute CPR is enabled (p.profile.substitute_cpr) FBS tries it first; where it is
off or impossible, the municipality decides how these debts are handled from now on, and the
decision is reflected in the borrowing rules, the website and the desk's communication.
"""
from oir_bpmn import process, weeks, years

KEY = "tema7_laanere_uden_cpr"
POOL = "Lånere uden CPR"


@process("Lånere uden CPR – i dag", variant="current", theme=7, key=KEY, pool=POOL)
def uden_cpr_i_dag(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")

    betaler = laaner.decide("Betaler låneren?", key="betaler")
    afskriv_valg = bib.decide("Er mellemværendet gammelt eller lille?", key="afskriv_valg")

    (fbs.start("Låner uden CPR får et mellemværende", key="uden_cpr_gaeld")
        .note("Fx udenlandske borgere, turister, studerende og institutionslånere.")
        >> fbs.send("Sender rykker som SMS eller e-mail", key="rykker")
        >> fbs.wait(weeks(2, 4), "Betalingsfrist", key="frist")
        >> betaler)
    (betaler.when("Ja, ved skranken")
        >> bib.manual("Modtager betalingen ved skranken", key="modtag_betaling")
        >> bib.user("Registrerer betalingen i FBS", key="registrer")
        >> laaner.end("Mellemværende betalt", key="betalt"))
    (betaler.otherwise("Nej")
        >> fbs.service("Spærrer låneren ved udestående over grænsen", key="spaer")
        >> afskriv_valg)
    (afskriv_valg.when("Ja")
        >> bib.user("Afskriver mellemværendet i FBS", key="afskriv")
        >> bib.end("Mellemværende afskrevet", key="afskrevet"))
    (afskriv_valg.otherwise("Nej")
        >> bib.end("Mellemværendet bliver stående i FBS", key="bliver_i_fbs"))


@process("Lånere uden CPR – fremover", variant="future", theme=7, key=KEY, pool=POOL)
def uden_cpr_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    koordinator = p.lane("ØiR-koordinator", dept="coordination")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    haandtering = bib.decide("Hvordan håndteres mellemværendet for låneren uden CPR?", key="haandtering").note(
        "Spørgsmål: Hvordan skal mellemværender for lånere uden CPR-nr. håndteres fremover, når "
        "erstatnings-CPR ikke ønskes eller ikke er muligt? Husk det i kommunikation og øvrige arbejdsgange.")
    kommunikation = bib.send("Informerer låneren om reglerne for lånere uden CPR", key="kommunikation")
    start = (fbs.start("Låner uden CPR får et mellemværende", key="uden_cpr_gaeld")
             >> fbs.send("Sender saldoopgørelse som SMS eller e-mail", key="rykker"))

    if profile.substitute_cpr:
        muligt = fbs.decide("Kan der tildeles erstatnings-CPR?", key="erstatning_mulig").note(
            "Erstatnings-CPR gives ud fra fødselsdatoen; det er ikke muligt, hvis fødselsdato mangler.")
        start >> muligt
        (muligt.when("Ja")
            >> fbs.service("Tildeler erstatnings-CPR og sender navn og adresse med", key="tildel_erstatnings_cpr")
            >> fbs.service("Oversender mellemværendet til debitorsystemet", key="oversend")
            >> debitor.send("Sender opkrævning med brev til adressen fra FBS", key="opkraev_brev")
            .note("Et erstatnings-CPR giver ikke adgang til e-Boks: opkrævningen sendes som fysisk brev.")
            >> oekonomi.end("Opkræves af kommunen", key="opkraeves"))
        muligt.otherwise("Nej, fx ukendt fødselsdato") >> haandtering
    else:
        start.note(f"{profile.name} bruger ikke erstatnings-CPR ({profile.debtor_system}); "
                   "mellemværendet kan ikke overføres til debitorsystemet.")
        start >> haandtering

    (haandtering.when("Bliver i FBS og spærrer låneren")
        >> fbs.service("Spærrer låneren ved udestående over grænsen", key="spaer")
        >> bib.manual("Tager imod betaling via girokort eller manuel faktura ved henvendelse",
                      key="modtag_betaling")
        .note("Spørgsmål: Hvilken kanal kan låneren betale i, når der ikke er en fordring i debitorsystemet?")
        >> kommunikation)
    (haandtering.when("Manuel debitor i økonomiafdelingen")
        >> bib.send("Sender navn, adresse og beløb til debitor-/økonomiafdelingen", key="send_til_oekonomi")
        >> oekonomi.user("Opretter manuel debitor og sender faktura", key="manuel_debitor")
        >> kommunikation)
    (haandtering.otherwise("Afskrives")
        >> bib.user("Afskriver mellemværendet i FBS", key="afskriv")
        .note("Spørgsmål: Hvem må afskrive, og op til hvilket beløb?")
        >> kommunikation)
    kommunikation >> laaner.end("Låneren kender reglerne for sit mellemværende", key="haandteret")

    # --- Recurring: the decision is kept up to date in the rules and the communication.
    (koordinator.start("Årlig gennemgang af reglerne for lånere uden CPR", key="beslutning", every=years(1))
        >> koordinator.user("Opdaterer lånerregler, hjemmesidetekst og skrankevejledning", key="opdater_regler")
        .note("Spørgsmål: Skal lånere uden CPR have begrænsede lånerettigheder eller betale depositum?")
        >> bib.user("Instruerer personalet i den nye praksis", key="instruer")
        >> koordinator.end("Praksis er kommunikeret", key="kommunikeret"))
