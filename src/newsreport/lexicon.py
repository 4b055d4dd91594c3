"""Lexicons: a dictionary of entries (entities, themes) with aliases per language, matched in texts.

One matcher serves every lexicon and applies the counting rules of the README: whole words;
case-insensitive except short capitalised aliases (UN, ISIS); plurals, possessives, French elision
and Arabic proclitics allowed; accents, apostrophe kinds and Arabic marks ignored; the longest match
wins and a stretch of text counts once; two aliases of one entry written together ("ISIS/Daesh",
"foreign terrorist fighters (FTFs)") are one mention. Every alias goes into one Aho-Corasick
automaton over a folded copy of the text, so a document is read once whatever the lexicon's size.
"""

from __future__ import annotations

import bisect
import gettext
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import ahocorasick
import pandas as pd
import pycountry
import yaml

from newsreport.concordance import WINDOW, kwic
from newsreport.errors import InputError

LANGUAGES = ("en", "fr", "ar")
ALIAS_COLUMNS = ["entity", "entity_type", "language", "alias"]
EVIDENCE_COLUMNS = ["doc_id", "entity", "entity_type", "alias", "start", "end", "left", "match", "right"]
MENTION_COLUMNS = ["doc_id", "date", "entity", "entity_type", "mentions"]
JOINER = " + "  # between the aliases of one mention written as two ("ISIS + Daesh")
CASE_SENSITIVE_MAX = 5  # aliases in capitals of up to this many letters match case-sensitively
ENTRY_KEYS = {"name", "type", "iso", "aliases", "exclude", "note"}
TOP_KEYS = ("entities", "themes")

