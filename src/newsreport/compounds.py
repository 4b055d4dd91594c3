"""Compounding on arrays: runs of forms joined into one term before counting, as quanteda's ``tokens_compound`` does.

The forms of many documents are one array of codes into a vocabulary (``Forms``), and a set of runs
(``Compounds``: each run of forms with the term it makes) is a trie over the words of its runs. At every form
that begins a run, the longest run written there is found, level by level of the trie for all such forms at
once; then, left to right, a run is taken unless it overlaps one taken before it, and each taken run becomes
one form, its term.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from newsreport.spans import overlapping_groups


class Vocabulary:
    """The distinct forms of an array of codes, each code the place of its form; compound terms are added to it."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms: list[str] = list(forms)
        self._codes = {form: code for code, form in enumerate(self.forms)}

    def __len__(self) -> int:
        return len(self.forms)

    def code(self, form: str) -> int:
        """The code of a form, added when new."""
        if (found := self._codes.get(form)) is None:
            found = self._codes[form] = len(self.forms)
            self.forms.append(form)
        return found


@dataclass
class Forms:
    """The forms of some documents as codes (``vocabulary``), each with its document and the original forms it
    stands for (``first`` to ``last``: one, or the run a compound was made of)."""

    codes: np.ndarray
    vocabulary: Vocabulary
    doc: np.ndarray
    first: np.ndarray | None = None  # None: each its own (np.arange)
    last: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.first is None:
            self.first = self.last = np.arange(len(self.codes))

    def kept(self, keep: np.ndarray) -> Forms:
        return Forms(self.codes[keep], self.vocabulary, self.doc[keep], self.first[keep], self.last[keep])


class Compounds:
    """Runs of forms and the term each makes, as a trie: the first run given of the same forms makes their term."""

    def __init__(self, runs: Iterable[tuple[Sequence[str], str]]) -> None:
        self.words: dict[str, int] = {}  # each word of a run -> its number
        children: dict[tuple[int, int], int] = {}  # (node, word) -> node; node 0 is the root
        terminal: dict[int, int] = {}  # node -> the term of the run ending there
        self.terms: list[str] = []
        for words, term in runs:
            node = 0
            for word in words:
                number = self.words.setdefault(word, len(self.words))
                node = children.setdefault((node, number), len(children) + 1)
            if node not in terminal:
                terminal[node] = len(self.terms)
                self.terms.append(term)
        keys = np.array([node * len(self.words) + word for node, word in children], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._children = np.array(list(children.values()), dtype=np.int64)[order]
        self._term = np.full(len(children) + 1, -1, dtype=np.int64)
        self._term[list(terminal)] = list(terminal.values())
        self.depth = _depth(children)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def _child(self, nodes: np.ndarray, words: np.ndarray) -> np.ndarray:
        """The node below each node by each word, -1 where there is none (or no node, or no word)."""
        keys = nodes * len(self.words) + words
        at = np.searchsorted(self._keys, keys).clip(max=len(self._keys) - 1)
        return np.where((nodes >= 0) & (words >= 0) & (self._keys[at] == keys), self._children[at], -1)

    def runs(self, forms: Forms) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Where the runs are taken: (first form, past the last, term number) of each, left to right."""
        if not self.terms:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
        words = np.fromiter((self.words.get(form, -1) for form in forms.vocabulary.forms), np.int64,
                            len(forms.vocabulary))[forms.codes]
        words = np.concatenate([words, np.full(self.depth, -1, dtype=np.int64)])  # nothing runs past the end
        starts = np.flatnonzero(words[: len(forms.codes)] >= 0)
        nodes = np.zeros(len(starts), dtype=np.int64)
        length = np.zeros(len(starts), dtype=np.int64)
        term = np.full(len(starts), -1, dtype=np.int64)
        for level in range(self.depth):  # the longest run found at a start is the one taken there
            nodes = self._child(nodes, words[starts + level])
            ends = (nodes >= 0) & (self._term[nodes.clip(min=0)] >= 0)
            length[ends], term[ends] = level + 1, self._term[nodes[ends]]
            if not (nodes >= 0).any():
                break
        found = term >= 0
        starts, ends, term = starts[found], starts[found] + length[found], term[found]
        taken = _left_to_right(starts, ends)
        return starts[taken], ends[taken], term[taken]

    def apply(self, forms: Forms) -> Forms:
        """The forms with each run taken joined into one form, its term."""
        starts, ends, term = self.runs(forms)
        if not len(starts):
            return forms
        codes = forms.codes.copy()
        numbers, inverse = np.unique(term, return_inverse=True)  # each term made looked up once
        codes[starts] = np.array([forms.vocabulary.code(self.terms[t]) for t in numbers.tolist()], np.int64)[inverse]
        last = forms.last.copy()
        last[starts] = forms.last[ends - 1]
        inside = np.zeros(len(codes) + 1, dtype=np.int64)
        np.add.at(inside, starts + 1, 1)
        np.add.at(inside, ends, -1)
        keep = np.cumsum(inside[:-1]) == 0
        return Forms(codes, forms.vocabulary, forms.doc, forms.first, last).kept(keep)


def _depth(children: dict[tuple[int, int], int]) -> int:
    """The longest run of a trie (its nodes numbered parents first)."""
    depth = {0: 0}
    for (node, _), child in children.items():
        depth[child] = depth[node] + 1
    return max(depth.values())


def _left_to_right(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Of runs sorted by start, those taken left to right, each unless it overlaps one taken before it. Runs that
    overlap none are taken at once; only groups of overlapping ones are walked."""
    taken = np.ones(len(starts), dtype=bool)
    bounds = overlapping_groups(starts, ends)
    for first, past in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if past - first == 1:
            continue
        reach = 0
        for k in range(first, past):
            if starts[k] >= reach:
                reach = ends[k]
            else:
                taken[k] = False
    return taken
