"""The one place the pack draws diagrams: inline SVG for the report, slide pages for the deck.

The deck shows the slide pages of ``render.export.slide_files`` (a wide process cut into
readable 16:9 pages); the report prints the same kind of pages, cut for paper. Diagrams are
drawn without the municipality's name (the report and the deck say it once), so a worker
building many municipalities draws each distinct process once.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..render import render
from .pictures import DECK_DPI, compact_png
from ..render.export import slide_files
from ..render.theme import THEME, Theme

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'<svg width="[^"]*"\s+height="[^"]*"')
_ID = re.compile(r'\bid="([^"]*)"')
_DRAWN: dict[str, bytes] = {}
PRINT_MIN_SCALE = 0.8
"""A 960 pt page printed 287 mm wide (A4 landscape, 5 mm margins) at 0.85: 12 pt task names at
0.8 print at 8.1 pt."""
CACHE_SIZE = 256  # diagrams kept per process: 14 models give at most a few dozen variants


def report_pages(G, prefix: str, look: Theme = THEME) -> list[str]:
    """``G`` cut into pages like the slides, but none under ``PRINT_MIN_SCALE``, as ``<svg>``
    elements to inline, one per printed A4 landscape page (the first of class "diagram"), ids
    prefixed with ``prefix``-<page>."""
    pages = drawn(G, "print-svg", look, lambda shared: [
        data for _, data in slide_files(shared, Path(), "page", ("svg",), theme=look, min_scale=PRINT_MIN_SCALE)])
    out = []
    for number, data in enumerate(pages, 1):
        svg = _PROLOGUE.sub("", data.decode("utf-8"), count=1)
        kind = "diagram page" if number == 1 else "page"  # svg.diagram: one per drawn variant
        svg = _SIZE.sub(f'<svg class="{kind}" width="100%" preserveAspectRatio="xMidYMin meet"', svg, count=1)
        out.append(_ID.sub(lambda m: f'id="{prefix}-{number}-{m[1]}"', svg))
    return out


def slide_pages(G, look: Theme = THEME) -> list[bytes]:
    """The PNG pages of ``G`` in the colours of ``look`` for 16:9 slides, in reading order, at
    the deck's size (``pictures``: 1920 × 1080, a palette)."""
    return drawn(G, "slide-png", look,
                 lambda shared: [compact_png(data) for _, data in slide_files(shared, Path(), "page", ("png",),
                                                                              theme=look, dpi=DECK_DPI)])


def drawn(G, fmt: str, look: Theme, draw=None):
    """``draw(G)`` (default: ``render(G, fmt)`` in ``look``) of ``G`` without its profile and
    municipality name, drawn once per content and look."""
    shared = G.copy()
    shared.graph.pop("profile", None)
    shared.graph.pop("municipality", None)
    key = hashlib.sha256(repr((fmt, look, shared.graph, list(shared.nodes(data=True)),
                               list(shared.edges(data=True)))).encode("utf-8")).hexdigest()
    if key not in _DRAWN:
        if len(_DRAWN) >= CACHE_SIZE:
            _DRAWN.clear()
        _DRAWN[key] = draw(shared) if draw else render(shared, fmt, theme=look)
    return _DRAWN[key]
