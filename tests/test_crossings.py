"""Flows between lanes: where they step and in which order they enter a lane (layout.grid)."""
from __future__ import annotations

from oir_bpmn.layout import layout
from oir_bpmn.layout.metrics import crossings

from test_layout import assert_clean, graph


def test_flows_from_another_lane_enter_in_the_order_of_their_sources():
    # y is created before x, but x's source p lies above y's source q: x must enter above y
    G = graph({"P": ["A", "B"]},
              [("s", "s", "P", "A"), ("f", "p", "P", "A"), ("y", "t", "P", "B"), ("x", "t", "P", "B"),
               ("p", "t", "P", "A"), ("q", "t", "P", "A"), ("j", "p", "P", "B"), ("e", "e", "P", "B")],
              [("s", "f"), ("f", "p"), ("f", "q"), ("p", "x"), ("q", "y"), ("x", "j"), ("y", "j"), ("j", "e")])
    lay = layout(G)
    assert_clean(G, lay)
    assert lay.nodes["p"].cy < lay.nodes["q"].cy
    assert lay.nodes["x"].cy < lay.nodes["y"].cy
    assert crossings(lay, G) == 0


def test_long_flow_steps_across_a_lane_where_no_line_runs_through_it():
    # a1 (lane A) -> j (lane C) spans four gaps; lane B between has lines in the last three only
    steps = [("s", "s", "P", "A"), ("f", "p", "P", "A"), ("a1", "t", "P", "A"),
             ("c1", "t", "P", "C"), ("c2", "t", "P", "C"), ("c3", "t", "P", "C"), ("c4", "t", "P", "C"),
             ("j", "p", "P", "C"), ("e", "e", "P", "C"),
             ("b1", "t", "P", "B"), ("b2", "t", "P", "B"), ("b3", "t", "P", "B"), ("eb", "e", "P", "B")]
    flows = [("s", "f"), ("f", "a1"), ("f", "c1"), ("c1", "c2"), ("c2", "c3"), ("c3", "c4"), ("c4", "j"),
             ("a1", "j"), ("j", "e"), ("c1", "b1"), ("b1", "b2"), ("b2", "b3"), ("b3", "eb")]
    G = graph({"P": ["A", "B", "C"]}, steps, flows)
    lay = layout(G)
    assert_clean(G, lay)
    assert crossings(lay, G) == 0
    route = lay.edges[next(d["id"] for u, v, d in G.edges(data=True) if (u, v) == ("a1", "j"))]
    lane_b = lay.lanes["B"]
    step_x = next(x0 for (x0, y0), (x1, y1) in zip(route, route[1:]) if x0 == x1 and y0 < lane_b.y < y1)
    assert step_x < lay.nodes["b1"].x  # it steps before lane B's line starts
