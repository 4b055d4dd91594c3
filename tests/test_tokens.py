from pathlib import Path

from newsreport.tokens import count_tokens, sentence_spans, stop_words, terms, token_spans, tokenize

ROOT = Path(__file__).resolve().parents[1]


def test_french_elisions_split_with_either_apostrophe():
    assert tokenize("l’ONU et d'INTERPOL qu’il", language="fr") == ["l'", "onu", "et", "d'", "interpol", "qu'", "il"]
    assert tokenize("aujourd'hui", language="fr") == ["aujourd'hui"]


def test_english_possessives_are_folded_and_offsets_follow():
    tokens = list(token_spans("INTERPOL’s chiefs' talks", language="en"))
    assert [t.form for t in tokens] == ["interpol", "chiefs", "talks"]
    assert (tokens[0].start, tokens[0].end) == (0, 8)


def test_hyphenated_compounds_whole_numbers_and_punctuation_out():
    words = tokenize("cross-border crime in 2015: 98 arrests!", language="en")
    assert words == ["cross-border", "crime", "in", "arrests"]


def test_arabic_words_are_tokens_and_diacritics_are_ignored():
    assert tokenize("الأمم المتحدة تدعو إلى تعاونٍ", language="ar") == ["الأمم", "المتحدة", "تدعو", "إلى", "تعاون"]


def test_sentences_split_at_punctuation_and_paragraphs():
    text = "First one. Second one!\n\nThird «quoted». fourth"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one!", "Third «quoted». fourth"]


def test_ngrams_do_not_cross_sentences_stop_words_or_punctuation():
    found = terms("Foreign terrorist fighters (FTFs). Police of Tunisia, Iraq", stop_words={"of"}, ngram_range=(1, 3))
    assert "foreign terrorist fighters" in found and "terrorist fighters" in found
    assert "fighters ftfs" not in found  # a parenthesis between
    assert "ftfs police" not in found  # a sentence between
    assert "police tunisia" not in found  # a stop word between
    assert "tunisia iraq" not in found  # a comma between


def test_min_length_lowercase_and_lemmatize():
    assert terms("A UN team", min_length=3, ngram_range=(1, 1)) == ["team"]
    assert terms("Police", lowercase=False, ngram_range=(1, 1)) == ["Police"]
    lemmas = terms("les combattants", language="fr", lemmatize=True, ngram_range=(1, 1), stop_words={"les"})
    assert lemmas == ["combattant"]


def test_stop_words_maintained_and_project_lists():
    english = stop_words("en", project_file=ROOT / "data" / "lexicons" / "stopwords.yaml")
    assert {"the", "and", "said", "mr"} <= english
    assert "information" not in english and "general" not in english
    assert {"le", "des", "selon"} <= stop_words("fr", project_file=ROOT / "data" / "lexicons" / "stopwords.yaml")
    assert "في" in stop_words("ar", project_file=ROOT / "data" / "lexicons" / "stopwords.yaml")
    assert stop_words("en", sources=()) == frozenset()


def test_count_tokens_counts_clitics_and_words():
    assert count_tokens("L’Assemblée générale a appelé", language="fr") == 5
