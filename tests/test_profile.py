"""Profiles are open, located and named in every output."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import etree

from oir_bpmn.cli import main
from oir_bpmn.load import compile_all
from oir_bpmn.problems import DSLError
from oir_bpmn.profile import STANDARD, load_profile
from oir_bpmn.profile_toml import toml_value

MODEL = '''
@process("Billetbetaling", variant="future")
def billet(p):
    bib = p.lane("Biblioteket", dept="library")
    start = bib.start("Låner vil betale")
    if p.profile.get("billetsystem", False):
        start >> bib.service("Betaling i billetsystemet", key="billet") >> bib.end("Betalt")
    else:
        start >> bib.user("Betaling i FBS", key="fbs") >> bib.end("Betalt")
'''


def write(tmp_path, text: str):
    path = tmp_path / "kommune.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line", [
    ('name = "Testby"\nsafepay = tru\n', 2),
    ('name = "Testby"\n\n\npayment_forms = ["Dankort",\n', 4),
    ('name = "Testby"\nsafepay = "ja"\n', 2),
    ('name = "Testby"\n\ndebtor_sytem = "SAP"\n', 3),
    ('safepay = true\nname = "Test\\u0001by"\n', 2),  # a character no BPMN file can hold
    ('safepay = true\npayment_forms = ["Kort", "Kontant\\u0000"]\n', 2),
])
def test_profile_errors_name_their_line(tmp_path, text, line):
    with pytest.raises(DSLError) as err:
        load_profile(write(tmp_path, text))
    assert [p.line for p in err.value.problems] == [line]


def test_a_misspelled_standard_setting_gets_the_closest_name(tmp_path):
    with pytest.raises(DSLError) as err:
        load_profile(write(tmp_path, 'debtor_sytem = "SAP"\n'))
    assert "did you mean 'debtor_system'?" in err.value.problems[0].message


def test_own_settings_are_kept_and_read_with_a_default(tmp_path, model_file):
    profile = load_profile(write(tmp_path, 'name = "Testby Kommune"\nbilletsystem = true\nwebshop = ["A", "B"]\n'))
    assert profile.get("billetsystem") is True and profile.webshop == ("A", "B")
    assert profile.get("ukendt", 7) == 7
    path = model_file(MODEL)
    keys = {d["key"] for _, d in compile_all([path], profile)[0].graph.nodes(data=True)}
    assert "billet" in keys and "fbs" not in keys
    keys = {d["key"] for _, d in compile_all([path])[0].graph.nodes(data=True)}
    assert "fbs" in keys and "billet" not in keys


def test_a_model_reading_a_misspelled_setting_is_told_at_its_line(model_file):
    path = model_file('''
        @process("X")
        def f(p):
            bib = p.lane("Biblioteket", dept="library")
            if p.profile.safepay_integratd:
                pass
        ''')
    with pytest.raises(DSLError) as err:
        compile_all([path])
    (problem,) = err.value.problems
    assert problem.line == 7
    assert problem.message == "the profile has no setting 'safepay_integratd' – did you mean 'safepay_integrated'?"


def test_left_out_settings_get_one_warning_listing_the_defaults(tmp_path, model_file):
    profile = write(tmp_path, 'name = "Testby Kommune"\nsafepay = false\n')
    result = CliRunner().invoke(main, ["check", str(model_file(MODEL)), "--profile", str(profile)])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    for name in STANDARD:
        assert (f"{name} = " in warnings[0]) == (name not in ("name", "safepay"))
    assert 'debtor_system = "KMD Opus"' in warnings[0]


def test_the_municipality_is_named_in_the_bpmn_and_the_diagram(tmp_path, model_file):
    profile = write(tmp_path, 'name = "Testby Kommune"\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(model_file(MODEL)), "-o", str(out), "--profile", str(profile),
                                       "--format", "svg"])
    assert result.exit_code == 0, result.output
    (bpmn,) = (out / "bpmn").glob("*.bpmn")
    docs = [el.text for el in etree.parse(str(bpmn)).iter("{*}documentation")]
    assert any("Kommune: Testby Kommune." in (text or "") for text in docs)
    (svg,) = (out / "diagrams").glob("*.svg")
    texts = [el.text or "" for el in etree.parse(str(svg)).iter("{*}text")]
    assert any("Testby Kommune" in text for text in texts)


@pytest.mark.parametrize("text, line, message", [
    ('ved_ikke = ["unlock_today"]\nname = "Testby"\nunlock_today = "vent"\n', 1, "listed as unknown but also set"),
    ('ved_ikke = ["unlok_today"]\nname = "Testby"\n', 1, "did you mean 'unlock_today'"),
    ('name = "Testby"\nved_ikke = "unlock_today"\n', 2, "must be a list of setting names"),
    ('name = "Testby"\n\nreconciles_today = "biblioteket"\n', 3, "must be one of library, finance"),
    ('ved_ikke = ["staff.library"]\n[staff]\nlibrary = 2.0\n', 1, "listed as unknown but also set"),
])
def test_ved_ikke_and_choices_are_checked_at_their_line(tmp_path, text, line, message):
    with pytest.raises(DSLError) as err:
        load_profile(write(tmp_path, text))
    assert err.value.problems[0].line == line and message in str(err.value)


def test_ved_ikke_takes_the_default_without_the_left_out_warning(tmp_path, model_file):
    full = {name: getattr(load_profile("profiles/koebenhavn.toml"), name) for name in STANDARD}
    text = "ved_ikke = [\"unlock_today\", \"volumes.tema2_blokerede_laanere\"]\n" + "".join(
        f"{name} = {toml_value(value)}\n" for name, value in full.items() if name != "unlock_today")
    profile = load_profile(write(tmp_path, text))
    assert profile.is_unknown("unlock_today") and profile.unlock_today == "skranke"
    assert profile.is_unknown("volumes.tema2_blokerede_laanere") and not profile.is_unknown("safepay")
    assert profile.defaulted == ()
    result = CliRunner().invoke(main, ["check", str(model_file(MODEL)), "--profile", str(tmp_path / "kommune.toml")])
    assert result.exit_code == 0 and "warning" not in result.stderr
