"""The whole-text fast paths of tokens against their token-by-token definitions.

``count_tokens`` and ``terms`` read a text in one regular-expression pass; ``token_spans`` (offsets,
sentences) is the definition they must agree with, and ``term_bag`` (the terms a count needs, in another
order) must give the same terms. All are checked on the seeds, the fixture corpus and random strings of
the characters where the rules have edges. (Folding and matching: test_folding.py and test_lexicon.py.)
"""

import random
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from conftest import ARABIC, ENGLISH, FRENCH

from newsreport.corpus import load_corpus
from newsreport.tokens import _dropped, _ngrams, count_tokens, term_bag, terms, token_spans

EDGES = [
    *"abcsSlLdDqQuUjJnNtTmMeéÉ", "’", "'", "‘", "`", "-", "–", "—", " ", " ", "\n", "\r", "\t", "\u00a0", ".", "!",
    "?", "…", "«", "»", "“", "”", '"', "(", ")", "Σ", "İ", "ſ", "K", "ß", "œ", "ﬁ", "½", "1", "_", "ب", "ا", "ل",
    "ى", "ة", "\u064e", "\u0640", "\u0670", "؟", "\u200c", "\u200e", "\u00ad", "e\u0301", "｀", "﹣", "\u0345",
    "qu'", "jusqu’", "l'", "d’", "'s", "’S", "s'", "  ", "\n\n",
]
STOP = frozenset({"the", "of", "le", "s", "a", "l'", "et"})
OPTIONS = [
    {},
    {"stop_words": STOP, "ngram_range": (1, 3), "min_length": 0, "lowercase": False},
    {"stop_words": set(STOP), "ngram_range": (2, 2), "min_length": 1},
    {"stop_words": STOP, "ngram_range": (1, 1), "min_length": 3},
]


def texts(n: int, *, seed: int, longest: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(EDGES) for _ in range(rng.randint(0, longest))) for _ in range(n)]


@cache
def corpus_texts() -> list[str]:
    """The fixture articles and the seeds as the corpus table holds them (loaded here: a clean clone has no table)."""
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    return [ENGLISH, FRENCH, ARABIC, *load_corpus(raw, metadata=raw / "metadata.csv").documents["text"]]


def reference_terms(text, *, language="en", ngram_range=(1, 2), stop_words=frozenset(), min_length=2,
                    lowercase=True, lemmatize=False):
    """``terms`` as first written, token by token from ``token_spans``: the definition."""
    low, high = ngram_range
    found, run, previous = [], [], None
    for token in [*token_spans(text, language=language, lowercase=lowercase), None]:
        joined = (token is not None and previous is not None and token.sentence == previous.sentence
                  and not text[previous.end : token.start].strip())
        if not joined or _dropped(token.form, stop_words, min_length):
            found += _ngrams(run, low, high)
            run = []
        if token is None:
            break
        previous = token
        if not _dropped(token.form, stop_words, min_length):
            run.append(token.form)
    return found


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_count_tokens_and_terms_agree_with_token_spans(language):
    for text in texts(3000, seed=1) + texts(300, seed=2, longest=300) + corpus_texts():
        assert count_tokens(text, language=language) == sum(1 for _ in token_spans(text, language=language)), text
        for options in OPTIONS:
            assert terms(text, language=language, **options) == reference_terms(text, language=language, **options), (
                text, options)


def test_count_tokens_after_terms_is_the_same_count():
    for text in texts(500, seed=3):
        terms(text, language="fr")
        assert count_tokens(text, language="fr") == sum(1 for _ in token_spans(text, language="fr"))
        assert count_tokens(text, language="en") == sum(1 for _ in token_spans(text, language="en"))


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_term_bag_has_the_terms_and_the_count_of_terms(language):
    options = [{}, {"stop_words": STOP, "min_length": 0, "lowercase": False}, {"stop_words": STOP, "min_length": 3}]
    for text in texts(3000, seed=5) + texts(300, seed=6, longest=300) + corpus_texts():
        for option in options:
            count, found = term_bag(text, language=language, **option)
            assert Counter(found) == Counter(reference_terms(text, language=language, **option)), (text, option)
            assert count == sum(1 for _ in token_spans(text, language=language)), text
            assert count_tokens(text, language=language) == count
