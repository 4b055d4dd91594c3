"""Where documents come from, by kind, behind one interface (``documents_of``): a folder of article files
(text, Markdown, saved web pages, web archives), one table file (CSV, JSONL, Parquet) with a text
column and optional metadata columns, or one web archive (WARC). Either way the result is a stream of
items, one per document, read as it is consumed, and data-quality rows for everything that could not
become one (reported, not fatal): every file of the folder, every line or row of the table and every
record of the archive is accounted for."""

from __future__ import annotations

import csv
import itertools
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from newsreport.archives import ArchivePages, is_archive
from newsreport.dates import iso_date, parse_date
from newsreport.decoding import file_encoding
from newsreport.errors import InputError
from newsreport.labels import plural
from newsreport.language import LANGUAGES
from newsreport.metadata import read_metadata

TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
METADATA_FILE = "metadata.csv"
FIELDS = ("id", "text", "title", "date", "language", "outlet")  # keys of the column mapping
DEFAULT_COLUMNS = {name: name for name in FIELDS}


EXTENSIONS = (".txt", ".md", ".html", ".htm")  # the article files of a corpus folder


@dataclass(frozen=True)
class LoadOptions:
    """How a corpus is read: a table file's ``columns`` (field -> column), a folder's article file ``extensions``,
    the ``languages`` a text may be in, the ``fallback_encoding`` of text in no Unicode encoding, and whether
    boilerplate lines are removed."""

    columns: Mapping[str, str] = field(default_factory=dict)
    extensions: tuple[str, ...] = EXTENSIONS
    languages: tuple[str, ...] = LANGUAGES
    fallback_encoding: str = "cp1252"
    remove_boilerplate: bool = True

    @property
    def mapping(self) -> dict[str, str]:
        """Every field's column: those given, else the field's own name."""
        return {**DEFAULT_COLUMNS, **self.columns}


KINDS = {".html": "html", ".htm": "html", ".md": "markdown"}  # by a file's suffix; any other article file is text


@dataclass
class Item:
    """One document to read: a file (``path``), a table file's record (``text`` and ``meta`` from its columns) or
    an archive's page (the ``payload`` fetched, with its HTTP ``content_type``), of a ``kind``: text, markdown,
    html (a web page), or archive (a WARC file, whose pages become items)."""

    doc_id: str
    name: str  # the file's name, "<table file>:<row>" or "<archive>: <url>"
    path: Path | None = None
    text: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    kind: str = "text"
    payload: bytes | None = None
    content_type: str = ""


def is_table_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in TABLE_SUFFIXES


def documents_of(
    source: Path, *, metadata: Path | None = None, options: LoadOptions = LoadOptions()  # noqa: B008 (frozen)
) -> tuple[Iterator[tuple[Item, dict]], list[dict]]:
    """Every document of a corpus with its metadata record, read as the iterator is consumed, and the
    data-quality rows of what could not become a document (the list fills as the documents are read)."""
    if is_table_file(source):
        records = TableRecords(source, options)
        return ((item, item.meta) for item in records), records.problems
    if is_archive(source):
        pages = ArchivePages([source])
        return ((item, item.meta) for item in pages), pages.problems
    found, listed = folder_items(source, extensions=options.extensions)
    files = [item for item in found if item.kind != "archive"]
    described = (read_metadata(metadata, doc_ids={item.doc_id for item in files}, languages=options.languages)
                 if metadata is not None else {})
    pages = ArchivePages([item.path for item in found if item.kind == "archive"], problems=listed)
    named = {item.doc_id: item.name for item in files}

    def records() -> Iterator[tuple[Item, dict]]:
        for item in pages:
            if item.doc_id in named:  # ids are unique in the corpus: the file keeps it
                listed.append(_skipped(item.name, f"its id {item.doc_id} is the id of {named[item.doc_id]}; not read: "
                                                  "rename the file"))
            else:
                yield item, item.meta

    return itertools.chain(((item, described.get(item.doc_id, {})) for item in files), records()), listed


