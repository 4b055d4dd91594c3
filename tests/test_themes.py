"""Theme scores, group comparison, bootstrap, co-occurrence and keyness on hand-made tables."""

import math
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy.stats import chi2_contingency

from newsreport.bidi import unmark
from newsreport.errors import InputError
from newsreport.groups import among, document_groups
from newsreport.keyness import KEYNESS_COLUMNS, keyness_of_groups, top_keyness, why_no_keyness
from newsreport.mentions import alias_hits, count_mentions
from newsreport.themes import (
    Bootstrap,
    bootstrap_shares,
    cooccurrence,
    driving_terms,
    group_scores,
    hits_by_document,
    terms_in_two_themes,
)
from newsreport.themes import theme_scores as scores_of_counts

NO_ROWS = pd.DataFrame(columns=KEYNESS_COLUMNS)  # keyness that compared no group


def theme_scores(evidence: pd.DataFrame, documents: pd.DataFrame, *, themes: list[str]) -> pd.DataFrame:
    """Theme scores from evidence rows, as the notebook makes them (counted per document first)."""
    dated = documents if "date" in documents.columns else documents.assign(date=pd.NaT)
    return scores_of_counts(count_mentions(evidence, dated), documents, themes=themes)

ROOT = Path(__file__).resolve().parents[1]
THEMES = ["Terrorism", "Border integrity", "Cyberspace"]
THEME_NAMES = [
    "Terrorism", "Border integrity", "Vulnerable communities", "Cyberspace", "Global integrity",
    "Illicit markets", "Environmental security", "Information sharing and databases",
    "Forensics and biometrics", "Training and capacity building", "International and regional cooperation",
]
GOALS_IN_FRENCH_ARTICLE = THEME_NAMES[:7]


@pytest.fixture
def documents() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"],
        "date": pd.to_datetime(["2015-03-01", "2018-01-10", "2018-06-30", None]),
        "language": ["en", "en", "fr", "en"],
        "outlet": ["A", "B", "A", None],
        "n_tokens": [200, 100, 50, 100],
    })


