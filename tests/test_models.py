"""The models in processes/ say what the KOMBIT task text says, for every municipality profile.

Every test names, in ``TASK`` (tests/model_set.py), the sentence of the task text it protects
(checked against the text itself when ../shared/seed/ is there), or the item of issue 15. Tests
read facts off the compiled graphs – kinds, lanes, departments, branches, paths, notes – so the
models can grow as long as they keep answering the task's questions. Notes: test_model_notes.py.
"""
from __future__ import annotations

import re
from dataclasses import replace

import networkx as nx
import pytest
from model_set import (ALL_PROFILES, DEFAULT_PROFILE, MAIN, PROCESSES, REAL, SEED, TASK, branch_labels,
                       branch_target, by_key, compiled, flows, graphs, lane_name, model, notes, path, steps)

from oir_bpmn.diff.inputs import pair_compiled
from oir_bpmn.load import compile_all
from oir_bpmn.text import node_text


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
    once = ("tema7_beslutning", "tema5_overgang", "tema6_fbs_debitor_stemmer")  # no today: new, once or monthly
    assert len(lone) == len(once) and all(any(f"'{key}'" in text for text in lone) for key in once), lone


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
    "Systemejer for debitorsystemet": "finance", "Biblioteksledelse og debitor-/økonomiafdelingen": "library",
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
    assert (G.nodes[rollback]["kind"], lane_name(G, rollback)) == ("userTask", "Systemejer for debitorsystemet")
    assert "systemejeren for debitorsystemet" in G.nodes[branch_target(G, by_key(G, "fejltype"), "Mange")]["label"]
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
    """TASK["wish"]: whether the municipality wants substitute CPR is a one-off decision, both ways
    drawn (issue 23 finding 8: not a desk decision per borrower); per borrower FBS checks the setting."""
    once = model("tema7_beslutning", "future", profile)
    wish = by_key(once, "erstatnings_cpr_valg")
    assert once.nodes[wish]["label"] == "Ønsker vi erstatnings-CPR?" and len(branch_labels(once, wish)) == 2
    assert any(f"substitute_cpr = {str(profile.substitute_cpr).lower()}" in t for t in notes(once, wish))
    for G in (model(4, "future", profile), model(7, "future", profile)):
        assert not steps(G, text="Ønsker vi erstatnings-CPR")
        on = by_key(G, "erstatnings_cpr_slaaet_til")
        assert (lane_name(G, on), G.nodes[on]["label"]) == ("FBS", "Er erstatnings-CPR slået til i FBS?")
        assert any(f"substitute_cpr = {str(profile.substitute_cpr).lower()}" in t for t in notes(G, on))


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
    assert by_key(G, "laas_op") in b_path and G.nodes[by_key(G, "laas_op")]["dept"] == "library"
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
    assert bool(steps(future, dept="library")) == profile.desk_payment, "only the kept till stays a library task"
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


def test_theme1_a_municipality_offering_only_giro_slips_has_no_payment_forms():
    """TASK["clarify"] names girokort among the solutions; a giro slip is paid in a bank, so a
    municipality with no online solution has no payment forms to choose between."""
    giro = replace(DEFAULT_PROFILE, payment_solutions=("Girokort",))
    G = next(c.graph for c in compile_all([PROCESSES / "tema1_betalingskanaler.py"], giro)
             if (c.definition.key, c.definition.variant) == (MAIN[1], "future"))
    keys = {d["key"] for _, d in G.nodes(data=True)}
    assert "betal_girokort" in keys and not {k for k in keys if k.startswith("form_")} | ({"betalingsform"} & keys)
