"""Tema 3 – Opkrævning og rykkere.

Seed question 3: "Hvordan håndterer vi opkrævning og rykkere i dag? Sender vi SMS'er, mails,
breve til e-Boks osv., og hvilke informationer ligger der heri?"

current: today's whole chain – 1st, 2nd and 3rd reminder on the borrower's channels (the
profile's reminder_channels), then an erstatningskrav for the lost material, balance statements
(if sent), blocking, and a manual hand-over of large claims to the debtor system.
future: the workshop decides when, and from what amount, a debt goes to the debtor system; the
debtor system invoices and reminds; the library decides whether to keep sending balance
statements (saldoopgørelser) or leave it to the debtor system; exclusion from borrowing stays in FBS.
"""
from _decisions import answer

from oir_bpmn import days, minutes, process, weeks

KEY = "tema3_opkraevning_rykkere"
POOL = "Kommunen"


@process("Opkrævning og rykkere – i dag", variant="current", theme=3, key=KEY, pool=POOL, per_year=6000)
def opkraevning_i_dag(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    kanaler = ", ".join(profile.reminder_channels)
    afleveret = laaner.end("Materialet er afleveret", key="afleveret")
    chain = (fbs.start("Afleveringsfristen er overskredet", key="opstaar")
             .assumption("Tal for Eksempelkommune (skøn, ikke målt): 6.000 overskredne afleveringsfrister om året; "
                         "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft."))
    for number in (1, 2, 3):
        reminder = fbs.send(f"Sender {number}. rykker ({kanaler})", key=f"rykker_{number}")
        if number == 1:
            reminder.question("Sender vi SMS'er, mails, breve til e-Boks osv., og hvilke informationer "
                              "ligger der heri?")
            reminder.assumption("Tre rykkere og derefter et erstatningskrav; antal, frister og gebyrer er "
                                "eksempler, der skal bekræftes.")
        frist = fbs.wait(weeks(1), f"Frist efter {number}. rykker", key=f"frist_{number}")
        returned = fbs.decide(f"Afleveret efter {number}. rykker?", key=f"afleveret_{number}")
        chain = chain >> reminder >> frist >> returned
        returned.when("Ja") >> afleveret
        chain = returned.otherwise("Nej")

    betalt = fbs.decide("Er erstatningskravet betalt?", key="er_betalt")
    (chain
        >> fbs.send("Sender erstatningskrav for det bortkomne materiale", key="erstatningskrav")
        .question("Hvilke oplysninger står i erstatningskravet (materiale, pris, gebyrer, hvor man betaler)?")
        >> fbs.wait(weeks(2), "Betalingsfrist for erstatningskravet", key="frist")
        .assumption("Fristen er et eksempel.")
        >> betalt)
    (betalt.when("Ja")
        >> bib.user("Registrerer betalingen i FBS", key="registrer", effort=minutes(3, 8))
        >> laaner.end("Erstatningskravet er betalt", key="afsluttet"))

    stort = bib.decide("Skal kravet til debitorsystemet?", key="stort_beloeb").question(
        "Lægger vi manuelt mellemværender over i debitorsystemet – fra hvilket beløb?")
    spaer = fbs.service("Spærrer låneren ved udestående over spærregrænsen", key="spaer")
    if profile.balance_statements:
        (betalt.otherwise("Nej")
            >> fbs.send("Sender saldoopgørelse", key="saldo")
            .question("Hvilke oplysninger står der i saldoopgørelsen, og hvor ofte sendes den?")
            >> spaer)
    else:
        betalt.otherwise("Nej") >> spaer
    spaer >> stort
    (stort.when("Ja")
        >> bib.user("Lægger erstatningskravet manuelt over i debitorsystemet", key="overfoer_manuelt",
                    effort=minutes(3, 8))
        >> oekonomi.send("Opkræver efter kommunens rykkerprocedure", key="rykkerprocedure", effort=minutes(2, 5))
        >> oekonomi.end("Opkræves af kommunen", key="opkraeves"))
    stort.otherwise("Nej") >> bib.end("Låneren er spærret, til der er betalt", key="spaerret")


@process("Opkrævning og rykkere – fremover", variant="future", theme=3, key=KEY, pool=POOL, per_year=6000)
def opkraevning_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    til_debitor = bib.decide("Hvornår og fra hvilket beløb oversendes mellemværendet?", key="til_debitor")
    til_debitor.decision("Beløbsgrænse og tidspunkt for oversendelse til debitorsystemet",
                         ["Fra et beløb", "Efter et antal dage", "Begge"], "Debitor-/økonomiafdelingen",
                         "ved opsætning")
    til_debitor.question("Hvornår, og fra hvilket beløb, går et mellemværende til debitorsystemet? Går "
                         "både gebyrer og erstatningskrav?")
    betalt = debitor.decide("Er der betalt?", key="er_betalt")
    betalt_efter_rykker = debitor.decide("Betalt efter rykker?", key="betalt_efter_rykker")
    nedskriv = fbs.service("Nedskriver mellemværendet", key="registrer")
    saldo_valg = bib.decide("Sender biblioteket fortsat saldoopgørelser?", key="saldo_valg")
    saldo_valg.decision("Saldoopgørelser fra biblioteket", ["Fortsætter", "Overlades til debitorsystemet"],
                        "Biblioteket", "før go-live")
    saldo_valg.from_task("Det skal overvejes, om man fortsat vil udsende saldoopgørelser mv. eller overlade "
                         "denne del til debitorsystemet.")
    saldo_valg.note(answer(profile, "balance_statements", "sender fortsat saldoopgørelser",
                           "overlader det til debitorsystemet"))
    graense = fbs.decide("Udestående over spærregrænsen?", key="over_graensen")

    fork = (fbs.start("Afleveringsfristen er overskredet, eller materialet er bortkommet", key="opstaar")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 6.000 overskredne afleveringsfrister om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> fbs.service("Danner gebyr eller erstatningskrav", key="erstatningskrav")
        .question("Sender biblioteket fortsat afleveringspåmindelser, før erstatningskravet dannes – og hvor "
                  "længe efter erstatningskravet oversendes det til debitorsystemet?"))

    # The workshop decides when a debt goes to the debtor system; the debtor system invoices and reminds.
    fork >> til_debitor
    (til_debitor.when("Over beløbsgrænsen, efter fristen")
        >> fbs.service("Oversender mellemværendet til debitorsystemet (ØiR 3)", key="oversend")
        >> debitor.send("Sender opkrævning til e-Boks eller med brev", key="opkraevning")
        .assumption("Opkrævningen samles med borgerens øvrige kommunale opkrævninger på CPR/CVR.")
        >> debitor.wait(days(30), "Betalingsfrist", key="frist")
        .assumption("30 dage er et eksempel; fristen følger kommunens regler i debitorsystemet.")
        >> betalt)
    (til_debitor.otherwise("Under beløbsgrænsen")
        >> fbs.end("Mellemværendet bliver på lånerkontoen", key="bliver_i_fbs"))
    betalt.when("Ja") >> nedskriv >> laaner.end("Mellemværende afsluttet", key="afsluttet")
    (betalt.otherwise("Nej")
        >> debitor.send("Sender rykker efter kommunens rykkerprocedure", key="rykkerprocedure")
        >> debitor.wait(days(10, 14), "Rykkerfrist", key="rykkerfrist")
        .assumption("10–14 dage er et eksempel; fristen følger kommunens rykkerprocedure.")
        >> betalt_efter_rykker)
    betalt_efter_rykker.when("Ja") >> nedskriv
    (betalt_efter_rykker.otherwise("Nej")
        >> oekonomi.send("Sender skriftlig underretning inden inddrivelse", key="underretning", effort=minutes(2, 5))
        >> oekonomi.user("Sender fordringen til inddrivelse hos Gældsstyrelsen", key="inddrivelse",
                         effort=minutes(3, 8))
        .assumption("Ubetalte fordringer kan sendes videre til inddrivelse hos Gældsstyrelsen (PSRM) "
                    "efter rykkerprocedure og skriftlig underretning; det står ikke i opgaveteksten.")
        .question("Hvilken beløbsgrænse og hvilke regler gælder for biblioteksfordringer "
                  "(tema 5, 'Opsæt regler i debitor')?")
        .question("Fordringer på et erstatnings-CPR eller på en mindreårig uden økonomisk ansvarlig kan ikke "
                  "sendes til inddrivelse: hvad gør vi med dem (se Afskrivning – fremover)?")
        >> oekonomi.end("Fordringen er sendt til inddrivelse", key="opkraeves"))

    # The library decides on balance statements.
    fork >> saldo_valg
    (saldo_valg.when("Ja, fortsat saldoopgørelser")
        >> fbs.send("Sender saldoopgørelse efter bibliotekets plan", key="saldo")
        .assumption("I FBS' nye proces erstatter saldoopgørelser rykkerne; biblioteket planlægger selv, "
                    "hvornår de sendes.")
        >> bib.end("Låneren kender sin saldo", key="saldo_sendt"))
    (saldo_valg.otherwise("Nej, overlad til debitorsystemet")
        >> bib.end("Debitorsystemet informerer låneren", key="overladt"))

    # Exclusion from borrowing stays in FBS.
    (fork >> fbs.service("Sammenholder udeståendet med spærregrænsen", key="spaer") >> graense)
    (graense.when("Ja")
        >> fbs.send("Sender udelukkelsesnotifikation automatisk", key="udelukkelse")
        .assumption("Advarslen om udelukkelse fra at låne er en separat, automatisk notifikation i FBS – "
                    "ikke en rykker.")
        >> fbs.service("Spærrer låneren automatisk", key="spaer_automatisk")
        >> fbs.end("Låneren er spærret, til der er betalt", key="spaerret"))
    graense.otherwise("Nej") >> fbs.end("Låneren kan fortsat låne", key="kan_laane")
