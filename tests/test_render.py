"""Graphviz diagrams: every step and lane shown, BPMN look, slide sizes, same bytes every run."""
from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from lxml import etree

from oir_bpmn.render import theme
from oir_bpmn.layout import layout
from oir_bpmn.layout.sizes import LABEL_LINE
from oir_bpmn.load import compile_all
from oir_bpmn import kinds
from oir_bpmn.kinds import family
from oir_bpmn.model import DEPARTMENT_NAMES
from oir_bpmn.render import GraphvizMissing, render, write_diagrams
from oir_bpmn.render.markup import font, label, strike

REPO = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"

EXAMPLE = '''
@process("Blokeret låner betaler", variant="future", theme=2)
def blokeret_laaner(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteket", dept="library")
    debitor = p.lane("Debitorsystem", dept="finance")
    fbs = p.lane("FBS", dept="system")
    sup = p.pool("Systematic support", dept="external")
    valg = bib.decide("Hvordan betaler låneren?")
    henvis = bib.user("Henvis til betalingskanaler", key="henvis").note("Spørgsmål: hvilke kanaler tilbyder vi?")
    laaner.start("Kan ikke låne: gæld over grænsen") >> henvis >> valg
    kontakt = bib.send("Kontakt support")
    henvis >> kontakt >> bib.end("Support kontaktet")
    slut = laaner.end("Kan låne igen")
    (valg.when("Mulighed A") >> laaner.task("Betaler via Mit betalingsoverblik", key="betal")
        >> debitor.service("Registrerer indbetaling") >> debitor.wait(days(1, 3), "Overførsel til FBS")
        >> fbs.service("Ophæver spærring") >> slut)
    valg.otherwise("Mulighed B") >> laaner.manual("Viser kvittering") >> bib.user("Låser manuelt op") >> slut
    fejl = sup.start("Fejl modtaget", event="message")
    fejl >> sup.task("Gensender") >> [sup.task("Tjek FBS"), sup.task("Tjek debitor")] >> sup.end("Løst")
    kontakt.message_to(fejl, "Fejlrapport")
'''

SUBPROCESS = '''
@process("Kasseafstemning", variant="current", theme=5)
def kasse(p):
    bib = p.lane("Biblioteket", dept="library")
    oek = p.lane("Økonomi", dept="finance")
    sub = bib.subprocess("Afstem kassen")
    sub.start("Kassen lukkes") >> sub.manual("Tæl kontanter").note("Spørgsmål: Hvem tæller?") >> sub.end("Talt")
    race = oek.race("Hvad sker først?")
    bib.start("Dagen slutter") >> sub >> oek.service("Tjek differencer") >> race
    race >> oek.wait(hours(4), key="frist") >> oek.end("Opgivet", event="terminate")
    race >> oek.wait_message("Svar fra banken") >> oek.script("Bogfør") >> oek.end("Bogført")
'''

STAIRS = '''
@process("Trappe", variant="current")
def trappe(p):
    a = p.lane("Første", dept="library")
    b = p.lane("Anden", dept="finance")
    c = p.lane("Tredje", dept="system")
    a.start("Start") >> a.task("Et") >> b.task("To") >> c.task("Tre") >> c.end("Slut")
'''


@pytest.fixture
def example(compile_model):
    return compile_model(EXAMPLE)


@pytest.fixture
def subprocess_graph(compile_model):
    return compile_model(SUBPROCESS)


def svg_tree(G, slide=False):
    return etree.fromstring(render(G, "svg", slide=slide))


def groups(tree, cls):
    """``{title: <g>}`` of the SVG groups of a class ("node", "edge", "cluster")."""
    return {g.findtext(f"{SVG}title"): g for g in tree.iter(f"{SVG}g") if g.get("class") == cls}


def text_of(g) -> str:
    """The text lines of a group joined by spaces (labels are wrapped over several lines)."""
    return " ".join(t.text or "" for t in g.iter(f"{SVG}text"))


