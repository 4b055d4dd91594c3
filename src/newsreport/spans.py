"""Spans in a text, sorted by where they start, in groups of overlapping ones: most spans overlap none, and only a
group of several needs its spans looked at one by one (which of them is kept)."""

from __future__ import annotations

import numpy as np


def overlapping_groups(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Where each group of overlapping spans (sorted by start) begins, then past the last span: a group ends before a
    span that starts at or past the end of every span before it."""
    if not len(starts):
        return np.zeros(1, dtype=np.int64)
    reach = np.maximum.accumulate(ends)
    return np.flatnonzero(np.concatenate([[True], starts[1:] >= reach[:-1], [True]]))
