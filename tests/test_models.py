"""The models in processes/ say what the KOMBIT task text says, for every municipality profile.

Every test names, in ``TASK``, the sentence of the task text it protects (checked against the
text itself when ../shared/seed/ is there). Tests read facts off the compiled graphs – kinds,
lanes, departments, branches, paths, notes – so the models can grow as long as they keep
answering the task's questions.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.diff import compare
from oir_bpmn.diff.inputs import pair_compiled
from oir_bpmn.diff.report import format_report
from oir_bpmn.load import compile_all
from oir_bpmn.model import NOTE_KINDS, TASK_KINDS, note_kind
from oir_bpmn.problems import DSLError
from oir_bpmn.profile import DEFAULT_PROFILE, load_profile
from oir_bpmn.text import node_text

REPO = Path(__file__).resolve().parents[1]
PROCESSES, PROFILES = REPO / "processes", REPO / "profiles"
SEED = REPO.parent / "shared" / "seed" / "000_7491ad7825c6dbe8.txt"

KK = load_profile(PROFILES / "koebenhavn.toml")
FRB = load_profile(PROFILES / "frederiksberg.toml")
ALL_PROFILES = {"default": DEFAULT_PROFILE, "koebenhavn": KK, "frederiksberg": FRB}
REAL = {"koebenhavn": KK, "frederiksberg": FRB}

TASK = {  # the sentences of the task text the tests protect
    "map": "Kortlæg de nuværende arbejdsgange på biblioteksområdet omkring betalinger og "
           "betalingsrelaterede opgaver i jeres kommune.",
    "desk": "Tager vi imod kontanter, kort o.l. og registrerer manuelt?",
    "manual_transfer": "Lægger vi manuelt mellemværender over i debitorsystemet?",
    "clarify": "I denne afklaring er der behov for kommunikation med debitor- /økonomiafdelingen og evt. "
               "kommunens betalingsenhed mv.",
    "safepay": "Københavns Kommunes SafePay er ikke integreret til deres debitorsystem",
    "pay_wait": "Man kan bede borgeren betale gennem de kanaler, der tilbydes og vente, indtil betalingen er "
                "gået igennem.",
    "delays": "der kan gå flere dage pga. de forsinkelser, der ligger mellem betalingsløsninger og "
              "debitorsystemer og mellem debitorsystemerne og FBS.",
    "unlock": "Hvis det i dag fx håndteres som en manuel proces, hvor borgeren kan betale, hvorefter "
              "personalet låser kontoen op",
    "reminders": "Hvordan håndterer vi opkrævning og rykkere i dag?",
    "statements": "om man fortsat vil udsende saldoopgørelser mv. eller overlade denne del til debitorsystemet.",
    "identity": "Mellemværender kan kun overføres til debitorsystemet, hvis de enten har et CPR-nummer, et "
                "CVR-nummer eller et såkaldt erstatnings CPR-nr.",
    "wish": "Om kommunen ønsker dette, kan det opsættes med en konfigurering i FBS",
    "minors": "Mellemværender for mindreårige lånere kan kun inddrives, hvis den mindreårige har en økonomisk "
              "ansvarlig registreret.",
    "cvr": "Her bør man være opmærksom på, at et CVR-nummer ikke altid er nok og derfor evt. også registrere "
           "et P-nummer, samt et EAN-nummer.",
    "reconcile": "Hvis I allerede i dag udfører arbejdsopgaver eller processer på bibliotekerne omkring "
                 "afstemning og håndtering af kontanter, mobilePay indbetalinger mv., så skal disse processer "
                 "naturligvis udgå",
    "rollback": "Rettelsen i debitorsystemet skulle herefter rulles tilbage, og Systematics support skulle "
                "kontaktes for at få de fejlede mellemværender gensendt.",
    "owner": "Dette betød, at den administrative medarbejder, der overvågede FBS måtte kontakte den ansvarlige "
             "for debitorsystemet.",
    "block_or_look": "Man kan fx manuelt blokere låneren, indtil der er informationer om økonomisk ansvarlig, "
                     "eller man kan undersøge om informationen evt. allerede findes, men bare ikke er indtastet.",
    "no_cpr": "hvordan mellemværender for disse lånere fremover skal håndteres, og huske dette i sin "
              "kommunikation og øvrige arbejdsgange.",
}

MAIN = {1: "tema1_betalingskanaler", 2: "tema2_blokerede_laanere", 3: "tema3_opkraevning_rykkere",
        4: "tema4_oprettelse_laanere", 5: "tema5_afstemning", 6: "tema6_overvaagning_fejl",
        7: "tema7_laanere_uden_cpr"}
_cache: dict = {}


def compiled(profile=DEFAULT_PROFILE):
    if profile not in _cache:
        _cache[profile] = compile_all([PROCESSES], profile)
    return _cache[profile]


def graphs(profile=DEFAULT_PROFILE) -> dict[tuple[str, str], nx.DiGraph]:
    """(process key, variant) -> graph."""
    return {(c.definition.key, c.definition.variant): c.graph for c in compiled(profile)}


def model(theme: int | str, variant: str, profile=DEFAULT_PROFILE) -> nx.DiGraph:
    return graphs(profile)[MAIN.get(theme, theme), variant]


# ---------------------------------------------------------------- graph helpers

def by_key(G, key: str) -> str:
    found = [n for n, d in G.nodes(data=True) if d["key"] == key]
    assert len(found) == 1, f"no single step with key {key!r} in {G.graph['title']}"
    return found[0]


def lane_name(G, n) -> str | None:
    lane = G.nodes[n]["lane"]
    return G.graph["lanes"][lane]["name"] if lane else None


def steps(G, *, lane=None, dept=None, kinds=None, text=None):
    """Steps written by the modeller (no inserted gateways) matching all the given filters."""
    return [n for n, d in G.nodes(data=True) if not d["auto"]
            and (lane is None or lane_name(G, n) == lane) and (dept is None or d["dept"] == dept)
            and (kinds is None or d["kind"] in kinds) and (text is None or text.lower() in d["label"].lower())]


def flows(G) -> nx.DiGraph:
    F = nx.DiGraph()
    F.add_nodes_from(G.nodes)
    F.add_edges_from((u, v) for u, v, d in G.edges(data=True) if d["flow"] == "sequence")
    return F


def path(G, a, b) -> bool:
    return nx.has_path(flows(G), a, b)


def branch_labels(G, gateway) -> set[str]:
    return {d["label"] for _, _, d in G.out_edges(gateway, data=True) if d["flow"] == "sequence"}


def branch_target(G, gateway, label_part: str) -> str:
    targets = [v for _, v, d in G.out_edges(gateway, data=True)
               if d["flow"] == "sequence" and d["label"] and label_part.lower() in d["label"].lower()]
    assert len(targets) == 1, f"no single branch '{label_part}' from {G.nodes[gateway]['label']}"
    target = targets[0]
    while G.nodes[target]["auto"]:  # look through an inserted join
        (target,) = [v for _, v, d in G.out_edges(target, data=True) if d["flow"] == "sequence"]
    return target


def notes(G, n=None, kind=None) -> list[str]:
    nodes = [n] if n is not None else list(G.nodes)
    return [t for m in nodes for t in G.nodes[m]["notes"] if kind is None or note_kind(t) == kind]


# ---------------------------------------------------------------- the task text and the model set

def test_every_quoted_sentence_is_in_the_task_text():
    if not SEED.is_file():
        pytest.skip("the task text (../shared/seed/) is not beside the repository")
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    assert [key for key, sentence in TASK.items() if sentence not in text] == []


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_every_theme_has_today_and_future_paired_by_key(profile):
    """TASK["map"]: today's workflows are the basis for the future ones, so each pairs with its future."""
    pairs, lone = pair_compiled(compiled(profile))
    paired = {current.graph["key"] for current, _ in pairs}
    assert set(MAIN.values()) <= paired
    assert {"tema1_betalingsmuligheder", "tema5_kontanter"} <= paired
    assert len(lone) == 1 and "tema7_beslutning" in lone[0], "only the theme 7 decision is new, with no today"


