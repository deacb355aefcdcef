"""Pair the steps of a current and a future process: by key, then by normalised label, then by
their place in the flow (unnamed steps, gateways that changed kind)."""
from __future__ import annotations

import re
import unicodedata
from collections import deque
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keeps `oir-bpmn --help` from importing networkx
    import networkx as nx

from ..kinds import danish_name, family
from ..model import TRANSLIT

_FOLD = str.maketrans({**TRANSLIT, "–": "-", "—": "-"})
PLUMBING_KINDS = ("parallelGateway",)
"""Gateways that only split or join flows; they are never steps of the diff."""


@lru_cache(maxsize=1 << 16)  # labels repeat: in real models, and in every comparison of a step
def normalise(label: str) -> str:
    """Comparable form of a label: ``"  Ophæv  Spærring "`` → ``"ophaev spaerring"``.

    Casefolded, whitespace collapsed, æ/ø/å spelled ae/oe/aa (so "Århus" equals "Aarhus") and
    other accents dropped (é → e, ö → o).
    """
    text = label.casefold().translate(_FOLD)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip()


def is_step(data: dict) -> bool:
    """True for nodes the diff compares; compiler-inserted and parallel gateways are plumbing."""
    return not data.get("auto") and data["kind"] not in PLUMBING_KINDS


def step_name(data: dict) -> str:
    """How a report names a step: its label, or its kind in brackets when unnamed ("(slut)")."""
    return data["label"] or f"({danish_name(data['kind'], data['event'])})"


@dataclass(frozen=True)
class Match:
    """A step found in both variants: node ids and how they were paired ("key", "label",
    "similar label" or "place")."""

    current: str
    future: str
    by: str


FUZZY_MIN = 0.75
"""Similarity (difflib ratio of normalised labels) from which two leftover steps of a BPMN file
pair as one renamed step."""
FUZZY_PER_WORD = 50
"""A word shared by more leftover steps than this proposes no fuzzy candidates (bounds the work)."""


def match_steps(current: nx.DiGraph, future: nx.DiGraph) -> list[Match]:
    """Pairs of steps that are the same step in both variants, in the current variant's order.

    Near-linear in the number of steps, also when labels repeat:

    1. every key found exactly once on each side pairs up;
    2. a normalised label (within a family: event, gateway, activity) found once on each side pairs up;
    3. from every pair, neighbours along the flows with the same label pair up (so repeated labels
       such as "Godkend" pair where they sit in the flow);
    4. the rest of each label pairs by preference: same kind and lane, same kind, same lane, then
       graph order;
    5. if a side was read from a BPMN file, leftover steps whose labels are similar (difflib
       ratio ≥ ``FUZZY_MIN``, candidates found through a shared word) pair as renamed;
    6. unnamed steps pair with unnamed steps of the same family next to a pair ("place"), the
       same kind first, then the one whose other neighbours are paired too;
    7. a leftover gateway pairs with a parallel gateway of the other side (plumbing otherwise)
       that has its key, its label or its place: one gateway that changed kind.

    When a side was read from a BPMN file, steps 1–4 first pair only within pools of the same
    name (ids of other tools are numbered per file, not per pool), then across pools.
    """
    left = [n for n, d in current.nodes(data=True) if is_step(d)]
    right = [n for n, d in future.nodes(data=True) if is_step(d)]
    from_bpmn = "bpmn" in (current.graph.get("source"), future.graph.get("source"))
    m = _Matcher(current, future, left, right, by_pool=from_bpmn)
    m.by_keys_and_labels()
    if from_bpmn:
        m.scope(by_pool=False)
        m.by_keys_and_labels()
        m.by_similar_label()
    m.by_place()
    m.by_kind_change()
    order = {n: i for i, n in enumerate(current)}
    return sorted(m.matches, key=lambda x: order[x.current])


