"""Tema 5 – Afstemning af kontanter, MobilePay-indbetalinger mv.

Seed question 5: "Hvordan håndteres afstemning?"

Two rhythms, two processes (each with a current and a future variant, paired by key):

* ``tema5_afstemning`` – every day. Today the libraries count the till and reconcile cash and
  MobilePay payments against FBS. In future no library lane reconciles: payments go to the
  debtor system, which matches them against the claims by the rules set up in the debtor system
  ("Opsæt regler i debitor"); what is matched updates FBS at once, and beside it the debtor/
  finance department places the unmatched and reconciles (same key "afstem": the step moved from
  library to finance). Where the profile keeps desk payment (``desk_payment``, as themes 1 and
  2 read it) the library still counts and deposits the till and finance reconciles it.
* ``tema5_kontanter`` – the cash and MobilePay money itself. Today the libraries deposit it and it
  is booked; in future these processes end once, at the switch to the integration (the till stays where
  the desk keeps taking payment).
* ``tema5_overgang`` – once, at the switch (no today): the debts open in FBS, old DIBS and
  MobilePay debts included, are transferred, kept in FBS and paid the old way until a cut-off
  date for desk and MobilePay payments, or written off.
"""
from _decisions import today

from oir_bpmn import days, hours, minutes, process, weeks
from oir_bpmn.profile import RECONCILERS

KEY = "tema5_afstemning"
CASH_KEY = "tema5_kontanter"
GO_LIVE_KEY = "tema5_overgang"
POOL = "Kommunen"


