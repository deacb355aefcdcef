"""Flows between lanes: where they step and in which order they enter a lane (layout.grid)."""
from __future__ import annotations

from oir_bpmn.layout import layout
from oir_bpmn.layout.metrics import crossings

from test_layout import assert_clean, graph


def test_flows_from_another_lane_enter_in_the_order_of_their_sources():
    # y is created before x, but x's source p lies above y's source q: x must enter above y
    G = graph({"P": ["A", "B"]},
              [("s", "s", "P", "A"), ("f", "p", "P", "A"), ("y", "t", "P", "B"), ("x", "t", "P", "B"),
               ("p", "t", "P", "A"), ("q", "t", "P", "A"), ("j", "p", "P", "B"), ("e", "e", "P", "B")],
              [("s", "f"), ("f", "p"), ("f", "q"), ("p", "x"), ("q", "y"), ("x", "j"), ("y", "j"), ("j", "e")])
    lay = layout(G)
    assert_clean(G, lay)
    assert lay.nodes["p"].cy < lay.nodes["q"].cy
    assert lay.nodes["x"].cy < lay.nodes["y"].cy
    assert crossings(lay, G) == 0


def test_long_flow_steps_across_a_lane_where_no_line_runs_through_it():
    # a1 (lane A) -> j (lane C) spans four gaps; lane B between has lines in the last three only
    steps = [("s", "s", "P", "A"), ("f", "p", "P", "A"), ("a1", "t", "P", "A"),
             ("c1", "t", "P", "C"), ("c2", "t", "P", "C"), ("c3", "t", "P", "C"), ("c4", "t", "P", "C"),
             ("j", "p", "P", "C"), ("e", "e", "P", "C"),
             ("b1", "t", "P", "B"), ("b2", "t", "P", "B"), ("b3", "t", "P", "B"), ("eb", "e", "P", "B")]
    flows = [("s", "f"), ("f", "a1"), ("f", "c1"), ("c1", "c2"), ("c2", "c3"), ("c3", "c4"), ("c4", "j"),
             ("a1", "j"), ("j", "e"), ("c1", "b1"), ("b1", "b2"), ("b2", "b3"), ("b3", "eb")]
    G = graph({"P": ["A", "B", "C"]}, steps, flows)
    lay = layout(G)
    assert_clean(G, lay)
    assert crossings(lay, G) == 0
    route = lay.edges[next(d["id"] for u, v, d in G.edges(data=True) if (u, v) == ("a1", "j"))]
    lane_b = lay.lanes["B"]
    step_x = next(x0 for (x0, y0), (x1, y1) in zip(route, route[1:]) if x0 == x1 and y0 < lane_b.y < y1)
    assert step_x < lay.nodes["b1"].x  # it steps before lane B's line starts


def rows_after(n, band, rank, forward, loops=()):
    from oir_bpmn.layout.grid import assign_rows, build_grid
    from oir_bpmn.layout.order import reorder
    grid = build_grid(n, band, rank, forward, n_bands=max(band) + 1)
    assign_rows(grid, max(band) + 1)
    reorder(grid, max(band) + 1, loops)
    return grid


def test_reorder_uncrosses_links_between_two_columns():
    # a, b in column 0 (rows 0, 1 by creation), c, d in column 1; a -> d, b -> c cross unless swapped
    grid = rows_after(4, [0, 0, 0, 0], [0, 0, 1, 1], [(0, 0, 3), (1, 1, 2)])
    a, b, c, d = grid.row[:4]
    assert (a < b) == (d < c)
    assert a == d and b == c  # each link stays on one row


def test_reorder_puts_the_branch_that_loops_back_by_its_corridor():
    # s -> p, s -> q, p -> j, q -> j; q loops back to s in the corridor above the band, so q goes
    # above p (created first), or its line up would cross p's
    grid = rows_after(4, [0, 0, 0, 0], [0, 1, 1, 2], [(0, 0, 1), (1, 0, 2), (2, 1, 3), (3, 2, 3)],
                      loops=[(2, 0, False)])
    assert grid.row[2] < grid.row[1]
    assert grid.row[0] == grid.row[3] == grid.row[2]  # the main line stays straight


def test_reorder_never_moves_an_item_out_of_its_band():
    # x (band 1) is fed from a in band 0 and would sort above b by its neighbour, but stays in band 1
    grid = rows_after(5, [0, 0, 1, 0, 1], [0, 0, 1, 1, 1], [(0, 0, 2), (1, 1, 3), (2, 0, 4)])
    assert grid.band[:5] == [0, 0, 1, 0, 1]
    assert grid.n_rows[1] == 2 and sorted(grid.row[i] for i in (2, 4)) == [0, 1]


