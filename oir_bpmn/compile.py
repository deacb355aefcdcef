"""Turn what a model function recorded into the process graph (see ``model``)."""
from __future__ import annotations

import json

import networkx as nx

from .dsl import Builder, Edge, Step
from .dsl.where import did_you_mean
from .gateways import insert_forks, insert_joins
from .model import DEPARTMENTS, node_id, seq_succ, slug
from .problems import Problem
from .profile import volume


def compile_process(builder: Builder) -> nx.DiGraph:
    """Build the graph of one recorded process, inserting the joins and forks BPMN needs."""
    definition = builder.definition
    G = nx.DiGraph(
        title=definition.title, variant=definition.variant, theme=definition.theme,
        key=definition.key, file=definition.file, line=definition.line,
        profile=builder.profile.name, municipality=builder.profile.name, problems=[],
        per_year=volume(builder.profile, definition.key, definition.per_year), once=definition.once,
        fte_hours=builder.profile.fte_hours,
        per_year_from="profile" if volume(builder.profile, definition.key) is not None else (
            "model" if definition.per_year is not None else None),
        pools=[_pool_dict(pool) for pool in builder.pools if _pool_is_used(builder, pool)],
        lanes={_lane_id(lane): _lane_dict(lane) for lane in builder.lanes},
    )
    G.graph["problems"].extend(_department_problems(builder))
    ids = _add_nodes(G, builder)
    _add_edges(G, builder.edges, ids)
    insert_forks(G)
    insert_joins(G)
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
                                    f"unknown department tag {owner.dept!r}{did_you_mean(str(owner.dept), DEPARTMENTS)}",
                                    f"use dept= one of: {known}"))
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
            parent=parent, dept=dept, duration=step.duration, effort=step.effort,
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
        file, line = edge.where
        if G.has_edge(u, v):
            G.graph["problems"].append(Problem(
                file, line, edge.target.label,
                f"'{edge.source.label}' is connected to this step twice", "remove one of the links"))
            continue
        G.add_edge(u, v, flow=edge.flow, label=edge.label, condition=edge.condition,
                   default=edge.default, share=edge.share, file=file, line=line)


def _name_flows(G: nx.DiGraph) -> None:
    """Give every flow its BPMN id, and conditions to the labelled branches of decisions.

    The id is ``Flow_<source key>_<target key>``; keys may contain ``_``, so two flows can
    spell the same id (a→b_c, a_b→c): those get ``_2``, ``_3``, … in the order of their ends'
    keys, skipping every id another flow spells, so ids are unique and the others unchanged.
    """
    keys = dict(G.nodes(data="key"))
    spelled: dict[str, list] = {}
    for u, v, data in G.edges(data=True):
        prefix = "Flow" if data["flow"] == "sequence" else "MessageFlow"
        spelled.setdefault(f"{prefix}_{keys[u]}_{keys[v]}", []).append((keys[u], keys[v], data))
    for base, flows in list(spelled.items()):
        if len(flows) > 1:
            flows.sort(key=lambda flow: flow[:2])
        flows[0][2]["id"] = base
        n = 2
        for _, _, data in flows[1:]:
            while f"{base}_{n}" in spelled:
                n += 1
            spelled[f"{base}_{n}"] = []
            data["id"] = f"{base}_{n}"
    for u, v, data in G.edges(data=True):
        if (data["label"] and data["flow"] == "sequence" and G.nodes[u]["kind"] == "exclusiveGateway"
                and not data["default"] and not data["condition"] and len(seq_succ(G, u)) > 1):
            gateway = G.nodes[u]
            data["condition"] = f"{gateway['key']} == {json.dumps(data['label'], ensure_ascii=False)}"