def _evidence(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Evidence rows as the lexicon matcher writes them, from (doc_id, entity, alias)."""
    return pd.DataFrame([
        {"doc_id": d, "entity": e, "entity_type": "theme", "alias": a, "start": i * 10, "end": i * 10 + 5,
         "left": "", "match": a, "right": ""}
        for i, (d, e, a) in enumerate(rows)
    ])


@pytest.fixture
def evidence() -> pd.DataFrame:
    return _evidence([
        ("d1", "Terrorism", "terrorism"), ("d1", "Terrorism", "terrorism"), ("d1", "Terrorism", "terrorist"),
        ("d1", "Border integrity", "border"),
        ("d2", "Terrorism", "terrorist"), ("d2", "Cyberspace", "cybercrime"),
        ("d3", "Cyberspace", "cyberespace"), ("d3", "Cyberspace", "cybercriminalité"),
    ])


@pytest.fixture
def scores(evidence, documents) -> pd.DataFrame:
    return theme_scores(evidence, documents, themes=THEMES)


# --- scores per document ---------------------------------------------------------------------

def test_theme_scores_has_every_document_and_theme_sorted(scores):
    assert list(scores.columns) == ["doc_id", "theme", "hits", "per_1k", "share"]
    assert len(scores) == 4 * 3
    assert list(zip(scores["doc_id"], scores["theme"], strict=True)) == sorted(
        (d, t) for d in ["d1", "d2", "d3", "d4"] for t in THEMES
    )


def test_theme_scores_rate_and_share(scores):
    row = scores.set_index(["doc_id", "theme"])
    assert row.loc[("d1", "Terrorism"), "hits"] == 3
    assert row.loc[("d1", "Terrorism"), "per_1k"] == pytest.approx(3 / 200 * 1000)
    assert row.loc[("d1", "Terrorism"), "share"] == pytest.approx(0.75)
    assert row.loc[("d1", "Border integrity"), "share"] == pytest.approx(0.25)
    assert row.loc[("d3", "Cyberspace"), "per_1k"] == pytest.approx(40.0)
    assert row.loc[("d3", "Cyberspace"), "share"] == 1.0
    assert scores.groupby("doc_id")["share"].sum().to_dict() == pytest.approx({"d1": 1, "d2": 1, "d3": 1, "d4": 0})


def test_document_without_hits_scores_zero(scores):
    d4 = scores[scores["doc_id"] == "d4"]
    assert (d4[["hits", "per_1k", "share"]] == 0).all().all()


def test_other_entities_are_not_counted(evidence, documents):
    mixed = pd.concat([evidence, _evidence([("d1", "INTERPOL", "INTERPOL")])], ignore_index=True)
    pd.testing.assert_frame_equal(theme_scores(mixed, documents, themes=THEMES),
                                  theme_scores(evidence, documents, themes=THEMES))


def test_empty_evidence_and_zero_tokens(documents):
    documents = documents.assign(n_tokens=[200, 100, 50, 0])
    scores = theme_scores(_evidence([]).reindex(columns=["doc_id", "entity", "entity_type", "alias"]), documents,
                          themes=THEMES)
    assert len(scores) == 12 and (scores["hits"] == 0).all() and (scores["per_1k"] == 0).all()


def test_evidence_from_another_corpus_is_an_error(evidence, documents):
    with pytest.raises(InputError, match="d9"):
        theme_scores(pd.concat([evidence, _evidence([("d9", "Terrorism", "terror")])]), documents, themes=THEMES)


# --- groups ----------------------------------------------------------------------------------

def test_group_scores_by_language(scores, documents):
    groups = group_scores(scores, documents, by="language", min_docs=2)
    assert list(groups.columns) == ["group", "theme", "docs", "hits", "tokens", "per_1k", "share", "indicative"]
    row = groups.set_index(["group", "theme"])
    en = row.loc[("en", "Terrorism")]
    assert (en["docs"], en["hits"], en["tokens"]) == (3, 4, 400)
    assert en["per_1k"] == pytest.approx(10.0)
    assert en["share"] == pytest.approx(4 / 6)
    assert not en["indicative"]
    assert row.loc[("fr", "Cyberspace"), "share"] == 1.0
    assert row.loc[("fr", "Cyberspace"), "indicative"]
    assert list(groups["group"]) == ["en"] * 3 + ["fr"] * 3
    assert groups["indicative"].tolist() == [False] * 3 + [True] * 3


def test_group_scores_default_min_docs_is_five(scores, documents):
    assert group_scores(scores, documents, by="language")["indicative"].all()


def test_year_groups_keep_undated_documents_apart(scores, documents):
    groups = group_scores(scores, documents, by="year")
    assert sorted(set(groups["group"])) == ["2015", "2018", "undated"]
    row = groups.set_index(["group", "theme"])
    assert (row.loc[("2018", "Cyberspace"), "docs"], row.loc[("2018", "Cyberspace"), "hits"]) == (2, 3)
    assert row.loc[("2018", "Cyberspace"), "tokens"] == 150
    assert row.loc[("undated", "Terrorism"), "hits"] == 0
    assert groups.groupby("theme")["hits"].sum().to_dict() == scores.groupby("theme")["hits"].sum().to_dict()


def test_among_is_isin_for_document_ids_of_either_string_kind():
    ids = pd.Series(["d1", "d2", None, "d10"])
    for column in (ids, ids.astype(object)):
        assert among(column, ["d10", "d2", "d3"]).tolist() == [False, True, False, True]
        assert among(column, pd.Index(["d1"])).tolist() == column.isin(["d1"]).tolist() == [True, False, False, False]
        assert not among(column, []).any()
    assert among(pd.Series([], dtype=object), ["d1"]).tolist() == []


def test_missing_outlet_is_unknown_and_bad_column_is_an_error(scores, documents):
    assert document_groups(documents, by="outlet").to_dict() == {"d1": "A", "d2": "B", "d3": "A", "d4": "unknown"}
    with pytest.raises(InputError, match="'country'"):
        group_scores(scores, documents, by="country")


# --- bootstrap -------------------------------------------------------------------------------

@pytest.fixture
def many() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two groups of 20 documents with varied theme hits."""
    rng = np.random.default_rng(42)
    documents = pd.DataFrame({
        "doc_id": [f"doc{i:02d}" for i in range(40)],
        "language": ["en"] * 20 + ["fr"] * 20,
        "n_tokens": rng.integers(100, 500, size=40),
    })
    rows = [(doc, theme, theme.lower()) for doc in documents["doc_id"] for theme in THEMES
            for _ in range(int(rng.integers(0, 5)))]
    return theme_scores(_evidence(rows), documents, themes=THEMES), documents


def test_bootstrap_same_seed_same_result_other_seed_differs(many):
    scores, documents = many
    first = bootstrap_shares(scores, documents, by="language", bootstrap=Bootstrap(n_boot=300, seed=7))
    again = bootstrap_shares(scores, documents, by="language", bootstrap=Bootstrap(n_boot=300, seed=7))
    other = bootstrap_shares(scores, documents, by="language", bootstrap=Bootstrap(n_boot=300, seed=8))
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)
    pd.testing.assert_frame_equal(first[["group", "theme", "share"]], other[["group", "theme", "share"]])


