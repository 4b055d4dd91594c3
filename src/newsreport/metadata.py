"""metadata.csv: what is known about each document besides its text, checked row by row."""

from __future__ import annotations

import csv
from collections.abc import Collection
from pathlib import Path

from newsreport.dates import iso_date
from newsreport.errors import InputError


def read_metadata(
    path: Path, *, doc_ids: Collection[str], languages: Collection[str]
) -> dict[str, dict[str, str | None]]:
    """doc_id -> that document's metadata (every value a string or None), checked row by row.

    Errors name the row (as a spreadsheet numbers it, header = row 1) and the column.
    """
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8; save {name} as UTF-8") from None
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV ({exc})") from None
    if not rows:
        raise InputError(f"{path}: empty; give it a header row starting with doc_id")
    header = [column.strip() for column in rows[0]]
    if "doc_id" not in header:
        raise InputError(f"{name} row 1: missing column 'doc_id'; add a doc_id column (file name without extension)")
    records, seen = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            missing = header[len(row)]
            raise InputError(f"{name} row {number}: missing column '{missing}'; every row needs {len(header)} fields")
        if len(row) > len(header):
            raise InputError(
                f"{name} row {number}: {len(row)} fields for {len(header)} columns; quote values that contain commas"
            )
        if broken := next((column for column, cell in zip(header, row, strict=True) if "\n" in cell.strip()), None):
            raise InputError(f"{name} row {number}: column '{broken}' runs over several lines, as when a quote is "
                             "left open (the rows after it read as its value); close the quote")
        record = {column: (cell.strip() or None) for column, cell in zip(header, row, strict=True)}
        records.append(_checked(record, name, number, doc_ids=doc_ids, languages=languages, seen=seen))
    return {record["doc_id"]: record for record in records}


def _checked(
    record: dict[str, str | None],
    name: str,
    number: int,
    *,
    doc_ids: Collection[str],
    languages: Collection[str],
    seen: dict[str, int],
) -> dict[str, str | None]:
    doc_id = record["doc_id"]
    where = f"{name} row {number}, column"
    if not doc_id:
        raise InputError(f"{where} 'doc_id': empty; name the file this row describes")
    if doc_id not in doc_ids:
        raise InputError(
            f"{where} 'doc_id': unknown document '{doc_id}' (no such file in the corpus); fix the id or remove the row"
        )
    if doc_id in seen:
        raise InputError(
            f"{where} 'doc_id': '{doc_id}' already described in row {seen[doc_id]}; keep one row per document"
        )
    seen[doc_id] = number
    if record.get("date") and iso_date(record["date"]) is None:
        raise InputError(f"{where} 'date': '{record['date']}' is not a date from 1800 to 2099; write it as YYYY-MM-DD")
    language = record.get("language")
    if language and language not in languages:
        raise InputError(
            f"{where} 'language': unknown language '{language}' for document '{doc_id}'; "
            f"use one of {', '.join(sorted(languages))}"
        )
    return record
