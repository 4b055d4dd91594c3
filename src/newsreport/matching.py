"""Matching a lexicon's alias table in texts: mentions, evidence rows, counts.

One matcher serves every lexicon and applies the counting rules of the README: whole words;
case-insensitive except short capitalised aliases (UN, ISIS); plurals, possessives, French elision
and Arabic proclitics allowed; accents, apostrophe kinds and Arabic marks ignored; the longest match
wins and a stretch of text counts once; two aliases of one entry written together ("ISIS/Daesh",
"foreign terrorist fighters (FTFs)") are one mention. Every alias goes into one Aho-Corasick
automaton over a folded copy of the text, so a document is read once whatever the lexicon's size.

A batch of documents (an index partition) is matched at once: the automaton reads their folded texts joined
into one, and the rules on the characters around each candidate are array operations over all the candidates;
only what needs an alias's own spelling (capitals, Arabic proclitics, a French elision before it, the choice
between entries sharing a folded alias) is asked one candidate at a time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain

import ahocorasick
import numpy as np
import pandas as pd
import pyarrow as pa

from newsreport import arabic, contract
from newsreport.codepoints import APOSTROPHE, Joined, is_alnum
from newsreport.concordance import WINDOW, contexts
from newsreport.folding import Folded, fold_alias, fold_char, fold_text, is_arabic, originals
from newsreport.spans import overlapping_groups
from newsreport.tokens import ELISIONS

EVIDENCE_COLUMNS = list(contract.EVIDENCE_COLUMNS)
EVIDENCE_SCHEMA = pa.schema([(name, pa.int64() if name in ("start", "end") else pa.string())
                             for name in EVIDENCE_COLUMNS])
JOINER = " + "  # between the aliases of one mention written as two ("ISIS + Daesh")
CASE_SENSITIVE_MAX = 5  # aliases in capitals of up to this many letters match case-sensitively

_ELISIONS = frozenset(ELISIONS)
_SUFFIXES = ("'s", "s'", "es", "s", "")  # possessive and plural endings allowed after a Latin alias, tried in order
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

    automaton: ahocorasick.Automaton  # each key's value: its number
    keys: tuple[str, ...]  # the folded aliases, by number
    slots: tuple[tuple[_Alias, ...], ...]  # the entries behind each key

    @cached_property
    def lengths(self) -> np.ndarray:
        return np.array([len(key) for key in self.keys], dtype=np.int64)

    @cached_property
    def arabic(self) -> np.ndarray:
        """Whether each key is Arabic (its entries take proclitics, not endings)."""
        return np.array([slot[0].proclitics is not None for slot in self.slots], dtype=bool)

    @cached_property
    def plain(self) -> np.ndarray:
        """Whether each key has one entry, in Latin script, in any case: the characters around a candidate
        decide it alone."""
        return np.array([len(slot) == 1 and slot[0].proclitics is None and slot[0].cased is None
                         for slot in self.slots], dtype=bool)

    @cached_property
    def first_entry(self) -> np.ndarray:
        """The number of each key's first entry in ``entries``."""
        return np.cumsum([0] + [len(slot) for slot in self.slots[:-1]]).astype(np.int64)

    @cached_property
    def entries(self) -> dict[str, np.ndarray]:
        """Every key's entries in turn, by field: entity, entity_type, alias, order."""
        listed = [alias for slot in self.slots for alias in slot]
        return {name: np.array([getattr(a, name) for a in listed], dtype=np.int64 if name == "order" else object)
                for name in ("entity", "entity_type", "alias", "order")}


def build_matcher(aliases: pd.DataFrame) -> Matcher:
    """The matcher of an alias table (``load_lexicon``'s columns); cached, so build it as often as you like."""
    return _build_matcher(tuple(zip(aliases["entity"], aliases["entity_type"], aliases["alias"], strict=True)))


@lru_cache(maxsize=8)
def _build_matcher(rows: tuple[tuple[str, str, str], ...]) -> Matcher:
    keys: dict[str, list[_Alias]] = defaultdict(list)
    for order, (entity, entity_type, alias) in enumerate(rows):
        folded = fold_alias(alias)
        if not folded or "\0" in folded:  # a NUL separates the documents matched together
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
    for number, (key, listed) in enumerate(keys.items()):
        # an entry that repeats an earlier one of the key (an alias listed under two languages) never wins it
        firsts: dict[tuple, _Alias] = {}
        for entry in listed:
            firsts.setdefault((entry.entity, entry.entity_type, entry.alias, entry.cased, entry.proclitics), entry)
        automaton.add_word(key, number)
        slots.append(tuple(firsts.values()))
    if slots:
        automaton.make_automaton()
    return Matcher(automaton=automaton, keys=tuple(keys), slots=tuple(slots))


