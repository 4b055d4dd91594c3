"""Arabic words as written: the proclitics attached before a word, one rule for the matcher and the terms.

An Arabic word may carry, written together with it, و or ف (and), then ب, ك or ل (with, like, for),
and the article ال; ل before the article is written لل (للإنتربول = ل + الإنتربول). The lexicon matcher
allows these before an alias (``matching``); the term counts fold a written form onto the form it is
written from when the corpus has that form too (``base_forms``), so that الأمن, والأمن, للأمن and
بالأمن count as one term, shown as the form most often written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsreport.folding import is_arabic

ARTICLE = "ال"
# before a word without the article (داعش, لبنان): and, then with/like/for or the article (بال, لل)
BARE = re.compile(r"[وف]?(?:[بك]?ال|لل|[بكل])?")
# before a word with the article (الإنتربول): and, then with/like (والإنتربول, بالإنتربول)
WITH_ARTICLE = re.compile(r"[وف]?[بك]?")
# before such a word whose article joined ل (للإنتربول): and
AFTER_LIL = re.compile(r"[وف]?")
LONGEST = 4  # letters of proclitics at most: وبال
SHORTEST_BASE = 3  # letters a base keeps without its article: shorter ones are too often other words


def is_arabic_word(word: str) -> bool:
    return bool(word) and all(map(is_arabic, word))


def with_proclitics(word: str) -> list[str]:
    """Every way ``word`` is written with proclitics by the rule above, itself first: الأمن, والأمن, بالأمن,
    للأمن, ... (a word with the article); داعش, وداعش, لداعش, بالداعش, ... (a word without)."""
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
        return ([conj + prep + word for conj in ("", "و", "ف") for prep in ("", "ب", "ك")]
                + [conj + "لل" + word[len(ARTICLE):] for conj in ("", "و", "ف")])
    return [conj + prefix + word for conj in ("", "و", "ف")
            for prefix in ("", "ال", "بال", "كال", "لل", "ب", "ك", "ل")]


def base_forms(words: Iterable[str]) -> dict[str, str]:
    """Each Arabic word of a vocabulary mapped onto the shortest word of the same vocabulary it is written
    from with proclitics (by the rule above); words written from no other are left out.

    A vocabulary, not a stemmer: وزير is not و + زير unless the corpus writes زير, and فرنسا stays فرنسا.
    """
    vocabulary = {word for word in words if is_arabic_word(word)}
    step = {word: base for word in vocabulary if (base := _written_from(word, vocabulary))}
    found = {}
    for word in step:  # follow the chain: والأمن -> الأمن -> أمن
        base = word
        while base in step:
            base = step[base]
        found[word] = base
    return found


def _written_from(word: str, vocabulary: set[str]) -> str | None:
    """The shortest word of the vocabulary that ``word`` is, with proclitics before it, or None."""
    found = None
    for size in range(1, min(LONGEST, len(word) - SHORTEST_BASE) + 1):
        prefix, rest = word[:size], word[size:]
        candidates = []
        if rest.startswith(ARTICLE) and WITH_ARTICLE.fullmatch(prefix):
            candidates.append(rest)  # والأمن: و + الأمن
        if BARE.fullmatch(prefix) and not rest.startswith(ARTICLE):
            candidates.append(rest)  # الأمن: ال + أمن; بتونس: ب + تونس
        if prefix.endswith("لل") and AFTER_LIL.fullmatch(prefix[:-2]):
            candidates.append(ARTICLE + rest)  # للأمن: ل + الأمن
        for candidate in candidates:
            if candidate in vocabulary and len(candidate.removeprefix(ARTICLE)) >= SHORTEST_BASE and (
                    found is None or len(candidate) < len(found)):
                found = candidate
    return found
