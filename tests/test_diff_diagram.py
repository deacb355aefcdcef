"""The diff diagram: the union of both variants, laid out and drawn like the slide diagrams."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from test_render import SVG, all_text, check_bands, check_diagram, groups, text_of

from oir_bpmn.diff import compare, load_pairs, pair_compiled
from oir_bpmn.diff.diagram import diff_view
from oir_bpmn.diff.union import union_graph
from oir_bpmn.layout import layout
from oir_bpmn.load import compile_all
from oir_bpmn.render import render
from oir_bpmn.render.theme import THEME

HIGHLIGHT = THEME.changes

REPO = Path(__file__).resolve().parents[1]
NODE_ATTRS = {"kind", "event", "label", "key", "lane", "pool", "parent", "dept", "duration", "effort", "notes",
              "auto", "file", "line"}
EDGE_ATTRS = {"id", "flow", "label", "condition", "default", "share", "file", "line"}

PAIR = '''
@process("Kasse", variant="current", theme=5, key="kasse")
def nu(p):
    bib = p.lane("Biblioteket", dept="library")
    kasse = p.lane("Kassen", dept="library")
    oek = p.lane("Økonomi", dept="finance")
    (bib.start("Dagen slutter", key="start") >> bib.manual("Tæl kassen op", key="tael")
        >> kasse.manual("Læg pengene i boksen", key="boks") >> bib.user("Afstem kassen", key="afstem")
        >> oek.task("Bogfør", key="bogfoer") >> oek.end("Afstemt", key="slut"))

@process("Kasse", variant="future", theme=5, key="kasse")
def fremtid(p):
    bib = p.lane("Biblioteket", dept="library")
    oek = p.lane("Økonomi", dept="finance")
    (bib.start("Dagen slutter", key="start") >> oek.user("Afstem kassen", key="afstem")
        >> oek.task("Bogfør i debitorsystemet", key="bogfoer")
        >> oek.service("Send kvittering", key="kvittering") >> oek.end("Afstemt", key="slut"))
'''


@pytest.fixture
def pair(model_file):
    (current, future), = load_pairs([str(model_file(PAIR, "kasse.py"))])[0]
    return current, future, compare(current, future)


@pytest.fixture
def tree(pair):
    return etree.fromstring(draw(*pair))


def draw(current, future, diff, fmt="svg") -> bytes:
    union, status = diff_view(current, future, diff)
    return render(union, fmt, highlight=status)


def shape(group):
    """The outline of a node: the first path, polygon or ellipse of its SVG group."""
    return next(e for e in group if e.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse"))


def test_union_follows_the_model_schema_and_keeps_the_future_graph(pair):
    current, future, diff = pair
    U, removed = union_graph(current, future, diff)
    assert removed == {"Activity_tael": "removed", "Activity_boks": "removed", "Flow_start_tael": "removed",
                       "Flow_tael_boks": "removed", "Flow_boks_afstem": "removed",
                       "Flow_bogfoer_slut": "removed"}  # between kept steps: a new step sits there now
    assert all(set(d) == NODE_ATTRS for _, d in U.nodes(data=True))
    assert all(set(d) == EDGE_ATTRS and d["flow"] == "sequence" for _, _, d in U.edges(data=True))
    assert set(future) < set(U) and set(future.edges) < set(U.edges)
    assert U.has_edge("Event_start", "Activity_tael") and U.has_edge("Activity_boks", "Activity_afstem")
    assert U.has_edge("Activity_bogfoer", "Activity_kvittering") and U.has_edge("Activity_bogfoer", "Event_slut")
    assert U.nodes["Activity_tael"]["lane"] == "Lane_biblioteket"  # the future lane of the same name
    assert U.graph["pools"][0]["lanes"] == ["Lane_biblioteket", "Lane_oekonomi", "Lane_kassen"]  # added last
    assert U.graph["title"] == "Kasse: nuværende → fremtidig"
    assert "Lane_kassen" not in future.graph["lanes"]  # the future graph is left as it was
    assert set(layout(U).nodes) == set(U)


def test_changes_are_coloured(pair, tree):
    nodes, edges = groups(tree, "node"), groups(tree, "edge")
    removed = nodes["Activity_tael"]
    outline = shape(removed)
    assert outline.get("stroke") == HIGHLIGHT["removed"][0].lower() and outline.get("stroke-dasharray")
    assert "Tæl kassen op" in text_of(removed)
    assert all(t.get("text-decoration") == "line-through" for t in removed.iter(f"{SVG}text"))
    assert shape(nodes["Activity_afstem"]).get("stroke") == HIGHLIGHT["moved"][0].lower()
    assert shape(nodes["Activity_kvittering"]).get("stroke") == HIGHLIGHT["added"][0].lower()
    assert shape(nodes["Activity_bogfoer"]).get("stroke") == HIGHLIGHT["changed"][0].lower()
    assert shape(nodes["Event_slut"]).get("stroke") == "#222222"  # unchanged
    flow = next(g for g in edges.values() if g.get("id") == "Flow_tael_boks").find(f"{SVG}path")
    assert flow.get("stroke") == HIGHLIGHT["removed"][0].lower() and flow.get("stroke-dasharray")


def test_lanes_in_order_with_both_legends_and_the_title(pair, tree):
    U, _ = union_graph(*pair)
    check_diagram(U, tree)
    check_bands(U, tree)
    text = all_text(tree)
    assert "Kasse: nuværende → fremtidig" in text and "Forskelle · Tema 5" in text and "Fremtidig" not in text
    assert "Ændringer:" in text and all(name in text for _, _, _, name in HIGHLIGHT.values())


def test_same_pair_same_bytes(pair, model_file):
    (current, future), = load_pairs([str(model_file(PAIR, "again.py"))])[0]
    again = (current, future, compare(current, future))
    assert draw(*pair) == draw(*again)
    assert draw(*pair, "png") == draw(*again, "png")


@pytest.mark.skipif(not list((REPO / "processes").glob("*.py")), reason="no models in processes/ yet")
def test_every_theme_pair_renders_every_step_of_the_union():
    pairs, _ = pair_compiled(compile_all([REPO / "processes"]))
    assert pairs
    for current, future in pairs:
        diff = compare(current, future)
        U, _ = union_graph(current, future, diff)
        tree = etree.fromstring(draw(current, future, diff))
        check_diagram(U, tree)
        check_bands(U, tree)


def test_change_colours_stand_apart_from_each_other_and_the_departments():
    strokes = [stroke for stroke, _, _, _ in HIGHLIGHT.values()]
    assert len(set(strokes)) == len(strokes)
    assert not set(strokes) & set(THEME.dept_strokes.values())  # a new step shows in a system lane


def test_changes_are_outlines_with_badges_that_read_without_colour(pair, tree):
    nodes = groups(tree, "node")
    assert "[fra: Biblioteket]" in text_of(nodes["Activity_afstem"])  # moved: drawn in its new lane
    assert "[ny]" in text_of(nodes["Activity_kvittering"])
    assert "[før: Bogfør]" in text_of(nodes["Activity_bogfoer"])
    plain_fill = shape(nodes["Event_slut"]).get("fill")
    change_fills = {fill.lower() for status, (_, fill, _, _) in HIGHLIGHT.items() if status != "removed"}
    for node in ("Activity_afstem", "Activity_kvittering", "Activity_bogfoer"):
        fill = shape(nodes[node]).get("fill")
        assert fill not in change_fills and fill == plain_fill  # the lane shows through; no mint or peach
    current, future, diff = pair
    assert future.nodes["Activity_afstem"]["label"] == "Afstem kassen"  # badges only in the picture


def test_new_and_dropped_flows_between_kept_steps_are_drawn(pair, tree):
    current, future, diff = pair
    edges = {g.get("id"): g for g in groups(tree, "edge").values()}
    new = edges[future.edges["Event_start", "Activity_afstem"]["id"]].find(f"{SVG}path")  # around removed steps
    assert new.get("stroke") == HIGHLIGHT["changed"][0].lower() and not new.get("stroke-dasharray")
    dropped = edges["Flow_bogfoer_slut"].find(f"{SVG}path")
    assert dropped.get("stroke") == HIGHLIGHT["removed"][0].lower() and dropped.get("stroke-dasharray")
