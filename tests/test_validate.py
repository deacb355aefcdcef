"""Every validation rule fires with a message that names the DSL file and the offending line."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import oir_bpmn
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
        ''', "the branch from 'Betalt?' has no label"),
    "sequence flow between pools": ('''
        sup = p.pool("Systematic support", dept="external")
        bib.start("Start") >> bib.task("Ring") >> bib.end("Slut")
        s = sup.start("Modtag")
        s >> sup.end("Færdig")
        bib.task("Ring igen", key="igen") >> sup.task("Hjælp")  # <-
        ''', "sequence flow from 'Ring igen' in another pool"),
    "duplicate key": ('''
        bib.start("Start") >> bib.task("Tjek") >> bib.task("Tjek") >> bib.end("Slut")  # <-
        ''', "the key 'tjek' is already used by the step at"),
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
    "flow into a subprocess": ('''
        sub = bib.subprocess("Delproces")
        bib.start("Start") >> sub >> bib.end("Slut")
        indeni = sub.start("Indeni") >> sub.end("Ude")
        bib.task("Udenfor") >> indeni  # <-
        ''', "crosses a subprocess border"),
    "empty pool": ('''
        p.pool("Tom organisation", dept="external")  # <-
        bib.start("Start") >> bib.end("Slut")
        ''', "the pool has no steps"),
    "empty subprocess": ('''
        bib.start("Start") >> bib.subprocess("Tom delproces") >> bib.end("Slut")  # <-
        ''', "the subprocess has no steps of its own"),
    "two defaults": ('''
        gw = bib.decide("Betalt?")  # <-
        bib.start("Start") >> gw
        gw.otherwise("Nej") >> bib.end("Slut")
        gw.otherwise("Ellers") >> bib.end("Andet slut")
        ''', "more than one default branch"),
    "flow into a start": ('''
        s = bib.start("Start")  # <-
        t = bib.task("Tjek")
        s >> t >> bib.end("Slut")
        t >> s
        ''', "a start event cannot have incoming flows"),
    "flow out of an end": ('''
        e = bib.end("Slut")  # <-
        bib.start("Start") >> e >> bib.task("Efter slut") >> bib.end("Andet slut")
        ''', "an end event cannot have outgoing flows"),
    "lane without department": ('''
        x = p.lane("Kassen")  # <-
        x.start("Start") >> x.end("Slut")
        ''', "lane has no department tag"),
    "connected twice": ('''
        a, b = bib.start("Start"), bib.end("Slut")
        a >> b
        a >> b  # <-
        ''', "is connected to this step twice"),
    "broken chain": ('''
        bib.start("Start") >> bib.task("Modtag sag") >> bib.service("Opdater")  # <-
        bib.service("Slå op") >> bib.end("Slut")
        ''', "the flow stops here, and 'Slå op' (line 7) is never reached: the chain is broken"),
    "loop without exit": ('''
        ring = bib.user("Ring til låner")  # <-
        bib.start("Start") >> ring >> bib.wait(days(1)) >> ring
        bib.start("Besked", event="message") >> bib.end("Slut")
        ''', "this loop never ends"),
    "parallel join of some decision branches": ('''
        fork = bib.start("Start") >> bib.parallel()
        meet = bib.task("Mødested")  # <-
        fork >> bib.task("A") >> meet
        gw = fork >> bib.decide("Hvad?")
        gw.when("Ja") >> bib.task("B") >> meet
        gw.when("Nej") >> bib.end("Andet slut")
        meet >> bib.end("Slut")
        ''', "only some branches of the decision"),
    "merge of parallel branches": ('''
        fork = bib.start("Start") >> bib.parallel()
        a, b = fork >> bib.task("A"), fork >> bib.task("B")
        [a, b] >> bib.join() >> bib.end("Slut")  # <-
        ''', "this join merges the branches of a parallel split: the steps after it would run once per branch"),
    "parallel join of decision branches": ('''
        gw = bib.start("Start") >> bib.decide("Hvad?")
        a, b = gw.when("Ja") >> bib.task("A"), gw.when("Nej") >> bib.task("B")
        [a, b] >> bib.join(parallel=True) >> bib.end("Slut")  # <-
        ''', "this parallel join waits for every branch, but they come from a decision or race, where only one is taken: it would wait forever"),
    "one join for two kinds of branches": ('''
        fork = bib.start("Start") >> bib.parallel()
        gw = fork >> bib.decide("Hvad?")
        ends = [fork >> bib.task("A"), gw.when("Ja") >> bib.task("B"), gw.when("Nej") >> bib.task("C")]
        ends >> bib.join(parallel=True) >> bib.end("Slut")  # <-
        ''', "parallel branches and branches of a decision or race meet in this join: one kind of join cannot wait for the ones and not the others"),
    "control character in a label": ('''
        bib.start("Start") >> bib.task("Betaling\\x0b modtaget") >> bib.end("Slut")  # <-
        ''', "the label holds a character a BPMN file cannot hold ('\\x0b')"),
    "control character in a note": ('''
        bib.start("Start") >> bib.task("Tjek").note("Spørgsmål: Hvem\\x01?") >> bib.end("Slut")  # <-
        ''', "the note holds a character a BPMN file cannot hold"),
    "lone surrogate in a lane name": ('''
        x = p.lane("Kassen \\ud800", dept="library")  # <-
        x.start("Start") >> x.end("Slut")
        ''', "the lane name holds a character a BPMN file cannot hold"),
    "control character in a branch label": ('''
        gw = bib.start("Start") >> bib.decide("Betalt?")
        gw.when("Ja\\x07") >> bib.end("Slut")  # <-
        gw.when("Nej") >> bib.end("Andet slut")
        ''', "the label holds a character a BPMN file cannot hold ('\\x07')"),
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


def test_a_process_without_steps(model_file):
    from oir_bpmn.load import build_graph, load_file
    path = model_file('@process("Tom")\ndef tom(p):\n    pass\n')
    problems = validate(build_graph(load_file(path)[0]))
    assert [(p.line, p.message) for p in problems] == [(3, "the process has no steps")]


def _messages(source: str):
    """The longest constant piece of every problem message a module can write."""
    for call in ast.walk(ast.parse(source)):
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") in ("Problem", "_problem", "_flow_problem"):
            starred = isinstance(call.args[0], ast.Starred)  # Problem(*where, message, hint)
            message = call.args[1 if starred else 3] if call.func.id == "Problem" else call.args[2]
            pieces = [v.value for v in getattr(message, "values", [message]) if isinstance(v, ast.Constant)]
            if pieces:
                yield max(pieces, key=len).strip(" :'")


@pytest.mark.parametrize("module", ["validate.py", "compile.py", "gateways.py"])
def test_every_rule_has_a_case(module):
    """Each message the module can write is what one of the cases above expects."""
    expected = [e for _, e in CASES.values()] + ["the process has no steps"]
    source = (Path(oir_bpmn.__file__).parent / module).read_text(encoding="utf-8")
    for text in _messages(source):
        assert any(text in e or e in text for e in expected), f"{module}: no case for {text!r}"
