from pathlib import Path

import pandas as pd
import pytest

from newsreport.errors import InputError
from newsreport.timeline import (
    describe_denominators,
    mention_timeline,
    most_mentioned,
    period_labels,
    read_events,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def documents():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "u"],
        "date": pd.to_datetime(["2015-03-01", "2015-11-02", "2018-01-01", None]),
        "n_tokens": [100, 300, 500, 50],
    })


@pytest.fixture
def counts(documents):
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "u"], "date": documents["date"], "entity": ["X", "X", "Y", "X"],
        "entity_type": "organisation", "mentions": [2, 1, 4, 9],
    })


def test_rates_use_the_periods_own_tokens_and_state_denominators(counts, documents):
    table = mention_timeline(counts, documents, period="year").set_index(["period", "entity"])
    assert table.loc[("2015", "X")].to_dict() == {
        "mentions": 3, "tokens": 400, "per_1k": 7.5, "docs_mentioning": 2, "docs": 2}
    assert table.loc[("2018", "Y"), "per_1k"] == 8.0
    assert table.loc[("2018", "X"), "mentions"] == 0  # zero rows are present, not missing


def test_undated_documents_are_left_out_and_counted(counts, documents):
    table = mention_timeline(counts, documents)
    assert table["mentions"].sum() == 2 + 1 + 4  # the 9 undated mentions are not placed anywhere
    assert describe_denominators(table, documents).endswith("1 undated documents are left out.")


def test_quarter_and_month_periods(documents):
    assert period_labels(documents["date"], "quarter").tolist()[:3] == ["2015Q1", "2015Q4", "2018Q1"]
    assert period_labels(documents["date"], "month").tolist()[:3] == ["2015-03", "2015-11", "2018-01"]
    assert pd.isna(period_labels(documents["date"], "year").iloc[3])


def test_entities_to_plot_are_named_or_the_most_mentioned(counts):
    assert most_mentioned(counts, top_n=1) == ["X"]
    assert most_mentioned(counts, top_n=1, entities=["Y"]) == ["Y"]


def test_events_file_and_its_errors(tmp_path):
    events = read_events(ROOT / "data" / "events.csv")
    assert events["date"].min() == pd.Timestamp("2014-09-24") and len(events) >= 5
    bad = tmp_path / "events.csv"
    bad.write_text("date,label\n2015-13-01,oops\n")
    with pytest.raises(InputError, match="events.csv row 2, column 'date'"):
        read_events(bad)
    assert read_events(tmp_path / "none.csv").empty
