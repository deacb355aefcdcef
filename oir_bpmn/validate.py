"""Judge a process graph the way a process owner needs: each problem names its DSL line."""
from __future__ import annotations

import networkx as nx

from .consequences.shares import flow_shares
from .kinds import is_gateway
from .model import NOT_XML, not_xml, pool_of, seq_pred, seq_succ
from .problems import Problem, counted

CATCHING = ("intermediateCatchEvent", "receiveTask")


def validate(G: nx.DiGraph) -> list[Problem]:
    """All problems of ``G``, sorted by file and line."""
    problems = list(G.graph.get("problems", []))
    for check in (_texts, _labels, _lanes, _pool_crossings, _scopes, _gateways, _events, _shares):
        problems.extend(check(G))
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.step, p.message))


def _problem(G, n, message, hint) -> Problem:
    data = G.nodes[n]
    return Problem(data["file"], data["line"], _name(G, n), message, hint)


def _name(G, n) -> str:
    """The step as the author knows it: its label, or what an unlabelled gateway does and where."""
    data = G.nodes[n]
    if data["label"]:
        return f"'{data['label']}'"
    splits = len(seq_succ(G, n)) > 1
    what = {"exclusiveGateway": "decision" if splits else "join",
            "parallelGateway": "parallel split" if splits else "parallel join",
            "eventBasedGateway": "race"}.get(data["kind"], "step")
    near = data.get("near")
    if data["auto"] and near in G:
        return f"the {what} before {_name(G, near)}" if what.endswith("join") else f"the {what} after {_name(G, near)}"
    return f"the {what} at line {data['line']}"


def _labels(G):
    for n, data in G.nodes(data=True):
        needs_label = not is_gateway(data["kind"]) or (
            data["kind"] == "exclusiveGateway" and not data["auto"] and len(seq_succ(G, n)) > 1)
        if needs_label and not data["label"]:
            yield _problem(G, n, "the step has an empty label",
                           "write what happens, in Danish, e.g. .user(\"Registrér betaling\")")


def _texts(G):
    """Text a BPMN file cannot hold (a control character copied along from another program)."""
    if not NOT_XML.search("".join(text for *_, text in all_texts(G))):  # the usual case: one quick look
        return
    for file, line, step, what, text in all_texts(G):
        char = not_xml(text)
        if char:
            shown = NOT_XML.sub("?", _name(G, step) if step in G else step)
            yield Problem(file, line, shown, f"the {what} holds a character a BPMN file cannot hold ({char!r})",
                          "delete it; such characters often come along when text is copied from another program")


def all_texts(G):
    """``(file, line, step, what, text)`` of every text the author wrote into ``G``."""
    yield G.graph["file"], G.graph["line"], "", "process title", G.graph["title"]
    for pool in G.graph["pools"]:
        yield pool["file"], pool["line"], pool["name"], "pool name", pool["name"]
    for lane in G.graph["lanes"].values():
        yield lane["file"], lane["line"], lane["name"], "lane name", lane["name"]
    for n, data in G.nodes(data=True):
        yield data["file"], data["line"], n, "label", data["label"] or ""
        for note in data["notes"]:
            yield data["file"], data["line"], n, "note", note
    for _, v, data in G.edges(data=True):
        if data.get("label") or data.get("condition"):  # inserted flows have neither, nor a line
            yield data["file"], data["line"], v, "label", data["label"] or ""
            yield data["file"], data["line"], v, "condition", data["condition"] or ""


def _lanes(G):
    laned_pools = {pool["id"] for pool in G.graph["pools"] if pool["lanes"]}
    for n, data in G.nodes(data=True):
        if data["parent"] is None and data["lane"] is None and data["pool"] in laned_pools:
            yield _problem(G, n, "the step is in no lane, but its pool has lanes",
                           "create the step on one of the pool's lanes, e.g. bib.task(…)")


