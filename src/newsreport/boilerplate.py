"""Boilerplate of news web pages, recognised by generic rules rather than one rule per site.

Each rule looks at the lines of one article (whitespace-normalised, indentation kept) and returns
the indices it claims, with the rule's name; ``find_boilerplate`` applies them all. The rules are
written for the kinds of page a news corpus is scraped from (agency releases, republishing sites,
blogs) in English, French and Arabic.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Lines = list[str]
Marks = dict[int, str]

_BREADCRUMB = re.compile(
    r"^(?:all news|news|latest news|home|news ?room|press releases?|accueil|actualités|"
    r"toutes les actualités|communiqués(?: de presse)?|الرئيسية|الأخبار|جميع الأخبار|أخبار)$",
    re.IGNORECASE,
)
_BREADCRUMB_TRAIL = re.compile(r"^\S.{0,80}\s[>»›/|]\s\S.{0,80}$")
_COOKIE = re.compile(
    r"\bcookies?\b|\btémoins de connexion\b|ملفات تعريف الارتباط|الكوكيز", re.IGNORECASE
)
_COOKIE_BUTTON = re.compile(
    r"^(?:tell me more|learn more|read more|more info(?:rmation)?|accept(?: all)?(?: cookies)?|"
    r"i agree|agree|ok|got it|close|decline|reject|en savoir plus|j'accepte|accepter|refuser|"
    r"fermer|موافق|أوافق|اعرف المزيد|المزيد)\.?$",
    re.IGNORECASE,
)
_COMMENT_START = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|comments?|\d+ comments?|"
    r"laisser un commentaire|laissez un commentaire|ajouter un commentaire|commentaires?|"
    r"اترك تعليقا|اترك تعليقاً|أضف تعليق|التعليقات)$",
    re.IGNORECASE,
)
_COMMENT_LINE = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"votre adresse (?:e-mail|email|de messagerie) ne sera pas publiée|"
    r"les champs obligatoires sont indiqués|لن يتم نشر عنوان بريدك الإلكتروني",
    re.IGNORECASE,
)
_SPONSOR = re.compile(
    r"\b(?:is|are) (?:sponsored|funded|supported) by\b|\bsponsored content\b|\bpaid partnership\b|"
    r"\best (?:parrainée?|financée?|sponsorisée?) par\b|\bcontenu sponsorisé\b|برعاية|ممول من",
    re.IGNORECASE,
)
_CAROUSEL_COUNTER = re.compile(r"^\d{1,3}\s*/\s*(?:\d{1,3})?$")
_NUMBER = re.compile(r"^\d{1,3}$")
_PHOTO_CREDIT = re.compile(
    r"^\(?(?:photo|image|picture|credit|crédit(?: photo)?|photo ?:|صورة|الصورة)\b[^.]{0,80}\)?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*–-]|\d{1,2}[.)])\s")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|al-\w+|el-\w+|de|du|des|la|le|bin|ben|van|von)$")

BODY_MIN_WORDS = 20  # a flush-left line this long marks the page as "body flush left"
INDENT = 4  # columns of indentation that set a block apart from the body


def indentation(line: str) -> int:
    """Leading columns of a line (a tab counts as four)."""
    expanded = line.expandtabs(INDENT)
    return len(expanded) - len(expanded.lstrip(" "))


def _nonblank(lines: Lines) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def breadcrumbs(lines: Lines) -> Marks:
    """Site navigation at the top of the page: "All news", "Home > News > Africa"."""
    marks = {}
    for i in _nonblank(lines)[:3]:
        text = lines[i].strip()
        if _BREADCRUMB.match(text) or (_BREADCRUMB_TRAIL.match(text) and len(text.split()) <= 10):
            marks[i] = "breadcrumb"
    return marks


def cookie_notices(lines: Lines) -> Marks:
    """A cookie banner and the buttons that follow it ("Tell me more", "Accept")."""
    marks = {}
    nonblank = _nonblank(lines)
    for pos, i in enumerate(nonblank):
        if _COOKIE.search(lines[i]) and len(lines[i].split()) <= 60:
            marks[i] = "cookie notice"
            for j in nonblank[pos + 1 : pos + 4]:
                if not _COOKIE_BUTTON.match(lines[j].strip()):
                    break
                marks[j] = "cookie notice"
    return marks


def comment_forms(lines: Lines) -> Marks:
    """A comment form's heading and everything after it, and its stock sentences anywhere."""
    marks = {}
    start = next((i for i in _nonblank(lines) if _COMMENT_START.match(lines[i].strip())), None)
    if start is not None:
        marks.update({i: "comment form" for i in range(start, len(lines)) if lines[i].strip()})
    marks.update({i: "comment form" for i in _nonblank(lines) if _COMMENT_LINE.search(lines[i])})
    return marks


