"""Tema 2 – Blokerede lånere: borgere, der ikke kan låne, fordi deres udestående er for stort.

Seed question 2: "Hvordan håndterer vi i dag borgere, der ikke kan låne, fordi deres udeståender
er for store?"

current: the borrower pays at the desk and staff unlock the account at once.
future: option A – pay through the municipality's channels and wait until the payment has gone
through (several days: payment solution → debtor system → FBS); option B – pay, come back with
the receipt, and staff lift the block by hand (the same step as today, key ``laas_op``); the
automatic lifting by FBS is new. A debt not (yet) transferred is paid to the library as today.
Whether the desk still takes payment is the same profile decision (``desk_payment``) as in
theme 1.
"""
from _decisions import DESK_PAYMENT, TRANSFERRED, answer, today

from oir_bpmn import days, minutes, process
from oir_bpmn.profile import UNLOCK

KEY = "tema2_blokerede_laanere"
POOL = "Kommunen"


@process("Blokeret låner – i dag", variant="current", theme=2, key=KEY, pool=POOL, per_year=1200)
def blokeret_i_dag(p):
    profile = p.profile  # today's practice: unlock_today
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")

    vil_betale = bib.decide("Vil låneren betale nu?", key="vil_betale")
    under_graensen = fbs.decide("Er udeståendet under spærregrænsen?", key="under_graensen")
    kan_laane = laaner.end("Kan låne igen", key="kan_laane")
    kan_ikke = laaner.end("Kan fortsat ikke låne", key="kan_ikke_laane")

    (laaner.start("Kan ikke låne: udestående over spærregrænsen", key="blokeret")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 1.200 blokerede lånere om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .question("Hvordan håndterer vi i dag borgere, der ikke kan låne, fordi deres udeståender er for store?")
        >> fbs.service("Afviser udlån: låneren er spærret", key="afvis_udlaan")
        >> bib.user("Slår låneren op i FBS og forklarer udeståendet", key="slaa_op", effort=minutes(3, 8))
        >> vil_betale)
    vil_betale.note(today(profile, "unlock_today", UNLOCK[profile.unlock_today].lower()))
    if profile.unlock_today == "vent":  # paid elsewhere: FBS lifts the block once the payment is registered
        (vil_betale.when("Ja", share=0.7)
            >> laaner.user("Betaler på hjemmesiden eller i app'en", key="betal_online")
            >> fbs.service("Registrerer betalingen", key="registrer_betaling")
            >> under_graensen)
        (under_graensen.when("Ja", share=0.8)
            >> fbs.service("Ophæver spærringen automatisk", key="ophaev_automatisk") >> kan_laane)
    else:
        betal = (laaner.manual("Betaler ved skranken", key="betal_skranke") if profile.unlock_today == "skranke"
                 else laaner.manual("Betaler og kommer tilbage med kvittering", key="kvittering"))
        (vil_betale.when("Ja", share=0.7)
            >> betal
            >> bib.user("Registrerer betalingen manuelt i FBS", key="registrer", effort=minutes(3, 8))
            >> under_graensen)
        (under_graensen.when("Ja", share=0.8)
            >> bib.user("Ophæver spærringen manuelt i FBS", key="laas_op", effort=minutes(3, 8))
            .from_task("Hvis det i dag fx håndteres som en manuel proces, hvor borgeren kan betale, hvorefter "
                       "personalet låser kontoen op, så skal man overveje, hvordan denne proces skal være fremover.")
            >> bib.manual("Udlåner materialerne", key="udlaan", effort=minutes(3, 6))
            >> kan_laane)
    under_graensen.otherwise("Nej, delvis betaling") >> kan_ikke
    (vil_betale.otherwise("Nej")
        >> bib.manual("Forklarer, hvordan og hvor der kan betales", key="forklar", effort=minutes(3, 6))
        >> kan_ikke)


