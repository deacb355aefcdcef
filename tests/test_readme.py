"""The README's DSL example builds and gives the files the README says it gives."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from oir_bpmn.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_builds(tmp_path):
    text = README.read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    model = tmp_path / "blokeret.py"
    model.write_text(example, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(model), "-o", str(out)])
    assert result.exit_code == 0, result.output
    named = re.search(r"writes `out/bpmn/([^`]+\.bpmn)`", text).group(1)
    assert (out / "bpmn" / named).is_file()
    assert sorted(p.suffix for p in (out / "diagrams").iterdir()) == [".png", ".svg"]


def test_readme_starts_with_the_two_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1:lines.index("```sh") + 3]
    assert [line.split("#")[0].strip() for line in block] == ["make demo", "make test"]
