"""Spans grouped where they overlap: what the matcher's longest-match rule and the compounds' left-to-right walk."""

import numpy as np

from newsreport.spans import overlapping_groups


def test_a_group_ends_where_a_span_starts_past_every_end_before_it():
    starts, ends = np.array([0, 1, 3, 4, 7, 9]), np.array([3, 2, 5, 6, 8, 12])
    assert overlapping_groups(starts, ends).tolist() == [0, 2, 4, 5, 6]  # (0-3, 1-2), (3-5, 4-6), (7-8), (9-12)
    assert overlapping_groups(np.array([0, 1, 2]), np.array([10, 2, 3])).tolist() == [0, 3]  # all inside the first
    assert overlapping_groups(np.zeros(0, np.int64), np.zeros(0, np.int64)).tolist() == [0]
