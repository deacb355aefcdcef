"""Write the files of a diff: report (Markdown, JSON), diagram (SVG, PNG) and coloured BPMN."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
from lxml import etree

from ..bpmn import bpmn_bytes, parse_bpmn_xml, to_bpmn
from ..layout import Layout
from .classify import ProcessDiff, compare, source_name
from .diagram import coloured_bpmn, diff_view, node_status
from .report import SUFFIXES, format_report
from ..fsio import write_atomic
from ..model import slug
from ..render import write_diagrams
from ..render.theme import THEME, Theme


def write_diff_outputs(current_G: nx.DiGraph, future_G: nx.DiGraph, out_dir, stem: str,
                       future_plan: Layout | None = None, diagrams=("svg", "png"), slide: bool = False,
                       theme: Theme = THEME) -> list[Path]:
    """Compare the two graphs and write ``<stem>.md/.json/.bpmn`` and the diagram in ``diagrams``
    (slide pages with ``slide``) into ``out_dir``, coloured by ``theme``; ``future_plan`` is the
    layout of ``future_G`` when the caller made one already."""
    return write_diff_files(compare(current_G, future_G), current_G, future_G, out_dir, stem, future_plan,
                            diagrams=diagrams, slide=slide, theme=theme)


def write_diff_files(diff: ProcessDiff, current_G: nx.DiGraph, future_G: nx.DiGraph, out_dir, stem: str,
                     future_plan: Layout | None = None, reports=("markdown", "json"), diagrams=("svg", "png"),
                     slide: bool = False, theme: Theme = THEME) -> list[Path]:
    """Write the diagram (``diagrams``; slide pages with ``slide``), the report in ``reports`` (of
    markdown, json, csv) and the future BPMN coloured by change, all in the colours of ``theme``.

    The file names come from ``slug(stem)``, never from raw file content: a key read from a
    crafted BPMN (``../../x``, ``/etc/x``) cannot name a path outside ``out_dir``.
    """
    out = Path(out_dir)
    stem = slug(stem)
    diff = dataclasses.replace(diff, current_source=source_name(diff.current_source),
                               future_source=source_name(diff.future_source))
    union, status = diff_view(current_G, future_G, diff)
    return [
        *write_diagrams(union, out, stem, diagrams, slide, highlight=status, theme=theme),
        *(write_atomic(out / f"{stem}{SUFFIXES[fmt]}", format_report([diff], fmt)) for fmt in reports),
        write_atomic(out / f"{stem}.bpmn", coloured_bpmn(_future_bpmn(future_G, future_plan), node_status(diff), theme)),
    ]


def _future_bpmn(G: nx.DiGraph, plan: Layout | None) -> etree._Element:
    """The BPMN of the future variant: the file it was read from, or a fresh export."""
    if G.graph.get("source") == "bpmn":
        return parse_bpmn_xml(G.graph["file"], G.graph.get("max_bytes"))
    return etree.fromstring(to_bpmn(G, plan) if plan else bpmn_bytes(G))
