"""Pair the steps of a current and a future process: by key, then by normalised label."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keeps `oir-bpmn --help` from importing networkx
    import networkx as nx

from ..kinds import family
from ..model import TRANSLIT

_FOLD = str.maketrans({**TRANSLIT, "–": "-", "—": "-"})
PLUMBING_KINDS = ("parallelGateway",)
"""Gateways that only split or join flows; they are never steps of the diff."""


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


@dataclass(frozen=True)
class Match:
    """A step found in both variants: node ids and how they were paired ("key" or "label")."""

    current: str
    future: str
    by: str


def match_steps(current: nx.DiGraph, future: nx.DiGraph) -> list[Match]:
    """Pairs of steps that are the same step in both variants, in the current variant's order.

    First every key found exactly once on each side pairs up; the rest pair by normalised label
    within the same family, preferring the same kind, then the same lane name, then order.
    """
    left = [n for n, d in current.nodes(data=True) if is_step(d)]
    right = [n for n, d in future.nodes(data=True) if is_step(d)]
    matches = _by_key(current, future, left, right)
    paired_left = {m.current for m in matches}
    paired_right = {m.future for m in matches}
    matches += _by_label(current, future, [n for n in left if n not in paired_left],
                         [n for n in right if n not in paired_right])
    order = {n: i for i, n in enumerate(left)}
    return sorted(matches, key=lambda m: order[m.current])


def _unique_keys(G, nodes) -> dict[str, str]:
    seen: dict[str, list[str]] = {}
    for n in nodes:
        seen.setdefault(G.nodes[n]["key"], []).append(n)
    return {key: found[0] for key, found in seen.items() if len(found) == 1}


def _by_key(current, future, left, right) -> list[Match]:
    keys_right = _unique_keys(future, right)
    return [Match(n, keys_right[key], "key") for key, n in _unique_keys(current, left).items()
            if key in keys_right]


def _by_label(current, future, left, right) -> list[Match]:
    """Label matches never cross families (event, gateway, activity)."""
    buckets: dict[tuple[str, str], list[str]] = {}
    for m in right:
        data = future.nodes[m]
        buckets.setdefault((normalise(data["label"]), family(data["kind"])), []).append(m)
    matches = []
    for n in left:
        data = current.nodes[n]
        wanted = normalise(data["label"])
        candidates = buckets.get((wanted, family(data["kind"]))) if wanted else None
        if not candidates:
            continue
        lane = normalise(lane_name(current, n))
        best = min(candidates, key=lambda m: (future.nodes[m]["kind"] != data["kind"],
                                              normalise(lane_name(future, m)) != lane))
        candidates.remove(best)  # min() keeps the first of equals: the earliest in graph order
        matches.append(Match(n, best, "label"))
    return matches


def lane_name(G: nx.DiGraph, n: str) -> str:
    """Name of the lane a step is drawn in (its subprocess's lane, or its pool when lane-less)."""
    data = G.nodes[n]
    if data["lane"]:
        return G.graph["lanes"][data["lane"]]["name"]
    if data["parent"]:
        return lane_name(G, data["parent"])
    return next((p["name"] for p in G.graph["pools"] if p["id"] == data["pool"]), "")
