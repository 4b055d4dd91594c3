"""Matching a lexicon's alias table in texts: mentions, evidence rows, counts.

One matcher serves every lexicon and applies the counting rules of the README: whole words;
case-insensitive except short capitalised aliases (UN, ISIS); plurals, possessives, French elision
and Arabic proclitics allowed; accents, apostrophe kinds and Arabic marks ignored; the longest match
wins and a stretch of text counts once; two aliases of one entry written together ("ISIS/Daesh",
"foreign terrorist fighters (FTFs)") are one mention. Every alias goes into one Aho-Corasick
automaton over a folded copy of the text, so a document is read once whatever the lexicon's size.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import ahocorasick
import pandas as pd

from newsreport import arabic, contract
from newsreport.concordance import WINDOW, kwic
from newsreport.folding import Folded, fold_alias, fold_char, fold_text, is_arabic
from newsreport.tokens import ELISIONS

EVIDENCE_COLUMNS = list(contract.EVIDENCE_COLUMNS)
JOINER = " + "  # between the aliases of one mention written as two ("ISIS + Daesh")
CASE_SENSITIVE_MAX = 5  # aliases in capitals of up to this many letters match case-sensitively

_ELISIONS = frozenset(ELISIONS)
_SUFFIXES = ("'s", "s'", "es", "s", "")  # possessive and plural endings allowed after a Latin alias
_SUFFIX_STARTS = frozenset(suffix[0] for suffix in _SUFFIXES if suffix)
_SUFFIXES_AFTER = {ch: tuple(s for s in _SUFFIXES if s[:1] in (ch, "")) for ch in _SUFFIX_STARTS}  # the ones to try
# Arabic proclitics before an alias, by the one rule of ``arabic``: without the article (داعش), with it
# (الإنتربول: بالإنتربول, والإنتربول), and the same alias after ل (للإنتربول)
_PROCLITICS = {"bare": arabic.BARE, "al": arabic.WITH_ARTICLE, "lil": arabic.AFTER_LIL}
_SLASH = re.compile(r"\s*/\s*")
_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)")


@dataclass(frozen=True)
class Match:
    """One mention: the entry, the alias that matched, and its offsets in the original text."""

    entity: str
    entity_type: str
    alias: str
    start: int
    end: int


def is_case_sensitive(alias: str) -> bool:
    """Aliases written in capitals of up to five letters (UN, ONU, ISIS, FTF) match case-sensitively."""
    letters = [ch for ch in alias if ch.isalpha()]
    return 0 < len(letters) <= CASE_SENSITIVE_MAX and all(ch.isupper() for ch in letters)



@dataclass(frozen=True)
class _Alias:
    entity: str
    entity_type: str
    alias: str
    cased: str | None  # the folded alias with its case kept, for case-sensitive aliases
    proclitics: tuple[str, ...] | None  # Arabic aliases: the attached prefixes allowed (``arabic``)
    order: int  # position in the alias table: the first entry wins an alias listed twice


@dataclass(frozen=True, eq=False)
class Matcher:
    """An alias table compiled once: an Aho-Corasick automaton over folded aliases, and their entries."""

    automaton: ahocorasick.Automaton  # each key's value: (its length, its entries)
    slots: tuple[tuple[_Alias, ...], ...]  # the entries behind each automaton key


def build_matcher(aliases: pd.DataFrame) -> Matcher:
    """The matcher of an alias table (``load_lexicon``'s columns); cached, so build it as often as you like."""
    return _build_matcher(tuple(zip(aliases["entity"], aliases["entity_type"], aliases["alias"], strict=True)))


@lru_cache(maxsize=8)
def _build_matcher(rows: tuple[tuple[str, str, str], ...]) -> Matcher:
    keys: dict[str, list[_Alias]] = defaultdict(list)
    for order, (entity, entity_type, alias) in enumerate(rows):
        folded = fold_alias(alias)
        if not folded:
            continue
        cased = fold_alias(alias, casefold=False) if is_case_sensitive(alias) else None
        if not is_arabic(folded[0]):
            keys[folded].append(_Alias(entity, entity_type, alias, cased, None, order))
        elif folded.startswith("ال") and len(folded) > 3:
            keys[folded].append(_Alias(entity, entity_type, alias, None, _PROCLITICS["al"], order))
            keys["لل" + folded[2:]].append(_Alias(entity, entity_type, alias, None, _PROCLITICS["lil"], order))
        else:
            keys[folded].append(_Alias(entity, entity_type, alias, None, _PROCLITICS["bare"], order))
    automaton = ahocorasick.Automaton()
    slots = []
    for key, listed in keys.items():
        # an entry that repeats an earlier one of the key (an alias listed under two languages) never wins it
        firsts: dict[tuple, _Alias] = {}
        for entry in listed:
            firsts.setdefault((entry.entity, entry.entity_type, entry.alias, entry.cased, entry.proclitics), entry)
        entries = tuple(firsts.values())
        automaton.add_word(key, (len(key), entries))
        slots.append(entries)
    if slots:
        automaton.make_automaton()
    return Matcher(automaton=automaton, slots=tuple(slots))


def changed_keys(old: Matcher, new: Matcher) -> tuple[str, ...] | None:
    """The folded aliases whose entries differ between two matchers: a text that holds none of them gets the same
    matches from both. None when the entries the two share are ranked differently (an entry moved in the
    lexicon): ties may then go the other way in any text."""
    def entries(matcher: Matcher) -> dict[str, list[tuple[int, tuple]]]:  # key -> (rank, entry) of its entries
        if not matcher.slots:
            return {}
        return {key: [(e.order, (e.entity, e.entity_type, e.alias, e.cased, e.proclitics)) for e in listed]
                for key, (_, listed) in matcher.automaton.items()}

    before, after = entries(old), entries(new)
    same = {key for key in before.keys() & after.keys()
            if [entry for _, entry in before[key]] == [entry for _, entry in after[key]]}

    def ranked(listed: dict[str, list[tuple[int, tuple]]]) -> list[tuple]:  # the unchanged keys' entries by rank
        return [entry for _, entry in sorted(chain.from_iterable(listed[key] for key in sorted(same)),
                                             key=lambda ranked_entry: ranked_entry[0])]

    if ranked(before) != ranked(after):
        return None
    return tuple(sorted((before.keys() | after.keys()) - same))


def _matcher(aliases: pd.DataFrame | Matcher) -> Matcher:
    return aliases if isinstance(aliases, Matcher) else build_matcher(aliases)


def match_text(text: str, aliases: pd.DataFrame | Matcher, *, folded: Folded | None = None) -> list[Match]:
    """Every mention of the lexicon's entries in ``text``, in order, by the counting rules.

    Pass a ``Matcher`` (``build_matcher``) when matching many texts with one table, and the text as ``fold_text``
    folds it (``folded``) when it is matched with several.
    """
    matcher = _matcher(aliases)
    if not matcher.slots or not text:
        return []
    _, index, chosen = _chosen(text, matcher, folded or fold_text(text))
    matches = [Match(alias.entity, alias.entity_type, alias.alias, index[start], _original_end(text, index, end))
               for start, end, _, _, alias in chosen]
    return _combine(text, matches)


def _chosen(text: str, matcher: Matcher, folded: Folded) -> tuple[str, Sequence[int],
                                                                   list[tuple[int, int, int, int, _Alias]]]:
    """The folded text, its offsets, and the accepted matches (start, end, order, seq, alias) in folded
    offsets, in the order of the mentions: candidates refused by the rules dropped, overlaps resolved."""
    folded, index = folded
    found: list[tuple[int, int, int, int, _Alias]] = []  # seq: the candidate's rank, for ties
    for last, (length, entries) in matcher.automaton.iter(folded):
        start = last + 1 - length
        if len(entries) == 1:  # one entry (most keys): no spelling to choose
            alias = entries[0]
            if (end := _accepted(text, folded, index, start, last + 1, alias)) is not None:
                found.append((start, end, alias.order, len(found), alias))
            continue
        passed = [(alias, end) for alias in entries
                  if (end := _accepted(text, folded, index, start, last + 1, alias)) is not None]
        if passed:
            alias, end = _best_spelling(passed, text[index[start] : index[last] + 1])
            found.append((start, end, alias.order, len(found), alias))
    found.sort()  # by start: seq is unique, so the alias is never compared
    chosen = []
    i, n = 0, len(found)
    while i < n:  # a cluster of overlapping candidates is resolved on its own; most are one candidate
        reach, j = found[i][1], i + 1
        while j < n and found[j][0] < reach:
            reach = max(reach, found[j][1])
            j += 1
        if j == i + 1:
            chosen.append(found[i])
        else:
            chosen += _longest_first(found[i:j])
        i = j
    if isinstance(index, list):  # folded by character: several folded characters may share an original offset
        chosen.sort(key=lambda f: (index[f[0]], f[0] - f[1], f[0], f[2], f[3]))
    return folded, index, chosen


def _longest_first(cluster: list[tuple[int, int, int, int, _Alias]]) -> list[tuple[int, int, int, int, _Alias]]:
    """Overlapping candidates: the longest match wins, then the first, then the first entry; by start."""
    taken: list[tuple[int, int, int, int, _Alias]] = []
    for found in sorted(cluster, key=lambda f: (f[0] - f[1], f[0], f[2], f[3])):
        if all(found[1] <= start or end <= found[0] for start, end, *_ in taken):
            taken.append(found)
    return sorted(taken)


def _suffix_end(folded: str, end: int) -> int | None:
    """Where a Latin alias ends with the plural or possessive ending after it, or None when the word goes on."""
    for suffix in _SUFFIXES_AFTER.get(folded[end : end + 1], _SUFFIXES):
        if folded.startswith(suffix, end) and _word_ends(folded, end + len(suffix)):
            return end + len(suffix)
    return None


def _accepted(text: str, folded: str, index: Sequence[int], start: int, end: int, alias: _Alias) -> int | None:
    """Where a candidate match ends (with its plural or possessive), or None when the rules refuse it.

    Latin script: a whole word (after a French elision at most), with an ending at most, in capitals when
    the alias is; the cheap refusals first. Arabic: after proclitics at most, and no ending.
    """
    if alias.proclitics is None:
        if start:
            before = folded[start - 1]
            if before.isalnum() or (before == "'" and not _elided(folded, start - 1)):
                return None
        after = folded[end : end + 1]
        if after in _SUFFIX_STARTS:
            if (stop := _suffix_end(folded, end)) is None:
                return None
        elif after.isalnum():  # no ending follows: the word must end here
            return None
        else:
            stop = end
        if alias.cased is None or fold_alias(text[index[start] : index[end - 1] + 1], casefold=False) == alias.cased:
            return stop
        return None
    prefix_start = start
    while prefix_start > 0 and is_arabic(folded[prefix_start - 1]) and folded[prefix_start - 1].isalpha():
        prefix_start -= 1
    if prefix_start > 0 and folded[prefix_start - 1].isalnum():
        return None
    if folded[prefix_start:start] not in alias.proclitics:
        return None
    return end if _word_ends(folded, end) else None


def _best_spelling(passed: list[tuple[_Alias, int]], surface: str) -> tuple[_Alias, int]:
    """The first entry's alias written as in the text ("Sénégal", not "Senegal"), else its first alias."""
    first = passed[0][0].entity
    same = [(alias, end) for alias, end in passed if alias.entity == first]
    return next(((a, e) for a, e in same if a.alias.casefold() == surface.casefold()), same[0])


def _original_end(text: str, index: list[int], end: int) -> int:
    """The original offset after a folded span, with the word's trailing marks (Arabic harakat) kept."""
    found = index[end - 1] + 1
    while found < len(text) and not (text[found].isascii() or fold_char(text[found])):  # ASCII folds to itself
        found += 1
    return found


def _word_ends(folded: str, at: int) -> bool:
    if at >= len(folded):
        return True
    ch = folded[at]
    return not ch.isalnum() and not (ch == "'" and at + 1 < len(folded) and folded[at + 1].isalnum())


def _elided(folded: str, apostrophe: int) -> bool:
    """Is the apostrophe at ``apostrophe`` the end of a French elided word ("d'", "l'", "qu'")?"""
    start = apostrophe
    while start > 0 and folded[start - 1].isalpha():
        start -= 1
    before_ok = start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] == "'")
    return before_ok and folded[start:apostrophe] in _ELISIONS


