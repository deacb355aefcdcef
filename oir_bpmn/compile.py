"""Turn what a model function recorded into the process graph (see ``model``)."""
from __future__ import annotations

import json

import networkx as nx

from .dsl import Builder, Edge, Step
from .kinds import is_gateway
from .model import DEPARTMENTS, auto_key, node_id, seq_pred, seq_succ, slug
from .problems import Problem

def compile_process(builder: Builder) -> nx.DiGraph:
    """Build the graph of one recorded process, inserting the joins and forks BPMN needs."""
    definition = builder.definition
    G = nx.DiGraph(
        title=definition.title, variant=definition.variant, theme=definition.theme,
        key=definition.key, file=definition.file, line=definition.line,
        profile=builder.profile.name, problems=[],
        pools=[_pool_dict(pool) for pool in builder.pools if _pool_is_used(builder, pool)],
        lanes={_lane_id(lane): _lane_dict(lane) for lane in builder.lanes},
    )
    G.graph["problems"].extend(_department_problems(builder))
    ids = _add_nodes(G, builder)
    _add_edges(G, builder.edges, ids)
    _insert_forks(G)
    _insert_joins(G)
    _name_flows(G)
    return G


def _pool_is_used(builder: Builder, pool) -> bool:
    return pool is not builder.main or bool(pool.lanes) or any(s.pool is pool for s in builder.steps)


def _pool_dict(pool) -> dict:
    return {"id": f"Participant_{pool.key}", "name": pool.name, "dept": pool.dept,
            "process_id": f"Process_{pool.key}", "lanes": [_lane_id(lane) for lane in pool.lanes],
            "file": pool.file, "line": pool.line}


def _lane_id(lane) -> str:
    return f"Lane_{lane.key}"


def _lane_dict(lane) -> dict:
    return {"id": _lane_id(lane), "name": lane.name, "dept": lane.dept,
            "pool": f"Participant_{lane.pool.key}", "file": lane.file, "line": lane.line}


def _department_problems(builder: Builder) -> list[Problem]:
    known = ", ".join(DEPARTMENTS)
    problems = []
    for owner in builder.lanes + builder.pools:
        if owner.dept is not None and owner.dept not in DEPARTMENTS:
            problems.append(Problem(owner.file, owner.line, owner.name,
                                    f"unknown department tag {owner.dept!r}", f"use dept= one of: {known}"))
        if owner.dept is None and owner in builder.lanes:
            problems.append(Problem(owner.file, owner.line, owner.name, "lane has no department tag",
                                    f"add dept= one of: {known}"))
    return problems


def _add_nodes(G: nx.DiGraph, builder: Builder) -> dict[int, str]:
    """Add a node per step; returns step identity -> node id."""
    ids: dict[int, str] = {}
    taken: dict[str, Step] = {}
    counters: dict[str, int] = {}
    for step in builder.steps:
        if step.key or step.label:
            key = slug(step.key or step.label)
        else:  # an unlabelled gateway: numbered per lane, with a "__" no slug makes
            owner = step.lane.key if step.lane else step.pool.key
            counters[owner] = counters.get(owner, 0) + 1
            key = f"{owner}__{counters[owner]}"
        if key in taken:
            first = taken[key]
            G.graph["problems"].append(Problem(
                step.file, step.line, step.label or step.kind,
                f"the key '{key}' is already used by the step at {first.file}:{first.line}",
                f'give one of them its own key, e.g. key="{key}_2"'))
            key = _free_key(key, taken)
        taken[key] = step
        nid = node_id(step.kind, key)
        ids[id(step)] = nid
        parent = ids[id(step.parent)] if step.parent else None
        dept = G.nodes[parent]["dept"] if parent else (step.lane.dept if step.lane else step.pool.dept)
        G.add_node(
            nid, kind=step.kind, event=step.event, label=step.label, key=key,
            lane=_lane_id(step.lane) if step.lane else None,
            pool=f"Participant_{step.pool.key}",
            parent=parent, dept=dept, duration=step.duration,
            notes=tuple(step.notes), auto=False, file=step.file, line=step.line)
    return ids


