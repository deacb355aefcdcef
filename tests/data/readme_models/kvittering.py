"""Written from the README's "Writing a model": a message start, explicit parallel split and join,
p.connect, a receive task, a wait, a decision, an error and a terminate end, another pool with a
timer start and p.message, and a loop back to an earlier step. tests/test_readme_models.py builds
it and checks that every file verifies clean (as Camunda 7 and as Camunda 8)."""
from oir_bpmn import process, days, hours

@process("Betaling med kvittering", variant="current", theme=1, key="kvittering", pool="Kommunen")
def kvittering(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteket", dept="library")
    okonomi = p.lane("Økonomi", dept="finance")
    bank = p.pool("Banken", dept="external")

    start = laaner.start("Betaling modtaget", event="message")
    tjek = okonomi.user("Tjekker betalingen").note("Antagelse: Økonomi tjekker hver betaling.")
    split = okonomi.parallel()
    start >> tjek >> split
    kvit = bib.send("Sender kvittering").question("Sendes kvitteringen med e-Boks?")
    bog = okonomi.service("Bogfører")
    split >> kvit
    split >> bog
    samlet = okonomi.join(parallel=True)
    [kvit, bog] >> samlet
    svar = okonomi.receive("Bankens svar")
    p.connect(samlet, svar)
    ok = okonomi.decide("Er beløbet rigtigt?")
    svar >> okonomi.wait(hours(2), "Afventer afstemning") >> ok
    ok.when("Ja") >> okonomi.end("Afstemt")
    ok.otherwise("Nej") >> okonomi.throw("Fejl meldt") >> okonomi.end("Fejl", event="error")
    besked = bank.task("Sender svar")
    bank.start("Bankdag", every=days(1)) >> besked >> bank.end("Svar sendt", event="message")
    p.message(besked, svar, "Svar")
    retry = bib.manual("Ringer til låneren")
    igen = bib.decide("Svarer låneren?")
    tjek2 = bib.start("Låner mangler", every=days(7))
    tjek2 >> retry >> igen
    igen.when("Nej") >> retry
    igen.otherwise("Ja") >> bib.end("Låner kontaktet", event="terminate")
