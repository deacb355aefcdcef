"""Model sources shared by several test modules."""

ALL_KINDS = '''
@process("Alle elementer", variant="future", theme=2, key="alle")
def alle(p):
    bib = p.lane("Biblioteket", dept="library")
    sys_ = p.lane("FBS", dept="system")
    sup = p.pool("Systematic support", dept="external")
    valg = bib.decide("Betalt?")
    race = bib.race("Hvad sker først?")
    sub = bib.subprocess("Afstem kasse")
    sub.start("Kassen lukkes") >> sub.manual("Tæl kontanter") >> sub.end("Kassen afstemt")
    (bib.start("Låner henvender sig") >> bib.user("Slå låner op").note("Spørgsmål: hvem?")
        >> bib.manual("Modtag kontanter") >> sys_.service("Registrér betaling")
        >> bib.send("Send kvittering") >> bib.receive("Modtag svar") >> sys_.script("Kør batch")
        >> sys_.service("Tjek regel") >> sub >> sys_.wait(days(1, 3), "Overførsel til FBS")
        >> bib.wait_message("Svar fra debitor") >> bib.throw("Giv besked") >> bib.task("Gør noget")
        >> valg)
    valg.when("Ja") >> bib.end("Færdig")
    valg.otherwise("Nej") >> race
    race >> bib.wait(hours(4), key="fire_timer") >> bib.end("Opgivet", event="terminate")
    race >> bib.wait_message("Betaling modtaget") >> bib.end("Fejl", event="error")
    send = sup.start("Fejl modtaget", event="message")
    send >> sup.task("Gensend") >> sup.end("Gensendt", event="message")
    p.message(p_step := bib.send("Kontakt support", key="kontakt"), send)
    bib.start("Fejl opdaget", key="opdaget", event="message") >> p_step >> bib.end("Sendt")
    bib.start("Hver morgen", every=days(1)) >> bib.user("Tøm afleveringsmaskine") >> bib.end("Tømt")
'''

# A decision whose key looks like the compiler's join of the step it leads to.
KEYED_JOIN = '''
@process("Nøgler")
def noegler(p):
    bib = p.lane("Biblioteket", dept="library")
    gw = bib.decide("Join betal?", key="join_betal")
    betal = bib.task("Betal", key="betal")
    bib.start("Start") >> gw
    gw.when("Ja") >> betal
    gw.when("Nej") >> bib.task("Ryk") >> betal
    betal >> bib.end("Slut")
'''
