"""The five seed articles against the established facts of ../shared/corpus/SOURCES.md."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from newsreport.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SHARED = ROOT.parent / "shared" / "corpus"

FACTS = {  # doc_id: (title, date, date_source, language, dateline)
    "000_f2c0ef225ed3b2ad": ("International security focus of INTERPOL Chief’s visit to Tunisia",
                             "2015-12-03", "text", "en", "TUNIS, Tunisia"),
    "001_852c9d0595ba8673": ("INTERPOL Chief meets with Iraqi Prime Minister to discuss security",
                             "2018-02-28", "text", "en", "BAGHDAD, Iraq"),
    "002_0bb5c3fa893d042c": ("La résolution de l’ONU appelle à une plus grande coopération avec INTERPOL",
                             "2018-11-29", "metadata", "fr", "New York"),
    "003_792fda9806877f31": ("Middle East and North Africa Police Chiefs address regional crime issues",
                             "2019-11-25", "metadata", "en", "MARRAKECH, Morocco"),
    "004_9012af2670751d72": ("Interpol Advocates Tighter Maghreb Security",
                             "2011-10-04", "metadata", "en", None),
}

BOILERPLATE = {
    "000_f2c0ef225ed3b2ad": ["All news", "03 December 2015"],
    "001_852c9d0595ba8673": ["All news", "28 February 2018", "Our site uses cookies", "Tell me more"],
    "002_0bb5c3fa893d042c": ["\u00a0", "\n\nJürgen Stock\n\n"],
    "003_792fda9806877f31": ["1 /", "Mohammad Ben Ali Koman, Secretary General of the AIMC",
                             "press conference", "delivered an address at the opening ceremony",
                             "The meeting is being attended by", "strengthened our collective"],
    "004_9012af2670751d72": ["By Siham Ali", "Magharebia web site is sponsored", "Leave a Reply",
                             "Your email address will not be published"],
}


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(RAW, metadata=RAW / "metadata.csv")


def test_raw_files_are_the_shared_corpus_byte_for_byte():
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    for path in sorted(SHARED.glob("*.txt")):
        assert hashlib.sha256((RAW / path.name).read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest()


@pytest.mark.parametrize("doc_id", sorted(FACTS))
def test_seed_facts(seeds, doc_id):
    doc = seeds.documents.set_index("doc_id").loc[doc_id]
    title, when, source, language, dateline = FACTS[doc_id]
    assert doc["title"] == title
    assert doc["date"] == pd.Timestamp(when)
    assert doc["date_source"] == source
    assert doc["language"] == language
    assert (doc["dateline"] if isinstance(doc["dateline"], str) else None) == dateline


@pytest.mark.parametrize("doc_id", sorted(BOILERPLATE))
def test_seed_boilerplate_is_gone_and_counted(seeds, doc_id):
    doc = seeds.documents.set_index("doc_id").loc[doc_id]
    for piece in BOILERPLATE[doc_id]:
        assert piece not in doc["text"]
    removed = seeds.removed[seeds.removed["doc_id"] == doc_id]
    assert doc["removed_chars"] == removed["text"].str.len().sum() > 0


def test_seed_body_content_is_kept(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert "• Contrer la menace du terrorisme;" in docs.loc["002_0bb5c3fa893d042c", "text"]
    marrakech = docs.loc["003_792fda9806877f31", "text"]
    assert "stronger cooperation. Whilst terrorism" in marrakech
    assert marrakech.count("Algeria, Bahrain") == 1  # the highlight box's second list is gone
    assert docs.loc["004_9012af2670751d72", "byline"] == "Siham Ali"
    assert docs.loc["001_852c9d0595ba8673", "text"].rstrip().endswith("in Kuwait.")


def test_seed_dates_from_metadata_are_listed(seeds):
    listed = set(seeds.quality.loc[seeds.quality["check"] == "date from metadata", "doc_id"])
    assert listed == {"002_0bb5c3fa893d042c", "003_792fda9806877f31", "004_9012af2670751d72"}


def test_seed_top_terms_are_content_words_and_multiword_terms_surface(seeds, tmp_path):
    from conftest import corpus_of

    from newsreport.engine import EngineOptions
    from newsreport.frequency import term_frequency, top_terms
    from newsreport.index import term_counts
    from newsreport.lexicon import load_lexicon, phrases
    from newsreport.tokens import TermOptions

    options = TermOptions(stopwords_lexicon=ROOT / "data" / "lexicons" / "stopwords.yaml")
    lexicons = [load_lexicon(ROOT / "data" / "lexicons" / name) for name in ("entities.yaml", "themes.yaml")]
    terms = term_counts(corpus_of(seeds.documents, tmp_path), options, phrases=phrases(*lexicons),
                        index=tmp_path / "index", engine=EngineOptions())
    counts = term_frequency(terms, seeds.documents)[0]
    top = top_terms(counts, top_n=20)
    english, french = (set(top.loc[top["language"] == lang, "term"]) for lang in ("en", "fr"))
    assert not english & {"the", "and", "said", "of", "to", "in", "mr", "also"}
    assert {"interpol", "security", "police"} <= english
    assert not french & {"le", "la", "les", "de", "des", "du", "et", "à", "l'", "d'", "a"}
    assert {"terrorisme", "nations unies"} <= french
    # "Middle East" counts once, as one term, and not also as "middle" and "east"
    assert {"middle east", "north africa", "law enforcement"} <= english
    assert not english & {"middle", "east", "north", "africa"}
    multiword = set(top_terms(counts, top_n=20, min_words=2)["term"])
    assert "foreign terrorist fighter" in multiword and "foreign terrorist fighters" not in multiword  # one term
    assert "general jürgen" not in multiword


def test_seed_mentions_equal_their_evidence_rows(seeds):
    from conftest import match_documents

    from newsreport.lexicon import load_lexicon
    from newsreport.mentions import count_mentions

    evidence = match_documents(seeds.documents, load_lexicon(ROOT / "data" / "lexicons" / "entities.yaml"))
    mentions = count_mentions(evidence, seeds.documents)
    for row in mentions.itertuples():
        assert row.mentions == ((evidence["doc_id"] == row.doc_id) & (evidence["entity"] == row.entity)).sum()
    interpol = mentions[mentions["entity"] == "INTERPOL"]
    assert len(interpol) == 5  # every seed mentions INTERPOL


GOALS = ["Terrorism", "Border integrity", "Vulnerable communities", "Cyberspace", "Global integrity",
         "Illicit markets", "Environmental security"]


@pytest.fixture(scope="module")
def theme_scores(seeds):
    from conftest import match_documents

    from newsreport import lexicon, mentions, themes

    aliases = lexicon.load_lexicon(ROOT / "data" / "lexicons" / "themes.yaml")
    evidence = match_documents(seeds.documents, aliases)
    counts = mentions.count_mentions(evidence, seeds.documents)
    return themes.theme_scores(counts, seeds.documents, themes=themes.theme_names(aliases)), evidence


def test_french_article_registers_every_policing_goal(theme_scores):
    scores, _ = theme_scores
    french = scores[scores["doc_id"] == "002_0bb5c3fa893d042c"].set_index("theme")["hits"]
    assert all(french[goal] > 0 for goal in GOALS)


@pytest.mark.parametrize("doc_id", ["000_f2c0ef225ed3b2ad", "001_852c9d0595ba8673"])
def test_terrorism_leads_the_2015_and_2018_interpol_releases(theme_scores, doc_id):
    scores, _ = theme_scores
    hits = scores[scores["doc_id"] == doc_id].set_index("theme")["hits"]
    assert hits["Terrorism"] == hits.max()


def test_every_theme_score_traces_to_evidence_rows(theme_scores):
    scores, evidence = theme_scores
    for row in scores.itertuples():
        assert row.hits == ((evidence["doc_id"] == row.doc_id) & (evidence["entity"] == row.theme)).sum()
