"""The output contract: the columns of the corpus table, which every later step and check relies on."""

from __future__ import annotations

CORPUS_COLUMNS = (
    "doc_id", "title", "date", "date_source", "language", "language_source", "outlet",
    "dateline", "byline", "url", "text", "n_tokens", "removed_chars", "sha256", "file",
    "encoding", "duplicate_of",
)
GROUPING_COLUMNS = ("year", *CORPUS_COLUMNS)  # what compare_by and keyness_by may name, besides metadata columns
