"""The whole-text fast paths of tokens and lexicon against their character-by-character definitions.

``count_tokens`` and ``terms`` read a text in one regular-expression pass; ``token_spans`` (offsets,
sentences) is the definition they must agree with, and ``term_bag`` (the terms a count needs, in another
order) must give the same terms. ``fold`` takes whole-string operations when every character folds to
one; ``_fold_each`` is the definition. ``match_text`` resolves overlaps cluster by cluster and checks the
common aliases inline; ``mention_entities`` counts without building matches; both must agree with the
matcher as first written (every candidate through ``_accepted``, all of them sorted longest first). All
are checked on the seeds, the fixture corpus and random strings of the characters where the rules have edges.
"""

import bisect
import random
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from conftest import ARABIC, ENGLISH, FRENCH

from newsreport import folding, lexicon, matching
from newsreport.corpus import load_corpus

EDGES = [
    *"abcsSlLdDqQuUjJnNtTmMeéÉ", "’", "'", "‘", "`", "-", "–", "—", " ", " ", "\n", "\r", "\t", "\u00a0", ".", "!",
    "?", "…", "«", "»", "“", "”", '"', "(", ")", "Σ", "İ", "ſ", "K", "ß", "œ", "ﬁ", "½", "1", "_", "ب", "ا", "ل",
    "ى", "ة", "\u064e", "\u0640", "\u0670", "؟", "\u200c", "\u200e", "\u00ad", "e\u0301", "｀", "﹣", "\u0345",
    "qu'", "jusqu’", "l'", "d’", "'s", "’S", "s'", "  ", "\n\n",
]
def texts(n: int, *, seed: int, longest: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(EDGES) for _ in range(rng.randint(0, longest))) for _ in range(n)]


@cache
def corpus_texts() -> list[str]:
    """The fixture articles and the seeds as the corpus table holds them (loaded here: a clean clone has no table)."""
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    return [ENGLISH, FRENCH, ARABIC, *load_corpus(raw, metadata=raw / "metadata.csv").documents["text"]]


@pytest.mark.parametrize("casefold", [True, False])
def test_whole_text_folding_agrees_with_folding_each_character(casefold):
    taken = 0
    for text in texts(5000, seed=4, longest=30) + corpus_texts() + [chr(c) for c in range(128)]:
        expected = folding._fold_each(text, casefold)
        assert folding.fold(text, casefold=casefold) == expected, text
        if (fast := folding._fold_regular(text, casefold)) is not None:
            taken += 1
            assert (fast[0], list(fast[1])) == expected, text
            assert [fast[1][i] for i in range(len(expected[1]))] == expected[1]
    assert taken > 500  # the fast path was tried, not only declined


# --- matching -------------------------------------------------------------------------------------------

MATCH_ALIASES = pd.DataFrame([
    (entity, kind, language, alias)
    for entity, kind, language, aliases in [
        ("United Nations", "organisation", "en", ["United Nations", "UN", "Nations"]),
        ("United Nations", "organisation", "fr", ["ONU", "Nations Unies", "UN"]),  # UN twice: one entry wins it
        ("ISIS", "armed group", "en", ["ISIS", "Daesh", "Da'esh", "IS"]),
        ("ISIS", "armed group", "ar", ["داعش", "الدولة"]),
        ("INTERPOL", "organisation", "en", ["INTERPOL", "Interpol"]),
        ("INTERPOL", "organisation", "fr", ["INTERPOL"]),
        ("INTERPOL", "organisation", "ar", ["الإنتربول"]),
        ("Fighters", "concept", "en", ["foreign terrorist fighters", "FTF", "FTFs", "fighter", "terrorist fighter"]),
        ("Terrorism", "theme", "en", ["terrorist", "terror", "FTF", "un"]),  # FTF of two entities
        ("Senegal", "country", "en", ["Senegal", "Sénégal", "Senegalese"]),
        ("Stock", "person", "en", ["Jürgen Stock", "Secretary-General Stock", "Secretary General Stock", "Stock"]),
        ("Oe", "concept", "fr", ["œuvre", "oeuvre", "s", "e"]),
    ]
    for alias in aliases
], columns=lexicon.ALIAS_COLUMNS)
MATCH_EDGES = [
    "UN", "un", "Un", "ONU", "ISIS", "isis", "Daesh", "Da'esh", "Da’esh", "IS", "داعش", "الدولة", "و", "ب", "ال", "لل",
    "الإنتربول", "للإنتربول", "INTERPOL", "Interpol", "d'", "l’", "qu'", "foreign", "terrorist", "fighter", "fighters",
    "FTF", "FTFs", "terror", "Senegal", "Sénégal", "Sénégalese", "Jürgen", "Jurgen", "Stock", "Secretary", "General",
    "-", "—", "Nations", "Unies", "United", "œuvre", "Œ", "e\u0301", "\u064e", "\u0640", "'s", "’s", "s'", "es", "s",
    "e", "/", " / ", "(", ")", " (", ") ", " ", " ", "  ", "\n", "\n\n", ".", ",", "'", "x", "1", "_", "ﬁ", "İ",
    "UNs'", "FTFs' ", "Daeshes", "INTERPOL's", "ISIS’", "terrorists'", "Senegal's'", "l'ONU",
]


