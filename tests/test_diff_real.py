"""The diff on BPMN files as other tools and Camunda Modeler save them (issue 26).

``tests/data/diff/base.bpmn`` is the "before" side; each ``*_after.bpmn`` is that file with one
edit (its first comment says which). Every test reads the files with the real reader and checks
what the diff says about the edit, and that it says nothing else."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from oir_bpmn.bpmn import bpmn_bytes, read_bpmn
from oir_bpmn.cli import main
from oir_bpmn.diff import compare, format_report, load_pairs
from oir_bpmn.diff.diagram import diff_view
from oir_bpmn.diff.headline import headline

from test_diff import PAIR
from test_diff_differ import DIFFER_TYPES, covered, differ_reports, node_differ  # noqa: F401 (a fixture)

DATA = Path(__file__).parent / "data" / "diff"
BASE = DATA / "base.bpmn"
MESSAGE_MODEL = '''
@process("Faktura", variant="{variant}", key="faktura")
def faktura_{variant}(p):
    bib = p.pool("Biblioteket").lane("Skranke", dept="library")
    deb = p.pool("Debitor").lane("Debitor", dept="finance")
    send = bib.send("Send faktura", key="send")
    modtag = deb.start("Faktura modtaget", event="message", key="modtag")
    bib.start("Lån afsluttet", key="start") >> send >> bib.end("Sendt", key="sendt")
    modtag >> deb.user("Bogfør", key="bogfoer") >> deb.end("Bogført", key="bogfoert")
    p.message(send, modtag, "{label}")
'''


def diff_of(after: str, before: Path = BASE):
    return compare(read_bpmn(before), read_bpmn(DATA / after))


def flows(diff) -> set[tuple]:
    return {(f.cls, f.source, f.target_before, f.target_after, f.guard_before, f.guard_after) for f in diff.flows}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# ---------------------------------------------------------------- 1. message flows

def test_message_flows_added_removed_relabelled_and_rewired():
    diff = diff_of("message_after.bpmn")
    assert diff.changes == []
    assert flows(diff) == {
        ("message_relabelled", "Send til betaling", "Faktura modtaget", "Faktura modtaget", "Faktura", "Faktura som PDF"),
        ("message_removed", "Bogfør faktura", "Biblioteket", None, "Kvittering", ""),
        ("message_rewired", "Send retur", "Bogfør faktura", "Faktura modtaget", "Besked om retur", "Besked om retur"),
        ("message_added", "Bogfør faktura", None, "Tjek faktura", "", "Rykker"),
    }
    assert "Beskeder: 1 ny, 1 fjernet, 1 omdøbt, 1 omkoblet." in headline(diff)


def test_a_message_flow_deleted_in_camunda_modeler_is_a_difference(model_file, tmp_path):
    model = model_file(MESSAGE_MODEL.format(variant="current", label="Faktura")
                       + MESSAGE_MODEL.format(variant="future", label="Faktura"))
    (current, future), = load_pairs([str(model)])[0]
    root = etree.fromstring(bpmn_bytes(future))
    flow, = root.iter("{*}messageFlow")
    edge, = root.xpath(f"//*[@bpmnElement='{flow.get('id')}']")
    flow.getparent().remove(flow)
    edge.getparent().remove(edge)
    edited = tmp_path / "faktura_future.bpmn"
    edited.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    out = run("diff", model, edited, "--format", "json")
    assert out.exit_code == 1, out.output
    process, = json.loads(out.stdout)["processes"]
    assert [(f["class"], f["source"], f["target_before"]) for f in process["flows"]] == [
        ("message_removed", "Send faktura", "Faktura modtaget")]
    assert "Ingen forskelle." not in process["summary"]


# ---------------------------------------------------------------- 2. parallel sequence flows

def test_a_second_flow_beside_another_is_an_added_flow_not_a_changed_condition():
    diff = diff_of("parallel_after.bpmn")
    assert diff.changes == []
    assert flows(diff) == {("flow_added", "Er fakturaen i orden?", None, "Send retur", "", "Mangler bilag")}


def test_the_reader_keeps_parallel_flows_and_the_model_graph_stays_a_digraph():
    G = read_bpmn(DATA / "parallel_after.bpmn")
    assert type(G).__name__ == "DiGraph"
    assert G.edges["Gateway_0ok", "Activity_0retur"]["id"] == "Flow_04"  # the first flow drawn keeps the edge
    assert [(f["id"], f["source"], f["target"], f["label"]) for f in G.graph["parallel_flows"]] == [
        ("Flow_0x9beside", "Gateway_0ok", "Activity_0retur", "Mangler bilag")]


# ---------------------------------------------------------------- 3. pairing within a pool

def test_same_named_start_events_pair_within_their_pools_even_when_ids_are_swapped():
    before, after = read_bpmn(BASE), read_bpmn(DATA / "pools_after.bpmn")
    diff = compare(before, after)
    assert not diff.differs, format_report([diff], "markdown")
    assert diff.pairs["Event_0start"] == "Event_1start" and diff.pairs["Event_1start"] == "Event_0start"


# ---------------------------------------------------------------- 4. unnamed nodes and lanes

def test_unnamed_nodes_pair_by_kind_and_place_in_the_flow():
    diff = diff_of("unnamed_after.bpmn")
    assert not diff.differs, format_report([diff], "markdown")
    assert {diff.pairs[n] for n in ("Event_0slut1", "Event_0slut2", "Event_1slut1", "Event_1slut2", "Gateway_1vent")} \
        == {"Event_9c", "Event_9d", "Event_9a", "Event_9b", "Gateway_9vent"}
    assert (diff.pairs["Event_1slut1"], diff.pairs["Event_1slut2"]) == ("Event_9a", "Event_9b")


def test_unnamed_lanes_and_pools_get_readable_names_never_raw_ids(tmp_path):
    G = read_bpmn(BASE)
    assert sorted(lane["name"] for lane in G.graph["lanes"].values()) == ["Biblioteket · bane 2", "Skranke"]
    text = BASE.read_text(encoding="utf-8").replace(' name="Debitor"', "")
    (tmp_path / "no_pool_name.bpmn").write_text(text, encoding="utf-8")
    assert [p["name"] for p in read_bpmn(tmp_path / "no_pool_name.bpmn").graph["pools"]] == ["Biblioteket", "Pool 2"]
    report = format_report([compare(G, read_bpmn(DATA / "unnamed_after.bpmn"))], "markdown")
    assert "Lane_" not in report


# ---------------------------------------------------------------- 5. kind changes

def test_a_gateway_that_changed_kind_is_one_change_without_false_removed_flows():
    diff = diff_of("kind_after.bpmn")
    assert sorted((c.cls, c.before.kind, c.after.kind) for c in diff.changes) == [
        ("kind_changed", "parallelGateway", "exclusiveGateway"), ("kind_changed", "userTask", "serviceTask")]
    assert diff.flows == []
    report = format_report([diff], "markdown")
    assert "| Ændret type | (beslutning) | parallelle veje | beslutning |" in report
    assert "Fjernet" not in report and "nyt" not in report
    back = compare(read_bpmn(DATA / "kind_after.bpmn"), read_bpmn(BASE))  # and the other way round
    assert sorted((c.cls, c.before.kind, c.after.kind) for c in back.changes) == [
        ("kind_changed", "exclusiveGateway", "parallelGateway"), ("kind_changed", "serviceTask", "userTask")]
    assert back.flows == []


# ---------------------------------------------------------------- 6. case-only renames

def test_a_case_only_rename_is_a_rename():
    diff = diff_of("case_after.bpmn")
    assert [(c.cls, c.before.label, c.after.label) for c in diff.changes] == [
        ("relabelled", "Arkivér original", "Arkivér Original")]
    assert diff.flows == []


# ---------------------------------------------------------------- 7. an inserted step

def test_an_inserted_step_is_listed_with_its_two_new_flows_and_the_removed_one():
    diff = diff_of("insert_after.bpmn")
    assert [(c.cls, c.label) for c in diff.changes] == [("added", "Scan faktura")]
    assert {(f.cls, f.source, f.target_before or f.target_after, f.inserted) for f in diff.flows} == {
        ("flow_removed", "Tjek faktura", "Er fakturaen i orden?", "Scan faktura"),
        ("flow_added", "Tjek faktura", "Scan faktura", "Scan faktura"),
        ("flow_added", "Scan faktura", "Er fakturaen i orden?", "Scan faktura"),
    }
    assert "Indsat: Scan faktura mellem Tjek faktura og Er fakturaen i orden?." in headline(diff)


def test_a_step_taken_out_of_a_flow_is_the_insertion_backwards():
    diff = compare(read_bpmn(DATA / "insert_after.bpmn"), read_bpmn(BASE))
    assert [(c.cls, c.label) for c in diff.changes] == [("removed", "Scan faktura")]
    assert sorted(f.cls for f in diff.flows) == ["flow_added", "flow_removed", "flow_removed"]
    assert "Udtaget: Scan faktura mellem Tjek faktura og Er fakturaen i orden?." in headline(diff)


# ---------------------------------------------------------------- 8. duplicate ids

def test_duplicate_ids_are_read_as_camunda_modeler_reads_them_with_one_warning_naming_all():
    G = read_bpmn(DATA / "duplicates.bpmn")
    warning, = G.graph["warnings"]
    assert "\n" not in warning and "(3 ids)" in warning
    assert all(f"'{i}'" in warning for i in ("Activity_0arkiv", "Flow_10", "Lane_0skranke"))
    assert G.nodes["Activity_0arkiv"]["label"] == "Arkivér original"  # the first copy is kept
    assert G.has_edge("Gateway_0join", "Event_0slut1") and not G.has_edge("Activity_0noter", "Event_0slut2")
    assert [lane["name"] for lane in G.graph["lanes"].values()] == ["Skranke", "Biblioteket · bane 2"]
    out = run("diff", BASE, DATA / "duplicates.bpmn")
    assert out.exit_code == 0, out.output  # the same process once the copies are dropped
    assert "warning:" in out.stderr and "'Flow_10'" in out.stderr


# ---------------------------------------------------------------- 9. -o writes what build writes

def test_diff_output_folder_without_format_writes_what_build_writes_for_a_diff(model_file, tmp_path):
    model = model_file(PAIR, "tema5_afstemning.py")
    assert run("build", model, "-o", tmp_path / "built").exit_code == 0
    out = run("diff", model, "-o", tmp_path / "diffed")
    assert out.exit_code == 1, out.output
    built = sorted(p.name for p in (tmp_path / "built" / "diff").iterdir())
    assert "oversigt.xlsx" in built
    assert sorted(p.name for p in (tmp_path / "diffed").iterdir()) == built


# ---------------------------------------------------------------- 10. labels follow the variants compared

def test_an_edited_current_bpmn_is_labelled_as_current_everywhere(model_file, tmp_path):
    model = model_file(PAIR, "tema5_afstemning.py")
    (current, _), = load_pairs([str(model)])[0]
    edited = tmp_path / "tema5_current_edited.bpmn"
    edited.write_bytes(bpmn_bytes(current).replace(b'name="Ret fejl"', b'name="Ret fejlen"'))
    out = run("diff", model, edited, "--format", "markdown")
    assert out.exit_code == 1, out.output
    text = out.stdout.lower()
    assert "fremtidig" not in text and "fremover" not in text, out.stdout
    assert "åbne punkter: nuværende (før):" in text and "nuværende (efter):" in text
    routes = [line.split("|")[1].strip() for line in out.stdout.splitlines()
              if line.startswith("|") and ("| Afstem" in line or "Stemmer" in line)]
    assert routes and set(routes) <= {"I dag (før)", "I dag (efter)"}


# ---------------------------------------------------------------- anchor: bpmn-js-differ

SAME_IDS = ("message_after.bpmn", "parallel_after.bpmn", "kind_after.bpmn", "case_after.bpmn", "insert_after.bpmn")
"""The edits that keep every other id: bpmn-js-differ (it pairs by id) sees exactly the edit."""


def test_every_change_bpmn_js_differ_sees_in_the_corpus_is_in_our_diff(node_differ):
    reports = differ_reports(node_differ, BASE, {name: DATA / name for name in SAME_IDS})
    old = read_bpmn(BASE)
    types = DIFFER_TYPES | {"MessageFlow", "SendTask", "ParallelGateway", "EventBasedGateway"}
    for name, report in reports.items():
        new = read_bpmn(DATA / name)
        diff = compare(old, new)
        flow_ids = {f.before.edge for f in diff.flows if f.before} | {f.after.edge for f in diff.flows if f.after}
        items = [i for key in ("added", "removed", "changed") for i in report[key]
                 if (i["type"] or "").removeprefix("bpmn:") in types]
        assert items, name
        missing = [i for i in items if i["id"] not in flow_ids and not covered(i, diff, old, new)]
        assert not missing, f"{name}: bpmn-js-differ reports {missing}, our diff does not"


def test_the_diff_picture_of_an_edited_current_bpmn_is_titled_by_the_variants_compared(model_file, tmp_path):
    model = model_file(PAIR, "tema5_afstemning.py")
    (current, _), = load_pairs([str(model)])[0]
    edited = tmp_path / "tema5_current_edited.bpmn"
    edited.write_bytes(bpmn_bytes(current).replace(b'name="Ret fejl"', b'name="Ret fejlen"'))
    union, _ = diff_view(current, read_bpmn(edited), compare(current, read_bpmn(edited)))
    assert union.graph["title"].endswith(": nuværende (før) → nuværende (efter)")


def test_the_diff_picture_draws_removed_and_rewired_message_flows_as_removed():
    before, after = read_bpmn(BASE), read_bpmn(DATA / "message_after.bpmn")
    union, status = diff_view(before, after, compare(before, after))
    drawn = {d["id"]: (u, v, d["flow"]) for u, v, d in union.edges(data=True)}
    assert drawn["Flow_0m3retur_2"] == ("Activity_0retur", "Activity_1bogf", "message")  # its old end
    assert status["Flow_0m3retur_2"] == "removed"
    assert status["Flow_1q8rykker"] == status["Flow_0m1faktura"] == "changed"


def test_a_lane_listing_a_dropped_copy_in_another_pool_is_read(tmp_path):
    text = (DATA / "duplicates.bpmn").read_text(encoding="utf-8")
    text = text.replace('<bpmn:process id="Process_1deb" isExecutable="false">',
                        '<bpmn:process id="Process_1deb" isExecutable="false">\n'
                        '    <bpmn:laneSet id="LaneSet_1deb"><bpmn:lane id="Lane_1deb" name="Bogholderi">'
                        '<bpmn:flowNodeRef>Activity_0arkiv</bpmn:flowNodeRef>'
                        '<bpmn:flowNodeRef>Activity_1bogf</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>\n'
                        '    <bpmn:userTask id="Activity_0arkiv" name="Arkivér bilag" />')
    path = tmp_path / "copy_in_other_pool.bpmn"
    path.write_text(text, encoding="utf-8")
    G = read_bpmn(path)
    assert G.nodes["Activity_0arkiv"]["pool"] == "Participant_0bib" and G.nodes["Activity_1bogf"]["lane"] == "Lane_1deb"
    assert "'Activity_0arkiv' (line 40, again on 44, 62)" in G.graph["warnings"][0]
