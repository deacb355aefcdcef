"""The one definition of staff work, pinned on small models against figures computed by hand."""
from __future__ import annotations

import time

import pytest

from oir_bpmn.consequences.figures import variant_figures
from oir_bpmn.consequences.routes import list_routes
from oir_bpmn.load import build_graph, compile_all, load_file
from oir_bpmn.problems import DSLError
from oir_bpmn.validate import validate

LOOP = '''
@process("Løkke", variant="future", key="loekke", per_year=100)
def loekke(p):
    bib = p.lane("Biblioteket", dept="library")
    ok = bib.decide("I orden?", key="ok")
    tjek = bib.user("Tjek", key="tjek")
    bib.start("Start") >> tjek >> ok
    ok.when("Ja", share=0.8) >> bib.end("Slut")
    ok.otherwise("Nej") >> bib.user("Ret", key="ret") >> tjek
'''


def test_a_loop_repeats_by_the_share_of_its_back_flow(compile_model):
    f = variant_figures(compile_model(LOOP))
    # Tjek is done 1 + 0.2 + 0.2² + … = 1 / (1 − 0.2) times, Ret 0.2 times as often
    assert f.visits["Activity_tjek"] == pytest.approx(1 / 0.8)
    assert f.visits["Activity_ret"] == pytest.approx(0.2 / 0.8)
    assert f.staff_per_case == pytest.approx({"library": 1.5})
    assert f.staff_tasks == {"library": 2}  # two tasks in the model, one and a half done per case
    assert f.cases_per_year == 100 and f.even == []


def test_a_loop_without_a_share_goes_round_half_the_time_and_says_so(compile_model):
    f = variant_figures(compile_model(LOOP.replace(', share=0.8', '')))
    assert f.visits["Activity_tjek"] == pytest.approx(2.0)  # 1 / (1 − 0.5)
    assert f.even == ["I orden?"]


PARALLEL = '''
@process("Parallel", variant="future", key="parallel")
def parallel(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor", dept="finance")
    fbs = p.lane("FBS", dept="system")
    (bib.start("Start") >> bib.user("Modtag", key="modtag")
        >> [deb.user("Bogfør", key="bogfoer"), bib.send("Send kvittering", key="kvit"), fbs.service("Log", key="log")]
        >> bib.user("Luk sagen", key="luk") >> bib.end("Slut"))
'''


def test_parallel_branches_are_each_taken_once_and_a_send_task_is_staff_work(compile_model):
    f = variant_figures(compile_model(PARALLEL))
    # library: Modtag, Send kvittering, Luk sagen (after the join: once); finance: Bogfør; the service task is no one's
    assert f.staff_per_case == pytest.approx({"library": 3.0, "finance": 1.0})
    assert f.visits["Activity_luk"] == pytest.approx(1.0)
    # hand-offs: Modtag → Bogfør and Bogfør → Luk between departments; Modtag → Log, Log → Luk person ↔ system
    assert f.handoffs == pytest.approx({"library_finance": 2.0, "departments": 0.0, "person_system": 2.0, "others": 0.0})


RACE = '''
@process("Kapløb", variant="future", key="kaploeb")
def kaploeb(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor", dept="finance")
    race = bib.race("Hvad sker først?", key="race")
    slut = bib.end("Slut")
    bib.start("Start") >> bib.send("Send rykker", key="rykker") >> race
    race.when("Betalt", share=0.6) >> deb.wait_message("Betaling modtaget", key="betalt") >> deb.user("Udlign", key="udlign") >> slut
    race.when("Frist") >> bib.wait(days(14), "Frist", key="frist") >> bib.user("Ring", key="ring") >> slut
'''


def test_a_race_splits_by_its_shares_and_the_unshared_branch_takes_the_rest(compile_model):
    f = variant_figures(compile_model(RACE))
    assert f.staff_per_case == pytest.approx({"library": 1.4, "finance": 0.6})  # 1 + 0.4 and 0.6
    assert f.lead == (0.0, 14.0)


