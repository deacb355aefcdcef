"""Workload: hours a year from efforts, shares and volumes, checked against hand computation,
the BPMN round trip of those figures, and the ``oir-bpmn workload`` command."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from lxml import etree

from oir_bpmn.bpmn import bpmn_bytes, read_bpmn
from oir_bpmn.cli import main
from oir_bpmn.consequences.figures import variant_figures
from oir_bpmn.consequences.workload import workload, workload_dict
from oir_bpmn.load import compile_all
from oir_bpmn.problems import DSLError

THREE_STEPS = '''
@process("Tre trin", variant="future", key="tre", per_year=1000)
def tre(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor/økonomi", dept="finance")
    valg = bib.decide("Betaler låneren?", key="valg")
    slut = bib.end("Slut", key="slut")
    bib.start("Start", key="start") >> bib.user("Slå op", key="slaa_op", effort=minutes(6)) >> valg
    valg.when("Ja", share=0.5) >> deb.user("Udlign", key="udlign", effort=minutes(6)) >> slut
    valg.otherwise("Nej") >> bib.send("Send brev", key="brev", effort=minutes(6)) >> slut
'''


def by_hand() -> dict[str, float]:
    """1000 cases; each: 'Slå op' (library, 6 min) once, then half 'Udlign' (finance, 6 min),
    half 'Send brev' (library, 6 min)."""
    cases, minutes = 1000, 6
    library = cases * (1 * minutes + 0.5 * minutes) / 60
    finance = cases * (0.5 * minutes) / 60
    return {"library": library, "finance": finance, "coordination": 0.0}


def test_the_workload_command_prints_the_hours_a_person_computes(model_file):
    path = model_file(THREE_STEPS)
    result = CliRunner().invoke(main, ["workload", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document) == {"municipality", "fte_hours", "processes", "departments"}
    (process,) = document["processes"]
    assert set(process) == {"key", "variant", "cases_per_year", "hours", "hours_low", "hours_high"}
    assert process["cases_per_year"] == 1000
    assert process["hours"] == pytest.approx(by_hand()) == process["hours_low"] == process["hours_high"]
    assert document["departments"]["library"] == {"current": 0, "future": pytest.approx(by_hand()["library"])}
    assert document["fte_hours"] == 1924
    table = CliRunner().invoke(main, ["workload", str(path)]).output
    assert "150" in table and "1 årsværk = 1.924 timer (37 timer × 52 uger)" in table


def test_effort_ranges_give_low_and_high_and_the_mean_in_between(compile_model):
    G = compile_model(THREE_STEPS.replace('key="slaa_op", effort=minutes(6)', 'key="slaa_op", effort=minutes(2, 10)'))
    (p,) = workload_dict(workload([G]))["processes"]
    assert p["hours_low"]["library"] == pytest.approx(1000 * (2 + 3) / 60)
    assert p["hours_high"]["library"] == pytest.approx(1000 * (10 + 3) / 60)
    assert p["hours"]["library"] == pytest.approx(1000 * (6 + 3) / 60)


def test_efforts_shares_and_volumes_survive_the_bpmn_round_trip(compile_model, tmp_path, bpmn_schema):
    G = compile_model(THREE_STEPS.replace('effort=minutes(6)) >> valg', 'effort=minutes(3, 8)) >> valg'))
    path = tmp_path / "tre.bpmn"
    path.write_bytes(bpmn_bytes(G))
    bpmn_schema.assertValid(etree.parse(str(path)))
    back = read_bpmn(path)
    assert back.nodes["Activity_slaa_op"]["effort"] == G.nodes["Activity_slaa_op"]["effort"]
    assert back.edges["Gateway_valg", "Activity_udlign"]["share"] == 0.5
    assert back.graph["per_year"] == 1000
    assert workload_dict(workload([back])) == workload_dict(workload([G]))


def test_a_one_off_shows_its_hours_but_stays_out_of_the_yearly_totals(compile_model):
    G = compile_model(THREE_STEPS.replace("per_year=1000", "once=True"))
    document = workload_dict(workload([G]))
    assert document["processes"][0]["cases_per_year"] is None
    assert document["processes"][0]["hours"]["library"] == pytest.approx((6 + 3) / 60)
    assert document["departments"]["library"]["future"] == 0


def test_the_profile_volume_overrides_the_model_and_an_unknown_key_is_named(model_file, tmp_path):
    path = model_file(THREE_STEPS)
    profile = tmp_path / "kommune.toml"
    profile.write_text('name = "Testkommune"\nfte_hours = 1600\n\n[volumes]\ntre = 2000\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["workload", str(path), "--profile", str(profile), "-f", "json"])
    document = json.loads(result.output[result.output.index("{"):])
    assert document["municipality"] == "Testkommune" and document["fte_hours"] == 1600
    assert document["processes"][0]["hours"]["library"] == pytest.approx(2 * by_hand()["library"])
    profile.write_text('name = "Testkommune"\n\n[volumes]\ntre = 2000\ntrre = 5\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["workload", str(path.parent), "--profile", str(profile)])  # the model set
    assert result.exit_code == 1
    assert f"{profile}:5: [volumes] trre: no process has the key 'trre' – did you mean 'tre'?" in result.output
    # one file of a model set has only some of the processes the profile names: not checked
    assert CliRunner().invoke(main, ["workload", str(path), "--profile", str(profile)]).exit_code == 0


@pytest.mark.parametrize("old, new, message, line", [
    ("effort=minutes(6)) >> valg", "effort=days(1)) >> valg", "effort= must be minutes(…) or hours(…)", 10),
    ("per_year=1000", "per_year=-5", "per_year= must be a number of cases of at least 0", 4),
    ("effort=minutes(6)) >> valg", "effort=minutes(-6)) >> valg", "minutes(-6)", 10),
])
def test_bad_figures_in_a_model_name_their_line(model_file, old, new, message, line):
    with pytest.raises(DSLError) as err:
        compile_all([model_file(THREE_STEPS.replace(old, new))], isolate=False)
    problem = err.value.problems[0]
    assert message in problem.message and problem.line == line, problem


def test_a_wait_in_working_days_survives_the_bpmn_round_trip(compile_model, tmp_path):
    G = compile_model(THREE_STEPS.replace('>> slut\n    valg.otherwise', '>> bib.wait(workdays(2, 3), "Behandling", key="beh") >> slut\n    valg.otherwise', 1))
    path = tmp_path / "tre.bpmn"
    path.write_bytes(bpmn_bytes(G))
    back = read_bpmn(path).nodes["Event_beh"]
    assert back["duration"] == G.nodes["Event_beh"]["duration"] and back["duration"].workdays
    assert back["label"] == "Behandling"
