"""Texts as arrays: several documents joined into one text, its code points, and the class of a character the rules
ask about (a letter or digit), looked up for many characters at once. The matcher reads a whole partition of
documents this way instead of one character at a time."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, cached_property

import numpy as np

BMP = 0x10000  # the characters with a table; the few beyond are asked of Python one by one
PAD = 4  # NULs after a joined text's code points: a look that far past any position needs no bounds check
APOSTROPHE = ord("'")


class Joined:
    """Texts joined into one, each after a NUL (which no rule reads as a letter, a space or an apostrophe, so a
    document's first and last characters have nothing before or after them), and where each text is in it."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.text = "\0".join(texts)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.first = np.cumsum(lengths + 1) - lengths - 1  # where each text starts
        self.past = self.first + lengths  # where each ends

    def document_of(self, positions: np.ndarray) -> np.ndarray:
        """The number of the text each position is in."""
        return np.searchsorted(self.first, positions, side="right") - 1

    @cached_property
    def codes(self) -> np.ndarray:
        """The code point of each character, then ``PAD`` NULs (``codes[-1]``, before the first character, is one)."""
        return code_points(self.text + "\0" * PAD)


def code_points(text: str) -> np.ndarray:
    """The code point of each character of ``text``."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def is_alnum(codes: np.ndarray) -> np.ndarray:
    """``str.isalnum`` of each character."""
    found = _alnum_table()[np.minimum(codes, BMP - 1)]
    beyond = np.flatnonzero(codes >= BMP)
    if len(beyond):
        found[beyond] = [chr(code).isalnum() for code in codes[beyond].tolist()]
    return found


@cache
def _alnum_table() -> np.ndarray:
    return np.fromiter((chr(code).isalnum() for code in range(BMP)), dtype=bool, count=BMP)