def _free_key(key: str, taken) -> str:
    n = 2
    while f"{key}_{n}" in taken:
        n += 1
    return f"{key}_{n}"


def _add_edges(G: nx.DiGraph, edges: list[Edge], ids: dict[int, str]) -> None:
    for edge in edges:
        u, v = ids[id(edge.source)], ids[id(edge.target)]
        file, line = edge.where or (edge.target.file, edge.target.line)
        if G.has_edge(u, v):
            G.graph["problems"].append(Problem(
                file, line, edge.target.label,
                f"'{edge.source.label}' is connected to this step twice", "remove one of the links"))
            continue
        G.add_edge(u, v, flow=edge.flow, label=edge.label, condition=edge.condition,
                   default=edge.default, file=file, line=line)


def _add_gateway(G, near: str, kind: str, role: str) -> str:
    data = G.nodes[near]
    key = auto_key(role, data["key"])
    gid = node_id(kind, key)
    G.add_node(gid, kind=kind, event=None, label="", key=key, lane=data["lane"], pool=data["pool"],
               parent=data["parent"], dept=data["dept"], duration=None, notes=(), auto=True,
               file=data["file"], line=data["line"])
    return gid


def _move_edge(G, u, v, new_u, new_v):
    data = G.edges[u, v]
    G.remove_edge(u, v)
    G.add_edge(new_u, new_v, **data)


def _insert_forks(G: nx.DiGraph) -> None:
    """A step with several outgoing flows forks in parallel: make the fork explicit."""
    for n in list(G.nodes):
        if is_gateway(G.nodes[n]["kind"]):
            continue
        targets = seq_succ(G, n)
        if len(targets) > 1:
            fork = _add_gateway(G, n, "parallelGateway", "fork")
            for v in targets:
                _move_edge(G, n, v, fork, v)
            G.add_edge(n, fork, flow="sequence", label=None, condition=None, default=False,
                       file=G.nodes[n]["file"], line=G.nodes[n]["line"])


def _insert_joins(G: nx.DiGraph) -> None:
    """Where flows meet at a step (or at a gateway that also splits), put a join gateway."""
    for n in list(G.nodes):
        sources = seq_pred(G, n)
        if len(sources) < 2:
            continue
        if is_gateway(G.nodes[n]["kind"]) and len(seq_succ(G, n)) <= 1:
            continue  # already a join
        kind = "parallelGateway" if _common_parallel_fork(G, sources) else "exclusiveGateway"
        join = _add_gateway(G, n, kind, "join")
        for u in sources:
            _move_edge(G, u, n, u, join)
        G.add_edge(join, n, flow="sequence", label=None, condition=None, default=False,
                   file=G.nodes[n]["file"], line=G.nodes[n]["line"])


def _common_parallel_fork(G, sources) -> bool:
    """True when every incoming path leads straight back to one and the same parallel fork."""
    forks = set()
    for u in sources:
        seen = set()
        while not is_gateway(G.nodes[u]["kind"]) and u not in seen:
            seen.add(u)
            preds = seq_pred(G, u)
            if len(preds) != 1:
                return False
            u = preds[0]
        if G.nodes[u]["kind"] != "parallelGateway" or len(seq_succ(G, u)) < 2:
            return False
        forks.add(u)
    return len(forks) == 1


def _name_flows(G: nx.DiGraph) -> None:
    """Give every flow its BPMN id, and conditions to the labelled branches of decisions."""
    for u, v, data in G.edges(data=True):
        prefix = "Flow" if data["flow"] == "sequence" else "MessageFlow"
        data["id"] = f"{prefix}_{G.nodes[u]['key']}_{G.nodes[v]['key']}"
        gateway = G.nodes[u]
        if (data["flow"] == "sequence" and gateway["kind"] == "exclusiveGateway"
                and data["label"] and not data["default"] and not data["condition"]
                and len(seq_succ(G, u)) > 1):
            data["condition"] = f"{gateway['key']} == {json.dumps(data['label'], ensure_ascii=False)}"
