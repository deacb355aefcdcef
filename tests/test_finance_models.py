"""Issue 23: what finance does every week, and orders that mislead – asserted on the BUILT BPMN.

Each profile's models are built with ``oir-bpmn build --format bpmn`` into a tmp folder and read
back with the BPMN reader, so the tests see what Camunda Modeler and the pack see: in which lane
a step sits, that a decision has every outcome drawn, what is reachable from what, and that no
path waits on a person where it should not.
"""
from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner
from model_set import ALL_PROFILES, FRB, KK, PROCESSES, branch_labels, branch_target, by_key, flows, lane_name, notes

from oir_bpmn.bpmn.read import read_bpmn
from oir_bpmn.cli import main
from oir_bpmn.diff import compare
from oir_bpmn.pack.consequences import process_moves

PEOPLE = ("userTask", "manualTask", "task")
TRANSFERRED = "Er mellemværendet oversendt til debitorsystemet?"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """profile name -> {(process key, variant): graph read from the written BPMN file}."""
    out = {}
    for name, profile in ALL_PROFILES.items():
        folder = tmp_path_factory.mktemp(f"built_{name}")
        args = ["build", str(PROCESSES), "-o", str(folder), "--format", "bpmn"]
        if name != "default":
            args += ["--profile", str(PROCESSES.parent / "profiles" / f"{name}.toml")]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        graphs = [read_bpmn(path) for path in sorted((folder / "bpmn").glob("*.bpmn"))]
        out[name] = {(G.graph["key"], G.graph["variant"]): G for G in graphs}
        assert len(out[name]) == len(graphs)
    return out


def step(G, key: str) -> dict:
    return G.nodes[by_key(G, key)]


def lane(G, key: str) -> str:
    return lane_name(G, by_key(G, key))


def reach(G, a: str, b: str) -> bool:
    return nx.has_path(flows(G), by_key(G, a), by_key(G, b))


def reach_without(G, a: str, b: str, *, kinds=PEOPLE, keys=()) -> bool:
    """``b`` is reachable from ``a`` on a path that passes no step of ``kinds`` and none of ``keys``."""
    F = flows(G)
    source, target = by_key(G, a), by_key(G, b)
    F.remove_nodes_from([n for n, d in G.nodes(data=True)
                         if n not in (source, target) and (d["kind"] in kinds or d["key"] in keys)])
    return nx.has_path(F, source, target)


def outcome_reaches(G, decision: str, label: str, key: str) -> bool:
    return nx.has_path(flows(G), branch_target(G, by_key(G, decision), label), by_key(G, key))


# ---------------------------------------------------------------- missing processes (1–6)

