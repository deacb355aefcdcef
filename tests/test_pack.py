"""The workshop packs of profiles/*.toml, reopened with the readers a project leader has:
Chromium for the report, pikepdf for the PDF, python-pptx for the deck, openpyxl for the log."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.action import PP_ACTION
from pptx.util import Emu

from oir_bpmn.load import compile_all
from oir_bpmn.pack.collect import collect
from oir_bpmn.pack.slides_pptx import consequences_layout
from oir_bpmn.pack.themes import THEMES
from oir_bpmn.profile import STANDARD, load_profile
from pack_fixtures import PROFILES, REPO, run_pack

CLIENTS = REPO / "tools" / "clients"
PACK_FILES = ("rapport.html", "rapport.pdf", "slides.pptx", "beslutninger.xlsx")
A4 = (595.3, 841.9)  # points


def theme_models(profile_path: Path) -> dict[int, dict[str, dict[str, object]]]:
    """Theme number → process key → {variant: graph} for the models in processes/, in writing order."""
    themes: dict[int, dict[str, dict[str, object]]] = {}
    for item in compile_all([REPO / "processes"], load_profile(profile_path)):
        processes = themes.setdefault(item.graph.graph["theme"], {})
        processes.setdefault(item.definition.key, {})[item.definition.variant] = item.graph
    return themes


def graphs_of(processes: dict[str, dict[str, object]]) -> list:
    """Every graph of a theme's processes, current first, lone variants included."""
    return [variants[v] for variants in processes.values() for v in ("current", "future") if v in variants]


def diagram_count(themes) -> int:
    """2 per current/future pair, 1 per process with one variant only."""
    return sum(len(variants) for processes in themes.values() for variants in processes.values())


def notes_with(graphs, prefix: str) -> list[str]:
    """The texts after ``prefix`` of every note in ``graphs``, each once, in graph order."""
    found = []
    for G in graphs:
        for _, data in G.nodes(data=True):
            for note in data["notes"]:
                if note.startswith(prefix):
                    text = note[len(prefix):].strip()
                    if text not in found:
                        found.append(text)
    return found


def settings_to_confirm(profile_path: Path) -> list[str]:
    """Settings whose line comment says "eksempel", and settings the file does not set."""
    text = profile_path.read_text(encoding="utf-8")
    written = tomllib.loads(text)
    flagged = [line.split("=")[0].strip() for line in text.splitlines()
               if re.match(r"\s*\w+\s*=", line) and "#" in line and "eksempel" in line.split("#", 1)[1].lower()]
    return flagged + [name for name in STANDARD if name not in written]


@pytest.fixture(params=[p.stem for p in PROFILES])
def pack(request, built_packs) -> tuple[Path, Path]:
    """(pack folder, profile file) for each profile."""
    return built_packs / request.param, REPO / "profiles" / f"{request.param}.toml"


def test_every_pack_has_its_four_files_and_the_index_links_them(built_packs):
    page = lxml_html.parse(str(built_packs / "index.html")).getroot()
    links = sorted(a.get("href") for a in page.iter("a"))
    assert links == sorted(f"{p.stem}/{name}" for p in PROFILES for name in PACK_FILES)
    assert all((built_packs / link).stat().st_size > 0 for link in links)
    names = [row.findtext("td") for row in page.iter("tr") if row.find("td") is not None]
    assert names == sorted(load_profile(p).name for p in PROFILES)


def test_report_front_page_flags_every_value_to_confirm(pack):
    folder, profile = pack
    page = lxml_html.parse(str(folder / "rapport.html")).getroot()
    assert page.findtext(".//h1") == load_profile(profile).name
    flagged = page.xpath("//section[contains(@class,'front')]//tr[contains(@class,'confirm')]")
    assert len(flagged) == len(settings_to_confirm(profile))
    assert all(row.xpath(".//span[@class='flag']") for row in flagged)


