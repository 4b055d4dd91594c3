"""Capitalised names in a corpus that no alias of a lexicon covers: what the lexicon may be missing."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict

import pandas as pd

from newsreport.tokens import ELISION, WORD

_SENTENCE_START = re.compile(r"(?:^|[.!?:;•\n])[\s“”\"«»‘’'(\[–—-]*$")
DIAGNOSTIC_SAMPLE = 2000  # documents read for names the lexicon does not cover (the first by doc_id)
NAME_CONNECTORS = frozenset({"of", "for", "de", "du", "des", "al", "el", "bin", "ben", "ibn"})
NOT_NAMES = frozenset({  # capitalised words that are not names: function words, months, days
    "the", "a", "an", "in", "at", "on", "of", "for", "to", "by", "with", "from", "as", "and", "or", "but", "if",
    "when", "where", "while", "whilst", "which", "who", "what", "this", "that", "these", "those",
    "it", "its", "he", "she", "his", "her", "we", "our", "they", "their", "there", "here", "each", "every",
    "all", "some", "no", "not", "another", "such",
    "after", "before", "during", "between", "since", "under", "over", "mr", "mrs", "ms", "dr",
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "en", "au", "aux", "dans", "par", "pour",
    "sur", "et", "ou", "il", "elle", "ils", "elles", "ce", "cette", "ces", "son", "sa", "ses", "nous", "alors",
    "selon", "lors", "m", "mme",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
})


def uncovered_names(
    documents: pd.DataFrame, evidence: pd.DataFrame, *, min_count: int = 1, max_words: int = 4
) -> pd.DataFrame:
    """Capitalised names in the corpus that no alias matched: what the lexicon may be missing.

    A name is a run of 1 to ``max_words`` capitalised words (with "of", "de", "al"... inside).
    Left out: function words ("The", "Le") at a run's edges; a one-word name that documents of its
    language also write in lower case, wherever it stands ("Evidence", "Security" in a headline), or never
    capitalise inside a sentence (a capital opening a sentence says nothing: "Bringing", "Promouvoir");
    and a run's first word when it opens a sentence and is written in lower case elsewhere but never
    capitalised inside a sentence ("Speaking INTERPOL" -> "INTERPOL"; "New York" stays when "new" is
    written too, as long as some sentence has "New" inside it, or "new" is English and the document
    French). Latin script only: Arabic has no capitals.
    """
    spans = {doc: sorted(zip(g["start"], g["end"], strict=True)) for doc, g in evidence.groupby("doc_id")}
    languages = documents["language"] if "language" in documents else [""] * len(documents)
    lowercase: defaultdict[str, set[str]] = defaultdict(set)  # per language: words written in lower case
    inside: defaultdict[str, set[str]] = defaultdict(set)  # per language: capitalised words inside a sentence
    found = []  # per document: its language and its runs
    for doc_id, text, language in zip(documents["doc_id"], documents["text"], languages, strict=True):
        language = language if isinstance(language, str) else ""
        found.append((doc_id, language, _runs(text, spans.get(doc_id, []), lowercase[language], inside[language])))
    counts: Counter[str] = Counter()
    docs: defaultdict[str, set[str]] = defaultdict(set)
    for doc_id, language, runs in found:
        common = lowercase[language]
        openers = common - inside[language]
        for run in runs:
            if name := _name(run, common, openers, inside[language], max_words):
                counts[name] += 1
                docs[name].add(doc_id)
    table = pd.DataFrame([(name, n, len(docs[name])) for name, n in counts.items() if n >= min_count],
                         columns=["name", "count", "doc_count"])
    table[["count", "doc_count"]] = table[["count", "doc_count"]].astype("int64")
    return table.sort_values(["count", "name"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


Run = list[tuple[str, bool]]  # capitalised words in a row, each with whether it opens a sentence


def _runs(text: str, spans: list[tuple[int, int]], lowercase: set[str], inside: set[str]) -> list[Run]:
    """The runs of capitalised words of one document outside the matches (``spans``); adds the words it writes in
    lower case to ``lowercase``, those it capitalises inside a sentence to ``inside`` (casefolded). One pass, with
    the least work on the lower-case words, which are most words."""
    runs: list[Run] = []
    run: Run = []
    previous_end = 0
    for match in WORD.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if "'" in word or "’" in word:
            if elided := ELISION.match(word):
                word, start = word[elided.end() :], start + elided.end()
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2
            word = word.replace("’", "'")
        after, previous_end = previous_end, match.end()
        folded = word.casefold()
        if word[0].islower():
            lowercase.add(folded)
            if folded not in NAME_CONNECTORS:
                if run:  # the run ends
                    runs.append(run)
                    run = []
                continue
        capital = word[0].isupper()
        # only a capitalised word's place in its sentence matters (``_name``): the search is costly
        initial = capital and (start == 0 or bool(_SENTENCE_START.search(text[max(0, start - 12) : start])))
        if not initial and not word[0].islower():  # a connector written in lower case is neither
            inside.add(folded)
        matched = bool(spans) and _overlaps(spans, start, end)
        gap = text[after:start]
        joined = gap.strip() == "" and "\n" not in gap and not matched
        if not (joined and (capital or folded in NAME_CONNECTORS)) and run:
            runs.append(run)
            run = []
        if capital and not matched:
            run.append((word, initial))
        elif run and joined and folded in NAME_CONNECTORS:
            run.append((word, False))
    if run:
        runs.append(run)
    return runs


def _name(run: Run, lowercase: set[str], openers: set[str], capitalised: set[str],
          max_words: int) -> str | None:
    """A run of capitalised words as a name: no function words, and no common word opening a sentence
    (``openers``), at its edges; not one word that is also written in lower case (``lowercase``) or never
    capitalised inside a sentence (``capitalised``)."""
    def dropped(word: str, initial: bool) -> bool:
        folded = word.casefold()
        return folded in NOT_NAMES or folded in NAME_CONNECTORS or (initial and folded in openers)

    while run and dropped(*run[-1]):
        run = run[:-1]
    while run and dropped(*run[0]):
        run = run[1:]
    if len(run) == 1 and (run[0][0].casefold() in lowercase or run[0][0].casefold() not in capitalised):
        return None
    capitals = sum(1 for word, _ in run if word[0].isupper())
    return " ".join(word for word, _ in run) if 1 <= capitals <= max_words else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect.bisect_left(spans, (end, end))
    return at > 0 and spans[at - 1][1] > start
