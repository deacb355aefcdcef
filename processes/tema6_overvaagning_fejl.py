"""Tema 6 – Overvågning af forretningsmæssige fejl i integrationen.

Seed question 6: "Hvordan håndteres overvågning af forretningsmæssige fejl i integrationen?"

current: there is no integration to monitor. Debts are moved by hand, so errors surface when the
debtor/finance department cannot create a claim; FBS errors go to Systematic support as cases.
future (a NEW library task): FBS creates a task when a transfer fails; the library admin handles
it. When many transfers fail (the Copenhagen example: a configuration change in the debtor
system made every transferred debt fail) the library asks the owner of the debtor system
(systemejeren, often IT or central finance), who finds the cause and rolls a set-up change back;
Systematic support is asked to resend the failed debts (once: FBS does not send them again).
Technical errors go straight to Systematic support. A rule creates a task for minors without an
economically responsible adult: the library either blocks the borrower manually or looks the
guardian up – a decision the workshop makes; if the guardian is not found, the library asks the
borrower or the guardian, then registers, blocks or writes off. Systematic support is its own
pool, connected by message flows.

``tema6_fbs_debitor_stemmer`` (future only: no integration today) – every month an owner checks
that every transferred debt is a claim in the debtor system and that the balances match; theme
6's main process covers only the transfers that fail.
"""
from _decisions import today

from oir_bpmn import hours, minutes, months, process, weeks
from oir_bpmn.profile import MONITORS

KEY = "tema6_overvaagning_fejl"
CHECK_KEY = "tema6_fbs_debitor_stemmer"
POOL = "Kommunen"
MONITOR_LANES = {"coordination": ("ØiR-koordinator", "coordination"),
                 "finance": ("Debitor-/økonomiafdelingen", "finance")}
"""The lane of whoever monitors the FBS tasks when it is not the library (profile ``fbs_monitor``)."""


def support_pool(p, request_label, answer_label):
    """Systematic support as its own pool: receives a case, handles it, answers."""
    sup = p.pool("Systematic support", dept="external")
    modtag = sup.start(request_label, key="sup_modtaget", event="message")
    svar = sup.end(answer_label, key="sup_svar", event="message")
    return sup, modtag, svar


@process("Overvågning af fejl – i dag", variant="current", theme=6, key=KEY, pool=POOL, per_year=400)
def overvaagning_i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")
    sup, sup_modtag, sup_svar = support_pool(p, "Sag oprettet af biblioteket", "Svar sendt til biblioteket")

    kan_oprettes = oekonomi.decide("Kan fordringen oprettes?", key="kan_oprettes")
    ret = bib.user("Retter lånerdata og sender mellemværendet igen", key="ret_data", effort=minutes(3, 8))

    # Manual transfer: errors are found by the debtor/finance department.
    (bib.start("Mellemværende lagt manuelt over i debitorsystemet", key="manuel_overfoersel")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 400 sager om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("I dag er der ingen integration at overvåge; fejl opdages først, når "
                    "debitor-/økonomiafdelingen ikke kan oprette fordringen.")
        >> oekonomi.user("Opretter fordringen i debitorsystemet", key="opret_fordring", effort=minutes(3, 8))
        >> kan_oprettes)
    kan_oprettes.when("Ja", share=0.9) >> oekonomi.end("Fordringen er oprettet", key="fordring_oprettet")
    (kan_oprettes.otherwise("Nej, fx manglende CPR")
        >> oekonomi.send("Sender mail til biblioteket om fejlen", key="kontakt_bib", effort=minutes(2, 5))
        >> ret
        >> oekonomi.user("Opretter fordringen igen", key="oversend_igen", effort=minutes(3, 8))
        >> oekonomi.end("Fejlen er rettet", key="rettet"))

    # Errors in FBS itself go to Systematic support.
    kontakt = bib.send("Opretter sag hos Systematics support", key="kontakt_support", effort=minutes(2, 5))
    svar = bib.wait_message("Svar fra Systematics support", key="svar_support")
    (bib.start("Fejl i FBS meldes af en kollega eller låner", key="fbs_fejl", event="message")
        >> bib.user("Undersøger fejlen i FBS", key="gennemgaa", effort=minutes(3, 8))
        >> kontakt >> svar
        >> bib.user("Lukker sagen", key="luk", effort=minutes(3, 8))
        >> bib.end("Fejlen er løst", key="loest"))
    kontakt.message_to(sup_modtag, "Sag")
    (sup_modtag
        >> sup.task("Undersøger og retter fejlen", key="sup_ret")
        >> sup_svar)
    sup_svar.message_to(svar, "Svar")