def _pool_crossings(G):
    nodes = dict(G.nodes(data=True))  # plain dict lookups: a graph's view is slower per edge
    for u, v, data in G.edges(data=True):
        same_pool = nodes[u]["pool"] == nodes[v]["pool"]
        if data["flow"] == "sequence" and not same_pool:
            yield _flow_problem(G, u, v, f"sequence flow from {_name(G, u)} in another pool",
                                "pools talk by messages: use source.message_to(target) instead of >>")
        elif data["flow"] == "message" and same_pool:
            yield _flow_problem(G, u, v, f"message flow from {_name(G, u)} inside the same pool",
                                "connect steps of one pool with >>; messages go between pools")
        elif data["flow"] == "sequence" and nodes[u]["parent"] != nodes[v]["parent"]:
            yield _flow_problem(G, u, v, f"sequence flow from {_name(G, u)} crosses a subprocess border",
                                "connect to the subprocess itself; its inside has its own start and end")


def _flow_problem(G, u, v, message, hint) -> Problem:
    data = G.edges[u, v]
    return Problem(data["file"], data["line"], _name(G, v), message, hint)


def _scopes(G):
    """Each pool's top level and each subprocess: start, end, everything on a path between."""
    scopes, scope_of, kinds = {}, {}, {}
    for n, data in G.nodes(data=True):
        scope = ("sub", data["parent"]) if data["parent"] else ("pool", data["pool"])
        scopes.setdefault(scope, []).append(n)
        scope_of[n], kinds[n] = scope, data["kind"]
    for pool in G.graph["pools"]:
        if ("pool", pool["id"]) not in scopes:
            yield Problem(pool["file"], pool["line"], pool["name"], "the pool has no steps",
                          'add steps, e.g. lane.start("…") >> lane.task("…") >> lane.end("…")')
    if not G.graph["pools"]:
        yield Problem(G.graph["file"], G.graph["line"], G.graph["title"], "the process has no steps",
                      'add a lane and steps: bib = p.lane("Biblioteket", dept="library"); bib.start("…") >> …')
    for n, data in G.nodes(data=True):
        if data["kind"] == "subProcess" and ("sub", n) not in scopes:
            yield _problem(G, n, "the subprocess has no steps of its own",
                           'add them on the subprocess: sub.start("…") >> sub.task("…") >> sub.end("…")')
    succ: dict[str, list[str]] = {n: [] for n in G}  # sequence flows within a scope
    pred: dict[str, list[str]] = {n: [] for n in G}
    for u, v, d in G.edges(data=True):
        if d["flow"] == "sequence" and scope_of[u] == scope_of[v]:
            succ[u].append(v)
            pred[v].append(u)
    starts = [n for n, kind in kinds.items() if kind == "startEvent"]
    ends = [n for n, kind in kinds.items() if kind == "endEvent"]
    reached = _closure(succ, starts)  # what start and end events can reach
    finishing = _closure(pred, ends)
    flows = nx.DiGraph()  # as a graph only when some step is unreached or dead-ended (saves time)
    if len(reached) < len(succ) or len(finishing) < len(succ):
        flows.add_nodes_from(succ)
        flows.add_edges_from((u, v) for u, targets in succ.items() for v in targets)
    for (kind, owner), nodes in scopes.items():
        yield from _scope_problems(G, kind, owner, nodes, kinds, flows, reached, finishing)


def _closure(neighbours, sources) -> set:
    """``sources`` and everything reachable from them through ``neighbours``."""
    seen, todo = set(sources), list(sources)
    while todo:
        for m in neighbours[todo.pop()]:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def _scope_problems(G, kind, owner, nodes, kinds, flows, reached, finishing):
    starts = [n for n in nodes if kinds[n] == "startEvent"]
    ends = [n for n in nodes if kinds[n] == "endEvent"]
    where = _scope_name(G, kind, owner)
    anchor = nodes[0]
    if not starts:
        yield _problem(G, anchor, f"{where} has no start event", "begin the flow with lane.start(\"…\")")
    if not ends:  # said where the flow stops: that is where the end goes
        stops = [n for n in nodes if not flows.out_degree(n)] or nodes
        last = max(stops, key=lambda n: (not G.nodes[n]["auto"], G.nodes[n]["line"], n))
        yield _problem(G, last, f"{where} has no end event: the flow stops here",
                       "finish the flow with >> lane.end(\"…\")")
    if not starts or not ends:
        return
    blank = [n for n in starts if G.nodes[n]["event"] is None]
    for n in blank[1:]:
        yield _problem(G, n, f"{where} already starts at {_name(G, blank[0])}; a process has one plain start",
                       'make this start event="message" or every=days(…), or put it in its own process')
    heads = _ends_of(flows, [n for n in nodes if n not in reached], upstream=True)
    tails = _ends_of(flows, [n for n in nodes if n in reached and n not in finishing], upstream=False)
    stops = [t for t in tails if len(t) == 1 and not flows.has_edge(t[0], t[0])]
    if len(heads) == 1 and len(stops) == 1 == len(tails):
        tail, head = stops[0][0], _first(G, heads[0])
        yield _problem(G, tail, f"the flow stops here, and {_name(G, head)} (line {G.nodes[head]['line']}) "
                       "is never reached: the chain is broken",
                       f"continue this chain with >> to {_name(G, head)}, or end it with >> lane.end(\"…\")")
        return
    for component in heads:
        head = _first(G, component)
        yield _problem(G, head, "no start event leads to this step",
                       "connect an earlier step to it with >>, or remove it")
    for component in tails:
        if len(component) == 1 and not flows.has_edge(component[0], component[0]):
            yield _problem(G, component[0], "this step never reaches an end event",
                           "continue the flow with >> … >> lane.end(\"…\")")
        else:
            yield _problem(G, _first(G, component), "this loop never ends: no step in it leads to an end event",
                           'give it a way out: a decision in the loop, e.g. gw.when("Færdig") >> lane.end("…")')


