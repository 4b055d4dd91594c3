"""Tokens and terms: words of English, French and Arabic text, the same way for every count in the report.

A token is a run of letters (Latin, accented, Arabic) with inner hyphens or apostrophes kept
("cross-border", "aujourd'hui"); numbers and punctuation are not tokens. French elisions are split
off ("l'", "onu"), English possessives folded ("INTERPOL's" -> "interpol"), Arabic diacritics and
tatweel ignored. Terms are unigrams and n-grams that never cross a sentence or a stop word.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from newsreport.arabic import is_stop_word, with_proclitics
from newsreport.compounds import Compounds, Forms, Vocabulary
from newsreport.errors import InputError
from newsreport.folding import is_arabic
from newsreport.language import LANGUAGES
from newsreport.yamlfile import read_yaml

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # letters, with inner hyphens or apostrophes
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
ELISIONS = ("qu", "jusqu", "lorsqu", "puisqu", "c", "d", "j", "l", "m", "n", "s", "t")  # French, before a vowel
_ELIDED = "|".join(ELISIONS)
ELISION = re.compile(rf"^(?:{_ELIDED})['’](?=[^\W\d_])", re.IGNORECASE)  # at the start of a word: "l'", "qu'"
# The tokens of a text, in one pass (French elisions split off): what every count, term and keyword in context
# reads. An elision starts a word, so it is not looked for right after another ("qu'l'x" splits once).
_ELIDED_WORD = rf"(?<![^\W\d_]['’])(?i:{_ELIDED})['’](?=[^\W\d_])|"
_TOKEN = {"fr": re.compile(_ELIDED_WORD + WORD.pattern)}
_SPLIT = {"fr": re.compile(f"({_TOKEN['fr'].pattern})")}
_TOKEN_ANY, _SPLIT_ANY = WORD, re.compile(f"({WORD.pattern})")
_POSSESSIVE = re.compile(r"['’][sS](?:[ \n]|\Z)")  # at the end of a word of the token stream
STOP_SOURCES = ("maintained", "project")


def normalise_arabic(text: str) -> str:
    """Remove Arabic diacritics and tatweel (same length is not kept: use for forms, not offsets)."""
    return _ARABIC_MARKS.sub("", text)


def token_spans(text: str, *, language: str = "en") -> list[tuple[int, int]]:
    """Where each token of a text stands, (start, end), in order: the tokens ``count_tokens`` counts and
    ``token_stream`` gives the forms of (an English possessive's "'s" left out of its token)."""
    spans = []
    for match in _TOKEN.get(language, _TOKEN_ANY).finditer(text):
        start, end = match.span()
        if language == "en" and match.group().lower().endswith(("'s", "’s")):
            end -= 2
        spans.append((start, end))
    return spans


def count_tokens(text: str, *, language: str = "en") -> int:
    """How many word tokens a text has: the denominator of every rate per 1,000 tokens."""
    return len(_TOKEN.get(language, _TOKEN_ANY).findall(text))


def is_clitic(form: str) -> bool:
    """An elided French article or pronoun split off its word ("l'", "d'", "qu'")."""
    return form.endswith("'")


def stop_words(
    language: str, *, sources: tuple[str, ...] = STOP_SOURCES, stopwords_lexicon: Path | None = None
) -> frozenset[str]:
    """Stop words of a language: a maintained list and/or the project's list (stopwords.yaml).

    The maintained list is scikit-learn's for English (the ISO list drops content words such as
    "information" and "general") and stopwords-iso's for French and Arabic. The project's list is
    read again whenever its file changes.
    """
    project = None
    if "project" in sources and stopwords_lexicon is not None and stopwords_lexicon.is_file():
        stat = stopwords_lexicon.stat()
        project = (stopwords_lexicon, stat.st_mtime_ns, stat.st_size)
    return _stop_words(language, tuple(sources), project)


@lru_cache(maxsize=32)
def _stop_words(language: str, sources: tuple[str, ...], project: tuple[Path, int, int] | None) -> frozenset[str]:
    words: set[str] = set()
    if "maintained" in sources:
        if language == "en":
            words |= _english_stop_words()
        else:
            import stopwordsiso

            words |= {normalise_arabic(w.replace("’", "'")).lower() for w in stopwordsiso.stopwords(language)}
    if project is not None:
        words |= project_stop_words(project[0]).get(language, set())
    return frozenset(words)


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from the one module of it that holds them: importing scikit-learn
    takes a second, in every process that counts terms."""
    package = importlib.util.find_spec("sklearn")
    if package is None or package.origin is None:
        raise ModuleNotFoundError("scikit-learn is needed for its English stop words: pip install scikit-learn")
    path = Path(package.origin).parent / "feature_extraction" / "_stop_words.py"
    if not path.is_file():  # moved in another version of scikit-learn: its public name, at the import's cost
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    spec = importlib.util.spec_from_file_location("newsreport._english_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


def project_stop_words(path: Path) -> dict[str, set[str]]:
    """The corpus-specific stop words of data/lexicons/stopwords.yaml, per language."""
    if not path.is_file():
        return {}
    data = read_yaml(path, what="stop-word file") or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise InputError(f"{path}: expected a list of words per language code (en: [...], fr: [...])")
    if unknown := next((str(key) for key in data if key not in LANGUAGES), None):  # its words would stop nothing
        raise InputError(f"{path}: unknown language '{unknown}' (use {', '.join(LANGUAGES)})")
    return {lang: {_form(str(w), True) for w in words} for lang, words in data.items()}


@dataclass(frozen=True)
class TermOptions:
    """How terms are made, each stage a parameter as in scikit-learn's CountVectorizer: n-gram sizes, stop-word
    lists (the maintained ones and the project's ``stopwords_lexicon``), shortest term word, case, lemmas.

    Multi-word terms are the expressions compounded before counting, as quanteda's ``tokens_compound``
    does: the ``phrases`` (the lexicons' multi-word aliases, per language), then the ``collocations``
    found in the corpus; "Middle East" then counts once, as one term, and not also as "middle" and
    "east". Without ``phrases`` (None), every run of consecutive words within ``ngram_range`` is a term:
    the candidates collocations are found among.
    """

    ngram_range: tuple[int, int] = (1, 3)
    stop_words: tuple[str, ...] = STOP_SOURCES
    stopwords_lexicon: Path | None = None
    min_length: int = 2
    lowercase: bool = True
    lemmatize: bool = False
    phrases: tuple[tuple[str, str], ...] | None = None  # (language, alias) of the lexicons' multi-word aliases
    collocations: tuple[tuple[str, str], ...] = ()  # (language, "word word") found significant in the corpus

    def extractor(self) -> TermExtractor:
        """The function these options make: text, language -> (token count, terms)."""
        return TermExtractor(self)

    def key(self) -> str:
        """A hash of everything the terms depend on (the stop-word file by its content): equal keys, equal terms."""
        lexicon = self.stopwords_lexicon
        content = lexicon.read_bytes() if lexicon is not None and lexicon.is_file() else b""
        described = repr((self.ngram_range, self.stop_words, self.min_length, self.lowercase, self.lemmatize,
                          self.phrases, self.collocations))
        return hashlib.sha256(described.encode() + b"\0" + content).hexdigest()[:16]

    def candidates(self) -> TermOptions:
        """The options of the candidate terms collocations are found among: every word and pair of words."""
        return dataclasses.replace(self, ngram_range=(1, 2), phrases=None, collocations=())


class TermExtractor:
    """A text's token count and its terms: unigrams and n-grams of consecutive tokens that are not stop words,
    shorter than ``min_length`` or elided articles; an n-gram never spans a sentence or punctuation. The forms of
    many documents are handled as one array (``compounds.Forms``): a rule is applied to each distinct form once,
    and to the tokens by array operations."""

    def __init__(self, options: TermOptions) -> None:
        self.options = options
        self._kept: dict[str, dict[str, str]] = {}  # per language: form -> itself, or BREAK where it is no term word
        self._stop: dict[str, frozenset[str]] = {}  # per language: the stop words, read once
        self._compounds: dict[str, list[Compounds]] = {}  # per language: phrases, collocations

    def __call__(self, text: str, language: str) -> tuple[int, list[str]]:
        count, stream = token_stream(text, language=language, lowercase=self.options.lowercase)
        return count, self.terms(stream, language)

    def terms(self, stream: str, language: str) -> list[str]:
        """The terms of a text from its token stream (``token_stream``, made with these options' ``lowercase``), in
        text order (n-grams: the unigrams, then the bigrams, and so on)."""
        _, codes, names = self.terms_of([stream], language)
        return names[codes].tolist()

    def terms_of(self, streams: Sequence[str], language: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every term of documents of one language, from their token streams: (the place of its document in
        ``streams``, the number of the term) for each, each document's in the order of ``terms``; and the terms
        by number (each once)."""
        forms, token_terms, terms = self._terms(_forms_of(streams), language)
        if self.options.phrases is None:
            return _ngrams(token_terms, terms, forms.doc, *self.options.ngram_range)
        counted = self._counted(token_terms, terms)
        return forms.doc[counted], token_terms[counted], np.asarray(terms, dtype=object)

    def occurrences(self, text: str, language: str) -> list[tuple[str, int, int]]:
        """Each term ``terms`` counts in a text, where the text has it: (term, start, end), in order. Only for
        options that compound phrases (then every term is a word or a compound, never an n-gram of words)."""
        if self.options.phrases is None:
            raise ValueError("occurrences are those of compounded terms: give the options phrases (may be ())")
        stream = token_stream(text, language=language, lowercase=self.options.lowercase)[1]
        places = list(_places(token_spans(text, language=language), stream))
        forms, token_terms, terms = self._terms(_forms_of([stream]), language)
        counted = self._counted(token_terms, terms)
        return [(terms[term], places[first][0], places[last][1]) for term, first, last in
                zip(token_terms[counted].tolist(), forms.first[counted].tolist(), forms.last[counted].tolist(),
                    strict=True)]

    def _terms(self, forms: Forms, language: str) -> tuple[Forms, np.ndarray, list[str]]:
        """The forms compounded when the options say so (the lexicons' phrases, then the collocations), and each
        form's term: its number among the terms (-1: none), and the terms."""
        if self.options.phrases is not None:
            for compounds in self._compounds_of(language):
                forms = compounds.apply(forms)
        marked, terms = self._marked(forms.vocabulary, language)
        return forms, marked[forms.codes], terms

    def _counted(self, token_terms: np.ndarray, terms: list[str]) -> np.ndarray:
        """Where the compounded options count a term: a word or a compound of a length in ``ngram_range``."""
        low, high = self.options.ngram_range
        words = np.fromiter((term.count(" ") + 1 for term in terms), np.int64, len(terms))
        counted = np.flatnonzero(token_terms >= 0)
        return counted[(low <= words[token_terms[counted]]) & (words[token_terms[counted]] <= high)]

    def _marked(self, vocabulary: Vocabulary, language: str) -> tuple[np.ndarray, list[str]]:
        """The forms of a vocabulary as terms (lemmas when asked): for each form the number of its term, -1 for those
        that are none (stop words, short words, elided articles, BREAK); a compound is a term whatever words it
        holds. Returns those numbers and the terms."""
        options = self.options
        kept = self._kept.get(language)
        if kept is None or len(kept) > _KEPT_MAX:
            kept = self._kept[language] = {BREAK: BREAK, _SEPARATOR: BREAK, "": BREAK}  # "": a stream without forms
        if missing := [form for form in vocabulary.forms if form not in kept]:
            words = self._stop.get(language)
            if words is None:
                words = self._stop[language] = stop_words(language, sources=options.stop_words,
                                                          stopwords_lexicon=options.stopwords_lexicon)
            for form in missing:
                kept[form] = BREAK if " " not in form and _dropped(form, words, options.min_length) else form
        marked = [kept[form] for form in vocabulary.forms]
        if options.lemmatize:
            marked = [form if form == BREAK or " " in form else lemma(form, language) for form in marked]
        codes, terms = pd.factorize(np.asarray(marked + [BREAK], dtype=object))
        codes, terms = codes[:-1], list(terms)
        breaks = terms.index(BREAK)
        codes = np.where(codes == breaks, -1, codes - (codes > breaks))
        del terms[breaks]
        return codes.astype(np.int64), terms

    def _compounds_of(self, language: str) -> list[Compounds]:
        """The phrases and the collocations of a language, each a set of runs of forms (``compounds.Compounds``)."""
        if language not in self._compounds:
            options = self.options
            found = [Compounds(run for phrase_language, phrase in written if phrase_language == language
                               for run in compound_runs(phrase, language, options))
                     for written in (options.phrases or (), options.collocations)]
            self._compounds[language] = [compounds for compounds in found if compounds]
        return self._compounds[language]


_SEPARATOR = "\0"  # between two documents' forms in one array: no run of a compound spans it, and it is no term


def _forms_of(streams: Sequence[str]) -> Forms:
    """The forms of some documents' token streams as one array, each document's followed by a separator."""
    lists = pc.split_pattern(pc.replace_substring(
        pa.array([f"{stream} {_SEPARATOR}" for stream in streams], type=pa.large_string()), BREAK, _SPACED_BREAK), " ")
    encoded = lists.flatten().dictionary_encode()
    doc = np.repeat(np.arange(len(streams), dtype=np.int64), np.diff(lists.offsets.to_numpy()))
    return Forms(encoded.indices.to_numpy().astype(np.int64), Vocabulary(encoded.dictionary.to_pylist()), doc)


def _places(spans: list[tuple[int, int]], stream: str) -> Iterator[tuple[int, int] | None]:
    """Where each form of a stream stands in its text: its token's span (``token_spans``, the same tokens), None
    for a BREAK."""
    tokens = iter(spans)
    for form in stream_forms(stream):
        yield None if form == BREAK else next(tokens)


def _ngrams(codes: np.ndarray, terms: list[str], doc: np.ndarray, low: int, high: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The n-grams (``low`` to ``high`` words) of term codes (-1 parts runs: none spans one), as ``terms_of``
    gives them: the unigrams, then the bigrams, and so on, each in order."""
    found_doc, found, named = [], [], []
    level, names, size = codes, np.asarray(terms, dtype=object), max(len(terms), 1)
    numbered = 0  # n-grams of the levels before
    for n in range(1, high + 1):
        if n > 1:  # an n-gram: an (n-1)-gram and the next word, numbered among the n-grams found
            valid = (level[:-1] >= 0) & (codes[n - 1 :] >= 0)
            keys = level[:-1][valid] * size + codes[n - 1 :][valid]
            unique, inverse = np.unique(keys, return_inverse=True)
            level = np.full(len(valid), -1, dtype=np.int64)
            level[valid] = inverse
            words = np.asarray(terms, dtype=object)[unique % size]
            names = np.asarray([f"{head} {word}" for head, word in zip(names[unique // size], words, strict=True)],
                               dtype=object)
        if n >= low:
            at = np.flatnonzero(level >= 0)
            found_doc.append(doc[at])
            found.append(level[at] + numbered)
            named.append(names)
            numbered += len(names)
        if not len(level):
            break
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    return np.concatenate(found_doc), np.concatenate(found), np.concatenate(named)


def compound_runs(phrase: str, language: str, options: TermOptions) -> list[tuple[list[str], str]]:
    """The runs of forms a phrase is compounded from, as the matcher counts it, each with the term it makes: its
    words, and the same with the last in the plural, counted as the phrase ("national central bureaus" is the term
    "national central bureau"), or in Arabic with proclitics on the first (والشرق الأوسط, its own term, which the
    term counts fold as they fold a word's proclitics); none when it is one word or longer than the longest
    n-gram. Punctuation inside it is a BREAK in the run, as in the text ("Ronald K. Noble")."""
    words = token_forms(phrase, language=language, lowercase=options.lowercase)[1]
    if not 1 < len(words) - words.count(BREAK) <= options.ngram_range[1]:
        return []
    if language == "ar":
        return [(run, compound_form(run)) for run in ([first, *words[1:]] for first in with_proclitics(words[0]))]
    term = compound_form(words)
    if not words[-1].endswith("s"):
        return [(words, term), ([*words[:-1], words[-1] + "s"], term)]
    return [(words, term)]


def telltale_terms(phrases: Collection[tuple[str, str]], options: TermOptions) -> tuple[str, ...] | None:
    """Terms one of which is among the candidate terms (``TermOptions.candidates``) of every document where one
    of these (language, phrase) pairs is compounded: for each run of forms a phrase is compounded from, its
    first two neighbouring term words, else its first term word. None when a run has no term word (stop
    words only) or the candidates are lemmas, not forms."""
    if options.lemmatize:
        return None
    found = set()
    for language, phrase in phrases:
        stop = stop_words(language, sources=options.stop_words, stopwords_lexicon=options.stopwords_lexicon)
        for words, _term in compound_runs(phrase, language, options):
            kept = [word != BREAK and not _dropped(word, stop, options.min_length) for word in words]
            if not any(kept):
                return None
            pairs = [f"{words[i]} {words[i + 1]}" for i in range(len(words) - 1) if kept[i] and kept[i + 1]]
            found.add(pairs[0] if pairs else words[kept.index(True)])
    return tuple(sorted(found))


BREAK = "\n"  # between two forms that no n-gram may join
_SPACED_BREAK = f" {BREAK} "  # a stream's forms are its BREAK so spaced, split at spaces (``stream_forms``)
_KEPT_MAX = 500_000  # forms an extractor remembers per language before starting afresh


def compound_form(words: list[str]) -> str:
    """The term a run of forms is compounded into: its words, one space between two but none after an elided
    article ("partage d'informations"), the BREAKs of its punctuation left out ("ronald k noble")."""
    kept = [word for word in words if word != BREAK]
    return "".join(word if is_clitic(word) else word + " " for word in kept[:-1]) + kept[-1]


def token_forms(text: str, *, language: str, lowercase: bool = True) -> tuple[int, list[str]]:
    """A text's token count and the normalised forms of its tokens, with BREAK between two that no n-gram may
    join (a sentence end, punctuation, an English possessive); [] when it has no token."""
    count, stream = token_stream(text, language=language, lowercase=lowercase)
    return count, stream_forms(stream)


def token_stream(text: str, *, language: str, lowercase: bool = True) -> tuple[int, str]:
    """A text's token count and the normalised forms of its tokens as one string ("" when it has none): a space
    between two forms an n-gram may join, BREAK elsewhere. What the index keeps of a text (``stream_forms``
    reads it), so that it is tokenised once for every count of its terms."""
    count, stream = _words(text, language=language)
    if stream is None:
        return count, ""
    if language == "en" and ("'" in stream or "’" in stream):
        stream = _POSSESSIVE.sub(lambda m: BREAK if len(m.group()) == 3 else "", stream)
    if _ARABIC_MARKS.search(stream):
        stream = _ARABIC_MARKS.sub("", stream)
    stream = stream.replace("’", "'")
    return count, stream.lower() if lowercase else stream


def stream_forms(stream: str) -> list[str]:
    """The forms of a token stream (``token_stream``), BREAK between two that no n-gram may join."""
    return stream.replace(BREAK, _SPACED_BREAK).split(" ") if stream else []


def _words(text: str, *, language: str) -> tuple[int, str | None]:
    """How many tokens a text has, and their words with a space between two that an n-gram may join,
    a newline elsewhere (None when there is no token).

    Two tokens are joined when only spaces stand between them, no line break: a line break always
    ends a sentence, and a sentence end always has punctuation or a line break between its words.
    """
    parts = _SPLIT.get(language, _SPLIT_ANY).split(text)  # gap, token, gap, ..., token, gap
    if len(parts) == 1:
        return 0, None
    parts[2:-1:2] = [" " if gap == " " or not (gap.strip() or "\n" in gap) else BREAK for gap in parts[2:-1:2]]
    return len(parts) // 2, "".join(parts[1:-1])


def lemma(form: str, language: str) -> str:
    """The dictionary form of a word (simplemma, which covers English, French and Arabic)."""
    import simplemma

    return simplemma.lemmatize(form, lang=language)


def _dropped(form: str, stop_words: Collection[str], min_length: int) -> bool:
    if is_clitic(form) or len(form) < min_length or form.lower() in stop_words:
        return True
    return is_arabic(form[0]) and is_stop_word(form, stop_words)  # وإن: a stop word with a particle


def _form(word: str, lowercase: bool) -> str:
    word = normalise_arabic(word).replace("’", "'")
    return word.lower() if lowercase else word
