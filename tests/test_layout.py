"""Layout: shapes inside lanes, no overlaps, orthogonal edges ending on borders, determinism."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from oir_bpmn.layout import layout
from oir_bpmn.layout.metrics import (bad_edge_ends, crossings, non_orthogonal, outside_lane, overlaps,
                                     through_shapes)
from oir_bpmn.model import annotation_id, association_id

REPO = Path(__file__).resolve().parents[1]

KIND = {"s": "startEvent", "e": "endEvent", "t": "userTask", "x": "exclusiveGateway",
        "p": "parallelGateway", "w": "intermediateCatchEvent", "sub": "subProcess"}


def graph(pools: dict[str, list[str]], steps: list[tuple], flows: list[tuple]) -> nx.DiGraph:
    """A graph per the ``oir_bpmn.model`` schema.

    pools: pool id -> lane ids (empty: a lane-less pool); steps: (id, kind letter, pool, lane,
    extra attrs); flows: (source, target) or (source, target, attrs).
    """
    lanes = {lane: {"id": lane, "name": lane, "dept": "library", "pool": p}
             for p, ls in pools.items() for lane in ls}
    G = nx.DiGraph(pools=[{"id": p, "name": p, "process_id": f"Process_{p}", "dept": None, "lanes": ls}
                          for p, ls in pools.items()], lanes=lanes, problems=[])
    for node, kind, pool, lane, *extra in steps:
        attrs = {"kind": KIND[kind], "event": None, "label": node.replace("_", " "), "key": node,
                 "lane": lane, "pool": pool, "parent": None, "duration": None, "notes": (),
                 "auto": False, "default": None}
        attrs.update(*extra)
        G.add_node(node, **attrs)
    for k, (u, v, *extra) in enumerate(flows):
        flow = "message" if G.nodes[u]["pool"] != G.nodes[v]["pool"] else "sequence"
        attrs = {"id": f"Flow_{k}", "flow": flow, "label": None, "condition": None}
        attrs.update(*extra)
        G.add_edge(u, v, **attrs)
    return G


def chain(pool, lane, names, kinds=None):
    kinds = kinds or ["s"] + ["t"] * (len(names) - 2) + ["e"]
    return [(n, k, pool, lane) for n, k in zip(names, kinds)]


def assert_clean(G, lay):
    assert overlaps(lay) == []
    assert outside_lane(G, lay) == []
    assert bad_edge_ends(G, lay) == []
    assert non_orthogonal(G, lay) == []
    assert through_shapes(lay) == []
    for plane in [lay, *lay.planes.values()]:
        for box in [*plane.nodes.values(), *plane.labels.values(), *plane.annotations.values(),
                    *plane.lanes.values(), *plane.pools.values()]:
            assert min(box.x, box.y) >= 0 and all(isinstance(v, int) for v in (box.x, box.y, box.w, box.h))
        for pts in plane.edges.values():
            assert all(x >= 0 and y >= 0 for x, y in pts)
    for pool in G.graph["pools"]:
        boxes = [lay.lanes[lane] for lane in pool["lanes"]]
        pbox = lay.pools[pool["id"]]
        if boxes:
            assert boxes[0].y == pbox.y and boxes[-1].bottom == pbox.bottom
            assert all(a.bottom == b.y for a, b in zip(boxes, boxes[1:]))
            assert all(b.x == pbox.x + 30 and b.right == pbox.right for b in boxes)
    widths = {b.w for b in lay.pools.values()}
    assert len(widths) <= 1


def linear():
    return graph({"P": ["L1"]}, chain("P", "L1", ["a", "b", "c", "d"]),
                 [("a", "b"), ("b", "c"), ("c", "d")])


def lanes_and_gateways():
    steps = [("start", "s", "P", "A"), ("check", "t", "P", "A"), ("split", "x", "P", "A"),
             ("pay", "t", "P", "B"), ("remind", "t", "P", "B"), ("wait", "w", "P", "C"),
             ("skip", "t", "P", "A"), ("join", "x", "P", "A", {"label": None, "auto": True}),
             ("end", "e", "P", "C")]
    flows = [("start", "check"), ("check", "split"), ("split", "pay", {"label": "Ja"}),
             ("split", "skip", {"label": "Nej, ikke nu"}), ("split", "wait", {"label": "Vent"}),
             ("pay", "remind"), ("remind", "join"), ("skip", "join"), ("wait", "join"), ("join", "end")]
    return graph({"P": ["A", "B", "C"]}, steps, flows)


def loop():
    steps = chain("P", "L", ["s", "j", "work", "ok", "e"], ["s", "x", "t", "x", "e"])
    flows = [("s", "j"), ("j", "work"), ("work", "ok"), ("ok", "e", {"label": "OK"}),
             ("ok", "j", {"label": "Igen"})]
    return graph({"P": ["L"]}, steps, flows)


def two_pools():
    steps = chain("Lib", "L1", ["s1", "send", "recv", "e1"]) + [
        ("s2", "s", "Ext", None), ("handle", "t", "Ext", None), ("reply", "t", "Ext", None),
        ("e2", "e", "Ext", None)]
    flows = [("s1", "send"), ("send", "recv"), ("recv", "e1"), ("s2", "handle"), ("handle", "reply"),
             ("reply", "e2"), ("send", "s2"), ("reply", "recv")]
    return graph({"Lib": ["L1"], "Ext": []}, steps, flows)


def annotated():
    notes = {"notes": ("Hvem ejer denne opgave efter omlægningen til debitorsystemet?",)}
    steps = [("s", "s", "P", "L", {"notes": ("Startes af låneren",)}), ("a", "t", "P", "L", notes),
             ("b", "t", "P", "L", {"notes": ("Første", "Anden note, som er noget længere end den første")}),
             ("g", "x", "P", "L", notes), ("c", "t", "P", "L"), ("d", "t", "P", "L"), ("e", "e", "P", "L")]
    flows = [("s", "a"), ("a", "b"), ("b", "g"), ("g", "c"), ("g", "d"), ("c", "e"), ("d", "e")]
    return graph({"P": ["L"]}, steps, flows)


def with_subprocess():
    steps = chain("P", "L", ["s", "sub", "e"], ["s", "sub", "e"]) + [
        (n, k, "P", "L", {"parent": "sub"}) for n, k in
        [("is", "s"), ("ia", "t"), ("ig", "p"), ("ib", "t"), ("ic", "t"), ("ij", "p"), ("ie", "e"),
         ("nest", "sub")]] + [("deep", "t", "P", "L", {"parent": "nest", "notes": ("Dybt nede",)})]
    flows = [("s", "sub"), ("sub", "e"), ("is", "ia"), ("ia", "ig"), ("ig", "ib"), ("ig", "ic"),
             ("ib", "ij"), ("ic", "nest"), ("nest", "ij"), ("ij", "ie")]
    return graph({"P": ["L"]}, steps, flows)


def awkward():
    """A self-loop, a loop without start event, message flows both ways and into a subprocess."""
    steps = [("s", "s", "P", "A"), ("a", "t", "P", "A"), ("b", "t", "P", "B"), ("sub", "sub", "P", "B"),
             ("in1", "t", "P", None, {"parent": "sub"}), ("e", "e", "P", "A"),
             ("c1", "t", "Q", None), ("c2", "t", "Q", None), ("c3", "x", "Q", None),
             ("x", "t", "P", None)]
    flows = [("s", "a"), ("a", "a"), ("a", "b"), ("b", "sub"), ("sub", "e"),
             ("c1", "c2"), ("c2", "c3"), ("c3", "c1", {"label": "igen"}),
             ("b", "c2"), ("c1", "a"), ("c3", "in1", {"label": "besked"})]
    return graph({"P": ["A", "B"], "Q": []}, steps, flows)


CASES = {"linear": linear, "lanes_and_gateways": lanes_and_gateways, "loop": loop,
         "two_pools": two_pools, "annotated": annotated, "subprocess": with_subprocess,
         "awkward": awkward}


@pytest.mark.parametrize("name", CASES)
def test_layout_is_clean(name):
    G = CASES[name]()
    assert_clean(G, layout(G))


def test_dsl_models(compile_model):
    from sample_models import ALL_KINDS
    G = compile_model(ALL_KINDS)
    assert_clean(G, layout(G))


def test_process_files():
    """The real models lay out cleanly (built, not validated: layout must not depend on it)."""
    from oir_bpmn.load import build_graph, load_all
    for definition in load_all([REPO / "processes"]):
        G = build_graph(definition)
        assert_clean(G, layout(G))


def test_graph_without_pools_and_empty_graph():
    G = nx.DiGraph()
    assert layout(G).nodes == {}
    G.add_node("a", kind="startEvent", label="Start")
    G.add_node("b", kind="task", label="B", notes=("Note",))
    G.add_edge("a", "b", id="f1", flow="sequence", label="go")
    lay = layout(G)
    assert set(lay.nodes) == {"a", "b"} and not lay.pools and not lay.lanes
    assert overlaps(lay) == [] and bad_edge_ends(G, lay) == [] and non_orthogonal(G, lay) == []


def test_linear_flow_is_one_straight_row():
    G = linear()
    lay = layout(G)
    ys = {b.cy for b in lay.nodes.values()}
    assert len(ys) == 1
    xs = [lay.nodes[n].x for n in "abcd"]
    assert xs == sorted(xs)
    assert all(len(lay.edges[d["id"]]) == 2 for _, _, d in G.edges(data=True))
    assert crossings(lay, G) == 0
    lane = lay.lanes["L1"]
    assert min(b.x for b in lay.nodes.values()) >= lane.x + 30


def test_lanes_and_gateway_branches():
    G = lanes_and_gateways()
    lay = layout(G)
    cols = {n: lay.nodes[n].cx for n in G}
    assert cols["pay"] == cols["skip"] == cols["wait"]
    assert len({lay.nodes[n].cy for n in ("pay", "skip", "wait")}) == 3
    assert cols["join"] > cols["remind"]
    for u, v, d in G.edges(data=True):
        if d["label"]:
            assert d["id"] in lay.labels
    assert crossings(lay, G) == 0


def test_loop_goes_around_above_the_rows():
    G = loop()
    lay = layout(G)
    pts = lay.edges[G.edges["ok", "j"]["id"]]
    top = min(y for _, y in pts)
    assert top < min(b.y for b in lay.nodes.values())
    assert lay.lanes["L"].y <= top
    assert pts[0][0] == lay.nodes["ok"].right and pts[-1][0] == lay.nodes["j"].x


def test_message_flows_vertical_between_pools():
    G = two_pools()
    lay = layout(G)
    assert lay.pools["Lib"].bottom < lay.pools["Ext"].y
    for u, v in (("send", "s2"), ("reply", "recv")):
        pts = lay.edges[G.edges[u, v]["id"]]
        assert pts[0][1] in (lay.nodes[u].y, lay.nodes[u].bottom)
        assert pts[-1][1] in (lay.nodes[v].y, lay.nodes[v].bottom)
    assert lay.nodes["s2"].cx == lay.nodes["send"].cx
    assert len(lay.edges[G.edges["send", "s2"]["id"]]) == 2


def test_annotations_above_their_node_with_associations():
    G = annotated()
    lay = layout(G)
    for n, d in G.nodes(data=True):
        for i, _ in enumerate(d["notes"]):
            box = lay.annotations[annotation_id(n, i)]
            assert box.bottom <= lay.nodes[n].y and box.w == 180
            assert lay.lanes["L"].contains(box)
            assert association_id(n, i) in lay.edges


def test_subprocess_plane():
    G = with_subprocess()
    lay = layout(G)
    assert set(lay.nodes) == {"s", "sub", "e"}
    plane = lay.planes["sub"]
    assert set(plane.nodes) == {"is", "ia", "ig", "ib", "ic", "ij", "ie", "nest"}
    assert not plane.lanes and not plane.pools
    assert set(lay.planes["nest"].nodes) == {"deep"} and lay.planes["nest"].annotations


def test_lane_less_pool_holds_its_nodes():
    G = two_pools()
    lay = layout(G)
    pool = lay.pools["Ext"]
    for n in ("s2", "handle", "reply", "e2"):
        assert pool.contains(lay.nodes[n]) and lay.nodes[n].x >= pool.x + 30


def _dump(lay) -> str:
    def plane(p):
        return {k: sorted((n, b._asdict() if hasattr(b, "x") else b) for n, b in getattr(p, k).items())
                for k in ("nodes", "labels", "lanes", "pools", "annotations", "edges")} | {
            "planes": {s: plane(q) for s, q in sorted(p.planes.items())}}
    return json.dumps(plane(lay), sort_keys=True, default=str)


def test_deterministic_in_process():
    for make in CASES.values():
        assert _dump(layout(make())) == _dump(layout(make()))


def test_deterministic_across_hash_seeds():
    code = ("import sys; sys.path.insert(0, 'tests'); import test_layout as t; "
            "from oir_bpmn.layout import layout; "
            "print(''.join(t._dump(layout(m())) for m in t.CASES.values()))")
    outs = set()
    for seed in ("1", "987"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.add(subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True,
                                capture_output=True, text=True).stdout)
    assert len(outs) == 1


def test_message_flow_avoids_annotation_of_its_target():
    G = two_pools()
    G.nodes["s2"]["notes"] = ("Hvem svarer?",)
    lay = layout(G)
    assert_clean(G, lay)
    pts = lay.edges[G.edges["send", "s2"]["id"]]
    assert pts[-1][1] == lay.nodes["s2"].bottom
    note = lay.annotations[annotation_id("s2", 0)]
    assert not any(note.x < x < note.right and note.y < y < note.bottom for x, y in pts)


def test_branches_whose_flows_go_down_to_another_lane_take_the_lower_rows():
    """The first branch goes on into the lane below: it is put under its sibling, so its flow
    down crosses nothing (in creation order it would cross the sibling's line)."""
    steps = [("s", "s", "P", "A"), ("g", "x", "P", "A"), ("down", "t", "P", "A"), ("stay", "t", "P", "A"),
             ("stay2", "t", "P", "A"), ("low", "t", "P", "B"), ("e1", "e", "P", "A"), ("e2", "e", "P", "B")]
    flows = [("s", "g"), ("g", "down"), ("g", "stay"), ("down", "low"), ("stay", "stay2"),
             ("stay2", "e1"), ("low", "e2")]
    G = graph({"P": ["A", "B"]}, steps, flows)
    lay = layout(G)
    assert lay.nodes["down"].cy > lay.nodes["stay"].cy
    assert crossings(lay, G) == 0
    assert_clean(G, lay)


def test_the_main_line_goes_straight_and_the_default_flow_branches_off():
    """The decision's default ("otherwise") flow is drawn first, yet the other branch keeps the
    gateway's row: the main line is straight."""
    steps = chain("P", "L", ["s", "g", "nej", "ja", "e"], ["s", "x", "t", "t", "e"])
    flows = [("s", "g"), ("g", "nej", {"label": "Nej", "default": True}), ("g", "ja", {"label": "Ja"}),
             ("nej", "e"), ("ja", "e")]
    G = graph({"P": ["L"]}, steps, flows)
    lay = layout(G)
    assert lay.nodes["ja"].cy == lay.nodes["g"].cy == lay.nodes["s"].cy
    assert lay.nodes["nej"].cy > lay.nodes["ja"].cy
    assert_clean(G, lay)


def test_a_step_entered_from_the_lane_above_takes_the_top_row():
    """The flow from the lane above comes down to ``x``; the chain of the lower lane steps down a
    row instead of being crossed by it."""
    steps = [("sa", "s", "P", "A"), ("a1", "t", "P", "A"), ("x", "t", "P", "B"), ("ex", "e", "P", "B"),
             ("sb", "s", "P", "B"), ("t1", "t", "P", "B"), ("t2", "t", "P", "B"), ("t3", "t", "P", "B"),
             ("eb", "e", "P", "B")]
    flows = [("sa", "a1"), ("a1", "x"), ("x", "ex"), ("sb", "t1"), ("t1", "t2"), ("t2", "t3"), ("t3", "eb")]
    G = graph({"P": ["A", "B"]}, steps, flows)
    lay = layout(G)
    assert lay.nodes["x"].cx == lay.nodes["t2"].cx and lay.nodes["x"].cy < lay.nodes["t2"].cy
    assert crossings(lay, G) == 0
    assert_clean(G, lay)
