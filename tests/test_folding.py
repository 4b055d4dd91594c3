"""Folding: the text the matcher reads, and the offsets back to the original text.

Every character folds to its piece (``fold_char``): accents, Arabic marks and tatweel dropped, apostrophes
one apostrophe, dashes and spaces one space, letters casefolded; then runs of spaces become one space.
Each folded character keeps the offset of the original character it comes from.
"""

import random
from pathlib import Path

import pytest
from conftest import ARABIC, ENGLISH, FRENCH

from newsreport.corpus import load_corpus
from newsreport.folding import fold, fold_alias, fold_char, fold_text

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.mark.parametrize(
    ("text", "folded", "offsets"),
    [
        ("", "", []),
        ("INTERPOL", "interpol", [0, 1, 2, 3, 4, 5, 6, 7]),
        # runs of spaces, newlines and tabs: one space, at the offset of the run's first character
        ("Jürgen\n\nStock", "jurgen stock", [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]),
        ("a \t\n b", "a b", [0, 1, 5]),
        ("  x  ", " x ", [0, 2, 3]),
        # dashes are spaces, every apostrophe is "'"
        ("AQIM—al‑Qaeda – Sahel", "aqim al qaeda sahel", [*range(14), 16, 17, 18, 19, 20]),
        ("l’ONU d`Interpol INTERPOLʼs", "l'onu d'interpol interpol's", list(range(27))),
        # characters that fold to two: both at the original character's offset
        ("Œuvre", "oeuvre", [0, 0, 1, 2, 3, 4]),
        ("Straße", "strasse", [0, 1, 2, 3, 4, 4, 5]),
        ("ﬁn ½", "fin 1⁄2", [0, 0, 1, 2, 3, 3, 3]),
        ("œ  œ", "oe oe", [0, 0, 1, 3, 3]),
        # and to none: decomposed accents, harakat, tatweel
        ("İstanbul", "istanbul", list(range(8))),
        ("Se\u0301ne\u0301gal", "senegal", [0, 1, 3, 4, 6, 7, 8]),
        ("e\u0301\u0301 e\u0301", "e e", [0, 3, 4]),
        ("دَاعِشٌ", "داعش", [0, 2, 3, 5]),
        ("داعـــش", "داعش", [0, 1, 2, 6]),
        ("داعـ\n\n ـش", "داع ش", [0, 1, 2, 4, 8]),  # a run of spaces closes up across a dropped tatweel
        # Arabic letter variants alike: hamza seats, alif maqsura, ta marbuta
        ("وبالإنتربول للإنتربول", "وبالانتربول للانتربول", list(range(21))),
        ("مستشفى الدولة", "مستشفي الدوله", list(range(13))),
        # a piece is not folded again: "｀" is "`", "﹣" is "-", "ŉ" is "ʼn" whatever else the text holds
        ("a﹣b｀c - `", "a-b`c '", [0, 1, 2, 3, 4, 5, 8]),
        ("ŉ ʼ", "ʼn '", [0, 0, 1, 2]),
    ],
)
def test_fold(text, folded, offsets):
    assert fold(text) == (folded, offsets)


def test_fold_without_casefolding_keeps_the_capitals():
    assert fold("UN’s Sénégal—ISIS", casefold=False) == ("UN's Senegal ISIS", list(range(17)))
    assert fold("L’État", casefold=False) == ("L'Etat", list(range(6)))


def test_fold_alias_is_trimmed():
    assert fold_alias(" Secretary-General  Stock ") == "secretary general stock"
    assert fold_alias("l’ONU", casefold=False) == "l'ONU"


def texts() -> list[str]:
    """The fixture articles, the seeds, and random strings of the characters where folding has edges."""
    rng = random.Random(4)
    edges = [*"aAzZ1 -_.'’`´\t\n\r", "\u00a0", "\u3000", "–", "—", "é", "É", "e\u0301", "œ", "Œ", "ß", "ẞ", "İ", "ſ",
             "K", "Σ", "ς", "ﬁ", "½", "ŉ", "ʼ", "｀", "﹣", "﹘", "″", "′", "¨", "Ꭰ", "ꭰ", "ا", "إ", "ى", "ة", "ی",
             "\u064e", "\u0651", "\u0640", "\u0670", "\u200c", "\u200e", "\u00ad", "\ufdfa", "\ud800", "  ", "\n\n"]
    strings = ["".join(rng.choice(edges) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    return [ENGLISH, FRENCH, ARABIC, *load_corpus(RAW, metadata=RAW / "metadata.csv").documents["text"], *strings]


@pytest.mark.parametrize("casefold", [True, False])
def test_each_folded_character_comes_from_the_character_at_its_offset(casefold):
    for text in texts():
        folded, offsets = fold(text, casefold=casefold)
        assert len(offsets) == len(folded)
        assert offsets == sorted(offsets)
        assert "  " not in folded
        pieces: dict[int, str] = {}  # the folded characters of each original character
        for ch, at in zip(folded, offsets, strict=True):
            pieces[at] = pieces.get(at, "") + ch
        for at, piece in pieces.items():  # its piece, but for a space that closed up with the one before
            assert " ".join(fold_char(text[at], casefold).split(" ")).replace("  ", " ") in (piece, " " + piece), text
        # nothing else is dropped: what lies between two offsets folds to nothing or to spaces
        for before, at in zip([-1, *offsets], [*offsets, len(text)], strict=True):
            assert not "".join(fold_char(ch, casefold) for ch in text[before + 1 : at]).strip(" "), text


def test_fold_text_is_fold_with_offsets_looked_up_one_at_a_time():
    for text in texts():
        folded, offsets = fold_text(text)
        assert (folded, list(offsets)) == fold(text)
        assert [offsets[i] for i in range(len(offsets))] == list(offsets)
        if offsets:
            assert offsets[-1] == list(offsets)[-1]
        with pytest.raises(IndexError):
            offsets[len(offsets)]