def folder_items(folder: Path, *, extensions: tuple[str, ...]) -> tuple[list[Item], list[dict]]:
    """The article files of a folder, sorted by name, and a data-quality row for every entry not read.

    Only files directly in the folder are read: subfolders are listed, not entered. A link is
    followed only to a file inside the folder; one that leads outside it is listed and not read.
    Hidden entries (".DS_Store") and the metadata file are passed over in silence.
    """
    if not folder.is_dir():
        raise InputError(f"corpus folder {folder} does not exist; pass --corpus DIR with a folder of articles")
    wanted = {ext.lower() for ext in extensions}
    items, skipped = [], []
    named: dict[str, str] = {}  # file name without extension -> the first file of that name
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == METADATA_FILE:
            continue
        if reason := outside_link(path, folder):
            skipped.append(_skipped(path.name, reason))
        elif path.is_dir():
            files = sum(1 for p in path.rglob("*") if p.is_file())
            skipped.append(_skipped(f"{path.name}/", f"a subfolder ({plural(files, 'file')}); subfolders are not "
                                                    "read: move its articles into the corpus folder, or pass --corpus "
                                                    "with it", check="skipped folder"))
        elif not path.is_file():
            skipped.append(_skipped(path.name, "not a regular file; not read"))
        elif is_archive(path):
            items.append(Item(doc_id=path.name, name=path.name, path=path, kind="archive"))
        elif path.suffix.lower() not in wanted:
            skipped.append(_skipped(path.name, f"not an article file (extensions: {', '.join(extensions)}, "
                                               "or a .warc / .warc.gz web archive)"))
        elif (first := named.setdefault(path.stem, path.name)) != path.name:  # a document's id is its file's stem
            skipped.append(_skipped(path.name, f"the same name as {first} but for the extension (a document's id is "
                                               "its file name without extension); not read: rename one of them"))
        else:
            items.append(Item(doc_id=path.stem, name=path.name, path=path, kind=KINDS.get(path.suffix.lower(), "text")))
    return items, skipped


def outside_link(path: Path, folder: Path) -> str | None:
    """Why ``path``, in ``folder``, is not read when it is a link to something outside it, or to nowhere (a loop of
    links, a missing file); None for a file of the folder, or a link inside it."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"a link to {os.readlink(path)}, which leads nowhere (a loop of links, or a missing file); not read"
    if target.is_relative_to(folder.resolve()):
        return None
    return f"a link to {target}, outside the corpus folder; not read"


def corpus_files(source: Path, *, extensions: tuple[str, ...]) -> tuple[list[Path], list[dict]]:
    """The files a run reads as its corpus, hashed into its fingerprint and manifest: the table file or web
    archive, or the folder's article files and archives (never a file a link leads to outside the folder);
    and the data-quality rows of the folder's entries not read, which the loading notebook lists."""
    if source.is_file():
        return [source], []
    items, skipped = folder_items(source, extensions=extensions)
    return [item.path for item in items], skipped


class TableRecords:
    """The records of a CSV, JSONL or Parquet file as items, read as they are iterated (a large file is never
    held whole); ``problems`` lists, as data-quality rows, every row that could not become an item."""

    def __init__(self, path: Path, options: LoadOptions = LoadOptions()) -> None:  # noqa: B008 (frozen)
        self.path, self.mapping, self.languages = path, options.mapping, options.languages
        self.fallback_encoding = options.fallback_encoding
        self.problems: list[dict] = []

    def __iter__(self) -> Iterator[Item]:
        path, mapping, languages, problems = self.path, self.mapping, self.languages, self.problems
        seen: set[str] = set()
        for number, where, record in _records(path, mapping, problems, fallback_encoding=self.fallback_encoding):
            where = f"{path.name} {where}"
            if not isinstance(record, Mapping):
                problems.append(_problem(where, "not a record with named fields"))
                continue
            raw_text = record.get(mapping["text"])
            if raw_text is not None and not isinstance(raw_text, str):
                problems.append(_problem(where, f"column '{mapping['text']}' holds {type(raw_text).__name__}, "
                                                "not text"))
                continue
            text = _value(raw_text)
            if not text:
                problems.append(_problem(where, f"no text in column '{mapping['text']}'"))
                continue
            doc_id = _value(record.get(mapping["id"], record.get("doc_id"))) or f"row{number:07d}"
            if doc_id in seen:
                problems.append(_problem(where, f"id '{doc_id}' already used by an earlier row; row skipped"))
                continue
            seen.add(doc_id)
            if nuls := text.count("\x00"):  # stray NUL characters, as an article file's are removed and said
                text = text.replace("\x00", "")
                problems.append(_problem(where, f"{plural(nuls, 'NUL character')} removed from the text",
                                         doc_id=doc_id))
            meta = {}
            for name in ("title", "outlet"):
                value = record.get(mapping[name])
                if isinstance(value, Mapping | list):  # a JSON object or list is no title: "{'a': 1}" would be one
                    problems.append(_problem(where, f"column '{mapping[name]}' holds a JSON "
                                                    f"{'object' if isinstance(value, Mapping) else 'list'}, not text; "
                                                    "left out", doc_id=doc_id))
                    value = None
                meta[name] = _value(value)
            raw_date, language = _value(record.get(mapping["date"])), _value(record.get(mapping["language"]))
            parsed = _iso_date(raw_date)
            if raw_date and parsed is None:
                problems.append(_problem(where, f"date '{raw_date}' not understood; left undated", doc_id=doc_id))
            if language and language not in languages:
                problems.append(_problem(where, f"language '{language}' unknown; identified from the text instead",
                                         doc_id=doc_id))
                language = None
            meta.update(doc_id=doc_id, date=parsed, language=language)
            yield Item(doc_id=doc_id, name=f"{path.name}:{number}", text=text, meta=meta)


