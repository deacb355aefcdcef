"""Expected visits of every step per case: an absorbing Markov chain over the process graph.

Each case enters at a start event and follows the flows: at a decision it takes one branch with
the branch's share (see ``shares``), at a parallel split every branch once, and a parallel join
passes it on once. A message flow into a start event starts that pool's process once per message,
and a subprocess runs its own flow once per visit. The expected visits ``x`` solve the linear
system ``x = b + Wᵀx`` (``b``: cases entering at each start, ``W``: what one visit of a node sends
along each flow), one strongly connected component (loop) at a time in flow order, so the work is
linear in the model and each loop a small dense solve. Example: a check repeated with
``share=0.2`` on its back flow is visited 1 / (1 − 0.2) = 1.25 times per case.
"""
from __future__ import annotations

import networkx as nx

from .shares import Shares
from ..model import seq_pred
from ..problems import DSLError, Problem

SINGULAR = 1e-12


def flow_weights(G, shares: Shares) -> dict[tuple[str, str], float]:
    """``(u, v) -> w``: expected visits of ``v`` caused by one visit of ``u``."""
    weights: dict[tuple[str, str], float] = {}
    for u, v, data in G.edges(data=True):
        target = G.nodes[v]
        if data["flow"] == "sequence":
            joins = len(seq_pred(G, v)) if target["kind"] == "parallelGateway" else 1
            weights[u, v] = shares.weight(u, v) / max(joins, 1)
        elif target["kind"] == "startEvent":
            weights[u, v] = 1.0  # a message starts the other pool's process
    for n, data in G.nodes(data=True):
        parent = data.get("parent")
        if parent is not None and data["kind"] == "startEvent" and not seq_pred(G, n):
            weights[parent, n] = 1.0  # a subprocess runs its own flow once per visit
    return weights


def case_starts(G) -> list[str]:
    """The top-level start events a case enters by (not those started by a message flow)."""
    return [n for n, d in G.nodes(data=True) if d["kind"] == "startEvent" and d.get("parent") is None
            and not any(e["flow"] == "message" for e in G.pred[n].values())]


def expected_visits(G, entries: dict[str, float], shares: Shares) -> dict[str, float]:
    """Expected visits of every node when ``entries[start]`` cases enter at each start."""
    weights = flow_weights(G, shares)
    H = nx.DiGraph()
    H.add_nodes_from(G)
    H.add_edges_from(weights)
    visits: dict[str, float] = {}
    order = {n: i for i, n in enumerate(G)}
    C = nx.condensation(H)
    for component in nx.topological_sort(C):
        members = sorted(C.nodes[component]["members"], key=order.__getitem__)
        inside = set(members)
        inflow = [entries.get(n, 0.0) + sum(weights[u, n] * visits[u] for u in H.pred[n] if u not in inside)
                  for n in members]
        if len(members) == 1 and not H.has_edge(members[0], members[0]):
            visits[members[0]] = inflow[0]
            continue
        for n, x in zip(members, _solve_loop(G, members, weights, inflow)):
            visits[n] = x
    return visits


def _solve_loop(G, members: list[str], weights, inflow: list[float]) -> list[float]:
    """Solve ``(I − Wᵀ) x = inflow`` on one loop by Gaussian elimination with partial pivoting."""
    index = {n: i for i, n in enumerate(members)}
    size = len(members)
    A = [[0.0] * size + [inflow[i]] for i in range(size)]
    for i in range(size):
        A[i][i] = 1.0
    for (u, v), w in weights.items():
        if u in index and v in index:
            A[index[v]][index[u]] -= w
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(A[r][col]))
        if abs(A[pivot][col]) < SINGULAR:
            raise _endless(G, members)
        A[col], A[pivot] = A[pivot], A[col]
        for r in range(size):
            if r != col and A[r][col]:
                f = A[r][col] / A[col][col]
                A[r] = [a - f * b for a, b in zip(A[r], A[col])]
    return [A[i][size] / A[i][i] for i in range(size)]


def _endless(G, members: list[str]) -> DSLError:
    first = G.nodes[members[0]]
    return DSLError([Problem(first["file"], first["line"], first["label"],
                             "the loop through this step never ends: every case goes round again",
                             "give the flow back a share below 1, e.g. when(\"Nej\", share=0.2)")])
