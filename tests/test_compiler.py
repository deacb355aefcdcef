"""The compiler writes what the model means: unique flow ids, and joins that run a step once.

The join tests build every combination of fork, decision, race and loop (outer block × the
blocks on its two branches) whose branches all meet at one step, compile it, and play the token
game of BPMN on the result over every interleaving and every choice: the meeting step must run
exactly once in every run, and no run may get stuck. The fork/decision combinations also run
in SpiffWorkflow, a real BPMN engine, from the exported file, for every answer to every decision.
"""
from __future__ import annotations

import itertools
from collections import Counter

import pytest
from lxml import etree

from oir_bpmn.bpmn import read_bpmn, to_bpmn
from oir_bpmn.dsl import process
from oir_bpmn.layout import layout
from oir_bpmn.load import build_graph, compile_all
from oir_bpmn.model import days, sequence_edges
from oir_bpmn.problems import DSLError
from oir_bpmn.validate import validate

BLOCKS = ("task", "fork", "decision", "race", "loop")


def test_flow_ids_are_unique_when_keys_spell_alike(compile_model, tmp_path):
    G = compile_model('''
        @process("Id-kollision")
        def f(p):
            bib = p.lane("Biblioteket", dept="library")
            a, b_c = bib.task("A", key="a"), bib.task("BC", key="b_c")
            a_b, c = bib.task("AB", key="a_b"), bib.task("C", key="c")
            bib.start("Start") >> [a, a_b]
            a >> b_c >> bib.end("Slut 1")
            a_b >> c >> bib.end("Slut 2")
        ''')
    ids = [d["id"] for _, _, d in G.edges(data=True)]
    assert len(ids) == len(set(ids)) and "Flow_a_b_c" in ids
    path = tmp_path / "kollision.bpmn"
    path.write_bytes(to_bpmn(G, layout(G)))
    written = [el.get("id") for el in etree.parse(str(path)).iter() if el.get("id")]
    assert len(written) == len(set(written))
    assert read_bpmn(path).number_of_edges() == G.number_of_edges()  # the project's reader accepts it


def _model(outer: str, inner: tuple[str, str], join: bool | None = None):
    """A process whose ``outer`` block has the ``inner`` blocks on its branches, all of whose
    ends lead straight into the step "Mødested", or, with ``join`` False or True, into a written
    ``lane.join(parallel=join)`` before it."""
    counter = itertools.count(1)

    def model(p):
        bib = p.lane("Biblioteket", dept="library")

        def name(what):
            return f"{what} {next(counter)}"

        def block(prev, kind, subs=("task", "task")):
            if kind == "task":
                return [prev >> bib.task(name("Opgave"))]
            if kind == "fork":
                fork = prev >> bib.parallel(key=name("fork").replace(" ", "_"))
                return [end for sub in subs for end in block(fork, sub)]
            if kind == "decision":
                gw = prev >> bib.decide(name("Hvad") + "?")
                return [end for label, sub in zip(("Ja", "Nej"), subs) for end in block(gw.when(label), sub)]
            if kind == "race":
                race = prev >> bib.race(name("Hvad sker først") + "?")
                waits = (race >> bib.wait(days(1), name("Frist")), race >> bib.wait_message(name("Svar")))
                return [end for wait, sub in zip(waits, subs) for end in block(wait, sub)]
            body = prev >> bib.task(name("Gentag"))  # loop
            again = body >> bib.decide(name("Igen") + "?")
            again.when("Ja") >> body
            return block(again.when("Nej"), subs[0])

        meet = bib.task("Mødested", key="moedested")
        into = meet if join is None else bib.join(parallel=join, key="skrevet")
        for end in block(bib.start("Start"), outer, inner):
            end >> into
        if join is not None:
            into >> meet
        meet >> bib.end("Slut")

    return process(f"{outer} af {inner}", key=f"{outer}_{'_'.join(inner)}")(model)


def play(G, target: str) -> Counter:
    """Every outcome of the BPMN token game on ``G``: how often ``target`` ran per finished run,
    or "stuck" when tokens remain but nothing can fire."""
    edges = [(u, v) for u, v, _ in sequence_edges(G)]
    inn = {n: [i for i, (_, v) in enumerate(edges) if v == n] for n in G}
    out = {n: [i for i, (u, _) in enumerate(edges) if u == n] for n in G}
    starts = [n for n in G if G.nodes[n]["kind"] == "startEvent"]
    outcomes: Counter = Counter()
    seen = set()
    todo = [(tuple(sorted(out[s])), 0) for s in starts]
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        tokens, ran = Counter(state[0]), state[1]
        moves = []
        for n in G:
            kind, held = G.nodes[n]["kind"], [i for i in inn[n] if tokens[i]]
            if kind == "parallelGateway":
                if held and len(held) == len(inn[n]):
                    moves.append((held, out[n], n))
            elif kind in ("exclusiveGateway", "eventBasedGateway"):
                moves += [([i], [o], n) for i in held for o in out[n]]
            else:
                moves += [([i], out[n], n) for i in held]
        if not moves:
            outcomes["stuck" if tokens else ran] += 1
        for taken, given, n in moves:
            after = tokens - Counter(taken) + Counter(given)
            if max(after.values(), default=0) > 3:
                outcomes["unbounded"] += 1
                continue
            todo.append((tuple(sorted(after.elements())), min(ran + (n == target), 3)))
    return outcomes


COMBINATIONS = [(outer, inner) for outer in ("fork", "decision", "race", "loop")
                for inner in itertools.product(BLOCKS, repeat=2 if outer != "loop" else 1)]