@process("Overvågning af fejl – fremover", variant="future", theme=6, key=KEY, pool=POOL, per_year=2100)
def overvaagning_fremover(p):
    profile = p.profile  # who monitors the FBS tasks: fbs_monitor
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    monitor = bib if profile.fbs_monitor == "library" else p.lane(*MONITOR_LANES[profile.fbs_monitor])
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    systemejer = p.lane("Systemejer for debitorsystemet", dept="finance", key="systemejer")
    sup, sup_modtag, sup_svar = support_pool(p, "Henvendelse fra kommunen", "Svar sendt til kommunen")

    fejltype = monitor.decide("Hvad viser opgaven?", key="fejltype").question(
        "Hvor ofte overvåges opgaverne i FBS, og hvem er stedfortræder?")
    fejltype.note(today(profile, "fbs_monitor", f"{MONITORS[profile.fbs_monitor].lower()} overvåger opgaverne i FBS",
                        when="har valgt"))
    fejltype.decision("Hvem overvåger opgaverne i FBS, med stedfortræder",
                      ["Biblioteket", "ØiR-koordinatoren", "Debitor-/økonomiafdelingen"], "ØiR-koordinator",
                      "før go-live")
    aarsag = systemejer.decide("Hvad er årsagen?", key="aarsag")
    bed_support = monitor.send("Beder Systematics support om at gensende de fejlede mellemværender", key="bed_gensend",
                               effort=minutes(2, 5))
    kontakt = monitor.send("Kontakter Systematics support og beder dem se på problemet", key="kontakt_support",
                           effort=minutes(2, 5))
    svar = monitor.wait_message("Svar fra Systematics support", key="svar_support")
    oversend_igen = fbs.service("Oversender mellemværendet igen", key="oversend_igen")
    luk = monitor.user("Lukker opgaven i FBS", key="luk", effort=minutes(3, 8))

    # --- A transfer fails: FBS creates a task, the library admin handles it.
    resultat = fbs.decide("Hvordan går oversendelsen?", key="resultat")
    (fbs.start("Mellemværende oversendes til debitorsystemet", key="oversendes")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 2.100 oversendelser om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> fbs.service("Tjekker reglen for mindreårige uden økonomisk ansvarlig", key="regel_mindreaarig")
        .from_task("Der kan opsættes regler, der opretter en opgave, hvis der overføres mellemværender på "
                   "mindreårige uden økonomisk ansvarlig.")
        >> resultat)
    resultat.when("Uden fejl", share=0.95) >> debitor.end("Fordringen er oprettet", key="fordring_oprettet")
    (resultat.when("Oversendelsen fejler", share=0.04)
        >> fbs.service("Opretter opgave i FBS", key="opgave")
        .from_task("I FBS bliver der oprettet opgaver, når noget fejler; se \"USM0063 Quick guide – "
                   "Integration til ØiR 3\" på Cicero Connect.")
        >> monitor.user("Gennemgår opgaven i FBS", key="gennemgaa", effort=minutes(3, 8))
        .from_task("Ny opgave: overvåge forretningsmæssige fejl i integrationen og kommunikere med de "
                   "ansvarlige for debitorfunktionen og evt. Systematics support.")
        >> fejltype)

    # Many transfers fail for no reason the library can see (the Copenhagen example): the library
    # asks the owner of the debtor system, who finds the cause; a technical error goes to support.
    (fejltype.when("Mange oversendelser fejler")
        >> monitor.send("Kontakter systemejeren for debitorsystemet", key="kontakt_debitor", effort=minutes(2, 5))
        .from_task("Eksempel fra Københavns Kommune: en ændring i opsætningen i debitorsystemet fik alle "
                   "oversendte mellemværender til at fejle; den administrative medarbejder, der overvågede FBS, "
                   "måtte kontakte den ansvarlige for debitorsystemet.")
        .assumption("Systemejeren for debitorsystemet sidder ofte i IT eller central økonomi, ikke i "
                    "debitorafdelingen.")
        >> systemejer.user("Undersøger årsagen i debitorsystemet", key="find_aendring", effort=minutes(3, 8))
        .question("Skal ændringer i debitorsystemets opsætning fremover varsles til biblioteket og "
                  "ØiR-koordinatoren?")
        >> aarsag)
    (aarsag.when("Ændret opsætning i debitorsystemet")
        >> systemejer.user("Ruller rettelsen i debitorsystemet tilbage", key="rul_tilbage", effort=minutes(3, 8))
        .from_task("Rettelsen i debitorsystemet skulle herefter rulles tilbage, og Systematics support skulle "
                   "kontaktes for at få de fejlede mellemværender gensendt.")
        >> bed_support
        >> svar)
    bed_support.message_to(sup_modtag, "Gensend fejlede mellemværender")

    # Technical error: straight to Systematic support.
    aarsag.otherwise("Teknisk fejl") >> kontakt
    (fejltype.when("Teknisk fejl")
        >> kontakt
        .from_task("Fejl af teknisk karakter skyldes ikke ændringer i kommunens opsætning.")
        >> svar)
    kontakt.message_to(sup_modtag, "Fejlrapport")
    svar >> luk

    # Borrower data is missing or wrong: the library corrects it, FBS sends the debt again.
    (fejltype.otherwise("Manglende eller forkerte lånerdata")
        >> bib.user("Retter CPR/CVR, navn eller adresse i FBS", key="ret_data", effort=minutes(3, 8))
        >> oversend_igen)
    oversend_igen.assumption("Når lånerdata er rettet, oversender FBS mellemværendet igen.")
    (oversend_igen
        >> debitor.service("Opretter fordringen", key="opret_fordring")
        >> luk
        >> monitor.end("Fejlen er løst", key="loest"))

    # --- Rule: debt of a minor without an economically responsible adult. Either block or look up;
    # either way somebody asks the borrower or the guardian, then registers, blocks or writes off.
    hvad = bib.decide("Hvad gør biblioteket?", key="mindreaarig_valg").from_task(
        "Man kan fx manuelt blokere låneren, indtil der er informationer om økonomisk ansvarlig, eller man kan "
        "undersøge, om informationen evt. allerede findes, men bare ikke er indtastet.")
    hvad.decision("Praksis for opgaven om mindreårige uden økonomisk ansvarlig",
                  ["Blokér låneren", "Undersøg, om oplysningen findes"], "Biblioteket", "løbende")
    hvad.question("Hvad ønsker vi at gøre på biblioteket, når en sådan opgave opstår?")
    findes = bib.decide("Findes oplysningen allerede?", key="findes")
    indtast = bib.user("Indtaster den økonomisk ansvarlige i FBS", key="indtast_ansvarlig", effort=minutes(3, 8))
    kontakt_vaerge = bib.send("Beder låneren eller forældrene oplyse en økonomisk ansvarlig", key="kontakt_vaerge",
                              effort=minutes(2, 5))
    udfald = bib.decide("Er en økonomisk ansvarlig oplyst?", key="udfald")
    (resultat.otherwise("Mindreårig uden økonomisk ansvarlig")
        >> fbs.service("Opretter opgave til biblioteket", key="opgave_mindreaarig")
        .question("Standser reglen oversendelsen, eller opstår opgaven, efter at mellemværendet er oversendt? "
                  "Det står ikke i opgaveteksten.")
        >> hvad)
    (hvad.when("Undersøger oplysningerne")
        >> bib.user("Undersøger, om den økonomisk ansvarlige findes, men ikke er indtastet", key="undersoeg",
                    effort=minutes(3, 8))
        >> findes)
    findes.when("Ja") >> indtast >> oversend_igen
    findes.otherwise("Nej") >> kontakt_vaerge
    (hvad.otherwise("Blokerer låneren")
        >> bib.user("Blokerer låneren manuelt, til den økonomisk ansvarlige kendes", key="bloker", effort=minutes(3, 8))
        >> kontakt_vaerge)
    (kontakt_vaerge
        >> bib.wait(weeks(2), "Svarfrist", key="oplysninger").assumption("2 uger er et eksempel.")
        >> udfald)
    (udfald.when("Ja")
        >> bib.user("Ophæver en evt. blokering og indtaster den økonomisk ansvarlige", key="ophaev_blokering",
                    effort=minutes(3, 8))
        >> oversend_igen)
    (udfald.when("Nej, låneren blokeres")
        >> bib.user("Blokerer låneren, hvis det ikke allerede er sket", key="bloker_efter_svar", effort=minutes(3, 8))
        >> bib.end("Låneren er blokeret, til en økonomisk ansvarlig kendes", key="blokeret"))
    (udfald.otherwise("Nej, mellemværendet afskrives")
        >> bib.user("Afskriver mellemværendet i FBS", key="afskriv", effort=minutes(3, 8))
        .question("Hvem må afskrive, og op til hvilket beløb (se Afskrivning – fremover)?")
        >> bib.end("Mellemværendet kan ikke inddrives", key="kan_ikke_inddrives"))

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


