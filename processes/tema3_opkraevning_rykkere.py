"""Tema 3 – Opkrævning og rykkere.

Seed question 3: "Hvordan håndterer vi opkrævning og rykkere i dag? Sender vi SMS'er, mails,
breve til e-Boks osv., og hvilke informationer ligger der heri?"

current: FBS sends reminders on the channels the borrower is registered for (from the profile's
reminder_channels), balance statements, blocking, and a manual hand-over of large debts.
future: the debtor system invoices and reminds (and may send the claim on to Gældsstyrelsen);
the library decides whether to keep sending balance statements (saldoopgørelser) or leave it to
the debtor system; the exclusion notification (udelukkelsesnotifikation) is automatic in FBS.
"""
from oir_bpmn import days, process, weeks
from oir_bpmn.model import slug

KEY = "tema3_opkraevning_rykkere"
POOL = "Opkrævning og rykkere"

CHANNEL_LABELS = {
    "sms": "Sender rykker som SMS",
    "e-mail": "Sender rykker som e-mail",
    "e-boks": "Sender rykker som brev til e-Boks",
    "brev": "Sender rykker som fysisk brev",
}
CHANNEL_NOTES = {
    "sms": "Spørgsmål: Hvilke informationer ligger i SMS'en (materialer, beløb, frist, hvor man betaler)?",
    "e-mail": "Spørgsmål: Hvilke informationer ligger i mailen (materialer, afleveringsdato, gebyr, erstatning)?",
    "e-boks": "Spørgsmål: Hvilke informationer ligger i e-Boks-brevet, og hvem er afsender?",
}