def test_each_process_has_one_rhythm_and_the_organisation_as_pool():
    """Issue 15 items 6 and 7: one diagram per rhythm; the pool is the organisation."""
    for (key, variant), G in graphs().items():
        main = G.graph["pools"][0]
        assert main["name"] == "Kommunen", G.graph["title"]
        assert all(p["name"] == "Systematic support" for p in G.graph["pools"][1:])
        started = [d for d in (G.nodes[n] for n in G) if d["kind"] == "startEvent"
                   and d["pool"] == main["id"] and d["event"] != "message"]
        assert len(started) == 1, f"{G.graph['title']} mixes rhythms: {[d['label'] for d in started]}"
        for d in started:
            if d["event"] == "timer":  # a schedule reads as time: "hver dag", "hvert år"
                assert re.search(r"\bhvert? ", " ".join(node_text(d, 200)).lower()), d["label"]


def test_labels_are_danish_no_service_task_asks_and_erstatningskrav_is_named():
    """Issue 15 item 7, and TASK["reminders"]: lost material ends in an erstatningskrav."""
    for G in graphs().values():
        for n in steps(G, kinds=("serviceTask",)):
            assert not G.nodes[n]["label"].endswith("?"), G.nodes[n]["label"]
    for variant in ("current", "future"):
        assert steps(model(3, variant), text="erstatningskrav")
    labels = " ".join(d["label"] for G in graphs().values() for _, d in G.nodes(data=True))
    assert all(ch in labels for ch in "æøå")


