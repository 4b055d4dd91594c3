"""Tokens: words of English, French and Arabic text, the same way for every count in the report.

A token is a run of letters (Latin, accented, Arabic) with inner hyphens or apostrophes kept
("cross-border", "aujourd'hui"); numbers and punctuation are not tokens. French elisions are split
off ("l'", "onu"), English possessives folded ("INTERPOL's" -> "interpol"), Arabic diacritics and
tatweel ignored. Terms are unigrams and n-grams that never cross a sentence or a stop word.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from newsreport.errors import InputError
from newsreport.yamlfile import read_yaml

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # letters, with inner hyphens or apostrophes
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_ELISION = re.compile(r"^(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’](?=[^\W\d_])", re.IGNORECASE)
# A sentence ends at a paragraph break, or at . ! ? ؟ … followed by space and a capital or a quote.
_SENTENCE_END = re.compile(r"\n\s*\n|\n|(?<=[.!?؟…])[”\"»)]?\s+(?=[“\"«(]?[A-ZÀ-Þ\u0600-\u06ff])")
# The tokens of a whole text in one pass (the words of ``token_spans``, French elisions split off): an
# elision starts a word, so it is not looked for right after another ("qu'l'x" splits once, as there).
_ELIDED_WORD = r"(?<![^\W\d_]['’])(?i:qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’](?=[^\W\d_])|"
_TOKEN = {"fr": re.compile(_ELIDED_WORD + _WORD.pattern)}
_SPLIT = {"fr": re.compile(f"({_TOKEN['fr'].pattern})")}
_TOKEN_ANY, _SPLIT_ANY = _WORD, re.compile(f"({_WORD.pattern})")
_POSSESSIVE = re.compile(r"['’][sS](?:[ \n]|\Z)")  # at the end of a word of the token stream
STOP_SOURCES = ("maintained", "project")


@dataclass(frozen=True)
class Token:
    """A word of a text: its normalised form and where it stands (offsets into the text)."""

    form: str
    start: int
    end: int
    sentence: int


def normalise_arabic(text: str) -> str:
    """Remove Arabic diacritics and tatweel (same length is not kept: use for forms, not offsets)."""
    return _ARABIC_MARKS.sub("", text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if text[start : boundary.start()].strip():
            spans.append((start, boundary.start()))
        start = boundary.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def token_spans(text: str, *, language: str = "en", lowercase: bool = True) -> Iterator[Token]:
    """Every token of a text with its offsets and sentence number, in order."""
    for number, (s_start, s_end) in enumerate(sentence_spans(text)):
        for match in _WORD.finditer(text, s_start, s_end):
            word, start, end = match.group(0), match.start(), match.end()
            if language == "fr" and (elided := _ELISION.match(word)):
                yield Token(_form(elided.group(0), lowercase), start, start + elided.end(), number)
                word, start = word[elided.end() :], start + elided.end()
            elif language == "en" and word.lower().endswith(("'s", "’s")):
                word, end = word[:-2], end - 2
            elif language == "en" and word.endswith(("s'", "s’")):
                word, end = word[:-1], end - 1
            yield Token(_form(word, lowercase), start, end, number)


def tokenize(text: str, *, language: str = "en", lowercase: bool = True) -> list[str]:
    """The normalised forms of a text's tokens."""
    return [token.form for token in token_spans(text, language=language, lowercase=lowercase)]


def count_tokens(text: str, *, language: str = "en") -> int:
    """How many word tokens a text has: the denominator of every rate per 1,000 tokens."""
    last = _last_count
    if last[1] == language and last[0] == text:
        return last[2]
    return len(_TOKEN.get(language, _TOKEN_ANY).findall(text))


def is_clitic(form: str) -> bool:
    """An elided French article or pronoun split off its word ("l'", "d'", "qu'")."""
    return form.endswith("'")


@lru_cache(maxsize=32)
def stop_words(
    language: str, *, sources: tuple[str, ...] = STOP_SOURCES, project_file: Path | None = None
) -> frozenset[str]:
    """Stop words of a language: a maintained list and/or the project's list (stopwords.yaml).

    The maintained list is scikit-learn's for English (the ISO list drops content words such as
    "information" and "general") and stopwords-iso's for French and Arabic.
    """
    words: set[str] = set()
    if "maintained" in sources:
        if language == "en":
            from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

            words |= set(ENGLISH_STOP_WORDS)
        else:
            import stopwordsiso

            words |= {normalise_arabic(w.replace("’", "'")).lower() for w in stopwordsiso.stopwords(language)}
    if "project" in sources and project_file is not None:
        words |= project_stop_words(project_file).get(language, set())
    return frozenset(words)


def project_stop_words(path: Path) -> dict[str, set[str]]:
    """The corpus-specific stop words of data/lexicons/stopwords.yaml, per language."""
    if not path.is_file():
        return {}
    data = read_yaml(path, what="stop-word file") or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise InputError(f"{path}: expected a list of words per language code (en: [...], fr: [...])")
    return {lang: {_form(str(w), True) for w in words} for lang, words in data.items()}


