"""Flow changes between steps present in both variants: added, removed and rewired flows and
changed conditions, named by the steps at their ends.

Flows are compared between *steps* (``match.is_step``): a flow through plumbing (a join or fork
the compiler inserted, a parallel gateway) counts as one flow from the step before to the step
after, carrying the first label or condition met on the way. Two flows drawn side by side between
the same steps are two flows (a BPMN file's ``parallel_flows``). Flows touching a step that only
one variant has are left out (the step's own change says it; ``splices`` adds those of a step
inserted on a flow or taken out of one). Example::

    [f.text() for f in flow_changes(current, future, pairs)]
    # ['Hvordan vil låneren betale?: "Ja" førte til Betal, fører nu til Ryk', ...]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keeps `oir-bpmn --help` from importing networkx
    import networkx as nx

from .match import is_step, normalise, step_name

FLOW_CLASSES = {
    "flow_rewired": "Omkoblet",
    "condition_changed": "Ændret betingelse",
    "flow_added": "Ny forbindelse",
    "flow_removed": "Fjernet forbindelse",
    "message_rewired": "Omkoblet besked",
    "message_relabelled": "Omdøbt besked",
    "message_added": "Ny besked",
    "message_removed": "Fjernet besked",
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
    inserted: str = ""  # the step(s) inserted on the flow this change belongs to
    taken_out: str = ""  # the step(s) taken out of the flow this change belongs to

    @property
    def splice(self) -> str:
        """"indsat: X" or "udtaget: X" for a flow of an insertion (or removal), else ""."""
        return f"indsat: {self.inserted}" if self.inserted else f"udtaget: {self.taken_out}" if self.taken_out else ""

    def text(self) -> str:
        """One Danish sentence naming the steps."""
        if self.splice:
            return f"{self._text()} ({self.splice})"
        return self._text()

    def _text(self) -> str:
        if self.cls in ("flow_rewired", "message_rewired"):
            guard = f' "{self.guard_after}"' if self.guard_after else ""
            return f"{self.source}{guard}: førte til {self.target_before}, fører nu til {self.target_after}"
        if self.cls == "condition_changed":
            return (f"{self.source} → {self.target_after}: betingelse "
                    f'"{self.guard_before or "ingen"}" bliver "{self.guard_after or "ingen"}"')
        if self.cls == "message_relabelled":
            return f'{self.source} → {self.target_after}: beskeden "{self.guard_before}" hedder nu "{self.guard_after}"'
        target = self.target_after or self.target_before
        guard = self.guard_after or self.guard_before
        return f"{self.source} → {target}" + (f' ("{guard}")' if guard else "")


def steps_of(G: nx.DiGraph, promoted=frozenset()) -> set[str]:
    """The nodes compared as steps: ``is_step`` ones and ``promoted`` plumbing (a parallel
    gateway paired with a gateway of another kind)."""
    return {n for n, data in G.nodes(data=True) if is_step(data) or n in promoted}


def step_flows(G: nx.DiGraph, steps: set[str] | None = None) -> list[StepFlow]:
    """Every sequence flow from step to step of ``G`` (``steps``, default ``steps_of(G)``), in
    graph order, followed through plumbing; flows drawn side by side count one each."""
    steps = steps_of(G) if steps is None else steps
    out = _sequence_out(G)
    flows: list[StepFlow] = []
    seen: set[tuple[str, str, str, str]] = set()
    for u in G:
        if u not in steps:
            continue
        for v, edge in out.get(u, ()):
            beside = edge["id"] if edge.get("beside") else ""  # a flow drawn beside another one
            for target, label, condition in _reach(out, steps, v, edge.get("label") or "", edge.get("condition") or ""):
                if (u, target, label, beside) not in seen:
                    seen.add((u, target, label, beside))
                    flows.append(StepFlow(u, target, label, condition, edge.get("id") or f"Flow_{u}_{v}"))
    return flows


def _sequence_out(G) -> dict[str, list[tuple[str, dict]]]:
    """Node -> its outgoing sequence flows (target, data), flows drawn beside an edge included."""
    out: dict[str, list[tuple[str, dict]]] = {}
    for u, v, d in G.edges(data=True):
        if d["flow"] == "sequence":
            out.setdefault(u, []).append((v, d))
    for d in G.graph.get("parallel_flows", ()):
        if d["flow"] == "sequence":
            out.setdefault(d["source"], []).append((d["target"], dict(d, beside=True)))
    return out


def _reach(out, steps, n: str, label: str, condition: str):
    """The steps reached from ``n`` through plumbing, with the first label/condition met."""
    found, todo, seen = [], [(n, label, condition)], {n}
    while todo:
        m, lab, cond = todo.pop()
        if m in steps:
            found.append((m, lab, cond))
            continue
        for k, edge in out.get(m, ()):
            if k not in seen:
                seen.add(k)
                todo.append((k, lab or edge.get("label") or "", cond or edge.get("condition") or ""))
    return sorted(found)


def flow_changes(current: nx.DiGraph, future: nx.DiGraph, pairs: dict[str, str],
                 promoted=frozenset()) -> list[FlowChange]:
    """Flow changes between steps paired in ``pairs`` (current node id → future node id);
    ``promoted`` plumbing nodes count as steps (see ``steps_of``)."""
    before: dict[str, list[StepFlow]] = {}
    for f in step_flows(current, steps_of(current, promoted)):
        if f.source in pairs and f.target in pairs:
            before.setdefault(pairs[f.source], []).append(f)
    paired_after = set(pairs.values())
    after: dict[str, list[StepFlow]] = {}
    for f in step_flows(future, steps_of(future, promoted)):
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
    name = step_name(future.nodes[source])
    label = {f: step_name(future.nodes[f]) for f in {pairs[x.target] for x in old} | {x.target for x in new}}
    was = dict(zip(_counted((pairs[f.target], f.guard) for f in old), old))
    now = dict(zip(_counted((f.target, f.guard) for f in new), new))
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


def _counted(keys) -> list[tuple]:
    """``(target, guard, n)``: the n-th flow with that target and guard (flows drawn side by side)."""
    seen: dict[tuple, int] = {}
    counted = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        counted.append((*key, seen[key]))
    return counted
