"""Dates written in articles: English, French and Arabic forms, Arabic-Indic digits included."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import dateparser

_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"  # Arabic-Indic, then Persian
_ARABIC_DIGITS = str.maketrans(_INDIC_DIGITS, "0123456789" * 2)
_TO_NORMALISE = re.compile(f"[{_INDIC_DIGITS}،]")  # what normalise_digits changes

_MONTHS = (
    # English (full and abbreviated)
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    # French
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|"
    # Arabic (Egyptian/Gulf and Levantine month names)
    "يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|"
    "اكتوبر|نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|"
    "تشرين الثاني|كانون الأول"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?"
_YEARS = r"(?:1[89]\d\d|20\d\d)"  # 1800 to 2099: the years a news date is read in
_YEAR = rf"{_YEARS}(?:\s?م(?!\w))?"  # ٢٠١٨م: the Gregorian year, as Arabic pages mark it
DATE_PATTERN = re.compile(
    rf"(?<!\w)(?:"
    rf"{_DAY}\.?\s+(?:{_MONTHS})\.?,?\s+{_YEAR}"  # 03 December 2015, 13 Octobre 2020, ١٢ ديسمبر، ٢٠١٨
    rf"|(?:{_MONTHS})\.?\s+{_DAY},?\s+{_YEAR}"  # September 20, 2019
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"  # 2019-09-20
    rf")(?!\w)",
    re.IGNORECASE,
)
# A date in figures: "13/10/2020", "12.03.19". Never read: the day may come first or the month.
_FIGURES = re.compile(rf"(?<!\w)\d{{1,2}}([/.-])\d{{1,2}}\1(?:{_YEARS}|\d\d)(?!\w)")
_DATE_LINE_PREFIX = re.compile(
    r"^(?:(?P<updated>(?:last )?updated(?: on)?|mis à jour le|modifié le|آخر تحديث|تحديث)"
    r"|(?:(?:first |originally )?published|posted)(?: on)?|publié le|publie le|نشر في|نشرت في|بتاريخ)?"
    r"[:\s]*"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد),?\s+)?",
    re.IGNORECASE,
)
_ZONE = r"(?:\s+(?:GMT|UTC|CET|CEST|EET|EEST|BST|EST|EDT))?"
_TIME = r"\d{1,2}(?:[:h.]\d{2})?\s*(?:h|am|pm|a\.m\.|p\.m\.)?" + _ZONE  # 10h, 18h05, 14:00 GMT, 2.30 pm
# a time with nothing before it: 14:00, 18h05, 2:00 PM, 14:00 GMT
_CLOCK = r"\d{1,2}[:h]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?" + _ZONE
_UPDATED = re.compile(rf"^(?:updated|last updated|mis à jour|modifié|آخر تحديث|تحديث)|{_CLOCK}", re.IGNORECASE)
# What may follow the date on a date line: a time ("à 10h", "at 14:00", "الساعة 10:00"), then an author
# ("by Staff") or a separator and a label ("- Media release", "| Updated 14:00", "· 5 min read"). A hyphen
# needs spaces around it, as in a dateline, so that "2013-2014" is no separator.
_DATE_LINE_TAIL = re.compile(
    rf"(?:,?\s+(?:(?:à|at|الساعة)\s+{_TIME}|{_CLOCK}))?"
    r"(?:(?:\s+(?:by|par)|\s*[,|·•–—]|\s+-{1,2})\s+(?P<label>.+))?",
    re.IGNORECASE,
)
LABEL_MAX_WORDS = 8  # a longer label, or one ending with a full stop, is a sentence: body text
HEADLINE_MIN_WORDS = 4  # a label of this many words or more is the headline ("18 March 2013 - ..."), but an update
# Levantine month names, which dateparser does not read, as the Egyptian/Gulf ones it does
_LEVANTINE = {"كانون الثاني": "يناير", "شباط": "فبراير", "آذار": "مارس", "نيسان": "أبريل", "أيار": "مايو",
              "حزيران": "يونيو", "تموز": "يوليو", "آب": "أغسطس", "أيلول": "سبتمبر", "تشرين الأول": "أكتوبر",
              "تشرين الثاني": "نوفمبر", "كانون الأول": "ديسمبر"}
_LEVANTINE_NAME = re.compile("|".join(sorted(_LEVANTINE, key=len, reverse=True)))
_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
             "PREFER_LOCALE_DATE_ORDER": False}


def normalise_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, the Arabic comma to a comma."""
    if not _TO_NORMALISE.search(text):  # the usual text: this search is quicker than translate
        return text
    return text.translate(_ARABIC_DIGITS).replace("،", ",")