def changed_keys(old: Matcher, new: Matcher) -> tuple[str, ...] | None:
    """The folded aliases whose entries differ between two matchers: a text that holds none of them gets the same
    matches from both. None when the entries the two share are ranked differently (an entry moved in the
    lexicon): ties may then go the other way in any text."""
    def entries(matcher: Matcher) -> dict[str, list[tuple[int, tuple]]]:  # key -> (rank, entry) of its entries
        return {key: [(e.order, (e.entity, e.entity_type, e.alias, e.cased, e.proclitics)) for e in listed]
                for key, listed in zip(matcher.keys, matcher.slots, strict=True)}

    before, after = entries(old), entries(new)
    same = {key for key in before.keys() & after.keys()
            if [entry for _, entry in before[key]] == [entry for _, entry in after[key]]}

    def ranked(listed: dict[str, list[tuple[int, tuple]]]) -> list[tuple]:  # the unchanged keys' entries by rank
        return [entry for _, entry in sorted(chain.from_iterable(listed[key] for key in sorted(same)),
                                             key=lambda ranked_entry: ranked_entry[0])]

    if ranked(before) != ranked(after):
        return None
    return tuple(sorted((before.keys() | after.keys()) - same))


class Batch:
    """Documents matched together: their texts, each folded once (``fold_text``) for every lexicon, and both joined
    into one text (``codepoints.Joined``)."""

    def __init__(self, texts: Sequence[str], folded: Sequence[Folded] | None = None) -> None:
        self.texts = list(texts)
        if folded is not None:
            self.__dict__["folded"] = list(folded)

    def __len__(self) -> int:
        return len(self.texts)

    @cached_property
    def folded(self) -> list[Folded]:
        return [fold_text(text) for text in self.texts]

    @cached_property
    def joined(self) -> Joined:
        return Joined(self.texts)

    @cached_property
    def joined_folded(self) -> Joined:
        return Joined([folded for folded, _ in self.folded])

    def subset(self, places: Sequence[int]) -> Batch:
        """The documents at ``places``, folded as they are here."""
        return Batch([self.texts[i] for i in places], [self.folded[i] for i in places])


@dataclass(frozen=True)
class Mentions:
    """The mentions in a batch, one row each, by document and in text order: the document's number in the batch,
    the original offsets in its text, the entry, and the alias the row shows (two written together joined)."""

    document: np.ndarray
    start: np.ndarray
    end: np.ndarray
    entity: np.ndarray
    entity_type: np.ndarray
    alias: np.ndarray


def _matcher(aliases: pd.DataFrame | Matcher) -> Matcher:
    return aliases if isinstance(aliases, Matcher) else build_matcher(aliases)


def match_text(text: str, aliases: pd.DataFrame | Matcher, *, folded: Folded | None = None) -> list[Match]:
    """Every mention of the lexicon's entries in ``text``, in order, by the counting rules (``folded``: the text as
    ``fold_text`` folds it, when already folded)."""
    found = find_mentions(Batch([text], None if folded is None else [folded]), _matcher(aliases))
    return [Match(*row) for row in zip(found.entity.tolist(), found.entity_type.tolist(), found.alias.tolist(),
                                       found.start.tolist(), found.end.tolist(), strict=True)]


def evidence_table(doc_ids: Sequence[str], batch: Batch, matcher: Matcher, *, window: int = WINDOW) -> pa.Table:
    """The evidence rows of a batch's documents (``EVIDENCE_COLUMNS``; ``doc_ids``: theirs), by document and in
    text order."""
    found = find_mentions(batch, matcher)
    joined = batch.joined
    at = joined.first[found.document]
    columns = contexts(joined.text, (at + found.start).tolist(), (at + found.end).tolist(), window=window,
                       bounds=(at.tolist(), joined.past[found.document].tolist()))
    doc_id = np.asarray(doc_ids, dtype=object)[found.document] if len(found.document) else []
    return pa.table([pa.array(doc_id, pa.string()), pa.array(found.entity, pa.string()),
                     pa.array(found.entity_type, pa.string()), pa.array(found.alias, pa.string()),
                     pa.array(found.start, pa.int64()), pa.array(found.end, pa.int64()),
                     *(pa.array(column, pa.string()) for column in columns)], schema=EVIDENCE_SCHEMA)


