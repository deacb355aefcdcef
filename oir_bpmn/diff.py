"""Compare the current and the future variant of a process: which steps move where.

The public API of ``oir-bpmn diff``; the work is done in small modules:
``diff_match`` (pair steps), ``diff_compare`` (classify), ``diff_report`` (text formats),
``diff_union`` and ``diff_diagram`` (diagram and coloured BPMN), ``diff_inputs`` (command-line
arguments).

Example::

    from oir_bpmn.diff import diff_graphs, write_diff_outputs
    result = diff_graphs(current_graph, future_graph)
    [c.label for c in result.of("moved")]                    # steps that change department/lane
    write_diff_outputs(current_graph, future_graph, "output/diff", result.key)
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from lxml import etree

from .bpmn_read import parse_bpmn_xml
from .bpmn import bpmn_bytes
from .diff_compare import CLASS_LABELS, Change, ProcessDiff, compare
from .diff_diagram import coloured_bpmn, diff_view, node_status
from .diff_inputs import DiffInputError, load_pairs, pair_compiled
from .diff_report import FORMATS, render, render_json, render_markdown
from .fsio import write_atomic
from .render import write_diagrams

__all__ = ["CLASS_LABELS", "Change", "DiffInputError", "FORMATS", "ProcessDiff", "diff_graphs",
           "load_pairs", "pair_compiled", "render", "write_diff_files", "write_diff_outputs"]

diff_graphs = compare


def write_diff_outputs(current_G: nx.DiGraph, future_G: nx.DiGraph, out_dir, stem: str) -> list[Path]:
    """Compare the two graphs and write ``<stem>.md/.json/.svg/.png/.bpmn`` into ``out_dir``."""
    return write_diff_files(compare(current_G, future_G), current_G, future_G, out_dir, stem)


def write_diff_files(diff: ProcessDiff, current_G: nx.DiGraph, future_G: nx.DiGraph, out_dir,
                     stem: str) -> list[Path]:
    """Write the diagram (SVG, PNG), the report (Markdown, JSON) and the coloured future BPMN."""
    out = Path(out_dir)
    union, status = diff_view(current_G, future_G, diff)
    return [
        *write_diagrams(union, out, stem, ("svg", "png"), highlight=status),
        write_atomic(out / f"{stem}.md", render_markdown([diff])),
        write_atomic(out / f"{stem}.json", render_json([diff])),
        write_atomic(out / f"{stem}.bpmn", coloured_bpmn(_future_bpmn(future_G), node_status(diff))),
    ]


def _future_bpmn(G: nx.DiGraph) -> etree._Element:
    """The BPMN of the future variant: the file it was read from, or a fresh export."""
    if G.graph.get("source") == "bpmn":
        return parse_bpmn_xml(G.graph["file"])
    return etree.fromstring(bpmn_bytes(G))
