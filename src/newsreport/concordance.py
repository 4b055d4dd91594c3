"""Keyword in context: the words around a match, for evidence rows and term concordances."""

from __future__ import annotations

from collections.abc import Sequence

WINDOW = 60  # characters of context on each side


def kwic(text: str, start: int, end: int, *, window: int = WINDOW) -> tuple[str, str, str]:
    """(left, match, right) around ``text[start:end]``, cut at word edges, on one line."""
    (left,), (match,), (right,) = contexts(text, [start], [end], window=window)
    return left, match, right


def contexts(text: str, starts: Sequence[int], ends: Sequence[int], *, window: int = WINDOW,
             bounds: tuple[Sequence[int], Sequence[int]] | None = None) -> tuple[list[str], list[str], list[str]]:
    """``kwic`` around each ``text[start:end]``, as three columns (left, match, right); ``bounds``: where each span's
    document begins and ends in ``text``, when it is several documents joined (a context stays in its document)."""
    firsts, pasts = bounds if bounds is not None else ([0] * len(starts), [len(text)] * len(starts))
    lefts, matches, rights = [], [], []
    for start, end, first, past in zip(starts, ends, firsts, pasts, strict=True):
        left = text[max(first, start - window) : start]
        if start - window > first and (space := left.find(" ")) >= 0:  # cut at a word's edge, inside the document
            left = left[space + 1 :]
        right = text[end : min(past, end + window)]
        if end + window < past and (space := right.rfind(" ")) >= 0:
            right = right[:space]
        if not (left.isprintable() and "  " not in left and not left.startswith(" ")):  # else already on one line
            left = " ".join(left.split()) + (" " if left[-1:].isspace() else "")
        if not (right.isprintable() and "  " not in right and not right.endswith(" ")):
            right = (" " if right[:1].isspace() else "") + " ".join(right.split())
        lefts.append(left)
        matches.append(text[start:end])
        rights.append(right)
    return lefts, matches, rights