LANE_DEPTS = {
    "Låner": "external", "Biblioteksmedarbejder": "library", "Debitor-/økonomiafdelingen": "finance",
    "ØiR-koordinator": "coordination", "FBS": "system", "Debitorsystem": "system",
    "Betalingsløsning": "system", "3. parts produkter": "system",
}


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_lanes_are_used_and_every_step_lies_on_a_path(profile):
    for G in graphs(profile).values():
        assert {lane["name"]: lane["dept"] for lane in G.graph["lanes"].values()}.items() <= LANE_DEPTS.items()
        assert set(G.graph["lanes"]) <= {d["lane"] for _, d in G.nodes(data=True)}, G.graph["title"]
        F, main = flows(G), G.graph["pools"][0]["id"]
        starts = [n for n, d in G.nodes(data=True) if d["kind"] == "startEvent"]
        ends = [n for n, d in G.nodes(data=True) if d["kind"] == "endEvent"]
        for n, d in G.nodes(data=True):
            if d["pool"] == main:
                assert any(nx.has_path(F, s, n) for s in starts) and any(nx.has_path(F, n, e) for e in ends)


# ---------------------------------------------------------------- item 1: notes of three kinds

@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_every_note_says_its_kind_and_every_theme_asks(profile):
    for G in graphs(profile).values():
        assert [t for t in notes(G) if note_kind(t) is None] == [], G.graph["title"]
    for theme in MAIN:
        both = [model(theme, v, profile) for v in ("current", "future")]
        assert any(notes(G, kind="question") for G in both), f"theme {theme} asks nothing"


INVENTED = [  # (theme or key, variant, step key): facts the task text does not state
    (1, "future", "vent_debitor"), (1, "future", "vent_fbs"), (2, "future", "vent_debitor"),
    (3, "future", "frist"), (3, "future", "rykkerfrist"), (3, "future", "inddrivelse"),
    (3, "current", "rykker_1"), (4, "current", "cpr"), (4, "current", "selvoprettelse"),
    ("tema5_kontanter", "current", "indbetal_kontanter"), (6, "current", "manuel_overfoersel"),
    (7, "future", "opkraev_brev"), ("tema1_betalingsmuligheder", "future", "gennemgang"),
]


