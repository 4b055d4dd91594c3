"""Term frequency: counts per language, per document, distinctive terms, and terms in context.

Every count comes from the corpus index's term counts (``index.TermCounts``, made by ``tokens.TermOptions``),
so the tables, the bar charts and the word clouds agree; rates are per 1,000 tokens of the documents in
that language (``n_tokens``, which includes stop words).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from newsreport.bidi import mark
from newsreport.concordance import WINDOW, kwic
from newsreport.contract import TABLES
from newsreport.index import TermCounts
from newsreport.labels import plural
from newsreport.language import language_name
from newsreport.rates import per_1k
from newsreport.tokens import TermOptions

DOC_TERM_COLUMNS = list(TABLES["term_document.csv"].columns)
FREQUENCY_COLUMNS = list(TABLES["term_frequency.csv"].columns)

#: What the columns of the term tables mean where they are shown, per language.
EXPLAINED = {"count": "occurrences in the language's documents (a word inside a multi-word term of the table counts "
                      "in that term, not also as itself)",
             "per_1k": "occurrences per 1,000 tokens of the language's documents"}


def term_frequency(terms: TermCounts, documents: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Per term and language: count, documents containing it, rate per 1,000 tokens of that language; and the
    documents that left no term (only stop words)."""
    counted = terms.by_group(documents.set_index("doc_id")["language"])
    counts = counted.counts.rename(columns={"group": "language"})
    tokens = documents.groupby("language")["n_tokens"].sum()
    table = counts.assign(per_1k=per_1k(counts["count"], counts["language"].map(tokens)))
    return sort_frequency(table[FREQUENCY_COLUMNS]), counted.empty


def document_terms(terms: TermCounts, documents: pd.DataFrame) -> pd.DataFrame:
    """Term counts of the given documents: doc_id, language, term, n (words in the term), count."""
    table = terms.of_documents(documents["doc_id"].tolist())
    table.insert(1, "language", table["doc_id"].map(documents.set_index("doc_id")["language"]))
    return table[DOC_TERM_COLUMNS]


def sort_frequency(table: pd.DataFrame) -> pd.DataFrame:
    """Most frequent first within each language, then the more widespread, then by term."""
    ordered = table.assign(_count=-table["count"], _docs=-table["doc_count"]).sort_values(
        ["language", "_count", "_docs", "term"], kind="mergesort"
    )
    return ordered.drop(columns=["_count", "_docs"]).reset_index(drop=True)


def top_terms(frequency: pd.DataFrame, *, top_n: int = 20, min_words: int = 1) -> pd.DataFrame:
    """The ``top_n`` most frequent terms of each language (of ``min_words`` words or more), ranked."""
    selected = frequency[frequency["n"] >= min_words]
    top = sort_frequency(selected).groupby("language", sort=True).head(top_n).copy()
    top.insert(0, "rank", top.groupby("language").cumcount() + 1)
    return top.reset_index(drop=True)


def distinctive_terms(doc_terms: pd.DataFrame, *, by: str = "doc_id", top_n: int = 10,
                      idf: pd.Series | None = None) -> pd.DataFrame:
    """TF-IDF of terms per group (a document, or a language as one pseudo-document).

    tf = the term's share of the group's terms; idf = ln((1 + groups) / (1 + groups with it)) + 1,
    scikit-learn's smoothed idf, so a term in every group still scores by its frequency. With fewer than two
    groups there is nothing to set apart, and no row. When the groups are some of the corpus's documents (the
    ones shown), pass the corpus's ``idf`` (``corpus_idf``): a score then does not depend on which are shown.
    """
    counts = doc_terms.groupby([by, "term"], as_index=False)["count"].sum()
    if idf is None:
        groups = counts[by].nunique()
        idf = _smoothed_idf(counts.groupby("term")[by].nunique(), groups) if groups >= 2 else pd.Series(dtype=float)
    if idf.empty:  # nothing sets one group apart from no other: its "distinctive" terms are its frequent ones
        return pd.DataFrame(columns=["group", "rank", "term", "count", "tfidf"])
    totals = counts.groupby(by)["count"].transform("sum")
    counts["tfidf"] = (counts["count"] / totals * counts["term"].map(idf)).round(6)
    ordered = counts.assign(_neg=-counts["tfidf"]).sort_values([by, "_neg", "term"], kind="mergesort")
    top = ordered.groupby(by, sort=True).head(top_n).drop(columns="_neg")
    top.insert(1, "rank", top.groupby(by).cumcount() + 1)
    return top.rename(columns={by: "group"}).reset_index(drop=True)