@pytest.mark.parametrize("outer, inner", COMBINATIONS, ids=lambda v: v if isinstance(v, str) else "+".join(v))
def test_the_meeting_step_runs_once_in_every_run(outer, inner):
    G = build_graph(_model(outer, inner))
    assert validate(G) == []
    target = next(n for n in G if G.nodes[n]["key"] == "moedested")
    outcomes = play(G, target)
    assert set(outcomes) == {1}, f"{outer} of {inner}: runs of 'Mødested' per run: {dict(outcomes)}"


def test_fork_and_decision_meeting_get_a_merge_then_a_parallel_join(compile_model):
    G = compile_model('''
        @process("Blandet")
        def f(p):
            bib = p.lane("Biblioteket", dept="library")
            fork = bib.start("Start") >> bib.parallel()
            meet = bib.task("Mødested", key="meet")
            fork >> bib.task("A") >> meet
            gw = fork >> bib.decide("Hvad?")
            gw.when("Ja") >> bib.task("B") >> meet
            gw.when("Nej") >> bib.task("C") >> meet
            meet >> bib.end("Slut")
        ''')
    (join,) = G.predecessors("Activity_meet")
    assert G.nodes[join]["kind"] == "parallelGateway"
    kinds = sorted(G.nodes[u]["kind"] for u in G.predecessors(join))
    assert kinds == ["exclusiveGateway", "task"]


def test_a_parallel_join_of_some_decision_branches_is_refused_at_its_line(model_file):
    path = model_file('''
        @process("Halvt")
        def f(p):
            bib = p.lane("Biblioteket", dept="library")
            fork = bib.start("Start") >> bib.parallel()
            meet = bib.task("Mødested")
            fork >> bib.task("A") >> meet
            gw = fork >> bib.decide("Hvad?")
            gw.when("Ja") >> bib.task("B") >> meet
            gw.when("Nej") >> bib.task("C") >> bib.end("Andet slut")
            meet >> bib.end("Slut")
        ''')
    with pytest.raises(DSLError) as err:
        compile_all([path])
    (problem,) = err.value.problems
    assert problem.line == 8 and problem.step == "'Mødested'"
    assert "only some branches of the decision 'Hvad?' (line 10)" in problem.message
    assert "join" in problem.hint


@pytest.mark.parametrize("call", ["days(0)", "hours(0)", "minutes(0)", "days(3, 1)", "days(-1)"])
def test_zero_or_backwards_waits_are_refused(model_file, call):
    path = model_file(f'''
        @process("Vent")
        def f(p):
            bib = p.lane("Biblioteket", dept="library")
            bib.start("Start") >> bib.wait({call}) >> bib.end("Slut")
        ''')
    with pytest.raises(DSLError) as err:
        compile_all([path])
    (problem,) = err.value.problems
    assert problem.line == 7 and problem.message.startswith(call) and "Error" not in problem.message


def spiff_runs(G, path, target: str) -> set:
    """How often SpiffWorkflow runs ``target``, per combination of every decision's answers."""
    parse = pytest.importorskip("SpiffWorkflow.bpmn.parser")
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState

    path.write_bytes(to_bpmn(G, layout(G)))
    decisions = [d["key"] for _, d in G.nodes(data=True) if d["kind"] == "exclusiveGateway" and not d["auto"]]
    outcomes = set()
    for answers in itertools.product(("Ja", "Nej"), repeat=len(decisions)):
        parser = parse.BpmnParser()
        parser.add_bpmn_file(str(path))
        (process_id, process_parser), = parser.process_parsers.items()
        process_parser.process_executable = True  # the export is documentation, not executable
        workflow = BpmnWorkflow(parser.get_spec(process_id))
        for task in workflow.get_tasks():
            task.data.update(zip(decisions, answers))
        for _ in range(200):
            workflow.do_engine_steps()
            ready = workflow.get_tasks(state=TaskState.READY)
            if not ready:
                break
            for task in ready:
                task.run()
        ran = sum(1 for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.name == target)
        outcomes.add(ran if workflow.is_completed() else "stuck")
    return outcomes


@pytest.mark.parametrize("outer, inner", [(o, i) for o, i in COMBINATIONS if o in ("fork", "decision")
                                          and set(i) <= {"task", "fork", "decision"}],
                         ids=lambda v: v if isinstance(v, str) else "+".join(v))
def test_spiffworkflow_runs_the_meeting_step_once(outer, inner, tmp_path):
    """The same property in a real BPMN engine, on the exported file, for every decision answer."""
    G = build_graph(_model(outer, inner))
    target = next(n for n in G if G.nodes[n]["key"] == "moedested")
    assert spiff_runs(G, tmp_path / "model.bpmn", target) == {1}


@pytest.mark.parametrize("outer, inner", [(o, i) for o, i in COMBINATIONS if o in ("fork", "decision", "race")],
                         ids=lambda v: v if isinstance(v, str) else "+".join(v))
def test_a_written_join_is_accepted_exactly_when_it_means_one_run(outer, inner):
    """The same combinations with the meeting written as ``lane.join()`` or ``join(parallel=True)``:
    the compiler accepts the join that runs the step once in every run, and refuses the other."""
    for parallel in (False, True):
        G = build_graph(_model(outer, inner, join=parallel))
        refused = [p.message for p in validate(G) if "join" in p.message]
        target = next(n for n in G if G.nodes[n]["key"] == "moedested")
        runs_once = set(play(G, target)) == {1}
        assert bool(refused) != runs_once, (parallel, refused, dict(play(G, target)))
