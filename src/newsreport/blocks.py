"""The report's building blocks as HTML: captioned tables and figures, notes, sentences and findings.

A table or a figure has a ``name``, unique in the report: its element is ``table-<name>`` or
``figure-<name>``, and a sentence cites it as ``[[table:<name>]]`` (``findings.cite``). The notebook shows
the name; the report (``render.number``) numbers tables and figures in reading order and writes "Table 4"
in every caption and citation. Corpus text is always escaped, and read in its own direction (``bidi``).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from newsreport import bidi
from newsreport.labels import sentence_label

MAX_ROWS = 20  # a longer table is cut to its top rows (per group when cut ``per`` a column); the CSV has all

#: What a column means wherever it is shown; a table may say it more precisely (``explain``).
COLUMNS = {
    "n": "words in the term",
    "count": "occurrences",
    "doc_count": "documents in which the term occurs",
    "per_1k": "occurrences per 1,000 tokens of the documents counted",
    "share": "the theme's part of all theme hits",
    "indicative": "yes when too few documents stand behind the row to compare it",
    "start": "where the match begins in the document's text (characters)",
    "end": "where it ends",
    "docs": "documents",
    "tokens": "word tokens of those documents",
    "hits": "dictionary matches",
}

_CITATION = re.compile(r"\[\[(table|figure):([\w.-]+)\]\]")


def text(sentence: str) -> str:
    """``sentence`` as HTML: escaped, marked corpus text isolated (``bidi.to_html``), citations as links."""
    return _CITATION.sub(lambda m: f'<a class="ref" href="#{m.group(1)}-{m.group(2)}">{m.group(1)} {m.group(2)}</a>',
                         bidi.to_html(sentence))


def table(
    frame: pd.DataFrame, *, name: str, caption: str, csv: Path | None = None, max_rows: int = MAX_ROWS,
    per: str | None = None, columns: list[str] | None = None, explain: Mapping[str, str] | None = None,
    empty: str | None = "No rows.", summed: bool = False,
) -> str:
    """A table for reading: its top ``max_rows`` rows (of each ``per`` group: each language keeps its rows),
    the ``columns`` given, numbers to four significant digits, missing values as "–", the caption with what
    its coded columns mean, and the CSV that has every row (or, ``summed``, whose rows add up to them); a table
    without rows is its caption and ``empty``, or nothing at all when ``empty`` is None (a table that would only
    repeat what the report already says)."""
    source = f"each row adds up rows of {relative(csv)}" if summed else f"Table file: {relative(csv)}"
    if frame.empty:
        if empty is None:
            return ""
        return _table_block(name, caption + (f" {source[0].upper()}{source[1:]}." if csv else ""),
                            f'<p class="note">{text(empty)}</p>')
    shown = frame.groupby(per, sort=False).head(max_rows) if per else frame.head(max_rows)
    shown = shown[columns or list(frame.columns)]
    if len(shown) < len(frame):
        first = (f"the first {max_rows} rows of each {per} ({len(shown):,} of {len(frame):,} rows)" if per
                 else f"the first {max_rows} of {len(frame):,} rows")
        where = "" if csv is None else f"; {source}" if summed else f"; all rows are in {relative(csv)}"
        caption += f" Showing {first}{where}."
    elif csv is not None:
        caption += f" {source[0].upper()}{source[1:]}."
    meanings = {**COLUMNS, **(explain or {})}
    if explained := [f"{c}, {meanings[c]}" for c in map(str, shown.columns) if c in meanings]:
        caption += " Columns: " + "; ".join(explained) + "."
    if any(bidi.kwic_rtl_rows(shown)):
        caption += (" Right-to-left rows read from right to left: the text before the match is in the right-hand "
                    "context column, the text after it in the left-hand one (in the table file, left always holds "
                    "the text before the match and right the text after it).")
    shown = shown.assign(**{str(c): shown[c].map(YES_NO) for c in shown.columns if _is_boolean(shown[c])})
    text_columns = [c for c in shown.columns if shown[c].dtype.kind not in "biufcmM"]  # text, or mixed
    shown = shown.astype({c: object for c in text_columns}).fillna({c: "–" for c in text_columns})
    if "document" in shown.columns:  # labels (``labels.with_documents``): an Arabic title in its own direction
        shown = shown.assign(document=shown["document"].map(lambda label: sentence_label(str(label))))
    shown = shown.rename(columns=lambda c: str(c).replace("_", "_\u200b"))  # long headers may wrap
    body = bidi.table_html(shown, index=False, border=0, na_rep="–", classes="data",
                           float_format=lambda x: f"{x:.4g}")
    return _table_block(name, caption, body)


YES_NO = {True: "yes", False: "no"}  # a flag as the captions explain it ("indicative: yes when ...")


def _is_boolean(column: pd.Series) -> bool:
    return column.dtype.kind == "b" or (column.dtype == object and column.dropna().map(type).eq(bool).all()
                                        and column.notna().any())


def _table_block(name: str, caption: str, body: str) -> str:
    return (f'<div class="table" id="table-{html.escape(name)}"><p class="table-caption">'
            f'<b class="label">Table</b> {text(caption)}</p>{body}</div>')


def figure(svg: bytes, name: str, *, caption: str, alt: str, files: str) -> str:
    """A vector figure with its alt text (what it shows, read from its data), its caption and its files."""
    data = base64.b64encode(svg).decode("ascii")
    return (f'<figure class="figure" id="figure-{html.escape(name)}">'
            f'<img alt="{html.escape(bidi.unmark(alt))}" src="data:image/svg+xml;base64,{data}"/>'
            f'<figcaption><b class="label">Figure</b> {text(caption)} ({html.escape(files)})</figcaption></figure>')


def note(sentence: str) -> str:
    """A short highlighted note (e.g. "no terms to show"); nothing when empty."""
    return f'<p class="note">{text(sentence)}</p>' if sentence else ""


def paragraph(sentence: str) -> str:
    """A sentence of reading as a paragraph; nothing when empty (a sentence that would say nothing)."""
    return f"<p>{text(sentence)}</p>" if sentence else ""


def findings(sentences: list[str]) -> str:
    """A chapter's closing findings; the report's summary collects them (``render.chapter_findings``)."""
    if not sentences:
        return ""
    items = "".join(f"<li>{text(s)}</li>" for s in sentences)
    return f'<h2 id="findings">Findings</h2><ul class="findings">{items}</ul>'


def anchored(markup: str, *, prefix: str = "") -> str:
    """HTML whose headings get an id made from their text: "Corpus overview" -> ``prefix`` + "corpus-overview"."""
    def heading(match: re.Match) -> str:
        level, inner = match.groups()
        return f'<h{level} id="{prefix}{slug(re.sub("<[^>]+>", "", inner))}">{inner}</h{level}>'

    return re.sub(r"<h([1-6])>(.*?)</h\1>", heading, markup, flags=re.S)


def slug(text: str) -> str:
    """Text as an id: lower case, words joined by hyphens."""
    return re.sub(r"[^\w]+", "-", html.unescape(text).lower()).strip("-")


def relative(path: Path | None) -> str:
    """A table file as the reader finds it: from ``report/`` on."""
    if path is None:
        return ""
    parts = path.parts
    return "/".join(parts[parts.index("report"):]) if "report" in parts else path.name
