"""Slide pages: 960 × 540 pt, task text at least 18 px when a page is shown at 1920 × 1080,
processes cut at columns with continuation markers, notes as numbered footnotes, a page per
subprocess."""
from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader
from test_labels import README_STYLE
from test_render import SUBPROCESS

from oir_bpmn.load import compile_all
from oir_bpmn.kinds import family
from oir_bpmn.layout import layout
from oir_bpmn.render import render, write_diagrams
from oir_bpmn.render.slides import slide_pages
from oir_bpmn.text import TASK_TEXT

REPO = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
SCREEN_PX = 1920


def task_text_px(svg: bytes, G) -> list[float]:
    """Height in px of every line of every task name on an SVG page shown 1920 px wide."""
    tree = etree.fromstring(svg)
    width_pt = float(tree.get("width").removesuffix("pt"))
    view_w = float(tree.get("viewBox").split()[2])
    graph = next(g for g in tree.iter(f"{SVG}g") if g.get("class") == "graph")
    scale = float(re.search(r"scale\(([\d.]+)", graph.get("transform")).group(1))  # drawing → viewBox
    px_per_unit = SCREEN_PX / width_pt * width_pt / view_w * scale  # the page fills the screen's width
    sizes = []
    for g in tree.iter(f"{SVG}g"):
        node = g.findtext(f"{SVG}title")
        if g.get("class") == "node" and node in G and family(G.nodes[node]["kind"]) == "activity":
            sizes += [float(t.get("font-size")) * px_per_unit for t in g.iter(f"{SVG}text")
                      if float(t.get("font-size")) == TASK_TEXT]
    return sizes


def slide_files(G, tmp_path, stem):
    paths = write_diagrams(G, tmp_path, stem, formats=("svg", "png", "pdf"), slide=True)
    return ([p for p in paths if p.suffix == ".svg"], [p for p in paths if p.suffix == ".png"],
            next(p for p in paths if p.suffix == ".pdf"))


def check_pages(G, tmp_path, stem):
    svgs, pngs, pdf = slide_files(G, tmp_path, stem)
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) == len(svgs) == len(pngs) >= 1
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (960, 540)
    for png in pngs:
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert abs(width * 9 - height * 16) <= 16  # 16:9 (2560 × 1440 at 192 dpi)
    texts, sizes = [], []
    for svg in svgs:
        tree = etree.fromstring(svg.read_bytes())
        assert (tree.get("width"), tree.get("height")) == ("960pt", "540pt")
        sizes += [(size, svg.name) for size in task_text_px(svg.read_bytes(), G)]
        texts.append(" ".join(t.text or "" for t in tree.iter(f"{SVG}text")))
    assert sizes and min(sizes)[0] >= 18, min(sizes)
    return texts


def readme_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", readme, re.S).group(1).replace("from oir_bpmn import process, days\n", "")


@pytest.mark.parametrize("source", [readme_example(), README_STYLE], ids=["readme", "readme-style"])
def test_models_written_from_the_readme_make_readable_pages(compile_model, tmp_path, source):
    G = compile_model(source)
    texts = check_pages(G, tmp_path, "m")
    notes = [note for _, d in G.nodes(data=True) for note in d["notes"]]
    assert all(note in " ".join(texts) for note in notes)


@pytest.mark.parametrize("path, variant", [("tema2_blokerede_laanere.py", "future"),
                                           ("tema5_afstemning.py", "current")])
def test_wide_process_is_cut_into_readable_pages_with_continuations(tmp_path, path, variant):
    G = next(c.graph for c in compile_all([REPO / "processes" / path]) if c.graph.graph["variant"] == variant)
    assert min(task_text_px(render(G, "svg", slide=True), G)) < 18  # the whole of it on one slide
    texts = check_pages(G, tmp_path, "p")
    n = len(texts)
    assert n > 1
    for k, text in enumerate(texts, 1):
        assert f"({k}/{n})" in text
        if k < n:
            assert re.search(rf"→ \d+/{n}", text)  # a flow goes on on a later page
        if k > 1:
            assert re.search(rf"fra \d+/{n}", text)
    shown = " ".join(texts)
    for _, d in G.nodes(data=True):
        assert all(word in shown for word in d["label"].split()[:1])
        for note in d["notes"]:
            assert note.split()[0] in shown  # notes are footnotes
    assert len(re.findall(r"\[1\]", shown)) >= 2  # numbered marker and its footnote


def test_every_page_of_every_process_is_readable(tmp_path):
    """No page of any model in processes/ shows task text under 18 px, and every step is on one."""
    for c in compile_all(sorted((REPO / "processes").glob("tema*.py"))):
        G = c.graph
        stem = f"{G.graph['key']}_{G.graph['variant']}"
        svgs = write_diagrams(G, tmp_path, stem, formats=("svg",), slide=True)
        sizes = [(min(task_text_px(p.read_bytes(), G), default=18), p.name) for p in svgs]
        assert min(sizes)[0] >= 18, min(sizes)
        shown = {n for page in slide_pages(G) for n in page.nodes}
        assert set(G.nodes) <= shown


def test_process_too_tall_for_a_page_is_cut_top_to_bottom_too():
    G = next(c.graph for c in compile_all([REPO / "processes" / "tema6_overvaagning_fejl.py"])
             if c.graph.graph["variant"] == "future")
    boxes = layout(G).nodes
    spans = [(min(boxes[n].x for n in ns), max(boxes[n].right for n in ns))
             for ns in ([n for n in page.nodes if n in boxes and page.nodes[n]["parent"] is None]
                        for page in slide_pages(G)) if ns]
    assert any(a[0] < b[1] and b[0] < a[1] for i, a in enumerate(spans) for b in spans[i + 1:])


def test_every_subprocess_gets_its_own_page(compile_model):
    G = compile_model(SUBPROCESS)
    pages = slide_pages(G)
    subs = [p for p in pages if "›" in p.graph["title"]]
    assert len(subs) == 1 and "Afstem kassen" in subs[0].graph["title"]
    assert {d["label"] for _, d in subs[0].nodes(data=True)} >= {"Kassen lukkes", "Talt"}
    main = pages[0]
    assert any("side" in d["label"] for _, d in main.nodes(data=True) if d["kind"] == "subProcess")
    assert any("Hvem tæller?" in line for line in subs[0].graph["footnotes"])


def test_build_writes_diff_pictures_as_slide_pages_in_the_asked_formats(tmp_path):
    from click.testing import CliRunner

    from oir_bpmn.cli import main

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(REPO / "processes" / "tema5_afstemning.py"), "-o", str(out),
                                       "--slide", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    pdf = out / "diff" / "tema5_afstemning.pdf"
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) >= 2
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == (960, 540) for p in reader.pages)
    assert not list((out / "diff").glob("*.png")) and not list((out / "diff").glob("*.svg"))
    assert (out / "diff" / "tema5_afstemning.md").is_file() and (out / "diff" / "tema5_afstemning.bpmn").is_file()
