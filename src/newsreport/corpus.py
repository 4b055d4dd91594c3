"""The corpus: articles (a folder's files, a table file's records, a web archive's pages) read, decoded, cleaned
and described, one row per document.

``load_corpus`` returns the corpus table of the output contract together with the data-quality
table (what was removed, skipped, undated, disputed) and the removed lines themselves; ``save_corpus`` stores
them (``corpus_table`` keeps the table in partitions).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

import pandas as pd

from newsreport.archives import is_archive
from newsreport.article import HEADER_RULES, Article, parse_article, same_text
from newsreport.contract import CORPUS_COLUMNS, TABLE_FILE, TABLES
from newsreport.corpus_table import write_corpus_table
from newsreport.dates import iso_date
from newsreport.decoding import declared_charset, decode_bytes
from newsreport.engine import EngineOptions
from newsreport.errors import InputError
from newsreport.groups import UNKNOWN, document_groups
from newsreport.language import identify_language
from newsreport.markup import markdown_to_text
from newsreport.sources import METADATA_FILE, Item, LoadOptions, documents_of
from newsreport.tables import write_tables
from newsreport.tokens import count_tokens
from newsreport.webpage import Page, read_page

T = TypeVar("T")
QUALITY_COLUMNS = list(TABLES["data_quality.csv"].columns)
REMOVED_COLUMNS = list(TABLES["removed_lines.csv"].columns)


@dataclass
class LoadedCorpus:
    documents: pd.DataFrame  # the corpus table (output contract)
    quality: pd.DataFrame  # doc_id, check, detail
    removed: pd.DataFrame  # doc_id, line, rule, text


def load_corpus(
    source: Path,
    *,
    metadata: Path | None = None,
    options: LoadOptions = LoadOptions(),  # noqa: B008 (a frozen value)
    engine: EngineOptions = EngineOptions(),  # noqa: B008 (a frozen value)
) -> LoadedCorpus:
    """Read every article of ``source`` (a folder of files and web archives, a CSV/JSONL/Parquet file, or a web
    archive) into the corpus table; ``metadata`` (or the table's own columns) complements what is read from the
    text."""
    items, listed = documents_of(source, metadata=metadata, options=options)
    # Partitions are read as the workers take them: a large table file is never held whole in memory.
    parts = engine.map(partial(read_items, options=options), _batched(items, engine.partition_size),
                       label="documents loaded")
    quality = listed + [q for part in parts for q in part.quality]  # listed: filled as the documents were read
    if not any(len(part.documents) for part in parts):
        read = sum(part.read for part in parts)
        skipped = f" ({read} skipped: see reasons above)" if read else ""
        reasons = "; ".join(q["detail"] for q in quality[:5])
        what = ("add .txt, .md or .html files with text" if source.is_dir() else
                "it holds no whole HTML page fetched with status 200" if is_archive(source) else
                "give its rows their article's text")
        raise InputError(f"no readable article in {source}{skipped}{': ' + reasons if reasons else ''}; {what}")
    documents = pd.concat([part.documents for part in parts if len(part.documents)], ignore_index=True)
    documents = _flag_duplicates(documents, quality)
    if unknown := int(document_groups(documents, by="outlet").eq(UNKNOWN).sum()):
        how = ("the pages do not name their site" if is_archive(source) else
               f"give one in the outlet column of {METADATA_FILE if source.is_dir() else source.name}")
        quality.append(_quality("", "outlet unknown", f"{unknown:,} of {len(documents):,} documents name no outlet "
                                f"({how}); they are shown as unknown"))
    documents["date"] = pd.to_datetime(documents["date"])
    extra = [c for c in documents.columns if c not in CORPUS_COLUMNS and not c.startswith("_")]
    documents = documents[[*CORPUS_COLUMNS, *extra]].sort_values("doc_id", kind="mergesort")
    return LoadedCorpus(
        documents=documents.reset_index(drop=True),
        quality=pd.DataFrame(quality, columns=QUALITY_COLUMNS)
        .sort_values(QUALITY_COLUMNS, kind="mergesort").reset_index(drop=True),
        removed=pd.DataFrame([r for part in parts for r in part.removed], columns=REMOVED_COLUMNS),
    )


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read as they are asked for."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@dataclass
class _Read:
    """What a worker made of a partition: its documents (one row each), findings, removed lines."""

    documents: pd.DataFrame
    quality: list[dict]
    removed: list[dict]
    read: int  # items read, loaded or not


def read_items(items: list[tuple[Item, dict]], *, options: LoadOptions) -> _Read:
    """Read, decode, clean and describe a partition of documents (each with its metadata record)."""
    rows: list[dict] = []
    out = _Read(pd.DataFrame(), [], [], len(items))
    for item, meta in items:
        # a table file's row, an archive's record, else a file
        skipped = ("skipped row" if item.text is not None else "skipped record" if item.payload is not None
                   else "skipped file")
        if item.text is None:
            data = item.payload if item.payload is not None else item.path.read_bytes()
            decoded = decode_bytes(data, fallback_encoding=options.fallback_encoding,
                                   declared=declared_charset(data, item.content_type) if item.kind == "html" else None)
            if decoded.text is None:
                out.quality.append(_quality(item.doc_id, skipped, f"{item.name}: {decoded.reason}"))
                continue
            raw, encoding, text = data, decoded.encoding, decoded.text
            if decoded.repair:
                out.quality.append(_quality(item.doc_id, "encoding", f"{item.name}: {decoded.repair}"))
        else:
            raw, encoding, text = item.text.encode("utf-8"), None, item.text
        page = read_page(text, url=meta.get("url")) if item.kind == "html" else None
        if page is not None:
            text = page.text
        elif item.kind == "markdown":
            text = markdown_to_text(text)
        # The title column of a record, or a page's title, is the title; else a file's first line may be.
        known_title = (page.title if page else None) or (meta.get("title") if item.path is None else None)
        article = parse_article(text, remove_boilerplate=options.remove_boilerplate, title=known_title)
        if not article.body.strip():
            out.quality.append(_quality(item.doc_id, skipped, f"{item.name}: no text after cleaning"))
            continue
        row = _row(item, raw, encoding, article, options.languages, known_language=meta.get("language"), page=page)
        document = _apply_metadata([row], {item.doc_id: meta}, out.quality, record=item.path is None)[0]
        document["n_tokens"] = count_tokens(document["text"], language=document["language"])
        if not document["n_tokens"]:  # "12345", "!!!": nothing to count, and no document to weigh in a group
            out.quality.append(_quality(item.doc_id, skipped, f"{item.name}: no word in its text"))
            continue
        # what duplicate detection compares: the text without case or spacing differences
        document["_same_text"] = hashlib.sha256(" ".join(document["text"].split()).casefold().encode()).hexdigest()
        rows.append(document)
        out.removed += [dict(doc_id=item.doc_id, line=r.line, rule=r.rule, text=r.text) for r in article.removed]
        if boilerplate := [r for r in article.removed if r.rule not in HEADER_RULES]:  # a date line is no finding
            rules = sorted({r.rule for r in boilerplate})
            out.quality.append(_quality(item.doc_id, "boilerplate removed",
                                        f"{sum(len(r.text) for r in boilerplate)} characters: {', '.join(rules)}"))
        if document["date_source"] == "missing":
            where = "the text, the page or the metadata" if page is not None else "the text or the metadata"
            figures = next((r.text for r in article.removed if r.rule == "date in figures"), None)
            how = (f" (“{figures}” is in figures, not read: the day may come first or the month; give the date in "
                   f"the metadata)" if figures else "")
            out.quality.append(_quality(item.doc_id, "undated", f"no date in {where}{how}; not in timelines"))
    out.documents = pd.DataFrame(rows)  # a table pickles far smaller than its rows as dicts
    return out


def document_text(title: str | None, body: str) -> str:
    """The analysed text of a document: its title, a blank line, its cleaned body."""
    return f"{title}\n\n{body}" if title else body


def _row(
    item: Item, data: bytes, encoding: str | None, article: Article, languages: Sequence[str],
    *, known_language: str | None, page: Page | None = None,
) -> dict:
    # A language given by metadata wins; identification is then only needed to report a disagreement,
    # which a table file's own language column is trusted not to need (a large corpus saves the cost).
    detected = known_language if known_language and item.path is None else identify_language(
        article.body, languages=tuple(languages))
    return {
        "doc_id": item.doc_id,
        "file": item.name,
        "encoding": encoding,
        "sha256": hashlib.sha256(data).hexdigest(),
        "_text_title": article.title or (page.title if page else None),
        "_text_date": article.date,
        "_page_date": date.fromisoformat(page.date) if page and page.date else None,
        "_page_site": page.site if page else None,
        "_page_url": page.url if page else None,
        "_text_dateline": article.dateline,
        "byline": article.byline or (page.author if page else None),
        "_body": article.body,
        "_detected_language": detected,
        "removed_chars": article.removed_chars,
    }


def _apply_metadata(
    rows: list[dict], metadata: dict[str, dict[str, str | None]], quality: list[dict], *, record: bool = False
) -> list[dict]:
    """Merge metadata into the extracted fields: metadata wins, disagreements are listed.

    A ``record`` (a row of a table file) has its date in a column of its own: that the text does not
    repeat it is not worth a line of the data-quality table (an article file's usually does)."""
    extra_columns = sorted(
        {c for record in metadata.values() for c in record} - {"doc_id", *CORPUS_COLUMNS}
    )
    out = []
    for row in rows:
        m = metadata.get(row["doc_id"], {})
        doc = row["doc_id"]
        title = _merge(doc, "title", row["_text_title"], m.get("title"), quality)
        dateline = _merge(doc, "dateline", row["_text_dateline"], m.get("dateline"), quality)
        byline = _merge(doc, "byline", row["byline"], m.get("byline"), quality)
        detected = row["_detected_language"]
        language = m.get("language") or detected
        if m.get("language") and m["language"] != detected:
            quality.append(_disagreement(doc, "language", f"identified '{detected}'", f"'{language}'"))
        # the document's own date: written in its text, else stated by the page (meta tags, time, URL)
        text_date, found_in = (row["_text_date"], "text") if row["_text_date"] else (row["_page_date"], "page")
        if row["_text_date"] and row["_page_date"] and row["_text_date"] != row["_page_date"]:
            quality.append(_disagreement(doc, "date", f"text {row['_text_date']}", str(row["_page_date"]), by="page",
                                         used="text"))
        meta_date = iso_date(m["date"]) if m.get("date") else None
        if text_date and (meta_date is None or meta_date == text_date):
            when, source = text_date, found_in
        elif meta_date:
            when, source = meta_date, "metadata"
            if text_date:
                quality.append(_disagreement(doc, "date", f"{found_in} {text_date}", str(meta_date)))
            elif not record:
                evidence = f": {m['date_evidence']}" if m.get("date_evidence") else ""
                quality.append(_quality(doc, "date from metadata", f"{meta_date}, not written in the text{evidence}"))
        else:
            when, source = None, "missing"
        out.append({
            **{k: v for k, v in row.items() if not k.startswith("_")},
            "title": title,
            "date": when,
            "date_source": source,
            "language": language,
            "language_source": "metadata" if m.get("language") else "identified",
            "outlet": m.get("outlet") or row["_page_site"],
            "dateline": dateline,
            "byline": byline,
            "url": m.get("url") or row["_page_url"],
            "text": document_text(title, row["_body"]),
            **{c: m.get(c) for c in extra_columns},
        })
    return out


def _merge(doc: str, field: str, from_text: str | None, from_meta: str | None, quality: list[dict]) -> str | None:
    if from_text and from_meta and not same_text(from_text, from_meta):
        quality.append(_disagreement(doc, field, f"text '{from_text}'", f"'{from_meta}'"))
        return from_meta
    return from_text or from_meta


def _flag_duplicates(documents: pd.DataFrame, quality: list[dict]) -> pd.DataFrame:
    """Documents with the same cleaned text: all kept, each pointing at the first of its group."""
    documents = documents.sort_values("doc_id", kind="mergesort").reset_index(drop=True)
    first_by_text: dict[str, str] = {}
    duplicate_of = []
    for doc_id, key in zip(documents["doc_id"], documents["_same_text"], strict=True):
        first = first_by_text.setdefault(key, doc_id)
        duplicate_of.append(first if first != doc_id else None)
        if first != doc_id:
            quality.append(_quality(doc_id, "duplicate text", f"same text as {first}; both kept"))
    documents["duplicate_of"] = duplicate_of
    return documents


def _disagreement(doc_id: str, field: str, from_text: str, other: str, *, by: str = "metadata",
                  used: str | None = None) -> dict:
    """A data-quality row: the text says one thing, ``by`` (metadata, or the page) another; ``used`` wins."""
    return _quality(doc_id, f"{by} disagrees", f"{field}: {from_text}, {by} {other} ({used or by} used)")


def _quality(doc_id: str, check: str, detail: str) -> dict:
    return {"doc_id": doc_id, "check": check, "detail": detail}


def save_corpus(loaded: LoadedCorpus, *, processed: Path, tables: Path, partition_size: int) -> dict[str, Path]:
    """Write the corpus table (Parquet, with text) and its CSV tables (without text) for the report."""
    documents = loaded.documents
    return {
        TABLE_FILE: write_corpus_table(documents, processed / TABLE_FILE, partition_size=partition_size),
        **write_tables({"corpus.csv": documents.drop(columns=["text"]), "data_quality.csv": loaded.quality,
                        "removed_lines.csv": loaded.removed}, tables),
    }


def overview(documents: pd.DataFrame) -> pd.DataFrame:
    """The corpus at a glance: one row per outlet and language (outlet "unknown" where none is given), with its
    documents, how many are undated, its first and last publication dates and its word tokens; the documents
    themselves are listed in the sources appendix and corpus.csv."""
    table = documents.assign(outlet=document_groups(documents, by="outlet").to_numpy())
    grouped = table.groupby(["outlet", "language"], sort=True).agg(
        documents=("doc_id", "size"), undated=("date", lambda d: int(d.isna().sum())),
        first=("date", "min"), last=("date", "max"), tokens=("n_tokens", "sum"))
    for column in ("first", "last"):
        grouped[column] = grouped[column].dt.strftime("%Y-%m-%d")
    ordered = grouped.reset_index().assign(_neg=lambda t: -t["documents"])
    return ordered.sort_values(["_neg", "outlet", "language"], kind="mergesort").drop(columns="_neg").reset_index(
        drop=True)
