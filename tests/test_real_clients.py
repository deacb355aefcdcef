"""Every exported BPMN file must open cleanly in the real clients (``oir_bpmn.verify``).

Files under test: ``output/bpmn/*.bpmn``, ``output/diff/*.bpmn`` (``$OIR_OUTPUT`` points at
another output folder) and the hand-written ``tests/data/sample_ok.bpmn``; one test per file
and check (see ``oir_bpmn.verify`` for the checks). ``tests/data/sample_broken.bpmn`` has planted
defects that every check must report, which proves the checks can fail. A check that cannot run
here is skipped with its reason, or fails when ``$CI`` is set. PNG previews go to a scratch folder,
never into the repository.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from oir_bpmn.verify import CHECKS, verify
from oir_bpmn.verify.clients import PNG_SIGNATURE

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = Path(os.environ.get("OIR_OUTPUT") or REPO_ROOT / "output")
TEST_DATA = Path(__file__).resolve().parent / "data"
SAMPLE_OK = TEST_DATA / "sample_ok.bpmn"
SAMPLE_BROKEN = TEST_DATA / "sample_broken.bpmn"


def exported_files() -> list[Path]:
    """The exporter's BPMN files: ``output/bpmn/*.bpmn`` then ``output/diff/*.bpmn``, sorted."""
    return sorted((OUTPUT_DIR / "bpmn").glob("*.bpmn")) + sorted((OUTPUT_DIR / "diff").glob("*.bpmn"))


def display_path(path: Path) -> str:
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


FILES_UNDER_TEST = exported_files() + [SAMPLE_OK]


@pytest.fixture(scope="session")
def report(tmp_path_factory):
    """One run of every check over every file, previews in a scratch folder; by file path."""
    previews = tmp_path_factory.mktemp("previews")
    result = verify(FILES_UNDER_TEST + [SAMPLE_BROKEN], previews=previews)
    return {r.path: r for r in result.files}, result.skipped, previews


def problems_of(report, path: Path, check: str) -> list[str]:
    results, skipped, _ = report
    if check in skipped:
        if os.environ.get("CI"):
            pytest.fail(f"{check} could not run: {skipped[check]}", pytrace=False)
        pytest.skip(f"{check}: {skipped[check]}")
    result = results[path]
    assert result.refused is None, f"the safe reader refused {display_path(path)}: {result.refused}"
    return result.problems[check]


def test_there_are_exported_files_to_check():
    """Never pass on nothing: the exporter must have written BPMN files."""
    if not exported_files():
        pytest.fail("no BPMN files in output/bpmn/ or output/diff/: run the exporter before the tests",
                    pytrace=False)


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("path", FILES_UNDER_TEST, ids=display_path)
def test_file_is_clean(path: Path, check: str, report):
    """The file passes the check with zero problems."""
    problems = problems_of(report, path, check)
    if problems:
        pytest.fail(f"{check}: {len(problems)} problem(s) in {display_path(path)}:\n  " + "\n  ".join(problems),
                    pytrace=False)


@pytest.mark.parametrize("check", CHECKS)
def test_check_reports_broken_sample(check: str, report):
    """Each check can fail: it reports the planted defects of sample_broken.bpmn."""
    assert problems_of(report, SAMPLE_BROKEN, check), f"{check} did not report {display_path(SAMPLE_BROKEN)}"


def test_previews_go_to_the_scratch_folder_only(report):
    results, skipped, previews = report
    if "bpmnjs-render" in skipped:
        pytest.skip(skipped["bpmnjs-render"])
    for path in FILES_UNDER_TEST:
        png = results[path].preview
        assert png.parent == previews and png.read_bytes()[:8] == PNG_SIGNATURE
