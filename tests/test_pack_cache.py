"""``oir-bpmn pack`` on a small model: rebuild only what changed, errors for people, never a
half-written pack, notes sorted by prefix, profile comments read right."""
from __future__ import annotations

import tomllib

import os
import textwrap
from pathlib import Path

from click.testing import CliRunner
from lxml import html as lxml_html
from openpyxl import load_workbook


from oir_bpmn.cli import main
from oir_bpmn.pack.notes import classify
from oir_bpmn.pack.profile_values import line_comments
from oir_bpmn.profile import STANDARD

MODEL = '''
from oir_bpmn import process, days

@process("Kasse – i dag", variant="current", theme=5, key="kasse")
def i_dag(p):
    bib = p.lane("Biblioteksmedarbejder", dept="library")
    (bib.start("Dagen slutter")
        >> bib.manual("Tæller kassen", key="tael").note("Spørgsmål: Hvem tæller kassen i dag?")
        >> bib.end("Kassen er afstemt"))

@process("Kasse – fremover", variant="future", theme=5, key="kasse")
def fremover(p):
    oek = p.lane("Debitor-/økonomiafdelingen", dept="finance")
    (oek.start("Indbetalinger er kommet")
        >> oek.user("Afstemmer indbetalinger", key="afstem")
            .note("Antagelse: Økonomi afstemmer dagligt.")
            .note("Fra opgaven: Processerne skal udgå på bibliotekerne.")
        >> oek.wait(days(1, 3), "Bankdage")
        >> oek.end("Afstemt"))
'''
PROFILE = '''name = "Prøvekommune"
debtor_system = "KMD Opus"   # eksempel – bekræft
safepay = true               # fra opgaveteksten
'''


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pack(tmp_path, *profiles, env=None):
    args = ["pack", str(tmp_path / "models"), *(f"--profile={p}" for p in profiles), "-o", str(tmp_path / "out")]
    return CliRunner().invoke(main, args, env=env)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_second_run_rebuilds_nothing_and_a_changed_profile_rebuilds_its_pack(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    profile = write(tmp_path / "proevekommune.toml", PROFILE)
    first = pack(tmp_path, profile)
    assert first.exit_code == 0, first.stderr
    assert "Built 1 pack, 0 up to date" in first.stdout
    folder = tmp_path / "out" / "proevekommune"
    before = snapshot(folder)
    again = pack(tmp_path, profile)
    assert again.exit_code == 0 and "Built 0 packs, 1 up to date" in again.stdout
    assert snapshot(folder) == before
    write(profile, PROFILE.replace("KMD Opus", "SAP"))
    changed = pack(tmp_path, profile)
    assert changed.exit_code == 0 and "Built 1 pack, 0 up to date" in changed.stdout
    assert "SAP" in (folder / "rapport.html").read_text(encoding="utf-8")


def test_a_theme_redraws_the_pack_in_its_colours_and_only_a_changed_theme_rebuilds(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    profile = write(tmp_path / "proevekommune.toml", PROFILE)
    theme = ["--theme", str(Path(__file__).resolve().parents[1] / "themes" / "example.toml")]
    report = tmp_path / "out" / "proevekommune" / "rapport.html"
    assert pack(tmp_path, profile).exit_code == 0
    assert "#d6eaf8" not in report.read_text(encoding="utf-8")
    themed = CliRunner().invoke(main, ["pack", str(tmp_path / "models"), f"--profile={profile}",
                                       "-o", str(tmp_path / "out"), *theme])
    assert themed.exit_code == 0 and "Built 1 pack, 0 up to date" in themed.stdout, themed.output
    lanes = lxml_html.parse(str(report)).xpath("//*[local-name()='g'][@class='cluster']/*[local-name()='polygon']/@fill")
    assert "#d6eaf8" in lanes  # the theme's library lane
    again = CliRunner().invoke(main, ["pack", str(tmp_path / "models"), f"--profile={profile}",
                                      "-o", str(tmp_path / "out"), *theme])
    assert again.exit_code == 0 and "Built 0 packs, 1 up to date" in again.stdout


def test_decision_log_takes_questions_and_assumptions_but_not_task_facts(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    result = pack(tmp_path, write(tmp_path / "proevekommune.toml", PROFILE))
    assert result.exit_code == 0, result.stderr
    rows = [[c.value for c in row][1:] for row in load_workbook(tmp_path / "out/proevekommune/beslutninger.xlsx")
            ["Beslutninger"].iter_rows(min_row=2)]
    assert [row[:3] for row in rows if row[0] == "5. Afstemning"] == [
        ["5. Afstemning", "Hvem tæller kassen i dag? (trin: Tæller kassen)", None],
        ["5. Afstemning", "Holder antagelsen? (trin: Afstemmer indbetalinger)", "Økonomi afstemmer dagligt."]]
    confirm = sorted(row[1] for row in rows if row[0] == "Kommunens profil")
    # debtor_system is marked "eksempel"; the standard settings the file leaves out take defaults
    left_out = [name for name in STANDARD if name not in tomllib.loads(PROFILE)]
    assert len(left_out) > 1 and len(confirm) == 1 + len(left_out) and "Bekræft: Debitorsystem" in confirm
    report = (tmp_path / "out/proevekommune/rapport.html").read_text(encoding="utf-8")
    assert "Processerne skal udgå på bibliotekerne." in report
    assert "Gennemløbstid (ventetider): i dag 0 dage, fremover 1–3 dage." in report  # the diff's lead times


def test_bad_profile_is_reported_with_its_file_and_nothing_is_written(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    bad = write(tmp_path / "bad.toml", 'name = "X"\ndebtor_sytem = "SAP"\n')  # a misspelled standard setting
    good = write(tmp_path / "good.toml", PROFILE)
    result = pack(tmp_path, good, bad)
    assert result.exit_code == 1
    assert "bad.toml" in result.stderr and "debtor_sytem" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_two_profiles_with_the_same_file_name_are_refused(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    one, two = write(tmp_path / "a" / "k.toml", PROFILE), write(tmp_path / "b" / "k.toml", PROFILE)
    result = pack(tmp_path, one, two)
    assert result.exit_code == 1 and "same pack folder 'k'" in result.stderr


def test_a_failed_rebuild_keeps_the_old_pack_whole(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    profile = write(tmp_path / "proevekommune.toml", PROFILE)
    assert pack(tmp_path, profile).exit_code == 0
    folder = tmp_path / "out" / "proevekommune"
    before = snapshot(folder)
    result = CliRunner().invoke(
        main, ["pack", str(tmp_path / "models"), f"--profile={profile}", "-o", str(tmp_path / "out"), "--force"],
        env={**os.environ, "CHROMIUM_PATH": str(tmp_path / "no-chromium")})
    assert result.exit_code == 1 and "Chromium" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(folder) == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["index.html", "proevekommune"]


def test_notes_are_sorted_by_prefix():
    assert classify("Spørgsmål: Hvem?") == ("question", "Hvem?")
    assert classify("antagelse:  Dagligt.") == ("assumption", "Dagligt.")
    assert classify("Fra opgaven: Skal udgå.") == ("task_text", "Skal udgå.")
    assert classify("Eksempel: KMD.") == ("other", "Eksempel: KMD.")
    assert classify("Uden kolon") == ("other", "Uden kolon")


def test_profile_comments_ignore_hashes_inside_quotes():
    text = 'name = "Kommune #1"  # eksempel – bekræft\nforms = ["a#b", \'c\']\nflag = true # fra opgaven\n'
    assert line_comments(text) == {"name": "eksempel – bekræft", "forms": "", "flag": "fra opgaven"}


def test_pack_help_names_the_four_files():
    result = CliRunner().invoke(main, ["pack", "--help"])
    assert result.exit_code == 0
    for name in ("rapport.html", "slides.pptx", "beslutninger.xlsx", "index.html", "--profile", "--jobs"):
        assert name in result.output


def test_lone_processes_are_drawn_once_and_named_in_danish_in_their_theme(tmp_path):
    lone = '''
    @process("Ekstra – i dag", variant="current", theme=5, key="ekstra")
    def ekstra(p):
        bib = p.lane("Biblioteksmedarbejder", dept="library")
        bib.start("Start") >> bib.manual("Gør noget").note("Spørgsmål: Kan det udgå?") >> bib.end("Slut")

    @process("Beslutning – fremover", variant="future", theme=2, key="beslut")
    def beslut(p):
        oek = p.lane("Debitor-/økonomiafdelingen", dept="finance")
        oek.start("Start") >> oek.user("Beslutter").note("Antagelse: Økonomi beslutter.") >> oek.end("Slut")
    '''
    write(tmp_path / "models" / "kasse.py", MODEL + textwrap.dedent(lone))
    result = pack(tmp_path, write(tmp_path / "proevekommune.toml", PROFILE))
    assert result.exit_code == 0, result.stderr
    page = lxml_html.parse(str(tmp_path / "out/proevekommune/rapport.html")).getroot()
    assert "has no" not in page.text_content()  # the diff's English warning
    sections = page.xpath("//section[contains(@class,'theme')]")
    assert [s.get("id") for s in sections] == [f"tema-{n}" for n in range(1, 8)]  # all seven, even empty ones
    def process(key):
        div = page.get_element_by_id(f"proces-{key}")
        return div.xpath("ancestor::section")[0].get("id"), div.findtext(".//h3/span"), len(div.xpath(".//svg"))
    assert process("kasse") == ("tema-5", None, 2)
    assert process("ekstra") == ("tema-5", "Udgår, findes ikke fremover", 1)
    assert process("beslut") == ("tema-2", "Ny proces, findes ikke i dag", 1)
    assert "Ingen proces er modelleret for dette tema endnu." in page.get_element_by_id("tema-1").text_content()
    rows = [[c.value for c in row][1:4] for row in load_workbook(tmp_path / "out/proevekommune/beslutninger.xlsx")
            ["Beslutninger"].iter_rows(min_row=2)]
    assert ["5. Afstemning", "Kan det udgå? (Ekstra – i dag, trin: Gør noget)", None] in rows
    assert ["2. Blokerede lånere", "Holder antagelsen? (trin: Beslutter)", "Økonomi beslutter."] in rows


def test_the_same_models_spelled_another_way_rebuild_nothing(tmp_path, monkeypatch):
    write(tmp_path / "models" / "kasse.py", MODEL)
    profile = write(tmp_path / "proevekommune.toml", PROFILE)
    assert pack(tmp_path, profile).exit_code == 0
    monkeypatch.chdir(tmp_path)
    again = CliRunner().invoke(main, ["pack", "./models/", f"--profile={profile}", "-o", str(tmp_path / "out")])
    assert again.exit_code == 0 and "Built 0 packs, 1 up to date" in again.stdout


def test_a_special_file_as_profile_is_refused_before_it_is_read(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    fifo = tmp_path / "kommune.toml"
    os.mkfifo(fifo)
    result = pack(tmp_path, fifo)
    assert result.exit_code == 2 and "is a FIFO (named pipe), not a file" in result.stderr


def test_an_index_that_cannot_be_written_is_one_line(tmp_path):
    write(tmp_path / "models" / "kasse.py", MODEL)
    (tmp_path / "afile").write_text("x")
    args = ["pack", str(tmp_path / "models"), f"--profile={write(tmp_path / 'k.toml', PROFILE)}",
            "-o", str(tmp_path / "afile" / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "oir-bpmn pack: cannot write the index in" in result.stderr
