"""Shared fixtures: write small model files, compile them, and load the OMG schemas."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from pack_fixtures import built_packs  # noqa: F401  (session fixture shared by the pack tests)

from oir_bpmn.load import build_graph, compile_all, load_file
from oir_bpmn.verify import engines

REPO = Path(__file__).resolve().parents[1]
COMMITTED = ("output", "processes", "profiles", "tests/data", "README.md")
"""What the tests read but must never write (scratch output goes to tmp_path)."""

HEADER = "from oir_bpmn import process, days, hours, weeks, minutes, workdays\n\n"


@pytest.fixture
def model_file(tmp_path):
    """Write a model file from source text (the import line is added) and return its path."""
    counter = iter(range(1000))

    def write(source: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"model_{next(counter)}.py")
        path.write_text(HEADER + textwrap.dedent(source), encoding="utf-8")
        return path

    return write


@pytest.fixture
def compile_model(model_file):
    """Compile model source text into its validated graph (the first process in the file)."""

    def compile_(source: str):
        return compile_all([model_file(source)])[0].graph

    return compile_


@pytest.fixture
def raw_graph(model_file):
    """Compile model source text without validating it (for testing the validator)."""

    def build(source: str):
        path = model_file(source)
        return build_graph(load_file(path)[0])

    return build


@pytest.fixture(scope="session")
def bpmn_schema():
    """The OMG BPMN 2.0 XSD as an lxml schema (fails in CI, skips locally when missing)."""
    schema = engines.bpmn_schema()
    if schema is None:
        if os.environ.get("CI"):
            pytest.fail(engines.XSD_MISSING)
        pytest.skip(engines.XSD_MISSING)
    return schema


def _stamps() -> dict[str, tuple[int, int]]:
    paths = [p for name in COMMITTED for p in ([REPO / name] if (REPO / name).is_file()
                                                 else sorted((REPO / name).rglob("*")))]
    return {str(p.relative_to(REPO)): (p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def committed_files_stay_untouched():
    """Fails the session's last test when any test wrote into a committed file or folder."""
    before = _stamps()
    yield
    after = _stamps()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"tests changed committed files: {changed[:10]}"
