"""Issue 25 item 2: a key decision is a ``Beslutning:`` note made with ``.decision(…)``; it is
checked at its line, survives into the BPMN and back, and passes verify."""
from __future__ import annotations

import pytest
from lxml import etree

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.decisions import NEEDED, ROLES, KeyDecision, parse_decision
from oir_bpmn.load import compile_all
from oir_bpmn.problems import DSLError
from oir_bpmn.verify import verify

MODEL = '''from oir_bpmn import process

@process("Skranke", variant="future", theme=1)
def f(p):
    bib = p.lane("Biblioteket", dept="library")
    (bib.start("S")
        >> bib.task("Tager imod betaling").decision({args})
        >> bib.end("E"))
'''
GOOD = '"Betaling ved skranken", ["Ja", "Nej"], "Biblioteket", "før go-live"'


def compiled(tmp_path, args: str):
    (tmp_path / "m.py").write_text(MODEL.format(args=args), encoding="utf-8")
    (item,) = compile_all([tmp_path / "m.py"])
    return item.graph


def test_a_decision_survives_into_the_bpmn_and_reads_back(tmp_path):
    G = compiled(tmp_path, GOOD)
    (text,) = [t for _, d in G.nodes(data=True) for t in d.get("notes", ())]
    assert parse_decision(text) == KeyDecision("Betaling ved skranken", ("Ja", "Nej"), "Biblioteket", "før go-live")
    tree = etree.fromstring(bpmn_bytes(G))
    texts = [t.text for t in tree.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}text")]
    assert texts == [text]
    (tmp_path / "m.bpmn").write_bytes(bpmn_bytes(G))
    report = verify([tmp_path / "m.bpmn"])
    (result,) = report.files
    assert result.clean, result.problems
    assert "moddle" in result.problems and "camunda-modeler" in result.problems, report.skipped


@pytest.mark.parametrize("args, says", [
    ('"X", ["Ja"], "Biblioteket", "før go-live"', "at least two options"),
    ('"X", "Ja, Nej", "Biblioteket", "før go-live"', "options must be a list"),
    ('"X", ["Ja", "Nej"], "Biblioteke", "før go-live"', "did you mean 'Biblioteket'"),
    ('"X", ["Ja", "Nej"], "Biblioteket", "før golive"', "did you mean 'før go-live'"),
    ('"", ["Ja", "Nej"], "Biblioteket", "løbende"', "needs a name"),
])
def test_a_bad_decision_is_an_error_at_its_line(tmp_path, args, says):
    with pytest.raises(DSLError) as err:
        compiled(tmp_path, args)
    (problem,) = err.value.problems
    assert problem.file.endswith("m.py") and problem.line == 7 and problem.step == "Tager imod betaling"
    assert says in problem.message and problem.hint


def test_a_handwritten_decision_note_is_checked_too(tmp_path):
    source = MODEL.replace(".decision({args})", '.note("Beslutning: Betaling ved skranken | Muligheder: Ja / Nej")')
    (tmp_path / "m.py").write_text(source, encoding="utf-8")
    with pytest.raises(DSLError) as err:
        compile_all([tmp_path / "m.py"])
    (problem,) = err.value.problems
    assert problem.line == 7 and "lacks Ejer (forslag), Hvornår" in problem.message


def test_roles_and_times_are_the_workshops():
    assert "Debitor-/økonomiafdelingen" in ROLES and NEEDED[0] == "før go-live"
