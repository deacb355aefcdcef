"""Builds are all or nothing: killed, failing and concurrent builds; one layout per process;
the same bytes whatever the time zone, working directory or spelling of the path."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import oir_bpmn
from oir_bpmn.build import build_outputs
from oir_bpmn.buildstamp import STAMP
from oir_bpmn.cli import main
from oir_bpmn.fsio import STAGING, Staging, write_atomic
from oir_bpmn.layout import pipeline
from oir_bpmn.load import compile_all
from oir_bpmn.render import render, write_diagrams
from oir_bpmn.render.export import DiagramSkipped

REPO = Path(__file__).resolve().parents[1]
graphviz = pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz is not installed")

PAIR = '''
@process("Betaling", variant="current", key="{key}")
def nu(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Låner vil betale") >> bib.manual("Modtag kontanter", key="modtag"){note} >> bib.end("Betalt")


@process("Betaling", variant="future", key="{key}")
def fremtid(p):
    deb = p.lane("Debitor", dept="finance")
    deb.start("Låner vil betale") >> deb.service("Modtag betaling", key="modtag") >> deb.end("Betalt")
'''


def pair(model_file, key="betaling", note="", name=None):
    return model_file(PAIR.format(key=key, note=note), name or f"{key}.py")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (the staging folder aside) with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and STAGING not in p.parts}


# ---------------------------------------------------------------- 4. all or nothing

@graphviz
def test_a_killed_build_leaves_the_previous_output(model_file, tmp_path):
    out = tmp_path / "out"
    assert run("build", pair(model_file, "gammel"), "-o", out).exit_code == 0
    before = snapshot(out)
    models = tmp_path / "models"
    models.mkdir()
    for theme in ("tema2_blokerede_laanere", "tema5_afstemning", "tema3_opkraevning_rykkere"):
        shutil.copy(REPO / "processes" / f"{theme}.py", models)
    for helper in (REPO / "processes").glob("_*.py"):  # the models' shared helpers
        shutil.copy(helper, models)
    rng = random.Random(12)
    for _ in range(3):
        build = subprocess.Popen([sys.executable, "-m", "oir_bpmn.cli", "build", models, "-o", out, "--prune"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (out / STAGING).exists() and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.8))  # somewhere while it writes
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert snapshot(out) == before
    result = run("build", models, "-o", out, "--prune")
    names = sorted(f"{item.definition.name}.bpmn" for item in compile_all([models]))
    assert result.exit_code == 0 and f"Built {len(names)} processes" in result.output
    assert not (out / STAGING).exists()
    assert sorted(p.name for p in (out / "bpmn").iterdir()) == names


@pytest.mark.parametrize("renames", [0, 1, 2])
def test_a_commit_interrupted_halfway_is_all_or_nothing(renames, tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_atomic(out / "bpmn" / "old.bpmn", "old")
    moves = []
    real_replace = os.replace

    def replace_then_die(src, dst):  # interrupted after ``renames`` renames (the journal's first)
        if len(moves) == renames:
            raise KeyboardInterrupt
        moves.append(dst)
        real_replace(src, dst)

    with pytest.raises(KeyboardInterrupt):
        with Staging(out) as stage:
            write_atomic(stage.root / "bpmn" / "a.bpmn", "A")
            write_atomic(stage.root / "bpmn" / "b.bpmn", "B")
            monkeypatch.setattr(os, "replace", replace_then_die)
            stage.commit(remove=[Path("bpmn/old.bpmn")])
    monkeypatch.setattr(os, "replace", real_replace)
    with Staging(out):  # the next writer
        pass
    if renames == 0:  # before the journal was in place: as if nothing had happened
        assert snapshot(out) == {"bpmn/old.bpmn": snapshot_of("old")}
    else:  # the journal was written: the commit is carried out
        assert snapshot(out) == {"bpmn/a.bpmn": snapshot_of("A"), "bpmn/b.bpmn": snapshot_of("B")}
    assert not (out / STAGING).exists()


def test_a_killed_commit_is_finished_by_the_next_writer(tmp_path):
    out = tmp_path / "out"
    write_atomic(out / "bpmn" / "old.bpmn", "old")
    staged = out / STAGING
    write_atomic(staged / "bpmn" / "b.bpmn", "B")  # a.bpmn had been moved when the build was killed
    write_atomic(out / "bpmn" / "a.bpmn", "A")
    write_atomic(staged / ".commit", "+bpmn/a.bpmn\n+bpmn/b.bpmn\n-bpmn/old.bpmn\n-../outside\n")
    (tmp_path / "outside").write_text("not ours")
    with Staging(out):
        pass
    assert snapshot(out) == {"bpmn/a.bpmn": snapshot_of("A"), "bpmn/b.bpmn": snapshot_of("B")}
    assert (tmp_path / "outside").exists()


def snapshot_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_second_writer_waits_for_the_first(tmp_path):
    out = tmp_path / "out"
    waited, done = threading.Event(), threading.Event()

    def second():
        with Staging(out, on_wait=waited.set) as stage:
            write_atomic(stage.root / "diff" / "second.md", "2")
            stage.commit()
        done.set()

    with Staging(out) as stage:
        write_atomic(stage.root / "diff" / "first.md", "1")
        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(10) and not done.wait(0.3)
        stage.commit()
    thread.join(10)
    assert done.is_set() and set(snapshot(out)) == {"diff/first.md", "diff/second.md"}


@graphviz
def test_concurrent_pruning_builds_do_not_mix(model_file, tmp_path):
    sets = {}
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for key in (f"{name}1", f"{name}2"):
            shutil.move(pair(model_file, key), folder)
        sets[name] = {f"{key}_{variant}.bpmn" for key in (f"{name}1", f"{name}2") for variant in ("current", "future")}
    out = tmp_path / "out"
    builds = [subprocess.Popen([sys.executable, "-m", "oir_bpmn.cli", "build", tmp_path / name, "-o", out, "--prune"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for name in ("a", "b")]
    assert [build.wait(120) for build in builds] == [0, 0]
    winner = next(name for name, files in sets.items() if {p.name for p in (out / "bpmn").iterdir()} == files)
    diff_files = {p.name for p in (out / "diff").iterdir()}
    assert {name.partition(".")[0] for name in diff_files} == {f"{winner}1", f"{winner}2", "oversigt"}
    assert len(diff_files) == 2 * 5 + 3  # per pair .md .json .svg .png .bpmn; oversigt .md .json .xlsx


def test_stray_temp_files_are_removed(model_file, tmp_path):
    out = tmp_path / "out"
    stray = out / "bpmn" / ".betaling_current.bpmn.k2x_9q1a.tmp"
    stray.parent.mkdir(parents=True)
    stray.write_text("half")
    keep = out / "bpmn" / "notes.tmp"
    keep.write_text("the user's")
    assert run("build", pair(model_file), "-o", out, "--prune").exit_code == 0
    assert not stray.exists() and keep.exists()


# ---------------------------------------------------------------- 5. failures after writing began

@graphviz
def test_graphviz_refusing_a_diagram_keeps_the_output_and_names_the_model(model_file, tmp_path):
    out = tmp_path / "out"
    assert run("build", pair(model_file), "-o", out).exit_code == 0
    before = snapshot(out)
    huge = pair(model_file, "betaling", note='.note("Spørgsmål: " + "x" * 20000)', name="huge.py")
    result = CliRunner().invoke(main, ["build", str(huge), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    first, hint = result.stderr.splitlines()
    assert first.startswith("oir-bpmn build: betaling_current: Graphviz could not draw the SVG diagram")
    assert hint.strip().startswith("→ shorten very long labels or notes") and hint.endswith(f"{out}/ is unchanged")
    assert snapshot(out) == before and not (out / STAGING).exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_output_folder_says_what_to_do(model_file, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run("build", pair(model_file), "-o", out)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert "build into a folder you may write to" in result.stderr and not any(out.iterdir())


def test_an_output_path_through_a_file_says_what_to_do(model_file, tmp_path):
    (tmp_path / "file").write_text("not a folder")
    result = run("build", pair(model_file), "-o", tmp_path / "file" / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("oir-bpmn build: the output folder: cannot write into")
    assert "→ check the output folder and build again" in result.stderr


@graphviz
def test_a_terminated_build_cleans_up_and_keeps_the_output(model_file, tmp_path):
    out = tmp_path / "out"
    assert run("build", pair(model_file, "gammel"), "-o", out).exit_code == 0
    before = snapshot(out)
    build = subprocess.Popen([sys.executable, "-m", "oir_bpmn.cli", "build", REPO / "processes", "-o", out],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (out / STAGING).exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    build.terminate()
    assert build.wait(60) == 143 and build.stdout.read() == b""
    assert snapshot(out) == before and not (out / STAGING).exists()


@graphviz
def test_a_failed_first_build_leaves_no_folder(model_file, tmp_path):
    huge = pair(model_file, "betaling", note='.note("Spørgsmål: " + "x" * 20000)')
    out = tmp_path / "out"
    assert run("build", huge, "-o", out).exit_code == 1
    assert not out.exists()


def test_without_graphviz_the_bpmn_is_still_written(model_file, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "")
    out = tmp_path / "new" / "out"
    result = run("build", pair(model_file), "-o", out)
    assert result.exit_code == 0 and "Graphviz is not installed" in result.stderr
    assert set(snapshot(out)) - {STAMP} == {"bpmn/betaling_current.bpmn", "bpmn/betaling_future.bpmn"}


# ---------------------------------------------------------------- lay out once (#10)

@graphviz
def test_a_build_lays_out_each_process_once(model_file, tmp_path, monkeypatch):
    calls = []
    original = pipeline.layout

    def counting(G, *args, **kwargs):
        calls.append(G.graph.get("key"))
        return original(G, *args, **kwargs)

    for name, module in list(sys.modules.items()):  # every module that imported ``layout``
        if name.startswith("oir_bpmn") and getattr(module, "layout", None) is original:
            monkeypatch.setattr(module, "layout", counting)
    compiled = compile_all([pair(model_file)], isolate=False)
    build_outputs(compiled, tmp_path / "out", formats=("svg", "png", "pdf"))
    assert len(calls) == 2 + 1  # two processes, and the union drawing of their diff


# ---------------------------------------------------------------- 10. determinism

@graphviz
def test_pdf_bytes_do_not_depend_on_the_time_zone(model_file, monkeypatch):
    G = compile_all([pair(model_file)])[0].graph
    pdfs = []
    for zone in ("UTC", "Europe/Copenhagen", "America/St_Johns"):
        monkeypatch.setenv("TZ", zone)
        pdfs.append(render(G, "pdf"))
    assert pdfs[0] == pdfs[1] == pdfs[2]


@graphviz
def test_reports_do_not_depend_on_the_working_directory_or_path_spelling(model_file, tmp_path, monkeypatch):
    model = pair(model_file)
    other = tmp_path / "other"
    other.mkdir()
    builds = []
    for cwd, spelling in ((tmp_path, model.name), (tmp_path, model), (other, f"../{model.name}"),
                          (other, f"{other}/../{model.name}")):
        monkeypatch.chdir(cwd)
        out = tmp_path / f"out{len(builds)}"
        assert run("build", spelling, "-o", out).exit_code == 0
        builds.append(snapshot(out))
    assert builds[0] == builds[1] == builds[2] == builds[3]
    assert f"{tmp_path.name}/{model.name}" in (tmp_path / "out0" / "diff" / "betaling.md").read_text()


# ---------------------------------------------------------------- 8. big diagrams

CHAIN = '''
@process("Lang kæde", variant="current")
def kaede(p):
    bib = p.lane("Biblioteket", dept="library")
    step = bib.start("Start")
    for i in range({n}):
        step = step >> bib.task(f"Opgave {{i}}")
    step >> bib.end("Slut")
'''


@graphviz
def test_a_png_too_large_to_read_is_left_out_with_a_warning(model_file, tmp_path):
    G = compile_all([model_file(CHAIN.format(n=80))])[0].graph
    with pytest.warns(DiagramSkipped, match=r"kaede.png left out: the diagram is too large"):
        written = write_diagrams(G, tmp_path, "kaede", ("svg", "png"))
    assert [p.name for p in written] == ["kaede.svg"] and not (tmp_path / "kaede.png").exists()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pages = write_diagrams(G, tmp_path, "slide", ("png",), slide=True)  # slide pages stay readable
    assert len(pages) > 1 and [p.name for p in pages] == [f"slide-{k}.png" for k in range(1, len(pages) + 1)]


@graphviz
def test_a_build_counts_only_files_it_wrote(model_file, tmp_path):
    result = run("build", model_file(CHAIN.format(n=80), "kaede.py"), "-o", tmp_path / "out")
    assert result.exit_code == 0 and "1 diagrams" in result.stdout
    assert "lang_kaede_current.png left out" in result.stderr
    assert all(p.stat().st_size > 0 for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert oir_bpmn  # the package under test
