"""Slide-ready Graphviz diagrams (SVG, PNG, PDF) of a process graph.

Example::

    from oir_bpmn.render import write_diagrams
    write_diagrams(G, Path("output/diagrams"), "tema2_blokeret_laaner_future", slide=True)

The diagram is the layout of the BPMN export (``oir_bpmn.layout``) drawn by ``neato -n2`` with
every position pinned (see ``render.dot``), so lanes are bands in declaration order, as in
Camunda Modeler. The same model gives the same bytes. ``highlight`` (node or flow id → "moved",
"added", "changed" or "removed") colours steps and flows by change, as the diff diagram does.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import warnings
from pathlib import Path

import graphviz

from ..fsio import write_atomic
from ..layout import Layout, layout
from .dot import build
from .slides import slide_pages
from .theme import THEME, Theme

FORMATS = ("svg", "png", "pdf")
PNG_DPI = "192"  # 2x the 96 dpi of a screen
PNG_MAX = "21.33,21.33"  # inches: at 192 dpi no side exceeds 4096 px (big models shrink to fit)
PNG_MIN_SCALE = 0.5  # px per point: below, 10 pt text is under 5 px and the PNG is skipped
INSTALL_HINT = ("Graphviz is not installed (its 'dot' and 'neato' programs were not found on PATH). "
                "Install it with 'apt-get install graphviz' (Debian/Ubuntu) or "
                "'brew install graphviz' (macOS), then run again.")


EMOJI = re.compile("[\U0001F000-\U0001FAFF]")
"""Pictographs (📚 💰): drawn only by an emoji font such as Noto Color Emoji (tools/setup.sh)."""


def emoji_without_font(texts) -> str | None:
    """The first emoji in ``texts`` when no installed font has it (Graphviz then draws an empty
    box), else None; None too when fontconfig cannot be asked."""
    found = next((match.group() for text in texts for match in [EMOJI.search(text)] if match), None)
    if found is None:
        return None
    try:
        fonts = subprocess.run(["fc-list", f":charset={ord(found):x}", "family"], capture_output=True,
                               text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return None if fonts.strip() else found


class GraphvizMissing(RuntimeError):
    """Graphviz (its ``neato`` program) is not installed or not on PATH."""

    def __init__(self, message: str = INSTALL_HINT):
        super().__init__(message)


class GraphvizFailed(RuntimeError):
    """Graphviz refused a diagram or wrote nothing; ``str()`` is one line with its reason."""


class DiagramSkipped(UserWarning):
    """A diagram format left out (e.g. a PNG too large to read); the other formats are written."""


def render(G, fmt: str, slide: bool = False, highlight: dict[str, str] | None = None,
           theme: Theme = THEME, plan: Layout | None = None) -> bytes:
    """The diagram of ``G`` as ``fmt`` ("svg", "png" or "pdf") bytes; ``slide=True`` fits the
    whole of it on one 16:9 slide (960 × 540 pt; ``write_diagrams`` cuts it into readable
    pages); ``theme`` gives its colours; ``plan`` is the layout of ``G``, if made."""
    return pipe(build(G, slide, highlight, theme, plan), fmt, slide)


def write_diagrams(G, out_dir: Path, stem: str, formats=("svg", "png"), slide: bool = False,
                   highlight: dict[str, str] | None = None, plan: Layout | None = None,
                   theme: Theme = THEME) -> list[Path]:
    """Write ``out_dir/<stem>.<fmt>`` for each format; returns the paths written. With ``slide``
    the diagram is cut into slide pages (see ``slide_files``).

    Every format is rendered before any file is written, and each file is replaced atomically,
    so a failure (e.g. ``GraphvizMissing``) leaves no half-written diagram behind. A PNG of a
    diagram so large that its text could not be read is left out with a ``DiagramSkipped``
    warning (the SVG shows it whole). ``plan`` is the layout of ``G`` when the caller has one.
    """
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown diagram format {unknown[0]!r}; use one of {', '.join(FORMATS)}")
    if slide:
        rendered = slide_files(G, Path(out_dir), stem, formats, highlight, theme)
        return [write_atomic(path, data) for path, data in rendered]
    plan = plan or layout(G)
    dot = build(G, slide, highlight, theme, plan)
    if "png" in formats and png_scale(plan) < PNG_MIN_SCALE:
        warnings.warn(DiagramSkipped(f"{stem}.png left out: the diagram is too large for a readable PNG "
                                     f"({_extent(plan)[0]:.0f} × {_extent(plan)[1]:.0f} pt); see the SVG"))
        formats = [fmt for fmt in formats if fmt != "png"]
    rendered = [(Path(out_dir) / f"{stem}.{fmt}", pipe(dot, fmt, slide)) for fmt in formats]
    return [write_atomic(path, data) for path, data in rendered]


def png_scale(plan: Layout) -> float:
    """Pixels per point of the (not slide) PNG of ``plan``: 192 dpi, or less to stay in 4096 px."""
    width, height = _extent(plan)
    return min(float(PNG_DPI) / 72, 4096 / max(width, height, 1))


def _extent(plan: Layout) -> tuple[float, float]:
    return (max(box.right for box in plan.pools.values()), max(box.bottom for box in plan.pools.values()))


def slide_files(G, out_dir: Path, stem: str, formats, highlight: dict[str, str] | None = None,
                theme: Theme = THEME, dpi: str = PNG_DPI, min_scale: float | None = None) -> list[tuple[Path, bytes]]:
    """The slide pages of ``G`` (``render.slides``, none under ``min_scale``, default its
    ``MIN_SCALE``): one PDF with a 960 × 540 pt page each, and per page an SVG and PNG
    (``<stem>-<k>.<fmt>``, or ``<stem>.<fmt>`` for a single page; the PNG at ``dpi``: 192 gives
    2560 × 1440 pixels, 144 gives 1920 × 1080)."""
    scale = {"min_scale": min_scale} if min_scale else {}
    dots = [build(page, True, highlight, theme) for page in slide_pages(G, highlight is not None, theme, **scale)]
    files = []
    for fmt in formats:
        if fmt == "pdf":
            files.append((out_dir / f"{stem}.pdf", merge_pdfs([pipe(dot, fmt, True) for dot in dots])))
        else:
            files += [(out_dir / (f"{stem}.{fmt}" if len(dots) == 1 else f"{stem}-{k}.{fmt}"), pipe(dot, fmt, True, dpi))
                      for k, dot in enumerate(dots, 1)]
    return files


def merge_pdfs(pages: list[bytes]) -> bytes:
    """One PDF of the one-page PDFs ``pages``, in order (pypdf: it keeps each page's fonts and
    size, which concatenating the files by hand would not)."""
    if len(pages) == 1:
        return pages[0]
    from pypdf import PdfWriter  # here, not at the top: keeps `oir-bpmn --help` fast

    writer = PdfWriter()
    for data in pages:
        writer.append(io.BytesIO(data))
    writer.add_metadata({"/Producer": "oir-bpmn"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pipe(dot: graphviz.Digraph, fmt: str, slide: bool = False, dpi: str = PNG_DPI) -> bytes:
    """``fmt`` bytes of a pinned diagram drawn by ``neato -n2``; PNG at ``dpi`` (default 2x a
    screen), no side over 4096 px unless ``slide``."""
    if fmt == "png":
        dot = dot.copy()
        dot.attr("graph", dpi=dpi)  # only for PNG: in SVG, dpi would change the size
        if not slide:
            dot.attr("graph", size=PNG_MAX)
    renderer = ":cairo" if fmt in ("png", "pdf") else ""
    try:  # as graphviz.pipe does, but in UTC: cairo writes the time zone into a PDF's date
        done = subprocess.run(["dot", "-Kneato", f"-T{fmt}{renderer}", "-n2"], input=dot.source.encode("utf-8"),
                              capture_output=True, env={**os.environ, "TZ": "UTC"})
    except FileNotFoundError:
        raise GraphvizMissing() from None
    if done.returncode or not done.stdout:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizFailed(f"Graphviz could not draw the {fmt.upper()} diagram"
                             + (f": {reason[-1][:200]}" if reason else " (it wrote nothing)"))
    return _strip_dates(done.stdout) if fmt == "pdf" else done.stdout


_PDF_DATE = re.compile(rb"/CreationDate \(D:[^)]*\)")


def _strip_dates(pdf: bytes) -> bytes:
    """The PDF with its creation time blanked to a same-length constant (offsets stay valid)."""
    return _PDF_DATE.sub(lambda m: b"/CreationDate (D:" + b"0" * (len(m.group()) - 18) + b")", pdf)