@process("Blokeret låner – fremover", variant="future", theme=2, key=KEY, pool=POOL, per_year=1200)
def blokeret_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    betaling = p.lane("Betalingsløsning", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    fbs = p.lane("FBS", dept="system")

    valg = bib.decide("Hvordan vil låneren betale?", key="vil_betale").question(
        "Hvilken mulighed vælger vi – A (betal og vent) eller B (kvittering og manuel oplåsning) – eller begge?")
    valg.decision("Mulighed A, B eller begge for blokerede lånere",
                  ["A: betal og vent", "B: kvittering og manuel oplåsning", "Begge"], "Biblioteket", "før go-live")
    skranke = bib.decide(DESK_PAYMENT, key="skranke_betaling")
    skranke.note(answer(profile, "desk_payment", "skranken tager imod betaling",
                        "skranken henviser til kommunens betalingsløsninger"))
    under_graensen = fbs.decide("Er udeståendet under spærregrænsen?", key="under_graensen")
    kan_laane = laaner.end("Kan låne igen", key="kan_laane")
    kan_ikke = laaner.end("Kan fortsat ikke låne", key="kan_ikke_laane")
    udlaan = bib.manual("Udlåner materialerne", key="udlaan", effort=minutes(3, 6))
    oversendt = bib.decide(TRANSFERRED, key="oversendt")
    # One manual unlock, like today's (key laas_op): after a desk payment or a receipt (option B).
    laas_op = bib.user("Ophæver spærringen manuelt i FBS", key="laas_op", effort=minutes(3, 8)).question(
        "Hvad sker der, hvis betalingen alligevel ikke når FBS? Hvem følger op, og hvornår spærres låneren igen?")

    (laaner.start("Kan ikke låne: udestående over spærregrænsen", key="blokeret")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 1.200 blokerede lånere om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> fbs.service("Afviser udlån: låneren er spærret", key="afvis_udlaan")
        >> bib.user("Slår låneren op i FBS og forklarer udeståendet", key="slaa_op", effort=minutes(3, 8))
        >> oversendt)
    oversendt.when("Ja", share=0.7) >> skranke
    # Not (yet) transferred (theme 3: under the threshold): paid to the library and registered in FBS.
    (oversendt.otherwise("Nej, under beløbsgrænsen")
        >> bib.user("Tager imod betalingen og registrerer den manuelt i FBS", key="registrer", effort=minutes(3, 8))
        .question("Hvor betaler låneren et mellemværende, der ikke er oversendt, når skranken ikke tager imod "
                  "betaling?")
        >> under_graensen)
    (skranke.when("Ja", share=0.2)
        >> laaner.manual("Betaler ved skranken", key="betal_skranke")
        >> bib.user("Sender betalingen videre til debitor-/økonomiafdelingen", key="videresend", effort=minutes(3, 8))
        .question("Hvordan når en betaling ved skranken debitorsystemet, og hvem afstemmer den (tema 5)?")
        >> laas_op)
    (skranke.otherwise("Nej")
        >> bib.user("Henviser til kommunens betalingsløsninger", key="henvis", effort=minutes(3, 8))
        .assumption(f"Kanaler hos {profile.name}: {', '.join(profile.payment_solutions)}.")
        >> valg)

    # Option A: pay through the channels and wait until the payment reaches FBS.
    (valg.when("Mulighed A: betal og vent", share=0.5)
        >> laaner.user("Betaler via kommunens betalingsløsning", key="betal_kanal")
        .from_task("Man kan bede borgeren betale gennem de kanaler, der tilbydes, og vente, indtil "
                   "betalingen er gået igennem.")
        >> betaling.service("Gennemfører betalingen", key="gennemfoer")
        >> betaling.wait(days(1, 3), "Forsinkelse: betalingsløsning → debitorsystem", key="vent_debitor")
        .from_task("Der kan gå flere dage pga. de forsinkelser, der ligger mellem betalingsløsninger og "
                   "debitorsystemer og mellem debitorsystemerne og FBS.")
        .assumption("1–3 dage pr. forsinkelse er et eksempel.")
        >> debitor.service("Registrerer indbetalingen og udligner fordringen", key="udlign")
        >> debitor.wait(days(1, 3), "Forsinkelse: debitorsystem → FBS", key="vent_fbs")
        >> fbs.service("Modtager betalingen og nedskriver mellemværendet", key="nedskriv")
        >> under_graensen)
    (under_graensen.when("Ja", share=0.8)
        >> fbs.service("Ophæver spærringen automatisk", key="ophaev_automatisk")
        >> kan_laane)
    under_graensen.otherwise("Nej, delvis betaling") >> kan_ikke

    # Option B: pay, come back with the receipt, staff unlock by hand.
    (valg.when("Mulighed B: betal og vis kvittering", share=0.3)
        >> laaner.user("Betaler via kommunens betalingsløsning og gemmer kvitteringen", key="betal_kvittering")
        >> laaner.manual("Kommer tilbage med kvittering for betalingen", key="viser_kvittering")
        .from_task("Man kan bede borgeren betale og komme tilbage med kvittering for betalingen og "
                   "manuelt låse borgeren op.")
        >> bib.manual("Kontrollerer kvitteringen", key="kontroller_kvittering", effort=minutes(3, 6))
        .question("Hvad godkender vi som kvittering (skærmbillede, e-mail, bankudskrift)?")
        >> laas_op)
    laas_op >> udlaan >> kan_laane

    (valg.otherwise("Betaler ikke nu")
        >> bib.manual("Forklarer, hvordan og hvor der kan betales", key="forklar", effort=minutes(3, 6))
        >> kan_ikke)
