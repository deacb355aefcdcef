"""Tema 7 – Lånere uden CPR-nummer.

Seed question 7: "Hvis man har lånere uden CPR-nr. og enten ikke ønsker eller ikke har mulighed
for at slå anvendelsen af erstatnings CPR-nr. til, så bør man overveje, hvordan mellemværender
for disse lånere fremover skal håndteres, og huske dette i sin kommunikation og øvrige
arbejdsgange."

Two rhythms:

* ``tema7_laanere_uden_cpr`` (current and future) – every time a borrower without CPR gets a
  debt. Today the debt stays on the borrower's account in FBS. In future FBS checks whether
  substitute CPR is switched on (and the birth date known, as in theme 4); otherwise the debt is
  handled as the municipality has decided. A manual invoice from the debtor/finance department
  has a payment deadline, and the FBS debt is marked, then closed when it is paid or written off.
* ``tema7_beslutning`` (future only: there is no such decision today) – once, and again when the
  rules change: library management and the debtor/finance department decide, prepared by the
  ØiR coordinator, and the decision goes into the borrowing rules, the
  website and the desk's communication.
"""
from _decisions import SUBSTITUTE_CPR, SUBSTITUTE_CPR_ON, answer

from oir_bpmn import days, hours, minutes, process, weeks

KEY = "tema7_laanere_uden_cpr"
DECISION_KEY = "tema7_beslutning"
POOL = "Kommunen"


