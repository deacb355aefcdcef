"""The package's shape: imports go down the pipeline, no cycles, small modules, one kind registry."""
from __future__ import annotations

import ast
import copy
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

import oir_bpmn
from oir_bpmn import kinds
from oir_bpmn.bpmn import bpmn_bytes, read_bpmn
from oir_bpmn.diff import compare, format_report
from oir_bpmn.render import render

PACKAGE = Path(oir_bpmn.__file__).parent
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"

PIPELINE = [
    {"fsio", "problems", "kinds", "model", "fontmetrics", "text", "profile", "decisions", "dsl", "progress"},  # authoring
    {"compile", "gateways", "consequences"},
    {"validate", "lengths"},
    {"load", "isolate"},
    {"layout"},
    {"bpmn", "render", "verify"},
    {"diff"},
    {"build", "buildstamp", "pack", "preview", "questions", "profile_toml", "questionnaire"},  # questionnaire: `init`
    {"cli_options", "workload_commands", "session_commands"},
    {"cli"},
]
"""Top-level modules and subpackages, stage by stage: a stage may import only its own and earlier ones."""
STAGE = {name: rank for rank, names in enumerate(PIPELINE) for name in names}


def modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, str, int]]:
    """(imported module, name imported from it or "", line) of every import in the module, also
    inside functions, with relative imports resolved: ``from . import x`` imports module ``x``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                module = f"{base}.{alias.name}"
                found.append((module, "", node.lineno) if module in known else (base, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
    return found


def stage_of(module: str) -> str | None:
    """The pipeline entry of an ``oir_bpmn`` module (its top-level module or subpackage)."""
    parts = module.split(".")
    return parts[1] if parts[0] == "oir_bpmn" and len(parts) > 1 else None


def test_every_module_belongs_to_a_stage():
    unplaced = {stage_of(name) for name in modules()} - set(STAGE) - {None}
    assert not unplaced, f"add {sorted(unplaced)} to PIPELINE"


def test_imports_only_go_down_the_pipeline():
    upward = []
    known = modules()
    for name, path in known.items():
        here = stage_of(name)
        for target, imported, line in imports(name, path, known):
            there = stage_of(target)
            if here is None or not target.startswith("oir_bpmn"):
                continue
            if there is None:  # the package root holds the public API and the version only
                assert imported == "__version__", f"{path}:{line} imports {imported} from the package root"
            elif STAGE[there] > STAGE[here]:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {target}")
    assert not upward, "\n".join(upward)


def test_the_package_has_no_import_cycle():
    graph = nx.DiGraph()
    known = modules()
    for name, path in known.items():
        for target, _, _ in imports(name, path, known):
            if target in known and target != name:
                graph.add_edge(name, target)
    assert graph.number_of_edges() > len(known)
    assert not list(nx.simple_cycles(graph))


def test_no_module_is_over_400_lines():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long


def test_every_subpackage_says_its_job_in_its_docstring():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split("\n\n")[0].splitlines()) <= 2, init


# ---------------------------------------------------------------- one kind registry

AUDIT = kinds.Kind("auditTask", "activity", "revision", "⚖ revision")
LINK = kinds.EventDefinition("link", "henvisning", "⇨")
PAIR = '''
@process("Revision", key="revision")
def revision(p):
    bib = p.lane("Biblioteket", dept="library")
    (bib.start("Start", key="start") >> bib.task("Gennemgår kassen", key="gennemgaa")
        >> bib.throw("Giver besked", key="besked") >> bib.end("Slut", key="slut"))
'''


@pytest.fixture
def throwaway_kinds(monkeypatch):
    """A node kind and an event definition the package has never heard of, registered alone."""
    monkeypatch.setitem(kinds.KINDS, AUDIT.tag, AUDIT)
    monkeypatch.setitem(kinds.EVENTS, LINK.name, LINK)


def test_a_kind_added_to_the_registry_alone_reaches_bpmn_graphviz_and_the_diff(
        throwaway_kinds, compile_model, tmp_path):
    before = compile_model(PAIR)
    after = copy.deepcopy(before)
    after.nodes["Activity_gennemgaa"]["kind"] = AUDIT.tag
    after.nodes["Event_besked"]["event"] = LINK.name

    document = etree.fromstring(bpmn_bytes(after))
    audit, = document.iter(f"{BPMN}{AUDIT.tag}")
    assert audit.get("id") == "Activity_gennemgaa" and audit.get("name") == "Gennemgår kassen"
    assert document.find(f".//{BPMN}intermediateThrowEvent/{BPMN}linkEventDefinition") is not None

    svg = render(after, "svg").decode("utf-8")
    assert AUDIT.marker in svg and LINK.marker in svg

    path = tmp_path / "revision.bpmn"
    path.write_bytes(bpmn_bytes(after))
    read_back = read_bpmn(path)
    assert read_back.nodes["Activity_gennemgaa"]["kind"] == AUDIT.tag
    assert read_back.nodes["Event_besked"]["event"] == LINK.name

    report = format_report([compare(before, after)], "markdown")
    assert "revision" in report and "henvisning" in report
