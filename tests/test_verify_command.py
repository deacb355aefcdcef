"""``oir-bpmn verify`` on any BPMN a user has, and ``build --format bpmn``."""
from __future__ import annotations

import os
import re

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from oir_bpmn.buildstamp import STAMP
from oir_bpmn.cli import main
from oir_bpmn.verify import CHECKS, camunda, clients, engines

DATA = Path(__file__).resolve().parent / "data"
MODEL = '''
@process("Betaling i skranken", variant="current", theme=1)
def skranke(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Låner vil betale") >> bib.manual("Modtag kontanter") >> bib.end("Betalt")
'''


def test_verify_reports_each_problem_and_writes_previews_only_where_asked(tmp_path):
    previews = tmp_path / "previews"
    result = CliRunner().invoke(main, ["verify", str(DATA / "sample_ok.bpmn"), str(DATA / "sample_broken.bpmn"),
                                       "--previews", str(previews)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    skipped = [line.split(":")[0].removeprefix("skipped ") for line in result.stderr.splitlines()
               if line.startswith("skipped ")]
    ran = [check for check in CHECKS if check not in skipped]
    assert any(line.startswith(f"{DATA / 'sample_ok.bpmn'}: clean ({len(ran)} checks)") for line in lines)
    reported = {line.split(":")[0].strip() for line in lines if line.startswith("    ")}
    assert reported == set(ran)  # every check that ran found the planted defects
    if "bpmnjs-render" not in skipped:
        assert sorted(p.name for p in previews.iterdir()) == ["sample_broken.png", "sample_ok.png"]


def test_verify_without_previews_writes_nothing(tmp_path):
    copy = tmp_path / "edited.bpmn"
    copy.write_bytes((DATA / "sample_ok.bpmn").read_bytes())
    result = CliRunner().invoke(main, ["verify", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(tmp_path.iterdir()) == [copy]


def test_verify_says_what_it_skipped_and_why(monkeypatch):
    monkeypatch.setattr(engines, "bpmn_schema", lambda: None)
    monkeypatch.setattr(engines, "spiff_available", lambda: False)
    monkeypatch.setattr(clients, "missing_prerequisites", lambda: ["node is not on PATH"])
    monkeypatch.setattr(camunda, "missing_prerequisites", lambda: ["node is not on PATH. Fix: run `make setup`"])
    result = CliRunner().invoke(main, ["verify", str(DATA / "sample_ok.bpmn")])
    assert result.exit_code == 0
    assert "clean (1 checks)" in result.stdout
    skipped = dict(line.removeprefix("skipped ").split(": ", 1) for line in result.stderr.splitlines())
    assert set(skipped) == set(CHECKS) - {"di-geometry"}
    assert "OIR_SHARED" in skipped["xsd"] and "not part of the repository" in skipped["xsd"]
    assert "pip install" in skipped["spiffworkflow"] and "make setup" in skipped["moddle"]
    assert "make setup" in skipped["camunda-modeler"]


def test_verify_refuses_unsafe_and_missing_files(tmp_path):
    evil = tmp_path / "evil.bpmn"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    result = CliRunner().invoke(main, ["verify", str(evil)])
    assert result.exit_code == 2 and "not read: DOCTYPE/ENTITY declarations are not allowed" in result.stdout
    result = CliRunner().invoke(main, ["verify", str(tmp_path / "gone.bpmn")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_build_format_bpmn_writes_bpmn_only_without_graphviz(model_file, tmp_path, monkeypatch):
    model = model_file(MODEL)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no Graphviz reachable
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(model), "-o", str(out), "--format", "bpmn"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert [p.name for p in out.iterdir() if p.name != STAMP] == ["bpmn"]  # and the hidden rebuild stamp
    (bpmn,) = (out / "bpmn").iterdir()
    assert etree.parse(str(bpmn)).getroot().tag.endswith("definitions")


def test_verify_reports_coordinates_that_are_not_numbers_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.bpmn"
    text = (DATA / "sample_ok.bpmn").read_text(encoding="utf-8")
    bad.write_text(re.sub(r'<dc:Bounds x="[^"]*"', '<dc:Bounds x="a"', text, count=1), encoding="utf-8")
    result = CliRunner().invoke(main, ["verify", str(bad)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a report, not a crash
    assert "di-geometry" in result.stdout and "are not numbers" in result.stdout


def test_verify_says_what_a_special_file_is(tmp_path):
    fifo = tmp_path / "pipe.bpmn"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["verify", str(fifo)])
    assert result.exit_code == 2 and "is a FIFO (named pipe), not a BPMN file" in result.stderr
