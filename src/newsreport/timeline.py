"""The mention timeline: mentions per period with their denominators, and the events beside them.

Rates are per 1,000 tokens of the documents published in the period (the analyst's own corpus,
not a global volume); undated documents are left out and counted, never guessed into a period.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from newsreport.bidi import mark
from newsreport.contract import TABLES
from newsreport.dates import iso_date
from newsreport.errors import InputError
from newsreport.labels import plural
from newsreport.rates import per_1k

Period = Literal["year", "quarter", "month"]
TIMELINE_COLUMNS = list(TABLES["mention_timeline.csv"].columns)
FREQ = {"year": "Y", "quarter": "Q", "month": "M"}  # pandas period codes


def span_label(periods: list[str]) -> str:
    """The first and the last of ordered periods as a reader reads a span: "2011–2019", or "2015" alone."""
    return "–".join(dict.fromkeys([periods[0], periods[-1]]))


def period_labels(dates: pd.Series, period: Period) -> pd.Series:
    """"2015", "2015Q4" or "2015-12" for each date (missing dates stay missing)."""
    periods = pd.to_datetime(dates).dt.to_period(FREQ[period])
    return periods.astype("string").where(periods.notna())


def dated(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents that have a date: the only ones a timeline can place."""
    return documents[documents["date"].notna()]


def mention_timeline(
    mentions: pd.DataFrame, documents: pd.DataFrame, *, period: Period = "year"
) -> pd.DataFrame:
    """Per period and entity: mentions, tokens and documents in the period, per_1k, documents mentioning.

    Every entity gets a row for every period that has dated documents (zeros included), so a rate
    of zero is visible rather than missing.
    """
    docs = dated(documents).assign(period=lambda d: period_labels(d["date"], period))
    if docs.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    per_period = docs.groupby("period").agg(tokens=("n_tokens", "sum"), docs=("doc_id", "nunique"))
    names = sorted(pd.unique(mentions["entity"]))
    counted = (
        mentions.assign(period=mentions["doc_id"].map(docs.set_index("doc_id")["period"]))  # undated: no period
        .dropna(subset=["period"])
        .groupby(["period", "entity"])
        .agg(mentions=("mentions", "sum"), docs_mentioning=("doc_id", "nunique"))
    )
    grid = pd.MultiIndex.from_product([per_period.index, names], names=["period", "entity"])
    table = counted.reindex(grid, fill_value=0).reset_index().merge(per_period.reset_index(), on="period")
    table["per_1k"] = per_1k(table["mentions"], table["tokens"])
    table = table[TIMELINE_COLUMNS].astype({"mentions": int, "docs_mentioning": int, "tokens": int, "docs": int})
    return table.sort_values(["period", "entity"], kind="mergesort").reset_index(drop=True)


def period_sizes(timeline: pd.DataFrame) -> pd.DataFrame:
    """Each period of a timeline (``mention_timeline``) with its documents and tokens."""
    return timeline.drop_duplicates("period").set_index("period")[["docs", "tokens"]]


def rates_by_period(timeline: pd.DataFrame, entities: Sequence[str]) -> pd.DataFrame:
    """The timeline of some entities as a reader scans it: one row per period, with its documents and tokens,
    and one column per entity (in the given order) with its mentions per 1,000 tokens."""
    chosen = timeline[timeline["entity"].isin(entities)]
    rates = chosen.pivot(index="period", columns="entity", values="per_1k")
    rates = rates.reindex(columns=[entity for entity in entities if entity in rates.columns])
    table = period_sizes(timeline).join(rates, how="inner").reset_index()
    table.columns.name = None
    return table


def most_mentioned(totals: pd.DataFrame, *, top_n: int = 8, entities: Sequence[str] = ()) -> list[str]:
    """The entities to plot: those named, else the first ``top_n`` of ``totals`` (``mentions.mention_totals``:
    most mentioned first, then the most documents, then by name)."""
    if entities:
        return list(entities)
    return totals["entity"].head(top_n).tolist()


def read_events(path: Path) -> pd.DataFrame:
    """Events to draw on the time axis (date, label); a bad row is an error naming it."""
    if not path.is_file():
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "label": pd.Series(dtype=str)})
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is not None and set(reader.fieldnames) != {"date", "label"}:
            raise InputError(f"{path.name}: its header is {','.join(reader.fieldnames)}; it needs exactly the "
                             "columns date,label")
        rows = list(reader)
    events = []
    for number, row in enumerate(rows, start=2):
        if set(row) != {"date", "label"} or None in row.values():
            raise InputError(f"{path.name} row {number}: needs exactly the columns date,label")
        if (when := iso_date(row["date"])) is None:
            raise InputError(f"{path.name} row {number}, column 'date': '{row['date']}' is not YYYY-MM-DD (1800 to "
                             "2099)")
        events.append((pd.Timestamp(when), row["label"].strip()))
    return pd.DataFrame(events, columns=["date", "label"]).sort_values("date", kind="mergesort").reset_index(drop=True)


