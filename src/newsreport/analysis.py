"""The analysis of the report at scale: each partition of the corpus analysed apart, then the aggregates merged.

A partition's analysis is the report's own functions (``tokens.count_tokens``, the term extractor of
``frequency.term_options``, ``lexicon.match_documents`` and ``count_mentions``, ``themes.theme_scores``,
``timeline.period_labels``) applied to its documents; it returns counts, never tokens. Counts add up
across partitions because a document belongs to one partition, so the merged tables equal those of
the same functions run on the whole corpus at once, whichever engine ran the partitions.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from newsreport import frequency, lexicon, themes, timeline
from newsreport.concordance import WINDOW
from newsreport.engine import Engine, partition, run_partitions
from newsreport.errors import InputError
from newsreport.tokens import STOP_SOURCES, count_tokens

TERM_COLUMNS = ["language", "term", "n", "count", "doc_count"]
LANGUAGE_COLUMNS = ["language", "tokens", "docs"]
PERIOD_COLUMNS = ["period", "tokens", "docs"]
PARTITION_SIZE = 2500  # documents per partition: a few seconds of work, a few megabytes of text
MATCH_CHUNK = 512  # documents matched with both lexicons in turn, so each text is folded once


@dataclass
class PartitionResult:
    """What the analysis of some documents returns: aggregates, and evidence only when asked for."""

    term_counts: pd.DataFrame  # language, term, n, count, doc_count (documents containing the term)
    tokens_per_language: pd.DataFrame  # language, tokens, docs
    tokens_per_period: pd.DataFrame  # period, tokens, docs (dated documents only)
    n_tokens: pd.DataFrame  # doc_id, n_tokens: every document's denominator
    mentions: pd.DataFrame  # as lexicon.count_mentions
    theme_scores: pd.DataFrame  # as themes.theme_scores
    period: timeline.Period = "year"
    entity_evidence: pd.DataFrame | None = field(default=None, repr=False)  # as lexicon.match_documents
    theme_evidence: pd.DataFrame | None = field(default=None, repr=False)


def analyse_partition(
    documents: pd.DataFrame,
    *,
    entity_aliases: pd.DataFrame,
    theme_aliases: pd.DataFrame,
    period: timeline.Period = "year",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: tuple[str, ...] = STOP_SOURCES,
    stopwords_file: Path | None = None,
    min_length: int = 2,
    lowercase: bool = True,
    lemmatize: bool = False,
    window: int = WINDOW,
    evidence: bool = False,
) -> PartitionResult:
    """Term counts, token totals, mentions and theme scores of some documents (doc_id, date, language, text).

    ``n_tokens`` is counted when the table has none. Alias tables are passed as tables, which
    pickle, and compiled here (``build_matcher`` caches them per process). With ``evidence`` the
    evidence rows of both lexicons come back too: for small corpora, as they grow with the text.
    """
    extract = frequency.term_options(ngram_range=tuple(ngram_range), stop_words=tuple(stop_words),
                                     stopwords_file=stopwords_file, min_length=min_length, lowercase=lowercase,
                                     lemmatize=lemmatize)
    texts, languages = documents["text"].tolist(), documents["language"].tolist()
    counts: dict[str, Counter[str]] = {}
    doc_counts: dict[str, Counter[str]] = {}
    n_tokens = []
    for text, language in zip(texts, languages, strict=True):
        found = extract(text, language)
        n_tokens.append(count_tokens(text, language=language))  # after terms, which has just read the text
        counts.setdefault(language, Counter()).update(found)
        doc_counts.setdefault(language, Counter()).update(set(found))
    if "n_tokens" not in documents.columns:
        documents = documents.assign(n_tokens=n_tokens)
    term_counts = pd.DataFrame(
        [(language, term, term.count(" ") + 1, count, doc_counts[language][term])
         for language in sorted(counts) for term, count in counts[language].items()],
        columns=TERM_COLUMNS,
    )
    entities, topics = lexicon.build_matcher(entity_aliases), lexicon.build_matcher(theme_aliases)
    names = themes.theme_names(theme_aliases)
    mentions, scores, entity_evidence, theme_evidence = [], [], [], []
    for chunk in partition(documents, size=MATCH_CHUNK) or [documents]:
        if evidence:
            found_entities = lexicon.match_documents(chunk, entities, window=window)
            found_themes = lexicon.match_documents(chunk, topics, window=window)
            entity_evidence.append(found_entities)
            theme_evidence.append(found_themes)
        else:
            found_entities, found_themes = _matches(chunk, entities), _matches(chunk, topics)
        mentions.append(lexicon.count_mentions(found_entities, chunk))
        scores.append(themes.theme_scores(found_themes, chunk, themes=names))
    dated = documents[documents["date"].notna()]
    return PartitionResult(
        term_counts=term_counts,
        tokens_per_language=documents.groupby("language", as_index=False)
        .agg(tokens=("n_tokens", "sum"), docs=("doc_id", "size"))[LANGUAGE_COLUMNS],
        tokens_per_period=dated.assign(period=timeline.period_labels(dated["date"], period))
        .groupby("period", as_index=False).agg(tokens=("n_tokens", "sum"), docs=("doc_id", "nunique")),
        n_tokens=documents[["doc_id", "n_tokens"]].reset_index(drop=True),
        mentions=_concat(mentions, by=["doc_id", "entity"]),
        theme_scores=_concat(scores, by=["doc_id", "theme"]),
        period=period,
        entity_evidence=_concat(entity_evidence, by=["doc_id", "start"]) if evidence else None,
        theme_evidence=_concat(theme_evidence, by=["doc_id", "start"]) if evidence else None,
    )


def merge_results(results: Sequence[PartitionResult]) -> PartitionResult:
    """The aggregates of all partitions as one: counts summed, per-document rows put together in order."""
    if not results:
        raise InputError("no partition results to merge")
    periods = {result.period for result in results}
    if len(periods) > 1:
        raise InputError(f"partitions counted by different periods: {', '.join(sorted(periods))}")
    term_counts = (
        pd.concat([r.term_counts for r in results], ignore_index=True)
        .groupby(["language", "term", "n"], as_index=False, sort=True)
        .agg(count=("count", "sum"), doc_count=("doc_count", "sum"))
    )
    with_evidence = all(r.entity_evidence is not None for r in results)
    return PartitionResult(
        term_counts=term_counts[TERM_COLUMNS],
        tokens_per_language=_sum([r.tokens_per_language for r in results], by="language"),
        tokens_per_period=_sum([r.tokens_per_period for r in results], by="period"),
        n_tokens=pd.concat([r.n_tokens for r in results], ignore_index=True),
        mentions=_concat([r.mentions for r in results], by=["doc_id", "entity"]),
        theme_scores=_concat([r.theme_scores for r in results], by=["doc_id", "theme"]),
        period=periods.pop(),
        entity_evidence=_concat([r.entity_evidence for r in results], by=["doc_id", "start"])
        if with_evidence else None,
        theme_evidence=_concat([r.theme_evidence for r in results], by=["doc_id", "start"])
        if with_evidence else None,
    )


def analyse(
    documents: pd.DataFrame,
    *,
    entity_aliases: pd.DataFrame,
    theme_aliases: pd.DataFrame,
    engine: Engine = "local",
    partition_size: int = PARTITION_SIZE,
    workers: int = 0,
    scheduler: str | None = None,
    progress: bool | None = None,
    **options,
) -> PartitionResult:
    """The whole analysis of a corpus table, partition by partition on the chosen engine, merged.

    ``options`` are those of ``analyse_partition`` (period, ngram_range, stop_words, ...). doc_ids
    must be unique: counts of a document split across partitions would not add up.
    """
    if not documents["doc_id"].is_unique:
        duplicated = documents.loc[documents["doc_id"].duplicated(), "doc_id"].head(3).tolist()
        raise InputError(f"doc_id must be unique to analyse by partition; repeated: {', '.join(map(str, duplicated))}")
    known = set(inspect.signature(analyse_partition).parameters) - {"documents", "entity_aliases", "theme_aliases"}
    if unknown := sorted(set(options) - known):
        raise InputError(f"unknown analysis option '{unknown[0]}' (known: {', '.join(sorted(known))})")
    step = partial(analyse_partition, entity_aliases=entity_aliases, theme_aliases=theme_aliases, **options)
    parts = partition(documents, size=partition_size) or [documents]
    return merge_results(run_partitions(step, parts, engine=engine, scheduler=scheduler, workers=workers,
                                        progress=progress, label="partitions analysed"))


def term_frequency(result: PartitionResult) -> pd.DataFrame:
    """The term frequency table of the report (``frequency.term_frequency``) from merged counts."""
    table = result.term_counts
    tokens = result.tokens_per_language.set_index("language")["tokens"]
    table = table.assign(per_1k=(table["count"] / table["language"].map(tokens) * 1000).round(4))
    return frequency.sort_frequency(table[frequency.FREQUENCY_COLUMNS])


def mention_timeline(result: PartitionResult, *, entities: Sequence[str] | None = None) -> pd.DataFrame:
    """The mention timeline of the report (``timeline.mention_timeline``) from merged counts.

    Every entity gets a row for every period that has dated documents (zeros included).
    """
    per_period = result.tokens_per_period.set_index("period")[["tokens", "docs"]]
    if per_period.empty:
        return pd.DataFrame(columns=timeline.TIMELINE_COLUMNS)
    mentions = result.mentions
    names = sorted(set(mentions["entity"])) if entities is None else list(entities)
    selected = mentions[mentions["date"].notna() & mentions["entity"].isin(names)]
    counted = (
        selected.assign(period=timeline.period_labels(selected["date"], result.period))
        .groupby(["period", "entity"])
        .agg(mentions=("mentions", "sum"), docs_mentioning=("doc_id", "nunique"))
    )
    grid = pd.MultiIndex.from_product([per_period.index, names], names=["period", "entity"])
    table = counted.reindex(grid, fill_value=0).reset_index().merge(per_period.reset_index(), on="period")
    table["per_1k"] = (table["mentions"] / table["tokens"] * 1000).round(4)
    table = table[timeline.TIMELINE_COLUMNS].astype(
        {"mentions": int, "docs_mentioning": int, "tokens": int, "docs": int})
    return table.sort_values(["period", "entity"], kind="mergesort").reset_index(drop=True)


def _matches(documents: pd.DataFrame, matcher: lexicon.Matcher) -> pd.DataFrame:
    """The evidence columns that mentions and theme scores count (``match_documents`` without the context)."""
    rows = [(doc_id, m.entity, m.entity_type)
            for doc_id, text in zip(documents["doc_id"].tolist(), documents["text"].tolist(), strict=True)
            for m in lexicon.match_text(text, matcher)]
    return pd.DataFrame(rows, columns=["doc_id", "entity", "entity_type"])


def _concat(tables: list[pd.DataFrame | None], *, by: list[str]) -> pd.DataFrame:
    """Tables of disjoint documents as one, in the order the whole-corpus function sorts them."""
    kept = [t for t in tables if t is not None and not t.empty] or [t for t in tables if t is not None][:1]
    table = pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0]
    return table.sort_values(by, kind="mergesort").reset_index(drop=True)


def _sum(tables: list[pd.DataFrame], *, by: str) -> pd.DataFrame:
    table = pd.concat(tables, ignore_index=True)
    return table.groupby(by, as_index=False, sort=True)[["tokens", "docs"]].sum()