@process("Afstemning – i dag", variant="current", theme=5, key=KEY, pool=POOL)
def afstemning_i_dag(p):
    profile = p.profile  # today's practice: reconciles_today (who), desk_payment_today (a till to count)
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    afstemmer = bib if profile.reconciles_today == "library" else p.lane("Debitor-/økonomiafdelingen", dept="finance")

    mobilepay = afstemmer.user("Afstemmer MobilePay-indbetalinger mod FBS", key="afstem_mobilepay",
                               effort=minutes(3, 8))
    mobilepay.note(today(profile, "reconciles_today", RECONCILERS[profile.reconciles_today].lower()
                         + " afstemmer kontanter og MobilePay"))
    start = (bib.start("Ved lukketid", key="dagligt", every=days(1))
             .assumption("Tal for Eksempelkommune (skøn, ikke målt): afstemning hver dag; "
                         "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
             .question("Hvilke arbejdsopgaver har vi i dag omkring afstemning og håndtering af kontanter, "
                       "MobilePay-indbetalinger mv.?"))
    if profile.desk_payment_today:  # a till to count (theme 1: cash and card at the desk)
        stemmer = afstemmer.decide("Stemmer kassen med FBS?", key="stemmer")
        (start
            >> bib.manual("Tæller kontanter i kassen", key="tael", effort=minutes(3, 6))
            >> fbs.service("Danner rapport over dagens registrerede betalinger", key="fbs_rapport")
            >> afstemmer.manual("Afstemmer kassen mod FBS", key="afstem", effort=minutes(3, 6))
            >> stemmer)
        stemmer.when("Ja") >> mobilepay
        (stemmer.otherwise("Nej")
            >> afstemmer.manual("Finder og forklarer differencen", key="difference", effort=minutes(3, 6))
            >> mobilepay)
    else:
        start >> fbs.service("Danner rapport over dagens registrerede betalinger", key="fbs_rapport") >> mobilepay
    (mobilepay
        .assumption("Afstemningen sker dagligt og omfatter også betalinger fra afleveringsmaskiner og "
                    "bibliotekets netbetaling.")
        >> afstemmer.end("Dagens indbetalinger er afstemt", key="afstemt"))


@process("Afstemning – fremover", variant="future", theme=5, key=KEY, pool=POOL)
def afstemning_fremover(p):
    profile = p.profile
    bib = p.lane("Biblioteksmedarbejder", dept="library") if profile.desk_payment else None
    betaling = p.lane("Betalingsløsning", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    uden_match = oekonomi.decide("Er der indbetalinger uden match?", key="stemmer")
    afstem = oekonomi.user("Afstemmer indbetalinger", key="afstem", effort=minutes(3, 8)).from_task(
        "Bibliotekernes processer omkring afstemning og håndtering af kontanter, mobilePay-indbetalinger mv. "
        "skal udgå og erstattes af processer i debitor-/økonomiafdelingen.")
    match = debitor.service("Matcher indbetalinger mod fordringer efter reglerne i debitor", key="match")

    dagligt = (betaling.start("Hver dag", key="dagligt", every=days(1))
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): afstemning hver dag; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("Indbetalingerne afregnes og indlæses dagligt."))
    (dagligt
        >> betaling.service("Afregner indbetalingerne til kommunens bankkonto", key="afregn")
        >> debitor.service("Indlæser indbetalingerne", key="indlaes")
        >> match
        .from_task("Reglerne for bibliotekskravene aftales med debitor-/økonomiafdelingen; se KLIK-opgaven "
                   "\"Opsæt regler i debitor\".")
        .assumption(f"Reglerne opsættes i {profile.debtor_system}."))

    # What the rules match updates FBS at once: no borrower waits for a person.
    (match
        >> debitor.service("Melder de matchede indbetalinger tilbage til FBS", key="meld_fbs")
        >> fbs.service("Nedskriver mellemværendet og ophæver evt. spærringen automatisk", key="nedskriv")
        >> fbs.end("FBS er opdateret", key="fbs_opdateret"))
    # Beside it, finance places what the rules could not match.
    match >> uden_match
    (uden_match.when("Ja")
        >> oekonomi.user("Placerer uidentificerede indbetalinger manuelt", key="difference", effort=minutes(3, 8))
        >> debitor.service("Udligner fordringen og melder den til FBS", key="meld_fbs_manuelt")
        >> afstem)
    uden_match.otherwise("Nej") >> afstem
    afstem >> oekonomi.end("Indbetalingerne er afstemt", key="afstemt")

    if profile.desk_payment:  # the same decision as in themes 1 and 2: the till stays open
        (dagligt
            >> bib.manual("Tæller kontanter i kassen", key="tael", effort=minutes(3, 6))
            .note(f"Antagelse: {profile.name} lader skranken tage imod betaling (profil: desk_payment = true), "
                  f"så kassen tælles fortsat på biblioteket.")
            >> bib.manual("Indbetaler kontanterne i banken", key="indbetal_kontanter", effort=minutes(3, 6))
            .question("Hvor tit indbetales kontanterne, og til banken eller kommunens kasse?")
            >> bib.user("Sender kasseopgørelsen til debitor-/økonomiafdelingen", key="opgoerelse", effort=minutes(3, 8))
            >> afstem)
        afstem.question(f"{profile.name} lader skranken tage imod betaling: afstemmer debitor-/økonomiafdelingen "
                        f"kassen mod de registrerede skrankebetalinger?")


@process("Kontanter og MobilePay – i dag", variant="current", theme=5, key=CASH_KEY, pool=POOL)
def kontanter_i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    (bib.start("Hver uge", key="ugentligt", every=weeks(1))
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): indbetaling hver uge; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("Rytmen er et eksempel: bekræft, hvor tit kontanterne indbetales og bogføres.")
        >> bib.manual("Indbetaler kontanterne i banken", key="indbetal_kontanter", effort=minutes(3, 6))
        .assumption("Kontanterne indbetales i banken; nogle steder afleveres de i stedet til kommunens kasse.")
        >> bib.user("Sender opgørelse over kontanter og MobilePay-indbetalinger til debitor-/økonomiafdelingen",
                    key="opgoerelse", effort=minutes(10, 20))
        >> oekonomi.user("Bogfører bibliotekets indbetalinger", key="bogfoer", effort=minutes(3, 8))
        .question("Hvem bogfører bibliotekets indbetalinger i dag – biblioteket eller debitor-/økonomiafdelingen?")
        >> oekonomi.end("Indbetalingerne er bogført", key="bogfoert"))


