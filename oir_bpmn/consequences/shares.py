"""How the cases split at a decision: the share of every outgoing flow of a gateway.

A decision (exclusive, inclusive or event-based gateway) passes each case to one branch: a branch
with ``share=`` takes that share, ``otherwise`` takes the rest, and branches without a share split
what is left evenly (the reports say so). Every other node passes each case to all its outgoing
flows (a parallel split: each branch taken once). An inclusive decision is counted as if it took
one branch. Example: ``when("Ja", share=0.7)`` and ``otherwise("Nej")`` → 0.7 and 0.3.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import seq_succ
from ..problems import Problem

CHOICE_KINDS = ("exclusiveGateway", "inclusiveGateway", "eventBasedGateway")
TOLERANCE = 1e-9


@dataclass
class Shares:
    """Share of each sequence flow ``(u, v)`` leaving a decision, the decisions split evenly
    for want of shares, and problems (shares adding up to more than 1)."""

    of: dict[tuple[str, str], float] = field(default_factory=dict)
    even: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def weight(self, u: str, v: str) -> float:
        """What one visit of ``u`` sends along ``u → v``: its share, or 1 (a parallel split)."""
        return self.of.get((u, v), 1.0)


def is_choice(G, n: str) -> bool:
    return G.nodes[n]["kind"] in CHOICE_KINDS and len(seq_succ(G, n)) > 1


def flow_shares(G) -> Shares:
    """The shares of every decision of ``G``."""
    out = Shares()
    for n, nbrs in G.adjacency():
        flows = {v: e for v, e in nbrs.items() if e["flow"] == "sequence"}
        if len(flows) < 2 or G.nodes[n]["kind"] not in CHOICE_KINDS:
            for v, edge in flows.items():
                if edge.get("share") is not None:
                    out.problems.append(Problem(edge["file"], edge["line"], G.nodes[v]["label"],
                                                "share= is only for a branch of a decision or race",
                                                "every branch of a parallel split is taken; remove share="))
            continue
        outs = list(flows)
        given = {v: flows[v].get("share") for v in outs}
        fixed = sum(s for s in given.values() if s is not None)
        if fixed > 1 + TOLERANCE:
            data = G.nodes[n]
            out.problems.append(Problem(data["file"], data["line"], data["label"],
                                        f"the shares of this decision add up to {fixed:g}, more than 1",
                                        "lower them so they add up to 1 at most; otherwise() takes the rest"))
        open_ = [v for v in outs if given[v] is None]
        if len(open_) > 1:
            out.even.append(n)
        rest = max(0.0, 1.0 - fixed) / len(open_) if open_ else 0.0
        for v in outs:
            out.of[n, v] = given[v] if given[v] is not None else rest
    return out
