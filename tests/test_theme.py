"""Themes: the default look, a municipality's own colours from one TOML file, errors for people."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from oir_bpmn.load import compile_all
from oir_bpmn.render import render
from oir_bpmn.render.theme import DEPT_COLORS, THEME, ThemeError, load_theme

REPO = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


def test_default_theme_has_a_fill_and_stroke_per_department_and_four_change_looks():
    assert THEME.dept_fills == DEPT_COLORS and THEME.dept_color("library") == DEPT_COLORS["library"]
    assert THEME.dept_color(None) == THEME.no_dept_fill
    assert set(THEME.changes) == {"moved", "added", "changed", "removed"}


def test_example_theme_colours_the_diagram():
    theme = load_theme(REPO / "themes" / "example.toml")
    assert theme.dept_color("library") == "#d6eaf8" and theme.dept_stroke("finance") == "#ca6f1e"
    assert theme.dept_color("system") == THEME.dept_color("system")  # not in the file: default
    assert theme.changes["moved"].stroke == "#c0392b" and theme.changes["moved"].name == "Flyttet"
    assert theme.title_pt == 26
    G = compile_all([REPO / "processes" / "tema2_blokerede_laanere.py"])[0].graph
    tree = etree.fromstring(render(G, "svg", theme=theme))
    lanes = [g for g in tree.iter(f"{SVG}g") if g.get("class") == "cluster"
             and G.graph["lanes"].get((g.findtext(f"{SVG}title") or "").removeprefix("cluster_"), {}).get("dept")
             == "library"]
    assert lanes and all(g.find(f"{SVG}polygon").get("fill") == "#d6eaf8" for g in lanes)
    notes = [p.get("fill") for p in tree.iter(f"{SVG}polygon") if p.get("fill") == "#fff4c2"]
    assert notes  # the fill of the open questions


@pytest.mark.parametrize("text, where", [
    ('ink = "red"', "ink"),
    ('[departments.library]\nfill = "#12345"', "departments.library.fill"),
    ('[departments.bibliotek]\nfill = "#123456"', "departments.bibliotek"),
    ('[changes.moved]\ncolour = "#123456"', "colour"),
    ('colour = "#123456"', "unknown key 'colour'"),
    ("title_pt = 200", "title_pt"),
    ("ink = ", "cannot read"),
])
def test_a_bad_theme_file_says_where_and_what_to_do(tmp_path, text, where):
    path = tmp_path / "kommune.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    assert str(path) in str(caught.value) and where in str(caught.value)


def test_missing_theme_file(tmp_path):
    with pytest.raises(ThemeError, match="cannot read"):
        load_theme(tmp_path / "findes_ikke.toml")


PAIR = '''
from oir_bpmn import process

@process("Kasse – i dag", variant="current", theme=5, key="kasse")
def i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    bib.start("Dagen slutter") >> bib.manual("Afstemmer kassen", key="afstem") >> bib.end("Afstemt")

@process("Kasse – fremover", variant="future", theme=5, key="kasse")
def fremover(p):
    oek = p.lane("Debitor-/økonomiafdelingen", dept="finance")
    oek.start("Indbetalinger er kommet") >> oek.user("Afstemmer kassen", key="afstem") >> oek.end("Afstemt")
'''
BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"


def _lane_fills(svg: Path) -> set[str]:
    tree = etree.parse(str(svg))
    return {g.find(f"{SVG}polygon").get("fill") for g in tree.iter(f"{SVG}g")
            if g.get("class") == "cluster" and g.find(f"{SVG}polygon") is not None}


def _moved_stroke(bpmn: Path) -> str:
    tree = etree.parse(str(bpmn))
    (shape,) = [s for s in tree.iter("{*}BPMNShape") if s.get("bpmnElement") == "Activity_afstem"]
    return shape.get(f"{{{BIOC}}}stroke")


def test_build_and_diff_draw_in_the_theme_given_on_the_command_line(tmp_path):
    from click.testing import CliRunner
    from oir_bpmn.cli import main
    models = tmp_path / "kasse.py"
    models.write_text(PAIR, encoding="utf-8")
    theme = str(REPO / "themes" / "example.toml")
    plain = CliRunner().invoke(main, ["build", str(models), "-o", str(tmp_path / "plain"), "--format", "svg"])
    own = CliRunner().invoke(main, ["build", str(models), "-o", str(tmp_path / "own"), "--format", "svg",
                                    "--theme", theme])
    assert plain.exit_code == 0 and own.exit_code == 0, own.output
    stem = "kasse_current"
    assert "#d6eaf8" in _lane_fills(tmp_path / "own" / "diagrams" / f"{stem}.svg")
    assert "#d6eaf8" not in _lane_fills(tmp_path / "plain" / "diagrams" / f"{stem}.svg")
    assert _moved_stroke(tmp_path / "own" / "diff" / "kasse.bpmn") == "#c0392b"
    assert _moved_stroke(tmp_path / "plain" / "diff" / "kasse.bpmn") == THEME.changes["moved"].stroke
    diffed = CliRunner().invoke(main, ["diff", str(models), "-o", str(tmp_path / "diff"), "--theme", theme])
    assert diffed.exit_code == 1, diffed.output  # 1: the variants differ
    assert _moved_stroke(tmp_path / "diff" / "kasse.bpmn") == "#c0392b"


@pytest.mark.parametrize("command", ["build", "diff", "pack"])
def test_a_bad_theme_on_the_command_line_is_one_message_and_nothing_is_written(tmp_path, command):
    from click.testing import CliRunner
    from oir_bpmn.cli import main
    models = tmp_path / "kasse.py"
    models.write_text(PAIR, encoding="utf-8")
    theme = tmp_path / "farver.toml"
    theme.write_text('[departments.library]\nfill = "lyseblå"\n', encoding="utf-8")
    result = CliRunner().invoke(main, [command, str(models), "-o", str(tmp_path / "out"), "--theme", str(theme)])
    assert result.exit_code == 2
    assert "departments.library.fill" in result.output and "#rrggbb" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