@pytest.mark.parametrize("name", ALL_PROFILES)
def test_1_a_change_after_transfer_goes_from_fbs_on_to_the_debtor_system(built, name):
    today, G = built[name][("tema3_aendring", "current")], built[name][("tema3_aendring", "future")]
    assert lane(today, "tilpas_fordring") == "Debitor-/økonomiafdelingen" and step(today, "tilpas_fordring")["kind"] \
        == "userTask"
    assert (lane(G, "registrer_aendring"), lane(G, "send_aendring"), lane(G, "tilpas_fordring")) \
        == ("Biblioteksmedarbejder", "FBS", "Debitorsystem")
    assert reach_without(G, "send_aendring", "tilpas_fordring") and reach(G, "registrer_aendring", "send_aendring")
    paid = by_key(G, "allerede_betalt")
    assert branch_labels(G, paid) == {"Ja", "Nej"}
    assert outcome_reaches(G, "allerede_betalt", "Ja", "tilgodehavende")
    assert outcome_reaches(G, "allerede_betalt", "Nej", "opdater_fbs") and lane(G, "opdater_fbs") == "FBS"
    assert not outcome_reaches(G, "allerede_betalt", "Nej", "tilgodehavende")


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_2_finance_refunds_to_nemkonto_only_what_is_already_paid(built, name):
    today, G = built[name][("tema3_tilbagebetaling", "current")], built[name][("tema3_tilbagebetaling", "future")]
    assert lane(today, "tilbagebetal") == "Biblioteksmedarbejder"
    paid = by_key(G, "allerede_betalt")
    assert G.nodes[paid]["label"] == "Er fordringen allerede betalt?" and branch_labels(G, paid) == {"Ja", "Nej"}
    assert lane(G, "tilbagebetal") == "Debitor-/økonomiafdelingen" and "NemKonto" in step(G, "tilbagebetal")["label"]
    assert outcome_reaches(G, "allerede_betalt", "Ja", "tilbagebetal")
    assert not outcome_reaches(G, "allerede_betalt", "Nej", "tilbagebetal")
    assert notes(G, by_key(G, "regel"), "question"), "who decides the refund rule is asked"
    assert len(branch_labels(G, by_key(G, "regel"))) == 2


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_3_the_library_answers_material_finance_answers_payment_with_a_hand_over(built, name):
    today, G = built[name][("tema3_henvendelser", "current")], built[name][("tema3_henvendelser", "future")]
    assert lane(today, "svar_bib") == "Biblioteksmedarbejder" and not any(
        d["dept"] == "finance" for _, d in today.nodes(data=True))
    assert lane(G, "svar_bib") == "Biblioteksmedarbejder" and lane(G, "svar_oekonomi") == "Debitor-/økonomiafdelingen"
    assert "materiale" in step(G, "emne_bib")["label"] and "rykker" in step(G, "emne_oekonomi")["label"]
    assert outcome_reaches(G, "emne_bib", "Nej", "svar_oekonomi") and not outcome_reaches(G, "emne_bib", "Nej", "svar_bib")
    assert outcome_reaches(G, "emne_oekonomi", "Nej", "svar_bib")
    assert not outcome_reaches(G, "emne_oekonomi", "Nej", "svar_oekonomi")
    assert reach(G, "svar_bib", "besvaret") and reach(G, "svar_oekonomi", "besvaret")


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_4_go_live_decides_open_debts_three_ways_after_a_cut_off(built, name):
    G = built[name][("tema5_overgang", "future")]
    assert ("tema5_overgang", "current") not in built[name]
    decision = by_key(G, "aabne_valg")
    assert branch_labels(G, decision) == {"Oversendes", "Bliver i FBS, betales på den gamle måde", "Afskrives"}
    assert all(nx.has_path(flows(G), v, by_key(G, "afklaret")) for v in flows(G).successors(decision))
    cut_off = step(G, "skaeringsdato")["label"]
    assert "skranken" in cut_off and "MobilePay" in cut_off and reach(G, "skaeringsdato", "aabne_valg")
    assert "DIBS" in step(G, "opgoer")["label"]
    assert lane(G, "oversend") == "FBS" and lane(G, "gammel_betaling") == "Biblioteksmedarbejder"


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_5_finance_writes_off_and_the_write_off_reaches_fbs(built, name):
    today, G = built[name][("tema3_afskrivning", "current")], built[name][("tema3_afskrivning", "future")]
    assert lane(today, "afskriv_fbs") == "Biblioteksmedarbejder"
    rules = by_key(G, "afskriv_valg")
    assert lane(G, "afskriv_valg") == "Debitor-/økonomiafdelingen" and len(branch_labels(G, rules)) == 2
    assert any("kasse- og regnskabsregulativ" in t for t in notes(G, rules, "assumption"))
    assert lane(G, "afskriv") == "Debitor-/økonomiafdelingen" and lane(G, "meld_fbs") == "Debitorsystem"
    assert reach_without(G, "afskriv", "afskriv_fbs") and lane(G, "afskriv_fbs") == "FBS"
    lift = by_key(G, "ophaev_valg")
    assert branch_labels(G, lift) == {"Ja", "Nej"} and reach(G, "afskriv_fbs", "ophaev_valg")
    assert outcome_reaches(G, "ophaev_valg", "Ja", "ophaev") and lane(G, "ophaev") == "FBS"
    assert outcome_reaches(G, "ophaev_valg", "Nej", "bloker") and lane(G, "bloker") == "Biblioteksmedarbejder"


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_6_fbs_and_the_debtor_system_are_checked_to_agree_by_an_owner(built, name):
    G = built[name][("tema6_fbs_debitor_stemmer", "future")]
    start = by_key(G, "maanedligt")
    assert G.nodes[start]["event"] == "timer" and G.nodes[start]["duration"].unit == "months"
    assert lane(G, "sammenhold") == "ØiR-koordinator" and step(G, "sammenhold")["kind"] == "userTask"
    assert lane(G, "udtraek_fbs") == "FBS" and lane(G, "udtraek_debitor") == "Debitorsystem"
    assert reach(G, "udtraek_fbs", "sammenhold") and reach(G, "udtraek_debitor", "sammenhold")
    assert branch_labels(G, by_key(G, "stemmer")) == {"Ja", "Nej"}
    assert outcome_reaches(G, "hvor", "FBS", "ret_fbs") and outcome_reaches(G, "hvor", "debitorsystemet", "ret_debitor")


