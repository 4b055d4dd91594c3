"""The output contract, in one place: every table the report writes, its columns and its sort order.

``tables.write_table`` writes any of them by this registry, so that the same input gives byte-identical
files; tests and readers rely on the columns listed here (a table may add columns after them).
"""

from __future__ import annotations

from dataclasses import dataclass

CORPUS_COLUMNS = (
    "doc_id", "title", "date", "date_source", "language", "language_source", "outlet",
    "dateline", "byline", "url", "text", "n_tokens", "removed_chars", "sha256", "file",
    "encoding", "duplicate_of",
)
GROUPING_COLUMNS = ("year", *CORPUS_COLUMNS)  # what compare_by and keyness_by may name, besides metadata columns
TABLE_FILE = "corpus.parquet"  # the corpus table, in data/processed
EVIDENCE_COLUMNS = ("doc_id", "entity", "entity_type", "alias", "start", "end", "left", "match", "right")
EVIDENCE_CSV_ROWS = 500_000  # evidence tables with more rows are kept as Parquet only (see the README)


@dataclass(frozen=True)
class Table:
    """A table of the report: its file under report/tables, its columns and how its rows are sorted."""

    name: str
    columns: tuple[str, ...]
    sort_by: tuple[str, ...] = ()  # columns, "-column" for descending; () keeps the order given

    @property
    def order(self) -> tuple[list[str], list[bool]]:
        return [c.lstrip("-") for c in self.sort_by], [not c.startswith("-") for c in self.sort_by]


TABLES = {table.name: table for table in (
    Table("corpus.csv", tuple(c for c in CORPUS_COLUMNS if c != "text"), ("doc_id",)),
    Table("data_quality.csv", ("doc_id", "check", "detail"), ("doc_id", "check", "detail")),
    Table("removed_lines.csv", ("doc_id", "line", "rule", "text"), ("doc_id", "line")),
    Table("term_frequency.csv", ("term", "language", "n", "count", "doc_count", "per_1k"),
          ("language", "-count", "-doc_count", "term")),
    Table("term_document.csv", ("doc_id", "language", "term", "n", "count"), ("doc_id", "term")),
    Table("distinctive_terms.csv", ("scope", "group", "rank", "term", "count", "tfidf"), ("scope", "group", "rank")),
    Table("term_contexts.csv", ("term", "doc_id", "start", "end", "left", "match", "right")),
    Table("mentions.csv", ("doc_id", "date", "entity", "entity_type", "mentions"), ("doc_id", "entity")),
    Table("mention_evidence.csv", EVIDENCE_COLUMNS, ("doc_id", "start", "entity")),
    Table("mention_timeline.csv", ("period", "entity", "mentions", "tokens", "per_1k", "docs_mentioning", "docs"),
          ("period", "entity")),
    Table("unmatched_aliases.csv", ("entity", "language", "alias"), ("entity", "language", "alias")),
    Table("uncovered_names.csv", ("name", "count", "doc_count"), ("-count", "name")),
    Table("theme_scores.csv", ("doc_id", "theme", "hits", "per_1k", "share"), ("doc_id", "theme")),
    Table("theme_groups.csv", ("group", "theme", "docs", "hits", "tokens", "per_1k", "share", "indicative"),
          ("group", "theme")),
    Table("theme_intervals.csv", ("group", "theme", "share", "low", "high"), ("group", "theme")),
    Table("theme_shares.csv", ("theme", "hits", "docs", "share", "low", "high"), ("-hits", "theme")),
    Table("theme_cooccurrence.csv", ("theme_a", "theme_b", "docs"), ("theme_a", "theme_b")),
    Table("keyness.csv", ("comparison", "term", "target_count", "reference_count", "statistic", "p_value",
                          "effect_size", "g2", "chi2", "chi2_p", "indicative", "target_docs"),
          ("comparison", "-statistic", "term")),
    Table("theme_drivers.csv", ("theme", "alias", "hits"), ("theme", "-hits", "alias")),
    Table("theme_evidence.csv", EVIDENCE_COLUMNS, ("doc_id", "start", "entity")),
    Table("unmatched_theme_terms.csv", ("entity", "language", "alias"), ("entity", "language", "alias")),
    Table("terms_in_two_themes.csv", ("alias", "themes"), ("alias",)),
)}
