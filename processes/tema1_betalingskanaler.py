"""Tema 1 – Betalingskanaler: hvordan betaler borgerne deres biblioteksmellemværender?

Seed question 1: "Hvilke betalingsmuligheder har borgerne, og hvordan er de sat op hos os?"

current: cash/card at the desk registered by hand in FBS, payment in third-party products
(return machines, the DDB-CMS website, the app), manual transfer of debts to the debtor system.
future: FBS hands the debt to the debtor system (ØiR 3); the borrower pays in the municipality's
own payment solutions with the payment forms the municipality has actually bought. SafePay only
appears when it is integrated with the debtor system (Frederiksberg yes, Copenhagen no).
"""
from oir_bpmn import days, process, years
from oir_bpmn.model import slug

KEY = "tema1_betalingskanaler"
POOL = "Betalingskanaler"


@process("Betalingskanaler – i dag", variant="current", theme=1, key=KEY, pool=POOL)
def betalingskanaler_i_dag(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    tredjepart = p.lane("3. parts produkter", dept="system", key="tredjepart")
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    kanal = laaner.decide("Hvor betaler låneren?", key="kanal").note(
        "Spørgsmål: Hvilke betalingsmuligheder har borgerne i dag, og hvordan er de sat op hos os? Andre?")
    nedskriv = fbs.service("Nedskriver mellemværendet på lånerkontoen", key="nedskriv")
    betalt = laaner.end("Mellemværende betalt", key="betalt")

    (laaner.start("Låner har et mellemværende (gebyr, erstatning)", key="har_mellemvaerende")
        >> fbs.send("Viser og varsler mellemværendet (SMS, e-mail, lånerkonto)", key="varsel")
        >> kanal)

    # At the desk: cash, card, MobilePay – registered by hand in FBS.
    (kanal.when("Ved skranken")
        >> bib.manual("Modtager kontanter, kort eller MobilePay ved skranken", key="modtag_skranke")
        .note("Spørgsmål: Tager vi imod kontanter, kort o.l. og registrerer manuelt?")
        >> bib.user("Registrerer betalingen manuelt i FBS", key="registrer_fbs")
        >> nedskriv)
    # Third-party products.
    (kanal.when("Afleveringsmaskine")
        >> tredjepart.service("Afleveringsmaskinen tager imod betaling", key="afleveringsmaskine")
        .note("Spørgsmål: Kan man betale i 3. parts produkter: afleveringsmaskiner, hjemmeside via DDB-CMS, app'en?")
        >> nedskriv)
    (kanal.when("Hjemmeside (DDB-CMS)")
        >> tredjepart.service("Betaling på bibliotekets hjemmeside via DDB-CMS", key="ddb_cms")
        .note("Betalingen går i dag gennem bibliotekets egen netbetaling (fx DIBS), ikke kommunens debitorsystem.")
        >> nedskriv)
    (kanal.when("App'en")
        >> tredjepart.service("Betaling med MobilePay i bibliotekets app", key="app")
        >> nedskriv)
    nedskriv >> betalt

    # Nobody pays: large debts are moved by hand into the debtor system.
    overfoer = bib.decide("Skal mellemværendet til debitorsystemet?", key="overfoer_valg")
    (kanal.otherwise("Betaler ikke")
        >> bib.user("Følger op på ubetalte mellemværender i FBS", key="opfoelgning")
        >> overfoer)
    (overfoer.when("Ja, stort beløb")
        >> bib.user("Lægger mellemværendet manuelt over i debitorsystemet", key="overfoer_manuelt")
        .note("Spørgsmål: Lægger vi manuelt mellemværender over i debitorsystemet? Hvem gør det, og hvor tit?")
        >> oekonomi.user("Opkræver mellemværendet via debitorsystemet", key="opkraev")
        >> oekonomi.end("Opkræves af kommunen", key="opkraeves"))
    (overfoer.otherwise("Nej")
        >> bib.user("Lader mellemværendet stå på lånerkontoen", key="bliver_i_fbs")
        >> bib.end("Mellemværende står åbent i FBS", key="aabent"))


@process("Betalingskanaler – fremover", variant="future", theme=1, key=KEY, pool=POOL)
def betalingskanaler_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    tredjepart = p.lane("3. parts produkter", dept="system", key="tredjepart")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    betaling = p.lane("Betalingsløsning", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")
    koordinator = p.lane("ØiR-koordinator", dept="coordination")

    # --- Daily flow: the debt is handed over and paid in the municipality's own solutions.
    modtaget = debitor.wait(days(1, 3), "Indbetalingen når debitorsystemet", key="vent_debitor")

    # Payment forms the municipality has bought (profile.payment_forms), each a branch.
    form_notes = ["Tilkøbte betalingsformer hos " + profile.name + ": " + ", ".join(profile.payment_forms) + "."]
    if not profile.offers("Mastercard"):
        form_notes.append("Mastercard er ikke tilkøbt: Mit betalingsoverblik kan understøtte Mastercard, men "
                          "kommunen har ingen aftale. Spørgsmål: Skal der tilføjes betalingsmuligheder?")
    forms = [(payment_form, betaling.service(f"Gennemfører betaling med {payment_form}",
                                             key=f"form_{slug(payment_form)}"))
             for payment_form in profile.payment_forms]
    for _, step in forms:
        step >> modtaget
    form = betaling.choose("Hvilken betalingsform?", forms, key="betalingsform")
    for text in form_notes:
        form.note(text)

    # Payment solutions the municipality offers (profile.payment_solutions), each a branch.
    solution_notes = ["Spørgsmål: Hvilke betalingsløsninger kan og vil kommunen tilbyde "
                      "(fx Min Betalingsoversigt, Mit betalingsoverblik, girokort)?"]
    solutions = []
    for solution in profile.payment_solutions:
        if solution.lower() == "safepay":
            continue  # decided by the SafePay settings below
        if solution.lower() == "girokort":
            solutions.append(("Girokort", laaner.manual("Indbetaler girokort i netbank eller bank",
                                                        key="betal_girokort")))
            solutions[-1][1] >> modtaget
        else:
            solutions.append((solution, laaner.user(f"Betaler i {solution}", key=f"betal_{slug(solution)}")))
            solutions[-1][1] >> form
    if profile.safepay and profile.safepay_integrated:
        safepay = laaner.user("Betaler med SafePay", key="betal_safepay").note(
            "SafePay er integreret med debitorsystemet (som hos Frederiksberg Kommune).")
        safepay >> form
        solutions.append(("SafePay", safepay))
    elif profile.safepay:
        solution_notes.append("SafePay bruges i kommunen, men er ikke integreret med debitorsystemet og kan "
                              "derfor ikke bruges til biblioteksmellemværender (som hos Københavns Kommune).")
    loesning = laaner.choose("Hvilken betalingsløsning bruger låneren?", solutions, key="loesning")
    for text in solution_notes:
        loesning.note(text)

    henvendelse = laaner.decide("Hvor henvender låneren sig?", key="kanal")
    (fbs.start("Mellemværende opstår i FBS", key="har_mellemvaerende")
        >> fbs.service("Oversender mellemværendet til debitorsystemet (ØiR 3)", key="oversend")
        >> debitor.send("Opretter fordring og sender opkrævning til låneren", key="opkraev")
        >> henvendelse)
    (henvendelse.when("Ved skranken")
        >> bib.user("Henviser til kommunens betalingsløsninger", key="henvis")
        .note("Spørgsmål: Skal skranken stadig tage imod kontanter – og hvem afstemmer dem så (tema 5)?")
        >> loesning)
    (henvendelse.when("Hjemmeside (DDB-CMS)")
        >> tredjepart.service("Hjemmesiden viser mellemværendet og sender videre til betalingsløsningen",
                              key="ddb_cms")
        .note("Gamle mellemværender fra den tidligere netbetaling (DIBS) kan i en overgang stadig betales her. "
              "MobilePay i app'en udfases: nye mellemværender kan ikke betales i app'en.")
        .note("Spørgsmål: Kan afleveringsmaskinerne fortsat tage imod betaling, når mellemværendet ligger "
              "i debitorsystemet – eller skal de henvise til kommunens betalingsløsning?")
        >> loesning)
    henvendelse.otherwise("Via opkrævningen") >> loesning

    (modtaget
        >> debitor.service("Registrerer indbetalingen og udligner fordringen", key="udlign")
        >> debitor.wait(days(1, 2), "Betalingen når FBS", key="vent_fbs")
        >> fbs.service("Nedskriver mellemværendet på lånerkontoen", key="nedskriv")
        >> laaner.end("Mellemværende betalt", key="betalt"))

    # --- Recurring clarification: which solutions and payment forms does the municipality offer?
    safepay_ok = oekonomi.decide("Er SafePay integreret med debitorsystemet?", key="safepay_integreret").note(
        f"{profile.name}: " + ("SafePay er integreret." if profile.safepay_integrated
                                else "SafePay er ikke integreret (eller bruges ikke)."))
    afklaret = koordinator.end("Betalingsmuligheder afklaret og kommunikeret", key="afklaret")
    (koordinator.start("Årlig gennemgang af betalingsmuligheder", key="gennemgang", every=years(1))
        >> koordinator.user("Afklarer betalingsløsninger og tilkøbte betalingsformer med "
                            "debitor-/økonomiafdelingen og betalingsenheden", key="afklar")
        .note("Eksempel: KMD's Mit betalingsoverblik kan understøtte Mastercard, men kommunen har måske "
              "ikke lavet en aftale om at anvende Mastercard.")
        .note("Spørgsmål: Hvilke muligheder kan vi understøtte fremover, og hvilke ønsker vi at tilbyde? "
              "Skal der tilføjes betalingsformer?")
        >> safepay_ok)
    safepay_ok.when("Ja / bruges ikke") >> afklaret
    (safepay_ok.otherwise("Nej, ikke integreret")
        >> oekonomi.user("Udelader SafePay for biblioteksmellemværender", key="udelad_safepay")
        >> afklaret)
