"""The models in processes/ say what the seed task says, for every municipality profile.

Each test reads facts off the compiled graphs (kinds, lanes, departments, waits, branches,
message flows, notes) rather than counting everything, so the models can grow without breaking
the tests as long as they keep answering the seed's questions.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from oir_bpmn.load import compile_all
from oir_bpmn.kinds import tasks
from oir_bpmn.profile import DEFAULT_PROFILE, load_profile

REPO = Path(__file__).resolve().parents[1]
PROCESSES = REPO / "processes"
PROFILES = REPO / "profiles"

KK = load_profile(PROFILES / "koebenhavn.toml")
FRB = load_profile(PROFILES / "frederiksberg.toml")
ALL_PROFILES = {"default": DEFAULT_PROFILE, "koebenhavn": KK, "frederiksberg": FRB}

_cache: dict = {}


def models(profile=DEFAULT_PROFILE) -> dict[tuple[int, str], nx.DiGraph]:
    """(theme, variant) -> graph, compiled and validated for ``profile``."""
    if profile not in _cache:
        compiled = compile_all([PROCESSES], profile)
        _cache[profile] = {(c.graph.graph["theme"], c.graph.graph["variant"]): c.graph for c in compiled}
    return _cache[profile]


def model(theme: int, variant: str, profile=DEFAULT_PROFILE) -> nx.DiGraph:
    return models(profile)[theme, variant]


# ---------------------------------------------------------------- graph helpers

def by_key(G, key: str) -> str:
    found = [n for n, d in G.nodes(data=True) if d["key"] == key]
    assert len(found) == 1, f"no single step with key {key!r} in {G.graph['title']}"
    return found[0]


def lane_name(G, n) -> str | None:
    lane = G.nodes[n]["lane"]
    return G.graph["lanes"][lane]["name"] if lane else None


def steps(G, *, lane: str | None = None, dept: str | None = None, kinds=None, text: str | None = None):
    """Nodes written by the modeller (no inserted gateways) matching all the given filters."""
    found = []
    for n, d in G.nodes(data=True):
        if d["auto"]:
            continue
        if lane is not None and lane_name(G, n) != lane:
            continue
        if dept is not None and d["dept"] != dept:
            continue
        if kinds is not None and d["kind"] not in kinds:
            continue
        if text is not None and text.lower() not in d["label"].lower():
            continue
        found.append(n)
    return found


def flows(G) -> nx.DiGraph:
    """The sequence flows only."""
    F = nx.DiGraph()
    F.add_nodes_from(G.nodes)
    F.add_edges_from((u, v) for u, v, d in G.edges(data=True) if d["flow"] == "sequence")
    return F


def neighbours(G, n, direction: str) -> set[str]:
    """Nearest written steps before/after ``n`` along sequence flows, looking through inserted gateways."""
    F = flows(G)
    step = F.predecessors if direction == "before" else F.successors
    found, todo, seen = set(), list(step(n)), set()
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        if G.nodes[m]["auto"]:
            todo.extend(step(m))
        else:
            found.add(m)
    return found


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


def notes(G) -> list[str]:
    return [text for _, d in G.nodes(data=True) for text in d["notes"]]


def starts(G, pool_name: str | None = None):
    pools = {p["id"]: p["name"] for p in G.graph["pools"]}
    return [n for n, d in G.nodes(data=True) if d["kind"] == "startEvent"
            and (pool_name is None or pools[d["pool"]] == pool_name)]


def on_a_path(G, n) -> bool:
    """``n`` lies on a sequence path from a start event to an end event of its pool."""
    F = flows(G)
    ends = [m for m, d in G.nodes(data=True) if d["kind"] == "endEvent"]
    return any(nx.has_path(F, s, n) for s in starts(G)) and any(nx.has_path(F, n, e) for e in ends)


# ---------------------------------------------------------------- all models

@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_every_theme_has_a_current_and_a_future_model(profile):
    compiled = models(profile)
    assert len(compiled) >= 14
    for theme in range(1, 8):
        current, future = compiled[theme, "current"], compiled[theme, "future"]
        assert current.graph["key"] == future.graph["key"], "both variants share a key so the diff pairs them"
        assert current.graph["file"] == future.graph["file"], "one file per theme holds both variants"


def test_profiles_load_with_the_seed_facts():
    assert (KK.name, KK.safepay, KK.safepay_integrated) == ("Københavns Kommune", True, False)
    assert (FRB.name, FRB.safepay, FRB.safepay_integrated) == ("Frederiksberg Kommune", True, True)


LANE_DEPTS = {
    "Låner": "external", "Biblioteksmedarbejder": "library", "Debitor-/økonomiafdelingen": "finance",
    "ØiR-koordinator": "coordination", "FBS": "system", "Debitorsystem": "system",
    "Betalingsløsning": "system", "3. parts produkter": "system",
}


def test_lanes_use_the_same_actors_and_departments_everywhere():
    for G in models().values():
        for lane in G.graph["lanes"].values():
            assert lane["name"] in LANE_DEPTS, f"{G.graph['title']}: unexpected lane {lane['name']!r}"
            assert lane["dept"] == LANE_DEPTS[lane["name"]]


def test_every_lane_is_used_and_every_step_is_in_a_flow():
    for G in models().values():
        used = {d["lane"] for _, d in G.nodes(data=True)}
        assert set(G.graph["lanes"]) <= used, f"{G.graph['title']} has an empty lane"
        for n, d in G.nodes(data=True):
            if G.graph["pools"][0]["id"] == d["pool"]:
                assert on_a_path(G, n), f"{G.graph['title']}: {d['label']!r} is not on a path"


def test_labels_are_danish_and_open_questions_are_notes():
    for theme in range(1, 8):
        both = [model(theme, "current"), model(theme, "future")]
        assert any("Spørgsmål:" in text for G in both for text in notes(G)), f"theme {theme} has no question"
        labels = " ".join(d["label"] for G in both for _, d in G.nodes(data=True))
        assert any(ch in labels for ch in "æøå")


def test_future_models_are_readable():
    for theme in range(1, 8):
        G = model(theme, "future")
        main = G.graph["pools"][0]["id"]
        count = len([n for n in steps(G) if G.nodes[n]["pool"] == main])
        assert 8 <= count <= 30, f"theme {theme} future has {count} steps"
        assert steps(G, kinds=("exclusiveGateway",)), f"theme {theme} future has no decision"


# ---------------------------------------------------------------- theme 1: payment channels

def test_theme1_today_desk_third_parties_and_manual_transfer():
    G = model(1, "current")
    desk = by_key(G, "modtag_skranke")
    assert (G.nodes[desk]["kind"], G.nodes[desk]["dept"]) == ("manualTask", "library")
    registered = neighbours(G, desk, "after")
    assert any("manuelt i FBS" in G.nodes[n]["label"] and G.nodes[n]["kind"] == "userTask" for n in registered)
    third = {G.nodes[n]["label"] for n in steps(G, lane="3. parts produkter")}
    assert any("Afleveringsmaskine" in t for t in third)
    assert any("DDB-CMS" in t for t in third)
    assert any("app" in t for t in third)
    manual = by_key(G, "overfoer_manuelt")
    assert G.nodes[manual]["dept"] == "library" and "debitorsystemet" in G.nodes[manual]["label"]


def _payment_path_nodes(G):
    F = flows(G)
    start, end = by_key(G, "har_mellemvaerende"), by_key(G, "betalt")
    return {n for n in G.nodes if nx.has_path(F, start, n) and nx.has_path(F, n, end)}


def test_theme1_copenhagen_has_no_safepay_path_frederiksberg_has():
    kk = model(1, "future", KK)
    assert not [n for n in _payment_path_nodes(kk) if "safepay" in kk.nodes[n]["label"].lower()]
    loesning = by_key(kk, "loesning")
    assert "SafePay" not in branch_labels(kk, loesning)
    assert any("ikke integreret" in t for t in kk.nodes[loesning]["notes"])

    frb = model(1, "future", FRB)
    path = _payment_path_nodes(frb)
    safepay = [n for n in path if "safepay" in frb.nodes[n]["label"].lower()]
    assert safepay and lane_name(frb, safepay[0]) == "Låner"
    assert "SafePay" in branch_labels(frb, by_key(frb, "loesning"))


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme1_offers_exactly_the_bought_solutions_and_forms(profile):
    G = model(1, "future", profile)
    solutions = branch_labels(G, by_key(G, "loesning"))
    assert {s for s in profile.payment_solutions if s != "SafePay"} <= solutions
    forms = by_key(G, "betalingsform")
    assert branch_labels(G, forms) == set(profile.payment_forms)
    if not profile.offers("Mastercard"):
        assert any("Mastercard" in t for t in G.nodes[forms]["notes"]), "the Mastercard example is a note"


def test_theme1_mastercard_follows_the_profile():
    assert "Mastercard" in branch_labels(model(1, "future", FRB), by_key(model(1, "future", FRB), "betalingsform"))
    assert "Mastercard" not in branch_labels(model(1, "future", KK), by_key(model(1, "future", KK), "betalingsform"))


def test_theme1_future_debt_goes_through_the_debtor_system_back_to_fbs():
    G = model(1, "future")
    assert G.nodes[by_key(G, "oversend")]["lane"] == "Lane_fbs"
    assert lane_name(G, by_key(G, "udlign")) == "Debitorsystem"
    assert not steps(G, lane="3. parts produkter", text="betaling med")  # no payment in the app any more
    assert not steps(G, dept="library", kinds=("manualTask",)), "the desk no longer takes money"


# ---------------------------------------------------------------- theme 2: blocked borrowers

def test_theme2_today_pay_at_desk_and_staff_unlock():
    G = model(2, "current")
    unlock = by_key(G, "laas_op")
    assert G.nodes[unlock]["dept"] == "library"
    assert not [n for n, d in G.nodes(data=True) if d["event"] == "timer"], "today there is no wait"


def _timers_between(G, before_lane, after_lane):
    found = []
    for n, d in G.nodes(data=True):
        if d["event"] != "timer" or d["kind"] != "intermediateCatchEvent":
            continue
        before = {lane_name(G, m) for m in neighbours(G, n, "before")}
        after = {lane_name(G, m) for m in neighbours(G, n, "after")}
        if before_lane in before and after_lane in after:
            found.append(n)
    return found


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme2_option_a_waits_days_between_the_systems(profile):
    G = model(2, "future", profile)
    for before, after in (("Betalingsløsning", "Debitorsystem"), ("Debitorsystem", "FBS")):
        waits = _timers_between(G, before, after)
        assert waits, f"no timer wait between {before} and {after}"
        duration = G.nodes[waits[0]]["duration"]
        assert duration.unit == "days" and duration.high > 1, "the seed speaks of several days"


def test_theme2_future_has_both_options_as_branches_to_borrowing_again():
    G = model(2, "future")
    F = flows(G)
    choice = by_key(G, "vil_betale")
    assert G.nodes[choice]["kind"] == "exclusiveGateway"
    can_borrow = by_key(G, "kan_laane")
    option_a = branch_target(G, choice, "Mulighed A")
    option_b = branch_target(G, choice, "Mulighed B")
    assert nx.has_path(F, option_a, can_borrow) and nx.has_path(F, option_b, can_borrow)
    # A: unlocked by FBS once the payment arrives, after the waits.
    a_path = nx.shortest_path(F, option_a, can_borrow)
    assert any(G.nodes[n]["event"] == "timer" for n in a_path)
    assert G.nodes[by_key(G, "laas_op")]["dept"] == "system"
    # B: receipt shown by the borrower, manual unlock by staff, no wait.
    b_path = nx.shortest_path(F, option_b, can_borrow)
    assert any("kvittering" in G.nodes[n]["label"] and lane_name(G, n) == "Låner" for n in b_path)
    assert any("manuelt op" in G.nodes[n]["label"] and G.nodes[n]["dept"] == "library" for n in b_path)
    assert not any(G.nodes[n]["event"] == "timer" for n in b_path)


# ---------------------------------------------------------------- theme 3: invoicing and reminders

@pytest.mark.parametrize("channels", [("SMS", "e-mail", "e-Boks"), ("SMS",), ("e-Boks", "Digital Post")])
def test_theme3_today_one_reminder_per_channel(channels):
    G = model(3, "current", replace(DEFAULT_PROFILE, reminder_channels=channels))
    kanal = by_key(G, "kanal")
    assert set(channels) <= branch_labels(G, kanal)
    for channel in channels:
        target = branch_target(G, kanal, channel)
        assert G.nodes[target]["kind"] == "sendTask"
    assert any("informationer" in t for t in notes(G)), "what the messages contain is an open question"


def test_theme3_today_balance_statement_only_when_sent():
    with_statements = model(3, "current", replace(DEFAULT_PROFILE, balance_statements=True))
    without = model(3, "current", replace(DEFAULT_PROFILE, balance_statements=False))
    assert steps(with_statements, text="saldoopgørelse", kinds=("sendTask",))
    assert not steps(without, text="saldoopgørelse", kinds=("sendTask",))


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme3_future_balance_statement_decision_and_automatic_exclusion(profile):
    G = model(3, "future", profile)
    choice = by_key(G, "saldo_valg")
    assert G.nodes[choice]["kind"] == "exclusiveGateway" and G.nodes[choice]["dept"] == "library"
    labels = branch_labels(G, choice)
    assert any("saldoopgørelser" in label for label in labels)
    assert any("debitorsystemet" in label for label in labels)
    exclusion = steps(G, text="udelukkelsesnotifikation")
    assert len(exclusion) == 1
    assert (G.nodes[exclusion[0]]["kind"], G.nodes[exclusion[0]]["dept"]) == ("sendTask", "system")
    assert G.nodes[by_key(G, "rykkerprocedure")]["lane"] == "Lane_debitorsystem"
    assert steps(G, text="Gældsstyrelsen", dept="finance")


# ---------------------------------------------------------------- theme 4: registering borrowers

def _substitute_tasks(G):
    return [n for n in steps(G, kinds=tasks()) if "erstatnings-cpr" in G.nodes[n]["label"].lower()]


def test_theme4_substitute_cpr_only_when_the_profile_enables_it():
    on = model(4, "future", replace(DEFAULT_PROFILE, substitute_cpr=True))
    generated = by_key(on, "generer_erstatnings_cpr")
    assert on.nodes[generated]["lane"] == "Lane_fbs"
    assert "fødselsdato" in on.nodes[generated]["label"]
    assert any("6–9" in t for t in on.nodes[generated]["notes"])
    assert any("KMD Opus" in t for t in on.nodes[generated]["notes"])
    assigned = by_key(on, "tildel_erstatnings_cpr")
    assert any("navn og adresse" in on.nodes[n]["label"] for n in neighbours(on, assigned, "after"))

    off = model(4, "future", replace(DEFAULT_PROFILE, substitute_cpr=False))
    assert not _substitute_tasks(off)
    assert not _substitute_tasks(model(4, "future", FRB))
    assert _substitute_tasks(model(4, "future", KK))


def test_theme4_other_debtor_system_asks_about_substitute_cpr():
    G = model(4, "future", replace(DEFAULT_PROFILE, debtor_system="Prisme", substitute_cpr=True))
    assert any("Prisme" in t for t in G.nodes[by_key(G, "generer_erstatnings_cpr")]["notes"])


def test_theme4_future_cpr_cvr_p_ean_and_guardian():
    G = model(4, "future")
    cpr = by_key(G, "cpr")
    assert "korrekt" in G.nodes[cpr]["label"] and any("e-Boks" in t for t in G.nodes[cpr]["notes"])
    assert by_key(G, "cvr") and any("EAN" in G.nodes[n]["label"] and "P-nummer" in G.nodes[n]["label"]
                                    for n in neighbours(G, by_key(G, "cvr"), "after"))
    minor = by_key(G, "mindreaarig")
    guardian = branch_target(G, minor, "Ja")
    assert "økonomisk ansvarlig" in G.nodes[guardian]["label"]
    assert G.nodes[guardian]["kind"] == "userTask" and G.nodes[guardian]["dept"] == "library"
    # Self-registration also passes the minor check.
    assert minor in nx.descendants(flows(G), by_key(G, "selvoprettelse"))


def test_theme4_today_no_cvr_p_ean_routine():
    G = model(4, "current")
    assert not steps(G, text="EAN")
    assert G.nodes[by_key(G, "oekonomisk_ansvarlig")]["kind"] == "manualTask"


# ---------------------------------------------------------------- theme 5: reconciliation

def _reconciliation(G, dept):
    return [n for n in steps(G, dept=dept, kinds=tasks())
            if "afstem" in G.nodes[n]["label"].lower() or G.nodes[n]["key"].startswith("afstem")]


@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_theme5_reconciliation_moves_from_the_libraries_to_finance(profile):
    current, future = model(5, "current", profile), model(5, "future", profile)
    assert _reconciliation(current, "library"), "today the libraries reconcile"
    assert steps(current, dept="library", text="MobilePay")
    assert not _reconciliation(future, "library"), "no reconciliation in any library lane in the future"
    assert _reconciliation(future, "finance")
    before, after = by_key(current, "afstem"), by_key(future, "afstem")
    assert (current.nodes[before]["dept"], future.nodes[after]["dept"]) == ("library", "finance")
    assert any("Opsæt regler i debitor" in t for t in notes(future))


# ---------------------------------------------------------------- theme 6: monitoring errors

def _support(G):
    return next(p for p in G.graph["pools"] if p["name"] == "Systematic support")


def test_theme6_future_fbs_creates_tasks_the_library_handles():
    G = model(6, "future")
    task = by_key(G, "opgave")
    assert G.nodes[task]["lane"] == "Lane_fbs"
    assert any(G.nodes[n]["dept"] == "library" for n in neighbours(G, task, "after"))
    assert not [n for n, d in model(6, "current").nodes(data=True) if d["key"] == "opgave"], \
        "monitoring FBS tasks is a new library task"


def test_theme6_systematic_support_is_its_own_pool_talking_by_messages():
    for variant in ("current", "future"):
        G = model(6, variant)
        support = _support(G)
        assert support["dept"] == "external"
        inside = {n for n, d in G.nodes(data=True) if d["pool"] == support["id"]}
        kinds = {(G.nodes[n]["kind"], G.nodes[n]["event"]) for n in inside}
        assert ("startEvent", "message") in kinds and ("endEvent", "message") in kinds
        messages = [(u, v) for u, v, d in G.edges(data=True) if d["flow"] == "message"]
        assert any(v in inside and u not in inside for u, v in messages), "a message goes to support"
        assert any(u in inside and v not in inside for u, v in messages), "support answers"


def test_theme6_copenhagen_example_and_technical_errors():
    G = model(6, "future")
    F = flows(G)
    kind = by_key(G, "fejltype")
    setup = branch_target(G, kind, "opsætning")
    assert "ansvarlige for debitorsystemet" in G.nodes[setup]["label"]
    assert any("Københavns Kommune" in t for t in G.nodes[setup]["notes"])
    rollback, resend = by_key(G, "rul_tilbage"), by_key(G, "bed_gensend")
    assert nx.has_path(F, setup, rollback) and nx.has_path(F, rollback, resend)
    support_start = next(v for u, v, d in G.out_edges(resend, data=True) if d["flow"] == "message")
    assert G.nodes[support_start]["pool"] == _support(G)["id"]
    technical = branch_target(G, kind, "Teknisk")
    assert any(d["flow"] == "message" and G.nodes[v]["pool"] == _support(G)["id"]
               for _, v, d in G.out_edges(technical, data=True)), "technical errors go straight to support"


def test_theme6_minor_without_guardian_rule():
    G = model(6, "future")
    rule = by_key(G, "regel_mindreaarig")
    assert (G.nodes[rule]["kind"], G.nodes[rule]["lane"]) == ("serviceTask", "Lane_fbs")
    found = by_key(G, "findes")
    block = branch_target(G, found, "Nej")
    assert "Blokerer" in G.nodes[block]["label"] and G.nodes[block]["dept"] == "library"
    look_up = branch_target(G, found, "Ja")
    assert "økonomisk ansvarlige" in G.nodes[look_up]["label"]
    assert nx.has_path(flows(G), rule, found)


# ---------------------------------------------------------------- theme 7: borrowers without CPR

def test_theme7_without_substitute_cpr_the_municipality_decides():
    G = model(7, "future", FRB)
    assert not _substitute_tasks(G)
    decision = by_key(G, "haandtering")
    assert len(branch_labels(G, decision)) >= 3
    assert any(text.startswith("Spørgsmål:") for text in G.nodes[decision]["notes"])
    communication = by_key(G, "kommunikation")
    assert G.nodes[communication]["kind"] == "sendTask"
    assert all(nx.has_path(flows(G), v, communication) for v in flows(G).successors(decision))
    assert steps(G, dept="coordination", text="lånerregler")


def test_theme7_with_substitute_cpr_it_is_tried_first():
    G = model(7, "future", KK)
    possible = by_key(G, "erstatning_mulig")
    assert _substitute_tasks(G)
    assert nx.has_path(flows(G), branch_target(G, possible, "Nej"), by_key(G, "haandtering"))


def test_theme7_today_debt_stays_in_fbs():
    G = model(7, "current")
    assert not steps(G, lane="Debitorsystem")
    assert steps(G, text="afskriv", dept="library")


def test_theme1_a_single_solution_and_form_need_no_decision():
    small = replace(DEFAULT_PROFILE, payment_solutions=("Mit betalingsoverblik",),
                    payment_forms=("Dankort",), safepay=False)
    G = model(1, "future", small)
    keys = {d["key"] for _, d in G.nodes(data=True)}
    assert not {"loesning", "betalingsform"} & keys, "no one-branch decisions"
    path = _payment_path_nodes(G)
    assert {by_key(G, "betal_mit_betalingsoverblik"), by_key(G, "form_dankort")} <= path
    assert any("Mastercard" in t for t in G.nodes[by_key(G, "form_dankort")]["notes"])
