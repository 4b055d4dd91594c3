"""Where documents come from: a folder of article files, or one table file (CSV, JSONL, Parquet)
with a text column and optional metadata columns. Either way the result is a list of items, one
per document, and the rows that could not become one (reported, not fatal)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsreport.dates import parse_date
from newsreport.errors import InputError

TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
FIELDS = ("id", "text", "title", "date", "language", "outlet")  # keys of the column mapping
DEFAULT_COLUMNS = {name: name for name in FIELDS}


@dataclass
class Item:
    """One document to read: a file (``path``) or a record (``text`` and ``meta`` from its columns)."""

    doc_id: str
    name: str  # the file's name, or "<table file>:<row>"
    path: Path | None = None
    text: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)


def is_table_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in TABLE_SUFFIXES


def folder_items(folder: Path, *, extensions: tuple[str, ...]) -> list[Item]:
    """The article files of a folder, sorted by name."""
    if not folder.is_dir():
        raise InputError(f"corpus folder {folder} does not exist; pass --corpus DIR with a folder of articles")
    wanted = {ext.lower() for ext in extensions}
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in wanted)
    return [Item(doc_id=p.stem, name=p.name, path=p) for p in files]


def table_items(
    path: Path, *, columns: Mapping[str, str] = DEFAULT_COLUMNS, languages: tuple[str, ...] = ("en", "fr", "ar")
) -> tuple[list[Item], list[dict]]:
    """Records of a CSV, JSONL or Parquet file as items; bad rows come back as data-quality rows."""
    mapping = {**DEFAULT_COLUMNS, **columns}
    items: list[Item] = []
    problems: list[dict] = []
    seen: set[str] = set()
    for number, record in _records(path, problems):
        where = f"{path.name} row {number}"
        if not isinstance(record, Mapping):
            problems.append(_problem(where, "not a record with named fields"))
            continue
        text = _value(record.get(mapping["text"]))
        if not text:
            problems.append(_problem(where, f"no text in column '{mapping['text']}'"))
            continue
        doc_id = _value(record.get(mapping["id"], record.get("doc_id"))) or f"row{number:07d}"
        if doc_id in seen:
            problems.append(_problem(where, f"id '{doc_id}' already used by an earlier row; row skipped"))
            continue
        seen.add(doc_id)
        meta = {name: _value(record.get(mapping[name])) for name in ("title", "outlet")}
        raw_date, language = _value(record.get(mapping["date"])), _value(record.get(mapping["language"]))
        parsed = _iso_date(raw_date)
        if raw_date and parsed is None:
            problems.append(_problem(where, f"date '{raw_date}' not understood; left undated", doc_id=doc_id))
        if language and language not in languages:
            problems.append(_problem(where, f"language '{language}' unknown; identified from the text instead",
                                     doc_id=doc_id))
            language = None
        meta.update(doc_id=doc_id, date=parsed, language=language)
        items.append(Item(doc_id=doc_id, name=f"{path.name}:{number}", text=text, meta=meta))
    return items, problems


def _records(path: Path, problems: list[dict]) -> Iterator[tuple[int, object]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        csv.field_size_limit(sys.maxsize)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise InputError(f"{path}: empty CSV; give it a header row with a text column")
            for number, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    detail = f"{len(row)} fields for {len(header)} columns"
                    problems.append(_problem(f"{path.name} row {number}", detail))
                    continue
                yield number, dict(zip(header, row, strict=True))
    elif suffix in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except ValueError:
                    problems.append(_problem(f"{path.name} line {number}", "not valid JSON"))
    else:
        import pyarrow.parquet as pq

        number = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000):
            for record in batch.to_pylist():
                number += 1
                yield number, record


def _value(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:  # ISO first (with or without a time): fast and unambiguous
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        parsed = parse_date(value)
        return parsed.isoformat() if parsed else None


def _problem(where: str, detail: str, *, doc_id: str = "") -> dict:
    return {"doc_id": doc_id, "check": "skipped row" if not doc_id else "bad value", "detail": f"{where}: {detail}"}