_APOSTROPHES = frozenset("'’‘ʼ`´′")
_DASHES = frozenset("-‐‑‒–—―")  # joiners and dashes fold to a space: "al-Qaeda" = "al Qaeda"
_LETTERS = {"œ": "oe", "æ": "ae", "ß": "ss", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك"}
_TATWEEL = "\u0640"
_ELISIONS = frozenset({"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "presqu"})
_SUFFIXES = ("'s", "s'", "es", "s", "")  # possessive and plural endings allowed after a Latin alias
_SUFFIX_STARTS = frozenset(suffix[0] for suffix in _SUFFIXES if suffix)
_SUFFIXES_AFTER = {ch: tuple(s for s in _SUFFIXES if s[:1] in (ch, "")) for ch in _SUFFIX_STARTS}  # the ones to try
# Arabic proclitics before an alias: و/ف (and), ب/ك/ل (with, like, for), ال (the); "لل" = ل + ال.
_PROCLITICS = {
    "bare": re.compile(r"[وف]?(?:[بك]?ال|لل|[بكل])?"),  # alias without the article: داعش
    "al": re.compile(r"[وف]?[بك]?"),  # alias with it: الإنتربول (بالإنتربول, والإنتربول)
    "lil": re.compile(r"[وف]?"),  # the same alias after ل: للإنتربول
}
_SLASH = re.compile(r"\s*/\s*")
_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)")
_JOINS = ("/", "(")  # what stands between two aliases written as one mention, spaces aside


@dataclass(frozen=True)
class Match:
    """One mention: the entry, the alias that matched, and its offsets in the original text."""

    entity: str
    entity_type: str
    alias: str
    start: int
    end: int


# --- loading ------------------------------------------------------------------------------------


def load_lexicon(path: Path) -> pd.DataFrame:
    """One row per (entry, language, alias) of a YAML lexicon; countries (``iso``) get pycountry's names.

    Rows keep the file's order (entries, then en/fr/ar); the first entry listing an alias wins it
    when matching, so the order is part of the lexicon.
    """
    if not path.is_file():
        raise InputError(f"{path}: lexicon file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    entries = next((data[key] for key in TOP_KEYS if isinstance(data, dict) and key in data), None)
    if not isinstance(entries, list):
        raise InputError(f"{path}: expected a list of entries under 'entities:' (name, type, aliases per language)")
    rows: list[tuple[str, str, str, str]] = []
    names: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: expected 'name:', 'type:' and 'aliases:', got {entry!r}")
        name, kind = entry.get("name"), entry.get("type")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{where}: missing 'name:' (the canonical name, as text)")
        where = f"{path}: entry {number} ({name})"
        if not isinstance(kind, str) or not kind.strip():
            raise InputError(f"{where}: missing 'type:' (organisation, person, country, region, concept, theme, ...)")
        if unknown := sorted(set(entry) - ENTRY_KEYS):
            raise InputError(f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(ENTRY_KEYS))})")
        if name in names:
            raise InputError(f"{where}: the name '{name}' is used by an earlier entry; merge the two")
        names.add(name)
        aliases = _alias_lists(entry.get("aliases"), where, "aliases")
        excluded = {_fold_alias(a) for words in _alias_lists(entry.get("exclude"), where, "exclude").values()
                    for a in words}
        if entry.get("iso") is not None:
            for language, found in country_names(_country(entry["iso"], where), name=name).items():
                aliases[language] = [a for a in found if _fold_alias(a) not in excluded] + aliases.get(language, [])
        seen: set[tuple[str, str]] = set()
        for language in LANGUAGES:
            for alias in aliases.get(language, []):
                if (language, alias) not in seen:
                    seen.add((language, alias))
                    rows.append((name.strip(), kind.strip(), language, alias))
        if not seen:
            raise InputError(f"{where}: no aliases; list at least one under 'aliases:' (en: [...], fr: [...])")
    return pd.DataFrame(rows, columns=ALIAS_COLUMNS)


def _alias_lists(value: object, where: str, key: str) -> dict[str, list[str]]:
    """A mapping language -> list of aliases, checked: known languages, non-empty text."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{where}: '{key}:' must map a language code to a list (en: [...], fr: [...], ar: [...])")
    out: dict[str, list[str]] = {}
    for language, aliases in value.items():
        if language not in LANGUAGES:
            raise InputError(f"{where}: unknown language '{language}' under '{key}:' (use {', '.join(LANGUAGES)})")
        aliases = [aliases] if isinstance(aliases, str) else aliases or []
        if not isinstance(aliases, list):
            raise InputError(f"{where}: '{key}: {language}:' must be a list of aliases")
        for alias in aliases:
            if not isinstance(alias, str):
                raise InputError(f"{where}: alias {alias!r} ({language}) is not text; put it in quotes")
            if not _fold_alias(alias):
                raise InputError(f"{where}: an empty alias under '{key}: {language}:'")
        out[language] = [unicodedata.normalize("NFC", " ".join(a.split())) for a in aliases]
    return out


def _country(code: object, where: str):
    country = None
    if isinstance(code, str) and len(code) in (2, 3):
        country = pycountry.countries.get(**{f"alpha_{len(code)}": code.upper()})
    if country is None:
        raise InputError(f"{where}: 'iso: {code}' is not an ISO 3166 country code (e.g. TN, IQ)")
    return country


def country_names(country, *, name: str | None = None) -> dict[str, list[str]]:
    """A country's names from pycountry (name, common and official name) in English, French and Arabic.

    Names are written as in running text ("Iran, Islamic Republic of" -> "Iran", "the State of
    Palestine" -> "State of Palestine"); ``name``, the lexicon's canonical name, which pycountry may
    spell otherwise ("Turkey" for "Türkiye"), is added in English.
    """
    english = [n for n in (getattr(country, a, None) for a in ("name", "common_name", "official_name")) if n]
    names: dict[str, list[str]] = {"en": ([name] if name else []) + english}
    for language in ("fr", "ar"):
        translate = _translation(language).gettext
        names[language] = [translate(n) for n in english if translate(n) != n]
    return {language: _unique(_running_name(n) for n in found) for language, found in names.items()}


@cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _running_name(name: str) -> str:
    """An ISO name as written in running text: no inverted part after a comma or parenthesis, no leading article."""
    name = re.sub(r"^(?:the\s+|l['’])", "", unicodedata.normalize("NFC", name), flags=re.IGNORECASE)
    return re.split(r"\s*[,،(]", name, maxsplit=1)[0].strip()


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- folding: the text the automaton reads --------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold_char(ch: str, casefold: bool = True) -> str:
    """A character as the matcher sees it: no accents or Arabic marks, one apostrophe, spaces for dashes."""
    if ch.isspace() or ch in _DASHES:
        return " "
    if ch in _APOSTROPHES:
        return "'"
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        if part == _TATWEEL or unicodedata.category(part) in ("Mn", "Me", "Cf"):
            continue
        for letter in part.casefold() if casefold else part:
            out.append(_LETTERS.get(letter, letter))
    return "".join(out)


def fold(text: str, *, casefold: bool = True) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of the original character.

    Runs of spaces become one space, so "Jürgen\\nStock" and "Jurgen  Stock" fold alike.
    """
    fast = _fold_regular(text, casefold)
    if fast is None:
        return _fold_each(text, casefold)
    folded, offsets = fast
    return folded, list(offsets)


def _fold_each(text: str, casefold: bool) -> tuple[str, list[int]]:
    """``fold`` character by character: the definition, and the way for texts the fast path declines."""
    chars: list[str] = []
    index: list[int] = []
    seen = _FOLDED[casefold]
    space = False
    for i, ch in enumerate(text):
        piece = seen.get(ch)
        if piece is None:
            piece = seen[ch] = _fold_char(ch, casefold)
        if len(piece) == 1 and piece != " ":  # the common case, kept fast
            chars.append(piece)
            index.append(i)
            space = False
            continue
        for part in piece:
            if part == " " and space:
                continue
            space = part == " "
            chars.append(part)
            index.append(i)
    return "".join(chars), index


_FOLDED: dict[bool, dict[str, str]] = {True: {}, False: {}}  # characters already folded
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f-"  # the ASCII characters that fold to a space
_ASCII_BYTES = bytes(range(128))
_ASCII_CHANGED = frozenset(_ASCII_SPACES + "`")  # what the whole-text steps below rewrite
_ONE_TO_ONE: dict[bool, dict[str, str]] = {True: {}, False: {}}  # non-ASCII characters the fast path folds
_NOT_ONE_TO_ONE: dict[bool, set[str]] = {True: set(), False: set()}


class _Offsets(Sequence[int]):
    """The original offset of each folded character, kept as the few places where the offsets jump."""

    __slots__ = ("_at", "_shift", "_length")

    def __init__(self, at: list[int], shift: list[int], length: int) -> None:
        self._at, self._shift, self._length = at, shift, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i):  # an int only: what the matcher asks
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError(i)
        return i + self._shift[bisect.bisect_right(self._at, i) - 1]

    def __iter__(self):
        bounds = [*self._at[1:], self._length]
        for start, end, shift in zip(self._at, bounds, self._shift, strict=True):
            yield from range(start + shift, end + shift)


def _fold_regular(text: str, casefold: bool) -> tuple[str, Sequence[int]] | None:
    """``fold`` with whole-text string operations, when every character folds to exactly one.

    None when a character folds to none or several (Arabic marks, "œ", decomposed accents) or to
    one that the whole-text steps would change again: those texts take ``_fold_each``. The offsets
    are a ``range`` when nothing moved (no run of spaces), else ``_Offsets``.
    """
    if not text.isascii():
        pieces, odd = _ONE_TO_ONE[casefold], _NOT_ONE_TO_ONE[casefold]
        # the distinct non-ASCII characters: UTF-8 without its ASCII bytes, decoded back
        found = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        changes: dict[str, str] = {}
        regular = True
        for ch in set(found):
            piece = pieces.get(ch)
            if piece is None:
                piece = _fold_char(ch, casefold)
                if len(piece) != 1 or piece in _ASCII_CHANGED or (casefold and piece.lower() != piece) or ch in odd:
                    odd.add(ch)
                    regular = False
                    continue
                pieces[ch] = piece
            if piece != ch:
                changes[ch] = piece
        if not regular:
            return None
        if any(piece in changes for piece in changes.values()):  # a chain (a -> b, b -> c): one pass instead
            text = _NON_ASCII.sub(lambda match: changes.get(match.group(), match.group()), text)
        else:
            for ch, piece in changes.items():
                text = text.replace(ch, piece)
    if casefold:
        text = text.lower()
    for ch in _ASCII_SPACES:  # str.replace is quicker than one pass of a pattern
        if ch in text:
            text = text.replace(ch, " ")
    if "`" in text:
        text = text.replace("`", "'")
    if "  " not in text:
        return text, range(len(text))
    at, shift, removed, kept, position = [0], [0], 0, [], 0
    while (run := text.find("  ", position)) >= 0:
        after = run + 2
        while text.startswith(" ", after):
            after += 1
        kept.append(text[position : run + 1])
        removed += after - run - 1
        at.append(after - removed)
        shift.append(removed)
        position = after
    kept.append(text[position:])
    text = "".join(kept)
    return text, _Offsets(at, shift, len(text))


@lru_cache(maxsize=65536)
def _fold_alias(alias: str, *, casefold: bool = True) -> str:
    return fold(alias, casefold=casefold)[0].strip()


@lru_cache(maxsize=1024)
def _fold_text(text: str) -> tuple[str, Sequence[int]]:
    """``fold`` for matching, kept for the last texts: a document is matched with each lexicon in turn."""
    return _fold_regular(text, True) or _fold_each(text, True)


def is_case_sensitive(alias: str) -> bool:
    """Aliases written in capitals of up to five letters (UN, ONU, ISIS, FTF) match case-sensitively."""
    letters = [ch for ch in alias if ch.isalpha()]
    return 0 < len(letters) <= CASE_SENSITIVE_MAX and all(ch.isupper() for ch in letters)


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


# --- the matcher ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    entity: str
    entity_type: str
    alias: str
    cased: str | None  # the folded alias with its case kept, for case-sensitive aliases
    proclitics: re.Pattern | None  # Arabic aliases: which attached prefixes are allowed
    order: int  # position in the alias table: the first entry wins an alias listed twice


@dataclass(frozen=True, eq=False)
class Matcher:
    """An alias table compiled once: an Aho-Corasick automaton over folded aliases, and their entries."""

    automaton: ahocorasick.Automaton
    slots: tuple[tuple[_Alias, ...], ...]  # the entries behind each automaton key
    n_aliases: int


def build_matcher(aliases: pd.DataFrame) -> Matcher:
    """The matcher of an alias table (``load_lexicon``'s columns); cached, so build it as often as you like."""
    return _build_matcher(tuple(zip(aliases["entity"], aliases["entity_type"], aliases["alias"], strict=True)))


@lru_cache(maxsize=8)
def _build_matcher(rows: tuple[tuple[str, str, str], ...]) -> Matcher:
    keys: dict[str, list[_Alias]] = defaultdict(list)
    for order, (entity, entity_type, alias) in enumerate(rows):
        folded = _fold_alias(alias)
        if not folded:
            continue
        cased = _fold_alias(alias, casefold=False) if is_case_sensitive(alias) else None
        if not _is_arabic(folded[0]):
            keys[folded].append(_Alias(entity, entity_type, alias, cased, None, order))
        elif folded.startswith("ال") and len(folded) > 3:
            keys[folded].append(_Alias(entity, entity_type, alias, None, _PROCLITICS["al"], order))
            keys["لل" + folded[2:]].append(_Alias(entity, entity_type, alias, None, _PROCLITICS["lil"], order))
        else:
            keys[folded].append(_Alias(entity, entity_type, alias, None, _PROCLITICS["bare"], order))
    automaton = ahocorasick.Automaton()
    slots = []
    for slot, (key, listed) in enumerate(keys.items()):
        # an entry that repeats an earlier one of the key (an alias listed under two languages) never wins it
        firsts: dict[tuple, _Alias] = {}
        for entry in listed:
            firsts.setdefault((entry.entity, entry.entity_type, entry.alias, entry.cased, entry.proclitics), entry)
        entries = list(firsts.values())
        if any(entry.proclitics is not None for entry in entries):
            kind = _ARABIC
        elif len(entries) == 1:
            kind = _SIMPLE if entries[0].cased is None else _CASED
        else:
            kind = _LATIN
        automaton.add_word(key, (len(key), slot, kind))
        slots.append(tuple(entries))
    if slots:
        automaton.make_automaton()
    return Matcher(automaton=automaton, slots=tuple(slots), n_aliases=len(rows))


# What stands behind an automaton key: one entry of Latin script, matched without its case (most keys) or
# with it (UN); several Latin entries; Arabic entries (proclitics).
_SIMPLE, _CASED, _LATIN, _ARABIC = 0, 1, 2, 3


def _matcher(aliases: pd.DataFrame | Matcher) -> Matcher:
    return aliases if isinstance(aliases, Matcher) else build_matcher(aliases)


def match_text(text: str, aliases: pd.DataFrame | Matcher) -> list[Match]:
    """Every mention of the lexicon's entries in ``text``, in order, by the counting rules.

    Pass a ``Matcher`` (``build_matcher``) when matching many texts with one table.
    """
    matcher = _matcher(aliases)
    if not matcher.slots or not text:
        return []
    _, index, chosen = _chosen(text, matcher)
    matches = [Match(alias.entity, alias.entity_type, alias.alias, index[start], _original_end(text, index, end))
               for start, end, _, _, alias in chosen]
    return _combine(text, matches)


def mention_entities(text: str, aliases: pd.DataFrame | Matcher) -> list[tuple[str, str]]:
    """(entity, entity_type) of each mention of ``match_text``, in order, without building the matches.

    For counting: offsets are only worked out where ``_combine`` needs them (two mentions of one entry in a row).
    """
    matcher = _matcher(aliases)
    if not matcher.slots or not text:
        return []
    folded, index, chosen = _chosen(text, matcher)
    out: list[tuple[str, str]] = []
    previous, previous_end, folded_end = None, -1, 0  # the last mention's entity and its original end (-1: not yet)
    for start, end, _, _, alias in chosen:
        # two of a row may be one mention; not when the folded text between them is more than "/" or "("
        if alias.entity == previous and (previous_end >= 0 or folded[folded_end:start].strip(" ") in _JOINS):
            if previous_end < 0:
                previous_end = _original_end(text, index, folded_end)
            match_end = _original_end(text, index, end)
            gap, joined = text[previous_end : index[start]], None
            if _SLASH.fullmatch(gap):
                joined = match_end
            elif _OPEN.fullmatch(gap) and (close := _CLOSE.match(text, match_end)):
                joined = close.end()
            if joined is not None:  # one mention with the previous one, which now ends later
                previous_end = joined
                continue
        previous_end = -1  # the end of a mention by itself follows from its folded end
        out.append((alias.entity, alias.entity_type))
        previous, folded_end = alias.entity, end
    return out


def _chosen(text: str, matcher: Matcher) -> tuple[str, Sequence[int], list[tuple[int, int, int, int, _Alias]]]:
    """The folded text, its offsets, and the accepted matches (start, end, order, seq, alias) in folded
    offsets, in the order of the mentions: candidates refused by the rules dropped, overlaps resolved."""
    folded, index = _fold_text(text)
    found: list[tuple[int, int, int, int, _Alias]] = []  # seq: the candidate's rank, for ties
    slots = matcher.slots
    for last, (length, slot, kind) in matcher.automaton.iter(folded):
        start, end = last + 1 - length, last + 1
        if kind <= _CASED:  # ``_accepted`` inlined for one Latin entry, the cheap refusals first
            if start:
                before = folded[start - 1]
                if before.isalnum() or (before == "'" and not _elided(folded, start - 1)):
                    continue
            after = folded[end : end + 1]
            if after in _SUFFIX_STARTS:
                if (end := _suffix_end(folded, end)) is None:
                    continue
            elif after.isalnum():  # no ending follows: the word must end here
                continue
            alias = slots[slot][0]
            if kind == _CASED and _fold_alias(text[index[start] : index[last] + 1], casefold=False) != alias.cased:
                continue
            found.append((start, end, alias.order, len(found), alias))
            continue
        if kind == _LATIN and start and folded[start - 1].isalnum():  # inside a word: what _accepted says first
            continue
        entries = slots[slot]
        if len(entries) == 1:  # one entry: no spelling to choose
            if (end := _accepted(text, folded, index, start, last + 1, entries[0])) is not None:
                found.append((start, end, entries[0].order, len(found), entries[0]))
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


def _accepted(text: str, folded: str, index: list[int], start: int, end: int, alias: _Alias) -> int | None:
    """Where a candidate match ends (with its plural or possessive), or None when the rules refuse it."""
    if alias.proclitics is not None:
        prefix_start = start
        while prefix_start > 0 and _is_arabic(folded[prefix_start - 1]) and folded[prefix_start - 1].isalpha():
            prefix_start -= 1
        if prefix_start > 0 and folded[prefix_start - 1].isalnum():
            return None
        if not alias.proclitics.fullmatch(folded, prefix_start, start):
            return None
        return end if _word_ends(folded, end) else None
    if start > 0 and (folded[start - 1].isalnum() or (folded[start - 1] == "'" and not _elided(folded, start - 1))):
        return None
    if alias.cased is not None and _fold_alias(text[index[start] : index[end - 1] + 1], casefold=False) != alias.cased:
        return None
    if folded[end : end + 1] not in _SUFFIX_STARTS:  # no ending follows: the word must end here
        return end if _word_ends(folded, end) else None
    return _suffix_end(folded, end)


def _best_spelling(passed: list[tuple[_Alias, int]], surface: str) -> tuple[_Alias, int]:
    """The first entry's alias written as in the text ("Sénégal", not "Senegal"), else its first alias."""
    first = passed[0][0].entity
    same = [(alias, end) for alias, end in passed if alias.entity == first]
    return next(((a, e) for a, e in same if a.alias.casefold() == surface.casefold()), same[0])


def _original_end(text: str, index: list[int], end: int) -> int:
    """The original offset after a folded span, with the word's trailing marks (Arabic harakat) kept."""
    found = index[end - 1] + 1
    while found < len(text) and not (text[found].isascii() or _fold_char(text[found])):  # ASCII folds to itself
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


# --- tables ---------------------------------------------------------------------------------------


def match_documents(documents: pd.DataFrame, aliases: pd.DataFrame | Matcher, *, window: int = WINDOW) -> pd.DataFrame:
    """The evidence table: one row per mention, with ``window`` characters of context each side.

    Every alias of every language is looked for in every document (a French article names INTERPOL).
    """
    matcher = _matcher(aliases)
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        for m in match_text(text, matcher):
            left, surface, right = kwic(text, m.start, m.end, window=window)
            rows.append((doc_id, m.entity, m.entity_type, m.alias, m.start, m.end, left, surface, right))
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    evidence[["start", "end"]] = evidence[["start", "end"]].astype("int64")
    return evidence.sort_values(["doc_id", "start"], kind="mergesort").reset_index(drop=True)


def count_mentions(evidence: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Mentions per document and entity (count > 0): the number of evidence rows, always.

    Evidence already counted per document and entity (a ``mentions`` column, rows with a count > 0)
    gives the same table: its counts are added up.
    """
    grouped = evidence.groupby(["doc_id", "entity", "entity_type"], sort=True)
    counts = (grouped["mentions"].sum() if "mentions" in evidence.columns else grouped.size()).rename("mentions")
    counts = counts.reset_index()
    counts["mentions"] = counts["mentions"].astype("int64")
    counts["date"] = counts["doc_id"].map(documents.set_index("doc_id")["date"])
    return counts[MENTION_COLUMNS].sort_values(["doc_id", "entity"], kind="mergesort").reset_index(drop=True)


def unmatched_aliases(aliases: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """Aliases that never matched (up to case, accents and apostrophes): candidates to check or drop."""
    found = {_fold_alias(a) for joined in evidence["alias"] for a in joined.split(JOINER)}
    unmatched = aliases[~aliases["alias"].map(_fold_alias).isin(found)]
    return (unmatched[["entity", "language", "alias"]].drop_duplicates()
            .sort_values(["entity", "language", "alias"], kind="mergesort").reset_index(drop=True))


# --- names the lexicon does not cover -------------------------------------------------------------

_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[-'’](?=[^\W\d_]))*")
_ELIDED_PREFIX = re.compile(r"^(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’](?=[^\W\d_])", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•\n])[\s“”\"«»‘’'(\[–—-]*$")
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

    A name is a run of 1 to ``max_words`` capitalised words (with "of", "de", "al"... inside);
    function words ("The", "Le") and a sentence's first word that the corpus also writes in lower
    case ("Evidence", "Key") are left out. Latin script only: Arabic has no capitals.
    """
    spans = {doc: sorted(zip(g["start"], g["end"], strict=True)) for doc, g in evidence.groupby("doc_id")}
    words = {doc_id: list(_words(text)) for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)}
    lowercase = {w.casefold() for found in words.values() for w, *_ in found if w[0].islower()}
    counts: Counter[str] = Counter()
    docs: defaultdict[str, set[str]] = defaultdict(set)
    for doc_id, found in words.items():
        for name in _names(found, spans.get(doc_id, []), lowercase, max_words):
            counts[name] += 1
            docs[name].add(doc_id)
    table = pd.DataFrame([(name, n, len(docs[name])) for name, n in counts.items() if n >= min_count],
                         columns=["name", "count", "doc_count"])
    table[["count", "doc_count"]] = table[["count", "doc_count"]].astype("int64")
    return table.sort_values(["count", "name"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _words(text: str) -> Iterable[tuple[str, int, int, bool, str]]:
    """(word, start, end, sentence-initial, text before it since the previous word) of a text."""
    previous_end = 0
    for match in _NAME_WORD.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if elided := _ELIDED_PREFIX.match(word):
            word, start = word[elided.end() :], start + elided.end()
        if word.endswith(("'s", "’s")):
            word, end = word[:-2], end - 2
        gap = text[previous_end:start]
        initial = bool(_SENTENCE_START.search(text[max(0, start - 12) : start])) or start == 0
        yield word.replace("’", "'"), start, end, initial, gap
        previous_end = match.end()


def _names(words: list, spans: list[tuple[int, int]], lowercase: set[str], max_words: int) -> Iterable[str]:
    """The names of one document: runs of capitalised words outside the matches."""
    runs: list[list[tuple[str, bool]]] = [[]]
    for word, start, end, initial, gap in words:
        capital, inside = word[0].isupper(), _overlaps(spans, start, end)
        joined = gap.strip() == "" and "\n" not in gap and not inside
        if not (joined and (capital or word.casefold() in NAME_CONNECTORS)):
            runs.append([])
        if capital and not inside:
            runs[-1].append((word, initial))
        elif runs[-1] and joined and word.casefold() in NAME_CONNECTORS:
            runs[-1].append((word, False))
    for run in runs:
        if name := _name(run, lowercase, max_words):
            yield name


def _name(run: list[tuple[str, bool]], lowercase: set[str], max_words: int) -> str | None:
    """A run of capitalised words as a name: no function words at its edges, no lone sentence opener."""
    def dropped(word: str) -> bool:
        return word.casefold() in NOT_NAMES or word.casefold() in NAME_CONNECTORS

    while run and dropped(run[-1][0]):
        run = run[:-1]
    while run and dropped(run[0][0]):
        run = run[1:]
    if len(run) == 1 and run[0][1] and run[0][0].casefold() in lowercase:
        return None
    capitals = sum(1 for word, _ in run if word[0].isupper())
    return " ".join(word for word, _ in run) if 1 <= capitals <= max_words else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect.bisect_left(spans, (end, end))
    return at > 0 and spans[at - 1][1] > start