# ---------------------------------------------------------------- wrong order or lane (7–13)

@pytest.mark.parametrize("name", ALL_PROFILES)
def test_7_matched_payments_update_fbs_without_waiting_for_a_person(built, name):
    G = built[name][("tema5_afstemning", "future")]
    assert lane(G, "nedskriv") == "FBS"
    assert reach_without(G, "match", "nedskriv"), "a blocked borrower must not wait for finance's reconciliation"
    assert not reach(G, "afstem", "nedskriv") and not reach(G, "difference", "nedskriv")
    assert lane(G, "difference") == lane(G, "afstem") == "Debitor-/økonomiafdelingen"
    assert reach(G, "match", "difference"), "the unmatched are placed by hand beside it"
    for key in ("tema1_betalingskanaler", "tema2_blokerede_laanere"):  # the same in themes 1 and 2
        F = built[name][(key, "future")]
        assert reach_without(F, "udlign", "nedskriv")


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_8_substitute_cpr_is_configured_once_and_checked_by_fbs(built, name):
    for key in ("tema4_oprettelse_laanere", "tema7_laanere_uden_cpr"):
        G = built[name][(key, "future")]
        assert not [d for _, d in G.nodes(data=True) if d["label"] == "Ønsker vi erstatnings-CPR?"]
        assert lane(G, "erstatnings_cpr_slaaet_til") == "FBS"
        birth = by_key(G, "erstatning_mulig")  # the same rule in both themes
        assert G.nodes[birth]["label"] == "Kendes lånerens fødselsdato?" and lane(G, "erstatning_mulig") == "FBS"
        assert outcome_reaches(G, "erstatning_mulig", "Ja", "tildel_erstatnings_cpr")
        assert not outcome_reaches(G, "erstatning_mulig", "Nej", "tildel_erstatnings_cpr")
    G4 = built[name][("tema4_oprettelse_laanere", "future")]
    assert lane(G4, "erstatnings_cpr_ny") == "FBS" and reach(G4, "uden_cpr", "erstatnings_cpr_ny")
    once = built[name][("tema7_beslutning", "future")]
    assert lane(once, "erstatnings_cpr_valg") == "Biblioteksledelse og debitor-/økonomiafdelingen"
    assert lane(once, "forbered") == "ØiR-koordinator" and reach(once, "forbered", "erstatnings_cpr_valg")
    assert any("KMD Opus" in t for t in notes(once, by_key(once, "understoettet"), "task_text"))


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_9_a_manual_invoice_has_a_deadline_and_closes_the_fbs_debt(built, name):
    G = built[name][("tema7_laanere_uden_cpr", "future")]
    invoice = branch_target(G, by_key(G, "haandtering"), "Manuel faktura")
    assert G.nodes[invoice]["key"] == "marker_fbs" and lane(G, "marker_fbs") == "Biblioteksmedarbejder"
    deadline = step(G, "frist_faktura")
    assert deadline["event"] == "timer" and deadline["duration"].unit == "days"
    assert reach(G, "manuel_debitor", "frist_faktura") and reach(G, "frist_faktura", "faktura_betalt")
    assert branch_labels(G, by_key(G, "faktura_betalt")) == {"Ja", "Nej"}
    assert outcome_reaches(G, "faktura_betalt", "Ja", "luk_fbs") and outcome_reaches(G, "faktura_betalt", "Nej", "luk_fbs")
    assert not reach_without(G, "manuel_debitor", "kommunikation", kinds=(), keys=("luk_fbs",)), \
        "every invoice path closes the FBS debt"


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_10_a_minor_without_guardian_is_followed_up_not_dropped(built, name):
    G = built[name][("tema6_overvaagning_fejl", "future")]
    ask = branch_target(G, by_key(G, "findes"), "Nej")
    assert G.nodes[ask]["key"] == "kontakt_vaerge" and G.nodes[ask]["kind"] == "sendTask", "no end at once"
    assert reach(G, "bloker", "kontakt_vaerge") and reach(G, "kontakt_vaerge", "oplysninger")
    outcome = by_key(G, "udfald")
    assert len(branch_labels(G, outcome)) == 3
    assert outcome_reaches(G, "udfald", "Ja", "oversend_igen")
    assert outcome_reaches(G, "udfald", "blokeres", "blokeret") and outcome_reaches(G, "udfald", "afskrives", "afskriv")
    assert notes(G, by_key(G, "opgave_mindreaarig"), "question"), "rule before or after transfer is a question"


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_11_where_a_borrower_pays_an_untransferred_debt_is_drawn(built, name):
    for key, paid in (("tema1_betalingskanaler", "nedskriv"), ("tema2_blokerede_laanere", "under_graensen")):
        G = built[name][(key, "future")]
        (asked,) = [n for n, d in G.nodes(data=True) if d["label"] == TRANSFERRED]
        assert branch_labels(G, asked) == {"Ja", "Nej, under beløbsgrænsen"}
        untransferred = branch_target(G, asked, "Nej")
        assert G.nodes[untransferred]["dept"] == "library" and "FBS" in G.nodes[untransferred]["label"]
        F = flows(G)
        F.remove_nodes_from([n for n in G if lane_name(G, n) == "Debitorsystem"])
        assert nx.has_path(F, untransferred, by_key(G, paid)), "paid in FBS, not via the debtor system"
        assert nx.has_path(flows(G), branch_target(G, asked, "Ja"), by_key(G, "udlign"))


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_12_where_the_desk_keeps_cash_someone_counts_deposits_and_reconciles_it(built, name):
    desk = ALL_PROFILES[name].desk_payment
    G = built[name][("tema5_afstemning", "future")]
    keys = {d["key"] for _, d in G.nodes(data=True)}
    assert ({"tael", "indbetal_kontanter", "opgoerelse"} <= keys) == desk
    if desk:
        assert lane(G, "tael") == lane(G, "indbetal_kontanter") == "Biblioteksmedarbejder"
        assert reach(G, "tael", "indbetal_kontanter") and reach(G, "indbetal_kontanter", "afstem")
    else:
        assert not [n for n in G if lane_name(G, n) == "Biblioteksmedarbejder"]
    once = built[name][("tema5_kontanter", "future")]
    assert ("kassen fortsætter" in step(once, "luk_kasse")["label"]) == desk


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_13_the_manual_unlock_pairs_with_todays_and_the_automatic_one_is_new(built, name):
    today, G = built[name][("tema2_blokerede_laanere", "current")], built[name][("tema2_blokerede_laanere", "future")]
    assert lane(today, "laas_op") == lane(G, "laas_op") == "Biblioteksmedarbejder"
    assert step(today, "laas_op")["label"] == step(G, "laas_op")["label"]
    assert lane(G, "ophaev_automatisk") == "FBS"
    assert "ophaev_automatisk" not in {d["key"] for _, d in today.nodes(data=True)}
    manual = [n for n, d in G.nodes(data=True) if d["dept"] == "library" and "spærringen" in d["label"]]
    assert manual == [by_key(G, "laas_op")], "one manual unlock, reached from the desk and from option B"
    assert reach(G, "betal_skranke", "laas_op") and reach(G, "kontroller_kvittering", "laas_op")
    to_finance, stops = process_moves(compare(today, G))
    assert not [label for label in stops if "automatisk" in label]
    assert not [label for label in to_finance if "spærring" in label]


