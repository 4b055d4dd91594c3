"""The corpus table: the loaded documents in Parquet (data/processed/corpus.parquet), in partitions of
``partition_size`` documents (row groups) whose hashes it records, read one partition at a time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from newsreport.contract import CORPUS_COLUMNS, TABLE_FILE
from newsreport.errors import InputError
from newsreport.tables import write_parquet

PARTITIONS_KEY = b"newsreport.partitions"  # corpus.parquet's metadata: the SHA-256 of each row group


@dataclass(frozen=True)
class Corpus:
    """The corpus table written by notebook 01, seen as its partitions (row groups) and their hashes."""

    table: Path
    partitions: tuple[str, ...]  # SHA-256 of each partition's doc_id, language and text

    @property
    def key(self) -> str:
        return hashlib.sha256("\n".join(self.partitions).encode()).hexdigest()

    @property
    def rows(self) -> list[int]:
        """How many documents each partition holds."""
        metadata = pq.read_metadata(self.table)
        return [metadata.row_group(number).num_rows for number in range(metadata.num_row_groups)]

    def documents(self, number: int, columns: Sequence[str] = ("doc_id", "language", "text")) -> pd.DataFrame:
        """The documents of one partition (only ``columns``)."""
        return pq.ParquetFile(self.table).read_row_group(number, columns=list(columns)).to_pandas()

    def texts(self) -> Iterator[pd.DataFrame]:
        """The documents with their text, partition by partition (read as they are asked for)."""
        file = pq.ParquetFile(self.table)
        for number in range(file.num_row_groups):
            yield file.read_row_group(number).to_pandas()

    def sample(self, limit: int) -> pd.DataFrame:
        """The first ``limit`` documents by doc_id, with their text: what per-document tables and diagnostics show."""
        parts, rows = [], 0
        for part in self.texts():
            if rows >= limit:
                break
            parts.append(part)
            rows += len(part)
        return pd.concat(parts, ignore_index=True).head(limit) if parts else pd.DataFrame(columns=CORPUS_COLUMNS)


def partition_digests(documents: pd.DataFrame, *, size: int) -> list[str]:
    """The SHA-256 of each partition of ``size`` rows (its documents' ids, languages and texts)."""
    digests = []
    for start in range(0, len(documents), size):
        part = documents.iloc[start : start + size]
        digest = hashlib.sha256()
        for doc_id, language, text in zip(part["doc_id"], part["language"], part["text"], strict=True):
            digest.update(f"{doc_id}\0{language}\0{text}\0".encode("utf-8", "surrogatepass"))
        digests.append(digest.hexdigest())
    return digests


def open_corpus(table: Path) -> Corpus:
    """The corpus table at ``table`` (data/processed/corpus.parquet) written by notebook 01, with its partitions."""
    if not table.is_file():
        raise InputError(f"{table} not found; run notebooks/01_load_corpus.ipynb (or ./run_all.sh) first")
    metadata = pq.read_schema(table).metadata or {}
    if PARTITIONS_KEY not in metadata:
        raise InputError(f"{table} was written by an older version; run notebooks/01_load_corpus.ipynb again")
    return Corpus(table, tuple(json.loads(metadata[PARTITIONS_KEY])))


def write_corpus_table(documents: pd.DataFrame, path: Path, *, partition_size: int) -> Path:
    """The corpus table as Parquet, in row groups of ``partition_size`` documents whose hashes it records: the
    partitions the later steps read one at a time and the index is keyed by."""
    digests = json.dumps(partition_digests(documents, size=partition_size)).encode()
    return write_parquet(documents, path, row_group_size=partition_size, metadata={PARTITIONS_KEY: digests})


def read_corpus_table(processed: Path, *, text: bool = False) -> pd.DataFrame:
    """The corpus table written by notebook 01, without the ``text`` column unless asked for (the later
    notebooks count on the index, and a large corpus's text is its largest part)."""
    path = processed / TABLE_FILE
    if not path.is_file():
        raise InputError(f"{path} not found; run notebooks/01_load_corpus.ipynb (or ./run_all.sh) first")
    columns = None if text else [c for c in pq.read_schema(path).names if c != "text"]
    return pd.read_parquet(path, columns=columns)
