"""Tema 6 – Overvågning af forretningsmæssige fejl i integrationen.

Seed question 6: "Hvordan håndteres overvågning af forretningsmæssige fejl i integrationen?"

current: there is no integration to monitor. Debts are moved by hand, so errors surface when the
debtor/finance department cannot create a claim; FBS errors go to Systematic support as cases.
future (a NEW library task): FBS creates a task when a transfer fails; the library admin handles
it. Set-up errors (the Copenhagen example: a configuration change in the debtor system made every
transferred debt fail) go to the debtor-system owner, are rolled back, and Systematic support is
asked to resend the failed debts. Technical errors go straight to Systematic support. A rule
creates a task for minors without an economically responsible adult: block manually or look the
guardian up. Systematic support is its own pool, connected by message flows.
"""
from oir_bpmn import days, process

KEY = "tema6_overvaagning_fejl"
POOL = "Overvågning af fejl"


def support_pool(p, request_label, answer_label):
    """Systematic support as its own pool: receives a case, handles it, answers."""
    sup = p.pool("Systematic support", dept="external")
    modtag = sup.start(request_label, key="sup_modtaget", event="message")
    svar = sup.end(answer_label, key="sup_svar", event="message")
    return sup, modtag, svar


@process("Overvågning af fejl – i dag", variant="current", theme=6, key=KEY, pool=POOL)
def overvaagning_i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")
    sup, sup_modtag, sup_svar = support_pool(p, "Sag oprettet af biblioteket", "Svar sendt til biblioteket")

    kan_oprettes = oekonomi.decide("Kan fordringen oprettes?", key="kan_oprettes")
    ret = bib.user("Retter lånerdata og sender mellemværendet igen", key="ret_data")

    # Manual transfer: errors are found by the debtor/finance department.
    (bib.start("Mellemværende lagt manuelt over i debitorsystemet", key="manuel_overfoersel")
        .note("I dag er der ingen integration at overvåge; fejl opdages først, når debitor-/økonomiafdelingen ikke kan oprette fordringen.")
        >> oekonomi.user("Opretter fordringen i debitorsystemet", key="opret_fordring")
        >> kan_oprettes)
    kan_oprettes.when("Ja") >> oekonomi.end("Fordringen er oprettet", key="fordring_oprettet")
    (kan_oprettes.otherwise("Nej, fx manglende CPR")
        >> oekonomi.send("Sender mail til biblioteket om fejlen", key="kontakt_bib")
        >> ret
        >> oekonomi.user("Opretter fordringen igen", key="oversend_igen")
        >> oekonomi.end("Fejlen er rettet", key="rettet"))

    # Errors in FBS itself go to Systematic support.
    kontakt = bib.send("Opretter sag hos Systematics support", key="kontakt_support")
    svar = bib.wait_message("Svar fra Systematics support", key="svar_support")
    (bib.start("Fejl i FBS meldes af en kollega eller låner", key="fbs_fejl", event="message")
        >> bib.user("Undersøger fejlen i FBS", key="gennemgaa")
        >> kontakt >> svar
        >> bib.user("Lukker sagen", key="luk")
        >> bib.end("Fejlen er løst", key="loest"))
    kontakt.message_to(sup_modtag, "Sag")
    (sup_modtag
        >> sup.task("Undersøger og retter fejlen", key="sup_ret")
        >> sup_svar)
    sup_svar.message_to(svar, "Svar")


