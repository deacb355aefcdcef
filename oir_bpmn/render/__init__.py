"""Render: slide diagrams (SVG, PNG, PDF) drawn by Graphviz from the layout of the BPMN export.

``dot`` pins every shape of the layout; ``slides`` cuts a process into 16:9 pages; ``theme``
holds colours, font and title sizes; ``export`` runs Graphviz and writes the files.
"""
from .export import FORMATS, INSTALL_HINT, GraphvizMissing, render, write_diagrams

__all__ = ["FORMATS", "INSTALL_HINT", "GraphvizMissing", "render", "write_diagrams"]
