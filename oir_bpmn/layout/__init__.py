"""Layout: place a process graph left to right in pools and lanes, with orthogonal flows.

``layout(G)`` runs rank → grid → place → route → labels (see ``pipeline``) into a ``Layout``.
"""
from .geometry import Box, Layout, Point
from .pipeline import layout

__all__ = ["Box", "Layout", "Point", "layout"]
