"""Long titles and names, and emoji: shown shortened or wrapped where room is short, kept whole in
the BPMN documentation, warned about past a sensible length; emoji drawn in colour."""
from __future__ import annotations

import io
import os
import re
import shutil

import pytest
from click.testing import CliRunner
from lxml import etree

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.bpmn.read import read_bpmn
from oir_bpmn.cli import main
from oir_bpmn.text import wrap
from oir_bpmn.verify.geometry import band_label_problems, geometry_problems, load_diagram

BPMN_NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
TITLE = ("Håndtering af mellemværender for lånere uden dansk CPR-nummer, herunder udenlandske borgere, "
         "turister, studerende og institutionslånere, når kommunen ikke ønsker erstatnings-CPR 📚💸, "
         "og debitor-/økonomiafdelingen derfor skal fakturere manuelt eller afskrive fordringen helt")
LANE = "Biblioteksmedarbejderen i udlånet og ved skranken på hovedbiblioteket 📖"
MODEL = f"""
    @process({TITLE!r}, variant="future", theme=7, key="lang")
    def lang(p):
        bib = p.lane({LANE!r}, dept="library")
        fin = p.lane("Debitor-/økonomiafdelingen", dept="finance")
        (bib.start("Låner uden CPR har et mellemværende 💰")
            >> bib.user("Kontrollerer mellemværendet")
            >> fin.user("Sender manuel faktura")
            >> fin.end("Faktureret"))
    """


@pytest.fixture
def long_bpmn(compile_model, tmp_path):
    path = tmp_path / "lang.bpmn"
    path.write_bytes(bpmn_bytes(compile_model(MODEL)))
    return path


def _named(root, tag: str) -> list[etree._Element]:
    return root.findall(f".//bpmn:{tag}", BPMN_NS)


def test_a_long_pool_or_lane_name_is_shortened_in_the_bpmn_and_kept_whole_in_its_documentation(long_bpmn):
    root = etree.parse(str(long_bpmn)).getroot()
    [pool] = _named(root, "participant")
    lane = next(lane for lane in _named(root, "lane") if lane.get("name").startswith("Biblioteks"))
    for element, whole in ((pool, TITLE), (lane, LANE)):
        shown = element.get("name")
        assert shown.endswith(" …") and whole.startswith(shown[:-2]) and len(shown) < len(whole)
        docs = [doc.text for doc in element.findall("bpmn:documentation", BPMN_NS)]
        assert f"Fuldt navn: {whole}" in docs
    assert geometry_problems(etree.parse(str(long_bpmn)).getroot()) == []
    G = read_bpmn(long_bpmn)  # read back: the whole names, the department still known
    assert G.graph["pools"][0]["name"] == TITLE
    lanes = {lane["name"]: lane["dept"] for lane in G.graph["lanes"].values()}
    assert lanes[LANE] == "library"


def test_a_lane_renamed_in_a_modeler_is_read_with_its_new_name(long_bpmn, tmp_path):
    root = etree.parse(str(long_bpmn)).getroot()
    lane = next(lane for lane in _named(root, "lane") if lane.get("name").startswith("Biblioteks"))
    lane.set("name", "Skranken")  # the documentation still holds the old whole name
    edited = tmp_path / "edited.bpmn"
    edited.write_bytes(etree.tostring(root))
    names = {lane["name"] for lane in read_bpmn(edited).graph["lanes"].values()}
    assert "Skranken" in names and LANE not in names


def test_verify_flags_a_pool_name_written_over_its_lanes(long_bpmn, tmp_path):
    root = etree.parse(str(long_bpmn)).getroot()
    _named(root, "participant")[0].set("name", TITLE)  # as written before: the whole title
    edited = tmp_path / "edited.bpmn"
    edited.write_bytes(etree.tostring(root))
    problems = band_label_problems(load_diagram(root))
    assert len(problems) == 1 and problems[0].startswith("Participant_") and "over the lanes" in problems[0]
    assert problems[0] in geometry_problems(root)


def _svg_texts(svg: bytes) -> list[str]:
    root = etree.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
@pytest.mark.parametrize("slide", [False, True])
def test_the_diagram_title_wraps_instead_of_making_the_drawing_as_wide_as_it(compile_model, slide):
    from oir_bpmn.render import render
    G = compile_model(MODEL)
    svg = render(G, "svg", slide=slide)
    texts = _svg_texts(svg)
    title_lines = [t for t in texts if t and t.split()[0] in TITLE.split() and t in TITLE]
    assert 2 <= len(title_lines) <= 3, texts
    assert max(map(len, texts)) < 110
    root = etree.fromstring(svg)
    page = float(root.get("viewBox").split()[2])
    pools = [_width(g) for g in root.iter("{http://www.w3.org/2000/svg}g")
             if g.get("class") == "cluster" and "Participant" in "".join(g.itertext())]
    if slide:  # the drawing fills the page, not 10 % of it under a page-wide title
        assert pools and max(pools) > 0.6 * page
    else:
        assert page < 1600


def _width(group) -> float:
    polygon = group.find("{http://www.w3.org/2000/svg}polygon")
    xs = [float(point.split(",")[0]) for point in polygon.get("points").split()]
    return max(xs) - min(xs)


def test_check_warns_about_names_past_a_sensible_length(model_file):
    result = CliRunner().invoke(main, ["check", str(model_file(MODEL))])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert any("process title" in w and f"{len(TITLE)} characters" in w for w in warnings), warnings
    assert any("lane name" in w and "Biblioteksmedarbejderen" in w for w in warnings), warnings
    assert not any("Debitor-/økonomiafdelingen" in w for w in warnings)


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_emoji_are_drawn_in_colour(compile_model):
    """Noto Color Emoji (tools/setup.sh) draws them; without it they are grey boxes."""
    from PIL import Image

    from oir_bpmn.render import render
    G = compile_model("""
        @process("Emoji")
        def emoji(p):
            bib = p.lane("Biblioteket", dept="library")
            bib.start("S") >> bib.task("💰💰💰💰💰💰") >> bib.end("E")
        """)
    image = Image.open(io.BytesIO(render(G, "png"))).convert("RGB")
    data = image.tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3])
    colourful = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 80 and r > 150 and b < 100)
    assert colourful > 50  # the coin bags are yellow-orange; the lane fill is pale blue
    assert wrap("💰 💰", 10, 10) == ["💰", "💰"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_build_says_when_no_installed_font_draws_the_emoji(model_file, tmp_path, monkeypatch):
    model = model_file(MODEL)
    result = CliRunner().invoke(main, ["build", str(model), "-o", str(tmp_path / "ud")])
    assert result.exit_code == 0 and "emoji" not in result.output  # Noto Color Emoji is installed
    bin_dir = tmp_path / "bin"  # a fontconfig that knows no font with the emoji
    bin_dir.mkdir()
    (bin_dir / "fc-list").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (bin_dir / "fc-list").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    result = CliRunner().invoke(main, ["build", str(model), "-o", str(tmp_path / "ud2"), "--format", "svg"])
    assert result.exit_code == 0, result.output
    assert "warning: labels hold emoji (📚)" in result.output and "fonts-noto-color-emoji" in result.output
