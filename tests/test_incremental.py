"""Incremental, parallel builds (issue 29): a build redoes only the outputs whose inputs changed,
with the same bytes as a fresh build, on several threads; a killed or failing incremental build
leaves the old set or the new one."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from oir_bpmn.buildstamp import STAMP
from oir_bpmn.cli import main
from oir_bpmn.fsio import STAGING, Staging

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz is not installed")

MODEL = '''from oir_bpmn import process
from _lanes import LIBRARY
{extra}

@process("Betaling {key}", variant="current", key="{key}")
def nu(p):
    bib = p.lane(LIBRARY, dept="library")
    bib.start("Låner vil betale") >> bib.manual("{label}", key="modtag") >> bib.end("Betalt")


@process("Betaling {key}", variant="future", key="{key}")
def fremtid(p):
    deb = p.lane("Debitor", dept="finance")
    deb.start("Låner vil betale") >> deb.service("Modtag betaling", key="modtag") >> deb.end("Betalt")
'''
OLD = 946684800  # 2000-01-01: every file of a build is set to this before the next one


def models(folder: Path, label="Modtag kontanter", lane="Biblioteket", extra="") -> Path:
    """Two model files (keys alfa and beta) and the helper module both import."""
    folder.mkdir(exist_ok=True)
    (folder / "_lanes.py").write_text(f'LIBRARY = "{lane}"\n', encoding="utf-8")
    (folder / "alfa.py").write_text(MODEL.format(key="alfa", label=label, extra=extra), encoding="utf-8")
    (folder / "beta.py").write_text(MODEL.format(key="beta", label="Modtag kontanter", extra=""), encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and STAGING not in p.parts}


def age(folder: Path) -> None:
    for path in folder.rglob("*"):
        os.utime(path, (OLD, OLD))


def rewritten(folder: Path) -> set[str]:
    """The files of ``folder`` written since ``age`` (written files are new files: new times)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime > OLD}


def test_an_edited_model_rebuilds_its_own_outputs_and_the_summary_with_fresh_bytes(tmp_path):
    src, out = models(tmp_path / "m"), tmp_path / "out"
    assert run("build", src, "-o", out).exit_code == 0
    every = set(snapshot(out))
    age(out)
    (src / "alfa.py").write_text((src / "alfa.py").read_text(encoding="utf-8").replace("Modtag kontanter", "Tag imod kontanter"),
                                 encoding="utf-8")
    result = run("build", src, "-o", out)
    assert result.exit_code == 0 and "(2 processes up to date)" in result.stdout, result.output
    ours = {name for name in every if Path(name).name.startswith(("alfa", "oversigt"))}
    assert ours and rewritten(out) == ours | {STAMP}
    assert "Tag imod kontanter" in (out / "bpmn" / "alfa_current.bpmn").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert run("build", src, "-o", fresh, "--jobs", "1").exit_code == 0
    assert snapshot(out) == snapshot(fresh)  # the stamp too: it names the model files, not the folder


def test_nothing_changed_runs_no_model_and_writes_nothing(tmp_path):
    marker = tmp_path / "runs.txt"
    src = models(tmp_path / "m", extra=f"open({str(marker)!r}, 'a').write('x')")
    out = tmp_path / "out"
    assert run("build", src, "-o", out).exit_code == 0
    age(out)
    before = snapshot(out)
    again = run("build", src, "-o", out)
    assert again.exit_code == 0 and "(4 processes up to date)" in again.stdout
    assert marker.read_text() == "x" and not rewritten(out) and snapshot(out) == before
    (out / "diagrams" / "beta_current.svg").unlink()  # a file that went missing is made again
    assert run("build", src, "-o", out).exit_code == 0
    assert rewritten(out) == {"diagrams/beta_current.svg", "diagrams/beta_current.png", "bpmn/beta_current.bpmn",
                              "bpmn/beta_future.bpmn", "diagrams/beta_future.svg", "diagrams/beta_future.png", STAMP}
    assert snapshot(out) == before
    age(out)
    (out / "diff" / "alfa.md").write_text("edited by hand, or an older version checked out")
    assert run("build", src, "-o", out).exit_code == 0  # a file with other bytes is made again
    assert rewritten(out) == {n for n in before if n.startswith("diff/alfa.")} | {STAMP}
    assert snapshot(out) == before
    age(out)
    forced = run("build", src, "-o", out, "--force")
    assert forced.exit_code == 0 and "up to date" not in forced.stdout
    assert rewritten(out) == set(before) and snapshot(out) == before


@pytest.mark.parametrize("change", ["helper", "theme", "format"])
def test_a_changed_helper_theme_or_format_rebuilds_everything(change, tmp_path):
    src, out = models(tmp_path / "m"), tmp_path / "out"
    assert run("build", src, "-o", out).exit_code == 0
    age(out)
    options = []
    if change == "helper":
        models(src, lane="Borgerservice")
    elif change == "theme":
        (tmp_path / "theme.toml").write_text('ink = "#102030"\n', encoding="utf-8")
        options = ["--theme", tmp_path / "theme.toml"]
    else:
        options = ["--format", "svg"]
    result = run("build", src, "-o", out, *options)
    assert result.exit_code == 0 and "up to date" not in result.stdout, result.output
    made = set(snapshot(out)) if change != "format" else {n for n in snapshot(out) if not n.endswith(".png")}
    assert rewritten(out) == made


def test_a_failing_incremental_build_keeps_the_old_set(tmp_path):
    src, out = models(tmp_path / "m"), tmp_path / "out"
    assert run("build", src, "-o", out).exit_code == 0
    before = snapshot(out)
    models(src, label="Modtag " + "x" * 20000)  # Graphviz refuses a label this long
    failed = CliRunner().invoke(main, ["build", str(src), "-o", str(out)])
    assert failed.exit_code == 1 and "is unchanged" in failed.stderr
    assert snapshot(out) == before and not (out / STAGING).exists()
    models(src)  # put back: nothing to do, the stamp still vouches for the old set
    assert "(4 processes up to date)" in run("build", src, "-o", out).stdout


def test_a_killed_incremental_build_leaves_the_old_or_the_new_set(tmp_path):
    src = tmp_path / "m"
    src.mkdir()
    for theme in ("tema2_blokerede_laanere", "tema5_afstemning", "tema3_opkraevning_rykkere"):
        shutil.copy(REPO / "processes" / f"{theme}.py", src)
    for helper in (REPO / "processes").glob("_*.py"):
        shutil.copy(helper, src)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert run("build", src, "-o", out).exit_code == 0
    old = snapshot(out)
    edited = src / "tema3_opkraevning_rykkere.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# an edit: new bytes, same processes\n", encoding="utf-8")
    (src / "tema5_afstemning.py").unlink()
    assert run("build", src, "-o", fresh).exit_code == 0
    new = snapshot(fresh)
    rng = random.Random(29)
    for _ in range(4):
        build = subprocess.Popen([sys.executable, "-m", "oir_bpmn.cli", "build", src, "-o", out, "--prune"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (out / STAGING).exists() and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.6))
        build.send_signal(signal.SIGKILL)
        build.wait()
        with Staging(out):  # the next writer finishes or discards what the killed one left
            pass
        now = snapshot(out)
        assert now in (old, new)
    result = run("build", src, "-o", out, "--prune")
    assert result.exit_code == 0 and snapshot(out) == new
