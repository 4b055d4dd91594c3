import random
from collections import Counter
from pathlib import Path

import pytest

from newsreport.tokens import (
    BREAK,
    TermOptions,
    count_tokens,
    normalise_arabic,
    stop_words,
    token_forms,
    token_spans,
    token_stream,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def terms(tmp_path):
    """Terms of a text with the given options; ``stop_words`` a set of words (the project's list, here)."""
    def extract(text, *, language="en", stop_words=(), **options):
        lexicon = tmp_path / "stop.yaml"
        lexicon.write_text(f"{language}: [{', '.join(sorted(stop_words))}]\n", encoding="utf-8")
        return TermOptions(stop_words=("project",), stopwords_lexicon=lexicon, **options).extractor()(
            text, language)[1]
    return extract


def tokenize(text: str, *, language: str) -> list[str]:
    """The forms of a text's tokens, in order."""
    return [form for form in token_forms(text, language=language)[1] if form != BREAK]


def test_french_elisions_split_with_either_apostrophe():
    assert tokenize("l’ONU et d'INTERPOL qu’il", language="fr") == ["l'", "onu", "et", "d'", "interpol", "qu'", "il"]
    assert tokenize("aujourd'hui", language="fr") == ["aujourd'hui"]


def test_english_possessives_are_folded_and_offsets_follow():
    text = "INTERPOL’s chiefs' talks"
    assert tokenize(text, language="en") == ["interpol", "chiefs", "talks"]
    assert [text[start:end] for start, end in token_spans(text, language="en")] == ["INTERPOL", "chiefs", "talks"]


def test_hyphenated_compounds_whole_numbers_and_punctuation_out():
    words = tokenize("cross-border crime in 2015: 98 arrests!", language="en")
    assert words == ["cross-border", "crime", "in", "arrests"]


def test_arabic_words_are_tokens_and_diacritics_are_ignored():
    assert tokenize("الأمم المتحدة تدعو إلى تعاونٍ", language="ar") == ["الأمم", "المتحدة", "تدعو", "إلى", "تعاون"]


def test_ngrams_do_not_cross_sentences_stop_words_or_punctuation(terms):
    found = terms("Foreign terrorist fighters (FTFs). Police of Tunisia, Iraq", stop_words={"of"}, ngram_range=(1, 3))
    assert "foreign terrorist fighters" in found and "terrorist fighters" in found
    assert "fighters ftfs" not in found  # a parenthesis between
    assert "ftfs police" not in found  # a sentence between
    assert "police tunisia" not in found  # a stop word between
    assert "tunisia iraq" not in found  # a comma between


def test_min_length_lowercase_and_lemmatize(terms):
    assert terms("A UN team", min_length=3, ngram_range=(1, 1)) == ["team"]
    assert terms("Police", lowercase=False, ngram_range=(1, 1)) == ["Police"]
    lemmas = terms("les combattants", language="fr", lemmatize=True, ngram_range=(1, 1), stop_words={"les"})
    assert lemmas == ["combattant"]


def test_stop_words_maintained_and_project_lists():
    english = stop_words("en", stopwords_lexicon=ROOT / "data" / "lexicons" / "stopwords.yaml")
    assert {"the", "and", "said", "mr"} <= english
    assert "information" not in english and "general" not in english
    assert {"le", "des", "selon"} <= stop_words("fr", stopwords_lexicon=ROOT / "data" / "lexicons" / "stopwords.yaml")
    assert "في" in stop_words("ar", stopwords_lexicon=ROOT / "data" / "lexicons" / "stopwords.yaml")
    assert stop_words("en", sources=()) == frozenset()


def test_english_stop_words_are_scikit_learns_read_without_importing_it():
    import subprocess
    import sys

    code = ("import sys; from newsreport.tokens import stop_words; words = stop_words('en', sources=('maintained',)); "
            "print(len(words), 'sklearn' in sys.modules, 'information' in words, 'the' in words)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert found == ["318", "False", "False", "True"]
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert stop_words("en", sources=("maintained",)) == ENGLISH_STOP_WORDS


def test_count_tokens_counts_clitics_and_words():
    assert count_tokens("L’Assemblée générale a appelé", language="fr") == 5


def test_the_extractor_counts_tokens_and_terms_of_real_sentences():
    text = ("INTERPOL's Secretary General met police chiefs in Amman. Foreign terrorist fighters (FTFs) "
            "were discussed; INTERPOL's databases, too.\n\nPolice chiefs agreed.")
    count, found = TermOptions(stopwords_lexicon=ROOT / "data" / "lexicons" / "stopwords.yaml").extractor()(text, "en")
    assert count == count_tokens(text, language="en") == 20
    counted = Counter(found)
    assert counted["interpol"] == 2 and counted["police chiefs"] == 2 and counted["foreign terrorist"] == 1
    assert counted["terrorist fighters"] == 1 and counted["fighters ftfs"] == 0  # a parenthesis parts them
    assert counted["interpol databases"] == 0  # a possessive ends the run: "INTERPOL's databases" is two terms
    assert counted["amman foreign"] == 0 and counted["chiefs police"] == 0  # nor across sentences


def test_french_elisions_and_arabic_marks_in_terms():
    extract = TermOptions(stopwords_lexicon=ROOT / "data" / "lexicons" / "stopwords.yaml").extractor()
    _, french = extract("L’ONU et l'INTERPOL renforcent la coopération d’Europol.", "fr")
    assert "onu" in french and "interpol" in french and "l'" not in french and "d'" not in french
    assert "europol" in french and "coopération" in french and "onu interpol" not in french
    _, arabic = extract("تعاونٍ أمنيّ بين الدول", "ar")
    assert "تعاون" in arabic and "أمني" in arabic


EDGES = [*"abcsSlLdDqQuUjJnNtTmMeéÉ", "’", "'", "-", "–", " ", "\n", "\t", "\u00a0", ".", "!", "?", "«", "»", "(",
         ")", "1", "_", "ب", "ا", "ل", "\u064e", "\u0640", "qu'", "jusqu’", "l'", "d’", "'s", "’S", "s'", "\n\n"]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_counted_token_is_one_a_concordance_shows(language):
    """The count (rates' denominator), the forms terms are made of and the spans (keyword in context) read the same
    tokens, edge cases too (a lone tatweel is a token with no form: never a term)."""
    rng = random.Random(1)
    for _ in range(2000):
        text = "".join(rng.choice(EDGES) for _ in range(rng.randint(0, 40)))
        spans = token_spans(text, language=language)
        assert count_tokens(text, language=language) == len(spans), text
        forms = tokenize(text, language=language)
        written = [normalise_arabic(text[start:end]).replace("’", "'").lower() for start, end in spans]
        assert forms == written or (not forms and set(written) == {""}), text


def test_a_lexicon_phrase_with_punctuation_or_an_elision_is_compounded_as_written(terms):
    phrases = (("en", "Ronald K. Noble"), ("fr", "partage d'informations"))
    assert terms("Secretary General Ronald K. Noble spoke. Noble left.", phrases=phrases) == [
        "secretary", "general", "ronald k noble", "spoke", "noble", "left"]
    assert terms("Le partage d’informations progresse.", language="fr", stop_words={"le"}, phrases=phrases) == [
        "partage d'informations", "progresse"]


def test_overlapping_phrases_are_taken_left_to_right_the_longest_first(terms):
    phrases = (("en", "Middle East"), ("en", "East and North Africa"), ("en", "North Africa"),
               ("en", "Middle East and North Africa"))
    options = {"stop_words": {"the", "and"}, "ngram_range": (1, 5)}
    assert terms("The Middle East and North Africa region.", phrases=phrases, **options) == [
        "middle east and north africa", "region"]
    assert terms("Middle East. East and North Africa; North Africa", phrases=phrases[:3], **options) == [
        "middle east", "east and north africa", "north africa"]
    assert terms("The Middle East and North Africa", phrases=phrases[:3], **options) == ["middle east", "north africa"]


def test_many_documents_counted_at_once_as_each_alone():
    """The index counts a partition's documents as one array: a phrase never runs from one document into the next,
    and each document's terms are those it has alone."""
    extract = TermOptions(phrases=(("en", "Middle East"),), collocations=(("en", "police chiefs"),)).extractor()
    texts = ["Police chiefs of the Middle", "East met police chiefs", "", "Middle East police chiefs"]
    streams = [token_stream(text, language="en")[1] for text in texts]
    doc, codes, names = extract.terms_of(streams, "en")
    found = [names[codes[doc == number]].tolist() for number in range(len(texts))]
    assert found == [["police chiefs", "middle"], ["east", "met", "police chiefs"], [],
                     ["middle east", "police chiefs"]]
    assert found == [extract(text, "en")[1] for text in texts]
