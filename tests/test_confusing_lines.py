"""Lines a reader confuses: a default branch through its gateway's label, unrelated flows side by
side so close they read as one (``layout.labelcheck.line_problems``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from oir_bpmn.layout import layout
from oir_bpmn.layout.geometry import Box, Layout, default_marker
from oir_bpmn.layout.labelcheck import APART, label_problems, line_problems
from oir_bpmn.load import compile_all
from oir_bpmn.render.slides import slide_pages

REPO = Path(__file__).resolve().parents[1]
MODELS = sorted((REPO / "processes").glob("tema*.py"))

GEBYR = """
    @process("Gebyr", variant="future", theme=3)
    def gebyr(p):
        bib = p.lane("Biblioteket", dept="library")
        fin = p.lane("Debitor-/økonomiafdelingen", dept="finance")
        gw = bib.decide("Er gebyret korrekt beregnet?")
        bib.start("Gebyr beregnet") >> bib.service("Beregner gebyret") >> gw
        gw.when("Ja") >> bib.user("Sender opkrævning") >> bib.end("Opkrævet")
        gw.otherwise("Nej") >> fin.user("Retter gebyret manuelt") >> fin.end("Rettet")
    """


def _flows(G) -> set[str]:
    return {d["id"] for _, _, d in G.edges(data=True)}


def _default_flow(G) -> str:
    return next(d["id"] for _, _, d in G.edges(data=True) if d.get("default"))


def test_a_default_branch_down_leaves_its_marker_clear_of_the_gateways_label(compile_model):
    G = compile_model(GEBYR)
    lay = layout(G)
    flow = _default_flow(G)
    (x0, y0), (x1, y1) = lay.edges[flow][:2]
    assert x0 == x1 and y1 > y0  # the default branch leaves the gateway downwards
    gateway = next(n for n in G if G.nodes[n]["kind"] == "exclusiveGateway" and not G.nodes[n]["auto"])
    assert not lay.labels[gateway].overlaps(default_marker(lay.edges[flow]))
    assert label_problems(lay, _flows(G), G) == []


def test_the_line_check_flags_a_default_marker_in_a_label(compile_model):
    G = compile_model(GEBYR)
    lay = layout(G)
    flow = _default_flow(G)
    gateway = next(n for n in G if G.nodes[n]["kind"] == "exclusiveGateway" and not G.nodes[n]["auto"])
    x, y = lay.edges[flow][0]
    label = lay.labels[gateway]
    lay.labels[gateway] = Box(x + 6, label.y, label.w, label.h)  # where it used to go: 6 px beside the line
    assert (flow, f"default marker runs into the label of {gateway}") in line_problems(lay, G)


def _plane(edges: dict[str, list[tuple[int, int]]]) -> Layout:
    return Layout(edges=edges)


class _Graph:
    """The little of a graph ``line_problems`` reads: flows with their ends."""

    def __init__(self, flows):
        self._flows = flows

    def edges(self, data=False):
        return [(u, v, {"id": eid}) for eid, u, v in self._flows]


def test_the_line_check_flags_unrelated_flows_closer_than_apart_and_on_one_line():
    G = _Graph([("f1", "a", "b"), ("f2", "c", "d"), ("f3", "e", "f"), ("f4", "a", "g")])
    lay = _plane({"f1": [(100, 0), (100, 200)], "f2": [(110, 50), (110, 250)],
                  "f3": [(300, 40), (340, 40)], "f4": [(100, 0), (100, 40)]})
    lay.edges["f3b"] = [(320, 40), (400, 40)]
    G._flows.append(("f3b", "h", "i"))
    found = line_problems(lay, G)
    assert ("f1", "runs 10 px beside f2") in found
    assert ("f3", "runs on f3b for 20 px") in found
    assert not any("f4" in flow or "f4" in problem for flow, problem in found)  # f1 and f4 share a step
    lay.edges["f2"] = [(100 + APART, 50), (100 + APART, 250)]
    assert not any("beside" in problem for _, problem in line_problems(lay, G))


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_no_two_unrelated_flows_of_the_models_run_side_by_side_closer_than_apart(path):
    for item in compile_all([path], isolate=False):
        for G in [item.graph, *slide_pages(item.graph)]:
            lay = layout(G)
            found = line_problems(lay, G)
            assert not [p for p in found if "beside" in p[1] or "marker" in p[1]], item.definition.name
            assert not [p for p in label_problems(lay, _flows(G)) if "crossed" in p[1]], item.definition.name
