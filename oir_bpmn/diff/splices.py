"""Steps inserted on a flow, or taken out of one, read as one change with their flows.

An insertion is a flow S → T of the current variant that the future variant no longer has, where
the future leads from S to T through new steps only; a removal is the same backwards (a new flow
S → T where the current variant went through steps that are gone). The changed flow and the flows
into and out of the new (or removed) steps are listed together, each marked with the steps'
names (``FlowChange.inserted`` or ``taken_out``). Example::

    [f.text() for f in diff.flows if f.inserted]
    # ['Tjek faktura → Godkend (indsat: Scan faktura)', 'Tjek faktura → Scan faktura (indsat: …)', …]
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keeps `oir-bpmn --help` from importing networkx
    import networkx as nx

from .flows import FlowChange, StepFlow, step_flows, steps_of
from .match import step_name

LONG_CHAIN = 2
"""Inserted chains longer than this are named by their count, first and last step."""


def mark_splices(changes: list[FlowChange], current: nx.DiGraph, future: nx.DiGraph, pairs: dict[str, str],
                 promoted=frozenset()) -> list[FlowChange]:
    """``changes`` (``flow_changes(current, future, pairs, promoted)``) with every insertion and
    removal marked and completed by its flows, those groups last."""
    groups: dict[int, list[FlowChange]] = {}
    if any(c.cls == "flow_removed" for c in changes):
        groups |= _splices(changes, future, step_flows(future, steps_of(future, promoted)), pairs, "inserted")
    if any(c.cls == "flow_added" for c in changes):
        back = {b: a for a, b in pairs.items()}
        groups |= _splices(changes, current, step_flows(current, steps_of(current, promoted)), back, "taken_out")
    return [c for c in changes if id(c) not in groups] + [c for group in groups.values() for c in group]


def _splices(changes: list[FlowChange], G: nx.DiGraph, flows: list[StepFlow], pairs: dict[str, str],
             field: str) -> dict[int, list[FlowChange]]:
    """Per spliced change (by ``id``): the change and the flows into and out of the spliced steps.

    ``field`` is "inserted" (removed flows, ``G`` the future variant) or "taken_out" (added flows,
    ``G`` the current variant); ``flows`` are ``G``'s step flows; ``pairs`` maps the other
    variant's ids to ``G``'s."""
    changed, spliced = ("flow_removed", "flow_added") if field == "inserted" else ("flow_added", "flow_removed")
    out: dict[str, list[StepFlow]] = {}
    for f in flows:
        out.setdefault(f.source, []).append(f)
    paired = set(pairs.values())
    groups: dict[int, list[FlowChange]] = {}
    for change in changes:
        flow = change.before if field == "inserted" else change.after
        if change.cls != changed or flow is None:
            continue
        path = _path_through_new(out, paired, pairs[flow.source], pairs[flow.target])
        if not path:
            continue
        names = steps_text([step_name(G.nodes[n]) for n in path[1:-1]])
        group = [replace(change, **{field: names})]
        for a, b in ((path[0], path[1]), (path[-2], path[-1])):
            f = next(x for x in out[a] if x.target == b)
            target, guard = step_name(G.nodes[b]), f.label or f.condition
            if spliced == "flow_added":
                group.append(FlowChange(spliced, step_name(G.nodes[a]), None, target, "", guard, None, f, inserted=names))
            else:
                group.append(FlowChange(spliced, step_name(G.nodes[a]), target, None, guard, "", f, None, taken_out=names))
        groups[id(change)] = group
    return groups


def steps_text(names: list[str]) -> str:
    """"A", "A → B", or "5 trin: A … E" for longer chains of steps."""
    return " → ".join(names) if len(names) <= LONG_CHAIN else f"{len(names)} trin: {names[0]} … {names[-1]}"


def _path_through_new(out: dict[str, list[StepFlow]], paired: set[str], s: str, t: str) -> list[str]:
    """The shortest path s → … → t whose inner steps are all unpaired (new), or []."""
    parent = {f.target: s for f in out.get(s, ()) if f.target not in paired}
    todo = list(parent)
    while todo:
        following = []
        for n in todo:
            for f in out.get(n, ()):
                if f.target == t:
                    path = [t, n]
                    while path[-1] != s:
                        path.append(parent[path[-1]])
                    return path[::-1]
                if f.target not in paired and f.target not in parent:
                    parent[f.target] = n
                    following.append(f.target)
        todo = following
    return []