@process("Lånere uden CPR – i dag", variant="current", theme=7, key=KEY, pool=POOL, per_year=150)
def uden_cpr_i_dag(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")

    betaler = laaner.decide("Betaler låneren?", key="betaler")
    afskriv_valg = bib.decide("Er mellemværendet gammelt eller lille?", key="afskriv_valg").question(
        "Hvem må afskrive, og op til hvilket beløb?")

    (fbs.start("Låner uden CPR får et mellemværende", key="uden_cpr_gaeld")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 150 lånere uden CPR med et mellemværende om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        .assumption("Fx udenlandske borgere, turister, studerende og institutionslånere.")
        >> fbs.send("Sender rykker som SMS eller e-mail", key="rykker")
        >> fbs.wait(weeks(2, 4), "Betalingsfrist", key="frist")
        .assumption("2–4 uger er et eksempel.")
        >> betaler)
    (betaler.when("Ja, ved skranken", share=0.5)
        >> bib.manual("Tager imod betalingen ved skranken", key="modtag_betaling", effort=minutes(3, 6))
        >> bib.user("Registrerer betalingen i FBS", key="registrer", effort=minutes(3, 8))
        >> laaner.end("Mellemværende betalt", key="betalt"))
    (betaler.otherwise("Nej")
        >> fbs.service("Spærrer låneren ved udestående over spærregrænsen", key="spaer")
        >> afskriv_valg)
    (afskriv_valg.when("Ja", share=0.5)
        >> bib.user("Afskriver mellemværendet i FBS", key="afskriv", effort=minutes(3, 8))
        >> bib.end("Mellemværende afskrevet", key="afskrevet"))
    (afskriv_valg.otherwise("Nej")
        >> bib.end("Mellemværendet bliver stående i FBS", key="bliver_i_fbs"))


@process("Lånere uden CPR – fremover", variant="future", theme=7, key=KEY, pool=POOL, per_year=150)
def uden_cpr_fremover(p):
    profile = p.profile
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    fbs = p.lane("FBS", dept="system")
    debitor = p.lane("Debitorsystem", dept="system")
    oekonomi = p.lane("Debitor-/økonomiafdelingen", dept="finance")

    # Decided once (tema7_beslutning); per borrower FBS checks the configuration, as in theme 4.
    oensker = fbs.decide(SUBSTITUTE_CPR_ON, key="erstatnings_cpr_slaaet_til")
    oensker.note(answer(profile, "substitute_cpr", "ja", "nej"))
    muligt = fbs.decide("Kendes lånerens fødselsdato?", key="erstatning_mulig").assumption(
        "Erstatnings-CPR dannes ud fra fødselsdatoen; uden fødselsdato kan der ikke tildeles et.")
    haandtering = bib.decide("Hvordan håndteres mellemværendet?", key="haandtering").from_task(
        "Man bør overveje, hvordan mellemværender for lånere uden CPR-nr. fremover skal håndteres, og huske "
        "dette i sin kommunikation og øvrige arbejdsgange.")
    haandtering.decision("Mellemværender for lånere uden CPR-nr.",
                         ["Spærring", "Faktura fra økonomi", "Afskrivning"], "ØiR-koordinator", "før go-live")
    haandtering.question("Hvilken håndtering vælger vi? Beslutningen træffes i processen "
                         "'Lånere uden CPR – beslutning'.")
    kommunikation = bib.send("Informerer låneren om reglerne for lånere uden CPR", key="kommunikation",
                             effort=minutes(2, 5))

    (fbs.start("Låner uden CPR får et mellemværende", key="uden_cpr_gaeld")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): 150 lånere uden CPR med et mellemværende om året; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> oensker)
    oensker.when("Ja") >> muligt
    (muligt.when("Ja")
        >> fbs.service("Tildeler erstatnings-CPR og sender navn og adresse med", key="tildel_erstatnings_cpr")
        .from_task("Eksisterende lånere uden CPR-nr. får tildelt et erstatnings-CPR-nr., når der oversendes et "
                   "mellemværende til debitorsystemet; samtidig sendes navn og adresse fra FBS med.")
        >> fbs.service("Oversender mellemværendet til debitorsystemet", key="oversend")
        >> debitor.send("Sender opkrævning med brev til adressen fra FBS", key="opkraev_brev")
        .assumption("Et erstatnings-CPR giver ikke adgang til e-Boks, så opkrævningen sendes som brev.")
        >> oekonomi.end("Opkræves af kommunen", key="opkraeves"))
    muligt.otherwise("Nej") >> haandtering
    oensker.otherwise("Nej") >> haandtering

    (haandtering.when("Bliver i FBS, låneren spærres")
        >> fbs.service("Spærrer låneren ved udestående over spærregrænsen", key="spaer")
        .question("Hvor kan låneren betale, når der ikke er en fordring i debitorsystemet?")
        >> kommunikation)
    # Manual invoice: the FBS debt is marked so it is not collected twice, and closed once the
    # invoice is paid or written off, which lifts the block.
    faktura_betalt = oekonomi.decide("Er fakturaen betalt?", key="faktura_betalt")
    luk_fbs = bib.user("Lukker mellemværendet i FBS, så spærringen ophæves", key="luk_fbs", effort=minutes(3, 8))
    (haandtering.when("Manuel faktura fra debitor-/økonomiafdelingen")
        >> bib.user("Markerer mellemværendet i FBS som overdraget til debitor-/økonomiafdelingen", key="marker_fbs",
                    effort=minutes(3, 8))
        .question("Hvordan markeres mellemværendet i FBS, så det ikke også opkræves af FBS eller oversendes?")
        >> bib.send("Sender navn, adresse og beløb til debitor-/økonomiafdelingen", key="send_til_oekonomi",
                    effort=minutes(2, 5))
        >> oekonomi.user("Opretter manuel debitor og sender faktura eller girokort", key="manuel_debitor",
                         effort=minutes(3, 8))
        >> oekonomi.wait(days(30), "Betalingsfrist for fakturaen", key="frist_faktura")
        .assumption("30 dage er et eksempel; fristen følger kommunens regler.")
        >> faktura_betalt)
    (faktura_betalt.when("Ja", share=0.6)
        >> oekonomi.send("Giver biblioteket besked om betalingen", key="besked_betalt", effort=minutes(2, 5))
        >> luk_fbs)
    (faktura_betalt.otherwise("Nej")
        >> oekonomi.user("Rykker og afskriver evt. efter kommunens kasse- og regnskabsregulativ",
                         key="afskriv_faktura", effort=minutes(5, 15))
        .assumption("Ubetalte manuelle fakturaer rykkes og afskrives efter kommunens egne regler.")
        >> luk_fbs)
    luk_fbs >> kommunikation
    (haandtering.otherwise("Afskrives")
        >> bib.user("Afskriver mellemværendet i FBS", key="afskriv", effort=minutes(3, 8))
        .question("Hvem må afskrive, og op til hvilket beløb?")
        >> kommunikation)
    kommunikation >> laaner.end("Låneren kender reglerne for sit mellemværende", key="haandteret")


