"""Tema 1 – Betalingskanaler: hvordan betaler borgerne deres biblioteksmellemværender?

Seed question 1: "Hvilke betalingsmuligheder har borgerne, og hvordan er de sat op hos os?"

Two rhythms, two processes (each with a current and a future variant, paired by key):

* ``tema1_betalingskanaler`` – every day: a borrower pays a debt. Today at the desk (registered by
  hand in FBS), in third-party products (return machines, the DDB-CMS website, the app) or the
  debt is moved by hand to the debtor system. In future FBS hands the debt to the debtor system
  (ØiR 3) and the borrower pays in the municipality's own solutions with the payment forms it has
  bought; SafePay only where it is integrated with the debtor system (Frederiksberg yes,
  Copenhagen no). Whether the desk still takes payment is one profile decision
  (``desk_payment``) that theme 2 reads too.
* ``tema1_betalingsmuligheder`` – how the options are set up: today by the library, in future
  clarified every year with the debtor/finance department and the payment unit.
"""
from _decisions import DESK_PAYMENT, TRANSFERRED, answer, safepay_fact, today

from oir_bpmn import days, hours, minutes, process, years
from oir_bpmn.model import slug

KEY = "tema1_betalingskanaler"
SETUP_KEY = "tema1_betalingsmuligheder"
POOL = "Kommunen"


