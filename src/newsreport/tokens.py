"""Tokens: words of English, French and Arabic text, the same way for every count in the report."""

from __future__ import annotations

import re

# A word: letters (Latin, accented, Arabic), with inner hyphens or apostrophes ("cross-border").
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[-'’](?=[^\W\d_]))*")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_ELISION = re.compile(r"^(qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’](?=[^\W\d_])", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)


def normalise_arabic(text: str) -> str:
    """Remove Arabic diacritics and tatweel so that vocalised and plain spellings match."""
    return _ARABIC_MARKS.sub("", text)


def tokenize(text: str, *, language: str = "en", lowercase: bool = True) -> list[str]:
    """Word tokens of a text: French elisions split ("l'", "onu"), English possessives folded."""
    words: list[str] = []
    for match in _WORD.finditer(normalise_arabic(text)):
        word = match.group(0).replace("’", "'")
        if language == "fr" and (elided := _ELISION.match(word)):
            words.append(elided.group(0))
            word = word[elided.end() :]
        elif language == "en":
            word = _POSSESSIVE.sub("", word) if word.lower().endswith(("'s", "s'")) else word
        words.append(word.lower() if lowercase else word)
    return words


def count_tokens(text: str, *, language: str = "en") -> int:
    """How many word tokens a text has: the denominator of every rate per 1,000 tokens."""
    return len(tokenize(text, language=language, lowercase=False))
