import pandas as pd
import pytest

from newsreport.frequency import (
    concordance,
    distinctive_terms,
    document_terms,
    no_terms_note,
    term_frequency,
    term_options,
    top_terms,
)


@pytest.fixture
def documents():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "language": ["en", "en", "fr", "en"],
        "text": [
            "Border security. Border security and police.",
            "Police cooperation on border security.",
            "La coopération policière et la sécurité des frontières.",
            "The and of.",
        ],
        "n_tokens": [6, 5, 9, 3],
    })


@pytest.fixture
def extract():
    return term_options(ngram_range=(1, 2), stop_words=("maintained",), stopwords_file=None, min_length=2,
                        lowercase=True, lemmatize=False)


def test_counts_doc_frequency_and_rate_per_language(documents, extract):
    doc_terms = document_terms(documents, extract)
    freq = term_frequency(doc_terms, documents).set_index(["term", "language"])
    assert freq.loc[("border security", "en"), "count"] == 3
    assert freq.loc[("border security", "en"), "doc_count"] == 2
    assert freq.loc[("border security", "en"), "per_1k"] == pytest.approx(3 / 14 * 1000, abs=1e-4)
    assert freq.loc[("coopération", "fr"), "per_1k"] == pytest.approx(1 / 9 * 1000, abs=1e-4)
    assert ("the", "en") not in freq.index


def test_top_terms_rank_each_language_apart(documents, extract):
    freq = term_frequency(document_terms(documents, extract), documents)
    top = top_terms(freq, top_n=2)
    assert list(zip(top["language"], top["rank"], top["term"], strict=True)) == [
        ("en", 1, "border"), ("en", 2, "border security"), ("fr", 1, "coopération"), ("fr", 2, "coopération policière")]
    assert set(top_terms(freq, top_n=5, min_words=2)["n"]) == {2}


def test_distinctive_terms_favour_what_others_lack(documents, extract):
    table = distinctive_terms(document_terms(documents, extract), top_n=1)
    assert table.set_index("group").loc["b", "term"] == "cooperation"


def test_concordance_finds_multiword_terms_with_context(documents):
    rows = concordance(documents, "border security", language="en", window=16)
    assert list(rows["doc_id"]) == ["a", "a", "b"]
    assert rows.iloc[2][["left", "match", "right"]].tolist() == ["cooperation on ", "border security", "."]


def test_stopword_only_document_is_named(documents):
    from newsreport.analysis import count_terms, language_frequency

    options = {"stop_words": ("maintained",)}
    terms = count_terms(documents, **options)
    assert no_terms_note(documents, language_frequency(terms), terms.empty) == "1 documents have no terms (d)."
    only = documents[documents["doc_id"] == "d"]
    nothing = count_terms(only, **options)
    assert "No terms in en" in no_terms_note(only, language_frequency(nothing), nothing.empty)
    assert language_frequency(nothing).empty
