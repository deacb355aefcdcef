"""Safe BPMN import: the graph schema of the compiler, and hostile files refused in one line."""
from __future__ import annotations

from pathlib import Path

import pytest

from oir_bpmn.bpmn import read as bpmn_read
from oir_bpmn.bpmn import to_bpmn
from oir_bpmn.bpmn.read import BpmnReadError, infer_dept, read_bpmn
from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.layout.geometry import Layout
from oir_bpmn.diff import compare
from oir_bpmn.load import compile_all
from oir_bpmn.model import Duration
from sample_models import KEYED_JOIN

DATA = Path(__file__).parent / "data"
MODELS = sorted(p for p in (Path(__file__).resolve().parents[1] / "processes").glob("*.py")
                if not p.name.startswith("_"))  # _helpers.py are not models
PASSWD = Path("/etc/passwd")

MODEL = '''
@process("Blokeret låner betaler", variant="future", theme=2)
def blokeret(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteket", dept="library")
    deb = p.lane("Debitorsystem", dept="system")
    sup = p.pool("Systematic support", dept="external")
    valg = bib.decide("Hvordan betaler låneren?")
    slut = laaner.end("Kan låne igen")
    (laaner.start("Kan ikke låne")
        >> bib.user("Henvis til betalingskanaler", key="henvis").note("Spørgsmål: hvilke kanaler?")
        >> valg)
    (valg.when("Online") >> laaner.task("Betaler online", key="betal")
        >> deb.wait(days(1, 3), "Overførsel til FBS") >> deb.service("Ophæver spærring") >> slut)
    valg.otherwise("Skranke") >> bib.manual("Modtag kvittering") >> slut
    s = sup.start("Fejl modtaget", event="message")
    s >> sup.task("Gensender") >> sup.end("Løst")
'''

NODE_FIELDS = ("kind", "event", "label", "key", "lane", "pool", "parent", "dept", "duration", "notes", "auto")
EDGE_FIELDS = ("id", "flow", "label", "condition", "default")

