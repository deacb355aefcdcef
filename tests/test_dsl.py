"""The DSL records every element kind and compiles it into the documented graph."""
from __future__ import annotations

import sys

import pytest

from oir_bpmn.load import compile_all, load_file
from oir_bpmn.problems import DSLError
from sample_models import ALL_KINDS, KEYED_JOIN



@pytest.fixture
def graph(compile_model):
    return compile_model(ALL_KINDS)


def node(G, key):
    return next(d for _, d in G.nodes(data=True) if d["key"] == key)


def test_process_attributes(graph):
    assert graph.graph["title"] == "Alle elementer"
    assert graph.graph["variant"] == "future"
    assert graph.graph["theme"] == 2
    assert graph.graph["key"] == "alle"
    assert [p["name"] for p in graph.graph["pools"]] == ["Alle elementer", "Systematic support"]
    assert [lane["name"] for lane in graph.graph["lanes"].values()] == ["Biblioteket", "FBS"]


@pytest.mark.parametrize("key, kind, event", [
    ("laaner_henvender_sig", "startEvent", None),
    ("slaa_laaner_op", "userTask", None),
    ("modtag_kontanter", "manualTask", None),
    ("registrer_betaling", "serviceTask", None),
    ("send_kvittering", "sendTask", None),
    ("modtag_svar", "receiveTask", None),
    ("koer_batch", "scriptTask", None),
    ("tjek_regel", "serviceTask", None),
    ("goer_noget", "task", None),
    ("afstem_kasse", "subProcess", None),
    ("overfoersel_til_fbs", "intermediateCatchEvent", "timer"),
    ("svar_fra_debitor", "intermediateCatchEvent", "message"),
    ("giv_besked", "intermediateThrowEvent", "message"),
    ("betalt", "exclusiveGateway", None),
    ("hvad_sker_foerst", "eventBasedGateway", None),
    ("opgivet", "endEvent", "terminate"),
    ("opdaget", "startEvent", "message"),
    ("hver_morgen", "startEvent", "timer"),
    ("fejl_modtaget", "startEvent", "message"),
    ("gensendt", "endEvent", "message"),
])
def test_every_element_kind(graph, key, kind, event):
    data = node(graph, key)
    assert (data["kind"], data["event"]) == (kind, event)
    assert data["file"].endswith(".py") and data["line"] > 0


def test_error_end_event(graph):
    assert next(d["event"] for _, d in graph.nodes(data=True) if d["label"] == "Fejl") == "error"


def test_timer_keeps_its_range(graph):
    wait = node(graph, "overfoersel_til_fbs")
    assert (wait["duration"].low, wait["duration"].high, wait["duration"].iso()) == (1, 3, "P3D")
    assert wait["duration"].danish() == "1–3 dage"
    assert node(graph, "fire_timer")["label"] == "4 timer"


def test_lanes_departments_and_pools(graph):
    assert node(graph, "registrer_betaling")["lane"] == "Lane_fbs"
    assert node(graph, "registrer_betaling")["dept"] == "system"
    assert node(graph, "gensend")["pool"] == "Participant_systematic_support"
    assert node(graph, "gensend")["lane"] is None
    assert node(graph, "gensend")["dept"] == "external"


def test_subprocess_children_have_parent(graph):
    assert node(graph, "tael_kontanter")["parent"] == "Activity_afstem_kasse"
    assert node(graph, "tael_kontanter")["lane"] is None


def test_notes_and_labels_keep_danish_letters(graph):
    assert node(graph, "slaa_laaner_op")["notes"] == ("Spørgsmål: hvem?",)
    assert node(graph, "registrer_betaling")["label"] == "Registrér betaling"


def test_branches_are_labelled_with_conditions_and_default(graph):
    yes = graph.edges["Gateway_betalt", "Event_faerdig"]
    no = graph.edges["Gateway_betalt", "Gateway_hvad_sker_foerst"]
    assert (yes["label"], yes["condition"], yes["default"]) == ("Ja", 'betalt == "Ja"', False)
    assert (no["label"], no["condition"], no["default"]) == ("Nej", None, True)


def test_message_flow_between_pools(graph):
    flow = graph.edges["Activity_kontakt", "Event_fejl_modtaget"]
    assert flow["flow"] == "message"
    assert flow["id"] == "MessageFlow_kontakt_fejl_modtaget"


