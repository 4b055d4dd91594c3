"""Documents named as a reader knows them: "2015-12-03 · INTERPOL · International security focus of…".

Tables, figures and sentences name documents by these labels; their ``doc_id`` stays in the CSV files.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from newsreport.bidi import has_rtl, mark

LABEL_SEPARATOR = " · "  # between the date, the outlet and the title of a document's label
DOCUMENT_LABEL_CHARACTERS = 64  # a document label is at most this long: its title is shortened to fit
OUTLET_CHARACTERS = 20  # the outlet's part of a document label


def document_labels(documents: pd.DataFrame) -> pd.Series:
    """doc_id -> a short label a reader knows: "2015-12-03 · INTERPOL · International security focus of…".

    The date ("undated" without one), the outlet (its name before any parenthesis or comma, shortened; left
    out when there is none) and the title (the doc_id when there is none), the title shortened between words
    so that the label has at most ``DOCUMENT_LABEL_CHARACTERS`` characters. Labels are unique: documents whose
    labels would be the same are numbered, "… (1)", "… (2)", in the order given. The labels are plain text in
    reading order, for tables as for figures; a figure draws them with ``figure_label``.
    """
    ids = documents["doc_id"].astype(str).tolist()
    dates = documents["date"] if "date" in documents.columns else pd.Series([pd.NaT] * len(ids))
    outlets = documents["outlet"] if "outlet" in documents.columns else pd.Series([None] * len(ids))
    titles = documents["title"] if "title" in documents.columns else pd.Series([None] * len(ids))
    days = pd.to_datetime(pd.Series(dates.to_numpy())).dt.strftime("%Y-%m-%d").fillna("undated")
    short = {}  # outlet -> its short name: a corpus has few outlets
    labels = []
    for doc_id, day, outlet, title in zip(ids, days, outlets, titles, strict=True):
        if outlet not in short:
            short[outlet] = _short_outlet(outlet)
        prefix = f"{day}{LABEL_SEPARATOR}{short[outlet]}{LABEL_SEPARATOR}" if short[outlet] else day + LABEL_SEPARATOR
        text = " ".join(title.split()) if isinstance(title, str) and title.strip() else doc_id
        labels.append(prefix + _shorten(text, max(16, DOCUMENT_LABEL_CHARACTERS - len(prefix))))
    repeated = Counter(labels)
    seen: Counter[str] = Counter()
    unique = []
    for label in labels:
        if repeated[label] > 1:
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        unique.append(label)
    return pd.Series(unique, index=pd.Index(ids, name="doc_id"), name="document")


def plural(n: int, word: str, words: str | None = None) -> str:
    """"1 document", "2 documents", "1,200 documents"."""
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def _short_outlet(outlet: object) -> str:
    """"INTERPOL (news release)" -> "INTERPOL"; "Eurasia Review, republishing Magharebia" -> "Eurasia Review"."""
    if not isinstance(outlet, str) or not outlet.strip():
        return ""
    name = re.split(r"\s+\(|,\s+|\s+[-–—|]\s+", " ".join(outlet.split()), maxsplit=1)[0].strip()
    return _shorten(name or outlet.strip(), OUTLET_CHARACTERS)


def _shorten(text: str, width: int) -> str:
    """``text`` cut between words to at most ``width`` characters, "…" marking the cut (a single longer word is
    cut inside)."""
    if len(text) <= width:
        return text
    kept = text[: width - 1]
    if not text[width - 1].isspace():  # the cut falls inside a word: drop it
        kept = kept.rpartition(" ")[0]
    return (kept.rstrip() or text[: width - 1]) + "…"


def sentence_label(label: str) -> str:
    """A document label (``document_labels``) for a sentence: each piece isolated with ``bidi.mark`` where it
    reads right to left (an Arabic title), so that the date and outlet keep their places around it."""
    return LABEL_SEPARATOR.join(mark(p) if has_rtl(p) else p for p in label.split(LABEL_SEPARATOR))


def first_and_last_day(dates: pd.Series) -> tuple[str, str] | None:
    """The first and the last of some dates as a reader reads them ("4 October 2011"); None when none is known."""
    dated = pd.to_datetime(dates).dropna()
    if dated.empty:
        return None
    return tuple(f"{day.day} {day:%B %Y}" for day in (dated.min(), dated.max()))


def date_order(documents: pd.DataFrame) -> pd.Series:
    """Each document's place in date order, undated last, then by doc_id: doc_id -> 0, 1, 2, ..."""
    dated = documents[["doc_id"]].assign(_date=pd.to_datetime(documents["date"]).to_numpy())
    ordered = dated.sort_values(["_date", "doc_id"], kind="mergesort", na_position="last")["doc_id"]
    return pd.Series(range(len(ordered)), index=ordered.to_numpy(), dtype="int64")


def in_date_order(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` (a ``doc_id`` column) in the order of its documents' dates (``date_order``); a
    document's rows keep their order. The order of the figures, for a table beside them."""
    order = table.assign(_place=table["doc_id"].map(date_order(documents)).to_numpy())
    order = order.sort_values(["_place", "doc_id"], kind="mergesort", na_position="last")
    return order.drop(columns="_place").reset_index(drop=True)


def with_documents(table: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """``table`` for reading: its ``doc_id`` column replaced, in place, by the documents' labels ("document";
    an id without a label, like the corpus-wide rows of the data-quality table, stays as it is)."""
    if "doc_id" not in table.columns:
        return table
    named = table["doc_id"].map(labels).fillna(table["doc_id"])
    return table.assign(doc_id=named).rename(columns={"doc_id": "document"})
