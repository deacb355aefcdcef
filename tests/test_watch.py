"""``oir-bpmn watch`` (issue 29) in headless Chromium: the page on 127.0.0.1 shows an edited
label after the save, a mistake as a problem at file:line above the last good diagram, and the
fixed model again; a busy port gets a clear message; Ctrl-C stops cleanly."""
from __future__ import annotations

import json
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from oir_bpmn.cli import main

REPO = Path(__file__).resolve().parents[1]
CLIENTS = REPO / "tools" / "clients"
WAIT_MS = 30_000  # bounded: a loaded machine is slow, but the page must get there

MODEL = '''from oir_bpmn import process


@process("Betaling", variant="current", key="alfa")
def nu(p):
    bib = p.lane("Biblioteket", dept="library")
    bib.start("Låner vil betale") >> bib.{kind}("{label}", key="modtag") >> bib.end("Betalt")


@process("Betaling", variant="future", key="alfa")
def fremtid(p):
    deb = p.lane("Debitor", dept="finance")
    deb.start("Låner vil betale") >> deb.service("Modtag betaling", key="modtag") >> deb.end("Betalt")
'''
MISTAKE_LINE = 7  # the line of bib.{kind}(…) above


def write(path: Path, label: str, kind: str = "manual") -> None:
    path.write_text(MODEL.format(label=label, kind=kind), encoding="utf-8")


class Watch:
    """``oir-bpmn watch`` in a subprocess; its standard error lines arrive in ``lines``."""

    def __init__(self, src: Path, out: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "oir_bpmn.cli", "watch", str(src), "-o", str(out),
                                      "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def expect(self, pattern: str, timeout: float = 60) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(line)
            if match := re.search(pattern, line):
                return match
        raise AssertionError(f"no line matching {pattern!r} in {self.seen}")


class Browser:
    """tools/clients/watch_check.mjs: headless Chromium on the page, waiting for text."""

    def __init__(self, url: str):
        self.proc = subprocess.Popen(["node", str(CLIENTS / "watch_check.mjs"), url], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def wait_for(self, text: str) -> dict:
        self.proc.stdin.write(json.dumps({"text": text, "timeout": WAIT_MS}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.write('{"quit": true}\n')
        self.proc.stdin.close()
        self.proc.wait(60)


@pytest.fixture
def chromium():
    if not (shutil.which("node") and (CLIENTS / "node_modules" / "playwright-core").is_dir()
            and Path("/usr/bin/chromium").exists()):
        pytest.skip("node, playwright-core or Chromium missing: run tools/setup.sh")
    if shutil.which("neato") is None:
        pytest.skip("Graphviz is not installed")


def test_the_page_follows_edits_mistakes_and_fixes(chromium, tmp_path):
    src = tmp_path / "models"
    src.mkdir()
    model = src / "alfa.py"
    write(model, "Kontantmodtagelse")
    watch = Watch(src, tmp_path / "out")
    try:
        url = watch.expect(r"Preview: (http://127\.0\.0\.1:\d+/)").group(1)
        watch.expect(r"Build 1: done")
        browser = Browser(url)
        try:
            assert browser.wait_for("Kontantmodtagelse")["found"]
            write(model, "Kvitteringstjek")
            edited = browser.wait_for("Kvitteringstjek")
            assert edited["found"] and edited["problems"] == [], edited
            print(f"edited label shown {edited['ms']} ms after the save")
            write(model, "Kvitteringstjek", kind="manuel")  # a misspelt step kind
            mistake = browser.wait_for(f"alfa.py:{MISTAKE_LINE}")
            assert mistake["found"] and len(mistake["problems"]) == 1, mistake
            assert "manuel" in mistake["problems"][0]
            assert browser.wait_for("Kvitteringstjek")["found"]  # the last good diagram stays
            write(model, "Kontantbetaling")
            fixed = browser.wait_for("Kontantbetaling")
            assert fixed["found"] and fixed["problems"] == [] and fixed["generation"] > mistake["generation"]
            assert fixed["foreign"] == []  # the page asks for nothing but 127.0.0.1
        finally:
            browser.close()
        watch.proc.send_signal(signal.SIGINT)  # Ctrl-C
        assert watch.proc.wait(30) == 0
        watch.expect(r"^Stopped\.$")
    finally:
        if watch.proc.poll() is None:
            watch.proc.kill()
            watch.proc.wait()


def test_a_busy_port_gets_a_clear_message(tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["watch", str(tmp_path), "-o", str(tmp_path / "out"), "--port", str(port)])
    finally:
        taken.close()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == (f"oir-bpmn watch: port {port} on 127.0.0.1 is in use (another oir-bpmn "
                                     "watch?); stop that, or choose another port with --port")