@process("Overvågning af fejl – fremover", variant="future", theme=6, key=KEY, pool=POOL)
def overvaagning_fremover(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")
    sup, sup_modtag, sup_svar = support_pool(p, "Henvendelse fra kommunen", "Svar sendt til kommunen")

    fejltype = bib.decide("Hvilken slags fejl er det?", key="fejltype").note(
        "Spørgsmål: Hvem på biblioteket overvåger opgaverne i FBS, hvor ofte, og hvem er stedfortræder?")
    findes = bib.decide("Findes oplysningen allerede, men er bare ikke indtastet?", key="findes")
    bed_support = bib.send("Beder Systematics support gensende de fejlede mellemværender", key="bed_gensend")
    kontakt = bib.send("Kontakter Systematics support og beder dem se på problemet", key="kontakt_support")
    svar = bib.wait_message("Svar fra Systematics support", key="svar_support")
    oversend_igen = fbs.service("Oversender mellemværendet igen", key="oversend_igen")
    luk = bib.user("Lukker opgaven i FBS", key="luk")

    # --- A transfer fails: FBS creates a task, the library admin handles it.
    resultat = fbs.decide("Hvordan går oversendelsen?", key="resultat")
    (fbs.start("Mellemværende oversendes til debitorsystemet", key="oversendes")
        >> fbs.service("Regel: mindreårig uden økonomisk ansvarlig?", key="regel_mindreaarig")
        .note("Reglen kan opsættes, så der oprettes en opgave, når der overføres mellemværender "
              "på mindreårige uden økonomisk ansvarlig.")
        >> resultat)
    resultat.when("Uden fejl") >> debitor.end("Fordringen er oprettet", key="fordring_oprettet")
    (resultat.when("Oversendelsen fejler")
        >> fbs.service("Opretter opgave i FBS", key="opgave")
        .note("Se \"USM0063 Quick guide – Integration til ØiR 3\" på Cicero Connect.")
        >> bib.user("Gennemgår opgaven i FBS", key="gennemgaa")
        .note("Ny opgave på biblioteket: overvåge forretningsmæssige fejl i integrationen.")
        >> fejltype)

    # Set-up error in the debtor system (the Copenhagen example).
    (fejltype.when("Ændret opsætning i debitorsystemet")
        >> bib.send("Kontakter den ansvarlige for debitorsystemet", key="kontakt_debitor")
        .note("Eksempel fra Københavns Kommune: en ændring i opsætningen i debitorsystemet fik alle "
              "oversendte mellemværender til at fejle.")
        >> oekonomi.user("Finder ændringen i opsætningen", key="find_aendring")
        .note("Spørgsmål: Skal ændringer i debitorsystemets opsætning fremover varsles til biblioteket "
              "og ØiR-koordinatoren?")
        >> debitor.service("Opsætningen rulles tilbage", key="rul_tilbage")
        >> bed_support
        >> svar)
    bed_support.message_to(sup_modtag, "Gensend fejlede mellemværender")

    # Technical error: straight to Systematic support.
    (fejltype.when("Teknisk fejl")
        >> kontakt
        .note("Tekniske fejl skyldes ikke ændringer i kommunens opsætning.")
        >> svar)
    kontakt.message_to(sup_modtag, "Fejlrapport")
    svar >> oversend_igen

    # Borrower data is missing or wrong.
    (fejltype.otherwise("Manglende eller forkerte lånerdata")
        >> bib.user("Retter CPR/CVR, navn eller adresse i FBS", key="ret_data")
        >> oversend_igen)

    (oversend_igen
        >> debitor.service("Opretter fordringen", key="opret_fordring")
        >> luk
        >> bib.end("Fejlen er løst", key="loest"))

    # --- Rule: debt of a minor without an economically responsible adult.
    (resultat.otherwise("Mindreårig uden økonomisk ansvarlig")
        >> fbs.service("Opretter opgave til biblioteket", key="opgave_mindreaarig")
        >> bib.user("Undersøger, om den økonomisk ansvarlige er kendt", key="undersoeg")
        .note("Spørgsmål: Hvad ønsker vi at gøre på biblioteket, når en sådan opgave opstår?")
        >> findes)
    indtast = bib.user("Indtaster den økonomisk ansvarlige i FBS", key="indtast_ansvarlig")
    hvad_foerst = bib.race("Kommer oplysningerne?", key="hvad_foerst")
    findes.when("Ja") >> indtast >> oversend_igen
    (findes.otherwise("Nej")
        >> bib.user("Blokerer låneren manuelt, til den økonomisk ansvarlige kendes", key="bloker")
        .note("Biblioteket beder låneren eller forældrene om oplysningerne.")
        >> hvad_foerst)
    hvad_foerst >> bib.wait_message("Oplysninger om økonomisk ansvarlig modtaget", key="oplysninger") >> indtast
    (hvad_foerst
        >> bib.wait(days(30), "Intet svar inden for fristen", key="intet_svar")
        >> bib.end("Låneren forbliver blokeret", key="blokeret"))

    # --- Systematic support.
    sup_type = sup.decide("Hvad beder kommunen om?", key="sup_type")
    sup_modtag >> sup_type
    (sup_type.when("Gensendelse")
        >> sup.service("Gensender de fejlede mellemværender", key="sup_gensend")
        >> sup_svar)
    (sup_type.otherwise("Teknisk fejl")
        >> sup.task("Undersøger og retter den tekniske fejl", key="sup_ret")
        >> sup_svar)
    sup_svar.message_to(svar, "Svar / gensendt")