@process("Kontanter og MobilePay – ved overgangen", variant="future", theme=5, key=CASH_KEY, pool=POOL, once=True)
def kontanter_ved_overgangen(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    koordinator = p.lane("ØiR-koordinator", dept="coordination")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    if p.profile.desk_payment:
        luk = bib.user("Afvikler MobilePay-aftalen for mellemværender; kassen fortsætter", key="luk_kasse",
                       effort=minutes(3, 8))
        luk.note(f"Antagelse: {p.profile.name} lader skranken tage imod betaling (profil: desk_payment = true).")
    else:
        luk = bib.user("Afvikler kassen og MobilePay-aftalen for mellemværender", key="luk_kasse", effort=minutes(3, 8))
    luk.from_task("Bibliotekernes afstemning og håndtering af kontanter, mobilePay-indbetalinger mv. skal udgå.")
    luk.question("Skal bibliotekerne stadig tage imod kontanter til andet end mellemværender "
                 "(fx kopier, arrangementer)?")

    (koordinator.start("Én gang: overgangen til ØiR-integrationen", key="overgang")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): én gang ved overgangen; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> koordinator.user("Aftaler processerne for bibliotekskravene med debitor-/økonomiafdelingen",
                            key="aftal", effort=hours(4, 8))
        .from_task("Det er vigtigt at igangsætte en god kommunikation med debitor-/økonomiafdelingen omkring "
                   "de processer, der skal håndtere bibliotekskravene fremover.")
        .question("Hvem i debitor-/økonomiafdelingen overtager, og hvem kontakter biblioteket?")
        >> oekonomi.user("Opsætter regler for biblioteksfordringer i debitorsystemet", key="opsaet_regler",
                         effort=minutes(3, 8))
        .from_task("Se KLIK-opgaven \"Opsæt regler i debitor\".")
        .question("Hvem får indtægten: bogføres biblioteksindtægterne på bibliotekets omkostningssted?")
        >> luk)
    if p.profile.desk_payment:  # themes 1 and 2 keep the till open (Afstemning – fremover)
        (luk
            >> bib.end("Kassen er kun til skrankebetalinger; debitor-/økonomiafdelingen afstemmer",
                       key="ingen_afstemning"))
    else:
        luk >> bib.end("Bibliotekerne afstemmer ikke længere mellemværender", key="ingen_afstemning")


@process("Åbne mellemværender – ved overgangen", variant="future", theme=5, key=GO_LIVE_KEY, pool=POOL, once=True)
def aabne_mellemvaerender_ved_overgangen(p):
    koordinator = p.lane("ØiR-koordinator", dept="coordination")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    hvad = koordinator.decide("Hvad gør vi med de åbne mellemværender?", key="aabne_valg").question(
        "Hvem beslutter – biblioteksledelsen og debitor-/økonomiafdelingen – og gælder det samme for gamle "
        "DIBS- og MobilePay-mellemværender som for nye?")
    hvad.decision("Gamle mellemværender ved go-live", ["Overføres til debitorsystemet", "Bliver i FBS", "Afskrives"],
                  "Debitor-/økonomiafdelingen", "før go-live")
    informer = koordinator.user("Informerer borgere og personale om skiftet og skæringsdatoen", key="informer",
                                effort=minutes(3, 8))

    (koordinator.start("Én gang: skiftet til ØiR-integrationen", key="overgang")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): én gang ved overgangen; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> koordinator.user("Opgør de åbne mellemværender i FBS, også gamle DIBS- og MobilePay-mellemværender",
                            key="opgoer", effort=hours(8, 16))
        .assumption("Mellemværender, der er åbne ved skiftet, enten oversendes, bliver i FBS og betales på den "
                    "gamle måde, eller afskrives.")
        >> koordinator.user("Fastsætter skæringsdato for betaling ved skranken og med MobilePay", key="skaeringsdato",
                            effort=minutes(3, 8))
        .question("Fra hvilken dato kan mellemværender ikke længere betales ved skranken og med MobilePay?")
        >> hvad)
    (hvad.when("Oversendes")
        >> fbs.service("Oversender de åbne mellemværender til debitorsystemet", key="oversend")
        >> oekonomi.user("Kontrollerer, at fordringerne er oprettet", key="kontroller", effort=minutes(3, 8))
        >> informer)
    (hvad.when("Bliver i FBS, betales på den gamle måde")
        >> bib.user("Tager imod betaling på den gamle måde indtil skæringsdatoen", key="gammel_betaling",
                    effort=minutes(3, 8))
        >> bib.user("Afstemmer de sidste betalinger mod FBS", key="sidste_afstemning", effort=minutes(3, 8))
        >> informer)
    (hvad.otherwise("Afskrives")
        >> bib.user("Afskriver de åbne mellemværender i FBS", key="afskriv", effort=minutes(3, 8))
        .question("Hvem må afskrive ved overgangen, og efter hvilke regler (kasse- og regnskabsregulativet)?")
        >> informer)
    informer >> koordinator.end("De åbne mellemværender er afklaret", key="afklaret")