class _Matcher:
    """The state of one matching: pairs found so far and label indexes of both sides."""

    def __init__(self, current, future, left, right, by_pool: bool):
        self.G, self.H, self.left, self.right = current, future, left, right
        self.matches: list[Match] = []
        self.pair: dict[str, str] = {}
        self.paired_right: set[str] = set()
        self.lane_l = {n: normalise(lane_name(current, n)) for n in left}
        self.lane_r = {n: normalise(lane_name(future, n)) for n in right}
        self.pool_l, self.pool_r = _pools(current, future, by_pool), _pools(future, current, by_pool)
        self.queue: deque[tuple[str, str]] = deque()
        self.scope(by_pool)

    @cached_property
    def neighbours(self):
        """``((succ, pred) of the current side, (succ, pred) of the future side)``, through plumbing."""
        return _step_neighbours(self.G, self.left), _step_neighbours(self.H, self.right)

    def scope(self, by_pool: bool) -> None:
        """Compare labels (and keys) within pools of the same name only, or across pools."""
        def labels(G, nodes, pools):
            return {n: (normalise(G.nodes[n]["label"]), family(G.nodes[n]["kind"]),
                        pools.get(G.nodes[n].get("pool"), "") if by_pool else "") for n in nodes}
        self.label_l, self.label_r = labels(self.G, self.left, self.pool_l), labels(self.H, self.right, self.pool_r)

    def add(self, n: str, m: str, by: str) -> None:
        self.matches.append(Match(n, m, by))
        self.pair[n] = m
        self.paired_right.add(m)
        self.queue.append((n, m))

    def free_left(self) -> list[str]:
        return [n for n in self.left if n not in self.pair]

    def free_right(self) -> list[str]:
        return [n for n in self.right if n not in self.paired_right]

    def preference(self, n: str, m: str) -> tuple[bool, bool]:
        return self.G.nodes[n]["kind"] != self.H.nodes[m]["kind"], self.lane_l[n] != self.lane_r[m]

    def by_keys_and_labels(self) -> None:
        """Steps 1–4 of ``match_steps``."""
        self.by_key()
        self.by_unique_label()
        self.by_neighbours()
        self.by_label()

    def by_key(self) -> None:
        keys_right = _unique(self.free_right(), lambda n: (self.H.nodes[n]["key"], self.label_r[n][2]))
        for key, n in _unique(self.free_left(), lambda n: (self.G.nodes[n]["key"], self.label_l[n][2])).items():
            if key in keys_right:
                self.add(n, keys_right[key], "key")

    def by_unique_label(self) -> None:
        right = _unique(self.free_right(), self.label_r.__getitem__)
        for label, n in _unique(self.free_left(), self.label_l.__getitem__).items():
            if label[0] and label in right:
                self.add(n, right[label], "label")

    def by_neighbours(self) -> None:
        (succ_l, pred_l), (succ_r, pred_r) = self.neighbours
        while self.queue:
            n, m = self.queue.popleft()
            for near_l, near_r in ((succ_l[n], succ_r[m]), (pred_l[n], pred_r[m])):
                for x in near_l:
                    if x in self.pair or not self.label_l[x][0]:
                        continue
                    found = [y for y in near_r if y not in self.paired_right and self.label_r[y] == self.label_l[x]]
                    if found:
                        self.add(x, min(found, key=lambda y: self.preference(x, y)), "label")

    def by_label(self) -> None:
        pools: dict[tuple[str, str], _Candidates] = {}
        for m in self.free_right():
            pools.setdefault(self.label_r[m], _Candidates()).put(m, self.H.nodes[m]["kind"], self.lane_r[m])
        for n in self.free_left():
            pool = pools.get(self.label_l[n]) if self.label_l[n][0] else None
            m = pool.take(self.G.nodes[n]["kind"], self.lane_l[n], self.paired_right) if pool else None
            if m is not None:
                self.add(n, m, "label")

    def by_similar_label(self) -> None:
        left, right = self.free_left(), self.free_right()
        index: dict[tuple[str, str], list[str]] = {}
        for m in right:
            label, fam, _ = self.label_r[m]
            for word in dict.fromkeys(label.split()):  # in order: the same pairs every run
                index.setdefault((word, fam), []).append(m)
        scored = []
        for n in left:
            label, fam, _ = self.label_l[n]
            seen: set[str] = set()
            for word in dict.fromkeys(label.split()):
                found = index.get((word, fam), ())
                if len(found) > FUZZY_PER_WORD:
                    continue
                for m in found:
                    if m not in seen:
                        seen.add(m)
                        ratio = SequenceMatcher(None, label, self.label_r[m][0]).ratio()
                        if ratio >= FUZZY_MIN:
                            scored.append((-ratio, self.preference(n, m), n, m))
        for _, _, n, m in sorted(scored, key=lambda s: s[:2]):  # stable: graph order among equals
            if n not in self.pair and m not in self.paired_right:
                self.add(n, m, "similar label")


    def by_place(self) -> None:
        """Unnamed steps next to a pair, with an unnamed step of the same family there."""
        (succ_l, pred_l), (succ_r, pred_r) = self.neighbours
        self.queue.extend((x.current, x.future) for x in self.matches)

        def agree(x: str, y: str) -> int:
            return sum(1 for a in (*succ_l[x], *pred_l[x]) if self.pair.get(a) in (*succ_r[y], *pred_r[y]))

        while self.queue:
            n, m = self.queue.popleft()
            for near_l, near_r in ((succ_l[n], succ_r[m]), (pred_l[n], pred_r[m])):
                for x in near_l:
                    if x in self.pair or self.label_l[x][0]:
                        continue
                    found = [y for y in near_r if y not in self.paired_right and not self.label_r[y][0]
                             and self.label_r[y][1] == self.label_l[x][1]]
                    if found:
                        kind = (self.G.nodes[x]["kind"], self.G.nodes[x].get("event"))
                        self.add(x, min(found, key=lambda y: ((self.H.nodes[y]["kind"], self.H.nodes[y].get("event")) != kind,
                                                                -agree(x, y))), "place")

    def by_kind_change(self) -> None:
        """A leftover gateway and a parallel gateway of the other side with its key, name or place."""
        self._kind_changes(self.G, self.H, self.free_left(), self.pair, flip=False)
        self._kind_changes(self.H, self.G, self.free_right(), {b: a for a, b in self.pair.items()}, flip=True)

    def _kind_changes(self, G, H, leftover: list[str], pairing: dict[str, str], flip: bool) -> None:
        """Pair leftover gateways of ``G`` with unpaired, explicit parallel gateways of ``H``
        (``pairing``: ``G``'s ids → ``H``'s): the same key, the same name, or unnamed on one side
        and between the same paired steps on both sides."""
        taken = set(pairing.values())
        parallel = [n for n, d in H.nodes(data=True) if d["kind"] in PLUMBING_KINDS and not d.get("auto")
                    and n not in taken]
        if not parallel:
            return
        ends_g, ends_h = _ends(G), _ends(H)
        for n in [x for x in leftover if family(G.nodes[x]["kind"]) == "gateway"]:
            succ, pred = ({pairing.get(x) for x in side} for side in ends_g(n))
            name = normalise(G.nodes[n]["label"])
            for p in parallel:
                other = normalise(H.nodes[p]["label"])
                psucc, ppred = ends_h(p)
                placed = bool(succ & set(psucc) and pred & set(ppred)) and (name == other or not (name and other))
                by = ("key" if G.nodes[n]["key"] == H.nodes[p]["key"] else
                      "label" if name and name == other else "place" if placed else None)
                if by:
                    self.add(*((p, n) if flip else (n, p)), by)
                    parallel.remove(p)
                    break


