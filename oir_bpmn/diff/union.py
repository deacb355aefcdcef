"""The union of a current and a future variant: one process graph to draw the diff with.

It is the future graph plus every step the diff finds removed, placed in the future lane of the
same name (or in its current lane, added after the future lanes), and the current sequence flows
that touch a removed step, their other ends mapped to the future steps they are paired with.
It follows the schema of ``oir_bpmn.model``, so ``layout`` and the renderer take it as it is.
Notes are left out: the diff diagram is about the steps. Example::

    U, removed = union_graph(current, future, compare(current, future))
    removed    # {"Activity_tael": "removed", "Flow_tael_afstem": "removed", ...}
"""
from __future__ import annotations

import copy

import networkx as nx

from .classify import ProcessDiff, side_names
from .match import lane_name, normalise
from ..model import VARIANT_NAMES, sequence_edges


def union_graph(current: nx.DiGraph, future: nx.DiGraph,
                diff: ProcessDiff) -> tuple[nx.DiGraph, dict[str, str]]:
    """The union graph, and the id of every removed step and flow in it mapped to ``"removed"``."""
    U = future.copy()
    sides = side_names(diff.variants, VARIANT_NAMES)
    U.graph.update(pools=copy.deepcopy(future.graph["pools"]), lanes=copy.deepcopy(future.graph["lanes"]),
                   title=f"{future.graph.get('title') or diff.title}: {' → '.join(sides).lower()}")
    for n in U:
        U.nodes[n]["notes"] = ()
    removed = [c.before.node for c in diff.changes if c.after is None]
    place = dict(diff.pairs)  # current node id -> union node id
    taken = ({*U, *U.graph["lanes"]} | {d.get("id") for _, _, d in U.edges(data=True)}
             | {p[key] for p in U.graph["pools"] for key in ("id", "process_id")})
    order = {n: i for i, n in enumerate(current)}
    for n in sorted(removed, key=order.__getitem__):  # graph order: subprocesses before their steps
        place[n] = _free_id(taken, n)
        U.add_node(place[n], **_placed(U, current, n, place, taken))
    flows = []
    for u, v, data in [*_removed_flows(current, diff, set(removed)), *_dropped_flows(current, diff)]:
        a, b = place.get(u), place.get(v)  # a message flow to a whole pool has no node to draw it to
        if a in U and b in U and not U.has_edge(a, b):
            U.add_edge(a, b, **dict(data, id=_free_id(taken, data.get("id") or f"Flow_{u}_{v}")))
            flows.append(U.edges[a, b]["id"])
    return U, {x: "removed" for x in [*(place[n] for n in removed), *flows]}


def _free_id(taken: set[str], wanted: str) -> str:
    """``wanted``, or ``wanted_2``, ``wanted_3``… if ``taken`` (the ids of the union's nodes,
    flows, lanes and pools) has it; the id returned is added to ``taken``."""
    candidate, i = wanted, 1
    while candidate in taken:
        i += 1
        candidate = f"{wanted}_{i}"
    taken.add(candidate)
    return candidate


def _placed(U: nx.DiGraph, current: nx.DiGraph, n: str, place: dict[str, str], taken: set[str]) -> dict:
    """The attributes of removed step ``n`` in the union: its lane, pool and parent there."""
    data = dict(current.nodes[n], notes=())
    parent = place.get(data["parent"])
    if parent in U:  # inside a subprocess that the union has
        outer = U.nodes[parent]
        return dict(data, parent=parent, lane=None, pool=outer["pool"], dept=outer["dept"])
    lane, pool = _band(U, current, n, taken)
    owner = U.graph["lanes"][lane] if lane else next(p for p in U.graph["pools"] if p["id"] == pool)
    return dict(data, parent=None, lane=lane, pool=pool, dept=owner["dept"])


def _band(U: nx.DiGraph, current: nx.DiGraph, n: str, taken: set[str]) -> tuple[str | None, str]:
    """(lane, pool) of the union for a removed top-level step: the lane (or lane-less pool) named
    as the step's current one, else a copy of that lane (or pool) added after the union's."""
    name = normalise(lane_name(current, n))
    for lane in U.graph["lanes"].values():
        if normalise(lane["name"]) == name:
            return lane["id"], lane["pool"]
    for pool in U.graph["pools"]:
        if not pool["lanes"] and normalise(pool["name"]) == name:
            return None, pool["id"]
    data = current.nodes[n]
    old_pool = next(p for p in current.graph["pools"] if p["id"] == data["pool"])
    if data["lane"] is None:
        pool = dict(old_pool, id=_free_id(taken, old_pool["id"]),
                    process_id=_free_id(taken, old_pool["process_id"]), lanes=[])
        U.graph["pools"].append(pool)
        return None, pool["id"]
    pool = next((p for p in U.graph["pools"] if normalise(p["name"]) == normalise(old_pool["name"])),
                U.graph["pools"][0])
    lane = dict(current.graph["lanes"][data["lane"]], id=_free_id(taken, data["lane"]), pool=pool["id"])
    U.graph["lanes"][lane["id"]] = lane
    pool["lanes"].append(lane["id"])
    return lane["id"], pool["id"]


DROPPED = {"flow_removed": "sequence", "flow_rewired": "sequence", "message_removed": "message",
           "message_rewired": "message"}
"""Flow change classes whose current flow the future no longer has, and the kind of that flow."""


def _dropped_flows(current: nx.DiGraph, diff: ProcessDiff):
    """Flows between steps on both sides that the future variant no longer has (removed, or the
    old end of a rewired flow; sequence and message flows), as (source, target, data) in current ids."""
    for change in diff.flows:
        old = change.before
        if change.cls in DROPPED and old is not None and old.source in current and old.target in current:
            first = next(((u, v, d) for u, v, d in current.out_edges(old.source, data=True) if d.get("id") == old.edge),
                         None)
            data = dict(first[2]) if first else {}
            yield old.source, old.target, {
                "id": old.edge, "flow": DROPPED[change.cls], "label": old.label or None, "condition": old.condition or None,
                "default": False, "share": data.get("share"), "file": data.get("file"), "line": data.get("line")}


def _removed_flows(current: nx.DiGraph, diff: ProcessDiff, removed: set[str]):
    """Sequence flows of the current variant that touch a removed step, as (source, target, data)
    between removed or paired steps: ends that are neither (e.g. an inserted join) are followed to
    the nearest steps that are."""
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for u, v, _ in sequence_edges(current):
        succ.setdefault(u, []).append(v)
        pred.setdefault(v, []).append(u)

    def shown(n: str, step: dict[str, list[str]]) -> list[str]:
        found, seen, todo = [], {n}, [n]
        while todo:
            m = todo.pop()
            if m in removed or m in diff.pairs:
                found.append(m)
                continue
            for k in step.get(m, ()):
                if k not in seen:
                    seen.add(k)
                    todo.append(k)
        return found

    drawn = set()
    for u, v, data in sequence_edges(current):
        if u in removed or v in removed:
            for a in shown(u, pred):
                for b in shown(v, succ):
                    if (a, b) not in drawn:
                        drawn.add((a, b))
                        yield a, b, data
