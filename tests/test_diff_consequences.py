"""Consequences of a variant: lead time and hand-offs per route, manual tasks, cross-theme summary."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from oir_bpmn.consequences.figures import consequences_of, variant_figures
from oir_bpmn.consequences.routes import days_text, duration_days
from oir_bpmn.diff import compare, cross_theme_summary, load_pairs, write_summary
from oir_bpmn.model import Duration

ROOT = Path(__file__).resolve().parents[1]

ROUTES = '''
@process("Ruter", variant="future", theme=3, key="ruter")
def ruter(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor", dept="finance")
    fbs = p.lane("FBS", dept="system")
    valg = bib.decide("Betaler låneren?", key="valg")
    slut = bib.end("Slut", key="slut")
    bib.start("Start", key="start") >> bib.user("Slå op", key="slaa_op") >> valg
    (valg.when("Ja") >> fbs.wait(days(1, 3), "Overførsel", key="overfoer")
        >> fbs.wait(hours(12), "Natkørsel", key="nat") >> deb.user("Udlign", key="udlign") >> slut)
    valg.otherwise("Nej") >> bib.manual("Forklar", key="forklar") >> [
        fbs.wait(days(2), "Kort", key="kort"), fbs.wait(weeks(1), "Lang", key="lang")] >> bib.user("Ring", key="ring") >> slut
    bib.start("Igen", key="igen", event="message") >> bib.user("Prøv igen", key="proev") >> valg
'''


@pytest.fixture
def routes(compile_model):
    return {r.name: r for r in variant_figures(compile_model(ROUTES)).routes}


def test_lead_time_sums_waits_along_a_route_and_takes_the_longest_parallel_branch(routes):
    ja = routes["Betaler låneren? = Ja"]
    assert (ja.lead_low, ja.lead_high) == (1.5, 3.5) and ja.lead_time_text == "1,5–3,5 dage"
    nej = routes["Betaler låneren? = Nej"]
    assert (nej.lead_low, nej.lead_high) == (7, 7)  # 2 days and 1 week side by side: a week
    assert ja.ends == nej.ends == ("Slut",)


def test_handoffs_count_department_changes_between_tasks(routes):
    assert routes["Betaler låneren? = Ja"].handoffs == (("library", "finance"),)  # through the waits
    assert routes["Betaler låneren? = Nej"].handoffs == ()
    assert routes["Betaler låneren? = Ja"].handoff_text() == "Biblioteket → Debitor/økonomi"


def test_every_start_has_its_routes_and_staff_tasks_per_department(compile_model):
    c = variant_figures(compile_model(ROUTES))
    assert sorted({r.start for r in c.routes}) == ["Igen", "Start"] and len(c.routes) == 4
    assert c.staff_tasks == {"library": 4, "finance": 1}  # distinct person tasks in the model
    assert c.lead == (1.5, 7)  # shortest low, longest high over the routes
    assert c.lead == (min(r.lead_low for r in c.routes), max(r.lead_high for r in c.routes))


LOOP = '''
@process("Løkke", variant="future", key="loekke")
def loekke(p):
    bib = p.lane("Biblioteket", dept="library")
    ok = bib.decide("I orden?", key="ok")
    tjek = bib.user("Tjek", key="tjek")
    bib.start("Start") >> tjek >> bib.wait(days(1), "Vent", key="vent") >> ok
    ok.when("Ja") >> bib.end("Slut")
    ok.otherwise("Nej") >> bib.user("Ret", key="ret") >> tjek
'''


def test_a_loop_is_taken_zero_times(compile_model):
    c = variant_figures(compile_model(LOOP))
    assert sorted((r.name, r.lead_time_text) for r in c.routes) == [
        ("I orden? = Ja", "1 dag"), ("I orden? = Nej", "1 dag")]


@pytest.mark.parametrize("duration, days", [
    (Duration(1, 2, "weeks"), (7, 14)), (Duration(1, 1, "months"), (30, 30)), (Duration(1, 1, "years"), (365, 365)),
    (Duration(6, 12, "hours"), (0.25, 0.5)), (Duration(720, 1440, "minutes"), (0.5, 1))])
def test_units_in_days(duration, days):
    assert duration_days(duration) == days


def test_days_text_in_danish():
    assert [days_text(0, 0), days_text(1, 1), days_text(2, 6), days_text(0.25, 0.5)] == [
        "0 dage", "1 dag", "2–6 dage", "0,25–0,5 dage"]


def test_theme_2_option_a_unlocks_after_2_to_6_days():
    (pair,), _ = load_pairs([str(ROOT / "processes" / "tema2_blokerede_laanere.py")])
    c = consequences_of(*pair)
    assert {r.lead_time_text for r in c.current.routes} == {"0 dage"}
    option_a = [r for r in c.future.routes if "Mulighed A" in r.name and "Kan låne igen" in r.ends]
    assert [r.lead_time_text for r in option_a] == ["2–6 dage"]


SUMMARY_PAIR = '''
@process("Afstemning", variant="current", theme=5, key="afst")
def nu(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Start", key="s") >> bib.user("Afstem", key="afstem") >> bib.manual("Tæl", key="tael") >> bib.end("Slut", key="e")

@process("Afstemning", variant="future", theme=5, key="afst")
def fremtid(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor", dept="finance")
    (bib.start("Start", key="s") >> deb.user("Afstem", key="afstem") >> deb.service("Bogfør", key="bogfoer")
        >> bib.user("Overvåg", key="overvaag") >> bib.end("Slut", key="e"))
'''


def test_cross_theme_summary_lists_takeovers_stops_and_new_steps(model_file, tmp_path):
    pairs, _ = load_pairs([str(model_file(SUMMARY_PAIR))])
    diffs = [compare(*pair) for pair in pairs]
    summary = cross_theme_summary(diffs)
    assert [s.label for s in summary.finance_takes_over] == ["Afstem", "Bogfør"]  # moved and new
    assert sorted(s.label for s in summary.library_stops) == ["Afstem", "Tæl"]
    assert {d: [s.label for s in steps] for d, steps in summary.new_by_dept.items()} == {
        "Biblioteket": ["Overvåg"], "Debitor/økonomi": ["Bogfør"]}
    md, js = write_summary(diffs, tmp_path)
    document = json.loads(js.read_text(encoding="utf-8"))
    assert [s["label"] for s in document["finance_takes_over"]] == ["Afstem", "Bogfør"]
    theme = document["themes"][0]
    # Afstem, Bogfør (both in the finance lane) → Overvåg (library): one hand-off between departments;
    # before: user → manual task, both in the library
    assert theme["handoffs_after"] == "bibliotek↔økonomi 1 · person↔system 0"
    assert theme["handoffs_before"] == "bibliotek↔økonomi 0 · person↔system 0"
    assert (theme["staff_before"], theme["staff_after"]) == ("2", "2")
    assert "## Trin som Debitor/økonomi overtager (2)" in md.read_text(encoding="utf-8")