HEAD = ('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'id="D" targetNamespace="x">')


def write(tmp_path, text: str, name: str = "in.bpmn", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def refused(path: Path, *words: str) -> str:
    with pytest.raises(BpmnReadError) as info:
        read_bpmn(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    for word in words:
        assert word in message
    return message


def test_reads_hand_made_file_with_lanes_timer_gateway_and_notes():
    G = read_bpmn(DATA / "sample_ok.bpmn")
    timer = G.nodes["Timer_Overfoersel"]
    assert timer["event"] == "timer" and timer["duration"] == Duration(1, 1, "days")
    assert timer["label"] == "Overførsel til FBS"  # the "(1-3 dage)" suffix is display only
    assert timer["notes"] == ("Åbent spørgsmål: hvor ofte kører overførslen?",)
    assert G.nodes["Task_Henvis"]["lane"] == "Lane_Skranke"
    assert G.nodes["Task_Henvis"]["dept"] == "library"  # inferred from "Biblioteket"
    assert G.nodes["Task_Registrer"]["dept"] == "system"  # "Debitorsystem" is a system
    assert G.nodes["Start_Indbetaling"]["event"] == "message"
    assert G.edges["Gateway_Betalt", "Task_Henvis"]["default"] is True
    assert G.edges["Gateway_Betalt", "Task_Ophaev"]["condition"] == "fuldt_betalt"
    assert G.edges["Task_Betal", "Start_Indbetaling"]["flow"] == "message"
    assert {i["name"] for i in G.graph["inferred"]} == {"Låner", "Debitorsystem", "Biblioteket"}


@pytest.mark.parametrize("export", [lambda G: to_bpmn(G, Layout()), bpmn_bytes], ids=["no-di", "laid-out"])
def test_own_export_reads_back_as_the_same_graph(compile_model, tmp_path, export):
    G = compile_model(MODEL)
    H = read_bpmn(write(tmp_path, export(G).decode("utf-8")))
    assert set(H.nodes) == set(G.nodes)
    for n in G.nodes:
        assert {f: H.nodes[n][f] for f in NODE_FIELDS} == {f: G.nodes[n][f] for f in NODE_FIELDS}, n
    assert set(H.edges) == set(G.edges)
    for u, v in G.edges:
        assert {f: H.edges[u, v][f] for f in EDGE_FIELDS} == {f: G.edges[u, v][f] for f in EDGE_FIELDS}
    assert (H.graph["title"], H.graph["variant"], H.graph["theme"], H.graph["key"]) == (
        "Blokeret låner betaler", "future", 2, G.graph["key"])
    assert [lane["dept"] for lane in H.graph["lanes"].values()] == ["external", "library", "system"]
    assert any(n["auto"] for _, n in H.nodes(data=True))  # the join before "Kan låne igen"


@pytest.mark.parametrize("text, duration", [
    ("P3D", Duration(3, 3, "days")), ("R/P1D", Duration(1, 1, "days")), ("P2M", Duration(2, 2, "months")),
    ("PT2M", Duration(2, 2, "minutes")), ("P1Y", Duration(1, 1, "years")), ("PT4H", Duration(4, 4, "hours")),
    ("P2W", Duration(2, 2, "weeks")), ("P1.5D", None), ("PT1D", None), ("soon", None)])
def test_iso_durations_read_back(text, duration):
    assert Duration.from_iso(text) == duration
    if duration:
        assert Duration.from_iso(duration.iso()) == duration


def test_timer_start_and_month_and_year_waits_read_back(compile_model, tmp_path):
    G = compile_model('''
    from oir_bpmn import months, years
    @process("Lange ventetider")
    def lang(p):
        bib = p.lane("Biblioteket", dept="library")
        (bib.start("Hver uge", key="start", every=weeks(1))
            >> bib.wait(months(1, 2), "Vent på svar", key="svar") >> bib.wait(years(1), key="aar")
            >> bib.end("Slut"))
    ''')
    H = read_bpmn(write(tmp_path, bpmn_bytes(G).decode("utf-8")))
    for n in ("Event_start", "Event_svar", "Event_aar"):
        assert (H.nodes[n]["label"], H.nodes[n]["duration"]) == (G.nodes[n]["label"], G.nodes[n]["duration"])


@pytest.mark.skipif(not MODELS, reason="no models in processes/ yet")
def test_every_model_reads_back_from_its_export_without_differences(tmp_path):
    for compiled in compile_all(MODELS):
        G = compiled.graph
        path = write(tmp_path, bpmn_bytes(G).decode("utf-8"), f"{G.graph['key']}_{G.graph['variant']}.bpmn")
        assert compare(G, read_bpmn(path)).changes == [], path.name


def test_edited_timer_duration_wins_over_documentation(compile_model, tmp_path):
    xml = to_bpmn(compile_model(MODEL), Layout()).decode("utf-8")
    path = write(tmp_path, xml.replace(">P3D<", ">P5D<"))
    assert read_bpmn(path).nodes["Event_overfoersel_til_fbs"]["duration"] == Duration(5, 5, "days")


@pytest.mark.parametrize("name, dept", [
    ("Biblioteket", "library"), ("Debitorafdelingen", "finance"), ("Økonomi", "finance"),
    ("ØiR-koordinator", "coordination"), ("FBS", "system"), ("Debitorsystem", "system"),
    ("Betalingsløsning", "system"), ("Låner", "external"), ("Borger", "external"),
    ("Systematic support", "external"), ("Kommunen", None)])
def test_department_from_lane_name(name, dept):
    assert infer_dept(name) == dept


# ---------------------------------------------------------------- hostile input

def test_xxe_is_refused_and_the_file_is_never_read(tmp_path):
    path = write(tmp_path, '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                           f'{HEAD}<bpmn:process id="P" name="&x;"/></bpmn:definitions>')
    message = refused(path, "DOCTYPE")
    if PASSWD.exists():
        first = PASSWD.read_text().splitlines()[0]
        assert first not in message


def test_billion_laughs_is_refused(tmp_path):
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    path = write(tmp_path, f'<?xml version="1.0"?>\n<!DOCTYPE d [{entities}]>\n'
                           f'{HEAD}<bpmn:process id="P" name="&a9;"/></bpmn:definitions>')
    refused(path, "DOCTYPE")


def test_external_dtd_is_refused_without_fetching(tmp_path):
    evil = write(tmp_path, f'<!ENTITY x SYSTEM "file://{PASSWD}">', "evil.dtd")
    for system_id in ("http://127.0.0.1:9/evil.dtd", evil.as_uri()):
        path = write(tmp_path, f'<?xml version="1.0"?>\n<!DOCTYPE d SYSTEM "{system_id}">\n'
                               f'{HEAD}<bpmn:process id="P" name="&x;"/></bpmn:definitions>')
        refused(path, "DOCTYPE")


def test_doctype_hidden_by_utf16_is_still_refused(tmp_path):
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE d [<!ENTITY x "boom">]>\n'
            f'{HEAD}<bpmn:process id="P" name="&x;"/></bpmn:definitions>')
    refused(write(tmp_path, text, encoding="utf-16"), "DOCTYPE")


def test_truncated_xml(tmp_path):
    text = (DATA / "sample_ok.bpmn").read_text(encoding="utf-8")
    refused(write(tmp_path, text[: len(text) // 2]), "the XML ends too early (truncated?)")


def test_not_bpmn(tmp_path):
    refused(write(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg"/>'), "not a BPMN 2.0 file", "svg")
    refused(write(tmp_path, "<definitions/>"), "not a BPMN 2.0 file")
    refused(write(tmp_path, f"{HEAD}</bpmn:definitions>"), "no <bpmn:process>")


def test_dangling_sequence_flow(tmp_path):
    path = write(tmp_path, f'{HEAD}<bpmn:process id="P"><bpmn:startEvent id="S"/>'
                           '<bpmn:sequenceFlow id="F" sourceRef="S" targetRef="Nowhere"/>'
                           "</bpmn:process></bpmn:definitions>")
    refused(path, "'F'", "'Nowhere'", "line 1")


def test_dangling_lane_reference(tmp_path):
    path = write(tmp_path, f'{HEAD}<bpmn:process id="P"><bpmn:laneSet id="LS"><bpmn:lane id="L" name="Bib">'
                           "<bpmn:flowNodeRef>Ghost</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>"
                           '<bpmn:startEvent id="S"/></bpmn:process></bpmn:definitions>')
    refused(path, "lane 'Bib'", "'Ghost'")


def test_duplicate_ids_keep_the_first_element(tmp_path):
    path = write(tmp_path, f'{HEAD}<bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:endEvent id="S"/>'
                           "</bpmn:process></bpmn:definitions>")
    G = read_bpmn(path)
    assert G.nodes["S"]["kind"] == "startEvent" and len(G) == 1
    assert "'S' (line 1, again on 1)" in G.graph["warnings"][0]


def test_huge_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.bpmn"
    with path.open("wb") as handle:
        handle.write(HEAD.encode())
        handle.write(b" " * (bpmn_read.MAX_BYTES + 1))
    refused(path, f"larger than {bpmn_read.MAX_BYTES // bpmn_read.MIB} MiB", "--max-size")


def test_missing_file(tmp_path):
    refused(tmp_path / "nope.bpmn", "cannot read")


def test_only_inserted_gateways_count_as_plumbing(model_file, tmp_path):
    G = compile_all([model_file(KEYED_JOIN)])[0].graph
    path = tmp_path / "noegler.bpmn"
    path.write_bytes(bpmn_bytes(G))
    read = read_bpmn(path)
    assert read.nodes["Gateway_join_betal"]["auto"] is False
    assert read.nodes["Gateway_join__betal"]["auto"] is True
