"""The simulation: it agrees with the exact workload, is seeded, and keeps working hours."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from oir_bpmn.cli import main
from oir_bpmn.consequences.figures import variant_figures
from oir_bpmn.consequences.simulate import START, simulate, simulation_dict
from oir_bpmn.consequences.workhours import DAY, WorkCalendar

MIXED = '''
@process("Blandet", variant="future", key="blandet", per_year=2000)
def blandet(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor", dept="finance")
    laaner = p.lane("Låner", dept="external")
    ok = bib.decide("I orden?", key="ok")
    tjek = bib.user("Tjek", key="tjek", effort=minutes(3, 9))
    slut = bib.end("Slut")
    bib.start("Start") >> bib.user("Modtag", key="modtag", effort=minutes(4)) >> tjek >> ok
    ok.when("Nej", share=0.3) >> bib.manual("Ret", key="ret", effort=minutes(10)) >> tjek
    (ok.otherwise("Ja") >> bib.user("Afslut", key="afslut", effort=minutes(2))
        >> [deb.user("Bogfør", key="bogfoer", effort=minutes(5, 7)), bib.send("Kvittering", key="kvit", effort=minutes(2))]
        >> laaner.user("Læser kvitteringen", key="laes", effort=minutes(1)) >> slut)
'''


def test_simulated_hours_agree_with_the_exact_workload_within_3_percent(compile_model):
    G = compile_model(MIXED)
    exact = variant_figures(G).hours_per_case
    result = simulate([G], {"library": 1.0, "finance": 0.5}, cases=10_000, seed=7)
    (run,) = result.processes
    assert run.cases == 10_000
    for dept in ("library", "finance"):
        assert run.hours_per_case(dept) == pytest.approx(exact[dept][1], rel=0.03), dept


def test_the_same_seed_gives_the_same_figures_and_another_seed_others(compile_model):
    G = compile_model(MIXED)
    first = simulation_dict(simulate([G], {"library": 0.2}, cases=500, seed=3))
    assert simulation_dict(simulate([G], {"library": 0.2}, cases=500, seed=3)) == first
    assert simulation_dict(simulate([G], {"library": 0.2}, cases=500, seed=4)) != first


def test_too_few_staff_make_cases_queue(compile_model):
    G = compile_model(MIXED)
    ample = simulate([G], {"library": 3.0, "finance": 3.0}, years=0.5, seed=1)
    short = simulate([G], {"library": 0.15, "finance": 3.0}, years=0.5, seed=1)
    assert short.processes[0].p90_days > 2 * ample.processes[0].p90_days
    assert short.utilisation["library"] > 0.9 > ample.utilisation["library"]
    assert ample.utilisation["coordination"] is None  # no [staff] given: never queues, no utilisation


def test_work_waits_for_working_hours_weekends_and_holidays():
    cal = WorkCalendar(date(2027, 3, 24))  # Wednesday before Easter 2027
    at_15 = 15 * 60
    # an hour of work begun on Wednesday at 15:00: 24 minutes until closing, the other 36 on Tuesday
    # 30 March (Maundy Thursday, Good Friday, the weekend and Easter Monday are off)
    assert divmod(cal.add_working(at_15, 60), DAY) == (6, 8 * 60 + 36)
    assert cal.add_workdays(at_15, 2) == 7 * DAY + at_15  # Tuesday, Wednesday
    assert cal.working_minutes(0, 8 * DAY) == 3 * 444  # Wednesday 24, Tuesday 30, Wednesday 31


def test_a_wait_in_workdays_skips_the_weekend(compile_model):
    G = compile_model('''
@process("Vent", variant="future", key="vent", per_year=52)
def vent(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Hver fredag", every=weeks(1)) >> bib.wait(workdays(3), "Behandling") >> bib.end("Slut")
''')
    (run,) = simulate([G], {}, cases=3, seed=1).processes
    # a timer start runs at once and then every 7 days: Mondays from 4 January 2027; 3 working days later is Thursday
    assert START.weekday() == 0 and run.lead_days == pytest.approx([3.0, 3.0, 3.0])


def test_the_simulate_command_reports_both_variants(model_file, tmp_path):
    path = model_file(MIXED)
    profile = tmp_path / "kommune.toml"
    profile.write_text('name = "Testkommune"\n\n[staff]\nlibrary = 1.5\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["simulate", str(path), "--profile", str(profile), "--cases", "300", "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output[result.output.index("{"):])
    (run,) = document["variants"]["future"]["processes"]
    assert run["cases"] == 300 and 0 < run["p50_days"] <= run["p90_days"]
    assert document["variants"]["current"]["processes"] == []
    table = CliRunner().invoke(main, ["simulate", str(path), "--cases", "300"]).output
    assert "Gennemløbstid p90" in table and "Blandet" in table