@pytest.mark.parametrize("theme,variant,key", INVENTED)
def test_invented_facts_are_marked_as_assumptions(theme, variant, key):
    """Issue 15 item 1: what the task text does not say is an "Antagelse" (or a question)."""
    G = model(theme, variant)
    assert notes(G, by_key(G, key), "assumption") or notes(G, by_key(G, key), "question")


def test_invented_labels_are_gone():
    labels = " ".join(d["label"] for G in graphs().values() for _, d in G.nodes(data=True)).lower()
    for text in ("værdiboks", "ingen fast praksis", "månedsafslutning", "dagen slutter"):
        assert text not in labels
    assert "bogfoer" not in {d["key"] for _, d in model(5, "current").nodes(data=True)}, \
        "bookkeeping is another rhythm than the daily till"


def test_a_note_without_a_kind_is_an_error_at_its_line(tmp_path):
    source = ('from oir_bpmn import process\n\n@process("X")\ndef f(p):\n    bib = p.lane("B", dept="library")\n'
              '    bib.start("S") >> bib.task("A").note("Kassen tælles hver dag") >> bib.end("E")\n')
    (tmp_path / "m.py").write_text(source, encoding="utf-8")
    with pytest.raises(DSLError) as err:
        compile_all([tmp_path / "m.py"])
    (problem,) = err.value.problems
    assert problem.file.endswith("m.py") and problem.line == 6
    assert all(prefix in problem.hint for prefix in NOTE_KINDS.values())


def test_note_kinds_are_distinguishable_in_bpmn_and_graphviz():
    from oir_bpmn.layout.geometry import Box
    from oir_bpmn.render.shapes import note

    looks = {kind: note(f"{prefix}: tekst", Box(0, 0, 150, 60)) for kind, prefix in NOTE_KINDS.items()}
    styles = {(a["fillcolor"], a["color"], a["style"]) for a in looks.values()}
    assert len(styles) == 3 and len({a["style"] for a in looks.values()}) == 2, "line style, not colour only"
    assert all(f"{prefix}:" in looks[kind]["label"] for kind, prefix in NOTE_KINDS.items())
    G = model(1, "future", KK)
    tree = etree.fromstring(bpmn_bytes(G))
    texts = [t.text for t in tree.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}text")]
    assert sorted(texts) == sorted(notes(G)) and {note_kind(t) for t in texts} == set(NOTE_KINDS)


def test_the_diff_counts_questions_and_assumptions():
    current, future = model(2, "current"), model(2, "future")
    report = format_report([compare(current, future)], "markdown")
    counts = [(len(notes(G, kind="question")), len(notes(G, kind="assumption"))) for G in (current, future)]
    assert (f"Nuværende: {counts[0][0]} spørgsmål, {counts[0][1]} antagelser · "
            f"Fremtidig: {counts[1][0]} spørgsmål, {counts[1][1]} antagelser") in report


def test_readme_lists_every_assumption_with_its_theme():
    """processes/README.md: each assumption with its theme (profile answers are listed once, generically)."""
    rows = (PROCESSES / "README.md").read_text(encoding="utf-8").splitlines()
    for (key, _), G in graphs().items():
        theme = G.graph["theme"]
        for text in notes(G, kind="assumption"):
            if DEFAULT_PROFILE.name in text or DEFAULT_PROFILE.debtor_system in text:
                continue
            body = text.partition(":")[2].strip()
            assert any(r.startswith(f"| {theme} ") and body in r for r in rows), f"theme {theme}: {body}"


# ---------------------------------------------------------------- item 2: one desk-payment decision

@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_themes_1_and_2_read_one_desk_payment_decision(profile):
    """TASK["desk"] today; in future both themes ask the same question with the same answer."""
    asked = []
    for theme in (1, 2):
        G = model(theme, "future", profile)
        desk = by_key(G, "skranke_betaling")
        assert branch_labels(G, desk) == {"Ja", "Nej"}
        answer = [t for t in notes(G, desk, "assumption") if "desk_payment" in t]
        assert answer and f"desk_payment = {str(profile.desk_payment).lower()}" in answer[0]
        assert G.nodes[branch_target(G, desk, "Ja")]["dept"] in ("library", "external")
        assert not [t for t in notes(G) if "ikke længere imod betaling" in t]
        asked.append((G.nodes[desk]["label"], answer[0]))
    assert asked[0] == asked[1]


