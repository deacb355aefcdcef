"""Automatic layout of a process graph: left to right, lane-aware, orthogonal edges.

``layout(G)`` runs a pipeline of small steps over each diagram plane (the pools, and one plane
per subprocess):

1. columns (``rank``, ``steps``): back edges by DFS from the start events, longest-path ranks,
   message flows pulling their target to the source's column or later; a node with slack
   moves right where its flows between lanes cross fewer lines;
2. rows (``grid``, ``order``): dummy items reserve the row of long edges (a flow between
   lanes steps where it crosses fewest lines), items get distinct rows per lane and column,
   branches fanning out below the main line; then barycenter sweeps and swaps reorder them
   to cross fewer lines;
3. coordinates (``place``): row heights from shapes, labels and annotations, lanes
   stacked in pools, column widths, gap widths from the vertical segments they hold;
4. routing (``route``): orthogonal waypoints in reserved rows, gaps and corridors;
5. text (``labels``): node labels, annotations and flow labels, never over a box.

A slide page (``G.graph["slide_page"]``, see ``render.slides``) is laid out compact: lanes
empty on it are thin (``place.THIN_BAND``), rows have narrower free channels and task boxes leave no room for bpmn-js's type
icon (the slide draws its own marker). Every loop runs over lists in graph insertion order, so the
result does not depend on ``PYTHONHASHSEED``.
"""
from __future__ import annotations

from .geometry import Box, Layout, default_marker, segments
from .grid import assign_rows, build_grid
from .order import reorder
from .index import BoxIndex
from .flowlabels import CLEAR, LabelPlacer, segment_index
from .labels import place_node_texts
from .place import (GAP, LABEL_SHIFT, MIN_BAND, ROW_HALF, ROW_PAD, SLIDE_ROW_PAD, STRIP, THIN_BAND, TRACK,
                    place_columns, place_rows, shape_of)
from .sizes import edge_label_size
from .rank import back_edges, longest_path
from .route import Router, corridors
from ..kinds import family
from ..model import top_level

Flow = tuple[str, str, str, dict]  # (edge id, source, target, data)


def layout(G) -> Layout:
    """Lay out ``G`` (see ``oir_bpmn.model``): pools, lanes, nodes, labels, annotations, edges.

    Subprocess contents (nodes whose ``parent`` is a subProcess) go to ``result.planes[sub_id]``
    for every subprocess, nested ones included, keyed flat on the top-level result.
    """
    children: dict[str | None, list[str]] = {}
    parent: dict[str, str | None] = {}
    for n, d in G.nodes(data=True):
        parent[n] = d.get("parent")
        children.setdefault(parent[n], []).append(n)
    sequence: dict[str | None, list[Flow]] = {}
    messages: list[Flow] = []
    for u, v, d in G.edges(data=True):
        flow = (d["id"], u, v, d)
        if d.get("flow") == "message":
            messages.append((flow[0], top_level(G, u), top_level(G, v), d))
        elif parent[u] == parent[v]:
            sequence.setdefault(parent[u], []).append(flow)

    bands: list[tuple[str | None, str | None]] = []
    for pool in G.graph.get("pools") or ():
        bands += [(pool["id"], lane) for lane in pool.get("lanes") or ()] or [(pool["id"], None)]
    with_pools = bool(bands)
    bands = bands or [(None, None)]
    by_lane = {lane: b for b, (_, lane) in enumerate(bands) if lane is not None}
    by_pool: dict[str | None, int] = {}
    for b, (pool, _) in enumerate(bands):
        by_pool.setdefault(pool, b)
    nodes = children.get(None, [])
    band_of = []
    for n in nodes:
        d = G.nodes[n]
        band_of.append(by_lane.get(d.get("lane"), by_pool.get(d.get("pool"), 0)))
    starts = [b == 0 or bands[b][0] != bands[b - 1][0] for b in range(len(bands))]
    x0 = 2 * STRIP if with_pools else 0
    result, rows, right = _plane(G, nodes, sequence.get(None, []), messages, band_of, starts, x0)

    if with_pools:
        for b, (pool, lane) in enumerate(bands):
            top, bottom = rows.band_top[b], rows.band_bottom[b]
            if lane is not None:
                result.lanes[lane] = Box(STRIP, top, right - STRIP, bottom - top)
            if pool in result.pools:
                old = result.pools[pool]
                result.pools[pool] = Box(0, old.y, right, bottom - old.y)
            else:
                result.pools[pool] = Box(0, top, right, bottom - top)

    for sub in (n for n, d in G.nodes(data=True) if d.get("kind") == "subProcess"):
        inner = children.get(sub, [])
        result.planes[sub] = _plane(G, inner, sequence.get(sub, []), [], [0] * len(inner), [True], 0)[0]
    return result