def test_a_step_with_slack_moves_right_to_change_lanes_where_no_line_runs():
    # a1 (lane A) -> v (lane C) could change lanes right away, across b1 -> b2 in lane B, but v's
    # successor j lies three columns on: v moves right, past the end of lane B's line
    steps = [("s", "s", "P", "A"), ("f", "p", "P", "A"), ("a1", "t", "P", "A"), ("v", "t", "P", "C"),
             ("b1", "t", "P", "B"), ("b2", "t", "P", "B"), ("eb", "e", "P", "B"),
             ("x1", "t", "P", "A"), ("x2", "t", "P", "A"), ("x3", "t", "P", "A"), ("x4", "t", "P", "A"),
             ("j", "p", "P", "C"), ("e", "e", "P", "C")]
    flows = [("s", "f"), ("f", "a1"), ("a1", "v"), ("v", "j"), ("f", "b1"), ("b1", "b2"), ("b2", "eb"),
             ("f", "x1"), ("x1", "x2"), ("x2", "x3"), ("x3", "x4"), ("x4", "j"), ("j", "e")]
    G = graph({"P": ["A", "B", "C"]}, steps, flows)
    lay = layout(G)
    assert_clean(G, lay)
    assert crossings(lay, G) == 0
    assert lay.nodes["v"].x > lay.nodes["b2"].right

    from oir_bpmn.layout.steps import Counts, plan
    index = {name: i for i, (name, *_) in enumerate(steps)}
    band = [ord(lane) - ord("A") for *_, lane in steps]
    rank = [0, 1, 2, 3, 2, 3, 4, 2, 3, 4, 5, 6, 7]  # longest paths
    forward = [(k, index[u], index[v]) for k, (u, v) in enumerate(flows)]
    moved, step = plan(band, rank, forward, [], 3)
    assert moved[index["v"]] == 5 and step[2] == 5  # a1 -> v steps in the gap left of column 5
    assert [moved[i] for i in range(len(rank)) if i != index["v"]] == [r for i, r in enumerate(rank) if i != index["v"]]
    counts = Counts(3, 9)  # lane B's lines per gap where v stayed: the step in gap 3 would cross one
    for _, u, v in forward:
        counts.add(band[u], band[v], rank[u], rank[v], rank[v])
    assert counts.lines[1][3] == 1 and counts.lines[1][5] == 0


def test_a_short_branchs_block_waits_until_its_long_sibling_has_changed_lanes():
    # branch h hops from lane A to C and back right after the fork f; the other branch's block
    # p -> x1, x2, x3 -> q (three parallel lines in lane B) would lie under both hops, each crossing
    # all three (6); no node of the block can move alone, but the block as one moves right of the
    # hops, where only the single line f -> p is crossed (2, the least: h crosses f's branch twice)
    steps = [("s", "s", "P", "B"), ("f", "p", "P", "B"),
             ("h1", "t", "P", "A"), ("h2", "t", "P", "C"), ("h3", "t", "P", "A"), ("h4", "t", "P", "A"),
             ("h5", "t", "P", "A"), ("h6", "t", "P", "A"),
             ("p", "p", "P", "B"), ("x1", "t", "P", "B"), ("x2", "t", "P", "B"), ("x3", "t", "P", "B"),
             ("q", "p", "P", "B"), ("j", "p", "P", "B"), ("e", "e", "P", "B")]
    flows = [("s", "f"), ("f", "h1"), ("h1", "h2"), ("h2", "h3"), ("h3", "h4"), ("h4", "h5"), ("h5", "h6"),
             ("h6", "j"), ("f", "p"), ("p", "x1"), ("p", "x2"), ("p", "x3"), ("x1", "q"), ("x2", "q"), ("x3", "q"),
             ("q", "j"), ("j", "e")]
    G = graph({"P": ["A", "B", "C"]}, steps, flows)
    lay = layout(G)
    assert_clean(G, lay)
    assert crossings(lay, G) == 2
    assert lay.nodes["p"].x > lay.nodes["h3"].x  # the block starts after the hop back to lane A
    assert lay.nodes["x1"].x == lay.nodes["x2"].x == lay.nodes["x3"].x and lay.nodes["q"].right < lay.nodes["j"].x

    from oir_bpmn.layout.steps import plan
    index = {name: i for i, (name, *_) in enumerate(steps)}
    band = [ord(lane) - ord("A") for *_, lane in steps]
    rank = [0, 1, 2, 3, 4, 5, 6, 7, 2, 3, 3, 3, 4, 8, 9]  # longest paths
    forward = [(k, index[u], index[v]) for k, (u, v) in enumerate(flows)]
    moved, _ = plan(band, rank, forward, [], 3)
    block = [index[name] for name in ("p", "x1", "x2", "x3", "q")]
    shift = {moved[i] - rank[i] for i in block}
    assert len(shift) == 1 and shift.pop() >= 2  # the block moved as one, past both hops
    assert all(moved[i] == rank[i] for i in range(len(rank)) if i not in block)


def test_the_reorder_count_is_every_pair_of_links_in_opposite_order():
    import random
    from oir_bpmn.layout.order import _count
    rng = random.Random(5)
    for _ in range(30):
        columns = [list(range(start, start + rng.randint(1, 7))) for start in range(0, 80, 8)]
        pos = [0.0] * 80
        for items in columns:
            for i, item in enumerate(items):
                pos[item] = i
        preds = [[] for _ in range(80)]
        for c in range(1, len(columns)):
            for item in columns[c]:
                preds[item] = rng.sample(columns[c - 1], rng.randint(0, len(columns[c - 1])))
        exits = [[] for _ in range(len(columns) + 1)]
        for c in range(len(columns)):  # loops leaving column c - 1 for a corridor between two rows
            if c and rng.random() < 0.5:
                corridor = len(pos)
                pos.append(rng.randint(0, len(columns[c])) - 0.5)
                exits[c].append((rng.choice(columns[c - 1]), corridor))
        expected = 0
        for c in range(len(columns) + 1):
            links = [(pos[p], pos[item]) for item in (columns[c] if c < len(columns) else []) for p in preds[item]]
            links += [(pos[s], pos[corridor]) for s, corridor in exits[c]]
            expected += sum(1 for a in links for b in links if a[0] < b[0] and a[1] > b[1])
        assert _count(columns, preds, exits, pos) == expected
