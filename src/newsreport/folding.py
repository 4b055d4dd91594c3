"""Folding: the text a lexicon's automaton reads, with the offsets back to the original.

Accents, Arabic marks and tatweel dropped, every apostrophe one apostrophe, dashes and runs of
space one space, letters casefolded (œ = oe, ß = ss, Arabic letter variants alike): "Jürgen\nStock"
and "Jurgen  Stock" fold alike. Each character folds to its piece (``fold_char``); ``_fold`` puts the
pieces of the characters a text holds in with whole-text string operations.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np

_APOSTROPHES = frozenset("'’‘ʼ`´′")
_DASHES = frozenset("-‐‑‒–—―")  # joiners and dashes fold to a space: "al-Qaeda" = "al Qaeda"
_LETTERS = {"œ": "oe", "æ": "ae", "ß": "ss", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك"}
_TATWEEL = "\u0640"


@lru_cache(maxsize=4096)
def fold_char(ch: str, casefold: bool = True) -> str:
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
    folded, offsets = _fold(text, casefold)
    return folded, list(offsets)


@lru_cache(maxsize=65536)
def fold_alias(alias: str, *, casefold: bool = True) -> str:
    """An alias as the automaton stores it (folded, trimmed); cached, as aliases recur."""
    return _fold(alias, casefold)[0].strip()


Folded = tuple[str, Sequence[int]]  # a folded text and the original offset of each of its characters


def fold_text(text: str) -> Folded:
    """``fold`` for matching (fold a text once for several lexicons: ``matching.match_text``'s ``folded``).

    The offsets are a ``range`` when no character moved, ``_Offsets`` when only runs of spaces
    closed up, and a list when a character folds to none or several (Arabic marks, "œ").
    """
    return _fold(text, True)


# The ASCII characters the whole-text steps rewrite besides letters' case: spaces and dashes, "`".
_ASCII_REWRITES = {ch: fold_char(ch) for ch in map(chr, range(128)) if not ch.isalpha() and fold_char(ch) != ch}
_ASCII_BYTES = bytes(range(128))
# Non-ASCII characters already folded: (piece, whether the whole-text steps after ``str.replace`` leave
# the piece as it is, the characters of the piece other ``str.replace`` calls might rewrite).
_PIECES: dict[bool, dict[str, tuple[str, bool, str]]] = {True: {}, False: {}}


def _piece(ch: str, casefold: bool) -> tuple[str, bool, str]:
    piece = fold_char(ch, casefold)
    steady = not (casefold and piece.lower() != piece) and not any(part in _ASCII_REWRITES for part in piece)
    found = _PIECES[casefold][ch] = piece, steady, "".join(part for part in piece if not part.isascii() and part != ch)
    return found


def _fold(text: str, casefold: bool) -> tuple[str, Sequence[int]]:
    """``fold``: every character of ``text`` replaced by its piece (``fold_char``), then runs of spaces closed up.

    The pieces needed are those of the distinct non-ASCII characters present (the ASCII ones are fixed).
    They go in with whole-text steps: one ``str.replace`` per character that changes, ``str.lower``, the
    ASCII rewrites. A piece a later step would rewrite again ("｀" folds to "`", "ŉ" to "ʼn") makes
    ``str.translate`` put every piece in at once instead. Offsets are only worked out one by one around
    the characters whose piece is not exactly one character; elsewhere they follow from the runs of spaces.
    """
    changes: dict[str, str] = {}  # the non-ASCII characters present that fold to something else
    uneven: list[str] = []  # those that fold to none or several characters
    stepwise = True  # whether the whole-text steps put in every piece once
    if not text.isascii():
        pieces, reached = _PIECES[casefold], ""
        # the distinct non-ASCII characters: UTF-8 without its ASCII bytes, decoded back
        found = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        for ch in set(found):
            piece, steady, others = pieces.get(ch) or _piece(ch, casefold)
            if piece != ch:
                changes[ch] = piece
                if len(piece) != 1:
                    uneven.append(ch)
            if not steady:
                stepwise = False
            if others:
                reached += others
        if reached and any(ch in changes for ch in reached):
            stepwise = False  # a chain (a -> b, b -> c)
    if stepwise:
        folded = text
        for ch, piece in changes.items():
            folded = folded.replace(ch, piece)
        if casefold:
            folded = folded.lower()
        for ch, piece in _ASCII_REWRITES.items():  # str.replace is quicker than one pass of a pattern
            if ch in folded:
                folded = folded.replace(ch, piece)
    else:
        table = {ord(ch): piece for ch, piece in changes.items()}
        table.update((ord(ch), piece) for ch, piece in _ASCII_REWRITES.items())
        if casefold:
            table.update((ord(ch), ch.lower()) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        folded = text.translate(table)
    index: list[int] | None = None  # None: each folded character at the offset of its original one
    if uneven:
        index, position = [], 0
        for found_at in _finder("".join(sorted(uneven))).finditer(text):
            at = found_at.start()
            index.extend(range(position, at))
            index.extend([at] * len(changes[found_at.group()]))
            position = at + 1
        index.extend(range(position, len(text)))
    if "  " not in folded:
        return folded, range(len(folded)) if index is None else index
    kept, at, shift, removed, position = [], [0], [0], 0, 0  # where the offsets jump, and by how much
    while (run := folded.find("  ", position)) >= 0:
        after = run + 2
        while folded.startswith(" ", after):
            after += 1
        kept.append(folded[position : run + 1])
        removed += after - run - 1
        at.append(after - removed)
        shift.append(removed)
        position = after
    kept.append(folded[position:])
    folded = "".join(kept)
    if index is None:
        return folded, _Offsets(at, shift, len(folded))
    bounds = zip(at, [*at[1:], len(folded)], shift, strict=True)
    return folded, list(chain.from_iterable(index[start + moved : end + moved] for start, end, moved in bounds))


@lru_cache(maxsize=256)
def _finder(characters: str) -> re.Pattern:
    return re.compile("[" + re.escape(characters) + "]")


class _Offsets(Sequence[int]):
    """The original offset of each folded character, kept as the few places where the offsets jump."""

    __slots__ = ("_at", "_shift", "_length")

    def __init__(self, at: list[int], shift: list[int], length: int) -> None:
        self._at, self._shift, self._length = at, shift, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i):  # an int only: what the matcher asks
        if 0 <= i < self._length:
            return i + self._shift[bisect.bisect_right(self._at, i) - 1]
        if -self._length <= i < 0:
            return self[i + self._length]
        raise IndexError(i)

    def many(self, positions: np.ndarray) -> np.ndarray:
        """The original offsets of several folded positions."""
        return positions + np.asarray(self._shift)[np.searchsorted(self._at, positions, side="right") - 1]

    def __iter__(self):
        bounds = [*self._at[1:], self._length]
        return chain.from_iterable(map(range, map(int.__add__, self._at, self._shift),
                                       map(int.__add__, bounds, self._shift)))


def originals(offsets: Sequence[int], positions: np.ndarray) -> np.ndarray:
    """``offsets[i]`` (a folded text's offsets, ``fold_text``) for each folded position ``i``."""
    if isinstance(offsets, range):
        return positions + offsets.start
    if isinstance(offsets, _Offsets):
        return offsets.many(positions)
    return np.fromiter((offsets[i] for i in positions.tolist()), dtype=np.int64, count=len(positions))


ARABIC_BLOCKS = (("\u0600", "\u06ff"), ("\u0750", "\u077f"))  # Arabic, Arabic Supplement
ARABIC = "".join(f"{first}-{last}" for first, last in ARABIC_BLOCKS)  # as a regular expression's character range


_ARABIC_CHARACTERS = frozenset(chr(code) for first, last in ARABIC_BLOCKS for code in range(ord(first), ord(last) + 1))


def is_arabic(ch: str) -> bool:
    """Whether a (folded) character is in the Arabic blocks: Arabic aliases take proclitics, not suffixes."""
    return ch in _ARABIC_CHARACTERS