def test_bootstrap_interval_contains_the_observed_share(many):
    scores, documents = many
    boot = bootstrap_shares(scores, documents, by="language", bootstrap=Bootstrap(n_boot=500, seed=0, ci=0.9))
    assert list(boot.columns) == ["group", "theme", "share", "low", "high"]
    assert (boot["low"] <= boot["share"]).all() and (boot["share"] <= boot["high"]).all()
    assert (boot["low"] < boot["high"]).all()
    observed = group_scores(scores, documents, by="language")
    assert boot["share"].tolist() == pytest.approx(observed["share"].tolist())


def test_bootstrap_draws_no_interval_under_three_documents(scores, documents):
    boot = bootstrap_shares(scores, documents, by="language", bootstrap=Bootstrap(n_boot=50))
    boot = boot.set_index(["group", "theme"])
    fr = boot.loc["fr"]  # one document: nothing to resample
    assert fr["low"].isna().all() and fr["high"].isna().all()
    assert fr.loc["Cyberspace", "share"] == 1.0  # the observed share is still there
    en = boot.loc["en"]  # three documents: an interval
    assert en["low"].notna().all() and (en["low"] <= en["share"]).all() and (en["share"] <= en["high"]).all()
    two = documents.assign(language=["en", "en", "fr", "fr"])  # two documents: only A+A, A+B, B+B
    boot = bootstrap_shares(scores, two, by="language", bootstrap=Bootstrap(n_boot=50)).set_index(["group", "theme"])
    assert boot["low"].isna().all() and boot["high"].isna().all()


def test_hits_by_document_is_the_table_shown_when_no_group_has_enough_documents(scores, documents):
    table = hits_by_document(scores, documents)
    assert list(table.columns) == ["doc_id", "hits", "themes"]
    assert table["doc_id"].tolist() == ["d1", "d2", "d3", "d4"]  # date order, the undated last
    assert table["themes"].tolist() == ["Terrorism 3; Border integrity 1", "Cyberspace 1; Terrorism 1",
                                        "Cyberspace 2", ""]
    assert table["hits"].tolist() == [4, 2, 2, 0]
    assert hits_by_document(scores, documents, limit=2).equals(table.head(2))  # the first documents by date


def test_bootstrap_rejects_bad_ci():
    with pytest.raises(InputError, match="ci"):
        Bootstrap(ci=95)


# --- co-occurrence, driving terms, shared terms ----------------------------------------------

def test_cooccurrence_counts_documents_with_both_themes(scores):
    table = cooccurrence(scores)
    assert list(table.columns) == ["theme_a", "theme_b", "docs"]
    assert list(table.itertuples(index=False, name=None)) == [
        ("Border integrity", "Border integrity", 1),
        ("Border integrity", "Cyberspace", 0),
        ("Border integrity", "Terrorism", 1),
        ("Cyberspace", "Cyberspace", 2),
        ("Cyberspace", "Terrorism", 1),
        ("Terrorism", "Terrorism", 2),
    ]


def test_driving_terms_most_frequent_first_ties_by_alias(evidence):
    top = driving_terms(alias_hits(evidence), top_n=1)
    assert list(top.itertuples(index=False, name=None)) == [
        ("Border integrity", "border", 1), ("Cyberspace", "cybercrime", 1), ("Terrorism", "terrorism", 2),
    ]
    assert driving_terms(alias_hits(evidence), top_n=5)["hits"].sum() == len(evidence)