UNSHARED = '''
@process("Valg", variant="future", key="valg")
def valg(p):
    bib = p.lane("Biblioteket", dept="library")
    laaner = p.lane("Låner", dept="external")
    v = bib.decide("Hvordan?", key="hvordan")
    slut = bib.end("Slut")
    bib.start("Start") >> v
    v.when("A") >> bib.user("A1", key="a1") >> bib.user("A2", key="a2") >> slut
    v.when("B") >> laaner.user("Låneren betaler", key="b1") >> slut
    v.otherwise("C") >> bib.manual("C1", key="c1") >> slut
'''


def test_a_decision_without_shares_splits_evenly_and_borrower_steps_are_not_staff_work(compile_model):
    f = variant_figures(compile_model(UNSHARED))
    assert f.staff_per_case == pytest.approx({"library": (2 + 0 + 1) / 3})
    assert f.others_per_case == pytest.approx(1 / 3)
    assert f.even == ["Hvordan?"]
    routes, truncated = list_routes(compile_model(UNSHARED))
    assert sorted(r.staff_steps for r in routes) == [0, 1, 2] and not truncated


def test_timer_starts_give_their_own_count_and_a_one_off_is_shown_as_such(compile_model):
    weekly = compile_model(PARALLEL.replace('bib.start("Start")', 'bib.start("Hver uge", every=weeks(1))'))
    f = variant_figures(weekly)
    assert f.cases_per_year == 52 and f.volume_from == "timer" and "hver uge" in f.rhythm
    once = variant_figures(compile_model(PARALLEL.replace('key="parallel")', 'key="parallel", once=True)')))
    assert once.once and once.cases_per_year is None and once.rhythm == "én gang"
    assert once.hours_per_year == {}  # no efforts: nothing to add up


def test_shares_adding_up_to_more_than_1_are_a_located_problem(raw_graph):
    G = raw_graph(RACE.replace('race.when("Frist")', 'race.when("Frist", share=0.5)'))
    problems = validate(G)
    assert any("add up to 1.1" in p.message and p.line == 8 for p in problems), problems


@pytest.mark.parametrize("bad", ["share=1.5", "share=-0.1", "share='halvdelen'"])
def test_a_share_out_of_range_names_its_line(model_file, bad):
    path = model_file(RACE.replace("share=0.6", bad))
    with pytest.raises(DSLError) as err:
        compile_all([path])
    problem = err.value.problems[0]
    assert problem.line == 11 and "share= must be a number from 0 to 1" in problem.message


def test_a_loop_that_never_ends_is_a_located_problem(compile_model):
    G = compile_model(LOOP.replace("share=0.8", "share=0"))
    with pytest.raises(DSLError) as err:
        variant_figures(G)
    assert "never ends" in err.value.problems[0].message


def test_totals_are_linear_while_the_listed_routes_are_bounded(model_file):
    # 40 decisions in a row: 2⁴⁰ routes; only a few are listed, the figures cover all of them
    lines = ['@process("Mange", variant="future", key="mange")', "def mange(p):",
             '    bib = p.lane("Biblioteket", dept="library")', '    step = bib.start("Start")']
    for i in range(40):
        lines += [f'    d = bib.decide("Valg {i}?", key="d{i}")', "    step >> d",
                  f'    j = bib.join(key="j{i}")',
                  f'    d.when("Ja", share=0.25) >> bib.user("Ja {i}", key="ja{i}") >> j',
                  f'    d.otherwise("Nej") >> bib.wait(days(1), "Vent {i}", key="w{i}") >> j', "    step = j"]
    lines.append('    step >> bib.end("Slut")')
    G = build_graph(load_file(model_file("\n".join(lines) + "\n"))[0])
    began = time.perf_counter()
    f = variant_figures(G)
    assert time.perf_counter() - began < 30  # (a failure here means enumeration: 2⁴⁰ routes)
    assert f.staff_per_case["library"] == pytest.approx(40 * 0.25)
    assert f.lead == (0.0, 40.0) and f.truncated and len(f.routes) <= 16  # (2⁴⁰ routes: none listed)
