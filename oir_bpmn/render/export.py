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
import re
from pathlib import Path

import graphviz

from ..fsio import write_atomic
from .dot import build
from .slides import slide_pages
from .theme import THEME, Theme

FORMATS = ("svg", "png", "pdf")
PNG_DPI = "192"  # 2x the 96 dpi of a screen
PNG_MAX = "21.33,21.33"  # inches: at 192 dpi no side exceeds 4096 px (big models shrink to fit)
INSTALL_HINT = ("Graphviz is not installed (its 'dot' and 'neato' programs were not found on PATH). "
                "Install it with 'apt-get install graphviz' (Debian/Ubuntu) or "
                "'brew install graphviz' (macOS), then run again.")


class GraphvizMissing(RuntimeError):
    """Graphviz (its ``neato`` program) is not installed or not on PATH."""

    def __init__(self, message: str = INSTALL_HINT):
        super().__init__(message)


def render(G, fmt: str, slide: bool = False, highlight: dict[str, str] | None = None,
           theme: Theme = THEME) -> bytes:
    """The diagram of ``G`` as ``fmt`` ("svg", "png" or "pdf") bytes; ``slide=True`` fits the
    whole of it on one 16:9 slide (960 × 540 pt; ``write_diagrams`` cuts it into readable
    pages); ``theme`` gives its colours."""
    return pipe(build(G, slide, highlight, theme), fmt, slide)


def write_diagrams(G, out_dir: Path, stem: str, formats=("svg", "png"),
                   slide: bool = False, highlight: dict[str, str] | None = None,
                   theme: Theme = THEME) -> list[Path]:
    """Write ``out_dir/<stem>.<fmt>`` for each format; returns the paths written. With ``slide``
    the diagram is cut into slide pages (see ``slide_files``).

    Every format is rendered before any file is written, and each file is replaced atomically,
    so a failure (e.g. ``GraphvizMissing``) leaves no half-written diagram behind.
    """
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown diagram format {unknown[0]!r}; use one of {', '.join(FORMATS)}")
    if slide:
        rendered = slide_files(G, Path(out_dir), stem, formats, highlight, theme)
    else:
        dot = build(G, slide, highlight, theme)
        rendered = [(Path(out_dir) / f"{stem}.{fmt}", pipe(dot, fmt, slide)) for fmt in formats]
    return [write_atomic(path, data) for path, data in rendered]


def slide_files(G, out_dir: Path, stem: str, formats, highlight: dict[str, str] | None = None,
                theme: Theme = THEME) -> list[tuple[Path, bytes]]:
    """The slide pages of ``G`` (``render.slides``): one PDF with a 960 × 540 pt page each, and
    per page an SVG and PNG (``<stem>-<k>.<fmt>``, or ``<stem>.<fmt>`` for a single page)."""
    dots = [build(page, True, highlight, theme) for page in slide_pages(G, highlight is not None, theme)]
    files = []
    for fmt in formats:
        if fmt == "pdf":
            files.append((out_dir / f"{stem}.pdf", merge_pdfs([pipe(dot, fmt, True) for dot in dots])))
        else:
            files += [(out_dir / (f"{stem}.{fmt}" if len(dots) == 1 else f"{stem}-{k}.{fmt}"), pipe(dot, fmt, True))
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


def pipe(dot: graphviz.Digraph, fmt: str, slide: bool = False) -> bytes:
    """``fmt`` bytes of a pinned diagram drawn by ``neato -n2``; PNG at 2x, no side over 4096 px
    unless ``slide``."""
    if fmt == "png":
        dot = dot.copy()
        dot.attr("graph", dpi=PNG_DPI)  # only for PNG: in SVG, dpi would change the size
        if not slide:
            dot.attr("graph", size=PNG_MAX)
    try:
        data = dot.pipe(format=fmt, renderer="cairo" if fmt in ("png", "pdf") else None, neato_no_op=2)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing() from None
    return _strip_dates(data) if fmt == "pdf" else data


_PDF_DATE = re.compile(rb"/CreationDate \(D:[^)]*\)")


def _strip_dates(pdf: bytes) -> bytes:
    """The PDF with its creation time blanked to a same-length constant (offsets stay valid)."""
    return _PDF_DATE.sub(lambda m: b"/CreationDate (D:" + b"0" * (len(m.group()) - 18) + b")", pdf)
