import pandas as pd

from newsreport.tables import write_table


def test_floats_are_written_to_six_significant_digits_and_missing_ones_left_empty(tmp_path):
    intervals = pd.DataFrame({"group": ["2015", "2016", "2017"], "theme": ["Terrorism"] * 3,
                              "share": [1 / 3, 0.25, 2 / 3],
                              "low": pd.array([0.123456789, None, 0.5], dtype="Float64"),  # nullable, as Arrow gives
                              "high": [0.987654321, float("nan"), 1.0]})
    path = write_table(intervals, "theme_intervals.csv", tmp_path)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "group,theme,share,low,high",
        "2015,Terrorism,0.333333,0.123457,0.987654",
        "2016,Terrorism,0.25,,",
        "2017,Terrorism,0.666667,0.5,1",
    ]