@process("Opkrævning og rykkere – i dag", variant="current", theme=3, key=KEY, pool=POOL)
def opkraevning_i_dag(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    kanal = fbs.decide("Hvordan kan låneren kontaktes?", key="kanal").note(
        "Spørgsmål: Sender vi SMS'er, mails, breve til e-Boks osv., og hvilke informationer ligger der heri?")
    frist = fbs.wait(weeks(2), "Betalingsfrist", key="frist")
    betalt = fbs.decide("Er der betalt?", key="er_betalt")
    afsluttet = laaner.end("Mellemværende afsluttet", key="afsluttet")

    (fbs.start("Lånet er overskredet, eller materialet er bortkommet", key="opstaar")
        >> fbs.service("Beregner gebyr eller erstatning", key="beregn")
        >> kanal)
    for channel in profile.reminder_channels:
        label = CHANNEL_LABELS.get(channel.lower(), f"Sender rykker via {channel}")
        step = fbs.send(label, key=f"rykker_{slug(channel)}")
        if channel.lower() in CHANNEL_NOTES:
            step.note(CHANNEL_NOTES[channel.lower()])
        kanal.when(channel) >> step >> frist
    (kanal.otherwise("Ingen digital kontakt")
        >> bib.send("Skriver og sender rykker som fysisk brev", key="rykker_manuelt_brev")
        >> frist)
    frist >> betalt
    betalt.when("Ja") >> bib.user("Registrerer betalingen i FBS", key="registrer") >> afsluttet

    stort = bib.decide("Er beløbet stort (fx erstatning)?", key="stort_beloeb")
    efter_saldo = fbs.service("Spærrer låneren ved udestående over grænsen", key="spaer")
    if profile.balance_statements:
        (betalt.otherwise("Nej")
            >> fbs.send("Sender saldoopgørelse", key="saldo")
            .note("Spørgsmål: Hvilke oplysninger står der i saldoopgørelsen, og hvor ofte sendes den?")
            >> efter_saldo)
    else:
        betalt.otherwise("Nej") >> efter_saldo
    efter_saldo >> stort
    (stort.when("Ja")
        >> bib.user("Lægger mellemværendet manuelt over i debitorsystemet", key="overfoer_manuelt")
        >> oekonomi.send("Sender opkrævning efter kommunens rykkerprocedure", key="rykkerprocedure")
        >> oekonomi.end("Opkræves af kommunen", key="opkraeves"))
    stort.otherwise("Nej") >> bib.end("Låneren er spærret, til der er betalt", key="spaerret")


@process("Opkrævning og rykkere – fremover", variant="future", theme=3, key=KEY, pool=POOL)
def opkraevning_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    betalt = debitor.decide("Er der betalt?", key="er_betalt")
    betalt_efter_rykker = debitor.decide("Betalt efter rykker?", key="betalt_efter_rykker")
    afsluttet = laaner.end("Mellemværende afsluttet", key="afsluttet")
    nedskriv = fbs.service("Nedskriver mellemværendet", key="registrer")
    saldo_valg = bib.decide("Sender biblioteket fortsat saldoopgørelser?", key="saldo_valg").note(
        "Spørgsmål: Vil vi fortsat udsende saldoopgørelser mv., eller overlade denne del til debitorsystemet? "
        f"{profile.name}: " + ("sender fortsat saldoopgørelser." if profile.balance_statements
                               else "overlader det til debitorsystemet."))
    graense = fbs.decide("Udestående over spærregrænsen?", key="over_graensen")

    fork = (fbs.start("Lånet er overskredet, eller materialet er bortkommet", key="opstaar")
        >> fbs.service("Beregner gebyr eller erstatning", key="beregn")
        >> fbs.service("Oversender mellemværendet til debitorsystemet (ØiR 3)", key="oversend"))

    # The debtor system invoices and reminds.
    (fork
        >> debitor.send("Sender opkrævning til e-Boks eller med brev", key="opkraevning")
        .note("Opkrævningen samles med borgerens øvrige kommunale opkrævninger på CPR/CVR.")
        >> debitor.wait(days(30), "Betalingsfrist", key="frist")
        >> betalt)
    betalt.when("Ja") >> nedskriv >> afsluttet
    (betalt.otherwise("Nej")
        >> debitor.send("Sender rykker efter kommunens rykkerprocedure", key="rykkerprocedure")
        >> debitor.wait(days(10, 14), "Rykkerfrist", key="rykkerfrist")
        >> betalt_efter_rykker)
    betalt_efter_rykker.when("Ja") >> nedskriv
    (betalt_efter_rykker.otherwise("Nej")
        >> oekonomi.send("Sender skriftlig underretning inden inddrivelse", key="underretning")
        >> oekonomi.user("Sender fordringen til inddrivelse hos Gældsstyrelsen (PSRM)", key="inddrivelse")
        .note("Spørgsmål: Hvilken beløbsgrænse og hvilke regler gælder for biblioteksfordringer (tema 5, 'Opsæt regler i debitor')?")
        >> oekonomi.end("Fordringen er sendt til inddrivelse", key="opkraeves"))

    # The library decides on balance statements.
    (fork >> saldo_valg)
    (saldo_valg.when("Ja, fortsat saldoopgørelser")
        >> fbs.send("Sender saldoopgørelse efter bibliotekets plan", key="saldo")
        .note("Saldoopgørelserne erstatter FBS' rykkere; biblioteket planlægger selv, hvornår de sendes.")
        >> bib.end("Låneren kender sin saldo", key="saldo_sendt"))
    (saldo_valg.otherwise("Nej, overlad til debitorsystemet")
        >> bib.end("Debitorsystemet informerer låneren", key="overladt"))

    # Exclusion from borrowing: automatic in FBS.
    (fork >> fbs.service("Tjekker udeståendet mod spærregrænsen", key="spaer") >> graense)
    (graense.when("Ja")
        >> fbs.send("Sender udelukkelsesnotifikation automatisk", key="udelukkelse")
        .note("Advarslen om udelukkelse fra at låne er en separat, automatisk notifikation – ikke en rykker.")
        >> fbs.end("Låneren er udelukket fra at låne", key="spaerret"))
    graense.otherwise("Nej") >> fbs.end("Låneren kan fortsat låne", key="kan_laane")
