from pathlib import Path

import pandas as pd
import pytest

from newsreport.bidi import unmark
from newsreport.errors import InputError
from newsreport.mentions import mention_totals
from newsreport.timeline import (
    describe_denominators,
    describe_events,
    describe_thin_periods,
    describe_timeline_figure,
    events_in_span,
    mention_timeline,
    most_mentioned,
    period_labels,
    period_spans,
    rates_by_period,
    read_events,
    thin_periods,
    timeline_span,
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


def test_the_shown_timeline_has_a_row_per_period_and_a_column_per_entity(counts, documents):
    shown = rates_by_period(mention_timeline(counts, documents, period="year"), ["Y", "X"])
    assert shown.columns.tolist() == ["period", "docs", "tokens", "Y", "X"]
    assert shown.values.tolist() == [["2015", 2, 400, 0.0, 7.5], ["2018", 1, 500, 8.0, 0.0]]


def test_undated_documents_are_left_out_and_counted(counts, documents):
    table = mention_timeline(counts, documents)
    assert table["mentions"].sum() == 2 + 1 + 4  # the 9 undated mentions are not placed anywhere
    assert describe_denominators(table, documents).endswith(
        "2018: 1 document, 500 tokens. The one undated document is left out.")


def test_periods_of_too_few_documents_are_thin_and_the_caption_says_so_only_when_there_is_one(counts, documents):
    table = mention_timeline(counts, documents, period="year")  # 2015: 2 documents, 2018: 1
    assert thin_periods(table, min_docs=2) == ["2018"] and thin_periods(table, min_docs=1) == []
    assert describe_thin_periods(table, period="year", min_docs=1) == ""
    assert describe_thin_periods(table, period="year", min_docs=2) == (
        "; a hatched bar is a year of fewer than 2 documents, its rate indicative only")
    no_events = pd.DataFrame(columns=["date", "label"])
    caption = describe_timeline_figure(table, documents, no_events, entities=["X", "Y"], chosen=False, period="year",
                                       min_docs=3)
    assert caption.startswith("Mentions per 1,000 tokens by year of the 2 most mentioned entities; each bar spans its "
                              "year, from its first to its last day; a hatched bar is a year of fewer than 3 documents")
    assert describe_timeline_figure(table, documents, no_events, entities=["Y"], chosen=True, period="year",
                                    min_docs=3).startswith("Mentions per 1,000 tokens by year of the entities chosen")
    assert "Denominators per period: 2015: 2 documents, 400 tokens; 2018: 1 document, 500 tokens." in caption


def test_quarter_and_month_periods(documents):
    assert period_labels(documents["date"], "quarter").tolist()[:3] == ["2015Q1", "2015Q4", "2018Q1"]
    assert period_labels(documents["date"], "month").tolist()[:3] == ["2015-03", "2015-11", "2018-01"]
    assert pd.isna(period_labels(documents["date"], "year").iloc[3])


def test_entities_to_plot_are_named_or_the_most_mentioned(counts, documents):
    totals = mention_totals(counts.assign(entity_type="org"), documents)
    assert most_mentioned(totals, top_n=1) == ["X"]
    assert most_mentioned(totals, top_n=1, entities=["Y"]) == ["Y"]


def test_of_two_entities_as_often_mentioned_the_one_in_more_documents_comes_first(documents):
    ids = documents["doc_id"].tolist()
    counts = pd.DataFrame({"doc_id": [ids[0], ids[0], ids[1], ids[2]], "entity": ["Qatar", "Syria", "Syria", "Syria"],
                           "entity_type": "country", "mentions": [6, 2, 2, 2]})
    totals = mention_totals(counts, documents)
    assert totals[["entity", "mentions", "documents"]].values.tolist() == [["Syria", 6, 3], ["Qatar", 6, 1]]
    assert most_mentioned(totals, top_n=1) == ["Syria"]


def test_events_file_and_its_errors(tmp_path):
    events = read_events(ROOT / "data" / "events.csv")
    assert events["date"].min() == pd.Timestamp("2014-09-24") and len(events) >= 5
    bad = tmp_path / "events.csv"
    bad.write_text("date,label\n2015-13-01,oops\n")
    with pytest.raises(InputError, match="events.csv row 2, column 'date'"):
        read_events(bad)
    assert read_events(tmp_path / "none.csv").empty


def test_period_spans_cover_each_period_from_its_first_to_its_last_day():
    spans = period_spans(["2015", "2011"], "year").set_index("period")
    assert list(spans.index) == ["2011", "2015"]  # in time order
    assert (spans.loc["2015", "start"], spans.loc["2015", "end"]) == (pd.Timestamp("2015-01-01"),
                                                                     pd.Timestamp("2015-12-31"))
    article, event = pd.Timestamp("2015-12-03"), pd.Timestamp("2015-11-24")
    assert spans.loc["2015", "start"] <= article <= spans.loc["2015", "end"]
    assert spans.loc["2015", "end"] > event  # the span of the December article ends after the November event
    quarters = period_spans(["2015Q4"], "quarter").iloc[0]
    assert (quarters["start"], quarters["end"]) == (pd.Timestamp("2015-10-01"), pd.Timestamp("2015-12-31"))
    month = period_spans(period_labels(pd.Series([article]), "month"), "month").iloc[0]
    assert (month["start"], month["end"]) == (pd.Timestamp("2015-12-01"), pd.Timestamp("2015-12-31"))
    assert month["start"] > event  # by month, the article's span begins after the event


def test_only_events_in_the_timelines_span_are_drawn_and_listed(counts, documents):
    table = mention_timeline(counts, documents)  # 2015 and 2018
    events = pd.DataFrame({"date": pd.to_datetime(["2014-12-31", "2015-01-01", "2018-12-31", "2019-01-01"]),
                           "label": ["before", "first day", "last day", "after"]})
    assert events_in_span(events, table)["label"].tolist() == ["first day", "last day"]
    assert timeline_span(table, "year") == (pd.Timestamp("2015-01-01"), pd.Timestamp("2018-12-31"))
    caption = describe_events(events, timeline=table)
    assert unmark(caption) == ("Dashed lines: 1 = 2015-01-01 first day; 2 = 2018-12-31 last day. "
                               "2 events fall outside 2015–2018 and are not drawn.")
    outside = events[events["label"].isin(["before", "after"])]
    assert describe_events(outside, timeline=table) == (
        "None of the 2 events of the events file falls in 2015–2018: no event is drawn.")
    assert describe_events(outside.head(1), timeline=table) == (
        "The one event of the events file falls outside 2015–2018: it is not drawn.")
    assert describe_events(events.iloc[0:0], timeline=table) == ""
    assert describe_events(events).startswith("Dashed lines: 1 = 2014-12-31")  # without a timeline: every event
    assert events_in_span(events, table.iloc[0:0]).empty