def terms(
    text: str,
    *,
    language: str = "en",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: Collection[str] = frozenset(),
    min_length: int = 2,
    lowercase: bool = True,
    lemmatize: bool = False,
) -> list[str]:
    """Unigrams and n-grams of a text; an n-gram never spans a sentence, a stop word or punctuation."""
    low, high = ngram_range
    forms = _forms(text, language=language, lowercase=lowercase)
    if forms is None:
        return []
    breaks = _dropped_forms(set(forms), stop_words, min_length).__contains__  # "\n" and words that are no terms
    found: list[str] = []
    for skip, group in groupby(forms, breaks):
        if skip:
            continue
        run = list(group)
        if lemmatize:
            run = [lemma(form, language) for form in run]
        if low == 1 and high == 2:  # the default, inlined
            found += run
            if len(run) > 1:
                found += map(" ".join, zip(run, run[1:], strict=False))
        else:
            found += _ngrams(run, low, high)
    return found


def term_bag(
    text: str, *, language: str = "en", stop_words: frozenset[str] = frozenset(), min_length: int = 2,
    lowercase: bool = True,
) -> tuple[int, list[str]]:
    """The token count of a text and its terms with the default ``ngram_range`` (1, 2): the same terms as
    ``terms``, in another order (the unigrams, then the bigrams), which is all a count needs."""
    forms = _forms(text, language=language, lowercase=lowercase)
    count = _last_count[2]
    if forms is None:
        return count, []
    key = (stop_words, min_length)
    kept = _KEPT.get(key)
    if kept is None or len(kept) > _DROPPED_MAX:
        kept = _KEPT[key] = {"\n": "\n"}
    try:
        marked = list(map(kept.__getitem__, forms))  # each form, or "\n" where it may not be a term
    except KeyError:
        for form in set(forms).difference(kept):
            kept[form] = "\n" if _dropped(form, stop_words, min_length) else form
        marked = list(map(kept.__getitem__, forms))
    found = [form for form in marked if form != "\n"]
    found += [f"{first} {second}" for first, second in zip(marked, marked[1:], strict=False) if first != "\n" != second]
    return count, found


def _forms(text: str, *, language: str, lowercase: bool) -> list[str] | None:
    """The normalised forms of a text's tokens, with "\\n" between two that no n-gram may join (None: no token).

    Remembers the text and its token count for ``count_tokens``.
    """
    global _last_count
    count, stream = _token_stream(text, language=language)
    _last_count = (text, language, count)
    if stream is None:
        return None
    if language == "en" and ("'" in stream or "’" in stream):
        stream = _POSSESSIVE.sub(lambda m: "\n" if len(m.group()) == 3 else "", stream)
    if _ARABIC_MARKS.search(stream):
        stream = _ARABIC_MARKS.sub("", stream)
    stream = stream.replace("’", "'")
    if lowercase:
        stream = stream.lower()
    return stream.replace("\n", " \n ").split(" ")  # words, and "\n" where a sentence or punctuation parts them


def _token_stream(text: str, *, language: str) -> tuple[int, str | None]:
    """How many tokens a text has, and their words with a space between two that an n-gram may join,
    a newline elsewhere (None when there is no token).

    Two tokens are joined when only spaces stand between them, no line break: a line break always
    ends a sentence, and a sentence end always has punctuation or a line break between its words.
    """
    parts = _SPLIT.get(language, _SPLIT_ANY).split(text)  # gap, token, gap, ..., token, gap
    if len(parts) == 1:
        return 0, None
    parts[2:-1:2] = [" " if gap == " " or not (gap.strip() or "\n" in gap) else "\n" for gap in parts[2:-1:2]]
    return len(parts) // 2, "".join(parts[1:-1])


_last_count: tuple[str, str, int] = ("", "", 0)  # the text ``terms`` read last: count_tokens may ask next
_DROPPED: dict[tuple[frozenset[str], int], tuple[set[str], set[str]]] = {}  # forms seen, forms dropped
_DROPPED_MAX = 500_000  # forms remembered per stop list before starting afresh
_KEPT: dict[tuple[frozenset[str], int], dict[str, str]] = {}  # term_bag's: form -> itself, or "\n" when dropped


def _dropped_forms(forms: set[str], stop_words: Collection[str], min_length: int) -> set[str]:
    """Which of ``forms`` are not term words (with "\\n", the break), remembered across texts for a frozen stop list."""
    if not isinstance(stop_words, frozenset):
        return {form for form in forms if form == "\n" or _dropped(form, stop_words, min_length)}
    seen, dropped = _DROPPED.setdefault((stop_words, min_length), ({"\n"}, {"\n"}))
    if len(seen) > _DROPPED_MAX:
        seen.intersection_update({"\n"})
        dropped.intersection_update({"\n"})
    if new := forms - seen:
        dropped.update(form for form in new if _dropped(form, stop_words, min_length))
        seen |= new
    return dropped


def lemma(form: str, language: str) -> str:
    """The dictionary form of a word (simplemma, which covers English, French and Arabic)."""
    import simplemma

    return simplemma.lemmatize(form, lang=language)


def _dropped(form: str, stop_words: Collection[str], min_length: int) -> bool:
    return is_clitic(form) or len(form) < min_length or form.lower() in stop_words


def _ngrams(run: list[str], low: int, high: int) -> list[str]:
    found: list[str] = []
    for n in range(low, high + 1):
        if n == 1:
            found += run
        elif n > 1:
            found += map(" ".join, zip(*(run[k:] for k in range(n)), strict=False))
        else:
            found += [" ".join(run[i : i + n]) for i in range(len(run) - n + 1)]
    return found


def _form(word: str, lowercase: bool) -> str:
    word = normalise_arabic(word).replace("’", "'")
    return word.lower() if lowercase else word