def node_check(files: list[Path]) -> dict:
    if not (shutil.which("node") and (CLIENTS / "node_modules" / "playwright-core").is_dir()):
        if os.environ.get("CI"):
            pytest.fail("node and tools/clients/node_modules are needed: run tools/setup.sh")
        pytest.skip("node or playwright-core missing: run tools/setup.sh")
    done = subprocess.run(["node", str(CLIENTS / "pack_check.mjs"), *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return {Path(page["file"]).parent.name: page for page in json.loads(done.stdout)["pages"]}


@pytest.fixture(scope="module")
def chromium_pages(built_packs) -> dict:
    return node_check([built_packs / p.stem / "rapport.html" for p in PROFILES])


def test_report_opens_offline_in_chromium_with_every_diagram_drawn(pack, chromium_pages):
    folder, profile = pack
    page = chromium_pages[folder.name]
    assert page["consoleErrors"] == [] and page["pageErrors"] == []
    assert page["requests"] == [] and page["failedRequests"] == []
    themes = theme_models(profile)
    assert page["themeSections"] == len(THEMES) == len(themes) == 7
    sections = {section["id"]: section for section in page["sections"]}
    for number, processes in themes.items():
        section = sections[f"tema-{number}"]
        assert section["questions"] == 1
        assert [(p["id"], p["diagrams"]) for p in section["processes"]] == [
            (f"proces-{key}", len(variants)) for key, variants in processes.items()]
    assert len(page["diagrams"]) == diagram_count(themes)
    assert any(list(v) == ["future"] for processes in themes.values() for v in processes.values())  # tema7_beslutning
    for diagram in page["diagrams"]:
        assert diagram["width"] > 100 and diagram["height"] > 50 and diagram["shapes"] > 10, diagram


def test_report_names_a_lone_process_in_danish_and_shows_every_note(pack):
    folder, profile = pack
    page = lxml_html.parse(str(folder / "rapport.html")).getroot()
    text = page.text_content()
    assert "has no" not in text and "variant with key" not in text  # the diff's English warning
    lone = {("future",): "Ny proces, findes ikke i dag", ("current",): "Udgår, findes ikke fremover"}
    for number, processes in theme_models(profile).items():
        section = page.get_element_by_id(f"tema-{number}")
        for key, variants in processes.items():
            flag = section.get_element_by_id(f"proces-{key}").findtext(".//h3/span") or ""
            assert flag == lone.get(tuple(variants), ""), key
        section_text = " ".join(section.text_content().split())
        for note in notes_with(graphs_of(processes), "Spørgsmål:") + notes_with(graphs_of(processes), "Antagelse:"):
            assert " ".join(note.split()) in section_text, note


def test_report_pdf_is_a4_landscape_with_a_page_per_theme_and_no_dates(pack):
    folder, _ = pack
    with pikepdf.open(folder / "rapport.pdf") as pdf:
        assert len(pdf.pages) >= 8
        for page in pdf.pages:
            box = [float(v) for v in page.MediaBox]
            assert abs(box[2] - A4[1]) < 1 and abs(box[3] - A4[0]) < 1
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo


def slide_title(slide) -> str:
    return slide.shapes[0].text_frame.text


def main_part(deck) -> list:
    """The slides before the "Bilag" divider."""
    slides = list(deck.slides)
    return slides[:next(i for i, s in enumerate(slides) if slide_title(s).startswith("Bilag\n"))]


def test_deck_main_part_runs_the_workshop_with_questions_in_the_notes(pack):
    folder, profile = pack
    deck = Presentation(str(folder / "slides.pptx"))
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))  # 13.33 × 7.5 in
    slides = list(deck.slides)
    main = main_part(deck)
    assert len(main) <= 30
    assert load_profile(profile).name in slide_title(slides[0])
    assert [slide_title(s) for s in main[1:3]] == ["Dagsorden", "Nøglebeslutninger"]
    assert slide_title(main[3]).startswith("Arbejdsbyrde")  # hours a year per department, then the themes
    themes = theme_models(profile)
    layout = consequences_layout(collect(["processes"], profile, "x").themes)  # how 30 slides hold them
    for number, processes in sorted(themes.items()):
        theme_slides = [s for s in main if re.match(rf"Tema {number}\b", slide_title(s))]
        kinds = [_slide_kind(s, number) for s in theme_slides]
        # one question slide, then per process, in writing order, its overview (and its consequences)
        assert kinds == ["question"] + {
            "process": ["overview", "consequences"] * len(processes),
            "theme": ["overview"] * len(processes) + ["consequences"],
            "summary": ["overview"] * len(processes)}[layout], number
        notes = theme_slides[0].notes_slide.notes_text_frame.text
        for question in notes_with(graphs_of(processes), "Spørgsmål:"):  # of every process of the theme
            assert question in notes
    bilag = slides[len(main) + 1:]
    drawn = {re.sub(r" \(side \d+/\d+\)$", "", slide_title(s).split(": ", 1)[1]) for s in bilag}
    assert drawn == {G.graph["title"] for processes in themes.values() for G in graphs_of(processes)}
    for overview in (s for s in main if "Overblik" in slide_title(s)):  # one click to its diagram
        targets = [shape.click_action.target_slide for shape in overview.shapes
                   if shape.click_action.action == PP_ACTION.NAMED_SLIDE]
        assert len(targets) == 1 and targets[0] in bilag


def test_agenda_boxes_add_up_to_the_workshop_and_name_who_attends(pack):
    folder, profile = pack
    deck = Presentation(str(folder / "slides.pptx"))
    agenda = next(s for s in deck.slides if slide_title(s) == "Dagsorden")
    table = next(shape.table for shape in agenda.shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells] for row in table.rows][1:]
    minutes = [sum(int(n) * (60 if unit == "t" else 1) for n, unit in re.findall(r"(\d+) (t|min)", row[1]))
               for row in rows]
    assert sum(minutes) == 180
    themed = [row for row in rows if row[2].startswith("Tema ")]
    assert len(themed) == 7 and all("Biblioteket" in row[3] for row in themed)
    lanes = {number: {data["dept"] for G in graphs_of(processes) for _, data in G.nodes(data=True)}
             for number, processes in theme_models(profile).items()}
    for row in themed:
        number = int(row[2].split()[1].rstrip(":"))
        assert ("Debitor-/økonomiafdelingen" in row[3]) == ("finance" in lanes[number]), row