# ---------------------------------------------------------------- item 3: the right departments

def test_the_debtor_system_owner_rolls_back_and_finance_invoices():
    """TASK["owner"], TASK["rollback"]: a person responsible for the debtor system rolls back."""
    G = model(6, "future")
    rollback = by_key(G, "rul_tilbage")
    assert (G.nodes[rollback]["kind"], G.nodes[rollback]["dept"]) == ("userTask", "finance")
    assert "ansvarlige for debitorsystemet" in G.nodes[branch_target(G, by_key(G, "fejltype"), "opsætning")]["label"]
    for profile in ALL_PROFILES.values():
        G7 = model(7, "future", profile)
        assert not steps(G7, dept="library", text="faktura") and not steps(G7, dept="library", text="girokort")
        assert G7.nodes[by_key(G7, "manuel_debitor")]["dept"] == "finance"


def test_borrowers_register_themselves_in_their_own_lane():
    for variant in ("current", "future"):
        G = model(4, variant)
        assert lane_name(G, by_key(G, "selvoprettelse")) == "Låner"
        assert not steps(G, lane="3. parts produkter")


# ---------------------------------------------------------------- item 4: the right flow

def test_failed_debts_are_resent_once():
    """TASK["rollback"]: Systematic support resends; FBS does not send the same debts again."""
    G = model(6, "future")
    assert not path(G, by_key(G, "bed_gensend"), by_key(G, "oversend_igen"))
    assert path(G, by_key(G, "bed_gensend"), by_key(G, "loest"))


def test_a_minor_without_guardian_is_blocked_or_looked_up():
    """TASK["block_or_look"]: either – or, not both in a row."""
    G = model(6, "future")
    choice = by_key(G, "mindreaarig_valg")
    block, look = branch_target(G, choice, "Blokerer"), branch_target(G, choice, "Undersøger")
    assert "Blokerer" in G.nodes[block]["label"] and G.nodes[block]["dept"] == "library"
    assert "findes" in G.nodes[look]["label"]
    assert not path(G, block, look) and not path(G, look, block)
    assert path(G, by_key(G, "regel_mindreaarig"), choice)


# ---------------------------------------------------------------- item 5: decisions in the diagrams

@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_the_substitute_cpr_decision_is_drawn_in_themes_4_and_7(profile):
    """TASK["wish"]: whether the municipality wants substitute CPR is a decision, both ways drawn."""
    for G in (model(4, "future", profile), model(7, "future", profile), model("tema7_beslutning", "future", profile)):
        wish = by_key(G, "erstatnings_cpr_valg")
        assert G.nodes[wish]["label"] == "Ønsker vi erstatnings-CPR?" and len(branch_labels(G, wish)) == 2
        assert any(f"substitute_cpr = {str(profile.substitute_cpr).lower()}" in t for t in notes(G, wish))


@pytest.mark.parametrize("variant", ["current", "future"])
def test_minors_without_cpr_pass_the_minor_check(variant):
    """TASK["minors"]: also a minor without CPR needs a financially responsible adult."""
    G = model(4, variant)
    assert path(G, by_key(G, "uden_cpr"), by_key(G, "mindreaarig"))
    assert path(G, by_key(G, "selvoprettelse"), by_key(G, "mindreaarig")) == (variant == "future")


def test_when_and_from_what_amount_a_debt_goes_to_the_debtor_system():
    G = model(3, "future")
    decision = by_key(G, "til_debitor")
    assert path(G, decision, by_key(G, "oversend")) and notes(G, decision, "question")
    assert any("beløbsgrænsen" in label for label in branch_labels(G, decision))