def all_text(tree) -> str:
    return " ".join((t.text or "").strip() for t in tree.iter(f"{SVG}text"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def svg_size_pt(tree) -> tuple[float, float]:
    return tuple(float(tree.get(attr).removesuffix("pt")) for attr in ("width", "height"))


def check_diagram(G, tree):
    """Every shown step's label, every lane as a cluster, the legend and the title are in the SVG."""
    nodes = groups(tree, "node")
    for n, d in G.nodes(data=True):
        if d["parent"] is None and d["label"]:
            assert n in nodes, f"step {n} missing"
            assert " ".join(d["label"].split()) in text_of(nodes[n])  # wrapped between words
    clusters = groups(tree, "cluster")
    for lane_id, lane in G.graph["lanes"].items():
        assert text_of(clusters[f"cluster_{lane_id}"]) == lane["name"]
    for pool in G.graph["pools"]:
        assert pool["name"] in text_of(clusters[f"cluster_{pool['id']}"])
    text = all_text(tree)
    assert G.graph["title"] in text and "Afdelinger:" in text
    depts = {lane["dept"] for lane in G.graph["lanes"].values()}
    for dept in depts:
        assert DEPARTMENT_NAMES[dept] in text


def test_no_text_makes_no_markup():  # Graphviz refuses <FONT></FONT>, <S></S> and <>
    assert (font([""], 12), strike(""), label("")) == ("", "", "")
    assert font(["", "x"], 12) == '<FONT POINT-SIZE="12"><BR/>x</FONT>'


def test_example_svg_shows_every_step_lane_and_legend(example):
    tree = svg_tree(example)
    check_diagram(example, tree)
    text = all_text(tree)
    assert "Fremtidig · Tema 2" in text
    assert "Spørgsmål: hvilke kanaler tilbyder vi?" in text
    assert "1–3 dage" in text and "◷" in text  # timer with its duration


def test_lanes_are_clusters_filled_with_department_colour(example):
    clusters = groups(svg_tree(example), "cluster")
    lane = clusters["cluster_Lane_biblioteket"].find(f"{SVG}polygon")
    assert lane.get("fill") == theme.THEME.dept_color("library")
    assert len([t for t in clusters if t.startswith("cluster_Lane_")]) == len(example.graph["lanes"])


def test_flows_have_their_bpmn_line_style(example):
    edges = {g.get("id"): g for g in svg_tree(example).iter(f"{SVG}g") if g.get("class") == "edge"}
    message = edges["MessageFlow_kontakt_support_fejl_modtaget"]
    assert message.find(f"{SVG}path").get("stroke-dasharray")
    assert "Fejlrapport" in text_of(message)
    sequence = edges["Flow_betal_registrerer_indbetaling"]
    assert sequence.find(f"{SVG}path").get("stroke-dasharray") is None
    notes = [g for g in edges.values() if "TextAnnotation" in g.findtext(f"{SVG}title")]
    assert notes and all(g.find(f"{SVG}path").get("stroke-dasharray") for g in notes)


def test_shapes_and_markers(example):
    nodes = groups(svg_tree(example), "node")
    assert "⚙ automatisk" in text_of(nodes["Activity_registrerer_indbetaling"])
    assert "✍ manuel" in text_of(nodes["Activity_viser_kvittering"])
    assert "×" in text_of(nodes["Gateway_hvordan_betaler_laaneren"])
    assert nodes["Event_kan_laane_igen"].find(f"{SVG}ellipse").get("stroke-width") == "3"
    assert len(nodes["Event_overfoersel_til_fbs"].findall(f"{SVG}ellipse")) == 2  # intermediate
    auto = nodes["Gateway_fork__gensender"].find(f"{SVG}polygon").get("points")
    chosen = nodes["Gateway_hvordan_betaler_laaneren"].find(f"{SVG}polygon").get("points")
    assert _width(auto) < _width(chosen)  # inserted gateways are drawn small


def _width(points: str) -> float:
    xs = [float(p.split(",")[0]) for p in points.split()]
    return max(xs) - min(xs)


def test_subprocess_is_one_box_with_its_notes(subprocess_graph):
    tree = svg_tree(subprocess_graph)
    check_diagram(subprocess_graph, tree)
    nodes = groups(tree, "node")
    box = text_of(nodes["Activity_afstem_kassen"])
    assert "⊞" in box and "3 trin" in box
    assert "Activity_tael_kontanter" not in nodes  # drawn collapsed
    assert "Hvem tæller?" in all_text(tree)  # the inner step's note is kept
    assert "⬠" in text_of(nodes["Gateway_hvad_sker_foerst"])
    assert "4 timer" in text_of(nodes["Event_frist"])


def test_lanes_stack_in_declaration_order(compile_model):
    G = compile_model(STAIRS)
    check_bands(G, svg_tree(G))


def check_bands(G, tree):
    """Lanes are bands stacked top to bottom in declaration order, every step inside its lane."""
    clusters = groups(tree, "cluster")
    boxes = {title[len("cluster_"):]: bbox(g.find(f"{SVG}polygon")) for title, g in clusters.items()}
    declared = [lane for pool in G.graph["pools"] for lane in pool["lanes"]]
    tops = [boxes[lane][1] for lane in declared]
    assert tops == sorted(tops), f"lanes out of order: {sorted(declared, key=lambda l: boxes[l][1])}"
    for upper, lower in zip(declared, declared[1:]):
        assert boxes[upper][3] <= boxes[lower][1] + 0.5  # bands, no overlap
    nodes = groups(tree, "node")
    for n, d in G.nodes(data=True):
        if d["parent"] is None:
            x0, y0, x1, y1 = boxes[d["lane"] or d["pool"]]
            shape = next(e for e in nodes[n] if e.tag in (f"{SVG}ellipse", f"{SVG}polygon", f"{SVG}path"))
            sx0, sy0, sx1, sy1 = bbox(shape)
            cx, cy = (sx0 + sx1) / 2, (sy0 + sy1) / 2
            assert x0 < cx < x1 and y0 < cy < y1, f"{n} lies outside {d['lane'] or d['pool']}"


def bbox(shape) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of an SVG ellipse, polygon or path."""
    if shape.tag == f"{SVG}ellipse":
        cx, cy, rx, ry = (float(shape.get(a)) for a in ("cx", "cy", "rx", "ry"))
        return cx - rx, cy - ry, cx + rx, cy + ry
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", shape.get("points") or shape.get("d"))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_write_diagrams_png_pdf_and_svg(example, tmp_path):
    paths = write_diagrams(example, tmp_path, "tema2", formats=("svg", "png", "pdf"))
    assert paths == [tmp_path / "tema2.svg", tmp_path / "tema2.png", tmp_path / "tema2.pdf"]
    width_pt, height_pt = svg_size_pt(etree.parse(str(paths[0])).getroot())
    width, height = png_size(paths[1].read_bytes())
    shrink = min(1.0, 4096 / (max(width_pt, height_pt) * 192 / 72))  # 2x, but no side over 4096 px
    assert abs(width - width_pt * 192 / 72 * shrink) <= 3 and abs(height - height_pt * 192 / 72 * shrink) <= 3
    assert max(width, height) <= 4096
    pdf = paths[2].read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    assert b"DejaVuSans" in pdf  # the font is embedded
    assert not list(tmp_path.glob(".*.tmp"))


def test_slide_pngs_are_16_9_at_2x(example, tmp_path):
    pngs = write_diagrams(example, tmp_path, "slide", formats=("png",), slide=True)
    assert pngs
    for png in pngs:
        width, height = png_size(png.read_bytes())
        assert abs(width - 2560) <= 2 and abs(height - 1440) <= 2  # 13.33 × 7.5 in at 192 dpi


def test_same_model_same_bytes(example, compile_model):
    again = compile_model(EXAMPLE)
    assert render(example, "svg") == render(again, "svg")
    assert render(example, "pdf", slide=True) == render(again, "pdf", slide=True)


def test_missing_graphviz_says_how_to_install(example, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "")
    out = tmp_path / "out"
    with pytest.raises(GraphvizMissing, match="apt-get install graphviz") as err:
        write_diagrams(example, out, "x")
    assert "brew install graphviz" in str(err.value)
    assert not out.exists()  # nothing half-written


def test_unknown_format_is_refused(example, tmp_path):
    with pytest.raises(ValueError, match="svg, png, pdf"):
        write_diagrams(example, tmp_path, "x", formats=("gif",))


MODELS = sorted((REPO / "processes").glob("*.py"))


@pytest.fixture(scope="module")
def model_trees():
    """(graph, slide SVG tree) of every model in processes/."""
    return [(c.graph, svg_tree(c.graph, slide=True)) for c in compile_all([REPO / "processes"])]


@pytest.mark.skipif(not MODELS, reason="no models in processes/ yet")
def test_every_model_in_processes_renders(model_trees):
    for G, tree in model_trees:
        check_diagram(G, tree)


@pytest.mark.skipif(not MODELS, reason="no models in processes/ yet")
def test_every_model_stacks_its_lanes_in_declaration_order(model_trees):
    for G, tree in model_trees:
        check_bands(G, tree)


@pytest.mark.skipif(not MODELS, reason="no models in processes/ yet")
def test_every_event_and_gateway_label_has_the_room_the_layout_reserved(model_trees):
    for G, tree in model_trees:
        plan, nodes = layout(G), groups(tree, "node")
        for n, d in G.nodes(data=True):
            if d["parent"] is None and family(d["kind"]) in ("event", "gateway"):
                marker = kinds.marker(d["kind"], d["event"])
                drawn = [t.text for t in nodes[n].iter(f"{SVG}text") if t.text != marker]
                reserved = plan.labels[n].h // LABEL_LINE if n in plan.labels else 0
                assert len(drawn) <= reserved, (G.graph["key"], n, drawn, reserved)