_ISO = re.compile(rf"({_YEARS}-\d\d-\d\d)"
                  r"(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:Z|UTC|[+-]\d\d(?::?\d\d)?)?)?")


def iso_date(text: str) -> date | None:
    """A date written YYYY-MM-DD, alone or with a time of day ("2015-12-03T10:00:00Z"), from 1800 to 2099 as
    dates written in words; else None. Stricter than ``date.fromisoformat``, which reads the timestamp
    1449100800 as 8 October 1449."""
    match = _ISO.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:  # 2015-02-30
        return None


@lru_cache(maxsize=65536)  # dateparser takes half a millisecond a date; an archive writes the same dates again
def parse_date(text: str) -> date | None:
    """A full date (day, month and year) written in English, French or Arabic (``DATE_PATTERN``), else None: never
    a relative one ("yesterday", "3 days ago", whose day is the reader's), nor an ambiguous one ("01/02/2020")."""
    text = normalise_digits(text).strip()
    if not DATE_PATTERN.fullmatch(text):
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th|er)\b|(\d)\s?م$", r"\1\3", text, flags=re.I)
    cleaned = _LEVANTINE_NAME.sub(lambda m: _LEVANTINE[m.group(0)], cleaned)
    parsed = dateparser.parse(cleaned, languages=["en", "fr", "ar"], settings=_SETTINGS)
    return parsed.date() if parsed else None


def find_dates(text: str) -> list[date]:
    """Every full date written in a text, in order; partial dates ("25 November") are ignored."""
    found = []
    for match in DATE_PATTERN.finditer(normalise_digits(text)):
        parsed = parse_date(match.group(0))
        if parsed is not None:
            found.append(parsed)
    return found


class DateLine(NamedTuple):
    """A date line: its date (None when written in figures, "13/10/2020", which is not read), the label after it
    ("" when none), and whether it dates an update ("Updated 14 March 2019", "Mis à jour le ..."), not the
    publication."""

    date: date | None
    label: str
    updated: bool = False

    @property
    def headline(self) -> str | None:
        """The label when it is the article's headline, not a label: "18 March 2013 - INTERPOL chief visits Cairo",
        not "12 March 2019 | Updated 14:00 GMT" nor "18 March 2013 - Media release"."""
        if len(self.label.split()) < HEADLINE_MIN_WORDS or _UPDATED.search(self.label):
            return None
        return self.label


def date_line(line: str) -> DateLine | None:
    """The date line a line is, else None: a full date alone, or at the start of the line and followed by a
    time, an author or a short label ("18 March 2013 - Media release", "Publié le 13 octobre 2020 à 10h",
    "12 March 2019 14:00"). A date later in a sentence does not count. A date in figures makes a date line
    without a date ("Mis à jour le 13/10/2020")."""
    written = normalise_digits(line.strip())
    prefix = _DATE_LINE_PREFIX.match(written)
    body = written[prefix.end():].strip()
    match = DATE_PATTERN.match(body) or _FIGURES.match(body)
    if not match:
        return None
    rest = body[match.end():]  # "" after a bare date
    tail = _DATE_LINE_TAIL.fullmatch(rest)
    label = (tail["label"] or "") if tail else ""
    if rest.rstrip(".") and (  # a full stop may follow a bare date, not a label
        tail is None or len(label.split()) > LABEL_MAX_WORDS or label.endswith(".")
    ):
        return None
    if match.re is _FIGURES:
        return DateLine(None, label, updated=bool(prefix["updated"]))
    found = parse_date(match.group(0))
    return DateLine(found, label, updated=bool(prefix["updated"])) if found else None
