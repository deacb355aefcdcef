"""Every validation rule fires with a message that names the DSL file and the offending line."""
from __future__ import annotations

import pytest

from oir_bpmn.validate import validate

LANE = 'bib = p.lane("Biblioteket", dept="library")'

CASES = {
    "no start": ('''
        bib.task("Gør noget") >> bib.end("Slut")  # <-
        ''', "has no start event"),
    "no end": ('''
        bib.start("Start") >> bib.task("Gør noget")  # <-
        ''', "has no end event"),
    "unreachable": ('''
        bib.start("Start") >> bib.end("Slut")
        bib.task("Glemt opgave") >> bib.end("Andet slut")  # <-
        ''', "no start event leads to this step"),
    "dead end": ('''
        a = bib.start("Start")
        a >> bib.end("Slut")
        a >> bib.task("Blindgyde")  # <-
        ''', "never reaches an end event"),
    "one-branch split": ('''
        gw = bib.decide("Betalt?")  # <-
        bib.start("Start") >> gw
        gw.when("Ja") >> bib.end("Slut")
        ''', "a split needs two or more"),
    "unlabelled branch": ('''
        gw = bib.decide("Betalt?")
        bib.start("Start") >> gw
        gw.when("Ja") >> bib.end("Slut")
        gw >> bib.end("Andet")  # <-
        ''', "has no label"),
    "sequence flow between pools": ('''
        sup = p.pool("Systematic support", dept="external")
        bib.start("Start") >> bib.task("Ring") >> bib.end("Slut")
        s = sup.start("Modtag")
        s >> sup.end("Færdig")
        bib.task("Ring igen", key="igen") >> sup.task("Hjælp")  # <-
        ''', "sequence flow from 'Ring igen' in another pool"),
    "duplicate key": ('''
        bib.start("Start") >> bib.task("Tjek") >> bib.task("Tjek") >> bib.end("Slut")  # <-
        ''', "the key 'tjek' is already used"),
    "step in no lane": ('''
        sup = p.pool("Support", dept="external")
        sup.lane("Første linje", dept="external").start("Start") >> sup.task("Uden bane") >> sup.lane("Anden linje", dept="external").end("Slut")  # <-
        ''', "the step is in no lane"),
    "empty label": ('''
        bib.start("Start") >> bib.task("  ") >> bib.end("Slut")  # <-
        ''', "empty label"),
    "unknown department": ('''
        x = p.lane("Kassen", dept="kasse")  # <-
        x.start("Start") >> x.end("Slut")
        ''', "unknown department tag 'kasse'"),
    "race without wait": ('''
        r = bib.race("Hvad først?")
        bib.start("Start") >> r
        r >> bib.task("Ikke en ventetid")  >> bib.end("Slut")  # <-
        r >> bib.wait(days(2)) >> bib.end("Slut 2")
        ''', "must start with a wait"),
    "two plain starts": ('''
        bib.start("Start") >> bib.end("Slut")
        bib.start("Anden start") >> bib.end("Andet slut")  # <-
        ''', "a process has one plain start"),
    "message inside a pool": ('''
        a = bib.start("Start")
        b = bib.task("Læs besked")
        a >> b >> bib.end("Slut")
        bib.task("Skriv").message_to(b, "Besked")  # <-
        ''', "message flow from 'Skriv' inside the same pool"),
}


def model_source(body: str) -> str:
    lines = [f"    {line}" for line in body.strip("\n").splitlines()]
    return "\n".join(['@process("Test")', "def test(p):", f"    {LANE}"] + lines) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_rule_reports_file_and_line(model_file, case):
    from oir_bpmn.load import build_graph, load_file
    import textwrap
    body, expected = CASES[case]
    path = model_file(model_source(textwrap.dedent(body)))
    marked = next(i for i, line in enumerate(path.read_text().splitlines(), 1) if "# <-" in line)
    problems = validate(build_graph(load_file(path)[0]))
    matching = [p for p in problems if expected in p.message]
    assert matching, f"expected {expected!r} in {[str(p) for p in problems]}"
    assert any(f"{path.name}:{marked}:" in str(p) for p in matching), [str(p) for p in matching]
    assert all(p.hint for p in matching)


def test_valid_model_has_no_problems(raw_graph):
    G = raw_graph(model_source('''
        gw = bib.decide("Betalt?")
        bib.start("Start") >> gw
        gw.when("Ja") >> bib.end("Slut")
        gw.otherwise("Nej") >> bib.task("Ryk") >> bib.end("Rykket")
    '''.replace("\n        ", "\n")))
    assert validate(G) == []


def test_problems_are_sorted_and_unique(raw_graph):
    G = raw_graph(model_source('bib.task("A") >> bib.task("B")'))
    problems = validate(G)
    assert problems == sorted(set(problems), key=lambda p: (p.file, p.line, p.step, p.message))