def test_todays_whole_reminder_chain_ends_in_an_erstatningskrav():
    """TASK["reminders"]: 1st, 2nd and 3rd reminder, then the claim for the lost material."""
    G = model(3, "current")
    chain = [by_key(G, k) for k in ("rykker_1", "rykker_2", "rykker_3", "erstatningskrav")]
    assert all(path(G, a, b) for a, b in zip(chain, chain[1:]))
    assert all(G.nodes[n]["kind"] == "sendTask" for n in chain)


# ---------------------------------------------------------------- themes: what the task says

def test_theme1_today_desk_third_parties_and_manual_transfer():
    """TASK["desk"], TASK["manual_transfer"]."""
    G = model(1, "current")
    desk = by_key(G, "modtag_skranke")
    assert (G.nodes[desk]["kind"], G.nodes[desk]["dept"]) == ("manualTask", "library")
    third = " ".join(G.nodes[n]["label"] for n in steps(G, lane="3. parts produkter"))
    assert all(word in third for word in ("Afleveringsmaskine", "DDB-CMS", "App"))
    assert G.nodes[by_key(G, "overfoer_manuelt")]["dept"] == "library"


@pytest.mark.parametrize("name", REAL)
def test_theme1_safepay_only_where_it_is_integrated(name):
    """TASK["safepay"]: Copenhagen's SafePay cannot be used for library debts; Frederiksberg's can."""
    profile = REAL[name]
    assert profile.safepay and profile.safepay_integrated == (name == "frederiksberg")
    G = model(1, "future", profile)
    F = flows(G)
    on_path = {n for n in G if path(G, by_key(G, "har_mellemvaerende"), n) and nx.has_path(F, n, by_key(G, "betalt"))}
    safepay = [n for n in on_path if "safepay" in G.nodes[n]["label"].lower()]
    assert bool(safepay) == profile.safepay_integrated
    assert ("SafePay" in branch_labels(G, by_key(G, "loesning"))) == profile.safepay_integrated
    assert branch_labels(G, by_key(G, "betalingsform")) == set(profile.payment_forms)


def test_theme1_options_are_clarified_with_finance_every_year():
    """TASK["clarify"]."""
    G = model("tema1_betalingsmuligheder", "future")
    assert G.nodes[by_key(G, "afklar")]["dept"] == "coordination" and notes(G, by_key(G, "afklar"), "task_text")
    assert G.nodes[by_key(G, "safepay_integreret")]["dept"] == "finance"


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme2_option_a_waits_days_option_b_shows_a_receipt(profile):
    """TASK["pay_wait"], TASK["delays"], TASK["unlock"]."""
    today = model(2, "current", profile)
    assert today.nodes[by_key(today, "laas_op")]["dept"] == "library"
    G = model(2, "future", profile)
    choice, can_borrow = by_key(G, "vil_betale"), by_key(G, "kan_laane")
    a_path = nx.shortest_path(flows(G), branch_target(G, choice, "Mulighed A"), can_borrow)
    waits = [n for n in a_path if G.nodes[n]["event"] == "timer"]
    assert len(waits) == 2 and all(G.nodes[n]["duration"].unit == "days" for n in waits)
    assert notes(G, waits[0], "task_text") and notes(G, waits[0], "assumption")
    b_path = nx.shortest_path(flows(G), branch_target(G, choice, "Mulighed B"), can_borrow)
    assert any("manuelt op" in G.nodes[n]["label"] and G.nodes[n]["dept"] == "library" for n in b_path)
    assert not any(G.nodes[n]["event"] == "timer" for n in b_path)


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme3_future_statements_are_a_decision_and_the_debtor_system_reminds(profile):
    """TASK["statements"]."""
    G = model(3, "future", profile)
    choice = by_key(G, "saldo_valg")
    assert G.nodes[choice]["dept"] == "library" and notes(G, choice, "task_text")
    assert any(f"balance_statements = {str(profile.balance_statements).lower()}" in t for t in notes(G, choice))
    assert G.nodes[by_key(G, "rykkerprocedure")]["lane"] == "Lane_debitorsystem"
    today = model(3, "current", profile)
    assert bool(steps(today, text="saldoopgørelse", kinds=("sendTask",))) == profile.balance_statements


