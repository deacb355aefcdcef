"""Inputs that must not surprise: output names from file content, non-model files, special files."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.cli import main
from oir_bpmn.load import compile_all

PAIR = '''
@process("Betaling", variant="current", key="betaling")
def nu(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Låner vil betale") >> bib.manual("Modtag kontanter", key="modtag") >> bib.end("Betalt")


@process("Betaling", variant="future", key="betaling")
def fremtid(p):
    deb = p.lane("Debitor", dept="finance")
    deb.start("Låner vil betale") >> deb.service("Modtag betaling", key="modtag") >> deb.end("Betalt")
'''
# Python that leaves a mark when it is run: saved as BPMN, it must never be run.
EVIL = "open({marker!r}, 'w').write('ran')\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run_process(*args, cwd, timeout=60):
    """The real command in its own process: a hang fails the test instead of blocking it."""
    return subprocess.run([sys.executable, "-m", "oir_bpmn.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def files_below(folder):
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def pair(model_file):
    return model_file(PAIR, "betaling.py")


@pytest.fixture
def future_bpmn(pair):
    return bpmn_bytes(compile_all([pair])[1].graph)


# ---------------------------------------------------------------- 1. path traversal

@pytest.mark.parametrize("crafted", ["../../escaped", "/ABS/escaped", "..\\..\\escaped", "sub/../../escaped"])
def test_diff_output_names_cannot_leave_the_folder(crafted, pair, future_bpmn, tmp_path):
    crafted = crafted.replace("/ABS", str(tmp_path / "abs"))
    edited = tmp_path / "edited.bpmn"
    edited.write_bytes(future_bpmn.replace(b'id="Definitions_betaling_future"',
                                           f'id="Definitions_{crafted}_future"'.encode()))
    out = tmp_path / "deep" / "er" / "out"
    before = files_below(tmp_path)
    result = run("diff", pair, edited, "-o", out)
    assert result.exit_code == 1, result.output
    new = files_below(tmp_path) - before
    assert len(new) == 5 + 3 and all(path.parent == out for path in new)  # the pair's, oversigt.md/.json/.xlsx
    assert all(re.fullmatch(r"[a-z0-9_]+\.(md|json|svg|png|bpmn|xlsx)", path.name) for path in new)
    assert "Wrote 8 files" in result.stderr


# ---------------------------------------------------------------- 2. only .py files are run

@pytest.mark.parametrize("name", ["evil.bpmn", "evil.xml", "evil.bpmn20.xml", "evil.txt"])
def test_check_never_runs_a_non_model_file(name, tmp_path):
    marker = tmp_path / "marker"
    evil = tmp_path / name
    evil.write_text(EVIL.format(marker=str(marker)))
    result = run("check", evil)
    assert result.exit_code == 1 and not marker.exists()
    assert f"{name}: is " in result.output and "only" in result.output and ".py" in result.output


@pytest.mark.parametrize("name", ["evil.xml", "evil.bpmn", "evil.bpmn20.xml"])
def test_diff_parses_bpmn_and_xml_and_never_runs_them(name, pair, tmp_path):
    marker = tmp_path / "marker"
    evil = tmp_path / name
    evil.write_text(EVIL.format(marker=str(marker)))
    result = run("diff", evil, pair)
    assert result.exit_code == 2 and not marker.exists()
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("suffix", [".xml", ".bpmn20.xml", ".BPMN"])
def test_a_bpmn_saved_as_xml_can_be_diffed(suffix, pair, future_bpmn, tmp_path):
    saved = tmp_path / f"future{suffix}"
    saved.write_bytes(future_bpmn)
    result = run("diff", f"{pair}::betaling_current", saved, "--format", "json")
    assert result.exit_code == 1, result.output
    assert '"moved"' in result.stdout


def test_a_folder_scan_runs_only_py_files(model_file, tmp_path):
    marker = tmp_path / "marker"
    model_file(PAIR, "betaling.py")
    for name in ("evil.bpmn", "evil.xml", "evil.pyc", "evil.py.txt", "_helper.py"):
        (tmp_path / name).write_text(EVIL.format(marker=str(marker)))
    result = run("check", tmp_path)
    assert result.exit_code == 0 and "2 processes are valid" in result.output
    assert not marker.exists()


# ---------------------------------------------------------------- 3. special files

@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")

    def make(name):
        path = tmp_path / name
        os.mkfifo(path)
        return path

    return make


def test_check_refuses_a_fifo_in_one_line(fifo, tmp_path):
    fifo("model.py")
    result = run_process("check", "model.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("model.py: is a FIFO (named pipe), not a model file; "
                                             "only regular .py files are run as models")
    assert "Traceback" not in result.stderr


def test_a_fifo_in_a_scanned_folder_is_refused(fifo, model_file, tmp_path):
    model_file(PAIR, "betaling.py")
    fifo("pipe.py")
    result = run_process("check", ".", cwd=tmp_path)
    assert result.returncode == 1 and "pipe.py: is a FIFO" in result.stderr


def test_diff_refuses_a_fifo_and_a_device_as_bpmn(fifo, pair, tmp_path):
    for side in (fifo("future.bpmn"), "/dev/zero"):
        result = run_process("diff", pair, side, cwd=tmp_path)
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
        assert "not a model or BPMN file" in result.stderr


def test_a_folder_where_a_side_is_expected_is_refused(pair, tmp_path):
    result = run("diff", pair, tmp_path)
    assert result.exit_code == 2 and "a folder cannot be one side" in result.stderr


def test_build_refuses_a_fifo_as_profile(fifo, pair, tmp_path):
    result = run_process("build", pair, "--profile", fifo("profile.toml"), "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 2 and "is a FIFO (named pipe), not a file" in result.stderr
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- 8, 9. big and odd BPMN

def test_the_bpmn_size_limit_is_in_mib_and_configurable(pair, future_bpmn, tmp_path):
    saved = tmp_path / "future.bpmn"
    saved.write_bytes(future_bpmn)
    small = len(future_bpmn) / 2 / 1024 / 1024
    refused = run("diff", pair, saved, "--max-size", f"{small:.4f}")
    assert refused.exit_code == 2 and "MiB; not read" in refused.stderr and "--max-size" in refused.stderr
    saved.write_bytes(future_bpmn.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert run("diff", pair, saved, "--max-size", f"{small:.4f}").exit_code == 2  # UTF-16 is no way round it
    assert run("diff", f"{pair}::betaling_current", saved, "--max-size", "1", "-o", tmp_path / "out").exit_code == 1


def test_a_build_warns_when_its_bpmn_is_larger_than_diff_reads(pair, tmp_path, monkeypatch):
    from oir_bpmn import build
    monkeypatch.setattr(build, "MAX_BYTES", 1000)
    monkeypatch.setenv("PATH", "")  # BPMN only: quicker
    result = run("build", pair, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "betaling_future.bpmn is 0 MiB, more than oir-bpmn diff reads by default; diff it with --max-size 1" \
        in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_doctype_is_refused_in_any_encoding(encoding, pair, future_bpmn, tmp_path):
    text = future_bpmn.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    text = text.replace("?>", '?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
    hostile = tmp_path / "hostile.bpmn"
    hostile.write_bytes(text.encode(encoding))
    result = run("diff", pair, hostile)
    assert result.exit_code == 2 and "DOCTYPE/ENTITY declarations are not allowed" in result.stderr
    assert "remove the <!DOCTYPE" in result.stderr


def test_a_processing_instruction_inside_a_reference_is_harmless(pair, future_bpmn, tmp_path):
    edited = tmp_path / "edited.bpmn"
    edited.write_bytes(future_bpmn.replace(b"<bpmn:flowNodeRef>Activity_modtag<",
                                           b"<bpmn:flowNodeRef><?vendor x?>Activity_<?vendor y?>modtag<"))
    result = run("diff", f"{pair}::betaling_current", edited, "--format", "json")
    assert result.exit_code == 1, result.stderr


@pytest.mark.parametrize("damage, words", [
    (lambda b: b.replace(b'name="Betalt"', b'name="&nbsp;Betalt"'), "uses an XML entity that BPMN files may not use"),
    (lambda b: b[: len(b) // 2], "the XML ends too early (truncated?)"),
    (lambda b: b.replace(b"</bpmn:lane>", b"</bpmn:lan>", 1), "not well-formed XML (damaged?)"),
])
def test_damaged_xml_is_described_by_what_libxml2_refused(damage, words, pair, future_bpmn, tmp_path):
    damaged = tmp_path / "damaged.bpmn"
    damaged.write_bytes(damage(future_bpmn))
    result = run("diff", pair, damaged)
    assert result.exit_code == 2 and words in result.stderr and len(result.stderr.splitlines()) == 1


def test_names_with_line_breaks_keep_tables_whole(pair, future_bpmn, tmp_path):
    edited = tmp_path / "edited.bpmn"
    edited.write_bytes(future_bpmn.replace(b'name="Modtag betaling"', b'name="Modtag&#10;betaling"')
                       .replace(b'name="Debitor"', b'name="Debitor&#13;&#10;afdeling"'))
    for fmt in ("markdown", "table"):
        result = run("diff", f"{pair}::betaling_current", edited, "--format", fmt)
        assert result.exit_code == 1
        rows = [line for line in result.stdout.splitlines() if "Modtag" in line]
        assert rows and all("Modtag betaling" in row for row in rows)
        assert "Debitor afdeling" in result.stdout


def test_a_script_without_a_main_guard_runs_once(pair, tmp_path):
    script = tmp_path / "script.py"
    script.write_text(f"print('top level')\nfrom oir_bpmn.load import compile_all\n"
                      f"print(len(compile_all([{str(pair)!r}])))\n")
    result = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=60)
    assert result.stdout == "top level\n2\n", result.stderr
