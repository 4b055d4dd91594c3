"""Texts as arrays: several documents joined into one text, its code points, and the character classes the rules
ask about (a letter or digit, printable), looked up for many characters at once. The matcher and the
keyword-in-context columns read a whole partition of documents this way instead of one character at a time."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, cached_property

import numpy as np
import pyarrow as pa

BMP = 0x10000  # the characters with a table; the few beyond are asked of Python one by one
PAD = 4  # NULs after a joined text's code points: a look that far past any position needs no bounds check
SPACE, APOSTROPHE = ord(" "), ord("'")


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

    @cached_property
    def spaces(self) -> np.ndarray:
        """Where the spaces are."""
        return np.flatnonzero(self.codes == SPACE)

    @cached_property
    def _utf8(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The text in UTF-8, where its non-ASCII characters are, and how many bytes beyond one each character
        before them and they take, in all."""
        data = np.frombuffer(self.text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        codes = self.codes[: len(self.text)]
        wide = np.flatnonzero(codes >= 0x80)
        extra = 1 + (codes[wide] >= 0x800).astype(np.int64) + (codes[wide] >= 0x10000)
        return data, wide, np.concatenate([[0], np.cumsum(extra)])

    def slices(self, starts: np.ndarray, ends: np.ndarray) -> pa.StringArray:
        """``text[start:end]`` for each pair, as one Arrow string column (gathered from the UTF-8 bytes)."""
        data, wide, extra = self._utf8
        starts = starts + extra[np.searchsorted(wide, starts)]  # where in the bytes
        ends = ends + extra[np.searchsorted(wide, ends)]
        lengths = (ends - starts).astype(np.int64)
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        gather = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1])
        return pa.StringArray.from_buffers(len(lengths), pa.py_buffer(offsets.astype(np.int32)),
                                           pa.py_buffer(data[gather]))

    @cached_property
    def _breaks(self) -> np.ndarray:
        """Where a text stops being on one line: its unprintable characters, and the second space of two."""
        codes = self.codes[: len(self.text)]
        unusual = np.flatnonzero((codes < 0x20) | (codes >= 0x7F))
        unprintable = unusual[~is_printable(codes[unusual])]
        doubled = self.spaces[1:][np.diff(self.spaces) == 1]
        return np.union1d(unprintable, doubled)

    def on_one_line(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Whether ``text[start:end]`` is printable and holds no two spaces in a row."""
        breaks = self._breaks
        if not len(breaks):
            return np.ones(len(starts), dtype=bool)
        first = np.searchsorted(breaks, starts)
        inside = np.minimum(first, len(breaks) - 1)
        lone_space = (self.codes[starts] == SPACE) & (breaks[inside] == starts)  # its space before is not in it
        first += lone_space & (first < len(breaks))
        return np.searchsorted(breaks, ends) == first


def code_points(text: str) -> np.ndarray:
    """The code point of each character of ``text``."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def is_alnum(codes: np.ndarray) -> np.ndarray:
    """``str.isalnum`` of each character."""
    return _classified(codes, "isalnum")


def is_printable(codes: np.ndarray) -> np.ndarray:
    """``str.isprintable`` of each character."""
    return _classified(codes, "isprintable")


def _classified(codes: np.ndarray, test: str) -> np.ndarray:
    found = _table(test)[np.minimum(codes, BMP - 1)]
    beyond = np.flatnonzero(codes >= BMP)
    if len(beyond):
        found[beyond] = [getattr(chr(code), test)() for code in codes[beyond].tolist()]
    return found


@cache
def _table(test: str) -> np.ndarray:
    return np.fromiter((getattr(chr(code), test)() for code in range(BMP)), dtype=bool, count=BMP)