# ---------------------------------------------------------------- smaller points

@pytest.mark.parametrize("name", ALL_PROFILES)
def test_a_pack_lists_only_the_safepay_branch_its_profile_takes(built, name):
    profile = ALL_PROFILES[name]
    today, G = built[name][("tema1_betalingsmuligheder", "current")], built[name][("tema1_betalingsmuligheder", "future")]
    keys = {d["key"] for _, d in G.nodes(data=True)}
    assert ("tilbyd_safepay" in keys) == (profile.safepay and profile.safepay_integrated)
    assert ("udelad_safepay" in keys) == (profile.safepay and not profile.safepay_integrated)
    to_finance, _ = process_moves(compare(today, G))
    assert len([label for label in to_finance if "SafePay" in label and "SafePay" != label]) == 1 + profile.safepay
    fact = notes(G, by_key(G, "safepay_integreret"))
    named = profile.name in ("Københavns Kommune", "Frederiksberg Kommune")
    assert [t.split(":")[0] for t in fact] == ["Fra opgaven" if named else "Antagelse"]


def test_the_safepay_profiles_are_the_task_texts():
    assert (KK.safepay_integrated, FRB.safepay_integrated) == (False, True)


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_finance_registers_a_desk_payment_once_and_the_system_clears_the_claim(built, name):
    G = built[name][("tema1_betalingskanaler", "future")]
    assert step(G, "udlign")["label"] == "Udligner fordringen" and lane(G, "udlign") == "Debitorsystem"
    assert reach(G, "registrer_debitor", "udlign")
    registering = [d["label"] for _, d in G.nodes(data=True) if "Registrerer indbetalingen" in d["label"]]
    assert len(registering) == 1


