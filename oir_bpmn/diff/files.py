"""Write the files of a diff: report (Markdown, JSON), diagram (SVG, PNG) and coloured BPMN."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from lxml import etree

from ..bpmn import bpmn_bytes, parse_bpmn_xml
from .classify import ProcessDiff, compare
from .diagram import coloured_bpmn, diff_view, node_status
from .report import render_json, render_markdown
from ..fsio import write_atomic
from ..render import write_diagrams


def write_diff_outputs(current_G: nx.DiGraph, future_G: nx.DiGraph, out_dir, stem: str,
                       formats=("svg", "png"), slide: bool = False) -> list[Path]:
    """Compare the two graphs and write ``<stem>.md/.json/.bpmn`` and the diagram in
    ``formats`` (slide pages with ``slide``) into ``out_dir``."""
    return write_diff_files(compare(current_G, future_G), current_G, future_G, out_dir, stem, formats, slide)


def write_diff_files(diff: ProcessDiff, current_G: nx.DiGraph, future_G: nx.DiGraph, out_dir,
                     stem: str, formats=("svg", "png"), slide: bool = False) -> list[Path]:
    """Write the diagram (``formats``; slide pages with ``slide``), the report (Markdown, JSON)
    and the coloured future BPMN."""
    out = Path(out_dir)
    union, status = diff_view(current_G, future_G, diff)
    return [
        *write_diagrams(union, out, stem, formats, slide, highlight=status),
        write_atomic(out / f"{stem}.md", render_markdown([diff])),
        write_atomic(out / f"{stem}.json", render_json([diff])),
        write_atomic(out / f"{stem}.bpmn", coloured_bpmn(_future_bpmn(future_G), node_status(diff))),
    ]


def _future_bpmn(G: nx.DiGraph) -> etree._Element:
    """The BPMN of the future variant: the file it was read from, or a fresh export."""
    if G.graph.get("source") == "bpmn":
        return parse_bpmn_xml(G.graph["file"])
    return etree.fromstring(bpmn_bytes(G))