def carousel_counters(lines: Lines) -> Marks:
    """A photo carousel's counter: "1 /" over "5", or "1/5"."""
    marks = {}
    nonblank = _nonblank(lines)
    for pos, i in enumerate(nonblank):
        if _CAROUSEL_COUNTER.match(lines[i].strip()):
            marks[i] = "carousel counter"
            nxt = nonblank[pos + 1] if pos + 1 < len(nonblank) else None
            if nxt is not None and _NUMBER.match(lines[nxt].strip()):
                marks[nxt] = "carousel counter"
    return marks


def indented_blocks(lines: Lines) -> Marks:
    """Captions and highlight boxes: indented blocks on a page whose body starts flush left.

    A block that leads up to a carousel counter is a caption; any other is a highlight box
    (pull quote or summary restating the body). List items are content and stay.
    """
    nonblank = _nonblank(lines)
    flush = [i for i in nonblank if indentation(lines[i]) == 0]
    if not any(len(lines[i].split()) >= BODY_MIN_WORDS for i in flush):
        return {}
    marks = {}
    for pos, i in enumerate(nonblank):
        line = lines[i]
        if indentation(line) < INDENT or _BULLET.match(line):
            continue
        following = nonblank[pos + 1 :]
        next_flush = next((j for j in following if indentation(lines[j]) == 0), len(lines))
        in_carousel = any(
            _CAROUSEL_COUNTER.match(lines[j].strip()) for j in following if j < next_flush
        )
        if _CAROUSEL_COUNTER.match(line.strip()) or _NUMBER.match(line.strip()):
            continue
        marks[i] = "image caption" if in_carousel else "highlight box"
    return marks


def sponsor_notes(lines: Lines) -> Marks:
    """A note at the end of the page about who sponsors the site or the article."""
    tail = _nonblank(lines)[-5:]
    return {i: "sponsor note" for i in tail if _SPONSOR.search(lines[i])}


def lone_captions(lines: Lines) -> Marks:
    """A short line standing alone between paragraphs that is only a name or a photo credit."""
    marks = {}
    nonblank = _nonblank(lines)
    for pos, i in enumerate(nonblank[1:], start=1):
        text = lines[i].strip()
        if _PHOTO_CREDIT.match(text) and len(text.split()) <= 12:
            marks[i] = "image caption"
            continue
        words = text.split()
        alone = (i == 0 or not lines[i - 1].strip()) and (
            i + 1 == len(lines) or not lines[i + 1].strip()
        )
        between_paragraphs = pos + 1 < len(nonblank) and any(
            len(lines[j].split()) >= BODY_MIN_WORDS for j in nonblank[:pos]
        )
        if (
            alone
            and between_paragraphs
            and 2 <= len(words) <= 4
            and text[-1] not in ".:;!?,"
            and all(_NAME_WORD.match(word) for word in words)
        ):
            marks[i] = "image caption"
    return marks


RULES: tuple[Callable[[Lines], Marks], ...] = (
    comment_forms,
    cookie_notices,
    breadcrumbs,
    carousel_counters,
    indented_blocks,
    sponsor_notes,
    lone_captions,
)


def find_boilerplate(lines: Lines) -> Marks:
    """Line index -> rule name for every line a rule recognises; the first rule to claim wins."""
    marks: Marks = {}
    for rule in RULES:
        for i, name in rule(lines).items():
            marks.setdefault(i, name)
    return marks
