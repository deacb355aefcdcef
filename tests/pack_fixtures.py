"""The session fixture of the pack tests: the packs of profiles/*.toml, built once.

``built_packs`` runs ``oir-bpmn pack`` from the repository root (as ``make demo`` does) into a
scratch folder and returns that folder; every pack test reads the same packs.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PROFILES = sorted((REPO / "profiles").glob("*.toml"))


def run_pack(out_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``oir-bpmn pack ARGS -o OUT_DIR`` run from the repository root."""
    return subprocess.run([sys.executable, "-m", "oir_bpmn.cli", "pack", *args, "-o", str(out_dir)],
                          cwd=REPO, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="session")
def built_packs(tmp_path_factory) -> Path:
    """The folder holding index.html and one pack per profile in profiles/."""
    out = tmp_path_factory.mktemp("kommuner")
    done = run_pack(out, "processes/", *(f"--profile=profiles/{p.name}" for p in PROFILES))
    assert done.returncode == 0, done.stderr + done.stdout
    return out
