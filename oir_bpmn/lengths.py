"""Titles, names and labels long enough that the diagrams cannot show them whole: warnings."""
from __future__ import annotations

import networkx as nx

from .problems import Problem
from .validate import all_texts

LONG = {"process title": 80, "pool name": 40, "lane name": 40, "label": 120}
"""Characters past which a text is shown shortened or wrapped into many lines: a warning."""


def long_texts(G: nx.DiGraph) -> list[Problem]:
    """Warnings (not errors) for titles, names and labels longer than ``LONG`` says."""
    found = []
    for file, line, step, what, text in all_texts(G):
        limit = LONG.get(what)
        if limit and len(text) > limit and not (what == "pool name" and text == G.graph["title"]):
            shown = f"'{text[:40]}…'" if what != "process title" else ""
            found.append(Problem(file, line, shown, f"the {what} is {len(text)} characters long: diagrams show it "
                                 "shortened or in many lines (the BPMN keeps it whole)",
                                 f"keep it under {limit} characters; details go into a note, e.g. .assumption(\"…\")"))
    return sorted(set(found), key=lambda p: (p.file, p.line, p.step, p.message))