def _pools(G, other, by_pool: bool) -> dict[str, str]:
    """Pool id -> normalised pool name, for names that both graphs have (else no pool scope)."""
    if not by_pool:
        return {}
    names = {normalise(p["name"]) for p in other.graph.get("pools", ())}
    return {p["id"]: normalise(p["name"]) for p in G.graph.get("pools", ()) if normalise(p["name"]) in names}


def _ends(G):
    """A function giving the successor and predecessor steps of any node, through plumbing."""
    def walk(n, step):
        found, todo, seen = [], [n], {n}
        while todo:
            for v in step(todo.pop()):
                if v not in seen:
                    seen.add(v)
                    (found if is_step(G.nodes[v]) else todo).append(v)
        return found

    def seq(adj):
        return lambda n: [v for v, d in adj[n].items() if d["flow"] == "sequence"]

    return lambda n: (walk(n, seq(G.succ)), walk(n, seq(G.pred)))


class _Candidates:
    """The unpaired steps of one label on the future side, taken by preference in O(1) amortised."""

    def __init__(self):
        self.by_kind_lane: dict[tuple[str, str], deque[str]] = {}
        self.by_kind: dict[str, deque[str]] = {}
        self.by_lane: dict[str, deque[str]] = {}
        self.all: deque[str] = deque()

    def put(self, m: str, kind: str, lane: str) -> None:
        for index, key in ((self.by_kind_lane, (kind, lane)), (self.by_kind, kind), (self.by_lane, lane)):
            index.setdefault(key, deque()).append(m)
        self.all.append(m)

    def take(self, kind: str, lane: str, taken: set[str]) -> str | None:
        """The earliest step of the same kind and lane, else same kind, else same lane, else any."""
        for queue in (self.by_kind_lane.get((kind, lane)), self.by_kind.get(kind), self.by_lane.get(lane), self.all):
            while queue and queue[0] in taken:
                queue.popleft()
            if queue:
                return queue.popleft()
        return None


def _unique(nodes, key) -> dict:
    seen: dict = {}
    for n in nodes:
        seen.setdefault(key(n), []).append(n)
    return {k: found[0] for k, found in seen.items() if len(found) == 1}


def _step_neighbours(G, steps) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Successor and predecessor steps of every step along sequence flows, through plumbing."""
    succ: dict[str, list[str]] = {n: [] for n in steps}
    pred: dict[str, list[str]] = {n: [] for n in steps}
    for n in steps:
        todo, seen = [v for v, d in G.succ[n].items() if d["flow"] == "sequence"], set()
        while todo:
            v = todo.pop()
            if v in seen:
                continue
            seen.add(v)
            if v in succ:
                succ[n].append(v)
                pred[v].append(n)
            else:
                todo.extend(w for w, d in G.succ[v].items() if d["flow"] == "sequence")
    return succ, pred


def lane_name(G: nx.DiGraph, n: str) -> str:
    """Name of the lane a step is drawn in (its subprocess's lane, or its pool when lane-less)."""
    data = G.nodes[n]
    if data["lane"]:
        return G.graph["lanes"][data["lane"]]["name"]
    if data["parent"]:
        return lane_name(G, data["parent"])
    return next((p["name"] for p in G.graph["pools"] if p["id"] == data["pool"]), "")
