"""Messages a new process owner meets: each says the real cause, at the line to fix, once."""
from __future__ import annotations

import os
import textwrap

import pytest
from click.testing import CliRunner

from oir_bpmn.cli import main
from oir_bpmn.load import compile_all
from oir_bpmn.problems import DSLError


def _problems(path) -> list:
    with pytest.raises(DSLError) as caught:
        compile_all([path], isolate=False)
    return caught.value.problems


LANE = 'bib = p.lane("Biblioteket", dept="library")'


@pytest.mark.parametrize("method,prefix", [("question", "Spørgsmål"), ("assumption", "Antagelse"),
                                            ("from_task", "Fra opgaven")])
def test_a_note_method_given_its_own_prefix_keeps_it_once(compile_model, method, prefix):
    G = compile_model(f"""
        @process("P")
        def p(p):
            {LANE}
            bib.start("S").{method}("{prefix}: Hvem betaler?") >> bib.end("E")
        """)
    notes = [note for _, data in G.nodes(data=True) for note in data["notes"]]
    assert notes == [f"{prefix}: Hvem betaler?"]


def test_a_note_method_given_another_kinds_prefix_is_refused_with_the_right_method(model_file):
    path = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            bib.start("S").question("Antagelse: 30 dage") >> bib.end("E")
        """)
    [problem] = _problems(path)
    assert problem.line == 7 and "Antagelse" in problem.message
    assert ".assumption(" in problem.hint


def test_a_note_with_its_prefix_twice_is_refused(model_file):
    path = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            bib.start("S").note("Spørgsmål: Spørgsmål: Hvem?") >> bib.end("E")
        """)
    [problem] = _problems(path)
    assert problem.line == 7 and "twice" in problem.message


def test_a_negative_wait_says_it_is_negative(model_file):
    path = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            bib.start("S") >> bib.wait(days(-1)) >> bib.end("E")
        """)
    [problem] = _problems(path)
    assert "days(-1)" in problem.message and "negative" in problem.message
    assert "first not above the second" not in problem.message


def test_every_bad_wait_of_a_chain_is_reported_at_its_line(model_file):
    path = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            (bib.start("S")
                >> bib.wait(days(0))
                >> bib.wait(days(5, 2))
                >> bib.wait(days(1, 2.5))
                >> bib.end("E"))
        """)
    problems = _problems(path)
    assert [(p.line, p.message.split(":")[0].split(" ")[0]) for p in problems] == [
        (8, "days(0)"), (9, "days(5,"), (10, "days(1,")]
    assert "no time" in problems[0].message
    assert "shortest wait comes first" in problems[1].message and "days(2, 5)" in problems[1].hint
    assert "whole number" in problems[2].message


def test_a_flow_without_an_end_is_reported_at_the_last_step(model_file):
    path = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            s = bib.start("S")
            t = bib.task("Gør noget")
            u = bib.task("Gør mere")
            s >> t >> u
        """)
    [problem] = _problems(path)
    assert (problem.line, problem.step) == (9, "'Gør mere'")
    assert "end" in problem.message and "lane.end" in problem.hint


def test_a_misspelled_department_gets_did_you_mean(model_file):
    path = model_file("""
        @process("P")
        def p(p):
            bib = p.lane("Debitor", dept="finans")
            bib.start("S") >> bib.end("E")
        """)
    [problem] = _problems(path)
    assert "did you mean 'finance'?" in problem.message


@pytest.mark.parametrize("theme", [0, 8, "2"])
def test_a_theme_outside_the_task_texts_seven_is_refused(model_file, theme):
    path = model_file(f"""
        @process("P", theme={theme!r})
        def p(p):
            {LANE}
            bib.start("S") >> bib.end("E")
        """)
    [problem] = _problems(path)
    assert problem.line == 4 and "theme" in problem.message and "1" in problem.hint and "7" in problem.hint


def test_pack_warns_about_a_profile_that_leaves_out_standard_settings(tmp_path, model_file):
    models = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            bib.start("S") >> bib.end("E")
        """)
    profile = tmp_path / "lille.toml"
    profile.write_text('name = "Lille Kommune"\ndebtor_system = "SAP"\n', encoding="utf-8")
    from oir_bpmn.pack.runner import plan_packs
    plan = plan_packs([str(models)], [profile], tmp_path / "packs")
    assert any("lille.toml" in w and "desk_payment = false" in w for w in plan.warnings)


def test_a_symlinked_model_in_a_folder_is_skipped_with_a_warning_naming_it(tmp_path):
    folder = tmp_path / "modeller"
    folder.mkdir()
    (folder / "ok.py").write_text(textwrap.dedent(f"""
        from oir_bpmn import process
        @process("P")
        def p(p):
            {LANE}
            bib.start("S") >> bib.end("E")
        """), encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0\n", encoding="utf-8")
    os.symlink(outside, folder / "passwd.py")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "passwd.py" in result.output and "symbolic link" in result.output
    assert "1 process is valid." in result.output


def test_counts_are_said_in_the_singular_for_one(model_file):
    path = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            bib.start("S") >> bib.end("E")
        """)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.output.strip().endswith("1 process is valid.")
    bad = model_file(f"""
        @process("P")
        def p(p):
            {LANE}
            gw = bib.decide("Betaler?")
            bib.start("S") >> gw
            gw.when("Ja") >> bib.end("E")
        """)
    [problem] = _problems(bad)
    assert "branch(es)" not in problem.message and "1 outgoing branch;" in problem.message


def test_the_diff_counts_one_assumption_in_the_singular():
    from types import SimpleNamespace

    from oir_bpmn.diff.report import open_points
    shown = open_points(SimpleNamespace(variants=("current", "future"),
                                        note_counts={"current": {"assumption": 1},
                                                     "future": {"question": 1, "assumption": 2}}))
    assert shown == "Nuværende: 0 spørgsmål, 1 antagelse · Fremtidig: 1 spørgsmål, 2 antagelser"


def test_check_without_a_processes_folder_says_no_models_found(tmp_path):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1
    assert "processes:0" not in result.output
    assert "no models found" in result.output and "oir-bpmn check" in result.output


def test_the_pack_counts_one_question_assumption_and_setting_in_the_singular():
    from oir_bpmn.pack.consequences import CrossTheme
    assert CrossTheme((), (), 1, 1, 1).to_settle() == "1 åbent spørgsmål, 1 antagelse og 1 profilværdi"
    assert CrossTheme((), (), 2, 0, 3).to_settle() == "2 åbne spørgsmål, 0 antagelser og 3 profilværdier"
