"""Rates and shares: one division for every rate and share of the report, zero where there is nothing to divide."""

import numpy as np

from newsreport.rates import per_1k, ratio


def test_ratio_is_zero_where_there_is_nothing_to_divide_by():
    assert ratio([1, 2, 3], [2, 0, 4]).tolist() == [0.5, 0.0, 0.75]
    assert ratio(np.array([[1, 3], [0, 0]]), np.array([[4], [0]])).tolist() == [[0.25, 0.75], [0.0, 0.0]]


def test_per_1k_is_per_thousand_tokens_to_four_decimals():
    assert per_1k([3, 1, 5], [7000, 0, 1000]).tolist() == [0.4286, 0.0, 5.0]