def test_fan_out_and_fan_in_insert_gateways(compile_model):
    G = compile_model('''
    @process("Parallelt")
    def par(p):
        bib = p.lane("Biblioteket", dept="library")
        bib.start("Start") >> [bib.task("A"), bib.task("B")] >> bib.end("Slut")
    ''')
    assert G.nodes["Gateway_fork__start"]["kind"] == "parallelGateway"
    assert G.nodes["Gateway_join__slut"]["kind"] == "parallelGateway"
    assert set(G.successors("Gateway_fork__start")) == {"Activity_a", "Activity_b"}
    assert list(G.successors("Gateway_join__slut")) == ["Event_slut"]
    assert G.nodes["Gateway_fork__start"]["auto"] is True


def test_loop_back_inserts_exclusive_join(compile_model):
    G = compile_model('''
    @process("Løkke")
    def loop(p):
        bib = p.lane("Biblioteket", dept="library")
        tjek = bib.user("Tjek betaling")
        ok = bib.decide("Betalt?")
        bib.start("Start") >> tjek >> ok
        ok.when("Nej") >> bib.wait(days(1), "Vent en dag") >> tjek
        ok.when("Ja") >> bib.end("Slut")
    ''')
    join = G.nodes["Gateway_join__tjek_betaling"]
    assert join["kind"] == "exclusiveGateway"
    assert set(G.predecessors("Gateway_join__tjek_betaling")) == {"Event_start", "Event_vent_en_dag"}


def test_both_variants_in_one_file(model_file):
    path = model_file('''
    @process("Afstemning", variant="current", theme=5)
    def nu(p):
        bib = p.lane("Biblioteket", dept="library")
        bib.start("Dagen slutter") >> bib.manual("Afstem kasse", key="afstem") >> bib.end("Afstemt")

    @process("Afstemning", variant="future", theme=5)
    def fremtid(p):
        oek = p.lane("Økonomi", dept="finance")
        oek.start("Dagen slutter") >> oek.user("Afstem indbetalinger", key="afstem") >> oek.end("Afstemt")
    ''')
    compiled = compile_all([path])
    assert [c.definition.name for c in compiled] == ["afstemning_current", "afstemning_future"]
    assert compiled[1].graph.nodes["Activity_afstem"]["dept"] == "finance"


def test_profile_switches_steps(model_file):
    from oir_bpmn.profile import Profile
    path = model_file('''
    @process("SafePay")
    def safepay(p):
        bib = p.lane("Biblioteket", dept="library")
        flow = bib.start("Start")
        if p.profile.safepay_integrated:
            flow = flow >> bib.service("Betal med SafePay")
        flow >> bib.end("Slut")
    ''')
    with_safepay = compile_all([path], Profile(safepay_integrated=True))[0].graph
    without = compile_all([path], Profile(safepay_integrated=False))[0].graph
    assert "Activity_betal_med_safepay" in with_safepay
    assert "Activity_betal_med_safepay" not in without


@pytest.mark.parametrize("source, expected", [
    ('@process("X", variant="past")\ndef f(p): pass\n', "variant must be 'current' or 'future'"),
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library").start("S") >> 42\n',
     "the right side of >> must be a step"),
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library").wait("3 dage")\n', "wait() needs a duration"),
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library").end("S", event="timer")\n',
     "end event cannot be 'timer'"),
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library").task("A").note("")\n', "a note needs text"),
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library").start("S", event="timer")\n',
     "a timer start needs to know how often"),
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library").taks("A")\n', "no step kind 'taks' – did you mean 'task'?"),
    ('def f(p):\n    pass\n', "the file declares no process"),
    ('@process("X")\ndef f(p)\n    pass\n', "Python syntax error"),
])
def test_dsl_mistakes_name_file_and_line(model_file, source, expected):
    path = model_file(source)
    with pytest.raises(DSLError) as err:
        compile_all([path])
    message = str(err.value)
    assert expected in message
    assert f"{path.name}:" in message
    line = int(message.split(f"{path.name}:")[1].split(":")[0])
    assert line > 0
    assert "Traceback" not in message


def test_model_file_is_loaded_in_isolation(model_file):
    path = model_file('''
    @process("A")
    def a(p):
        bib = p.lane("Biblioteket", dept="library")
        bib.start("S") >> bib.end("E")
    ''')
    assert len(load_file(path)) == 1
    assert len(load_file(path)) == 1  # loading twice does not register twice


