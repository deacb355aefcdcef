"""Picking the sides of a diff: a BPMN file finds its variant, the header names both sides, and
unrelated processes are refused unless --force."""
from __future__ import annotations

import json

from click.testing import CliRunner

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.cli import main
from oir_bpmn.diff import load_pairs
from oir_bpmn.diff.classify import source_name

from test_diff import PAIR

OTHER = '''
@process("Noget helt andet", variant="future", key="andet")
def andet(p):
    it = p.lane("IT", dept="system")
    it.start("Hver nat", key="hver_nat") >> it.service("Sikkerhedskopi", key="backup") >> it.end("Gemt", key="gemt")
'''


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def export(model, name: str, tmp_path):
    (current, future), = load_pairs([str(model)])[0]
    path = tmp_path / name
    path.write_bytes(bpmn_bytes(future if "future" in name else current))
    return path


def test_model_against_its_future_export_compares_the_future_variant(model_file, tmp_path):
    model = model_file(PAIR, "tema5_afstemning.py")
    future_bpmn = export(model, "tema5_future.bpmn", tmp_path)
    out = run("diff", model, future_bpmn, "--format", "json")
    assert out.exit_code == 0, out.output  # the future model against its own export: no differences
    process, = json.loads(out.stdout)["processes"]
    assert process["compared"] == {"current": f"{source_name(model)}::tema5 (fremtidig)",
                                   "future": f"{source_name(future_bpmn)} (fremtidig, nøgle tema5)"}
    assert "records key 'tema5' and the future variant" in out.stderr


def test_the_bpmn_on_the_first_side_picks_the_variant_of_the_model(model_file, tmp_path):
    model = model_file(PAIR, "tema5_afstemning.py")
    current_bpmn = export(model, "tema5_current.bpmn", tmp_path)
    out = run("diff", current_bpmn, model)
    assert out.exit_code == 0 and f"Sammenlignet: {source_name(current_bpmn)} (nuværende, nøgle tema5)" in out.stdout


def test_header_names_both_sides_and_how_a_key_picked_one(model_file):
    model = model_file(PAIR, "tema5_afstemning.py")
    out = run("diff", f"{model}::tema5", f"{model}::tema5", "--format", "markdown")
    assert out.exit_code == 1
    assert f"Sammenlignet: `{source_name(model)}::tema5 (nuværende)` → `{source_name(model)}::tema5 (fremtidig)`" in out.stdout
    assert "the first side takes the current variant" in out.stderr and "::KEY_future" in out.stderr
    explicit = run("diff", f"{model}::tema5_future", f"{model}::tema5_future")
    assert explicit.exit_code == 0 and "warning" not in explicit.stderr
    assert f"Sammenlignet: {source_name(model)}::tema5 (fremtidig)  →  {source_name(model)}::tema5 (fremtidig)" in explicit.stdout


def test_unrelated_processes_are_refused_unless_forced(model_file):
    model = model_file(PAIR, "tema5_afstemning.py")
    other = model_file(OTHER, "andet.py")
    refused = run("diff", model, other)
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "no step of" in refused.stderr and "--force" in refused.stderr and len(refused.stderr.splitlines()) == 1
    forced = run("diff", model, other, "--force", "--format", "json")
    assert forced.exit_code == 1
    process, = json.loads(forced.stdout)["processes"]
    assert any("forskellige nøgler (tema5 og andet)" in note for note in process["notes"])