def find_mentions(batch: Batch, matcher: Matcher) -> Mentions:
    """Every mention of the matcher's entries in the batch's documents, by the counting rules."""
    folded = batch.joined_folded
    hits = np.fromiter(chain.from_iterable(matcher.automaton.iter(folded.text)) if matcher.slots else (),
                       dtype=np.int64)
    key, end = hits[1::2], hits[0::2] + 1
    start = end - matcher.lengths[key]
    stop = _stops(folded.codes, start, end, matcher.arabic[key])
    document = folded.document_of(start)
    entry = matcher.first_entry[key]
    # what the characters around a candidate cannot decide: an alias's own spelling, an elision before it
    asked = np.flatnonzero((stop >= 0) & (~matcher.plain[key] | (folded.codes[start - 1] == APOSTROPHE)))
    for i, slot, number, at, past, first in zip(
            asked.tolist(), [matcher.slots[k] for k in key[asked].tolist()], document[asked].tolist(),
            start[asked].tolist(), end[asked].tolist(), folded.first[document[asked]].tolist(), strict=True):
        chosen = _chosen_entry(batch, slot, number, at, past - first, first)
        if chosen is None:
            stop[i] = -1
        else:
            entry[i] += chosen
    rows = np.flatnonzero(stop >= 0)  # the candidates kept, in the order found (which breaks the last ties)
    order = matcher.entries["order"][entry]
    rows = rows[np.lexsort((rows, order[rows], stop[rows], start[rows]))]  # by start; then the shorter, the first entry
    rows = rows[_without_overlaps(start[rows], stop[rows], order[rows], rows)]
    first = folded.first[document[rows]]
    original_start, original_end = _original_offsets(batch, document[rows], start[rows] - first, stop[rows] - first)
    # in original order: several folded characters may share an original offset ("œ" folds to two)
    ranked = np.lexsort((rows, order[rows], start[rows], start[rows] - stop[rows], original_start, document[rows]))
    rows = rows[ranked]
    entity, entity_type, alias = (matcher.entries[name][entry[rows]] for name in ("entity", "entity_type", "alias"))
    return _combined(batch, Mentions(document[rows], original_start[ranked], original_end[ranked], entity,
                                     entity_type, alias))


def _stops(codes: np.ndarray, start: np.ndarray, end: np.ndarray, arabic_key: np.ndarray) -> np.ndarray:
    """Where each candidate (offsets in a joined folded text of ``codes``) ends, with the plural or possessive
    ending after a Latin alias; -1 where a word goes on before or after it. Proclitics before an Arabic alias are
    looked at one candidate at a time (``_chosen_entry``)."""
    after = [codes[end + k] for k in range(4)]  # the characters after each candidate
    letter = [is_alnum(ch) for ch in after]
    # a word ends k characters after: no letter or digit there, nor an apostrophe followed by one
    word_ends = [~letter[k] & ~((after[k] == APOSTROPHE) & letter[k + 1]) for k in range(3)]
    endings, stops = [], []
    for suffix in _SUFFIXES:  # the first that the text holds, a word ending after it
        holds = word_ends[len(suffix)]
        for k, ch in enumerate(suffix):
            holds = holds & (after[k] == ord(ch))
        endings.append(holds)
        stops.append(end + len(suffix))
    latin = np.select(endings, stops, default=-1)
    latin[is_alnum(codes[start - 1])] = -1
    return np.where(arabic_key, np.where(word_ends[0], end, -1), latin)


def _chosen_entry(batch: Batch, slot: tuple[_Alias, ...], document: int, start: int, end: int, first: int
                  ) -> int | None:
    """Which of a key's entries a candidate is a mention of, by the rules that read an alias's own spelling; None
    when refused. ``start``: in the joined folded text; ``end``: in the ``document``-th's, which begins at ``first``."""
    folded = batch.joined_folded.text
    surface = None  # the candidate as written, read when a rule needs it
    if slot[0].proclitics is not None:  # Arabic: after proclitics at most, the same for every entry
        prefix = _proclitics_before(folded, start)
        passed = [number for number, alias in enumerate(slot) if prefix is not None and prefix in alias.proclitics]
    elif start > 0 and folded[start - 1] == "'" and not _elided(folded, start - 1):
        return None
    else:  # Latin: in capitals when the alias is
        if any(alias.cased is not None for alias in slot):
            surface = _surface(batch, document, start - first, end)
        passed = [number for number, alias in enumerate(slot)
                  if alias.cased is None or fold_alias(surface, casefold=False) == alias.cased]
    same = [number for number in passed if slot[number].entity == slot[passed[0]].entity] if passed else []
    if len(same) <= 1:
        return same[0] if same else None
    # the first entry's alias written as in the text ("Sénégal", not "Senegal"), else its first alias
    surface = surface if surface is not None else _surface(batch, document, start - first, end)
    return next((number for number in same if slot[number].alias.casefold() == surface.casefold()), same[0])


