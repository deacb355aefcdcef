"""Expected visits of every step per case: an absorbing Markov chain over the process graph.

Each case enters at a start event and follows the flows: at a decision it takes one branch with
the branch's share (see ``shares``), at a parallel split every branch once, and a parallel join
passes it on once. A message flow into a start event starts that pool's process once per message,
and a subprocess runs its own flow once per visit. The expected visits ``x`` solve the linear
system ``x = b + Wᵀx`` (``b``: cases entering at each start, ``W``: what one visit of a node sends
along each flow), one strongly connected component (loop) at a time in flow order; inside a loop
only the nodes that close it are unknowns of a small dense solve, so the work is linear in the
model times the nesting of its loops. Example: a check repeated with
``share=0.2`` on its back flow is visited 1 / (1 − 0.2) = 1.25 times per case.
"""
from __future__ import annotations

from .shares import Shares
from ..model import seq_pred
from ..problems import DSLError, Problem

SINGULAR = 1e-12


def flow_weights(G, shares: Shares) -> dict[tuple[str, str], float]:
    """``(u, v) -> w``: expected visits of ``v`` caused by one visit of ``u``."""
    weights: dict[tuple[str, str], float] = {}
    kind = dict(G.nodes(data="kind"))
    joins = {n: len(seq_pred(G, n)) for n, k in kind.items() if k == "parallelGateway"}
    for u, v, data in G.edges(data=True):
        if data["flow"] == "sequence":
            weights[u, v] = shares.weight(u, v) / max(joins.get(v, 1), 1)
        elif kind[v] == "startEvent":
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
    H = _Flows(G, weights)
    visits: dict[str, float] = {}
    order = {n: i for i, n in enumerate(G)}
    for members in reversed(_components(H)):  # flow order: a component after all that lead to it
        members.sort(key=order.__getitem__)
        inside = set(members)
        inflow = {n: entries.get(n, 0.0) + sum(weights[u, n] * visits[u] for u in H.pred[n] if u not in inside)
                  for n in members}
        if len(members) == 1 and (members[0], members[0]) not in weights:
            visits[members[0]] = inflow[members[0]]
        else:
            visits.update(_solve_loop(G, H, members, weights, inflow))
    return visits


class _Flows:
    """Successors and predecessors along the weighted flows."""

    def __init__(self, G, weights):
        self.succ: dict[str, list[str]] = {n: [] for n in G}
        self.pred: dict[str, list[str]] = {n: [] for n in G}
        for u, v in weights:
            self.succ[u].append(v)
            self.pred[v].append(u)


def _components(H: _Flows) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative), each after every component it leads to."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in H.succ:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(H.succ[root]))]
        while work:
            n, it = work[-1]
            v = next(it, None)
            if v is not None:
                if v not in index:
                    index[v] = low[v] = len(index)
                    stack.append(v)
                    on_stack.add(v)
                    work.append((v, iter(H.succ[v])))
                elif v in on_stack:
                    low[n] = min(low[n], index[v])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[n])
            if low[n] == index[n]:
                component = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    component.append(m)
                    if m == n:
                        break
                found.append(component)
    return found


def _solve_loop(G, H, members: list[str], weights, inflow: dict[str, float]) -> dict[str, float]:
    """Solve ``x = inflow + Wᵀx`` on one loop exactly: the targets of the flows that close it
    (*heads*, found by a depth-first search) become unknowns, every other node's visits an affine
    function of them along the loop's acyclic rest, and the few heads a small dense system."""
    inside = set(members)
    succ = {n: [v for v in H.succ[n] if v in inside] for n in members}
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}
    postorder: list[str] = []
    for root in members:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            n, it = stack[-1]
            v = next(it, None)
            if v is None:
                state[n] = 2
                postorder.append(n)
                stack.pop()
            elif state.get(v) == 1:
                back.add((n, v))
            elif v not in state:
                state[v] = 1
                stack.append((v, iter(succ[v])))
    position = {n: i for i, n in enumerate(members)}
    heads = sorted({v for _, v in back}, key=position.__getitem__)
    index = {h: i for i, h in enumerate(heads)}
    size = len(heads)
    affine: dict[str, list[float]] = {}  # node -> [constant, coefficient of each head]
    for n in reversed(postorder):  # every forward flow before its target
        if n in index:
            row = [0.0] * (size + 1)
            row[1 + index[n]] = 1.0
        else:
            row = [inflow[n]] + [0.0] * size
            for u in H.pred[n]:
                if u in inside:
                    w = weights[u, n]
                    row = [a + w * b for a, b in zip(row, affine[u])]
        affine[n] = row
    # each head: x_h = inflow_h + Σ w · (its predecessors' affine rows)
    A = [[0.0] * size + [0.0] for _ in range(size)]
    for h, i in index.items():
        A[i][i] += 1.0
        A[i][size] += inflow[h]
        for u in H.pred[h]:
            if u in inside:
                w, row = weights[u, h], affine[u]
                A[i][size] += w * row[0]
                for j in range(size):
                    A[i][j] -= w * row[1 + j]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(A[r][col]))
        if abs(A[pivot][col]) < SINGULAR:
            raise _endless(G, members)
        A[col], A[pivot] = A[pivot], A[col]
        for r in range(size):
            if r != col and A[r][col]:
                f = A[r][col] / A[col][col]
                A[r] = [a - f * b for a, b in zip(A[r], A[col])]
    x = [A[i][size] / A[i][i] for i in range(size)]
    return {n: row[0] + sum(c * xj for c, xj in zip(row[1:], x)) for n, row in affine.items()}


def _endless(G, members: list[str]) -> DSLError:
    first = G.nodes[members[0]]
    return DSLError([Problem(first["file"], first["line"], first["label"],
                             "the loop through this step never ends: every case goes round again",
                             "give the flow back a share below 1, e.g. when(\"Nej\", share=0.2)")])