@process("Lånere uden CPR – beslutning", variant="future", theme=7, key=DECISION_KEY, pool=POOL, once=True)
def uden_cpr_beslutning(p):
    profile = p.profile
    ledelse = p.lane("Ledelse: bibliotek og økonomi", dept="library", key="ledelse")
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    koordinator = p.lane("ØiR-koordinator", dept="coordination")

    forbered = koordinator.user("Forbereder beslutningen om lånere uden CPR", key="forbered",
                                effort=minutes(3, 8)).assumption(
        "Biblioteksledelsen og debitor-/økonomiafdelingen beslutter; ØiR-koordinatoren forbereder beslutningen.")
    oensker = ledelse.decide(SUBSTITUTE_CPR, key="erstatnings_cpr_valg")
    oensker.decision("Erstatnings-CPR", ["Ja, slå det til i FBS", "Nej"], "ØiR-koordinator", "ved opsætning")
    oensker.from_task("Lånere uden CPR-nr. kan håndteres ved tildeling af et erstatnings-CPR-nr. i FBS. Om "
                      "kommunen ønsker dette, kan det opsættes med en konfigurering i FBS.")
    oensker.note(answer(profile, "substitute_cpr", "ja", "nej"))
    kan = ledelse.decide("Understøtter debitorsystemet erstatnings-CPR?", key="understoettet")
    kan.from_task("Erstatnings-CPR understøttes på nuværende tidspunkt kun fuldt af KMD Opus.")
    if profile.debtor_system != "KMD Opus":
        kan.question(f"Understøtter {profile.debtor_system} erstatnings-CPR fuldt ud?")
    beslut = ledelse.user("Beslutter, hvordan mellemværender for lånere uden CPR håndteres", key="beslut",
                          effort=hours(2, 4))
    beslut.question("Skal lånere uden CPR have begrænsede lånerettigheder eller betale depositum?")
    opdater = koordinator.user("Opdaterer lånerregler, hjemmesidetekst og skrankevejledning", key="opdater_regler",
                               effort=hours(2, 4))
    opdater.from_task("Husk beslutningen i kommunikationen og de øvrige arbejdsgange.")

    (koordinator.start("Én gang, og når reglerne ændres", key="beslutning")
        .assumption("Tal for Eksempelkommune (skøn, ikke målt): én gang, og når reglerne ændres; "
                    "tidsforbrug (effort=) og andele (share=) er projektgruppens skøn – bekræft.")
        >> forbered
        >> oensker)
    oensker.when("Ja") >> kan
    (kan.when("Ja")
        >> koordinator.user("Får erstatnings-CPR slået til i FBS", key="konfigurer", effort=hours(1, 2))
        .from_task("Nye lånere får et erstatnings-CPR, når de oprettes; eksisterende lånere, når der "
                   "oversendes et mellemværende.")
        >> beslut)
    kan.otherwise("Nej") >> beslut
    oensker.otherwise("Nej") >> beslut
    (beslut
        >> opdater
        >> bib.user("Instruerer personalet i den nye praksis", key="instruer", effort=hours(1, 2))
        >> koordinator.end("Praksis er besluttet og kommunikeret", key="kommunikeret"))