def test_model_may_import_a_helper_beside_it(model_file, tmp_path):
    (tmp_path / "_lanes.py").write_text(
        'def bibliotek(p):\n    return p.lane("Biblioteket", dept="library")\n', encoding="utf-8")
    path = model_file('''
    from _lanes import bibliotek

    @process("Delt bane")
    def delt(p):
        bib = bibliotek(p)
        bib.start("S") >> bib.end("E")
    ''')
    graph = compile_all([path])[0].graph
    assert graph.nodes["Event_s"]["lane"] == "Lane_biblioteket"
    assert str(tmp_path) not in sys.path


CHOOSE = '''
@process("Valg")
def valg(p):
    bib = p.lane("Biblioteket", dept="library")
    options = [(name, bib.task(f"Betal med {{name}}")) for name in {names!r}]
    entry = bib.choose("Hvilken løsning?", options, key="loesning")
    bib.start("Start") >> entry
    for _, step in options:
        step >> bib.end(f"Betalt med {{_}}")
'''


def test_choose_branches_per_option(compile_model):
    G = compile_model(CHOOSE.format(names=["Girokort", "MobilePay"]))
    assert G.nodes["Gateway_loesning"]["kind"] == "exclusiveGateway"
    assert sorted(G.edges["Gateway_loesning", v]["label"] for v in G.successors("Gateway_loesning")) == [
        "Girokort", "MobilePay"]


def test_choose_with_one_option_makes_no_decision(compile_model):
    G = compile_model(CHOOSE.format(names=["Girokort"]))
    assert "Gateway_loesning" not in G
    assert list(G.successors("Event_start")) == ["Activity_betal_med_girokort"]


def test_choose_without_options_is_a_clear_error(model_file):
    with pytest.raises(DSLError, match=r"choose\(\) needs \(label, step\) options"):
        compile_all([model_file(CHOOSE.format(names=[]))])


def test_inserted_join_never_replaces_a_step_of_the_model(compile_model):
    G = compile_model(KEYED_JOIN)
    assert G.nodes["Gateway_join_betal"]["label"] == "Join betal?"
    assert G.nodes["Gateway_join__betal"]["auto"] is True
    assert list(G.successors("Gateway_join__betal")) == ["Activity_betal"]


def test_steps_of_nested_subprocesses_keep_the_department(compile_model):
    G = compile_model('''
    @process("Indlejret")
    def indlejret(p):
        bib = p.lane("Biblioteket", dept="library")
        ydre = bib.subprocess("Ydre")
        indre = ydre.subprocess("Indre")
        indre.start("Indre start") >> indre.task("Inderst") >> indre.end("Indre slut")
        ydre.start("Ydre start") >> indre >> ydre.end("Ydre slut")
        bib.start("Start") >> ydre >> bib.end("Slut")
    ''')
    assert G.nodes["Activity_inderst"]["dept"] == "library"
    assert G.nodes["Activity_inderst"]["parent"] == "Activity_indre"


@pytest.mark.parametrize("source, expected", [
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library").task("A", key=5)\n', "a key must be text"),
    ('@process("X")\ndef f(p):\n    import sys\n    sys.exit(0)\n', "SystemExit"),
    ('import sys\nsys.exit(3)\n', "SystemExit"),
    ('@process("X")\ndef f(p):\n    pass\n', "the process has no steps"),
    ('@process("X")\ndef f(p):\n    p.lane("L", dept="library")\n', "the pool has no steps"),
    ('@process("X")\ndef f(p):\n    bib = p.lane("L", dept="library")\n'
     '    bib.start("S") >> bib.subprocess("Tom") >> bib.end("E")\n', "the subprocess has no steps"),
])
def test_more_model_mistakes_are_reported_not_raised(model_file, source, expected):
    path = model_file(source)
    with pytest.raises(DSLError) as err:
        compile_all([path])
    assert expected in str(err.value) and f"{path.name}:" in str(err.value)


def test_steps_of_two_processes_cannot_be_linked(model_file):
    path = model_file('''
    saved = []

    @process("A")
    def a(p):
        bib = p.lane("Biblioteket", dept="library")
        step = bib.task("Fra A")
        saved.append(step)
        bib.start("S") >> step >> bib.end("E")

    @process("B")
    def b(p):
        bib = p.lane("Biblioteket", dept="library")
        gw = bib.decide("Hvor?")
        bib.start("S") >> gw
        gw.when("Her") >> bib.end("E")
        gw.when("Der") >> saved[0]
    ''')
    with pytest.raises(DSLError, match="steps of different processes cannot be connected"):
        compile_all([path])