@process("FBS og debitorsystem stemmer – månedlig kontrol", variant="future", theme=6, key=CHECK_KEY, pool=POOL)
def fbs_og_debitor_stemmer(p):
    koordinator = p.lane("ØiR-koordinator", dept="coordination")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    stemmer = koordinator.decide("Stemmer FBS og debitorsystemet?", key="stemmer")
    hvor = koordinator.decide("Hvor ligger fejlen?", key="hvor")
    sammenhold = koordinator.user("Sammenholder: hvert oversendt mellemværende er en fordring, og saldiene stemmer",
                                  key="sammenhold", effort=hours(1, 3))
    noter = koordinator.user("Noterer differencen og årsagen", key="noter", effort=minutes(3, 8))

    maanedligt = (koordinator.start("Hver måned", key="maanedligt", every=months(1))
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): kontrol hver måned; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("Ejeren af kontrollen er ØiR-koordinatoren sammen med debitor-/økonomiafdelingen; hver måned "
                    "er et eksempel."))
    maanedligt >> [fbs.service("Danner udtræk over oversendte mellemværender", key="udtraek_fbs"),
                   debitor.service("Danner udtræk over biblioteksfordringer", key="udtraek_debitor")] >> sammenhold
    sammenhold >> stemmer
    stemmer.when("Ja", share=0.8) >> koordinator.end("FBS og debitorsystemet stemmer", key="stemmer_ok")
    stemmer.otherwise("Nej") >> hvor
    (hvor.when("I FBS")
        >> bib.user("Retter mellemværendet i FBS", key="ret_fbs", effort=minutes(3, 8))
        >> noter)
    (hvor.otherwise("I debitorsystemet")
        >> oekonomi.user("Retter fordringen i debitorsystemet", key="ret_debitor", effort=minutes(3, 8))
        >> noter)
    noter >> koordinator.end("Differencen er rettet", key="rettet")
