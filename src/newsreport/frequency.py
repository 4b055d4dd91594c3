"""Term frequency: counts per document and per language, document frequency, distinctive terms.

Everything is counted from the same terms (``newsreport.tokens.terms``), so the tables, the bar
charts and the word clouds agree; rates are per 1,000 tokens of the documents in that language
(``n_tokens``, which includes stop words).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from newsreport.concordance import kwic
from newsreport.tables import write_csv
from newsreport.tokens import stop_words as stop_word_list
from newsreport.tokens import terms, token_spans

DOC_TERM_COLUMNS = ["doc_id", "language", "term", "n", "count"]
FREQUENCY_COLUMNS = ["term", "language", "n", "count", "doc_count", "per_1k"]


def term_options(
    *,
    ngram_range: tuple[int, int],
    stop_words: tuple[str, ...],
    stopwords_file: Path | None,
    min_length: int,
    lowercase: bool,
    lemmatize: bool,
) -> Callable[[str, str], list[str]]:
    """The term extractor a run uses (text, language -> terms), built once from its parameters."""
    def extract(text: str, language: str) -> list[str]:
        return terms(
            text, language=language, ngram_range=ngram_range, min_length=min_length, lowercase=lowercase,
            lemmatize=lemmatize, stop_words=stop_word_list(language, sources=stop_words, project_file=stopwords_file),
        )
    return extract


def document_terms(documents: pd.DataFrame, extract: Callable[[str, str], list[str]]) -> pd.DataFrame:
    """Term counts per document: doc_id, language, term, n (words in the term), count."""
    rows = []
    for doc_id, language, text in documents[["doc_id", "language", "text"]].itertuples(index=False):
        for term, count in Counter(extract(text, language)).items():
            rows.append((doc_id, language, term, term.count(" ") + 1, count))
    table = pd.DataFrame(rows, columns=DOC_TERM_COLUMNS)
    return table.sort_values(["doc_id", "term"], kind="mergesort").reset_index(drop=True)


def term_frequency(doc_terms: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per term and language: count, documents containing it, rate per 1,000 tokens of that language."""
    counts = (doc_terms.groupby(["language", "term", "n"], as_index=False)
              .agg(count=("count", "sum"), doc_count=("doc_id", "nunique")))
    tokens = documents.groupby("language", as_index=False).agg(tokens=("n_tokens", "sum"))
    return frequency_table(counts, tokens)


def frequency_table(counts: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """The term frequency table from counts per language (language, term, n, count, doc_count) and the
    tokens of each language (language, tokens): also what partitioned counting (analysis) merges into."""
    per_language = tokens.set_index("language")["tokens"]
    table = counts.assign(per_1k=(counts["count"] / counts["language"].map(per_language) * 1000).round(4))
    return sort_frequency(table[FREQUENCY_COLUMNS])


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


def distinctive_terms(doc_terms: pd.DataFrame, *, by: str = "doc_id", top_n: int = 10) -> pd.DataFrame:
    """TF-IDF of terms per group (a document, or a language as one pseudo-document).

    tf = the term's share of the group's terms; idf = ln((1 + groups) / (1 + groups with it)) + 1,
    scikit-learn's smoothed idf, so a term in every group still scores by its frequency.
    """
    counts = doc_terms.groupby([by, "term"], as_index=False)["count"].sum()
    groups = counts[by].nunique()
    document_frequency = counts.groupby("term")[by].nunique()
    totals = counts.groupby(by)["count"].transform("sum")
    idf = counts["term"].map(lambda t: math.log((1 + groups) / (1 + document_frequency[t])) + 1)
    counts["tfidf"] = (counts["count"] / totals * idf).round(6)
    ordered = counts.assign(_neg=-counts["tfidf"]).sort_values([by, "_neg", "term"], kind="mergesort")
    top = ordered.groupby(by, sort=True).head(top_n).drop(columns="_neg")
    top.insert(1, "rank", top.groupby(by).cumcount() + 1)
    return top.rename(columns={by: "group"}).reset_index(drop=True)


def concordance(
    documents: pd.DataFrame, term: str, *, language: str | None = None, window: int = 60,
    lemmatize: bool = False, limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context for a term (one or more words) as the term tables count it (the first
    ``limit`` contexts, in document order, when given: a large corpus is not read to the end)."""
    from newsreport.tokens import lemma

    wanted = term.lower().split()
    rows = []
    selected = documents if language is None else documents[documents["language"] == language]
    for doc_id, lang, text in selected[["doc_id", "language", "text"]].itertuples(index=False):
        tokens = list(token_spans(text, language=lang))
        forms = [lemma(t.form, lang) if lemmatize else t.form for t in tokens]
        for i in range(len(tokens) - len(wanted) + 1):
            if forms[i : i + len(wanted)] == wanted and len({t.sentence for t in tokens[i : i + len(wanted)]}) == 1:
                start, end = tokens[i].start, tokens[i + len(wanted) - 1].end
                left, match, right = kwic(text, start, end, window=window)
                rows.append((term, doc_id, start, end, left, match, right))
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["term", "doc_id", "start", "end", "left", "match", "right"])


def concordances(
    documents: pd.DataFrame, top: pd.DataFrame, *, per_term: int = 5, window: int = 60, lemmatize: bool = False
) -> pd.DataFrame:
    """Keyword in context for each term of ``top`` in its language, the first ``per_term`` contexts."""
    tables = [
        concordance(documents, term, language=language, window=window, lemmatize=lemmatize, limit=per_term)
        .head(per_term)
        for term, language in zip(top["term"], top["language"], strict=True)
    ]
    columns = ["term", "doc_id", "start", "end", "left", "match", "right"]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)


def sample(documents: pd.DataFrame, *, limit: int) -> pd.DataFrame:
    """The documents a per-document table shows: all of a small corpus, the first ``limit`` by doc_id else."""
    return documents.sort_values("doc_id", kind="mergesort").head(limit)


def save_frequency(
    doc_terms: pd.DataFrame, frequency: pd.DataFrame, distinctive: pd.DataFrame, contexts: pd.DataFrame,
    *, tables: Path,
) -> dict[str, Path]:
    """Write the term tables of the report (term_frequency.csv is the output contract's)."""
    return {
        "term_frequency.csv": write_csv(frequency, tables / "term_frequency.csv", sort_by=[]),
        "term_document.csv": write_csv(doc_terms, tables / "term_document.csv", sort_by=["doc_id", "term"]),
        "distinctive_terms.csv": write_csv(distinctive, tables / "distinctive_terms.csv",
                                           sort_by=["scope", "group", "rank"]),
        "term_contexts.csv": write_csv(contexts, tables / "term_contexts.csv", sort_by=[]),
    }


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
        parts.append(f"{len(empty)} documents have no terms ({', '.join(empty[:10])})")
    return "; ".join(parts) + "." if parts else ""


def describe_top(top: pd.DataFrame, *, names: Mapping[str, str], k: int = 5) -> str:
    """One sentence naming the most frequent terms of each language, with their counts."""
    parts = []
    for language, group in top.groupby("language", sort=True):
        listed = ", ".join(f"“{t}” ({c:,})" for t, c in zip(group["term"][:k], group["count"][:k], strict=True))
        parts.append(f"in {names.get(language, language)} {listed}")
    return ("The most frequent terms are " + "; ".join(parts) + ".") if parts else "No terms to report."