def test_terms_in_two_themes_folded_as_the_matcher_folds():
    aliases = pd.DataFrame([
        ("Cyberspace", "theme", "en", "cyber-crime"),
        ("Illicit markets", "theme", "en", "cyber crime"),
        ("Illicit markets", "theme", "en", "trafficking"),
        ("Vulnerable communities", "theme", "en", "Trafficking"),
        ("Border integrity", "theme", "fr", "sécurité des frontières"),
        ("Environmental security", "theme", "fr", "securite des frontieres"),
        ("Global integrity", "theme", "en", "corruption"),
        ("Global integrity", "theme", "fr", "corruption"),
    ], columns=["entity", "entity_type", "language", "alias"])
    table = terms_in_two_themes(aliases)
    assert list(table.itertuples(index=False, name=None)) == [
        ("Trafficking", "Illicit markets; Vulnerable communities"),
        ("cyber crime", "Cyberspace; Illicit markets"),
        ("securite des frontieres", "Border integrity; Environmental security"),
    ]


# --- keyness ---------------------------------------------------------------------------------

@pytest.fixture
def counts() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Target t1 + t2 (1,000 tokens) against reference r1 (2,000 tokens)."""
    documents = pd.DataFrame({"doc_id": ["r1", "t1", "t2"], "n_tokens": [2000, 500, 500], "side": ["r", "t", "t"]})
    doc_terms = pd.DataFrame([
        ("t1", "x", 10), ("t2", "x", 20), ("r1", "x", 20),  # 30 of 1,000 against 20 of 2,000
        ("r1", "y", 40),  # absent from the target
        ("t1", "w", 2), ("r1", "w", 1),  # rare: expected counts under 5
        ("t2", "z", 1),  # under min_count
    ], columns=["doc_id", "term", "count"])
    return doc_terms, documents


def _key(doc_terms: pd.DataFrame, documents: pd.DataFrame, *, by: str = "side", min_count: int = 3,
         min_docs: int = 1) -> pd.DataFrame:
    """Keyness of each group of ``by`` against the rest, from the documents' term counts."""
    group = doc_terms["doc_id"].map(documents.set_index("doc_id")[by])
    per_group = doc_terms.assign(group=group).groupby(["group", "term"], as_index=False).agg(
        count=("count", "sum"), doc_count=("doc_id", "nunique"))
    sizes = (documents.rename(columns={by: "group"}).groupby("group", as_index=False)
             .agg(tokens=("n_tokens", "sum"), docs=("doc_id", "size")))
    return keyness_of_groups(per_group, sizes, by=by, min_count=min_count, min_docs=min_docs)


def _target(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["comparison"] == "side=t vs rest"].reset_index(drop=True)


def test_keyness_hand_worked_example(counts):
    doc_terms, documents = counts
    table = _target(_key(doc_terms, documents, min_count=3))
    x = table.set_index("term").loc["x"]
    # 2x2 table [[30, 20], [970, 1980]], N = 3,000; expected = row total x column total / N.
    e11, e12, e21, e22 = 50 * 1000 / 3000, 50 * 2000 / 3000, 2950 * 1000 / 3000, 2950 * 2000 / 3000
    assert (e11, e12) == pytest.approx((16.6667, 33.3333), abs=1e-4)
    g2 = 2 * (30 * math.log(30 / e11) + 20 * math.log(20 / e12) + 970 * math.log(970 / e21)
              + 1980 * math.log(1980 / e22))
    chi2 = (30 - e11) ** 2 * (1 / e11 + 1 / e12 + 1 / e21 + 1 / e22)  # |O - E| is 13.333 in every cell
    assert g2 == pytest.approx(15.1060, abs=1e-4)
    assert chi2 == pytest.approx(16.2712, abs=1e-4)
    assert x["g2"] == pytest.approx(15.1060, abs=1e-4)
    assert x["statistic"] == pytest.approx(15.1060, abs=1e-4)
    assert x["chi2"] == pytest.approx(16.2712, abs=1e-4)
    assert x["p_value"] == pytest.approx(1.0164e-4, rel=1e-3)
    assert x["chi2_p"] == pytest.approx(5.4892e-5, rel=1e-3)
    assert x["effect_size"] == pytest.approx(math.log2(3))  # (30 / 1,000) / (20 / 2,000) = 3
    assert (x["target_count"], x["reference_count"], x["indicative"]) == (30, 20, False)


