"""Mention totals per country: every country of the lexicon, zeros included."""

import pandas as pd
import pytest

from newsreport.bidi import unmark
from newsreport.mentions import count_mentions, country_totals, describe_countries

ALIASES = pd.DataFrame({
    "entity": ["INTERPOL", "Tunisia", "Tunisia", "Iraq", "Syria", "Lebanon", "Maghreb"],
    "entity_type": ["organisation", "country", "country", "country", "country", "country", "region"],
    "language": ["en", "en", "fr", "en", "en", "en", "en"],
    "alias": ["INTERPOL", "Tunisia", "Tunisie", "Iraq", "Syria", "Lebanon", "Maghreb"],
})
DOCUMENTS = pd.DataFrame({"doc_id": ["a", "b"], "n_tokens": [600, 400]})
COUNTS = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "entity": ["INTERPOL", "Tunisia", "Tunisia", "Iraq"],
                       "entity_type": ["organisation", "country", "country", "country"], "mentions": [9, 3, 2, 4]})


def test_every_country_of_the_lexicon_is_a_row_zeros_included():
    totals = country_totals(ALIASES, COUNTS, DOCUMENTS)
    assert totals["entity"].tolist() == ["Tunisia", "Iraq", "Lebanon", "Syria"]  # most mentioned, then by name
    assert totals["mentions"].tolist() == [5, 4, 0, 0]  # zeros by name
    row = totals.set_index("entity")
    assert (row.loc["Tunisia", "mentions"], row.loc["Tunisia", "documents"]) == (5, 2)
    assert row.loc["Tunisia", "per_1k"] == 5.0
    assert (row.loc["Syria", "mentions"], row.loc["Syria", "documents"], row.loc["Syria", "per_1k"]) == (0, 0, 0.0)
    assert "INTERPOL" not in row.index and "Maghreb" not in row.index  # countries only


def test_countries_sentence_names_the_absent():
    totals = country_totals(ALIASES, COUNTS, DOCUMENTS)
    assert unmark(describe_countries(totals)) == (
        "2 of the 4 countries of the lexicon are mentioned, most often Tunisia (5), Iraq (4); "
        "2 are never mentioned: Lebanon, Syria.")
    none = country_totals(ALIASES, COUNTS.iloc[0:0], DOCUMENTS)
    assert none["mentions"].eq(0).all() and len(none) == 4
    assert describe_countries(none.iloc[0:0]) == "The lexicon lists no country."


def test_mentions_are_evidence_rows_counted_per_document_and_entity_sorted_by_both():
    evidence = pd.DataFrame({"doc_id": ["b", "a", "b", "b", "a"], "entity": ["Zeta", "Zeta", "Alpha", "Zeta", "Élan"],
                             "entity_type": ["org", "org", "org", "org", "topic"]}).astype("category")
    documents = pd.DataFrame({"doc_id": ["a", "b"], "date": pd.to_datetime(["2015-01-02", None])})
    counted = count_mentions(evidence, documents)
    assert counted[["doc_id", "entity", "mentions"]].values.tolist() == [
        ["a", "Zeta", 1], ["a", "Élan", 1], ["b", "Alpha", 1], ["b", "Zeta", 2]]  # "Élan" after "Zeta": code points
    assert counted["date"].isna().tolist() == [False, False, True, True]
    with pytest.raises(ValueError, match="without their entity_type"):
        count_mentions(evidence.astype(object).assign(entity_type=["org", None, "org", "org", "topic"]), documents)
