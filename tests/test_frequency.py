import math

import pandas as pd
import pytest
from conftest import corpus_of
from pandas.testing import assert_frame_equal

from newsreport import index
from newsreport.engine import EngineOptions
from newsreport.frequency import (
    concordance,
    concordances,
    corpus_idf,
    distinctive_terms,
    document_terms,
    no_terms_note,
    term_frequency,
    top_terms,
)
from newsreport.tokens import TermOptions


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


def term_counts(documents, folder):
    corpus = corpus_of(documents, folder, partition_size=2)
    return index.term_counts(corpus, TermOptions(stop_words=("maintained",)), index=folder / "index",
                             engine=EngineOptions())


@pytest.fixture
def terms(documents, tmp_path):
    return term_counts(documents, tmp_path)


def test_counts_doc_frequency_and_rate_per_language(documents, terms):
    freq = term_frequency(terms, documents)[0].set_index(["term", "language"])
    assert freq.loc[("border security", "en"), "count"] == 3
    assert freq.loc[("border security", "en"), "doc_count"] == 2
    assert freq.loc[("border security", "en"), "per_1k"] == pytest.approx(3 / 14 * 1000, abs=1e-4)
    assert freq.loc[("coopération", "fr"), "per_1k"] == pytest.approx(1 / 9 * 1000, abs=1e-4)
    assert ("the", "en") not in freq.index


def test_top_terms_rank_each_language_apart(documents, terms):
    freq = term_frequency(terms, documents)[0]
    top = top_terms(freq, top_n=2)
    assert list(zip(top["language"], top["rank"], top["term"], strict=True)) == [
        ("en", 1, "border security"), ("en", 2, "police"), ("fr", 1, "coopération"), ("fr", 2, "frontières")]
    assert top_terms(freq, top_n=5, min_words=2)["term"].tolist() == ["border security"]


def test_a_collocation_counts_once_as_one_term_and_other_pairs_are_no_phrases(documents, terms):
    """"border security", written three times, is a collocation: it is one term, and its words are not
    counted again inside it; "coopération policière", written once, is no phrase."""
    freq = term_frequency(terms, documents)[0].set_index(["language", "term"])
    assert freq.loc[("en", "border security"), "count"] == 3
    assert ("en", "border") not in freq.index and ("en", "security") not in freq.index
    assert ("fr", "coopération policière") not in freq.index and freq.loc[("fr", "policière"), "count"] == 1


def test_distinctive_terms_favour_what_others_lack(documents, terms):
    doc_terms = document_terms(terms, documents)
    assert doc_terms[doc_terms["doc_id"] == "a"].set_index("term")["count"].to_dict() == {
        "border security": 2, "police": 1}
    table = distinctive_terms(doc_terms, top_n=1)
    assert table.set_index("group").loc["b", "term"] == "cooperation"


def test_a_documents_distinctive_terms_do_not_depend_on_which_documents_are_shown(documents, terms):
    frequency = term_frequency(terms, documents)[0]
    idf = corpus_idf(frequency, documents=len(documents))
    everyone = distinctive_terms(document_terms(terms, documents), top_n=3, idf=idf)
    shown = distinctive_terms(document_terms(terms, documents.head(2)), top_n=3, idf=idf)
    assert_frame_equal(shown, everyone[everyone["group"].isin(["a", "b"])].reset_index(drop=True))
    # "police" is in a and b of 4 documents: tf 1/3 in a, idf ln(5/3) + 1
    assert shown.set_index(["group", "term"]).loc[("a", "police"), "tfidf"] == round(1 / 3 * (math.log(5 / 3) + 1), 6)


def test_concordance_finds_multiword_terms_with_context(documents, terms):
    rows = concordance(documents, "border security", options=terms.options, language="en", window=16)
    assert list(rows["doc_id"]) == ["a", "a", "b"]
    assert rows.iloc[2][["left", "match", "right"]].tolist() == ["cooperation on ", "border security", "."]


def test_a_terms_contexts_are_the_occurrences_its_count_counts(documents, terms):
    """"border security" is a collocation, counted as one term: its words are not counted, nor shown, inside it."""
    counts = term_frequency(terms, documents)[0]
    contexts = concordances([documents], counts, options=terms.options, per_term=100)
    shown = contexts.groupby(["term", "language"]).size()
    assert shown.to_dict() == counts.set_index(["term", "language"])["count"].to_dict()
    assert ("security", "en") not in shown.index and shown[("police", "en")] == 2


def test_concordances_read_only_as_far_as_needed(documents, terms):
    read = []

    def partitions():
        for start in range(0, len(documents), 2):
            read.append(start)
            yield documents.iloc[start : start + 2]
    top = pd.DataFrame({"term": ["border security"], "language": ["en"]})
    rows = concordances(partitions(), top, options=terms.options, per_term=2, window=10)
    assert list(rows["doc_id"]) == ["a", "a"] and read == [0]


def test_stopword_only_document_is_named(documents, terms, tmp_path):
    counts, empty = term_frequency(terms, documents)
    assert no_terms_note(documents, counts, empty) == "1 document has no terms (\u2068d\u2069)."  # id isolated
    only = documents[documents["doc_id"] == "d"]
    nothing, empty = term_frequency(term_counts(only, tmp_path / "only"), only)
    assert nothing.empty and "No terms in en" in no_terms_note(only, nothing, empty)


def test_a_compounded_phrase_is_found_in_context_as_written():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", "fr"], "text": [
        "Chief Ronald K. Noble spoke. Two National Central Bureaus and one national central bureau met.",
        "Le partage d’informations progresse."]})
    options = TermOptions(phrases=(("en", "Ronald K. Noble"), ("en", "national central bureau"),
                                   ("fr", "partage d'informations")))
    assert concordance(documents, "ronald k noble", options=options, language="en")["match"].tolist() == [
        "Ronald K. Noble"]
    assert concordance(documents, "partage d'informations", options=options, language="fr")["match"].tolist() == [
        "partage d’informations"]
    # the plural counts as the phrase, and is shown as written
    assert concordance(documents, "national central bureau", options=options)["match"].tolist() == [
        "National Central Bureaus", "national central bureau"]
    assert concordance(documents, "noble", options=options).empty  # a word of a compound is not the word