def test_keyness_agrees_with_scipy(counts):
    doc_terms, documents = counts
    table = _target(_key(doc_terms, documents, min_count=1))
    for row in table.itertuples():
        observed = [[row.target_count, row.reference_count], [1000 - row.target_count, 2000 - row.reference_count]]
        g2, g2_p, _, _ = chi2_contingency(observed, correction=False, lambda_="log-likelihood")
        chi2, chi2_p, _, expected = chi2_contingency(observed, correction=False)
        assert row.g2 == pytest.approx(g2)
        assert row.p_value == pytest.approx(g2_p)
        assert row.chi2 == pytest.approx(chi2)
        assert row.chi2_p == pytest.approx(chi2_p)
        assert row.indicative == bool((expected < 5).any())


def test_keyness_direction_smoothing_filter_and_order(counts):
    doc_terms, documents = counts
    table = _target(_key(doc_terms, documents, min_count=3))
    assert list(table.columns) == [
        "comparison", "term", "target_count", "reference_count", "statistic", "p_value", "effect_size",
        "g2", "chi2", "chi2_p", "indicative", "target_docs",
    ]
    assert table["term"].tolist() == ["x", "w", "y"]  # by statistic, highest first; z is under min_count
    y = table.set_index("term").loc["y"]
    assert y["statistic"] == pytest.approx(-y["g2"]) and y["statistic"] < 0
    assert y["effect_size"] == pytest.approx(math.log2((0.5 / 1000) / (40 / 2000)))  # zero taken as 0.5
    assert table.set_index("term").loc["w", "indicative"]


def test_keyness_of_groups_is_each_group_against_the_rest(counts):
    doc_terms, documents = counts
    table = _key(doc_terms, documents, min_count=1)
    assert table["comparison"].unique().tolist() == ["side=r vs rest", "side=t vs rest"]
    for_r = table[table["comparison"] == "side=r vs rest"].set_index("term")
    for_t = _target(table).set_index("term")
    assert for_r.loc["x", "target_count"] == for_t.loc["x", "reference_count"] == 20
    assert for_r.loc["x", "g2"] == pytest.approx(for_t.loc["x", "g2"])  # the same 2x2 table, read the other way
    assert for_r.loc["x", "statistic"] == pytest.approx(-for_t.loc["x", "statistic"])
    three = _key(doc_terms, documents.assign(side=["r", "t", "u"]), min_count=1)  # the rest is both others
    x = three[three["comparison"] == "side=t vs rest"].set_index("term").loc["x"]
    assert (x["target_count"], x["reference_count"]) == (10, 40)  # t1 against t2 and r1
    g2, p, _, _ = chi2_contingency([[10, 40], [490, 2460]], correction=False, lambda_="log-likelihood")
    assert (x["g2"], x["p_value"]) == (pytest.approx(g2), pytest.approx(p))


# --- the theme dictionary --------------------------------------------------------------------

def _lexicon() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "lexicons" / "themes.yaml").read_text(encoding="utf-8"))["entities"]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def test_theme_dictionary_names_and_languages():
    entries = _lexicon()
    assert [e["name"] for e in entries] == THEME_NAMES
    for entry in entries:
        assert entry["type"] == "theme"
        assert set(entry["aliases"]) == {"en", "fr", "ar"}, entry["name"]
        for language, terms in entry["aliases"].items():
            assert terms and all(isinstance(t, str) and t.strip() for t in terms), (entry["name"], language)


def test_theme_dictionary_has_no_term_under_two_themes():
    aliases = pd.DataFrame([(e["name"], e["type"], lang, alias) for e in _lexicon()
                            for lang, terms in e["aliases"].items() for alias in terms],
                           columns=["entity", "entity_type", "language", "alias"])
    assert terms_in_two_themes(aliases).empty


def test_french_article_names_every_global_policing_goal():
    text = _fold((ROOT / "data" / "raw" / "002_0bb5c3fa893d042c.txt").read_text(encoding="utf-8"))
    entries = {e["name"]: e for e in _lexicon()}
    for goal in GOALS_IN_FRENCH_ARTICLE:
        assert any(_fold(term) in text for term in entries[goal]["aliases"]["fr"]), goal


