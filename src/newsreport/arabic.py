"""Arabic words as written: the proclitics attached before a word, one rule for the matcher and the terms.

An Arabic word may carry, written together with it, و or ف (and), then ب, ك or ل (with, like, for),
and the article ال; ل before the article is written لل (للإنتربول = ل + الإنتربول). The lexicon matcher
allows these before an alias (``matching``); the term counts fold a written form onto the form it is
written from when the corpus has that form too (``base_forms``), so that الأمن, والأمن, للأمن and
بالأمن count as one term, shown as the form most often written.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from newsreport.folding import is_arabic

ARTICLE = "ال"
_AND = ("", "و", "ف")
# The prefixes allowed, each an "and" (or none) then: before a word without the article (داعش, لبنان):
# with/like/for or the article (بال, لل); before a word with it (الإنتربول): with/like (والإنتربول,
# بالإنتربول); before such a word whose article joined ل (للإنتربول): nothing more.
BARE = tuple(conj + prefix for conj in _AND for prefix in ("", "ال", "بال", "كال", "لل", "ب", "ك", "ل"))
WITH_ARTICLE = tuple(conj + prep for conj in _AND for prep in ("", "ب", "ك"))
AFTER_LIL = _AND
_PARTICLES = tuple(p for p in BARE if p and "ال" not in p and "لل" not in p)  # و, فب, ل ...
LONGEST = 4  # letters of proclitics at most: وبال
SHORTEST_BASE = 3  # letters a base keeps without its article: shorter ones are too often other words


def is_arabic_word(word: str) -> bool:
    return bool(word) and all(map(is_arabic, word))


def with_proclitics(word: str) -> list[str]:
    """Every way ``word`` is written with proclitics by the rule above, itself first: الأمن, والأمن, بالأمن,
    للأمن, ... (a word with the article); داعش, وداعش, لداعش, بالداعش, ... (a word without)."""
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
        return [prefix + word for prefix in WITH_ARTICLE] + [conj + "لل" + word[len(ARTICLE):] for conj in AFTER_LIL]
    return [prefix + word for prefix in BARE]


def is_stop_word(word: str, stop_words: Collection[str]) -> bool:
    """A stop word written with proclitics before it by the rule above, the article aside (وإن, فإن, لهذا, بأن):
    the list has the bare word."""
    return any(word.startswith(prefix) and word[len(prefix):] in stop_words for prefix in _PARTICLES)


def base_forms(words: Iterable[str]) -> dict[str, str]:
    """Each Arabic word of a vocabulary mapped onto the shortest word of the same vocabulary it is written
    from with proclitics (by the rule above); words written from no other are left out.

    A vocabulary, not a stemmer: وزير is not و + زير unless the corpus writes زير, and فرنسا stays فرنسا. The
    proclitics come off in their order only: البحرية is ال + بحرية, never ال + ب + حرية, since ب stands before
    the article (بالحرية), not after it.
    """
    vocabulary = {word for word in words if is_arabic_word(word)}
    step = {word: base for word in vocabulary if (base := _written_from(word, vocabulary))}
    found = {}
    for word, base in step.items():  # follow the chain while the rule allows it: وللأمن -> للأمن -> الأمن -> أمن
        while base in step and word in with_proclitics(step[base]):
            base = step[base]
        found[word] = base
    return found


def _written_from(word: str, vocabulary: set[str]) -> str | None:
    """The shortest word of the vocabulary that ``word`` is, with proclitics before it, or None."""
    found = None
    for size in range(1, min(LONGEST, len(word) - SHORTEST_BASE) + 1):
        prefix, rest = word[:size], word[size:]
        candidates = []
        if rest.startswith(ARTICLE) and prefix in WITH_ARTICLE:
            candidates.append(rest)  # والأمن: و + الأمن
        if prefix in BARE and not rest.startswith(ARTICLE):
            candidates.append(rest)  # الأمن: ال + أمن; بتونس: ب + تونس
        if prefix.endswith("لل") and prefix[:-2] in AFTER_LIL:
            candidates.append(ARTICLE + rest)  # للأمن: ل + الأمن
        for candidate in candidates:
            if candidate in vocabulary and len(candidate.removeprefix(ARTICLE)) >= SHORTEST_BASE and (
                    found is None or len(candidate) < len(found)):
                found = candidate
    return found
