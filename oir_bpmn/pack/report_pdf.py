"""``rapport.pdf``: ``rapport.html`` printed on A4 by headless Chromium, made byte-stable.

Chromium stamps the print time into the document information (``/CreationDate``, ``/ModDate``);
pikepdf removes both, drops the XMP metadata and saves with an ``/ID`` computed from the
content (``deterministic_id``), so the same page gives the same bytes.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw")
INSTALL_HINT = ("Chromium is needed to print rapport.pdf: install it with 'apt-get install chromium' "
                "(or run tools/setup.sh), or point CHROMIUM_PATH at a Chromium binary.")
TIMEOUT = 180  # seconds for one print


class ChromiumMissing(RuntimeError):
    """No Chromium to print with."""


def chromium() -> str:
    """The Chromium binary: ``$CHROMIUM_PATH`` when set, else /usr/bin/chromium or ``chromium``."""
    chosen = os.environ.get("CHROMIUM_PATH")
    candidates = [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise ChromiumMissing(INSTALL_HINT)


def print_pdf(html_file: Path) -> bytes:
    """The PDF Chromium prints from ``html_file`` (a page on disk), without dates or a random id."""
    with tempfile.TemporaryDirectory(prefix="oir-print-") as scratch:
        out = Path(scratch) / "print.pdf"
        command = [chromium(), *CHROMIUM_ARGS, f"--user-data-dir={scratch}/profile",
                   f"--print-to-pdf={out}", Path(html_file).resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        if not out.is_file() or out.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise RuntimeError(f"Chromium did not print {html_file} (exit {done.returncode}): {tail[0]}")
        return stable_pdf(out.read_bytes())


def stable_pdf(data: bytes) -> bytes:
    """``data`` without creation/modification dates or XMP metadata, with a content-derived /ID."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                del pdf.docinfo[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