def test_keyness_runs_only_where_each_side_has_enough_documents(counts):
    doc_terms, documents = counts
    documents = documents.assign(language="en", outlet=["Wire", "Press", "Press"])
    assert _key(doc_terms, documents, by="outlet", min_count=1, min_docs=2).empty  # one side has 1 document
    assert not _key(doc_terms, documents, by="outlet", min_count=1, min_docs=1).empty
    assert unmark(why_no_keyness(documents, NO_ROWS, by="outlet", language="en", min_docs=5)) == (
        "No outlet group has 5 English documents against 5 in the rest, the least keyness needs (documents per "
        "outlet: Press: 2; Wire: 1).")
    assert unmark(why_no_keyness(documents.assign(outlet=["Wire", "Press", None]), NO_ROWS, by="outlet",
                                 language="en", min_docs=5)).endswith(
        "(documents per outlet: Press: 1; Wire: 1; and 1 document without one, left out).")
    assert why_no_keyness(documents.assign(outlet="Wire"), NO_ROWS, by="outlet", language="en", min_docs=5).startswith(
        "The English documents all share one outlet")
    assert _key(doc_terms, documents, by="outlet", min_count=10**6, min_docs=1).empty  # groups, no term
    assert unmark(why_no_keyness(documents, NO_ROWS, by="outlet", language="en", min_docs=1, min_count=10**6)) == (
        "No term is used 1,000,000 times or more in the English documents, the least keyness counts (documents per "
        "outlet: Press: 2; Wire: 1).")
    compared = _key(doc_terms, documents, by="outlet", min_count=1, min_docs=1)
    insignificant = compared[compared["p_value"] >= 0.05]  # groups compared, no term significantly key
    assert top_keyness(insignificant).empty
    assert unmark(why_no_keyness(documents, insignificant, by="outlet", language="en", min_docs=1, min_count=1)) == (
        "No term is significantly more frequent (p < 0.05) in one outlet group of the English documents than in the "
        "rest and used in 2 of the group's documents or more.")


def test_shown_key_terms_are_significant_used_in_two_documents_and_named_by_their_group():
    key = pd.DataFrame({"comparison": ["outlet=Wire vs rest"] * 4, "term": ["border", "amman", "police", "again"],
                        "statistic": [30.0, 25.0, 2.0, -4.0], "p_value": [1e-8, 1e-7, 0.2, 0.04],
                        "target_docs": [3, 1, 3, 2]})  # "amman": one document's word, not the group's
    assert top_keyness(key)[["group", "term"]].values.tolist() == [["Wire", "border"]]


def test_leaders_sentence_names_documents_by_their_labels(scores):
    from newsreport.bidi import unmark
    from newsreport.themes import describe_leaders

    labels = {"d1": "2015-03-01 · A · First", "d2": "2018-01-10 · B · Second", "d3": "2018-06-30 · A · Third",
              "d4": "undated · الإنتربول"}
    said = describe_leaders(scores, labels=labels)
    assert unmark(said) == ("Leading theme by hits: 2015-03-01 · A · First: Terrorism (3); 2018-01-10 · B · Second: "
                            "a tie of Cyberspace with Terrorism (1 each); 2018-06-30 · A · Third: Cyberspace (2); "
                            "undated · الإنتربول: none.")
    assert "undated · \u2068الإنتربول\u2069:" in said  # the Arabic title isolated, the date before it
    assert unmark(describe_leaders(scores)).startswith("Leading theme by hits: d1 Terrorism (3); d2")
    assert describe_leaders(scores, listed=2) == ""  # each theme leads alone in one document: nothing to read
    many = pd.concat([scores.assign(doc_id=scores["doc_id"] + suffix) for suffix in ("", "b", "c")])
    assert unmark(describe_leaders(many, listed=2)) == (
        "Leading theme by hits, of 12 documents: Cyberspace in 3; Terrorism in 3; a tie between themes in 3 "
        "documents; no theme hit in 3 documents.")


def test_the_caption_claims_intervals_only_where_groups_have_them():
    from newsreport.themes import describe_intervals

    groups = pd.DataFrame({"group": ["2015", "2016"], "docs": [2, 1]})
    assert describe_intervals(groups, Bootstrap(n_boot=1000, seed=42, ci=0.95)) == (
        "without intervals (no group has the 3 documents resampling needs)")
    assert describe_intervals(groups.assign(docs=[3, 1]), Bootstrap(n_boot=1000, seed=42, ci=0.95)).startswith(
        "with 95% bootstrap intervals (1000 resamples of documents, seed 42) for the groups of at least 3")
