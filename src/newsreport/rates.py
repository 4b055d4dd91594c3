"""Rates and shares: counts per 1,000 tokens and parts of a whole, 0 where there is nothing to divide by."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def ratio(numerator: ArrayLike, denominator: ArrayLike) -> np.ndarray:
    """numerator / denominator, element by element (broadcast), 0 where the denominator is not positive (a document
    without tokens, a group without hits)."""
    numerator, denominator = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    return np.divide(numerator, denominator, out=np.zeros(np.broadcast(numerator, denominator).shape),
                     where=denominator > 0)


def per_1k(count: ArrayLike, tokens: ArrayLike) -> np.ndarray:
    """Counts per 1,000 tokens, to 4 decimals: every rate of the report; 0 where there is no token."""
    return np.round(ratio(count, tokens) * 1000, 4)
