"""`output/` is exactly what the current code and models produce (same files, same bytes)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from oir_bpmn.cli import main

REPO = Path(__file__).resolve().parents[1]
BUILT = ("bpmn", "diagrams", "diff")


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for folder in BUILT for p in sorted((root / folder).rglob("*")) if p.is_file()}


def assert_same(fresh: dict[str, bytes], committed: dict[str, bytes], folder: str) -> None:
    """The committed files are exactly the fresh ones, byte for byte."""
    assert fresh, "the build wrote nothing"
    missing = sorted(set(fresh) - set(committed))
    stale = sorted(set(committed) - set(fresh))
    changed = sorted(name for name in set(fresh) & set(committed) if fresh[name] != committed[name])
    assert not (missing or stale or changed), (
        f"{folder} is out of date; run `make demo` and commit {folder}.\n"
        f"missing: {missing}\nstale: {stale}\nchanged: {changed}")


def test_output_folder_is_up_to_date(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["build", "processes/", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert_same(files(tmp_path), files(REPO / "output"), "output/")


def pack_files(root: Path) -> dict[str, bytes]:
    """index.html and the files of every pack folder (not the local rebuild hash)."""
    found = {p.name: p.read_bytes() for p in root.glob("index.html")}
    found.update({str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob("*/*"))
                  if p.is_file() and not p.name.startswith(".")})
    return found


def test_committed_packs_are_up_to_date(built_packs):
    """output/kommuner/ holds exactly the packs `make demo` builds for profiles/*.toml."""
    assert_same(pack_files(built_packs), pack_files(REPO / "output" / "kommuner"), "output/kommuner/")
