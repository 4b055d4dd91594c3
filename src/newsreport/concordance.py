"""Keyword in context: the words around a match, for evidence rows and term concordances."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsreport.codepoints import SPACE, Joined

WINDOW = 60  # characters of context on each side


def kwic(text: str, start: int, end: int, *, window: int = WINDOW) -> tuple[str, str, str]:
    """(left, match, right) around ``text[start:end]``, cut at word edges, on one line."""
    left, match, right = contexts(Joined([text]), np.array([start]), np.array([end]), window=window)
    return left[0].as_py(), match[0].as_py(), right[0].as_py()


def contexts(joined: Joined, starts: np.ndarray, ends: np.ndarray, *, window: int = WINDOW
             ) -> tuple[pa.StringArray, pa.StringArray, pa.StringArray]:
    """The (left, match, right) columns of ``kwic`` around spans of the joined texts (offsets in ``joined.text``),
    each context within the span's own document."""
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    document = joined.document_of(starts)
    first, past, spaces = joined.first[document], joined.past[document], joined.spaces
    if not len(spaces):
        spaces = np.array([-1])  # a space before every text: never inside a window
    # the window before, from after its first space when it does not reach back to the document's start
    left = np.maximum(starts - window, first)
    space = spaces[np.minimum(np.searchsorted(spaces, left), len(spaces) - 1)]
    left = np.where((starts - window > first) & (left <= space) & (space < starts), space + 1, left)
    # the window after, up to its last space when it does not reach the document's end
    right = np.minimum(ends + window, past)
    space = spaces[np.maximum(np.searchsorted(spaces, right) - 1, 0)]
    right = np.where((ends + window < past) & (ends <= space) & (space < right), space, right)
    edge = joined.codes  # a left context starting with a space, a right one ending with one, is not on one line
    return (_on_one_line(joined, left, starts, edge[left] == SPACE, _left_line),
            joined.slices(starts, ends),
            _on_one_line(joined, ends, right, edge[right - 1] == SPACE, _right_line))


def _on_one_line(joined: Joined, starts: np.ndarray, ends: np.ndarray, spaced: np.ndarray, mend) -> pa.StringArray:
    """The slices as one column, those not on one line (or ``spaced`` at their edge) mended by ``mend``."""
    column = joined.slices(starts, ends)
    wrong = ~joined.on_one_line(starts, ends) | ((ends > starts) & spaced)
    if not wrong.any():
        return column
    spans = zip(starts[wrong].tolist(), ends[wrong].tolist(), strict=True)
    mended = [mend(joined.text[start:end]) for start, end in spans]
    return pc.replace_with_mask(column, pa.array(wrong), pa.array(mended, type=pa.string()))


def _left_line(left: str) -> str:
    return " ".join(left.split()) + (" " if left[-1:].isspace() else "")


def _right_line(right: str) -> str:
    return (" " if right[:1].isspace() else "") + " ".join(right.split())