def _slide_kind(slide, number: int) -> str | None:
    title = slide_title(slide)
    for kind, pattern in (("question", rf"Tema {number}: "), ("overview", rf"Tema {number} · Overblik: "),
                          ("consequences", rf"Tema {number} · Konsekvenser\b")):
        if re.match(pattern, title):
            return kind
    return None


def test_every_picture_lies_inside_its_slide_and_no_text_is_under_18_px(pack):
    folder, profile = pack
    deck = Presentation(str(folder / "slides.pptx"))
    pictures = 0
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if shape.shape_type == 13:  # picture
                pictures += 1
                assert shape.width > 0 and shape.height > 0
                assert 0 <= shape.left and shape.left + shape.width <= deck.slide_width, number
                assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height, number
            frames = [shape.text_frame] if shape.has_text_frame else \
                [cell.text_frame for row in shape.table.rows for cell in row.cells] if shape.has_table else []
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:  # 18 px of 1080 on a 7.5 in slide: 9 pt
                        assert run.font.size is not None and run.font.size.pt >= 9, (number, run.text)
    assert pictures >= diagram_count(theme_models(profile))


def test_decision_log_has_the_workshop_sheets_and_a_row_per_question_assumption_and_value(pack):
    folder, profile = pack
    wb = load_workbook(folder / "beslutninger.xlsx")
    assert wb.sheetnames == ["Nøglebeslutninger", "Beslutninger", "RACI", "Opgavens spørgsmål", "Kommunikation",
                             "Arbejdsbyrde"]  # the five of the workshop, and the hours a year
    sheet = wb["Beslutninger"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Type", "Tema", "Spørgsmål", "Forslag/antagelse", "Beslutning", "Ansvarlig", "Frist", "Status"]
    kinds = [row[0] for row in rows[1:]]
    order = ["Nøglebeslutning", "Spørgsmål", "Antagelse", "Profilværdi"]
    assert kinds == sorted(kinds, key=order.index)  # key decisions first, profile values last
    expected = 0
    for number, processes in sorted(theme_models(profile).items()):
        theme_rows = [row for row in rows[1:] if str(row[1]).startswith(f"{number}.") and row[0] != "Nøglebeslutning"]
        questions = notes_with(graphs_of(processes), "Spørgsmål:")  # of every process, lone ones too
        assumptions = notes_with(graphs_of(processes), "Antagelse:")
        assert len(theme_rows) == len(questions) + len(assumptions)
        for question in questions:
            assert any(row[2].startswith(question) for row in theme_rows), question
        expected += len(theme_rows)
    profile_rows = [row for row in rows[1:] if row[1] == "Kommunens profil"]
    assert len(profile_rows) == len(settings_to_confirm(profile))
    assert len(rows) - 1 == expected + len(profile_rows) + kinds.count("Nøglebeslutning")
    assert all(row[4] is None and row[6] is None and row[7] == "Åben" for row in rows[1:])
    assert all(row[5] for row in rows[1:] if row[0] != "Profilværdi" and "trin:" in row[2]), "Ansvarlig suggested"
    for ws in wb:
        header = [cell.value for cell in ws[1]]
        assert ws.freeze_panes == "A2" and ws.page_setup.orientation == "landscape"
        if "Status" in header:
            column = header.index("Status") + 1
            lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
            assert len(lists) == 1 and lists[0].formula1 == '"Åben,Besluttet,Udskudt"'
            from openpyxl.utils import get_column_letter
            assert f"{get_column_letter(column)}2" in str(lists[0].sqref)
    questions = [[c.value for c in row] for row in wb["Opgavens spørgsmål"].iter_rows(min_row=2)]
    assert [row[1] for row in questions] == [THEMES[n].question for n in sorted(THEMES)]
    assert [c.value for c in wb["RACI"][1]][4:] == ["Biblioteket", "Debitor-/økonomiafdelingen", "Betalingsenheden",
                                                    "ØiR-koordinator", "Systematic support"]


def test_a_rebuild_gives_the_same_bytes_with_fixed_timestamps(built_packs, tmp_path):
    profile = PROFILES[0]
    done = run_pack(tmp_path, "processes/", f"--profile=profiles/{profile.name}")
    assert done.returncode == 0, done.stderr
    for name in PACK_FILES:
        assert (tmp_path / profile.stem / name).read_bytes() == (built_packs / profile.stem / name).read_bytes(), name
    for name in ("slides.pptx", "beslutninger.xlsx"):
        with zipfile.ZipFile(tmp_path / profile.stem / name) as archive:
            assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode()
            assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2000-01-01T00:00:00Z"] * 2
