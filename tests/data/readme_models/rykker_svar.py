"""Written from the README's "Writing a model": a timer start, a subprocess with its own steps, a
race (`r >> lane.wait(days(30))` and `r.when("Svar") >> lane.wait_message(…)`), choose, a
decision, message_to another pool, throw, message/terminate ends, every task kind and a parallel
split. tests/test_readme_models.py builds it and checks that every file verifies clean."""
from oir_bpmn import process, days

@process("Rykker med svar", variant="future", theme=3, key="rykker_svar")
def rykker_svar(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteket", dept="library")
    debitor = p.lane("Debitorsystem", dept="system")
    sup = p.pool("Systematic support", dept="external")
    forste = sup.lane("Første linje", dept="external")

    start = debitor.start("Fristen er overskredet", every=days(1))
    sub = bib.subprocess("Rykkerforløb")
    sub.start("Rykker dannes") >> sub.task("Send rykker") >> sub.end("Rykker sendt")
    r = bib.race("Hvad sker først?")
    start >> sub >> debitor.send("Sender opkrævning") >> r
    (r >> bib.wait(days(30)) >> debitor.service("Overdrag til inkasso")
        >> debitor.end("Sendt til inkasso", event="message"))
    svar = r.when("Svar") >> bib.wait_message("Svar modtaget")
    betaler, klage = laaner.task("Betaler"), bib.user("Behandler klage")
    svar >> bib.choose("Hvad svarer låneren?", [("Betaler", betaler), ("Klager", klage)])
    betaler >> laaner.end("Betalt")
    fejl = bib.manual("Fejl i rykkeren")
    rapport = forste.receive("Fejlrapport modtaget")
    fejl.message_to(rapport, "Fejlrapport")
    forste.start("Support klar") >> rapport >> forste.end("Rettet")
    gw = bib.decide("Er klagen berettiget?")
    klage >> gw
    gw.when("Ja") >> fejl >> bib.throw("Rykker annulleret") >> bib.end("Annulleret", event="terminate")
    (gw.otherwise("Nej") >> bib.script("Noter afslag")
        >> [bib.user("Arkiver"), laaner.manual("Læser afslag")] >> bib.end("Afslået"))
