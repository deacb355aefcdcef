"""The fork and join gateways the compiler inserts where a model's flows split or meet.

Where flows meet at a step, the join must mean what the model means: branches of a decision
(or race) merge exclusively, branches of a parallel fork are joined in parallel, and a mixture
is joined in nested gateways, innermost split first. Each incoming flow is traced to the
nearest split that dominates it; the deepest split with two or more flows gets its join first,
and a lone flow is lifted to the next split out. A parallel join of a flow that only some
branches of a decision deliver would wait forever: that is refused with a located message.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from .kinds import is_gateway
from .model import auto_key, node_id, seq_pred, seq_succ
from .problems import Problem

_ROOT = object()  # the virtual node before every start event


def add_gateway(G: nx.DiGraph, near: str, kind: str, role: str) -> str:
    """Add an inserted gateway of ``kind`` beside the step ``near``; returns its id."""
    data = G.nodes[near]
    key = auto_key(role, data["key"])
    n = 2
    while node_id(kind, key) in G:
        key, n = auto_key(role, f"{data['key']}_{n}"), n + 1
    gid = node_id(kind, key)
    G.add_node(gid, kind=kind, event=None, label="", key=key, lane=data["lane"], pool=data["pool"],
               parent=data["parent"], dept=data["dept"], duration=None, effort=None, notes=(), auto=True,
               file=data["file"], line=data["line"], near=near)
    return gid


def _flow(G, u, v, file, line) -> None:
    G.add_edge(u, v, flow="sequence", label=None, condition=None, default=False, share=None, file=file, line=line)


def _move_edge(G, u, v, new_u, new_v) -> None:
    data = G.edges[u, v]
    G.remove_edge(u, v)
    G.add_edge(new_u, new_v, **data)


def insert_forks(G: nx.DiGraph) -> None:
    """A step with several outgoing flows forks in parallel: make the fork explicit."""
    for n in list(G.nodes):
        if len(G.succ[n]) < 2 or is_gateway(G.nodes[n]["kind"]):  # (the first test is quick)
            continue
        targets = seq_succ(G, n)
        if len(targets) > 1:
            fork = add_gateway(G, n, "parallelGateway", "fork")
            for v in targets:
                _move_edge(G, n, v, fork, v)
            _flow(G, n, fork, G.nodes[n]["file"], G.nodes[n]["line"])


def insert_joins(G: nx.DiGraph) -> None:
    """Where flows meet at a step (or at a gateway that also splits), insert the joins meant."""
    meeting, written = [], []
    for n, data in G.nodes(data=True):
        if len(G.pred[n]) > 1 and len(seq_pred(G, n)) > 1:  # (the first test is quick)
            joins = is_gateway(data["kind"]) and len(seq_succ(G, n)) <= 1
            (written if joins else meeting).append(n)
    if meeting or written:
        splits = _Splits(G)
        for n in meeting:
            root = _reduce(G, n, splits)
            if root is not None and root.kind:
                _materialize(G, n, root, n)
        for n in written:
            _check_written_join(G, n, splits)


@dataclass(eq=False)
class _Token:
    """Flows into a meeting step, to be joined by ``kind`` (None: one flow, from ``node``)."""

    node: str | None
    origin: object  # the split this token comes from
    kind: str | None = None
    parts: list = field(default_factory=list)
    via: list = field(default_factory=list)  # decisions (and races) it came through
    rank: int = 0  # the first of its flows in the order the model wrote them


def _joined(kind: str, parts: list, origin, via) -> _Token:
    """A join of ``parts``; parts that are joins of the same kind are flattened into it."""
    parts = sorted(parts, key=lambda p: p.rank)
    flat = [q for p in parts for q in (p.parts if p.kind == kind else [p])]
    return _Token(None, origin, kind, sorted(flat, key=lambda p: p.rank), via,
                  min(p.rank for p in flat))


class _Splits:
    """Dominators of the sequence flows, and the nearest split dominating each step."""

    def __init__(self, G: nx.DiGraph):
        self.G = G
        succ: dict = {n: [] for n in G}  # the sequence flows, as plain lists: much faster than a graph
        pred: dict = {n: [] for n in G}
        for u, v, d in G.edges(data=True):
            if d["flow"] == "sequence":
                succ[u].append(v)
                pred[v].append(u)
        succ[_ROOT] = [n for n in G if not pred[n]]
        for n in succ[_ROOT]:
            pred[n].append(_ROOT)
        self.succ = succ
        self.idom = immediate_dominators(succ, pred, _ROOT)
        self.branches = {n: succ[n] for n in G if len(succ[n]) > 1}
        self._depth: dict = {_ROOT: 0}
        self._reaches: dict = {}
        children: dict = {}
        for m, parent in self.idom.items():
            if m is not _ROOT:
                children.setdefault(parent, []).append(m)
        self._enter, self._leave, clock, todo = {}, {}, 0, [(_ROOT, False)]
        while todo:  # pre- and post-order numbers of the dominator tree: O(1) dominance tests
            m, done = todo.pop()
            clock += 1
            if done:
                self._leave[m] = clock
                continue
            self._enter[m] = clock
            todo.append((m, True))
            todo.extend((c, False) for c in children.get(m, ()))

    def above(self, n) -> object:
        """The nearest split strictly dominating ``n`` (``_ROOT`` when none)."""
        n = self.idom.get(n, _ROOT)
        while n is not _ROOT and n not in self.branches:
            n = self.idom[n]
        return n

    def depth(self, n) -> int:
        chain = []
        while n not in self._depth:
            chain.append(n)
            n = self.idom.get(n, _ROOT)
        for m in reversed(chain):
            n, self._depth[m] = m, self._depth[n] + 1
        return self._depth[n]

    def dominates(self, a, b) -> bool:
        """True when every path from a start event to ``b`` passes ``a``."""
        return (a in self._enter and b in self._enter
                and self._enter[a] <= self._enter[b] and self._leave[b] <= self._leave[a])

    def all_branches_reach(self, split, n) -> bool:
        """True when every branch of ``split`` can lead to ``n`` (asked only for parallel joins)."""
        if (split, n) not in self._reaches:
            self._reaches[split, n] = all(_has_path(self.succ, s, n) for s in self.branches[split])
        return self._reaches[split, n]


def immediate_dominators(succ: dict, pred: dict, start) -> dict:
    """The immediate dominator of every node reachable from ``start`` but ``start`` itself, in the
    graph ``succ`` (with ``pred`` its reverse): as ``networkx.immediate_dominators`` computes it
    (Cooper, Harvey and Kennedy, "A simple, fast dominance algorithm"), on plain lists."""
    order, seen, todo = [], {start}, [(start, iter(succ[start]))]
    while todo:  # depth-first post-order
        node, children = todo[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                todo.append((child, iter(succ[child])))
                break
        else:
            todo.pop()
            order.append(node)
    number = {n: i for i, n in enumerate(order)}
    idom = {start: start}

    def intersect(u, v):
        while u != v:
            while number[u] < number[v]:
                u = idom[u]
            while number[u] > number[v]:
                v = idom[v]
        return u

    changed = True
    while changed:
        changed = False
        for u in reversed(order[:-1]):
            new = None
            for v in pred[u]:
                if v in idom:
                    new = v if new is None else intersect(new, v)
            if idom.get(u) != new:
                idom[u] = new
                changed = True
    del idom[start]
    return idom


def _has_path(succ: dict, source, target) -> bool:
    """True if ``target`` is ``source`` or reachable from it in the graph ``succ``."""
    seen, todo = {source}, [source]
    while todo:
        node = todo.pop()
        if node == target:
            return True
        for m in succ[node]:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return False


def _reduce(G: nx.DiGraph, n: str, splits: _Splits) -> _Token | None:
    """The joins the flows meeting at ``n`` need, as a token tree (None: refused, with a problem)."""
    forward, back = [], []
    for rank, u in enumerate(seq_pred(G, n)):
        if splits.dominates(n, u):
            back.append(_Token(u, _ROOT, rank=rank))  # a loop back to n
        else:
            forward.append(_Token(u, u if u in splits.branches else splits.above(u), rank=rank))
    while len(forward) > 1:
        origin = max((t.origin for t in forward), key=splits.depth)
        group = [t for t in forward if t.origin is origin]
        lifted = _ROOT if origin is _ROOT else splits.above(origin)
        exclusive = origin is _ROOT or G.nodes[origin]["kind"] != "parallelGateway"
        via = [s for t in group for s in t.via] + ([origin] if exclusive and origin is not _ROOT else [])
        if len(group) == 1:
            group[0].origin, group[0].via = lifted, via
            continue
        if not exclusive:  # every flow joined in parallel must come on every branch of its decisions
            partial = next((s for s in via if not splits.all_branches_reach(s, n)), None)
            if partial is not None:
                _refuse(G, n, origin, partial)
                return None
            via = []
        kind = "exclusiveGateway" if exclusive else "parallelGateway"
        forward = [t for t in forward if t not in group] + [_joined(kind, group, lifted, via)]
    root = forward + back
    if len(root) > 1:  # entering a loop: whichever comes first
        root = [_joined("exclusiveGateway", root, _ROOT, [])]
    return root[0]


def _check_written_join(G: nx.DiGraph, n: str, splits: _Splits) -> None:
    """A join the model wrote (``lane.join()``) must be of the kind its flows need."""
    root = _reduce(G, n, splits)
    data = G.nodes[n]
    if root is None or not root.kind or (root.kind == data["kind"] and not any(p.kind for p in root.parts)):
        return
    where = (data["file"], data["line"], data["label"] and f"'{data['label']}'")
    if any(p.kind for p in root.parts):
        problem = Problem(*where, "parallel branches and branches of a decision or race meet in this join: "
                          "one kind of join cannot wait for the ones and not the others",
                          "merge the decision's branches with lane.join() first, then join that and the "
                          "parallel branches with lane.join(parallel=True); or leave the join out: the joins "
                          "are inserted for you")
    elif root.kind == "parallelGateway":
        problem = Problem(*where, "this join merges the branches of a parallel split: the steps after it "
                          "would run once per branch", "wait for all of them with lane.join(parallel=True)")
    else:
        problem = Problem(*where, "this parallel join waits for every branch, but they come from a decision "
                          "or race, where only one is taken: it would wait forever", "merge them with lane.join()")
    G.graph["problems"].append(problem)


def _materialize(G, n: str, token: _Token, target: str) -> None:
    """Insert the join gateway of ``token`` before ``target``, outermost first."""
    join = add_gateway(G, n, token.kind, "join")
    data = G.nodes[n]
    _flow(G, join, target, data["file"], data["line"])
    for part in token.parts:
        if part.kind:
            _materialize(G, n, part, join)
        else:
            _move_edge(G, part.node, n, part.node, join)


def _refuse(G, n, fork, decision) -> None:
    step, d, f = G.nodes[n], G.nodes[decision], G.nodes[fork]
    fork_name = f"'{f['label']}'" if f["label"] else f"the parallel split at line {f['line']}"
    G.graph["problems"].append(Problem(
        step["file"], step["line"], f"'{step['label']}'" if step["label"] else "",
        f"parallel branches (from {fork_name}) meet here with only some branches of the decision "
        f"'{d['label']}' (line {d['line']}): the step would wait forever for the other branches",
        "merge the decision's branches in a join of their own first, e.g. m = lane.join(); "
        "[ja_step, nej_step] >> m; then lead m and the parallel branch here, "
        "or lead every branch of the decision here"))
