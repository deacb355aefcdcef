"""Tema 3 – Fordringer efter oversendelse: what lands on the finance desk every week.

Seed question 3 asks how invoicing and reminders work; once a debt is a claim in the debtor
system, four more flows follow from it. None is in the task text, so their facts are
``Antagelse`` notes (DOMAIN.md, "What finance does with library claims"):

* ``tema3_aendring`` – the claim changes after transfer (material returned, a fee corrected, an
  objection upheld). Today the library corrects FBS and tells finance about a debt it moved by
  hand; in future FBS sends the write-down or cancellation on to the debtor system (the
  integration is two-way), and a claim already paid becomes a refund.
* ``tema3_tilbagebetaling`` – refunds. Today the desk pays back; in future finance refunds to the
  citizen's NemKonto on a rule the municipality sets.
* ``tema3_afskrivning`` – write-off. Today the library writes off in FBS; in future finance writes
  small or uncollectable claims off under the kasse- og regnskabsregulativ, the debtor system
  reports it to FBS, and FBS lifts the block or not.
* ``tema3_henvendelser`` – the citizen asks. Today the library answers everything; in future
  questions about material, fees and blocks belong to the library, payment, reminder and
  collection to finance, with a hand-over between them.
"""
from oir_bpmn import minutes, process

CHANGE_KEY = "tema3_aendring"
REFUND_KEY = "tema3_tilbagebetaling"
WRITE_OFF_KEY = "tema3_afskrivning"
ENQUIRY_KEY = "tema3_henvendelser"
POOL = "Kommunen"
ALREADY_PAID = "Er fordringen allerede betalt?"


# ---------------------------------------------------------------- the claim changes after transfer

@process("Ændring af mellemværende – i dag", variant="current", theme=3, key=CHANGE_KEY, pool=POOL, per_year=300)
def aendring_i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    lagt_over = bib.decide("Er mellemværendet lagt manuelt over i debitorsystemet?", key="oversendt")
    (bib.start("Materiale afleveret, gebyr rettet eller indsigelse godkendt", key="aendring")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 300 ændringer om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("I dag retter biblioteket selv mellemværendet i FBS; kun et mellemværende, der er lagt "
                    "manuelt over i debitorsystemet, skal også rettes hos debitor-/økonomiafdelingen.")
        >> bib.user("Nedskriver eller annullerer mellemværendet i FBS", key="registrer_aendring", effort=minutes(3, 8))
        >> lagt_over)
    (lagt_over.when("Ja")
        >> bib.send("Beder debitor-/økonomiafdelingen rette fordringen", key="besked_oekonomi", effort=minutes(2, 5))
        >> oekonomi.user("Retter fordringen manuelt i debitorsystemet", key="tilpas_fordring", effort=minutes(3, 8))
        >> oekonomi.end("Fordringen er rettet", key="rettet"))
    lagt_over.otherwise("Nej") >> bib.end("Mellemværendet er rettet i FBS", key="rettet_fbs")


