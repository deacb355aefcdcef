"""Tema 5 – Afstemning af kontanter, MobilePay-indbetalinger mv.

Seed question 5: "Hvordan håndteres afstemning?"

current: the libraries count the till, reconcile cash, card and MobilePay payments against FBS,
deposit the cash and book the payments; finance only checks the result.
future: no reconciliation in any library lane. Payments go to the debtor system, which matches
them against the claims by the rules set up in the debtor system ("Opsæt regler i debitor"); the
debtor/finance department reconciles (same key "afstem": the step moved from library to finance).
"""
from oir_bpmn import days, process

KEY = "tema5_afstemning"
POOL = "Afstemning"


@process("Afstemning – i dag", variant="current", theme=5, key=KEY, pool=POOL)
def afstemning_i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    stemmer = bib.decide("Stemmer kassen med FBS?", key="stemmer")
    indbetal = bib.manual("Indbetaler kontanter i banken eller afleverer til værdiboks", key="indbetal_kontanter")

    (bib.start("Dagen slutter: kassen lukkes", key="dagligt", every=days(1))
        .note("Spørgsmål: Hvilke arbejdsopgaver har vi i dag omkring afstemning og håndtering af kontanter, "
              "MobilePay-indbetalinger mv.?")
        >> bib.manual("Tæller kontanter i kassen", key="tael")
        >> fbs.service("Danner rapport over dagens registrerede betalinger", key="fbs_rapport")
        >> bib.manual("Afstemmer kasse mod FBS", key="afstem")
        >> stemmer)
    stemmer.when("Ja") >> indbetal
    (stemmer.otherwise("Nej")
        >> bib.manual("Finder og forklarer differencen", key="difference")
        >> indbetal)
    (indbetal
        >> bib.user("Afstemmer MobilePay-indbetalinger mod FBS", key="afstem_mobilepay")
        .note("Inkl. betalinger fra afleveringsmaskiner og bibliotekets netbetaling.")
        >> bib.user("Bogfører indbetalingerne i økonomisystemet", key="bogfoer")
        >> oekonomi.user("Kontrollerer bibliotekets bogføring", key="kontroller")
        >> oekonomi.wait(days(30), "Månedsafslutning", key="maaned")
        >> oekonomi.user("Afstemmer bibliotekets konto ved månedsafslutning", key="maanedsafstemning")
        >> oekonomi.end("Kassen er afstemt", key="afstemt"))


@process("Afstemning – fremover", variant="future", theme=5, key=KEY, pool=POOL)
def afstemning_fremover(p):
    profile = p.profile
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    koordinator = p.lane("ØiR-koordinator", dept="coordination")
    betaling = p.lane("Betalingsløsning", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    stemmer = oekonomi.decide("Kan alle indbetalinger matches til en fordring?", key="stemmer")
    afstem = oekonomi.user("Afstemmer indbetalinger", key="afstem")

    # --- Daily: payments are reconciled in the debtor/finance department.
    (betaling.start("Dagligt: borgernes indbetalinger samles", key="dagligt", every=days(1))
        >> betaling.service("Afregner indbetalingerne til kommunens bankkonto", key="afregn")
        >> debitor.service("Indlæser indbetalingerne", key="indlaes")
        >> debitor.service("Matcher indbetalinger mod fordringer efter reglerne i debitor", key="match")
        .note(f"Reglerne opsættes i {profile.debtor_system}; se KLIK-opgaven \"Opsæt regler i debitor\".")
        >> stemmer)
    stemmer.when("Ja") >> afstem
    (stemmer.otherwise("Nej")
        >> oekonomi.user("Placerer uidentificerede indbetalinger manuelt", key="difference")
        >> afstem)
    (afstem
        >> debitor.service("Melder udligningen tilbage til FBS", key="meld_fbs")
        >> fbs.service("Nedskriver mellemværendet", key="nedskriv")
        >> oekonomi.end("Indbetalingerne er afstemt", key="afstemt"))

    # --- Once, at the switch: the libraries' till and MobilePay processes are wound down.
    (koordinator.start("Overgangen til ØiR-integrationen forberedes", key="overgang")
        >> koordinator.user("Aftaler processerne for bibliotekskravene med debitor-/økonomiafdelingen",
                            key="aftal")
        .note("Spørgsmål: Hvem i debitor-/økonomiafdelingen overtager, og hvordan kommunikerer vi om "
              "bibliotekskravene fremover?")
        >> oekonomi.user("Opsætter regler for biblioteksfordringer i debitorsystemet", key="opsaet_regler")
        >> bib.user("Lukker kassebeholdning og MobilePay-aftale for mellemværender", key="luk_kasse")
        .note("Spørgsmål: Skal bibliotekerne stadig tage imod kontanter til andet end mellemværender "
              "(fx kopier, arrangementer)?")
        >> bib.end("Bibliotekerne afstemmer ikke længere", key="ingen_afstemning"))