def test_theme4_identity_cpr_cvr_p_ean_and_guardian():
    """TASK["identity"], TASK["cvr"], TASK["minors"]."""
    G = model(4, "future")
    assert notes(G, by_key(G, "type"), "task_text")
    assert "korrekt" in G.nodes[by_key(G, "cpr")]["label"]
    assert "EAN" in G.nodes[by_key(G, "p_ean")]["label"] and path(G, by_key(G, "cvr"), by_key(G, "p_ean"))
    guardian = branch_target(G, by_key(G, "mindreaarig"), "Ja")
    assert (G.nodes[guardian]["kind"], G.nodes[guardian]["dept"]) == ("userTask", "library")
    assert not steps(model(4, "current"), text="EAN")


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme5_reconciliation_moves_from_the_libraries_to_finance(profile):
    """TASK["reconcile"]."""
    current, future = model(5, "current", profile), model(5, "future", profile)
    assert (current.nodes[by_key(current, "afstem")]["dept"], future.nodes[by_key(future, "afstem")]["dept"]) \
        == ("library", "finance")
    assert not steps(future, dept="library")
    ends = model("tema5_kontanter", "future", profile)
    assert notes(ends, by_key(ends, "luk_kasse"), "task_text")
    assert bool(notes(future, by_key(future, "afstem"), "question")) == profile.desk_payment


def test_theme6_support_is_its_own_pool_and_fbs_tasks_are_new():
    for variant in ("current", "future"):
        G = model(6, variant)
        support = next(p for p in G.graph["pools"] if p["name"] == "Systematic support")
        inside = {n for n, d in G.nodes(data=True) if d["pool"] == support["id"]}
        messages = [(u, v) for u, v, d in G.edges(data=True) if d["flow"] == "message"]
        assert any(v in inside for _, v in messages) and any(u in inside for u, _ in messages)
    assert "opgave" not in {d["key"] for _, d in model(6, "current").nodes(data=True)}


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme7_the_municipality_decides_and_communicates(profile):
    """TASK["no_cpr"]."""
    G = model(7, "future", profile)
    decision = by_key(G, "haandtering")
    assert len(branch_labels(G, decision)) >= 3 and notes(G, decision, "task_text")
    assert all(path(G, v, by_key(G, "kommunikation")) for v in flows(G).successors(decision))
    once = model("tema7_beslutning", "future", profile)
    assert notes(once, by_key(once, "opdater_regler"), "task_text")
    assert bool(notes(once, by_key(once, "understoettet"), "question")) == (profile.debtor_system != "KMD Opus")
    assert not steps(model(7, "current", profile), lane="Debitorsystem")


@pytest.mark.parametrize("name", REAL)
def test_real_profiles_differ_where_the_municipalities_differ(name):
    """Issue 15 item 8: København and Frederiksberg, built with their own profiles."""
    profile = REAL[name]
    assert profile.name == {"koebenhavn": "Københavns Kommune", "frederiksberg": "Frederiksberg Kommune"}[name]
    for G in graphs(profile).values():
        assert G.graph["profile"] == profile.name
    G = model(1, "future", profile)
    assert any(profile.name in t for t in notes(G))
    mastercard = [t for t in notes(G, by_key(G, "betalingsform"), "task_text") if "Mastercard" in t]
    assert bool(mastercard) != profile.offers("Mastercard"), "the Mastercard example where it is not bought"


def test_theme1_a_single_solution_and_form_need_no_decision():
    small = replace(DEFAULT_PROFILE, payment_solutions=("Mit betalingsoverblik",),
                    payment_forms=("Dankort",), safepay=False)
    G = next(c.graph for c in compile_all([PROCESSES / "tema1_betalingskanaler.py"], small)
             if (c.definition.key, c.definition.variant) == (MAIN[1], "future"))
    assert not {"loesning", "betalingsform"} & {d["key"] for _, d in G.nodes(data=True)}
    assert path(G, by_key(G, "betal_mit_betalingsoverblik"), by_key(G, "form_dankort"))