@process("Ændring af mellemværende – fremover", variant="future", theme=3, key=CHANGE_KEY, pool=POOL, per_year=300)
def aendring_fremover(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")

    betalt = debitor.decide(ALREADY_PAID, key="allerede_betalt")
    (bib.start("Materiale afleveret efter oversendelse, gebyr rettet eller indsigelse godkendt", key="aendring")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 300 ændringer om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("Integrationen er tovejs: en ændring registreres i FBS, som sender nedskrivningen eller "
                    "annulleringen videre til debitorsystemet.")
        >> bib.user("Registrerer ændringen i FBS", key="registrer_aendring", effort=minutes(3, 8))
        .question("Hvem på biblioteket må annullere et erstatningskrav, og skal debitor-/økonomiafdelingen "
                  "godkende en indsigelse?")
        >> fbs.service("Sender nedskrivningen eller annulleringen videre til debitorsystemet", key="send_aendring")
        >> debitor.service("Nedskriver eller annullerer fordringen", key="tilpas_fordring")
        .question("Hvad sker der, hvis fordringen allerede er sendt til inddrivelse?")
        >> betalt)
    (betalt.when("Ja")
        >> debitor.service("Danner et tilgodehavende til låneren", key="tilgodehavende")
        >> debitor.end("Tilgodehavendet tilbagebetales (Tilbagebetaling – fremover)", key="til_tilbagebetaling"))
    (betalt.otherwise("Nej")
        >> debitor.service("Melder den nye saldo tilbage til FBS", key="meld_fbs")
        >> fbs.service("Opdaterer mellemværendet og ophæver evt. spærringen automatisk", key="opdater_fbs")
        >> fbs.end("Fordringen og mellemværendet er rettet", key="rettet"))


# ---------------------------------------------------------------- refunds

@process("Tilbagebetaling – i dag", variant="current", theme=3, key=REFUND_KEY, pool=POOL, per_year=150)
def tilbagebetaling_i_dag(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")

    (laaner.start("Låneren har betalt for meget (fx to gange, eller materialet kom tilbage)", key="for_meget")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 150 tilbagebetalinger om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> bib.manual("Betaler beløbet tilbage ved skranken", key="tilbagebetal", effort=minutes(3, 6))
        .assumption("I dag betaler biblioteket selv tilbage ved skranken, kontant eller på kortet.")
        >> bib.user("Registrerer tilbagebetalingen i FBS", key="registrer", effort=minutes(3, 8))
        >> laaner.end("Låneren har fået pengene tilbage", key="tilbagebetalt"))


@process("Tilbagebetaling – fremover", variant="future", theme=3, key=REFUND_KEY, pool=POOL, per_year=150)
def tilbagebetaling_fremover(p):
    laaner = p.lane("Låner", dept="external")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    betalt = oekonomi.decide(ALREADY_PAID, key="allerede_betalt")
    regel = oekonomi.decide("Hvad siger kommunens regel for tilbagebetaling?", key="regel").question(
        "Hvem beslutter reglen: tilbagebetales alle beløb, eller modregnes de først i borgerens andre "
        "kommunale fordringer – og fra hvilket beløb?")
    (oekonomi.start("En fordring annulleres eller nedskrives, eller låneren har betalt to gange", key="for_meget")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 150 tilbagebetalinger om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("Dobbelt betaling kan opstå ved betaling både ved skranken og online, ved mulighed B (tema "
                    "2), eller når en allerede betalt fordring annulleres.")
        >> betalt)
    (betalt.otherwise("Nej")
        >> debitor.service("Nedskriver fordringen", key="nedskriv")
        >> debitor.end("Intet at tilbagebetale", key="intet"))
    betalt.when("Ja") >> regel
    (regel.when("Tilbagebetales")
        >> oekonomi.user("Tilbagebetaler beløbet til lånerens NemKonto", key="tilbagebetal", effort=minutes(3, 8))
        .assumption("Tilbagebetalingen går til borgerens NemKonto og foretages af debitor-/økonomiafdelingen.")
        >> debitor.service("Registrerer tilbagebetalingen", key="registrer")
        >> laaner.end("Låneren har fået pengene tilbage", key="tilbagebetalt"))
    (regel.otherwise("Modregnes")
        >> debitor.service("Modregner beløbet i lånerens andre fordringer", key="modregn")
        >> laaner.end("Beløbet er modregnet", key="modregnet"))


# ---------------------------------------------------------------- write-off

@process("Afskrivning – i dag", variant="current", theme=3, key=WRITE_OFF_KEY, pool=POOL, per_year=400)
def afskrivning_i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")

    maa = bib.decide("Må biblioteket afskrive mellemværendet?", key="afskriv_valg").question(
        "Hvem må afskrive i dag, og op til hvilket beløb?")
    (bib.start("Et mellemværende er gammelt, lille eller kan ikke opkræves", key="kandidat")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 400 afskrivninger om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> maa)
    (maa.when("Ja")
        >> bib.user("Afskriver mellemværendet i FBS", key="afskriv_fbs", effort=minutes(3, 8))
        >> fbs.service("Ophæver spærringen automatisk", key="ophaev")
        >> fbs.end("Mellemværendet er afskrevet", key="afskrevet"))
    maa.otherwise("Nej") >> bib.end("Mellemværendet bliver stående i FBS", key="bliver_i_fbs")


@process("Afskrivning – fremover", variant="future", theme=3, key=WRITE_OFF_KEY, pool=POOL, per_year=400)
def afskrivning_fremover(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    regler = oekonomi.decide("Afskrives fordringen efter kommunens regler?", key="afskriv_valg").assumption(
        "Små eller uerholdelige fordringer afskrives efter kommunens kasse- og regnskabsregulativ oftere, end de "
        "sendes til inddrivelse hos Gældsstyrelsen.")
    regler.decision("Afskrivningsgrænser, og hvem der må afskrive",
                    ["Kun debitor-/økonomiafdelingen", "Biblioteket under en beløbsgrænse"],
                    "Debitor-/økonomiafdelingen", "ved opsætning")
    ophaev = fbs.decide("Skal spærringen ophæves?", key="ophaev_valg").question(
        "Skal en låner, hvis mellemværende er afskrevet, kunne låne igen – eller forblive blokeret?")
    (oekonomi.start("En fordring er lille eller kan ikke inddrives", key="kandidat")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 400 afskrivninger om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> regler)
    (regler.when("Ja, afskrives")
        >> oekonomi.user("Afskriver fordringen i debitorsystemet", key="afskriv", effort=minutes(3, 8))
        >> debitor.service("Melder afskrivningen til FBS", key="meld_fbs")
        .assumption("En afskrivning skal nå FBS, ellers forbliver låneren spærret.")
        >> fbs.service("Afskriver mellemværendet i FBS", key="afskriv_fbs")
        >> ophaev)
    ophaev.when("Ja") >> fbs.service("Ophæver spærringen automatisk", key="ophaev") >> fbs.end(
        "Mellemværendet er afskrevet", key="afskrevet")
    (ophaev.otherwise("Nej")
        >> bib.user("Blokerer låneren manuelt", key="bloker", effort=minutes(3, 8))
        >> bib.end("Låneren forbliver blokeret", key="blokeret"))
    (regler.otherwise("Nej, inddrives")
        >> oekonomi.user("Sender fordringen til inddrivelse hos Gældsstyrelsen", key="inddrivelse",
                         effort=minutes(3, 8))
        >> oekonomi.end("Fordringen er sendt til inddrivelse", key="inddrives"))


# ---------------------------------------------------------------- the citizen asks

@process("Henvendelse om mellemværende – i dag", variant="current", theme=3, key=ENQUIRY_KEY, pool=POOL, per_year=600)
def henvendelse_i_dag(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")

    ret_valg = bib.decide("Skal mellemværendet rettes?", key="ret_valg")
    besvaret = laaner.end("Låneren har fået svar", key="besvaret")
    (laaner.start("Låneren ringer eller skriver om et mellemværende", key="henvendelse")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 600 henvendelser om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> bib.user("Slår låneren op i FBS og svarer", key="svar_bib", effort=minutes(3, 8))
        .assumption("I dag svarer biblioteket på alle spørgsmål om mellemværender, fordi de ligger i FBS.")
        >> ret_valg)
    ret_valg.when("Ja") >> bib.user("Retter mellemværendet i FBS", key="ret", effort=minutes(3, 8)) >> besvaret
    ret_valg.otherwise("Nej") >> besvaret


@process("Henvendelse om mellemværende – fremover", variant="future", theme=3, key=ENQUIRY_KEY, pool=POOL, per_year=600)
def henvendelse_fremover(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    hvor = laaner.decide("Hvor henvender låneren sig?", key="kanal").question(
        "Hvilket telefonnummer og hvilken e-mail står på opkrævningen og rykkeren – bibliotekets eller "
        "debitor-/økonomiafdelingens?")
    emne_bib = bib.decide("Gælder det materiale, gebyr eller spærring?", key="emne_bib")
    emne_oekonomi = oekonomi.decide("Gælder det betaling, rykker eller inddrivelse?", key="emne_oekonomi")
    svar_bib = bib.user("Slår låneren op i FBS og svarer", key="svar_bib", effort=minutes(3, 8))
    svar_oekonomi = oekonomi.user("Slår fordringen op i debitorsystemet og svarer", key="svar_oekonomi",
                                  effort=minutes(3, 8))
    ret_valg = bib.decide("Skal mellemværendet rettes?", key="ret_valg")
    besvaret = laaner.end("Låneren har fået svar", key="besvaret")

    (laaner.start("Låneren ringer eller skriver om et oversendt mellemværende", key="henvendelse")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 600 henvendelser om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("Fx \"jeg har afleveret materialet\" eller \"hvorfor en rykker?\".")
        >> hvor)
    hvor.when("Biblioteket") >> emne_bib
    hvor.otherwise("Debitor-/økonomiafdelingen") >> emne_oekonomi
    emne_bib.when("Ja") >> svar_bib
    (emne_bib.otherwise("Nej")
        >> bib.send("Giver henvendelsen videre til debitor-/økonomiafdelingen", key="videre_til_oekonomi",
                    effort=minutes(2, 5))
        >> svar_oekonomi)
    emne_oekonomi.when("Ja") >> svar_oekonomi
    (emne_oekonomi.otherwise("Nej")
        >> oekonomi.send("Giver henvendelsen videre til biblioteket", key="videre_til_bib", effort=minutes(2, 5))
        >> svar_bib)
    svar_bib >> ret_valg
    (ret_valg.when("Ja")
        >> bib.user("Registrerer ændringen i FBS (Ændring af mellemværende)", key="ret", effort=minutes(3, 8))
        >> besvaret)
    ret_valg.otherwise("Nej") >> besvaret
    svar_oekonomi >> besvaret
