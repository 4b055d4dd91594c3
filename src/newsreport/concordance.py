"""Keyword in context: the words around a match, for evidence rows and term concordances."""

from __future__ import annotations

WINDOW = 60  # characters of context on each side


def kwic(text: str, start: int, end: int, *, window: int = WINDOW) -> tuple[str, str, str]:
    """(left, match, right) around ``text[start:end]``, cut at word edges, on one line."""
    left = text[max(0, start - window) : start]
    right = text[end : end + window]
    if start - window > 0 and " " in left:
        left = left[left.index(" ") + 1 :]
    if end + window < len(text) and " " in right:
        right = right[: right.rindex(" ")]
    if not (left.isprintable() and "  " not in left and not left.startswith(" ")):  # else already on one line
        left = " ".join(left.split()) + (" " if left[-1:].isspace() else "")
    if not (right.isprintable() and "  " not in right and not right.endswith(" ")):
        right = (" " if right[:1].isspace() else "") + " ".join(right.split())
    return left, text[start:end], right
