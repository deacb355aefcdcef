"""The command line: build, check, atomic writes, errors for people (never a traceback)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from oir_bpmn.cli import main
from oir_bpmn.fsio import write_atomic

GOOD = '''
@process("Betaling i skranken", variant="current", theme=1)
def skranke(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Låner vil betale") >> bib.manual("Modtag kontanter") >> bib.end("Betalt")
'''
BAD = '''
@process("Brudt", variant="current")
def brudt(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Start") >> bib.task("Gør noget")
'''


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_on_every_command():
    for command in ([], ["build"], ["check"]):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_build_writes_bpmn_and_summary(model_file, tmp_path):
    model = model_file(GOOD)
    out = tmp_path / "out"
    result = run("build", str(model), "-o", str(out))
    assert result.exit_code == 0, result.output
    written = out / "bpmn" / "betaling_i_skranken_current.bpmn"
    assert written.read_bytes().startswith(b"<?xml")
    assert "Built 1 process " in result.output


def test_check_reports_problems_without_traceback(model_file):
    model = model_file(BAD)
    result = CliRunner().invoke(main, ["check", str(model)])
    assert result.exit_code == 1
    assert f"{model.name}:" in result.output and "no end event" in result.output
    assert "Traceback" not in result.output


def test_failing_build_leaves_earlier_output_intact(model_file, tmp_path):
    good = model_file(GOOD, "a_good.py")
    out = tmp_path / "out"
    assert run("build", str(good), "-o", str(out)).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = model_file(BAD, "b_bad.py")
    result = CliRunner().invoke(main, ["build", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_prune_removes_stale_outputs(model_file, tmp_path):
    out = tmp_path / "out"
    stale = out / "bpmn" / "removed_model_current.bpmn"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    assert run("build", str(model_file(GOOD)), "-o", str(out), "--prune").exit_code == 0
    assert not stale.exists()


def test_missing_path_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.py")])
    assert result.exit_code == 1 and "no such file or folder" in result.output


def test_bad_profile_is_a_clear_error(model_file, tmp_path):
    profile = tmp_path / "kommune.toml"
    profile.write_text('safepay_integrated = "ja"\nsafepay_integratd = true\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(model_file(GOOD)), "--profile", str(profile)])
    assert result.exit_code == 1
    assert "kommune.toml:1: safepay_integrated: must be bool" in result.output
    assert "kommune.toml:2: safepay_integratd: unknown setting – did you mean 'safepay_integrated'?" in result.output


def test_write_atomic_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "x.bpmn"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bpmn"]


def test_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("oir-bpmn")
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout


def test_build_without_graphviz_still_writes_bpmn(model_file, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(model_file(GOOD)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "apt-get install graphviz" in result.output
    assert (out / "bpmn" / "betaling_i_skranken_current.bpmn").is_file()
    assert not (out / "diagrams").exists()


def test_prune_without_graphviz_keeps_diagrams(model_file, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run("build", str(model_file(GOOD)), "-o", str(out)).exit_code == 0
    diagrams = sorted((out / "diagrams").iterdir())
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["build", str(model_file(GOOD)), "-o", str(out), "--prune"])
    assert result.exit_code == 0, result.output
    assert sorted((out / "diagrams").iterdir()) == diagrams


def test_unwritable_output_is_one_line_not_a_traceback(model_file, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "bpmn").write_text("a file where the folder should be")
    result = CliRunner().invoke(main, ["build", str(model_file(GOOD)), "-o", str(out)])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_profile_that_is_not_text_is_a_clear_error(model_file, tmp_path):
    profile = tmp_path / "binary.toml"
    profile.write_bytes(b"\xff\xfe\x00binary")
    result = CliRunner().invoke(main, ["check", str(model_file(GOOD)), "--profile", str(profile)])
    assert result.exit_code == 1 and "not UTF-8 text" in result.output


def test_help_does_not_load_the_pipeline():
    """`oir-bpmn --help` stays fast: the heavy libraries load only when a command runs."""
    code = "import sys, oir_bpmn.cli; print(sorted({'networkx', 'lxml', 'graphviz'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
