"""Shared fixtures: write small model files, compile them, and load the OMG schemas."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import omg_schema
from pack_fixtures import built_packs  # noqa: F401  (session fixture shared by the pack tests)
import pytest

from oir_bpmn.load import build_graph, compile_all, load_file

HEADER = "from oir_bpmn import process, days, hours, weeks\n\n"


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
    schema = omg_schema.bpmn_schema()
    if schema is None:
        if os.environ.get("CI"):
            pytest.fail(omg_schema.MISSING)
        pytest.skip(omg_schema.MISSING)
    return schema

