"""Flow changes (added, removed, rewired, changed conditions) and what the report counts as a step."""
from __future__ import annotations

import json

from click.testing import CliRunner

from oir_bpmn.cli import main
from oir_bpmn.diff import compare, load_pairs
from oir_bpmn.diff.headline import headline

BASE = '''
@process("Rykker", variant="{variant}", theme=3, key="rykker")
def rykker_{variant}(p):
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitor", dept="finance")
    betalt = bib.decide("Er der betalt?", key="betalt")
    (bib.start("Frist overskredet", key="start") >> bib.user("Slå op", key="slaa_op")
        {middle} >> betalt)
    betalt.when("{yes}") >> bib.user("Luk sagen", key="luk") >> bib.end("Lukket", key="lukket")
    betalt.otherwise("{no}") >> deb.user("Send rykker", key="ryk") >> bib.end("Rykket", key="rykket")
'''


def pair_of(model_file, current: dict, future: dict):
    text = BASE.format(variant="current", **current) + BASE.format(variant="future", **future)
    (pair,), _ = load_pairs([str(model_file(text))])
    return compare(*pair)


PLAIN = {"middle": "", "yes": "Ja", "no": "Nej"}


def test_swapped_branch_targets_are_rewired(model_file):
    diff = pair_of(model_file, PLAIN, {"middle": "", "yes": "Nej", "no": "Ja"})
    assert diff.differs and diff.changes == []
    assert sorted((f.cls, f.source, f.guard_before, f.target_before, f.target_after) for f in diff.flows) == [
        ("flow_rewired", "Er der betalt?", "Ja", "Luk sagen", "Send rykker"),
        ("flow_rewired", "Er der betalt?", "Nej", "Send rykker", "Luk sagen"),
    ]


def test_changed_condition_on_the_same_target(model_file):
    diff = pair_of(model_file, PLAIN, {"middle": "", "yes": "Ja, hele beløbet", "no": "Nej"})
    (flow,) = diff.flows
    assert (flow.cls, flow.target_after, flow.guard_before, flow.guard_after) == (
        "condition_changed", "Luk sagen", "Ja", "Ja, hele beløbet")


def test_flow_reconnected_after_a_deleted_step(model_file):
    current = {"middle": '>> bib.manual("Ring til låneren", key="ring")', "yes": "Ja", "no": "Nej"}
    diff = pair_of(model_file, current, PLAIN)
    assert [(c.cls, c.key) for c in diff.changes] == [("removed", "ring")]
    assert [(f.cls, f.source, f.target_before or f.target_after, f.taken_out) for f in diff.flows] == [
        ("flow_added", "Slå op", "Er der betalt?", "Ring til låneren"),  # the step taken out of the flow,
        ("flow_removed", "Slå op", "Ring til låneren", "Ring til låneren"),  # listed with its flows
        ("flow_removed", "Ring til låneren", "Er der betalt?", "Ring til låneren")]


def test_no_flow_change_between_identical_variants(model_file):
    diff = pair_of(model_file, PLAIN, PLAIN)
    assert not diff.differs and diff.flows == []


def test_cli_reports_a_swap_exit_1_and_in_json(model_file):
    text = BASE.format(variant="current", **PLAIN) + BASE.format(variant="future", middle="", yes="Nej", no="Ja")
    path = model_file(text)
    out = CliRunner().invoke(main, ["diff", str(path), "--format", "json"])
    assert out.exit_code == 1
    process, = json.loads(out.stdout)["processes"]
    assert {f["class"] for f in process["flows"]} == {"flow_rewired"}
    assert "Forbindelser: 2 omkoblede." in process["summary"]
    table = CliRunner().invoke(main, ["diff", str(path)]).stdout
    assert "Omkoblet" in table and "Ingen forskelle" not in table


def test_events_and_gateways_are_not_counted_as_steps(model_file):
    future = dict(PLAIN, middle='>> bib.wait(days(2), "Afventer", key="vent") >> bib.user("Tjek igen", key="tjek")')
    text = BASE.format(variant="current", **PLAIN) + BASE.format(variant="future", **future)
    (pair,), _ = load_pairs([str(model_file(text))])
    diff = compare(*pair)
    assert [(c.cls, c.key) for c in diff.changes] == [("added", "tjek"), ("wait_added", "vent")]
    rows = {d.dept: (d.before, d.after) for d in diff.departments}
    assert rows == {"library": (2, 3), "finance": (1, 1)}  # tasks only: no events, no decision
    lines = headline(diff)
    assert "1 trin er nyt." in lines and "Ventetider: ny ventetid 2 dage." in lines


def test_moved_events_are_counted_apart_from_steps(model_file):
    current = BASE.format(variant="current", **PLAIN)
    future = BASE.format(variant="future", **PLAIN).replace('bib.end("Rykket"', 'deb.end("Rykket"').replace(
        'bib.decide(', 'deb.decide(')
    (pair,), _ = load_pairs([str(model_file(current + future))])
    diff = compare(*pair)
    assert headline(diff)[0] == ("1 hændelse og 1 beslutningspunkt flyttes fra Biblioteket til Debitor/økonomi.")
    assert all(d.moved_in == 0 for d in diff.departments)


def test_a_move_between_lanes_of_one_department_has_its_own_line(model_file):
    future = BASE.format(variant="future", **PLAIN).replace(
        'bib.user("Luk sagen"', 'p.lane("Skranken", dept="library").user("Luk sagen"')
    (pair,), _ = load_pairs([str(model_file(BASE.format(variant="current", **PLAIN) + future))])
    diff = compare(*pair)
    assert [(c.cls, c.key) for c in diff.changes] == [("moved", "luk")]
    assert headline(diff) == ["1 trin skifter bane i samme afdeling."]


def test_a_new_timer_start_is_an_event_not_a_wait(model_file):
    future = BASE.format(variant="future", **PLAIN).replace(
        '    betalt.when', '    bib.start("Hver morgen", key="morgen", every=days(1)) >> bib.user("Tjek", key="tjek")'
                           ' >> bib.end("Tjekket", key="tjekket")\n    betalt.when', 1)
    (pair,), _ = load_pairs([str(model_file(BASE.format(variant="current", **PLAIN) + future))])
    diff = compare(*pair)
    assert sorted((c.cls, c.key) for c in diff.changes) == [
        ("added", "tjek"), ("event_added", "morgen"), ("event_added", "tjekket")]
    assert "Hændelser: 2 nye." in headline(diff) and not any("Ventetid" in line for line in headline(diff))
