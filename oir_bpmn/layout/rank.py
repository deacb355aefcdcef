"""Layout step 1, columns: pick back edges (loops) and rank nodes by longest path.

Nodes are plain ints ``0..n-1`` (the plane's nodes in graph insertion order), so nothing here
depends on hashing strings.
"""
from __future__ import annotations

from collections import deque


def back_edges(n: int, succ: list[list[tuple[int, int]]], roots: list[int], n_edges: int) -> list[bool]:
    """Mark the edges that close a cycle, found by a depth-first search.

    ``succ[u]`` lists ``(edge index, v)`` in insertion order; the search starts from ``roots``
    (start events first), then from every node not reached yet, in index order.
    """
    state = [0] * n  # 0 unseen, 1 on the stack, 2 finished
    back = [False] * n_edges
    for root in roots + list(range(n)):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, 0)]
        while stack:
            u, i = stack[-1]
            out = succ[u]
            if i == len(out):
                state[u] = 2
                stack.pop()
                continue
            stack[-1] = (u, i + 1)
            e, v = out[i]
            if state[v] == 1:
                back[e] = True
            elif state[v] == 0:
                state[v] = 1
                stack.append((v, 0))
    return back


def longest_path(n: int, flows: list[tuple[int, int]], pulls: list[tuple[int, int]]) -> list[int]:
    """Column of every node: longest path over acyclic ``flows`` (each adds one column).

    ``pulls`` (message flows) ask for ``col[v] >= col[u]``; a pull that would close a cycle is
    dropped (the first stuck node in index order gives up its pending pulls).
    """
    out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    need_flow = [0] * n
    need_pull = [0] * n
    for u, v in flows:
        out[u].append((v, 1))
        need_flow[v] += 1
    for u, v in pulls:
        if u != v:
            out[u].append((v, 0))
            need_pull[v] += 1
    rank = [0] * n
    done = [False] * n
    queue = deque(i for i in range(n) if not need_flow[i] and not need_pull[i])
    finished = 0
    while finished < n:
        if not queue:
            stuck = next(i for i in range(n) if not done[i] and not need_flow[i])
            need_pull[stuck] = 0
            queue.append(stuck)
        u = queue.popleft()
        done[u] = True
        finished += 1
        r = rank[u]
        for v, w in out[u]:
            if done[v]:
                continue
            if r + w > rank[v]:
                rank[v] = r + w
            if w:
                need_flow[v] -= 1
            else:
                need_pull[v] -= 1
            if not need_flow[v] and not need_pull[v]:
                queue.append(v)
    return rank
