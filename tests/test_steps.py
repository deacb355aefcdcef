"""Pricing where flows between lanes step (layout.steps): the one-pass prices against direct sums."""
from __future__ import annotations

import random

from oir_bpmn.layout.steps import Counts


def price(counts: Counts, bu: int, bv: int, cu: int, cv: int, c: int, ends: bool) -> int:
    """Cost of a flow from (bu, cu) to (bv, cv) stepping in gap c: 2 per line of a lane passed,
    with ``ends`` 1 per line of the lanes left and entered, 2 per step across its runs."""
    lo, hi = sorted((bu, bv))
    return (2 * sum(counts.lines[m][c] for m in range(lo + 1, hi))
            + (counts.lines[bu][c] + counts.lines[bv][c] if ends else 0)
            + 2 * sum(counts.steps[bu][g] for g in range(cu + 1, c))
            + 2 * sum(counts.steps[bv][g] for g in range(c + 1, cv + 1)))


def direct(counts: Counts, bu: int, bv: int, cu: int, cv: int, ends: bool = True) -> int:
    """Least cost of such a flow over every gap where it may step."""
    if bu == bv:
        return 2 * sum(counts.steps[bu][g] for g in range(cu + 1, cv + 1))
    return min(price(counts, bu, bv, cu, cv, c, ends) for c in range(cu + 1, cv + 1))


def test_prices_of_every_column_match_a_direct_count():
    rng = random.Random(3)
    counts = Counts(4, 14)
    for _ in range(40):  # random flows, stepping anywhere in their span
        bu, bv = rng.randrange(4), rng.randrange(4)
        cu = rng.randrange(10)
        cv = rng.randrange(cu + 1, 13)
        counts.add(bu, bv, cu, cv, rng.randrange(cu + 1, cv + 1))
    for bu in range(4):
        for bv in range(4):
            for cu, lo, hi, cv in ((0, 2, 6, 9), (3, 4, 11, 12), (1, 2, 2, 3)):
                assert counts.entering(bu, bv, cu, lo, hi) == [direct(counts, bu, bv, cu, r) for r in range(lo, hi + 1)]
                assert counts.leaving(bu, bv, cv, lo, hi) == [direct(counts, bu, bv, r, cv) for r in range(lo, hi + 1)]
                assert counts.cost(bu, bv, cu, cv) == direct(counts, bu, bv, cu, cv)
                best = counts.best(bu, bv, cu, cv)
                assert cu < best <= cv
                if bu != bv:  # the chosen gap costs the least (lanes left and entered not counted)
                    assert price(counts, bu, bv, cu, cv, best, False) == direct(counts, bu, bv, cu, cv, False)


def test_counting_a_flow_and_uncounting_it_leaves_nothing():
    counts = Counts(3, 8)
    counts.add(0, 2, 1, 6, 4)
    assert counts.steps[1][4] == 1 and counts.lines[0][2:4] == [1, 1] and counts.lines[2][5:7] == [1, 1]
    counts.add(0, 2, 1, 6, 4, -1)
    assert counts.steps == [[0] * 8] * 3 and counts.lines == [[0] * 8] * 3
