"""Slide pages: a process cut into 16:9 pages whose task text a projector shows readably.

A page is 960 × 540 pt (13.33 × 7.5 in). Shown at 1920 × 1080 px a point is 2 px, so a task name
(12 pt) is at least 18 px high when the page shows the layout at ``MIN_SCALE`` or more, so a page
holds at most ``SLIDE_PT / MIN_SCALE`` layout units. A process too large is cut between columns into
consecutive pages, each with every lane of its pools (laid out compact, see ``layout``: lanes
empty on a page are thin); columns too tall for a page (many parallel branches) are also cut
top to bottom, a page that still comes out too small is halved, and neighbouring pages are
joined where their joint page fits. A flow
cut by a page boundary ends at a marker "→ 2/3" and goes on from a marker "fra 1/3". Notes
become numbers after the step's name ("[1]"), their text listed in a footnote panel. Every
subprocess gets pages of its own; its box on the main pages says where.
"""
from __future__ import annotations

import networkx as nx

from ..layout import layout
from .dot import drawing_size
from .theme import THEME, Theme

SLIDE_PT = (960, 540)
MIN_SCALE = 0.75  # 12 pt task names × 2 px a point × 0.75 = 18 px


def slide_pages(G, changes: bool = False, theme: Theme = THEME, min_scale: float = MIN_SCALE) -> list[nx.DiGraph]:
    """The pages of ``G``, each a graph of the ``oir_bpmn.model`` schema drawn by ``render.dot``,
    none showing the layout under ``min_scale`` (larger for print: see ``pack.diagrams``)."""
    planes = [(None, [n for n, d in G.nodes(data=True) if d["parent"] is None])]
    planes += [(n, [m for m, e in G.nodes(data=True) if e["parent"] == n])
               for n, d in G.nodes(data=True) if d["kind"] == "subProcess"]
    chunks: list[tuple[str | None, list[str]]] = []
    ys: dict[str, int] = {}
    for sub, nodes in planes:
        chunks += [(sub, chunk) for chunk in _cut(G, sub, nodes, changes, theme, ys, min_scale)]
    chunks = _merge(G, _fit(G, chunks, ys, changes, theme, min_scale), changes, theme, min_scale)
    return _pages(G, _fit(G, chunks, ys, changes, theme, min_scale))


def _pages(G, chunks: list[tuple[str | None, list[str]]]) -> list[nx.DiGraph]:
    page_of = {n: k for k, (_, chunk) in enumerate(chunks) for n in chunk}
    first_page: dict[str | None, int] = {}
    for k, (sub, _) in enumerate(chunks):
        first_page.setdefault(sub, k)
    return [_page(G, sub, chunk, k, len(chunks), page_of, first_page) for k, (sub, chunk) in enumerate(chunks)]


def _fits(page: nx.DiGraph, changes: bool, theme: Theme, min_scale: float) -> bool:
    return page_scale(*drawing_size(page, layout(page), changes, theme)) >= min_scale


def _fit(G, chunks, ys: dict[str, int], changes: bool, theme: Theme, min_scale: float):
    """``chunks`` with every page that came out too small (its flows to other pages needing
    more markers than measured) halved, until all fit."""
    while True:
        small = [len(chunk) > 1 and not _fits(page, changes, theme, min_scale)
                 for (_, chunk), page in zip(chunks, _pages(G, chunks))]
        if not any(small):
            return chunks
        chunks = [part for (sub, chunk), halve in zip(chunks, small)
                  for part in ([(sub, half) for half in _halves(chunk, ys)] if halve else [(sub, chunk)])]


def _merge(G, chunks, changes: bool, theme: Theme, min_scale: float):
    """``chunks`` with neighbours of one plane joined where their joint page still fits (cuts
    top to bottom can leave pages with a step or two)."""
    k = 0
    while k + 1 < len(chunks):
        (sub, a), (other, b) = chunks[k], chunks[k + 1]
        if sub == other:
            trial = chunks[:k] + [(sub, a + b)] + chunks[k + 2:]
            if _fits(_pages(G, trial)[k], changes, theme, min_scale):
                chunks = trial
                continue
        k += 1
    return chunks