@process("Betalingskanaler – i dag", variant="current", theme=1, key=KEY, pool=POOL, per_year=3000)
def betalingskanaler_i_dag(p):
    profile = p.profile  # today's practice: desk_payment_today, channels_today, manual_transfer_today
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    tredjepart = p.lane("3. parts produkter", dept="system", key="tredjepart") if profile.channels_today else None
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance") if profile.manual_transfer_today else None

    varsel = (laaner.start("Låner har et mellemværende (gebyr, erstatningskrav)", key="har_mellemvaerende")
              .assumption("Tal for Eksempelkommune (skøn, ikke målt): 3.000 mellemværender om året; "
                          "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
              >> fbs.send("Viser mellemværendet på lånerkontoen og giver besked", key="varsel"))
    if not (profile.desk_payment_today or profile.channels_today):  # no way to pay the library today
        varsel.note(today(profile, "desk_payment_today", "skranken tager ikke imod betaling"))
        varsel.note(today(profile, "channels_today", "ingen 3. parts produkter tager imod betaling"))
        _not_paid(profile, varsel, bib, oekonomi)
        return
    kanal = varsel >> laaner.decide("Hvor betaler låneren?", key="kanal").question(
        "Hvilke betalingsmuligheder har borgerne i dag, og hvordan er de sat op hos os? Andre?")
    kanal.note(today(profile, "channels_today", "betaling i " + (", ".join(profile.channels_today)
                                                               or "ingen 3. parts produkter")))
    nedskriv = fbs.service("Nedskriver mellemværendet på lånerkontoen", key="nedskriv")
    betalt = laaner.end("Mellemværende betalt", key="betalt")

    # At the desk: cash, card – registered by hand in FBS.
    if profile.desk_payment_today:
        (kanal.when("Ved skranken", share=0.35)
            >> bib.manual("Tager imod kontanter eller kort ved skranken", key="modtag_skranke", effort=minutes(3, 6))
            .note(today(profile, "desk_payment_today", "skranken tager imod kontanter og kort og registrerer manuelt"))
            >> bib.user("Registrerer betalingen manuelt i FBS", key="registrer_fbs", effort=minutes(2, 4))
            >> nedskriv)
    else:
        kanal.note(today(profile, "desk_payment_today", "skranken tager ikke imod betaling"))
    # Third-party products.
    if "Afleveringsmaskiner" in profile.channels_today:
        (kanal.when("Afleveringsmaskine", share=0.1)
            >> tredjepart.service("Afleveringsmaskinen tager imod betaling", key="afleveringsmaskine")
            >> nedskriv)
    if "Hjemmesiden (DDB-CMS)" in profile.channels_today:
        (kanal.when("Hjemmeside (DDB-CMS)", share=0.25)
            >> tredjepart.service("Hjemmesiden (DDB-CMS) tager imod betaling", key="ddb_cms")
            .assumption("Betalingen går i dag gennem bibliotekets egen netbetaling (fx DIBS), ikke "
                        "gennem kommunens debitorsystem.")
            >> nedskriv)
    if "App'en" in profile.channels_today:
        (kanal.when("App'en", share=0.15)
            >> tredjepart.service("App'en tager imod betaling (MobilePay)", key="app")
            .assumption("Betaling i app'en sker med MobilePay.")
            >> nedskriv)
    nedskriv >> betalt

    _not_paid(profile, kanal.otherwise("Betaler ikke"), bib, oekonomi)


def _not_paid(profile, before, bib, oekonomi):
    """Nobody pays: the library follows up, and moves debts by hand into the debtor system where
    it does so today (``manual_transfer_today``)."""
    opfoelgning = before >> bib.user("Følger op på ubetalte mellemværender i FBS", key="opfoelgning",
                                     effort=minutes(5, 10))
    aabent = bib.end("Mellemværendet står åbent i FBS", key="aabent")
    if not profile.manual_transfer_today:
        opfoelgning.note(today(profile, "manual_transfer_today", "mellemværender lægges ikke manuelt over i "
                                                                 "debitorsystemet"))
        opfoelgning >> aabent
        return
    overfoer = bib.decide("Skal mellemværendet til debitorsystemet?", key="overfoer_valg")
    opfoelgning >> overfoer
    (overfoer.when("Ja", share=0.6)
        >> bib.user("Lægger mellemværendet manuelt over i debitorsystemet", key="overfoer_manuelt",
                    effort=minutes(5, 10))
        .note(today(profile, "manual_transfer_today", "biblioteket lægger mellemværender manuelt over i "
                                                      "debitorsystemet"))
        .question("Hvem lægger mellemværender manuelt over i debitorsystemet, fra hvilket beløb, og hvor tit?")
        >> oekonomi.user("Opkræver mellemværendet via debitorsystemet", key="opkraev", effort=minutes(5, 10))
        >> oekonomi.end("Opkræves af kommunen", key="opkraeves"))
    overfoer.otherwise("Nej") >> aabent


@process("Betalingskanaler – fremover", variant="future", theme=1, key=KEY, pool=POOL, per_year=3000)
def betalingskanaler_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    tredjepart = p.lane("3. parts produkter", dept="system", key="tredjepart")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    betaling = p.lane("Betalingsløsning", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    modtaget = debitor.wait(days(1, 3), "Indbetalingen når debitorsystemet", key="vent_debitor").assumption(
        "1–3 dage er et eksempel; opgaveteksten siger kun, at der kan gå flere dage.")
    udlign = debitor.service("Udligner fordringen", key="udlign")

    # Payment forms the municipality has bought (profile.payment_forms), each a branch; only
    # where an online solution (or an integrated SafePay) leads to them: a giro slip has none.
    online = [s for s in profile.payment_solutions if s.lower() not in ("safepay", "girokort")]
    form = None
    if online or (profile.safepay and profile.safepay_integrated):
        forms = [(payment_form, betaling.service(f"Gennemfører betaling med {payment_form}",
                                                 key=f"form_{slug(payment_form)}"))
                 for payment_form in profile.payment_forms]
        for _, step in forms:
            step >> modtaget
        form = betaling.choose("Hvilken betalingsform?", forms, key="betalingsform")
        form.assumption(f"Tilkøbte betalingsformer hos {profile.name}: {', '.join(profile.payment_forms)}.")
        if not profile.offers("Mastercard"):
            form.from_task("Selvom KMD's Mit betalingsoverblik kan understøtte betaling med Mastercard, er "
                           "det ikke sikkert, kommunen har lavet en aftale om at anvende Mastercard.")

    # Payment solutions the municipality offers (profile.payment_solutions), each a branch.
    solutions = []
    for solution in profile.payment_solutions:
        if solution.lower() == "safepay":
            continue  # decided by the SafePay settings below
        if solution.lower() == "girokort":
            step = laaner.manual("Indbetaler girokortet i netbank eller bank", key="betal_girokort")
            step >> modtaget
            solutions.append(("Girokort", step))
        else:
            step = laaner.user(f"Betaler i {solution}", key=f"betal_{slug(solution)}")
            step >> form
            solutions.append((solution, step))
    if profile.safepay and profile.safepay_integrated:
        safepay = laaner.user("Betaler med SafePay", key="betal_safepay").note(safepay_fact(profile))
        safepay >> form
        solutions.append(("SafePay", safepay))
    loesning = laaner.choose("Hvilken betalingsløsning bruger låneren?", solutions, key="loesning")
    loesning.question("Hvilke betalingsløsninger kan og vil kommunen tilbyde (fx Min Betalingsoversigt, "
                      "Mit betalingsoverblik, girokort)?")
    if profile.safepay and not profile.safepay_integrated:
        loesning.note(safepay_fact(profile))

    henvendelse = laaner.decide("Hvor henvender låneren sig?", key="kanal")
    oversendt = fbs.decide(TRANSFERRED, key="oversendt").assumption(
        "Et mellemværende under beløbsgrænsen bliver i FBS (tema 3) og kan ikke betales i kommunens "
        "betalingsløsninger.")
    nedskriv = fbs.service("Nedskriver mellemværendet på lånerkontoen", key="nedskriv")
    (fbs.start("Låneren vil betale et mellemværende", key="har_mellemvaerende")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 3.000 mellemværender om året, 70 % oversendt; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> oversendt)
    (oversendt.when("Ja", share=0.7)
        >> debitor.send("Sender opkrævning på fordringen til låneren", key="opkraev")
        >> henvendelse)
    # Not (yet) transferred: the debt is still FBS's, so it is paid to the library as today.
    (oversendt.otherwise("Nej, under beløbsgrænsen")
        >> bib.user("Tager imod betalingen og registrerer den manuelt i FBS", key="registrer_fbs",
                    effort=minutes(3, 6))
        .question("Hvor betaler låneren et mellemværende, der ikke er oversendt, når skranken ikke tager imod "
                  "betaling – eller venter det, til det oversendes?")
        >> nedskriv)

    # At the desk: one decision, read by theme 2 too.
    skranke = bib.decide(DESK_PAYMENT, key="skranke_betaling")
    skranke.decision("Betaling ved skranken", ["Ja", "Nej, henvis til betalingsløsningerne"], "Biblioteket",
                     "før go-live")
    skranke.note(answer(profile, "desk_payment", "skranken tager imod betaling",
                        "skranken henviser til kommunens betalingsløsninger"))
    henvendelse.when("Ved skranken", share=0.2) >> skranke
    (skranke.when("Ja", share=0.2)
        >> bib.manual("Tager imod kontanter eller kort ved skranken", key="modtag_skranke", effort=minutes(3, 6))
        >> bib.user("Sender betalingen videre til debitor-/økonomiafdelingen", key="videresend", effort=minutes(3, 5))
        >> oekonomi.user("Registrerer indbetalingen i debitorsystemet", key="registrer_debitor", effort=minutes(2, 4))
        .question("Hvem tæller, indbetaler og afstemmer skrankens kontanter fremover (tema 5, "
                  "Afstemning – fremover)?")
        >> udlign)
    (skranke.otherwise("Nej")
        >> bib.user("Henviser til kommunens betalingsløsninger", key="henvis", effort=minutes(2, 3))
        >> loesning)
    (henvendelse.when("Hjemmeside (DDB-CMS)", share=0.3)
        >> tredjepart.service("Hjemmesiden viser mellemværendet og sender videre til betalingsløsningen",
                              key="ddb_cms")
        .assumption("Gamle mellemværender fra den tidligere netbetaling (DIBS) kan i en overgang stadig "
                    "betales på hjemmesiden; nye mellemværender kan ikke betales med MobilePay i app'en.")
        .question("Kan afleveringsmaskinerne fortsat tage imod betaling, når mellemværendet ligger i "
                  "debitorsystemet – eller skal de henvise til kommunens betalingsløsning?")
        >> loesning)
    henvendelse.otherwise("Via opkrævningen") >> loesning

    (modtaget
        >> udlign
        >> debitor.wait(days(1, 2), "Betalingen når FBS", key="vent_fbs")
        .assumption("1–2 dage er et eksempel; opgaveteksten siger kun, at der kan gå flere dage.")
        >> nedskriv
        >> laaner.end("Mellemværende betalt", key="betalt"))


@process("Betalingsmuligheder – opsætning i dag", variant="current", theme=1, key=SETUP_KEY, pool=POOL,
         per_year=2)
def betalingsmuligheder_i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    (bib.start("En betalingsmulighed skal sættes op eller ændres", key="aendring")
        >> bib.user("Aftaler betaling ved skranken, i afleveringsmaskiner, på hjemmesiden og i app'en",
                    key="aftal", effort=hours(2, 4))
        .question("Hvordan er betalingsmulighederne sat op hos os, og hvem har aftalerne?")
        .assumption("Biblioteket har i dag selv aftalerne om kortbetaling, netbetaling og MobilePay.")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 2 ændringer om året; "
                    "tidsforbrug (effort=) er projektgruppens skøn – bekræft.")
        >> oekonomi.user("Godkender bibliotekets betalingsaftale", key="godkend", effort=hours(1))
        .assumption("Debitor-/økonomiafdelingen godkender i dag bibliotekets betalingsaftaler.")
        >> bib.end("Betalingsmuligheden er sat op", key="sat_op"))


@process("Betalingsmuligheder – årlig afklaring", variant="future", theme=1, key=SETUP_KEY, pool=POOL)
def betalingsmuligheder_fremover(p):
    profile = p.profile
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")
    koordinator = p.lane("ØiR-koordinator", dept="coordination")

    # Buying a payment form is a cost decision of the payment unit or central finance.
    tilfoej = oekonomi.decide("Skal der tilføjes betalingsmuligheder?", key="tilfoej").from_task(
        "Det er vigtigt at afdække betalingsmulighederne i de løsninger, kommunen tilbyder, og evt. "
        "diskutere, om der skal tilføjes betalingsmuligheder.")
    informer = koordinator.user("Informerer bibliotekerne om betalingsmulighederne", key="informer",
                                effort=hours(1, 2))

    afklar = (koordinator.start("Hvert år", key="gennemgang", every=years(1))
        .assumption("En årlig gennemgang er et forslag; opgaveteksten siger ikke hvor tit.")
        .assumption("Tidsforbrug (effort=) og andelen, der tilkøber en betalingsform (share=), er skøn for "
                    "Eksempelkommune fra projektgruppens forberedelse – bekræft.")
        >> koordinator.user("Afklarer betalingsløsninger og tilkøbte betalingsformer med "
                            "debitor-/økonomiafdelingen og betalingsenheden", key="afklar", effort=hours(3, 6))
        .from_task("I denne afklaring er der behov for kommunikation med debitor-/økonomiafdelingen og evt. "
                   "kommunens betalingsenhed.")
        .from_task("Selvom KMD's Mit betalingsoverblik kan understøtte betaling med Mastercard, er det ikke "
                   "sikkert, kommunen har lavet en aftale om at anvende Mastercard."))
    # SafePay: whether it is integrated is a fact of the municipality's set-up (the profile), so
    # only the branch the profile takes is drawn, and a municipality's pack lists only that one.
    if profile.safepay:
        safepay = oekonomi.user("Kontrollerer, om SafePay er integreret med debitorsystemet", key="safepay_integreret",
                                effort=hours(1))
        safepay.note(safepay_fact(profile))
        if profile.safepay_integrated:
            valgt = oekonomi.user("Tilbyder SafePay til biblioteksmellemværender", key="tilbyd_safepay",
                                  effort=hours(1))
        else:
            valgt = oekonomi.user("Udelader SafePay for biblioteksmellemværender", key="udelad_safepay",
                                  effort=hours(1))
        afklar >> safepay >> valgt >> tilfoej
    else:
        afklar >> tilfoej
    (tilfoej.when("Ja", share=0.3)
        >> oekonomi.user("Tilkøber betalingsformen i betalingsløsningen", key="tilkoeb", effort=hours(2, 4))
        .assumption("Tilkøb af en betalingsform (fx Mastercard-indløsning) er en udgiftsbeslutning for "
                    "betalingsenheden eller central økonomi.")
        >> informer)
    tilfoej.otherwise("Nej") >> informer
    (informer
        >> bib.user("Opdaterer hjemmesidens tekst og skrankens vejledning", key="opdater", effort=hours(1, 2))
        >> bib.end("Borgerne kender betalingsmulighederne", key="afklaret"))