def check_table_file(path: Path, options: LoadOptions = LoadOptions()) -> None:  # noqa: B008 (frozen)
    """What can be told of a table file before loading it: a text column, of text, and at least one record."""
    mapping, fallback_encoding = options.mapping, options.fallback_encoding
    text = mapping["text"]
    hint = "name the text column with -p corpus_columns '{text: COLUMN}'"
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            file = pq.ParquetFile(path)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
        schema = file.schema_arrow
        if text not in schema.names:
            raise InputError(f"{path}: no column '{text}' (columns: {', '.join(schema.names)}); {hint}")
        kind = schema.field(text).type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            raise InputError(f"{path}: column '{text}' holds {kind}, not text; {hint}")
        if file.metadata.num_rows == 0:
            raise InputError(f"{path}: no rows; a table-file corpus needs one row per article")
        _check_mapped(path, mapping, schema.names)
        texts = (value for batch in file.iter_batches(columns=[text]) for value in batch.column(0).to_pylist())
    else:
        problems: list[dict] = []
        records = (record for _number, _where, record in _records(path, mapping, problems,
                                                                  fallback_encoding=fallback_encoding))
        mappings = (record for record in records if isinstance(record, Mapping))
        first = next(mappings, None)
        if first is None:
            detail = f" ({problems[0]['detail']})" if problems else ""
            raise InputError(f"{path}: no records{detail}; a table-file corpus needs one row per article")
        if suffix != ".csv":  # a JSON-lines record may leave out what another has, or hold another type: the file
            # is judged by its first record with text (the others are listed as it is read), else the first keyed
            first = _first_with_text(itertools.chain([first], mappings), text) or first
        if text not in first:
            raise InputError(f"{path}: no column '{text}' (columns: {', '.join(map(str, first))}); {hint}")
        if first[text] is not None and not isinstance(first[text], str):
            raise InputError(f"{path}: column '{text}' holds {type(first[text]).__name__}, not text; {hint}")
        if suffix == ".csv":
            _check_mapped(path, mapping, list(first))
        texts = (r.get(text) for r in itertools.chain([first], records) if isinstance(r, Mapping))
    # read until the first row with words: a large file with text stops at once
    if not any(isinstance(value, str) and any(map(str.isalpha, value)) for value in texts):
        raise InputError(f"{path}: no row has words in column '{text}' (only empty values or numbers); give each "
                         f"row its article's text, or {hint}")


def _check_mapped(path: Path, mapping: Mapping[str, str], columns: list[str]) -> None:
    """A column named for a field by ``corpus_columns`` (not left as the field's own name) is in the file."""
    for name, column in mapping.items():
        if column != DEFAULT_COLUMNS.get(name) and column not in columns:
            raise InputError(f"{path}: no column '{column}' for {name} (columns: {', '.join(map(str, columns))}); "
                             "fix -p corpus_columns")


def _records(path: Path, mapping: Mapping[str, str], problems: list[dict], *, fallback_encoding: str = "cp1252"
             ) -> Iterator[tuple[int, str, object]]:
    """(number, where, record) of every record of a table file: its first line (or row) number, and where
    it is ("line 12", "lines 12-14", "row 3"); what cannot be read as a record is added to ``problems``, and a
    text file not in UTF-8 is said there (``decoding.file_encoding``)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".jsonl", ".ndjson"):
        encoding, said = file_encoding(path, fallback_encoding=fallback_encoding)
        if said:
            problems.append({"doc_id": "", "check": "encoding", "detail": f"{path.name}: {said}"})
    if suffix == ".csv":
        yield from _csv_records(path, mapping, problems, encoding)
    elif suffix in (".jsonl", ".ndjson"):
        with path.open(encoding=encoding, errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, f"line {number}", json.loads(line)
                except ValueError:
                    problems.append(_problem(f"{path.name} line {number}", "not valid JSON"))
    else:
        import pyarrow.parquet as pq

        number = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000):
            for record in batch.to_pylist():
                number += 1
                yield number, f"row {number}", record


class _Lines:
    """A file's lines as ``csv.reader`` takes them, the ones of the record being read kept."""

    def __init__(self, handle: TextIO) -> None:
        self.handle, self.taken = handle, []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.handle)
        self.taken.append(line)
        return line


