"""Flow changes between steps present in both variants: added, removed and rewired flows and
changed conditions, named by the steps at their ends.

Flows are compared between *steps* (``match.is_step``): a flow through plumbing (a join or fork
the compiler inserted, a parallel gateway) counts as one flow from the step before to the step
after, carrying the first label or condition met on the way. Flows touching a step that only one
variant has are left out: the step's own change says it. Example::

    [f.text() for f in flow_changes(current, future, pairs)]
    # ['Hvordan vil låneren betale?: "Ja" førte til Betal, fører nu til Ryk', ...]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keeps `oir-bpmn --help` from importing networkx
    import networkx as nx

from .match import is_step, normalise

FLOW_CLASSES = {
    "flow_rewired": "Omkoblet",
    "condition_changed": "Ændret betingelse",
    "flow_added": "Ny forbindelse",
    "flow_removed": "Fjernet forbindelse",
}
"""Flow change classes in report order, with their Danish names."""


@dataclass(frozen=True)
class StepFlow:
    """A flow from step to step in one variant (through plumbing), with its label and condition."""

    source: str
    target: str
    label: str
    condition: str
    edge: str  # id of the flow leaving the source (the first of a path through plumbing)

    @property
    def guard(self) -> str:
        """What decides the flow, for comparing: the label, else the condition expression."""
        return normalise(self.label) or " ".join(self.condition.split())


@dataclass(frozen=True)
class FlowChange:
    """One flow difference. Labels are step labels; ``guard_*`` the flow's label or condition."""

    cls: str
    source: str
    target_before: str | None
    target_after: str | None
    guard_before: str
    guard_after: str
    before: StepFlow | None = None  # the flow in the current variant (current node ids)
    after: StepFlow | None = None  # the flow in the future variant (future node ids)

    def text(self) -> str:
        """One Danish sentence naming the steps."""
        if self.cls == "flow_rewired":
            guard = f' "{self.guard_after}"' if self.guard_after else ""
            return f"{self.source}{guard}: førte til {self.target_before}, fører nu til {self.target_after}"
        if self.cls == "condition_changed":
            return (f"{self.source} → {self.target_after}: betingelse "
                    f'"{self.guard_before or "ingen"}" bliver "{self.guard_after or "ingen"}"')
        target = self.target_after or self.target_before
        guard = self.guard_after or self.guard_before
        return f"{self.source} → {target}" + (f' ("{guard}")' if guard else "")


def step_flows(G: nx.DiGraph) -> list[StepFlow]:
    """Every sequence flow from step to step of ``G``, in graph order, followed through plumbing."""
    flows: list[StepFlow] = []
    seen: set[tuple[str, str, str]] = set()
    for u, data in G.nodes(data=True):
        if not is_step(data):
            continue
        for v, edge in _seq_out(G, u):
            for target, label, condition in _reach(G, v, edge.get("label") or "", edge.get("condition") or ""):
                if (u, target, label) not in seen:
                    seen.add((u, target, label))
                    flows.append(StepFlow(u, target, label, condition, edge.get("id") or f"Flow_{u}_{v}"))
    return flows


def _seq_out(G, n):
    return [(v, d) for v, d in G.succ[n].items() if d["flow"] == "sequence"]


def _reach(G, n: str, label: str, condition: str):
    """The steps reached from ``n`` through plumbing, with the first label/condition met."""
    found, todo, seen = [], [(n, label, condition)], {n}
    while todo:
        m, lab, cond = todo.pop()
        if is_step(G.nodes[m]):
            found.append((m, lab, cond))
            continue
        for k, edge in _seq_out(G, m):
            if k not in seen:
                seen.add(k)
                todo.append((k, lab or edge.get("label") or "", cond or edge.get("condition") or ""))
    return sorted(found)


def flow_changes(current: nx.DiGraph, future: nx.DiGraph, pairs: dict[str, str]) -> list[FlowChange]:
    """Flow changes between steps paired in ``pairs`` (current node id → future node id)."""
    before: dict[str, list[StepFlow]] = {}
    for f in step_flows(current):
        if f.source in pairs and f.target in pairs:
            before.setdefault(pairs[f.source], []).append(f)
    paired_after = set(pairs.values())
    after: dict[str, list[StepFlow]] = {}
    for f in step_flows(future):
        if f.source in paired_after and f.target in paired_after:
            after.setdefault(f.source, []).append(f)
    changes: list[FlowChange] = []
    order = {n: i for i, n in enumerate(future)}
    for source in sorted(set(before) | set(after), key=order.__getitem__):
        changes += _compare_out(future, pairs, source, before.get(source, []), after.get(source, []))
    rank = {cls: i for i, cls in enumerate(FLOW_CLASSES)}
    return sorted(changes, key=lambda c: rank[c.cls])  # stable: future graph order within a class


def _compare_out(future, pairs, source, old: list[StepFlow], new: list[StepFlow]):
    """The changes among the flows out of one step (``old`` in current ids, ``new`` in future ids)."""
    name = future.nodes[source]["label"] or source
    label = {f: future.nodes[f]["label"] or f for f in {pairs[x.target] for x in old} | {x.target for x in new}}
    was = {(pairs[f.target], f.guard): f for f in old}
    now = {(f.target, f.guard): f for f in new}
    old_left = [x for x in was if x not in now]
    new_left = [x for x in now if x not in was]

    def change(cls: str, a, b) -> FlowChange:
        before, after = was.get(a), now.get(b)
        return FlowChange(cls, name, label[a[0]] if a else None, label[b[0]] if b else None,
                          (before.label or before.condition) if before else "",
                          (after.label or after.condition) if after else "", before, after)

    out = []
    for a in list(old_left):  # the same label or condition, another target
        b = next((x for x in new_left if x[1] == a[1]), None)
        if b and (a[1] or (len(old) == 1 and len(new) == 1)):
            out.append(change("flow_rewired", a, b))
            old_left.remove(a)
            new_left.remove(b)
    for a in list(old_left):  # the same target behind another label or condition
        b = next((x for x in new_left if x[0] == a[0]), None)
        if b and sum(1 for y in old_left if y[0] == a[0]) == 1:
            out.append(change("condition_changed", a, b))
            old_left.remove(a)
            new_left.remove(b)
    out += [change("flow_removed", a, None) for a in old_left]
    out += [change("flow_added", None, b) for b in new_left]
    return out
