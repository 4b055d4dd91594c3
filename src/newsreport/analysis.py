"""The analysis of the report at scale: each partition of the corpus analysed apart, then the aggregates merged.

A partition's analysis is the report's own functions (``tokens.count_tokens``, the term extractor of
``frequency.term_options``, ``matching.match_documents`` and ``count_mentions``, ``themes.theme_scores``,
``timeline.period_labels``) applied to its documents; it returns counts, never tokens. Counts add up
across partitions because a document belongs to one partition, so the merged tables equal those of
the same functions run on the whole corpus at once, whichever engine ran the partitions.
"""

from __future__ import annotations

import inspect
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from newsreport import frequency, matching, themes, timeline, tokens
from newsreport.concordance import WINDOW
from newsreport.engine import Engine, partition, run_partitions
from newsreport.errors import InputError
from newsreport.tables import write_csv
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
    mentions: pd.DataFrame  # as matching.count_mentions
    theme_scores: pd.DataFrame  # as themes.theme_scores
    period: timeline.Period = "year"
    entity_evidence: pd.DataFrame | None = field(default=None, repr=False)  # as matching.match_documents
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
    pickle, and compiled here (``build_matcher`` caches them per process). Mentions and theme
    hits are counted from ``match_text``'s matches, the rows of ``match_documents`` without their
    context; with ``evidence``, ``match_documents`` runs and its rows come back too (for small
    corpora: evidence grows with the text).
    """
    extract = frequency.term_options(ngram_range=tuple(ngram_range), stop_words=tuple(stop_words),
                                     stopwords_file=stopwords_file, min_length=min_length, lowercase=lowercase,
                                     lemmatize=lemmatize)
    texts, languages = documents["text"].tolist(), documents["language"].tolist()
    counts: dict[str, Counter[str]] = {}
    doc_counts: dict[str, Counter[str]] = {}
    n_tokens = []
    bag = _term_bag(ngram_range=tuple(ngram_range), stop_words=tuple(stop_words), stopwords_file=stopwords_file,
                    min_length=min_length, lowercase=lowercase, lemmatize=lemmatize)
    for text, language in zip(texts, languages, strict=True):
        if bag is not None:  # the same terms, in an order that only the counts' row order could show
            count, found = bag(text, language)
            n_tokens.append(count)
        else:
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
    entities, topics = matching.build_matcher(entity_aliases), matching.build_matcher(theme_aliases)
    names = themes.theme_names(theme_aliases)
    mentions, scores, entity_evidence, theme_evidence = [], [], [], []
    if evidence:
        for chunk in partition(documents, size=MATCH_CHUNK) or [documents]:
            found_entities = matching.match_documents(chunk, entities, window=window)
            found_themes = matching.match_documents(chunk, topics, window=window)
            entity_evidence.append(found_entities)
            theme_evidence.append(found_themes)
            mentions.append(matching.count_mentions(found_entities, chunk))
            scores.append(themes.theme_scores(found_themes, chunk, themes=names))
    else:  # per document, both lexicons in turn (one folding); the tables once, as by chunk and concatenated
        found_entities, found_themes = _matches(documents, entities, topics)
        mentions.append(matching.count_mentions(found_entities, documents))
        scores.append(themes.theme_scores(found_themes, documents, themes=names))
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


def _term_bag(
    *, ngram_range: tuple[int, ...], stop_words: tuple[str, ...], stopwords_file: Path | None, min_length: int,
    lowercase: bool, lemmatize: bool,
) -> Callable[[str, str], tuple[int, list[str]]] | None:
    """``tokens.term_bag`` for these options (text, language -> token count, terms), or None where it does not
    apply (n-grams other than the default, lemmas): then the term extractor of ``frequency.term_options`` runs."""
    if tuple(ngram_range) != (1, 2) or lemmatize:
        return None

    def bag(text: str, language: str) -> tuple[int, list[str]]:
        words = tokens.stop_words(language, sources=stop_words, project_file=stopwords_file)
        return tokens.term_bag(text, language=language, stop_words=words, min_length=min_length, lowercase=lowercase)
    return bag


def _matches(documents: pd.DataFrame, *matchers: matching.Matcher) -> list[pd.DataFrame]:
    """For each matcher, its mentions counted per document and entry (doc_id, entity, entity_type, mentions > 0):
    what ``count_mentions`` and ``theme_scores`` count, each document matched with every matcher in turn."""
    rows: list[list[tuple[str, str, str, int]]] = [[] for _ in matchers]
    for doc_id, text in zip(documents["doc_id"].tolist(), documents["text"].tolist(), strict=True):
        for found, matcher in zip(rows, matchers, strict=True):
            if mentions := matching.mention_entities(text, matcher):
                found += [(doc_id, *entry, n) for entry, n in Counter(mentions).items()]
    return [pd.DataFrame(found, columns=["doc_id", "entity", "entity_type", "mentions"]) for found in rows]


def _concat(tables: list[pd.DataFrame | None], *, by: list[str]) -> pd.DataFrame:
    """Tables of disjoint documents as one, in the order the whole-corpus function sorts them."""
    kept = [t for t in tables if t is not None and not t.empty] or [t for t in tables if t is not None][:1]
    table = pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0]
    return table.sort_values(by, kind="mergesort").reset_index(drop=True)


def _sum(tables: list[pd.DataFrame], *, by: str) -> pd.DataFrame:
    table = pd.concat(tables, ignore_index=True)
    return table.groupby(by, as_index=False, sort=True)[["tokens", "docs"]].sum()


# --- what each notebook runs by partition ------------------------------------------------------


@dataclass
class Terms:
    """Term counts of a corpus per group (a language, or any column of the corpus table)."""

    counts: pd.DataFrame  # group, term, n, count, doc_count
    tokens: pd.DataFrame  # group, tokens, docs
    empty: list[str] = field(default_factory=list)  # documents that left no term (stop words only)


@dataclass
class Matches:
    """A lexicon matched in a corpus: counts per document, per alias, and the first evidence rows."""

    counts: pd.DataFrame  # doc_id, date, entity, entity_type, mentions (count > 0), as matching.count_mentions
    alias_hits: pd.DataFrame  # entity, alias, hits
    first_evidence: pd.DataFrame  # the first ``keep`` evidence rows of each entity, in document order
    evidence_rows: int = 0  # rows written to the evidence file


def count_terms(
    documents: pd.DataFrame, *, by: str = "language", engine: Engine = "local", partition_size: int = PARTITION_SIZE,
    workers: int = 0, scheduler: str | None = None, **term_options,
) -> Terms:
    """Term counts per ``by`` group, counted partition by partition (no document's terms are kept)."""
    step = partial(_count_terms_partition, by=by, **term_options)
    parts = partition(documents[["doc_id", by, "language", "text", "n_tokens"]].drop_duplicates("doc_id")
                      if by != "language" else documents[["doc_id", "language", "text", "n_tokens"]],
                      size=partition_size)
    results = run_partitions(step, parts, engine=engine, scheduler=scheduler, workers=workers,
                             label="partitions counted") if parts else []
    counts = (pd.concat([r.counts for r in results], ignore_index=True) if results
              else pd.DataFrame(columns=["group", "term", "n", "count", "doc_count"]))
    counts = counts.groupby(["group", "term", "n"], as_index=False, sort=True)[["count", "doc_count"]].sum()
    tokens = (pd.concat([r.tokens for r in results], ignore_index=True) if results
              else pd.DataFrame(columns=["group", "tokens", "docs"]))
    tokens = tokens.groupby("group", as_index=False, sort=True)[["tokens", "docs"]].sum()
    return Terms(counts=counts, tokens=tokens, empty=sorted(d for r in results for d in r.empty))


def _count_terms_partition(documents: pd.DataFrame, *, by: str, **term_options) -> Terms:
    options = {**_TERM_DEFAULTS, **term_options}
    bag = _term_bag(**{**options, "ngram_range": tuple(options["ngram_range"]),
                       "stop_words": tuple(options["stop_words"])})
    extract = frequency.term_options(**options) if bag is None else (lambda text, language: bag(text, language)[1])
    counts: dict[tuple[str, str], list[int]] = {}
    empty = []
    for doc_id, group, language, text in zip(documents["doc_id"], documents[by].astype(str), documents["language"],
                                             documents["text"], strict=True):
        found = Counter(extract(text, language))
        if not found:
            empty.append(doc_id)
        for term, count in found.items():
            entry = counts.setdefault((group, term), [0, 0])
            entry[0] += count
            entry[1] += 1
    table = pd.DataFrame([(g, t, t.count(" ") + 1, c, d) for (g, t), (c, d) in counts.items()],
                         columns=["group", "term", "n", "count", "doc_count"])
    tokens = (documents.assign(group=documents[by].astype(str)).groupby("group", as_index=False)
              .agg(tokens=("n_tokens", "sum"), docs=("doc_id", "size")))
    return Terms(counts=table, tokens=tokens, empty=empty)


_TERM_DEFAULTS = {"ngram_range": (1, 2), "stop_words": STOP_SOURCES, "stopwords_file": None, "min_length": 2,
                  "lowercase": True, "lemmatize": False}


def match_corpus(
    documents: pd.DataFrame, aliases: pd.DataFrame, *, evidence_file: Path, keep: int = 5, window: int = WINDOW,
    engine: Engine = "local", partition_size: int = PARTITION_SIZE, workers: int = 0, scheduler: str | None = None,
) -> Matches:
    """Match a lexicon in every document, partition by partition; the evidence goes straight to
    ``evidence_file`` (a CSV in the evidence table's columns), only counts come back."""
    parts_dir = evidence_file.with_name(evidence_file.stem + ".parts")
    shutil.rmtree(parts_dir, ignore_errors=True)
    parts_dir.mkdir(parents=True)
    columns = ["doc_id", "date", "text"]
    ordered = documents[columns].sort_values("doc_id", kind="mergesort")
    parts = [(i, part, parts_dir / f"part-{i:05d}.csv")
             for i, part in enumerate(partition(ordered, size=partition_size))]
    step = partial(_match_partition, aliases=aliases, keep=keep, window=window)
    results = run_partitions(step, parts, engine=engine, scheduler=scheduler, workers=workers,
                             label="partitions matched") if parts else []
    _concatenate_csv([path for _, _, path in parts], evidence_file, header=matching.EVIDENCE_COLUMNS)
    shutil.rmtree(parts_dir, ignore_errors=True)
    empty = Matches(pd.DataFrame(columns=matching.MENTION_COLUMNS), pd.DataFrame(columns=["entity", "alias", "hits"]),
                    pd.DataFrame(columns=matching.EVIDENCE_COLUMNS))
    if not results:
        return empty
    counts = _concat([r.counts for r in results], by=["doc_id", "entity"])
    hits = matching.alias_hits(pd.concat([r.alias_hits for r in results], ignore_index=True))
    first = pd.concat([r.first_evidence for r in results], ignore_index=True)
    first = first.groupby("entity", sort=False).head(keep).sort_values(["doc_id", "start"], kind="mergesort")
    return Matches(counts=counts, alias_hits=hits, first_evidence=first.reset_index(drop=True),
                   evidence_rows=sum(r.evidence_rows for r in results))


def _match_partition(part: tuple[int, pd.DataFrame, Path], *, aliases: pd.DataFrame, keep: int, window: int) -> Matches:
    _, documents, path = part
    evidence = matching.match_documents(documents, matching.build_matcher(aliases), window=window)
    write_csv(evidence, path, sort_by=["doc_id", "start", "entity"], header=False)
    return Matches(counts=matching.count_mentions(evidence, documents), alias_hits=matching.alias_hits(evidence),
                   first_evidence=evidence.groupby("entity", sort=False).head(keep), evidence_rows=len(evidence))


def _concatenate_csv(parts: list[Path], target: Path, *, header: list[str]) -> None:
    """Parts written without a header, joined into one CSV with one header."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        out.write((",".join(header) + "\n").encode("utf-8"))
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)


def language_frequency(terms: Terms) -> pd.DataFrame:
    """The term frequency table (frequency.term_frequency's) from term counts per language."""
    return frequency.frequency_table(terms.counts.rename(columns={"group": "language"}),
                                     terms.tokens.rename(columns={"group": "language"}))


def count_terms_by_group(
    documents: pd.DataFrame, *, by: str, language: str | None = None, **options
) -> Terms:
    """Term counts per group of ``by`` (themes.document_groups: year, outlet, ...), documents of one
    ``language`` only when given, those without a value left out: the input of keyness."""
    if language is not None:
        documents = documents[documents["language"] == language]
    groups = themes.document_groups(documents, by=by, keep_missing=False)
    grouped = documents[documents["doc_id"].isin(groups.index)]
    return count_terms(grouped.assign(group=grouped["doc_id"].map(groups).to_numpy()), by="group", **options)