def _csv_records(path: Path, mapping: Mapping[str, str], problems: list[dict], encoding: str
                 ) -> Iterator[tuple[int, str, dict]]:
    """Records of a CSV file by physical line: a record that a quote left open ran into the rows after it
    is listed with the lines it swallowed, never loaded with them."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        lines = _Lines(handle)
        reader = csv.reader(lines)
        header = next(reader, None)
        if not header:
            raise InputError(f"{path}: empty CSV; give it a header row with a text column")
        while True:
            lines.taken = []
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.append(_problem(f"{path.name} line {reader.line_num}", f"not readable as CSV ({exc})"))
                continue
            first, last = reader.line_num - len(lines.taken) + 1, reader.line_num
            where = f"line {first}" if first == last else f"lines {first}-{last}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                joined = f"; a quote opened on line {first} runs to line {last}, so rows on those lines were " \
                         "read as one: close it" if last > first else ""
                problems.append(_problem(f"{path.name} {where}", f"{len(row)} fields for {len(header)} columns"
                                                                 f"{joined}"))
                continue
            if swallowed := _rows_inside(lines.taken, header, mapping, row):
                problems.append(_problem(f"{path.name} {where}", f"line {first + swallowed[0]} reads as a row of its "
                                         f"own, inside a quote opened on line {first}: rows on lines {first}-{last} "
                                         "were read as one and are not loaded; close the quote"))
                continue
            yield first, where, dict(zip(header, row, strict=True))


def _first_with_text(records: Iterator[Mapping], text: str) -> Mapping | None:
    """The first record whose ``text`` is text (or null), else the first that has the key at all."""
    keyed = None
    for record in records:
        if text in record:
            if record[text] is None or isinstance(record[text], str):
                return record
            keyed = keyed or record
    return keyed


def _rows_inside(lines: list[str], header: list[str], mapping: Mapping[str, str], record: list[str]) -> list[int]:
    """Which lines after the first of a multi-line ``record`` would be a row of their own: the right number of
    fields, and where rows have an id, an id shaped as the record's own ("m2", "doc_017": letters, digits and the
    signs between them) with a date or none, or any id (a slug: "border-talks") with a date; without an id
    column, a date. A file with neither column gives nothing to tell a row by: a line of text has as many
    commas as a row."""
    id_key = mapping["id"] if mapping["id"] in header else "doc_id" if "doc_id" in header else None
    date_key = mapping["date"] if mapping["date"] in header else None
    own = _shape(record[header.index(id_key)]) if id_key is not None else None
    found = []
    for offset, line in enumerate(lines[1:], start=1):
        fields = next(csv.reader([line]), [])
        if len(fields) != len(header):
            continue
        row = dict(zip(header, fields, strict=True))
        dated = None if date_key is None else _iso_date(row[date_key].strip() or None) is not None
        if id_key is not None:
            shape = _shape(row[id_key])
            looks_like_row = shape is not None and (dated or shape == own and (dated is not False
                                                                               or not row[date_key].strip()))
        else:
            looks_like_row = bool(dated)
        if looks_like_row:
            found.append(offset)
    return found


def _shape(value: str) -> str | None:
    """What an id looks like: its runs of letters as "a", of digits as "9", the rest kept ("doc_017": "a_9");
    None for a value with spaces, which is no id."""
    value = value.strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", value))


def _value(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    parsed = iso_date(value) or parse_date(value)  # ISO first (with or without a time): fast and unambiguous
    return parsed.isoformat() if parsed else None


def _problem(where: str, detail: str, *, doc_id: str = "") -> dict:
    return {"doc_id": doc_id, "check": "skipped row" if not doc_id else "bad value", "detail": f"{where}: {detail}"}


def _skipped(name: str, detail: str, *, check: str = "skipped file") -> dict:
    return {"doc_id": "", "check": check, "detail": f"{name}: {detail}"}
