"""The one place the pack draws diagrams: inline SVG for the report, slide pages for the deck.

When the slide renderer pages big diagrams, ``slide_pages`` switches to those pages; nothing
else in the pack needs to change.
"""
from __future__ import annotations

import re

from ..render import render

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'<svg width="[^"]*"\s+height="[^"]*"')
_ID = re.compile(r'\bid="([^"]*)"')


def report_svg(G, prefix: str) -> str:
    """``G`` as an ``<svg>`` element to inline in HTML: no XML prologue, as wide as its box, and
    every id prefixed with ``prefix`` so several diagrams can share one page."""
    svg = _PROLOGUE.sub("", render(G, "svg").decode("utf-8"), count=1)
    svg = _SIZE.sub('<svg class="diagram" width="100%" preserveAspectRatio="xMidYMin meet"', svg, count=1)
    return _ID.sub(lambda m: f'id="{prefix}-{m[1]}"', svg)


def slide_pages(G) -> list[bytes]:
    """The PNG pages of ``G`` for 16:9 slides, in reading order."""
    return [render(G, "png", slide=True)]