def _halves(chunk: list[str], ys: dict[str, int]) -> list[list[str]]:
    """``chunk`` cut into a top and a bottom half."""
    order = sorted(range(len(chunk)), key=lambda i: (ys[chunk[i]], i))
    top = set(order[:len(order) // 2])
    return [[n for i, n in enumerate(chunk) if i in top], [n for i, n in enumerate(chunk) if i not in top]]


def _cut(G, sub, nodes: list[str], changes: bool, theme: Theme, ys: dict[str, int],
         min_scale: float) -> list[list[str]]:
    """``nodes`` (one plane) in consecutive groups of whole columns whose pages fit a slide at
    ``min_scale``, a group too tall for that cut top to bottom; ``ys`` gets every step's height
    in the plane's layout."""
    view = _page(G, sub, nodes, 0, 1, dict.fromkeys(G.nodes, 0), {})
    plan = layout(view)
    boxes = {n: plan.nodes[n] for n in nodes}
    ys.update((n, box.cy) for n, box in boxes.items())
    columns: list[list[str]] = []
    right = -1
    for i, n in sorted(enumerate(nodes), key=lambda item: (boxes[item[1]].x, item[0])):
        if boxes[n].x > right:
            columns.append([])
        columns[-1].append(n)
        right = max(right, boxes[n].right)
    groups, scales = _split(G, sub, columns, changes, theme, min_scale)
    pages = []
    for group, scale in zip(groups, scales):
        pages += _stack(G, sub, group, scale, [boxes[n].cy for n in group], changes, theme, min_scale)
    return pages


def _stack(G, sub, group: list[str], scale: float, ys: list[int], changes: bool,
           theme: Theme, min_scale: float) -> list[list[str]]:
    """``group`` as is if its page shows it at ``min_scale``, else cut top to bottom (by the
    steps' heights ``ys`` in the plane's layout) into the fewest parts of about equal size whose
    pages do."""
    if scale >= min_scale:
        return [group]
    order = [n for _, _, n in sorted(zip(ys, range(len(group)), group))]
    for k in range(2, len(order) + 1):
        parts = [order[len(order) * i // k:len(order) * (i + 1) // k] for i in range(k)]
        if all(_scale(G, sub, part, changes, theme) >= min_scale for part in parts):
            return [[n for n in group if n in part] for part in map(set, parts)]
    return [group]


def _split(G, sub, columns: list[list[str]], changes: bool, theme: Theme,
           min_scale: float) -> tuple[list[list[str]], list[float]]:
    """The columns in consecutive groups, each as many columns as a page shows at ``min_scale``
    (a page already drawn smaller, being too tall, takes columns while its scale holds); and
    the scale of each group's page."""
    groups: list[list[str]] = []
    scales: list[float] = []
    for column in columns:
        alone = _scale(G, sub, column, changes, theme)
        if groups:
            merged = _scale(G, sub, groups[-1] + column, changes, theme)
            if merged >= min(min_scale, scales[-1], alone):
                groups[-1] += column
                scales[-1] = merged
                continue
        groups.append(list(column))
        scales.append(alone)
    return groups, scales


def page_scale(width: float, height: float) -> float:
    """How large a drawing of ``width × height`` points is shown on a slide page."""
    return min(SLIDE_PT[0] / width, SLIDE_PT[1] / height)


def _scale(G, sub, nodes: list[str], changes: bool, theme: Theme) -> float:
    page = _page(G, sub, nodes, 0, 2, dict.fromkeys(G.nodes, 0), {}, continued=True)
    return page_scale(*drawing_size(page, layout(page), changes, theme))


def _page(G, sub, chunk: list[str], k: int, total: int, page_of: dict[str, int],
          first_page: dict, continued: bool = False) -> nx.DiGraph:
    """Page ``k`` (of ``total``) showing ``chunk`` (nodes of the plane of ``sub``, None: the main
    plane) with their subprocesses' contents; flows to other pages end at markers.
    ``continued`` adds markers on both sides (to measure a page before the cuts are known)."""
    keep = set(chunk)
    for n in list(G.nodes):
        parent = G.nodes[n]["parent"]
        while parent is not None and parent not in keep:
            parent = G.nodes[parent]["parent"]
        if parent is not None:
            keep.add(n)
    P = nx.DiGraph(**{key: value for key, value in G.graph.items() if key not in ("pools", "lanes")})
    suffix = f" ({k + 1}/{total})" if total > 1 else ""
    if sub is not None:
        P.graph["title"] = f"{G.graph['title']} › {G.nodes[sub]['label']}"
    P.graph["title"] += suffix
    P.graph["slide_page"] = True
    footnotes = []
    for n in G.nodes:
        if n in keep:
            d = dict(G.nodes[n])
            if n in chunk:
                d["parent"] = None
            elif d["parent"] is not None:
                d["notes"] = ()  # shown on the subprocess's own page
            if d["parent"] is None and d["notes"]:
                marks = []
                for text in d["notes"]:
                    footnotes.append(f"[{len(footnotes) + 1}] {text}")
                    marks.append(f"[{len(footnotes)}]")
                d["label"] = f"{d['label']} {' '.join(marks)}".strip()
                d["notes"] = ()
            if d["kind"] == "subProcess" and d["parent"] is None and n in first_page:
                d["label"] = f"{d['label']} (side {first_page[n] + 1})"
            P.add_node(n, **d)
    P.graph["footnotes"] = footnotes
    for u, v, d in G.edges(data=True):
        if u in keep and v in keep:
            P.add_edge(u, v, **d)
        elif u in keep or v in keep:
            _marker(P, G, u, v, d, u in keep, page_of, total, continued)
    pools = {d["pool"] for _, d in P.nodes(data=True)}
    P.graph["pools"] = [pool for pool in G.graph["pools"] if pool["id"] in pools]
    P.graph["lanes"] = {lane: data for lane, data in G.graph["lanes"].items() if data["pool"] in pools}
    if sub is not None:  # a subprocess page shows only the lanes its steps are in
        used = {d["lane"] for _, d in P.nodes(data=True)}
        P.graph["pools"] = [dict(pool, lanes=[lane for lane in pool["lanes"] if lane in used])
                            for pool in P.graph["pools"]]
    return P


def _marker(P, G, u: str, v: str, d: dict, leaving: bool, page_of: dict[str, int], total: int,
            continued: bool) -> None:
    """The end of a flow cut by the page boundary: ``u → "→ k/n"`` where it leaves this page,
    ``"fra k/n" → v`` where it comes in. Flows into one step from one page share a marker, as
    do unlabelled flows out of one step to one page."""
    here, there = (u, v) if leaving else (v, u)
    side = "out" if leaving else "in"
    if leaving and d.get("label"):
        marker = f"Cont_{d['id']}"
    else:
        marker = f"Cont_{'to' if leaving else 'from'}{page_of[there] + 1}_{d['flow']}_{here}"
    if marker in P:
        return
    at = dict(G.nodes[here])
    at.update(kind="intermediateThrowEvent" if leaving else "intermediateCatchEvent", event=None,
              parent=None, notes=(), duration=None, auto=False, key=marker.lower(),
              label="→" if continued else f"→ {page_of[there] + 1}/{total}" if leaving
              else f"fra {page_of[there] + 1}/{total}")
    if d["flow"] == "message":  # a message goes to or comes from the other pool: keep the marker there
        at.update(pool=G.nodes[there]["pool"], lane=G.nodes[there]["lane"])
    P.add_node(marker, **at)
    edge = dict(d, id=f"{d['id']}_{side}")
    if leaving:
        P.add_edge(u, marker, **edge)
    else:
        P.add_edge(marker, v, **dict(edge, label=None))
