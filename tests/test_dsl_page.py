"""docs/dsl.md: every DSL call, step kind, event, note kind and diff change has a line there, and
every example on the page builds (the kinds are taken from the code, so a new one fails here
until it is documented)."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from lxml import etree

import oir_bpmn
from oir_bpmn.diff.classify import CLASS_LABELS
from oir_bpmn.diff.flows import FLOW_CLASSES
from oir_bpmn.dsl import STEP_METHODS, Builder, Gateway, PoolHandle, Step, process
from oir_bpmn.dsl.steps import END_EVENTS, NOTE_METHODS, START_EVENTS, public_names
from oir_bpmn.kinds import EVENTS, KINDS
from oir_bpmn.load import compile_all
from oir_bpmn.model import DEPARTMENTS, NOTE_KINDS
from oir_bpmn.problems import DSLError
from oir_bpmn.profile import Profile

PAGE = Path(__file__).resolve().parents[1] / "docs" / "dsl.md"
README = PAGE.parents[1] / "README.md"


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _section(title: str) -> str:
    text = _page()
    start = text.index(f"\n## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def _preamble() -> str:
    return re.search(r"```python\n(.*?)    # the example line goes here\n```", _page(), re.S).group(1)


def _examples(text: str) -> list[str]:
    """The example of every table row: its last cell, one code span."""
    found = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        example = re.fullmatch(r"`([^`]+)`", cells[-1]) if len(cells) > 1 else None
        if example:
            found.append(example.group(1))
    return found


def _model(example: str) -> str:
    preamble = _preamble()
    if example.startswith("@process("):
        return re.sub(r"^@process\(.*\)$", example, preamble, flags=re.M) + "    " + 'bib.start("S") >> bib.end("E")\n'
    return preamble + "    " + example + "\n"


BUILDS = [e for e in _examples(_page().split("\nTwo branches of one decision")[0]) + _examples(
    _page().split("\n## Notes")[1])]
REFUSED = _examples(_section("Decisions and parallel flows").split("| Refused |")[1])


def _build(tmp_path: Path, example: str):
    path = tmp_path / "eksempel.py"
    path.write_text(_model(example), encoding="utf-8")
    return compile_all([path], isolate=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, list]:
    """Each example of the page, built into its graphs."""
    graphs = {}
    for i, example in enumerate(BUILDS):
        folder = tmp_path_factory.mktemp(f"example{i}")
        try:
            graphs[example] = [c.graph for c in _build(folder, example)]
        except DSLError as err:
            pytest.fail(f"the docs/dsl.md example does not build:\n{example}\n{err}")
    return graphs


def test_every_example_builds(built):
    assert len(built) == len(BUILDS) > 40


@pytest.mark.parametrize("example", REFUSED)
def test_every_refused_example_is_refused(tmp_path, example):
    with pytest.raises(DSLError):
        _build(tmp_path, example)


def _used(built, pattern: str) -> set[str]:
    return {m for example in built for m in re.findall(pattern, example)}


def test_every_way_to_make_a_step_has_an_example(built):
    assert not STEP_METHODS - _used(built, r"\.(\w+)\("), "step methods without an example in docs/dsl.md"


def test_every_call_on_steps_decisions_the_process_and_pools_has_an_example(built):
    calls = {name for cls in (Step, Gateway, Builder, PoolHandle, Profile) for name in public_names(cls)
             if callable(getattr(cls, name))}
    assert not calls - _used(built, r"\.(\w+)\(")


def test_every_duration_and_process_setting_has_an_example(built):
    durations = {name for name in oir_bpmn.__all__ if name in ("years", "months", "weeks", "days", "hours", "minutes")}
    assert not durations - _used(built, r"\b(\w+)\(\d")
    settings = set(inspect.signature(process).parameters) - {"title"}
    assert not settings - _used(built, r"(\w+)=")
    assert all(f"`{dept}`" in _section("Lanes, pools and messages") for dept in DEPARTMENTS)


def test_every_start_and_end_event_has_an_example(built):
    events = {(kind, event) for kind, allowed in (("startEvent", START_EVENTS), ("endEvent", END_EVENTS))
              for event in allowed if event}
    shown = {(d["kind"], d["event"]) for graphs in built.values() for G in graphs for _, d in G.nodes(data=True)}
    assert not events - shown


def test_every_note_kind_has_its_prefix_and_method_on_the_page(built):
    notes = _section("Notes")
    for kind, prefix in NOTE_KINDS.items():
        method = NOTE_METHODS[kind]
        params = ", ".join(list(inspect.signature(getattr(Step, method)).parameters)[1:])
        assert f"| `{prefix}:` | `.{method}({params})` |" in notes, kind
    built_notes = {note.split(":")[0] for graphs in built.values() for G in graphs
                   for _, notes_ in G.nodes(data="notes") for note in notes_}
    assert built_notes == set(NOTE_KINDS.values())


def test_every_kind_of_the_registry_is_built_by_an_example_or_named_as_not_made(built):
    made = {(d["kind"], d["event"]) for graphs in built.values() for G in graphs for _, d in G.nodes(data=True)}
    not_made = set(re.findall(r"`(\w+)`", _section("Read from BPMN, not made by the DSL")))
    for tag in KINDS:
        assert (tag in {kind for kind, _ in made}) != (tag in not_made), f"{tag}: built or named as not made, once"
    for name in EVENTS:
        assert (name in {event for _, event in made}) != (name in not_made), name


def test_the_page_names_every_change_the_diff_reports():
    diff = _section("Keys and what the diff sees")
    missing = [name for name in list(CLASS_LABELS.values()) + list(FLOW_CLASSES.values()) if f"*{name}*" not in diff]
    assert not missing
    assert "message flows" in diff


def test_the_page_says_two_branches_of_a_decision_may_not_lead_to_the_same_step(tmp_path):
    assert "Two branches of one decision may not lead to the same step" in _page()
    with pytest.raises(DSLError) as caught:
        _build(tmp_path, REFUSED[0])
    assert any("connected to this step twice" in p.message for p in caught.value.problems)


def test_the_readme_links_the_page_on_its_first_screen():
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:25])
    assert "(docs/dsl.md)" in first_screen


def test_the_bpmn_of_every_example_parses_in_spiffworkflow(built, tmp_path):
    """A documented call must give BPMN the clients take (a script task needs its script)."""
    from oir_bpmn.bpmn import bpmn_bytes
    from oir_bpmn.verify import engines
    if not engines.spiff_available():
        pytest.skip("SpiffWorkflow is a test extra")
    problems = {}
    for i, (example, graphs) in enumerate(built.items()):
        for G in graphs:
            path = tmp_path / f"example{i}.bpmn"
            path.write_bytes(bpmn_bytes(G))
            root = etree.parse(str(path)).getroot()
            problems.update({example: found for found in [engines.spiffworkflow_problems(root)] if found})
    assert not problems
