"""Issue 15 item 1: every note is a question, an assumption or a fact from the task text, the
kinds look different in Graphviz and BPMN, the diff counts them, the README lists assumptions."""
from __future__ import annotations

import pytest
from lxml import etree
from model_set import ALL_PROFILES, DEFAULT_PROFILE, KK, MAIN, PROCESSES, by_key, graphs, model, notes

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.diff import compare
from oir_bpmn.diff.report import format_report
from oir_bpmn.load import compile_all
from oir_bpmn.model import NOTE_KINDS, note_kind
from oir_bpmn.problems import DSLError


# ---------------------------------------------------------------- item 1: notes of three kinds

@pytest.mark.parametrize("profile", ALL_PROFILES.values(), ids=ALL_PROFILES.keys())
def test_every_note_says_its_kind_and_every_theme_asks(profile):
    for G in graphs(profile).values():
        assert [t for t in notes(G) if note_kind(t) is None] == [], G.graph["title"]
    for theme in MAIN:
        both = [model(theme, v, profile) for v in ("current", "future")]
        assert any(notes(G, kind="question") for G in both), f"theme {theme} asks nothing"


INVENTED = [  # (theme or key, variant, step key): facts the task text does not state
    (1, "future", "vent_debitor"), (1, "future", "vent_fbs"), (2, "future", "vent_debitor"),
    (3, "future", "frist"), (3, "future", "rykkerfrist"), (3, "future", "inddrivelse"),
    (3, "current", "rykker_1"), (4, "current", "cpr"), (4, "current", "selvoprettelse"),
    ("tema5_kontanter", "current", "indbetal_kontanter"), (6, "current", "manuel_overfoersel"),
    (7, "future", "opkraev_brev"), ("tema1_betalingsmuligheder", "future", "gennemgang"),
]


@pytest.mark.parametrize("theme,variant,key", INVENTED)
def test_invented_facts_are_marked_as_assumptions(theme, variant, key):
    """Issue 15 item 1: what the task text does not say is an "Antagelse" (or a question)."""
    G = model(theme, variant)
    assert notes(G, by_key(G, key), "assumption") or notes(G, by_key(G, key), "question")


def test_invented_labels_are_gone():
    labels = " ".join(d["label"] for G in graphs().values() for _, d in G.nodes(data=True)).lower()
    for text in ("værdiboks", "ingen fast praksis", "månedsafslutning", "dagen slutter"):
        assert text not in labels
    assert "bogfoer" not in {d["key"] for _, d in model(5, "current").nodes(data=True)}, \
        "bookkeeping is another rhythm than the daily till"


def test_a_note_without_a_kind_is_an_error_at_its_line(tmp_path):
    source = ('from oir_bpmn import process\n\n@process("X")\ndef f(p):\n    bib = p.lane("B", dept="library")\n'
              '    bib.start("S") >> bib.task("A").note("Kassen tælles hver dag") >> bib.end("E")\n')
    (tmp_path / "m.py").write_text(source, encoding="utf-8")
    with pytest.raises(DSLError) as err:
        compile_all([tmp_path / "m.py"])
    (problem,) = err.value.problems
    assert problem.file.endswith("m.py") and problem.line == 6
    assert all(prefix in problem.hint for prefix in NOTE_KINDS.values())


def test_note_kinds_are_distinguishable_in_bpmn_and_graphviz():
    from oir_bpmn.layout.geometry import Box
    from oir_bpmn.render.shapes import note

    looks = {kind: note(f"{prefix}: tekst", Box(0, 0, 150, 60)) for kind, prefix in NOTE_KINDS.items()}
    styles = {(a["fillcolor"], a["color"], a["style"]) for a in looks.values()}
    lines = {(a["style"], a["penwidth"]) for a in looks.values()}
    assert len(styles) == len(lines) == len(NOTE_KINDS), "line style and width, not colour only"
    assert all(f"{prefix}:" in looks[kind]["label"] for kind, prefix in NOTE_KINDS.items())
    G = model(1, "future", KK)
    tree = etree.fromstring(bpmn_bytes(G))
    texts = [t.text for t in tree.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}text")]
    assert sorted(texts) == sorted(notes(G)) and {note_kind(t) for t in texts} == set(NOTE_KINDS)


def test_the_diff_counts_questions_and_assumptions():
    current, future = model(2, "current"), model(2, "future")
    report = format_report([compare(current, future)], "markdown")
    counts = [(len(notes(G, kind="question")), len(notes(G, kind="assumption"))) for G in (current, future)]
    said = [f"{q} spørgsmål, {a} {'antagelse' if a == 1 else 'antagelser'}" for q, a in counts]
    assert f"Nuværende: {said[0]} · Fremtidig: {said[1]}" in report


def test_readme_lists_every_assumption_with_its_theme():
    """processes/README.md: each assumption with its theme (profile answers are listed once, generically)."""
    rows = (PROCESSES / "README.md").read_text(encoding="utf-8").splitlines()
    for (key, _), G in graphs().items():
        theme = G.graph["theme"]
        for text in notes(G, kind="assumption"):
            if DEFAULT_PROFILE.name in text or DEFAULT_PROFILE.debtor_system in text:
                continue
            body = text.partition(":")[2].strip()
            assert any(r.startswith(f"| {theme} ") and body in r for r in rows), f"theme {theme}: {body}"