def test_the_debtor_system_owner_finds_the_cause_of_many_failed_transfers(built):
    G = built["default"][("tema6_overvaagning_fejl", "future")]
    first = G.nodes[branch_target(G, by_key(G, "fejltype"), "Mange")]
    assert first["key"] == "kontakt_debitor" and "systemejeren for debitorsystemet" in first["label"]
    assert lane(G, "find_aendring") == lane(G, "rul_tilbage") == "Systemejer for debitorsystemet"
    assert lane(G, "aarsag") == "Systemejer for debitorsystemet", "the owner, not the library alone, decides"
    assert outcome_reaches(G, "aarsag", "opsætning", "rul_tilbage")
    assert "om at gensende" in step(G, "bed_gensend")["label"]


def test_one_word_per_block_and_one_name_per_step_key(built):
    labels = [d["label"] for graphs in built.values() for G in graphs.values() for _, d in G.nodes(data=True)]
    assert not [label for label in labels if "låser" in label.lower() or "udelukket" in label.lower()]
    assert not [label for label in labels if "økonomiafdelingen" in label and "debitor-/økonomiafdelingen"
                not in label.lower()]
    names = {}
    for graphs in built.values():
        for (key, variant), G in graphs.items():
            if variant == "future":
                for _, d in G.nodes(data=True):
                    if d["key"] == "henvis":
                        names.setdefault("henvis", set()).add(d["label"])
    assert names["henvis"] == {"Henviser til kommunens betalingsløsninger"}


def test_the_workshop_questions_are_asked(built):
    G = built["default"]
    text = " ".join(t for graphs in (G,) for g in graphs.values() for t in notes(g, kind="question"))
    for words in ("privatlivserklæring", "omkostningssted", "kan ikke sendes til inddrivelse", "MitID",
                  "afleveringspåmindelser"):
        assert words in text, words
    today = G[("tema2_blokerede_laanere", "current")]
    assert any(t.startswith("Fra opgaven: Hvis det i dag") for t in notes(today, by_key(today, "laas_op")))