def _combine(text: str, matches: list[Match]) -> list[Match]:
    """Two aliases of one entry written as one reference ("ISIS/Daesh", "ISIS (Daesh)") make one mention."""
    out: list[Match] = []
    for match in matches:
        if out and out[-1].entity == match.entity:
            previous, gap = out[-1], text[out[-1].end : match.start]
            end = None
            if _SLASH.fullmatch(gap):
                end = match.end
            elif _OPEN.fullmatch(gap) and (close := _CLOSE.match(text, match.end)):
                end = close.end()
            if end is not None:
                alias = previous.alias + JOINER + match.alias
                out[-1] = Match(previous.entity, previous.entity_type, alias, previous.start, end)
                continue
        out.append(match)
    return out


# --- evidence -------------------------------------------------------------------------------------


def evidence_rows(doc_id: str, text: str, matcher: Matcher, *, window: int = WINDOW,
                  folded: Folded | None = None) -> list[tuple]:
    """The evidence rows of one document (``EVIDENCE_COLUMNS``), in text order (``folded``: as ``match_text``)."""
    rows = []
    for m in match_text(text, matcher, folded=folded):
        left, surface, right = kwic(text, m.start, m.end, window=window)
        rows.append((doc_id, m.entity, m.entity_type, m.alias, m.start, m.end, left, surface, right))
    return rows
