"""Folding: the text a lexicon's automaton reads, with the offsets back to the original.

Accents, Arabic marks and tatweel dropped, every apostrophe one apostrophe, dashes and runs of
space one space, letters casefolded (œ = oe, ß = ss, Arabic letter variants alike): "Jürgen\nStock"
and "Jurgen  Stock" fold alike. ``fold`` takes whole-string steps when every character folds to
one; ``_fold_each`` is the character-by-character definition.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

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
            piece = seen[ch] = fold_char(ch, casefold)
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
                piece = fold_char(ch, casefold)
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
def fold_alias(alias: str, *, casefold: bool = True) -> str:
    """An alias as the automaton stores it (folded, trimmed); cached, as aliases recur."""
    return fold(alias, casefold=casefold)[0].strip()


@lru_cache(maxsize=1024)
def fold_text(text: str) -> tuple[str, Sequence[int]]:
    """``fold`` for matching, kept for the last texts: a document is matched with each lexicon in turn."""
    return _fold_regular(text, True) or _fold_each(text, True)


def is_arabic(ch: str) -> bool:
    """Whether a (folded) character is an Arabic letter: Arabic aliases take proclitics, not suffixes."""
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"
