"""Message flow changes between the pools of two variants: added, removed, renamed and rewired.

A message flow is compared by its ends (steps paired by ``match``, or whole pools by name) and its
name. Flows found unchanged are set aside first; then flows with the same id, the same ends, or
the same name and one end in common pair up as one flow that was renamed or rewired. A flow touching a
step that only one variant has is left out: the step's own change says it. Example::

    [f.text() for f in message_changes(current, future, pairs)]
    # ['Send faktura → Faktura modtaget: beskeden "Faktura" hedder nu "Faktura som PDF"']
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keeps `oir-bpmn --help` from importing networkx
    import networkx as nx

from .flows import FlowChange, StepFlow
from .match import normalise, step_name


@dataclass(frozen=True)
class _Message:
    """One message flow: its id, its ends as comparable keys and as names, and its name."""

    id: str
    ends: tuple  # (source, target): a future node id, or ("pool", normalised name)
    names: tuple[str, str]
    label: str
    flow: StepFlow

    @property
    def spelled(self) -> str:
        return " ".join(self.label.split())


def message_flows(G: nx.DiGraph) -> list[tuple[str, str, str, str]]:
    """Every message flow of ``G`` as (id, source, target, name): between steps (edges, and flows
    drawn beside them) and, for a BPMN file, to or from a whole pool (``pool_messages``)."""
    flows = [(d.get("id") or f"MessageFlow_{u}_{v}", u, v, d.get("label") or "")
             for u, v, d in G.edges(data=True) if d["flow"] == "message"]
    flows += [(d["id"], d["source"], d["target"], d.get("label") or "")
              for d in G.graph.get("parallel_flows", ()) if d["flow"] == "message"]
    flows += [(d["id"], d["source"], d["target"], d.get("label") or "") for d in G.graph.get("pool_messages", ())]
    return flows


def _messages(G: nx.DiGraph, node_key) -> list[_Message]:
    """The message flows of ``G`` whose ends are comparable (``node_key`` maps a node to its key)."""
    pools = G.graph.get("participants") or {p["id"]: p["name"] for p in G.graph.get("pools", ())}
    found = []
    for flow_id, u, v, label in message_flows(G):
        ends, names = [], []
        for end in (u, v):
            if end in G:
                ends.append(node_key(end))
                names.append(step_name(G.nodes[end]))
            else:
                ends.append(("pool", normalise(pools.get(end, end))))
                names.append(pools.get(end, end))
        if None not in ends:
            found.append(_Message(flow_id, tuple(ends), tuple(names), label, StepFlow(u, v, label, "", flow_id)))
    return found


def message_changes(current: nx.DiGraph, future: nx.DiGraph, pairs: dict[str, str]) -> list[FlowChange]:
    """Message flow changes between ``current`` and ``future`` (``pairs``: current → future node id)."""
    paired = set(pairs.values())
    old = _messages(current, pairs.get)
    new = _messages(future, lambda n: n if n in paired else None)
    _pair(old, new, lambda m: (m.ends, m.spelled))  # unchanged
    changes = []
    for key in (lambda m: m.id, lambda m: m.ends, lambda m: (normalise(m.label), m.ends[0]),
                lambda m: (normalise(m.label), m.ends[1])):
        for a, b in _pair(old, new, key):
            changes.append(_change("message_relabelled" if a.ends == b.ends else "message_rewired", a, b))
    changes += [_change("message_removed", a, None) for a in old]
    changes += [_change("message_added", None, b) for b in new]
    return changes


def _pair(old: list[_Message], new: list[_Message], key) -> list[tuple[_Message, _Message]]:
    """Pairs of flows with the same ``key``, in the order of ``old``; both lists keep the rest."""
    index: dict = {}
    for b in new:
        index.setdefault(key(b), deque()).append(b)
    found, rest = [], []
    for a in old:
        same = index.get(key(a))
        if same:
            found.append((a, same.popleft()))
        else:
            rest.append(a)
    taken = {id(b) for _, b in found}
    old[:] = rest
    new[:] = [b for b in new if id(b) not in taken]
    return found


def _change(cls: str, a: _Message | None, b: _Message | None) -> FlowChange:
    source = (b or a).names[0]
    if a and b and a.ends[0] != b.ends[0]:  # sent from another step now
        source = f"{b.names[0]} (før: {a.names[0]})"
    return FlowChange(cls, source, a.names[1] if a else None, b.names[1] if b else None,
                      a.label if a else "", b.label if b else "", a.flow if a else None, b.flow if b else None)