def describe_denominators(timeline: pd.DataFrame, documents: pd.DataFrame) -> str:
    """The caption's denominators: documents and tokens per period, and the undated left out."""
    listed = "; ".join(f"{p}: {plural(d, 'document')}, {t:,} tokens" for p, d, t in period_sizes(timeline).itertuples())
    undated = len(documents) - len(dated(documents))
    left_out = {0: "", 1: " The one undated document is left out."}.get(
        undated, f" {undated:,} undated documents are left out.")
    return f"Denominators per period: {listed or 'none'}.{left_out}"


def thin_periods(timeline: pd.DataFrame, *, min_docs: int) -> list[str]:
    """The periods of a timeline with fewer than ``min_docs`` documents: their rates are indicative only (their bars
    are hatched in ``plots.timeline_small_multiples``)."""
    sizes = period_sizes(timeline)
    return sorted(sizes.index[sizes["docs"] < min_docs].astype(str))


def describe_thin_periods(timeline: pd.DataFrame, *, period: Period, min_docs: int) -> str:
    """The caption's clause on hatched bars: periods of fewer than ``min_docs`` documents; "" when there is none."""
    if not thin_periods(timeline, min_docs=min_docs):
        return ""
    return f"; a hatched bar is a {period} of fewer than {plural(min_docs, 'document')}, its rate indicative only"


def describe_timeline_figure(timeline: pd.DataFrame, documents: pd.DataFrame, events: pd.DataFrame, *,
                             entities: Sequence[str], chosen: bool, period: Period, min_docs: int) -> str:
    """The caption of the timeline of ``entities`` (``plots.timeline_small_multiples``; ``chosen`` when they were
    named, not the most mentioned): what a bar is, the hatched ones, the denominators and the events drawn."""
    drawn = timeline[timeline["entity"].isin(entities)]
    which = "the entities chosen for the timeline" if chosen else f"the {len(entities)} most mentioned entities"
    return (f"Mentions per 1,000 tokens by {period} of {which}; each bar spans its {period}, "
            f"from its first to its last day{describe_thin_periods(drawn, period=period, min_docs=min_docs)}. "
            f"{describe_denominators(timeline, documents)} {describe_events(events, timeline=timeline, period=period)}")


def period_spans(periods: Iterable[str], period: Period) -> pd.DataFrame:
    """Each period (label, as ``period_labels`` writes it) with its first and last day: the span its counts
    cover ("2015" -> 2015-01-01 .. 2015-12-31, "2015Q4" -> 2015-10-01 .. 2015-12-31), in time order."""
    index = pd.PeriodIndex(sorted(set(periods)), freq=FREQ[period])
    return pd.DataFrame({
        "period": index.astype(str).tolist(),
        "start": index.start_time,
        "end": index.end_time.normalize(),
    })


def timeline_span(timeline: pd.DataFrame, period: Period) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day the timeline covers: from its first period's first day to its last period's last
    day (None for a timeline without periods)."""
    if timeline.empty:
        return None
    spans = period_spans(timeline["period"].astype(str), period)
    return spans["start"].iloc[0], spans["end"].iloc[-1]


def events_in_span(events: pd.DataFrame, timeline: pd.DataFrame, *, period: Period = "year") -> pd.DataFrame:
    """The events that fall in the timeline's span (``timeline_span``, first and last day included), in date
    order: the ones the figure draws and numbers, and its caption lists."""
    span = timeline_span(timeline, period)
    if span is None:
        return events.iloc[0:0]
    inside = (events["date"] >= span[0]) & (events["date"] <= span[1])
    return events[inside].sort_values("date", kind="mergesort").reset_index(drop=True)


def describe_events(events: pd.DataFrame, *, timeline: pd.DataFrame | None = None, period: Period = "year") -> str:
    """The numbered events of the figure, for its caption.

    With the ``timeline`` (and its ``period``), only the events in its span are listed and numbered, as the
    figure draws them, and the caption says how many fall outside it, or that none falls in it.
    """
    if timeline is None:
        shown, outside, span = events, 0, ""
    else:
        shown = events_in_span(events, timeline, period=period)
        outside = len(events) - len(shown)
        periods = sorted(timeline["period"].astype(str).unique())
        span = span_label(periods) if periods else "no period"
    listed = "; ".join(f"{n} = {d:%Y-%m-%d} {mark(label)}"
                       for n, (d, label) in enumerate(shown[["date", "label"]].itertuples(index=False), 1))
    if listed:
        left = (f" {outside:,} {'event falls' if outside == 1 else 'events fall'} outside {span} and "
                f"{'is' if outside == 1 else 'are'} not drawn." if outside else "")
        return f"Dashed lines: {listed}.{left}"
    if outside == 1:
        return f"The one event of the events file falls outside {span}: it is not drawn."
    if outside:
        return f"None of the {outside:,} events of the events file falls in {span}: no event is drawn."
    return ""
