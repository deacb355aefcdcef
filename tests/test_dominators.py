"""The compiler's dominator computation agrees with networkx's on random flow graphs."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from oir_bpmn.gateways import immediate_dominators


@pytest.mark.parametrize("seed", range(30))
def test_same_dominators_as_networkx(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 40)
    G = nx.gnp_random_graph(n, rng.choice((0.05, 0.1, 0.3)), seed=seed, directed=True)
    G.add_edges_from((i, i + 1) for i in range(n - 1) if rng.random() < 0.5)  # longer chains
    succ = {u: list(G.succ[u]) for u in G}
    pred = {u: list(G.pred[u]) for u in G}
    expected = nx.immediate_dominators(G, 0)
    expected.pop(0, None)  # networkx before 3.5 maps the start to itself
    assert immediate_dominators(succ, pred, 0) == expected