def _surface(batch: Batch, document: int, start: int, end: int) -> str:
    """A folded span of a document (offsets in its folded text) as the original text writes it."""
    offsets = batch.folded[document][1]
    return batch.texts[document][offsets[start] : offsets[end - 1] + 1]


def _proclitics_before(folded: str, start: int) -> str | None:
    """The Arabic letters attached before ``start`` (the proclitics an alias may take), or None when a word goes on
    before them."""
    prefix_start = start
    while prefix_start > 0 and is_arabic(folded[prefix_start - 1]) and folded[prefix_start - 1].isalpha():
        prefix_start -= 1
    if prefix_start > 0 and folded[prefix_start - 1].isalnum():
        return None
    return folded[prefix_start:start]


def _elided(folded: str, apostrophe: int) -> bool:
    """Is the apostrophe at ``apostrophe`` the end of a French elided word ("d'", "l'", "qu'")?"""
    start = apostrophe
    while start > 0 and folded[start - 1].isalpha():
        start -= 1
    before_ok = start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] == "'")
    return before_ok and folded[start:apostrophe] in _ELISIONS


def _without_overlaps(start: np.ndarray, stop: np.ndarray, order: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """Of candidates sorted by start, those kept: where several overlap, the longest wins, then the first, then
    the first entry."""
    bounds = overlapping_groups(start, stop)
    keep = np.zeros(len(start), dtype=bool)
    keep[bounds[:-1][np.diff(bounds) == 1]] = True
    for first, past in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if past - first == 1:
            continue
        taken: list[int] = []
        for row in sorted(range(first, past), key=lambda r: (start[r] - stop[r], start[r], order[r], seq[r])):
            if all(stop[row] <= start[other] or stop[other] <= start[row] for other in taken):
                taken.append(row)
        keep[taken] = True
    return np.flatnonzero(keep)


def _original_offsets(batch: Batch, document: np.ndarray, start: np.ndarray, stop: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray]:
    """The original offsets of folded spans (offsets in their document's folded text), the end after the word's
    trailing marks (Arabic harakat)."""
    original_start, original_end = np.empty_like(start), np.empty_like(stop)
    bounds = np.searchsorted(document, np.arange(len(batch) + 1))
    for number in np.flatnonzero(np.diff(bounds)).tolist():
        rows = slice(bounds[number], bounds[number + 1])
        offsets = batch.folded[number][1]
        original_start[rows] = originals(offsets, start[rows])
        original_end[rows] = originals(offsets, stop[rows] - 1) + 1
    ends = original_end.tolist()
    for row, number in enumerate(document.tolist()):
        text, found = batch.texts[number], ends[row]  # marks fold to nothing; an ASCII character folds to itself
        while found < len(text) and not (text[found].isascii() or fold_char(text[found])):
            found += 1
        ends[row] = found
    return original_start, np.array(ends, dtype=np.int64)


def _combined(batch: Batch, found: Mentions) -> Mentions:
    """Two aliases of one entry written as one reference ("ISIS/Daesh", "ISIS (Daesh)") make one mention."""
    document, entity = found.document, found.entity
    if len(document) < 2:
        return found
    joined = np.flatnonzero((document[1:] == document[:-1]) & (entity[1:] == entity[:-1])) + 1
    if not len(joined):
        return found
    kept, end, alias = np.ones(len(document), dtype=bool), found.end.copy(), found.alias.copy()
    into = np.arange(len(document))  # the row each row's mention is part of
    for row in joined.tolist():
        previous = into[row - 1]
        text = batch.texts[document[row]]
        gap = text[end[previous] : found.start[row]]
        if _SLASH.fullmatch(gap):
            end[previous] = end[row]
        elif _OPEN.fullmatch(gap) and (close := _CLOSE.match(text, int(end[row]))):
            end[previous] = close.end()
        else:
            continue
        alias[previous] = alias[previous] + JOINER + alias[row]
        kept[row], into[row] = False, previous
    return Mentions(document[kept], found.start[kept], end[kept], entity[kept], found.entity_type[kept], alias[kept])
