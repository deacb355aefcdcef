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


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def _dsl_names() -> dict[str, set[str]]:
    """Public calls of each DSL object (properties such as ``step.line`` are not calls)."""
    from oir_bpmn.dsl import Builder, Gateway, Lane, PoolHandle, Step, SubProcess
    from oir_bpmn.dsl.steps import public_names
    from oir_bpmn.profile import Profile
    objects = (Lane, Builder, PoolHandle, Step, Gateway, SubProcess, Profile)
    return {cls.__name__: {n for n in public_names(cls) if callable(getattr(cls, n))} for cls in objects}


def test_every_dsl_call_the_readme_mentions_exists_and_every_one_is_mentioned():
    import oir_bpmn
    text = re.sub(r"\(`\w+\.\w+\(…\)`: \"[^\"]*did you mean[^\"]*\"\)", "", _section("Writing a model"))
    mentioned = set(re.findall(r"\.(\w+)\(", text)) | {
        word for span in re.findall(r"`([^`]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
        for word in re.findall(r"^(\w+)(?:\(|$)", span)}
    calls = set().union(*_dsl_names().values())
    exported = set(oir_bpmn.__all__)
    unknown = {name for name in set(re.findall(r"\.(\w+)\(", text)) if name not in calls | exported}
    assert not unknown, f"README mentions DSL calls that do not exist: {sorted(unknown)}"
    assert not {name for name in re.findall(r"`(\w+)\(", text) if name not in calls | exported}
    undocumented = calls - mentioned - {"get", "offers"} | ({"get", "offers"} - mentioned)
    assert not undocumented, f"public DSL calls missing from the README: {sorted(undocumented)}"
    assert "`rule`" not in text


def test_the_readme_lists_exactly_the_standard_profile_settings():
    from oir_bpmn.profile import STANDARD
    text = _section("Writing a model")
    paragraph = text[text.index("The standard settings"):text.index("offers(")]
    assert re.findall(r"`(\w+)`", paragraph) == list(STANDARD)


def test_the_readme_documents_every_command_and_option():
    text = _section("Commands")
    for command in main.commands:
        assert f"oir-bpmn {command} " in text, command
    assert "--format svg,png,pdf|bpmn" in text and "--previews DIR" in text
    assert ".venv/bin/oir-bpmn" in text


def _between(text: str, start: str, end: str = "<!-- /") -> str:
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def test_readme_consequence_tables_are_what_the_diff_computes():
    from oir_bpmn.diff import compare, cross_theme_summary, load_pairs
    from oir_bpmn.consequences.text import consequence_lines, route_rows
    from oir_bpmn.diff.overview import theme_cells

    text = README.read_text(encoding="utf-8")
    processes = README.parent / "processes"
    diffs = {}
    for theme in ("tema2_blokerede_laanere", "tema5_afstemning"):
        pair = load_pairs([str(processes / f"{theme}.py")])[0][0]  # the theme's first process
        diffs[theme] = compare(*pair)
        shown = _between(text, f"<!-- consequences {theme.split('_')[0]} -->")
        c = diffs[theme].consequences
        assert [f"- {line}" for line in consequence_lines(c)] == shown.splitlines()[:len(consequence_lines(c))]
        rows = [line for line in shown.splitlines() if line.startswith("| I dag") or line.startswith("| Fremover")]
        assert rows == ["| " + " | ".join(row) + " |" for row in route_rows(c)]
    all_pairs, _ = load_pairs([str(processes)])
    summary = cross_theme_summary([compare(*pair) for pair in all_pairs])
    rows = _between(text, "<!-- summary -->").splitlines()[2:]
    assert rows == ["| " + " | ".join(theme_cells(t)) + " |" for t in summary.themes]
