"""Authoring help: typos get the closest DSL name, in the author's words, at the author's line."""
from __future__ import annotations

import pytest

from oir_bpmn.dsl import Location, process
from oir_bpmn.dsl.where import _line_table
from oir_bpmn.load import build_graph, compile_all, compile_file
from oir_bpmn.problems import DSLError


@pytest.mark.parametrize("line, expected", [
    ('bib.usr("Tjek")', "no step kind 'usr' – did you mean 'user'?"),
    ('bib.start("Start").nte("Spørgsmål")', "has no 'nte' – did you mean 'note'?"),
    ('p.manual("Tæl kassen")', "the process has no 'manual': a step is made on a lane"),
    ('p.lan("Biblioteket")', "the process has no 'lan' – did you mean 'lane'?"),
    ('bib.user("Tjek", kee="tjek")', "user() has no setting 'kee' – did you mean 'key'?"),
    ('bib.end("Slut", evnt="error")', "end() has no setting 'evnt' – did you mean 'event'?"),
    ('bib.decide("Betalt?").whn("Ja")', "has no 'whn' – did you mean 'when'?"),
    ('p >> bib.task("A")', "the left side of >> must be a step or a list of steps, got the process (p)"),
    ('bib.user()', "user() missing 1 required positional argument: 'label'"),
    ('bib.wait(days(1, 2, 3))', "days() takes from 1 to 2 positional arguments but 3 were given"),
])
def test_typos_are_told_in_the_authors_words(model_file, line, expected):
    path = model_file(f'''
        @process("Stavefejl")
        def f(p):
            bib = p.lane("Biblioteket", dept="library")
            {line}
        ''')
    with pytest.raises(DSLError) as err:
        compile_all([path])
    (problem,) = err.value.problems
    assert problem.line == 7 and expected in problem.message
    for internal in ("Builder", "Lane", "_Factory", "AttributeError", "TypeError", "object"):
        assert internal not in problem.message + problem.hint


def test_recording_a_step_does_not_read_its_line():
    """Steps keep a Location; a model function's line table is built once, however many steps."""
    def model(p):
        bib = p.lane("Biblioteket", dept="library")
        prev = bib.start("Start")
        for i in range(3000):
            prev = prev >> bib.task(f"Opgave {i}")
        prev >> bib.end("Slut")

    definition = process("Lang")(model)
    builder = definition.record()
    assert all(isinstance(step.where, Location) for step in builder.steps)
    before = _line_table.misses
    G = build_graph(definition)
    assert _line_table.misses - before <= 1
    lines = {d["line"] for _, d in G.nodes(data=True) if d["label"].startswith("Opgave")}
    assert lines == {model.__code__.co_firstlineno + 4}


def test_a_misspelled_process_setting_gets_the_closest_name(model_file):
    path = model_file('''
        @process("Stavefejl", varient="future")
        def f(p):
            pass
        ''')
    with pytest.raises(DSLError) as err:
        compile_all([path])
    (problem,) = err.value.problems
    assert problem.line == 4 and problem.message == "process() has no setting 'varient' – did you mean 'variant'?"


def test_twin_model_files_each_name_their_own_file(tmp_path, monkeypatch):
    """Two model files alike to the byte (in two folders) compile to equal code objects: each
    step still names its own file (code objects are cached by identity, not equality)."""
    source = ('from oir_bpmn.dsl import process\n\n\n@process("Tvilling")\ndef tvilling(p):\n'
              '    bib = p.lane("Biblioteket", dept="library")\n'
              '    bib.start("Start") >> bib.task("Opgave") >> bib.end("Slut")\n')
    paths = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / "tvilling.py")
        paths[-1].write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for path in paths:
        found, problems = compile_file(path)
        assert not problems
        assert {d["file"] for _, d in found[0].graph.nodes(data=True)} == {str(path.relative_to(tmp_path))}