def _ends_of(flows, region, upstream: bool) -> list[list]:
    """The strongly connected parts of ``region`` that no other part of it leads into
    (``upstream``) or out of: where an unreached or dead-ended stretch of flow begins or stops."""
    if not region:
        return []
    sub = flows.subgraph(region)
    condensed = nx.condensation(sub)
    degree = condensed.in_degree if upstream else condensed.out_degree
    members = condensed.graph["mapping"]
    parts: dict[int, list] = {}
    for n in region:
        parts.setdefault(members[n], []).append(n)
    return [parts[c] for c in condensed if degree(c) == 0]


def _first(G, component) -> str:
    """The step of ``component`` the author wrote first (inserted gateways last)."""
    return min(component, key=lambda n: (G.nodes[n]["auto"], G.nodes[n]["line"], n))


def _scope_name(G, kind, owner) -> str:
    if kind == "sub":
        return f"subprocess '{G.nodes[owner]['label']}'"
    return f"pool '{pool_of(G, owner)['name']}'"


def _gateways(G):
    gateways = {n for n, kind in G.nodes(data="kind") if is_gateway(kind)}
    outgoing: dict[str, list] = {}
    for u, v, data in G.edges(data=True):
        if u in gateways and data["flow"] == "sequence":
            outgoing.setdefault(u, []).append((v, data))
    for n, data in G.nodes(data=True):
        if n not in gateways:
            continue
        branches = outgoing.get(n, [])
        incoming = len(seq_pred(G, n))
        if len(branches) < 2 and incoming < 2:
            yield _problem(G, n, f"the gateway has {counted(len(branches), 'outgoing branch', 'outgoing branches')}; "
                           "a split needs two or more",
                           "add branches with .when(\"…\") >> step, or remove the gateway")
        if data["kind"] == "exclusiveGateway" and len(branches) > 1:
            for v, edge in branches:
                if not edge["label"]:
                    yield _problem(G, v, f"the branch from {_name(G, n)} has no label",
                                   "write the answer on the branch: gw.when(\"Ja\") >> step")
            if sum(1 for _, edge in branches if edge["default"]) > 1:
                yield _problem(G, n, "the decision has more than one default branch",
                               "use .otherwise(…) for one branch only")
        if data["kind"] == "eventBasedGateway":
            for v, _ in branches:
                if G.nodes[v]["kind"] not in CATCHING:
                    yield _problem(G, v, f"a branch of the race {_name(G, n)} must start with a wait",
                                   "use lane.wait(days(…)) or lane.wait_message(\"…\") after the race")


def _events(G):
    for n, data in G.nodes(data=True):
        if data["kind"] == "startEvent" and seq_pred(G, n):
            yield _problem(G, n, "a start event cannot have incoming flows",
                           "point the flow at the first task instead")
        if data["kind"] == "endEvent" and seq_succ(G, n):
            yield _problem(G, n, "an end event cannot have outgoing flows",
                           "use a task or an intermediate event here, and end the flow later")


def _shares(G):
    """Shares that cannot be: more than 1 in all at a decision, or on a flow that is no decision's branch."""
    return flow_shares(G).problems
