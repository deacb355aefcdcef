"""Text measurement: the committed DejaVu Sans table, and the layout and renderers using it alike."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from lxml import etree

from oir_bpmn.fontmetrics import REGULAR, UNITS_PER_EM
from oir_bpmn.layout import layout
from oir_bpmn.layout.sizes import ICON, TASK_LINE, TASK_LINES, TASK_PAD, task_lines, task_size
from oir_bpmn.load import compile_all
from oir_bpmn.kinds import family
from oir_bpmn.render import render
from oir_bpmn.text import TASK_TEXT, text_width, wrap

REPO = Path(__file__).resolve().parents[1]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SVG = "{http://www.w3.org/2000/svg}"


def test_table_matches_the_dejavu_font_files():
    pytest.importorskip("fontTools")
    if not FONT.is_file():
        pytest.skip("fonts-dejavu-core is not installed (tools/setup.sh installs it)")
    spec = importlib.util.spec_from_file_location("font_metrics", REPO / "tools" / "font_metrics.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert (REPO / "oir_bpmn" / "fontmetrics.py").read_text(encoding="utf-8") == tool.source()


def test_widths_are_the_fonts_advance_widths():
    assert text_width("W", 10) == pytest.approx(REGULAR["W"] * 10 / UNITS_PER_EM)
    assert text_width("æøå ÆØÅ", 12) == pytest.approx(sum(REGULAR[c] for c in "æøå ÆØÅ") * 12 / UNITS_PER_EM)
    assert text_width("Låner", 12, bold=True) > text_width("Låner", 12)
    assert all(ch in REGULAR for ch in "☺✍⚙✉✎▦◷⚡●×⬠○✱⊞–…→")  # the markers the diagrams draw


def test_wrap_breaks_between_words_within_the_width():
    lines = wrap("Registrerer indbetalingen og udligner fordringen", 120, 12)
    assert " ".join(lines) == "Registrerer indbetalingen og udligner fordringen"
    assert all(text_width(s, 12) <= 120 for s in lines if " " in s)


@pytest.mark.parametrize("name", ["Afviser udlån", "Gennemfører betaling med Dankort",
                                  "Betaler via kommunens betalingsløsning og gemmer kvitteringen",
                                  "Afklarer betalingsløsninger og tilkøbte betalingsformer"])
def test_task_boxes_are_of_the_family_and_leave_the_icon_corner_free(name):
    w, h = task_size(name)
    assert w % 20 == 0 and 100 <= w <= 200 and h in (80, 100)
    lines = task_lines(name, w)
    assert len(lines) <= TASK_LINES
    assert (h - len(lines) * TASK_LINE) / 2 >= ICON  # the name starts below the type icon
    assert all(text_width(line, TASK_TEXT) <= w - 2 * TASK_PAD for line in lines)


def test_short_name_keeps_camunda_size():
    assert task_size("Afviser udlån") == (100, 80)


def test_renderer_sets_every_task_name_at_full_size_inside_its_layout_box():
    """No shrinking: every line of every task is drawn at the size the layout measured, and the
    SVG text that Graphviz measured (its own font metrics) fits the box."""
    for item in compile_all([REPO / "processes" / "tema2_blokerede_laanere.py"]):
        G = item.graph
        plan = layout(G)
        tree = etree.fromstring(render(G, "svg"))
        nodes = {g.findtext(f"{SVG}title"): g for g in tree.iter(f"{SVG}g") if g.get("class") == "node"}
        tasks = [n for n, d in G.nodes(data=True)
                 if d["parent"] is None and family(d["kind"]) not in ("event", "gateway")]
        assert tasks
        for n in tasks:
            box = plan.nodes[n]
            texts = [t for t in nodes[n].iter(f"{SVG}text") if (t.text or "").strip()]
            name = [t for t in texts if float(t.get("font-size")) == TASK_TEXT]
            assert " ".join(t.text for t in name) == " ".join(G.nodes[n]["label"].split())
            assert len(name) == len(task_lines(G.nodes[n]["label"], box.w)) <= TASK_LINES
