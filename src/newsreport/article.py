"""One article's text taken apart: header (title, date line, byline), body, dateline, boilerplate.

``parse_article`` is the loader's core: it never guesses beyond what the text shows, and every line
it takes out of the body is returned with the rule that took it, so removals can be inspected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from newsreport.boilerplate import find_boilerplate
from newsreport.dates import date_line, find_dates

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_OR_INVISIBLE = re.compile(f"{_SPACES.pattern}|{_INVISIBLE.pattern}")  # one search: most texts have neither
_BYLINE = re.compile(r"^(?:by|par|bylined by|written by|بقلم|كتب)\s*:?\s+(\S.{0,80})$", re.I)
_DATELINE = re.compile(
    r"^(?P<dateline>[A-ZÀ-Þ\u0600-\u06ff][\w’'.,()/ \u0600-\u06ff-]{1,60}?)\s+[–—-]{1,2}\s+(?=\S)"
)
# "cooperation.Whilst", "suspects.INTERPOL", "landscape.“At": a sentence glued to the next one
_GLUED = re.compile(r"(?<=[a-zà-ÿ])([a-zà-ÿ\)][.!?][”»\"’]?)(?=[“«\"]?[A-ZÀ-Þ])")
# Where _GLUED can match: a sentence end right before a capital. Most paragraphs have none, and this search
# is quicker than _GLUED's, whose lookbehind is tried at every character.
_GLUE_POINT = re.compile(r"[.!?][”»\"’]?[“«\"]?[A-ZÀ-Þ]")
TITLE_MAX_WORDS = 30


# header lines read as such (an update line, a date in figures set aside)
HEADER_RULES = ("date line", "date in figures", "update line", "byline")


@dataclass(frozen=True)
class Removed:
    """A line taken out of the analysed text, and the rule that took it."""

    line: int  # 1-based line number in the raw file
    rule: str
    text: str


@dataclass
class Article:
    title: str | None
    date: date | None
    date_text: str | None
    byline: str | None
    dateline: str | None
    body: str
    removed: list[Removed] = field(default_factory=list)

    @property
    def removed_chars(self) -> int:
        """Characters of boilerplate and header lines kept out of the body."""
        return sum(len(r.text) for r in self.removed)


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no invisible characters, non-breaking spaces made plain spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not _SPACES_OR_INVISIBLE.search(text):
        return text
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


def collapse_spaces(text: str) -> str:
    """Every run of whitespace made one space, none at either end."""
    # A text already so (most lines) is kept as it is: isprintable() is False for every whitespace
    # character but " ", so such a text has no whitespace but single spaces inside.
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())


def split_glued_sentences(text: str) -> str:
    """Put the missing space back between sentences glued by a scraper ("cooperation.Whilst")."""
    return _GLUED.sub(r"\1 ", text) if _GLUE_POINT.search(text) else text


def parse_article(raw: str, *, remove_boilerplate: bool = True, title: str | None = None) -> Article:
    """Split a raw article into header fields, body paragraphs and removed lines.

    ``title``: the title when it is known from elsewhere (a table file's title column, a web page's title). A
    first line that repeats it is then the title line, kept out of the body (an export whose text starts with
    its headline counts the headline once); any other first line stays in the body.
    """
    lines = [line.rstrip() for line in normalise_text(raw).split("\n")]
    marks = find_boilerplate(lines) if remove_boilerplate else {}
    header = _read_header(lines, marks, title=title)
    taken = {**marks, **header.marks}
    if header.title is not None and all(i in taken for i, line in enumerate(lines) if line.strip()):
        header.title = None  # the title would be the whole text: an article of one paragraph is its body
        header.marks = {i: rule for i, rule in header.marks.items() if rule != "title"}
    marks.update(header.marks)
    paragraphs = [
        split_glued_sentences(collapse_spaces(line))
        for i, line in enumerate(lines)
        if line.strip() and i not in marks
    ]
    dateline = _dateline(paragraphs[0]) if paragraphs else None
    removed = [
        Removed(line=i + 1, rule=rule, text=collapse_spaces(lines[i]))
        for i, rule in sorted(marks.items())
        if rule != "title"
    ]
    return Article(
        title=header.title,
        date=header.date,
        date_text=header.date_text,
        byline=header.byline,
        dateline=dateline,
        body="\n\n".join(paragraphs),
        removed=removed,
    )


@dataclass
class _Header:
    title: str | None = None
    date: date | None = None
    date_text: str | None = None
    byline: str | None = None
    marks: dict[int, str] = field(default_factory=dict)


def _read_header(lines: list[str], marks: dict[int, str], *, title: str | None = None) -> _Header:
    """Date line, byline and title among the first lines, before the first body paragraph (the line that repeats
    ``title`` when it is known)."""
    header = _Header()
    find_title = title is None
    candidates = [i for i, line in enumerate(lines) if line.strip() and i not in marks][:6]
    for i in candidates:
        text = collapse_spaces(lines[i])
        found = date_line(text)
        if found and found.updated:  # an update's date is never the publication's; what follows it may say one
            header.marks[i] = "update line"  # (its label, when no date, is a byline or a reading time, no headline)
            published = date_line(found.label) if found.label else None  # "Updated ... | Published 12 March 2019"
            if published and published.date and not published.updated and header.date is None:
                header.date, header.date_text = published.date, text
        elif found and (found.date is None or header.date is None):
            if found.date is None:  # "13/10/2020": day or month first? Set aside, never read
                header.marks[i] = "date in figures"
            else:
                header.date, header.date_text = found.date, text
                header.marks[i] = "date line"
            if find_title and header.title is None and found.headline:  # "18 March 2013 - INTERPOL chief visits ..."
                header.title = found.headline
        elif header.byline is None and (byline := _BYLINE.match(text)) and len(text.split()) <= 8:
            header.byline = byline.group(1).strip()
            header.marks[i] = "byline"
        elif header.title is None and (same_text(text, title) if title else _looks_like_title(text)):
            header.title = text
            header.marks[i] = "title"
        else:
            break
    if header.date is None:  # a date written in the dateline: "TUNIS, 3 December 2015 -"
        for i, line in enumerate(lines):
            if line.strip() and i not in marks and i not in header.marks:
                match = _DATELINE.match(collapse_spaces(line))
                dates = find_dates(match.group("dateline")) if match else []
                if dates:
                    header.date, header.date_text = dates[0], match.group("dateline")
                break
    return header


def _looks_like_title(text: str) -> bool:
    return (
        len(text.split()) <= TITLE_MAX_WORDS
        and not text.endswith((".", ":", ";", ","))
        and not _DATELINE.match(text)
    )


def _dateline(paragraph: str) -> str | None:
    match = _DATELINE.match(paragraph)
    if not match or len(match.group("dateline").split()) > 6:
        return None
    return match.group("dateline").strip()


def same_text(a: str, b: str) -> bool:
    """Equal up to case, spacing, accents' composition and the kind of apostrophe or quote."""
    def norm(s: str) -> str:
        s = unicodedata.normalize("NFC", s).replace("’", "'").replace("‘", "'").casefold()
        return " ".join(s.split())
    return norm(a) == norm(b)
