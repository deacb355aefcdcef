"""Model code that misbehaves runs in a worker: it is stopped, named, and cannot touch the tool."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import textwrap
import time

import pytest

from oir_bpmn.load import compile_all
from oir_bpmn.problems import DSLError
from oir_bpmn.progress import Progress

HEADER = "from oir_bpmn import process\n"
STEPS = '''
@process("{title}", variant="{variant}", key="{key}")
def model(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Start") >> bib.task("Gør noget", key="goer") >> bib.end("Slut")
'''


def model(folder, name, top="", title="Betaling", variant="current", key="betaling", body=None):
    """A valid model file ``name`` in ``folder`` with ``top`` run when it is loaded."""
    path = folder / name
    source = body if body is not None else STEPS.format(title=title, variant=variant, key=key)
    path.write_text(HEADER + textwrap.dedent(top) + textwrap.dedent(source), encoding="utf-8")
    return path


def cli(*args, cwd, timeout=120):
    """The real command in its own process (real stdout/stderr descriptors; a hang fails)."""
    return subprocess.run([sys.executable, "-m", "oir_bpmn.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


# ---------------------------------------------------------------- 6. a model that never ends

def test_an_endless_model_is_stopped_named_and_the_others_reported(tmp_path):
    model(tmp_path, "a_loop.py", body='''
        @process("Loop", variant="current")
        def loop(p):
            while True:
                pass
    ''')
    broken = model(tmp_path, "b_broken.py", body='@process("Brudt")\ndef b(p):\n    p.lane("Bib", dept="library").start("S")\n')
    model(tmp_path, "c_good.py")
    start = time.monotonic()
    result = cli("check", ".", "--timeout", "2", cwd=tmp_path)
    assert time.monotonic() - start < 60
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^a_loop.py:[56]: the model ran longer than 2 s and was stopped$", result.stderr, re.M)
    assert "--timeout SECONDS" in result.stderr
    assert f"{broken.name}:" in result.stderr  # the other models are still checked
    assert "2 problems found" in result.stderr


def test_a_model_stuck_outside_python_is_killed(tmp_path):
    model(tmp_path, "stuck.py", top="import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                                    "import time\ntime.sleep(600)\n")
    start = time.monotonic()
    with pytest.raises(DSLError, match="ran longer than 1 s and was stopped"):
        compile_all([tmp_path / "stuck.py"], timeout=1)
    assert time.monotonic() - start < 30


# ---------------------------------------------------------------- 7. what a model does stays in it

def test_chdir_in_a_model_does_not_move_the_output(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    model(tmp_path, "chdir.py", top=f"import os\nos.chdir({str(elsewhere)!r})\n")
    result = cli("build", "chdir.py", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "bpmn" / "betaling_current.bpmn").is_file()
    assert not any(elsewhere.iterdir())


def test_os_exit_in_a_model_fails_the_build(tmp_path):
    model(tmp_path, "exits.py", top="import os\nos._exit(0)\n")
    result = cli("build", "exits.py", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert "exits.py: the model ended the process (exit status 0)" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("top, message", [
    ("class Boom(BaseException):\n    pass\nraise Boom('kaboom')\n", "exits.py:4: loading the model: Boom: kaboom"),
    ("raise KeyboardInterrupt\n", "exits.py:2: loading the model: KeyboardInterrupt"),
    ("raise SystemExit(0)\n", "exits.py:2: loading the model: SystemExit: 0"),
])
def test_base_exceptions_in_a_model_are_problems(top, message, tmp_path):
    model(tmp_path, "exits.py", top=top)
    result = cli("check", "exits.py", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_closed_stdout_and_stray_threads_do_not_affect_the_tool(tmp_path):
    model(tmp_path, "rude.py", top='''
        import sys, threading, time
        threading.Thread(target=time.sleep, args=(600,)).start()  # not a daemon
        sys.stdout.close()
    ''')
    start = time.monotonic()
    result = cli("build", "rude.py", "-o", "out", cwd=tmp_path)
    assert time.monotonic() - start < 60
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 1 process ")


def test_a_models_print_goes_to_stderr_not_into_json(tmp_path):
    model(tmp_path, "talks.py", top="print('hello from the model')\nimport os\nos.write(1, b'raw bytes\\n')\n")
    model(tmp_path, "future.py", variant="future",
          top="import subprocess\nsubprocess.run(['echo', 'from a subprocess'])\n")
    result = cli("diff", "talks.py", "future.py", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["processes"][0]["key"] == "betaling"
    for text in ("hello from the model", "raw bytes", "from a subprocess"):
        assert text in result.stderr


# ---------------------------------------------------------------- stale helper modules (#11)

@pytest.mark.parametrize("isolate", [True, False])
def test_each_folder_gets_its_own_helper_module(isolate, tmp_path):
    for folder, lane in (("a", "Biblioteket"), ("b", "Debitor")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "_lanes.py").write_text(f"LANE = {lane!r}\n", encoding="utf-8")
        model(tmp_path / folder, "model.py", key=f"m_{folder}", body=f'''
            from _lanes import LANE
            @process("Model {folder}", variant="current", key="m_{folder}")
            def model(p):
                lane = p.lane(LANE, dept="library")
                lane.start("Start") >> lane.task("Gør noget") >> lane.end("Slut")
        ''')
    compiled = compile_all([tmp_path / "a", tmp_path / "b"], isolate=isolate)
    lanes = [[lane["name"] for lane in c.graph.graph["lanes"].values()] for c in compiled]
    assert lanes == [["Biblioteket"], ["Debitor"]]


# ---------------------------------------------------------------- progress

class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_waits_a_few_seconds_off_a_terminal():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, delay=3, every=5, clock=clock)
    progress.stage("Writing")
    progress(1, 10)
    clock.now = 2.9
    progress(2, 10)
    assert stream.getvalue() == ""
    clock.now = 3.5
    progress(3, 10)
    clock.now = 4.0
    progress(4, 10)  # less than 5 s after the last line
    clock.now = 9.0
    progress(9, 10)
    assert stream.getvalue() == "Writing: 3/10 (4 s)\nWriting: 9/10 (9 s)\n"


def test_progress_shows_at_once_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = Progress(stream, clock=Clock())
    progress.stage("Loading models")
    progress(1, 2)
    progress.close()
    assert stream.getvalue() == "\r\x1b[KLoading models: 1/2\r\x1b[K"


def test_a_quick_build_prints_only_its_summary(tmp_path):
    model(tmp_path, "m.py")
    result = cli("build", "m.py", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.count("\n") == 1 and "Writing" not in result.stderr
