"""Order of the vertical segments in a gap: overlapping jogs are put where their lines don't cross."""
from __future__ import annotations

from oir_bpmn.layout.tracks import cost, order_tracks


def crossings(spans, ends, track) -> int:
    """Crossings of the lines of jogs drawn at x = track (lines at their ends going left or right)."""
    count = 0
    for a, (lo, hi) in enumerate(spans):
        for b, lines in enumerate(ends):
            if a != b:
                for y, left in lines:
                    if lo < y < hi and ((left and track[a] < track[b]) or (not left and track[a] > track[b])):
                        count += 1
    return count


def test_jogs_are_ordered_so_their_lines_do_not_cross():
    spans = [(0, 100), (50, 200)]
    ends = [[(0, True), (100, False)], [(50, True), (200, False)]]  # both come from the left, go right
    assert cost(0, 1, spans, ends) == 2 and cost(1, 0, spans, ends) == 0
    track, count = order_tracks(spans, ends)
    assert count == 2 and track == [1, 0]
    assert crossings(spans, ends, track) == 0


def test_disjoint_jogs_share_a_track_and_the_order_needs_no_more_tracks_than_overlaps():
    spans = [(0, 40), (50, 90), (20, 70)]
    ends = [[(0, True), (40, False)], [(50, True), (90, False)], [(20, True), (70, False)]]
    track, count = order_tracks(spans, ends)
    assert track[0] == track[1] != track[2] and count == 2
    assert crossings(spans, ends, track) == min(
        crossings(spans, ends, t) for t in ([0, 0, 1], [1, 1, 0]))


def test_a_jog_ending_where_another_starts_goes_right_of_it_so_their_lines_do_not_overlap():
    # a comes from the left at 0 and goes right at 100, where b comes from the left: with a left
    # of b, a's line going right and b's line coming in would run on top of each other at y = 100
    spans = [(0, 100), (100, 200)]
    ends = [[(0, True), (100, False)], [(100, True), (200, False)]]
    assert cost(0, 1, spans, ends) == cost(1, 0, spans, ends) == 0  # no crossing either way
    track, count = order_tracks(spans, ends)
    assert count == 2 and track[1] < track[0]