SEPARATORS = [" ", " ", " ", " ", "", "", "-", "/", " / ", "(", " (", ")", ") ", "\n", ", ", "'"]


def match_texts(n: int, *, seed: int, longest: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(MATCH_EDGES) + rng.choice(SEPARATORS) for _ in range(rng.randint(0, longest)))
            for _ in range(n)]


def reference_matcher(aliases):
    """The automaton and the entries of every key as first built: every row of the table, repeats kept."""
    keys = {}
    rows = zip(aliases["entity"], aliases["entity_type"], aliases["alias"], strict=True)
    for order, (entity, kind, alias) in enumerate(rows):
        folded = folding.fold_alias(alias)
        cased = folding.fold_alias(alias, casefold=False) if matching.is_case_sensitive(alias) else None
        if not folding.is_arabic(folded[0]):
            keys.setdefault(folded, []).append(matching._Alias(entity, kind, alias, cased, None, order))
        elif folded.startswith("ال") and len(folded) > 3:
            al, lil = matching._PROCLITICS["al"], matching._PROCLITICS["lil"]
            keys.setdefault(folded, []).append(matching._Alias(entity, kind, alias, None, al, order))
            keys.setdefault("لل" + folded[2:], []).append(matching._Alias(entity, kind, alias, None, lil, order))
        else:
            bare = matching._PROCLITICS["bare"]
            keys.setdefault(folded, []).append(matching._Alias(entity, kind, alias, None, bare, order))
    automaton = matching.ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, (len(key), entries))
    automaton.make_automaton()
    return automaton


def reference_accepted(text, folded, index, start, end, alias):
    """``_accepted`` as first written: where a candidate ends (with its ending), or None."""
    if alias.proclitics is not None:
        prefix_start = start
        while prefix_start > 0 and folding.is_arabic(folded[prefix_start - 1]) and folded[prefix_start - 1].isalpha():
            prefix_start -= 1
        if prefix_start > 0 and folded[prefix_start - 1].isalnum():
            return None
        if not alias.proclitics.fullmatch(folded, prefix_start, start):
            return None
        return end if matching._word_ends(folded, end) else None
    before = folded[start - 1] if start else ""
    if before.isalnum() or (before == "'" and not matching._elided(folded, start - 1)):
        return None
    surface = text[index[start] : index[end - 1] + 1]
    if alias.cased is not None and folding.fold_alias(surface, casefold=False) != alias.cased:
        return None
    for suffix in ("'s", "s'", "es", "s", ""):
        if folded.startswith(suffix, end) and matching._word_ends(folded, end + len(suffix)):
            return end + len(suffix)
    return None


def reference_match_text(text, automaton):
    """``match_text`` as first written: every candidate through ``_accepted``, all sorted longest first."""
    if not text:
        return []
    folded, index = folding._fold_each(text, True)
    found = []
    for last, (length, entries) in automaton.iter(folded):
        start = last + 1 - length
        passed = [(alias, end) for alias in entries
                  if (end := reference_accepted(text, folded, index, start, last + 1, alias)) is not None]
        if passed:
            alias, end = matching._best_spelling(passed, text[index[start] : index[last] + 1])
            found.append((end - start, start, alias.order, end, alias))
    chosen, taken = [], []
    for _, start, _, end, alias in sorted(found, key=lambda f: (-f[0], f[1], f[2])):
        at = bisect.bisect_left(taken, (start, end))
        if (at > 0 and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end):
            continue
        taken.insert(at, (start, end))
        original = index[start], matching._original_end(text, index, end)
        chosen.append(matching.Match(alias.entity, alias.entity_type, alias.alias, *original))
    return matching._combine(text, sorted(chosen, key=lambda m: m.start))


def test_match_text_and_mention_entities_agree_with_the_matcher_as_first_written():
    matcher, reference = matching.build_matcher(MATCH_ALIASES), reference_matcher(MATCH_ALIASES)
    found = Counter()
    for text in match_texts(4000, seed=7) + match_texts(300, seed=8, longest=200) + corpus_texts() + texts(500, seed=9):
        expected = reference_match_text(text, reference)
        assert matching.match_text(text, matcher) == expected, text
        assert matching.mention_entities(text, matcher) == [(m.entity, m.entity_type) for m in expected], text
        found.update(m.alias for m in expected)
    assert sum(found.values()) > 20_000  # the texts do mention the aliases
    matched = {alias for joined in found for alias in joined.split(matching.JOINER)}
    assert {"UN", "un", "ONU", "داعش", "الإنتربول", "FTF", "FTFs", "Sénégal", "Jürgen Stock", "œuvre", "IS", "s",
            "terrorist fighter", "foreign terrorist fighters", "Secretary General Stock", "Da'esh"} <= matched
    assert sum(n for alias, n in found.items() if matching.JOINER in alias) > 100  # and write two as one