def corpus_idf(frequency: pd.DataFrame, documents: int) -> pd.Series:
    """Each term's smoothed idf (``distinctive_terms``) over the whole corpus of ``documents`` documents, from the
    term frequency table's ``doc_count``; empty with fewer than two documents."""
    if documents < 2:
        return pd.Series(dtype=float)
    return _smoothed_idf(frequency.groupby("term")["doc_count"].sum(), documents)


def _smoothed_idf(document_frequency: pd.Series, documents: int) -> pd.Series:
    return document_frequency.map(lambda n: math.log((1 + documents) / (1 + n)) + 1)


def concordance(
    documents: pd.DataFrame, term: str, *, options: TermOptions, language: str | None = None, window: int = WINDOW,
    limit: int | None = None, written: Sequence[str] = (),
) -> pd.DataFrame:
    """Keyword in context for a term, at every occurrence the term tables count (``options``: the compounded
    term options they were counted with, ``TermCounts.options``), so that "east" is not shown inside "Middle
    East" when that counts as one term; the first ``limit`` contexts, in document order, when given (a large
    corpus is not read to the end). ``written``: the forms the tables count as the term (an Arabic term with
    its proclitics, ``TermCounts.written_forms``), when not only the term itself."""
    extract, wanted = options.extractor(), set(written or [term])
    rows = []
    selected = documents if language is None else documents[documents["language"] == language]
    for doc_id, lang, text in selected[["doc_id", "language", "text"]].itertuples(index=False):
        for form, start, end in extract.occurrences(text, lang):
            if form in wanted:
                rows.append((term, doc_id, start, end, *kwic(text, start, end, window=window)))
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["term", "doc_id", "start", "end", "left", "match", "right"])


def concordances(
    partitions: Iterable[pd.DataFrame], top: pd.DataFrame, *, options: TermOptions, per_term: int = 5,
    window: int = WINDOW, written: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Keyword in context for each term of ``top`` in its language (column ``language``), the first ``per_term``
    contexts in document order (``concordance``); ``partitions`` (the corpus's documents with text,
    ``Corpus.texts``) are read only as far as needed. ``written``: the forms counted as a term, for the terms
    counted from several."""
    wanted = {(term, language): [] for term, language in zip(top["term"], top["language"], strict=True)}
    def missing() -> list[tuple[tuple[str, str], list[pd.DataFrame]]]:
        return [(key, found) for key, found in wanted.items() if sum(map(len, found)) < per_term]

    for documents in partitions if missing() else ():
        for (term, language), found in missing():
            found.append(concordance(documents, term, options=options, language=language, window=window,
                                     limit=per_term - sum(map(len, found)), written=(written or {}).get(term, ())))
        if not missing():
            break
    tables = [pd.concat(found, ignore_index=True).head(per_term).assign(language=language)
              for (_, language), found in wanted.items() if found]
    columns = ["term", "doc_id", "start", "end", "left", "match", "right", "language"]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)


def listed_terms(distinctive: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """The distinctive terms (``distinctive_terms``) as a reader scans them: one row per group (column ``by``,
    what the table was grouped by), its terms most distinctive first."""
    listed = distinctive.groupby("group", sort=True)["term"].agg(", ".join)
    return pd.DataFrame({by: listed.index.to_numpy(), "terms": listed.to_numpy()})


def distinctive_table(by_document: pd.DataFrame, by_language: pd.DataFrame) -> pd.DataFrame:
    """Both distinctive-term tables as one, with the scope (document or language) of each row."""
    return pd.concat(
        [by_document.assign(scope="document"), by_language.assign(scope="language")], ignore_index=True
    )[["scope", "group", "rank", "term", "count", "tfidf"]]


def no_terms_note(documents: pd.DataFrame, counts: pd.DataFrame, empty: list[str]) -> str:
    """Which languages and documents left no term after stop words ("" when every one has terms)."""
    languages = sorted(set(documents["language"]) - set(counts["language"]))
    parts = []
    if languages:
        parts.append(f"No terms in {', '.join(languages)}: its documents are empty or made only of stop words")
    if empty:
        listed = ", ".join(map(mark, empty[:10])) + (", …" if len(empty) > 10 else "")
        parts.append(f"{plural(len(empty), 'document has', 'documents have')} no terms ({listed})")
    return "; ".join(parts) + "." if parts else ""


def describe_top(top: pd.DataFrame, *, k: int = 5) -> str:
    """One sentence naming the most frequent terms of each language, with their counts (each term marked to
    be read in its own direction)."""
    parts = []
    for language, group in top.groupby("language", sort=True):
        listed = ", ".join(f"“{mark(t)}” ({c:,})" for t, c in zip(group["term"][:k], group["count"][:k], strict=True))
        parts.append(f"in {language_name(language)} {listed}")
    return ("The most frequent terms are " + "; ".join(parts) + ".") if parts else "No terms to report."