def _plane(G, nodes: list[str], sequence: list[Flow], messages: list[Flow], band: list[int],
           pool_starts: list[bool], x0: int):
    """Lay out one plane; return its Layout, its ``Rows`` and its right edge."""
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    data = [G.nodes[node] for node in nodes]
    slide = bool(G.graph.get("slide_page"))
    shapes = [shape_of(d, icons=not slide) for d in data]
    flows = [(eid, index[u], index[v], d) for eid, u, v, d in sequence]
    pulls = [(eid, index[u], index[v], d) for eid, u, v, d in messages if u in index and v in index]

    succ: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    has_in = [False] * n
    for k, (_, u, v, _) in enumerate(flows):
        succ[u].append((k, v))
        has_in[v] = True
    roots = [i for i in range(n) if data[i].get("kind") == "startEvent"]
    roots += [i for i in range(n) if not has_in[i]]
    back = back_edges(n, succ, roots, len(flows))
    forward = [(k, u, v) for k, (_, u, v, _) in enumerate(flows) if not back[k]]
    pairs = [(u, v) for _, u, v in forward]
    messages_uv = [(u, v) for _, u, v, _ in pulls]
    rank = longest_path(n, pairs, messages_uv)

    n_bands = len(pool_starts)
    grid = build_grid(n, band, rank, forward, {k for k, _, _ in forward if flows[k][3].get("default")},
                      n_bands, messages_uv)
    rank = grid.col[:n]
    assign_rows(grid, n_bands)
    loops = [(k, u, v) for k, (_, u, v, _) in enumerate(flows) if back[k]]
    corr = corridors(grid, [(u, v) for _, u, v in loops], n_bands)
    reorder(grid, n_bands, [(u, v, corr.below[j]) for j, (_, u, v) in enumerate(loops)])
    pad = SLIDE_ROW_PAD if slide else ROW_PAD
    rows = place_rows(grid, shapes, corr.top_h, corr.bottom_h, pool_starts, THIN_BAND if slide else MIN_BAND, pad)

    noted = [bool(s.notes) for s in shapes]
    router = Router(grid, rows, shapes, noted)
    out_degree = [0] * n
    for _, u, _ in forward:
        out_degree[u] += 1
    split = [out_degree[i] > 1 and family(data[i].get("kind", "")) == "gateway" for i in range(n)]
    ported = _ports(grid, router, forward, split)
    for k, u, _ in forward:
        router.forward(flows[k][0], grid.chains[k], out_degree[u] > 1, k in ported)
    for j, (k, u, v) in enumerate(loops):
        b = grid.band[v]
        side = corr.below[j]
        free = split[u] and not any(ported.get(e) == side for e, s, _ in forward if s == u)
        router.loop(flows[k][0], u, v, corr.y(j, rows.band_top[b], rows.band_bottom[b]), free)
    for eid, u, v, _ in pulls:
        if u != v:
            router.message(eid, u, v)
    tracks = router.assign_tracks()

    col_w = [GAP] * grid.n_cols
    for i in range(n):
        col_w[rank[i]] = max(col_w[rank[i]], shapes[i].width)
    labelled = [(eid, u, d["label"]) for eid, u, _, d in flows + pulls if d.get("label")]
    gap_w = _gap_widths(tracks, col_w, rank, shapes, router.bottom_used, labelled)
    gap_x, col_x, right = place_columns(col_w, gap_w, x0)

    boxes = []
    for i, s in enumerate(shapes):
        c = rank[i]
        boxes.append(Box(col_x[c] + (col_w[c] - s.w) // 2, router.y(i) - s.h // 2, s.w, s.h))
    out = Layout(nodes=dict(zip(nodes, boxes)))
    routes = router.points(boxes, gap_x)
    paths = {eid: segments(pts) for eid, pts in routes.items()}
    space = BoxIndex()
    for eid, _, _, d in flows + pulls:  # labels keep clear of the slash on a default flow
        if d.get("default") and eid in routes:
            space.add(f"{eid}#marker", default_marker(routes[eid]))
    lines = segment_index(paths)
    place_node_texts(nodes, boxes, shapes, router.bottom_used, space, out.labels, out.annotations, out.edges,
                     lines, ROW_HALF + pad)
    for eid, pts in out.edges.items():  # the associations just drawn
        lines.add_all(eid, segments(pts))
    for eid, _, _, _ in flows + pulls:
        if eid in routes:
            out.edges[eid] = routes[eid]
    placer = LabelPlacer(out.edges, paths, {eid for eid, _, _, _ in flows + pulls if eid in routes}, space, lines)
    for eid, _, text in labelled:
        if eid in routes:
            out.labels[eid] = placer.place(eid, edge_label_size(text))
    return out, rows, right


def _ports(grid, router: Router, forward: list[tuple[int, int, int]], split: list[bool]) -> dict[int, bool]:
    """The branches of split gateways that leave by the top (False) or bottom (True) port: per
    gateway and side, the branch to the farthest row, if a straight line up or down the
    gateway's column reaches it. The others leave by the right port and turn inside it, so no
    branch crosses another (a farther one turning right would cross the port's branch)."""
    far: dict[tuple[int, bool], tuple[int, int]] = {}
    for k, u, _ in forward:
        if split[u]:
            rise = router.grow[grid.chains[k][1]] - router.grow[u]
            if rise and abs(rise) > far.get((u, rise > 0), (0, 0))[0]:
                far[u, rise > 0] = (abs(rise), k)
    ports = {}
    for (u, down), (rise, k) in far.items():
        g = router.grow[u]
        if router._column_free(grid.col[u], g + (1 if down else -1), g + (rise if down else -rise)):
            ports[k] = down
    return ports


def _gap_widths(tracks: list[int], col_w: list[int], rank: list[int], shapes, bottom_used: list[bool],
                labelled: list[tuple[str, int, str]]) -> list[int]:
    """Width of every gap: its vertical tracks, then room for the labels of flows leaving the
    column on its left, and for node labels that move right of a flow leaving at the bottom."""
    width = [max(GAP, TRACK * (t + 1)) for t in tracks]
    for _, u, text in labelled:
        c = rank[u] + 1
        width[c] = max(width[c], TRACK * (tracks[c] + 1) + edge_label_size(text)[0] + CLEAR + 8)
    for i, shape in enumerate(shapes):
        if bottom_used[i] and shape.label:
            c = rank[i]
            width[c + 1] = max(width[c + 1], LABEL_SHIFT + shape.label[0] + 4 - col_w[c] // 2)
    return width
