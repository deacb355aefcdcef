"""The one place the pack draws diagrams: inline SVG for the report, slide pages for the deck.

When the slide renderer pages big diagrams, ``slide_pages`` switches to those pages; nothing
else in the pack needs to change. Diagrams are drawn without the municipality's name (which
they do not show), so a worker building many municipalities draws each distinct process once.
"""
from __future__ import annotations

import hashlib
import re

from ..render import render

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'<svg width="[^"]*"\s+height="[^"]*"')
_ID = re.compile(r'\bid="([^"]*)"')
_DRAWN: dict[str, bytes] = {}
CACHE_SIZE = 256  # diagrams kept per process: 14 models give at most a few dozen variants


def report_svg(G, prefix: str) -> str:
    """``G`` as an ``<svg>`` element to inline in HTML: no XML prologue, as wide as its box, and
    every id prefixed with ``prefix`` so several diagrams can share one page."""
    svg = _PROLOGUE.sub("", drawn(G, "svg").decode("utf-8"), count=1)
    svg = _SIZE.sub('<svg class="diagram" width="100%" preserveAspectRatio="xMidYMin meet"', svg, count=1)
    return _ID.sub(lambda m: f'id="{prefix}-{m[1]}"', svg)


def slide_pages(G) -> list[bytes]:
    """The PNG pages of ``G`` for 16:9 slides, in reading order."""
    return [drawn(G, "png", slide=True)]


def drawn(G, fmt: str, slide: bool = False) -> bytes:
    """``render(G, fmt, slide)`` of ``G`` without its profile name, drawn once per content."""
    shared = G.copy()
    shared.graph.pop("profile", None)
    key = hashlib.sha256(repr((fmt, slide, shared.graph, list(shared.nodes(data=True)),
                               list(shared.edges(data=True)))).encode("utf-8")).hexdigest()
    if key not in _DRAWN:
        if len(_DRAWN) >= CACHE_SIZE:
            _DRAWN.clear()
        _DRAWN[key] = render(shared, fmt, slide=slide)
    return _DRAWN[key]
