"""Boilerplate of news web pages, recognised by generic rules rather than one rule per site.

Each rule looks at the lines of one article (whitespace-normalised, indentation kept) and returns
the indices it claims, with the rule's name; ``find_boilerplate`` applies them all to one ``ArticleLines``,
which holds what several rules need (the non-blank lines, the text without case) computed once. The
rules are written for the kinds of page a news corpus is scraped from (agency releases, republishing
sites, blogs) in English, French and Arabic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsreport.dates import date_line

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
# Each *_WORDS: words one of which (case aside) every match of the pattern above it holds.
_COOKIE_WORDS = ("cookie", "témoins de connexion", "ملفات تعريف الارتباط", "الكوكيز")
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
_COMMENT_START_WORDS = ("comment", "reply", "تعليق")
_COMMENT_LINE = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"votre adresse (?:e-mail|email|de messagerie) ne sera pas publiée|"
    r"les champs obligatoires sont indiqués|لن يتم نشر عنوان بريدك الإلكتروني",
    re.IGNORECASE,
)
_COMMENT_LINE_WORDS = ("will not be published", "required fields are marked", "ne sera pas publiée",
                       "les champs obligatoires sont indiqués", "لن يتم نشر عنوان بريدك الإلكتروني")
_SPONSOR = re.compile(
    r"\b(?:is|are) (?:sponsored|funded|supported) by\b|\bsponsored content\b|\bpaid partnership\b|"
    r"\best (?:parrainée?|financée?|sponsorisée?) par\b|\bcontenu sponsorisé\b|برعاية|ممول من",
    re.IGNORECASE,
)
_SPONSOR_WORDS = ("sponsor", "funded by", "supported by", "paid partnership", "parrainé", "financé", "برعاية",
                  "ممول من")
# A link to another article, or a call to follow or subscribe, as a line of its own: "Read more: INTERPOL
# warns ...", "► Lire aussi : ...", "اقرأ أيضا: ...", "Follow us on Twitter", "Subscribe to our newsletter". The
# phrase is followed by a colon, a pipe, an arrow or nothing (the link on the next line), or by its object ("on",
# "our"): "Related-party transactions ...", "Sign up to the treaty ...", "اشترك في الهجوم" are the article's.
_READ_ALSO = (r"read (?:more|also)|also read|see also|(?:à )?lire (?:aussi|également)|voir aussi|"
              r"[اإأ]قرأ\s+(?:[أا]يض(?:ا\u064b?|\u064bا)|المزيد)")
_PROMOTION = re.compile(
    r"[►▶»•*]?\s*(?:"
    rf"(?:{_READ_ALSO}|related(?: articles?| stories| news)?|more on this(?: story)?|sur le même sujet|"
    r"مواضيع ذات صلة)\s*(?:[:：|»›►–—]|$)"
    r"|(?:read more|lire la suite|اقرأ المزيد)\W*$"
    r"|(?:follow us (?:on|at)|suivez[- ]nous sur|تابعونا (?:على|عبر)|subscribe (?:to our|now)|sign up (?:for|to) our|"
    r"abonnez[- ]vous à (?:notre|la|nos)|inscrivez[- ]vous à (?:notre|la)|اشترك (?:في نشرتنا|في النشرة|الآن))\b)",
    re.IGNORECASE,
)
# "Lire aussi Le Maroc renforce sa police": the linked headline with no separator (a capital, a quote or an Arabic
# letter after the words; a line ending with a full stop is a sentence)
_PROMOTED_HEADLINE = re.compile(rf"[►▶»•*]?\s*(?i:{_READ_ALSO})\s+[\"“«A-ZÀ-Þ\u0621-\u064a]")
PROMOTION_MAX_WORDS = 25  # a longer line is a paragraph that happens to begin so
_CAROUSEL_COUNTER = re.compile(r"^\d{1,3}\s*/\s*(?:\d{1,3})?$")
_NUMBER = re.compile(r"^\d{1,3}$")
_PHOTO_CREDIT = re.compile(
    r"^\(?(?:photo|image|picture|credit|crédit(?: photo)?|photo ?:|صورة|الصورة)\b[^.]{0,80}\)?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*–-]|\d{1,2}[.)])\s")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|al-\w+|el-\w+|de|du|des|la|le|bin|ben|van|von)$")

BODY_MIN_WORDS = 20  # a flush-left line this long marks the page as "body flush left"
CAPTION_MAX_WORDS = 12  # a photo credit is no longer (and a name line is shorter still)
INDENT = 4  # columns of indentation that set a block apart from the body


def indentation(line: str) -> int:
    """Leading columns of a line (a tab counts as four)."""
    expanded = line.expandtabs(INDENT)
    return len(expanded) - len(expanded.lstrip(" "))


def ignorecase_fold(text: str) -> str:
    """Text as re.IGNORECASE compares it, for plain ``in`` tests: casefolded, the Turkish "İ" and "ı" made
    "i" (IGNORECASE takes both for "i", casefold does not)."""
    return text.replace("İ", "i").replace("ı", "i").casefold()


@dataclass(frozen=True)
class ArticleLines:
    """The lines of one article and what several rules look at, computed once for all of them."""

    lines: Lines
    nonblank: list[int]  # indices of the lines that hold more than whitespace
    folded: str  # the whole page, folded

    @classmethod
    def of(cls, lines: Lines | ArticleLines) -> ArticleLines:
        """The page of ``lines`` (a page is returned as it is)."""
        if isinstance(lines, ArticleLines):
            return lines
        return cls(lines, [i for i, line in enumerate(lines) if line.strip()], ignorecase_fold("\n".join(lines)))

    def mentions(self, words: tuple[str, ...]) -> bool:
        """Whether the page holds one of ``words`` (written folded), case aside.

        A rule asks first whether the page holds the words its pattern needs: most pages hold none, and
        searching every line of them is the slow part of loading a corpus."""
        return any(map(self.folded.__contains__, words))


def breadcrumbs(lines: Lines | ArticleLines) -> Marks:
    """Site navigation at the top of the page: "All news", "Home > News > Africa"."""
    page = ArticleLines.of(lines)
    lines = page.lines
    marks = {}
    for i in page.nonblank[:3]:
        text = lines[i].strip()
        # a date line written like a trail ("12 March 2019 | Updated 14:00") is the header's, not navigation
        trail = _BREADCRUMB_TRAIL.match(text) and len(text.split()) <= 10 and not date_line(text)
        if _BREADCRUMB.match(text) or trail:
            marks[i] = "breadcrumb"
    return marks


def cookie_notices(lines: Lines | ArticleLines) -> Marks:
    """A cookie banner and the buttons that follow it ("Tell me more", "Accept")."""
    page = ArticleLines.of(lines)
    if not page.mentions(_COOKIE_WORDS):
        return {}
    lines, nonblank = page.lines, page.nonblank
    marks = {}
    for pos, i in enumerate(nonblank):
        if _COOKIE.search(lines[i]) and len(lines[i].split()) <= 60:
            marks[i] = "cookie notice"
            for j in nonblank[pos + 1 : pos + 4]:
                if not _COOKIE_BUTTON.match(lines[j].strip()):
                    break
                marks[j] = "cookie notice"
    return marks


def comment_forms(lines: Lines | ArticleLines) -> Marks:
    """A comment form's heading and everything after it, and its stock sentences anywhere."""
    page = ArticleLines.of(lines)
    lines, nonblank = page.lines, page.nonblank
    marks = {}
    if page.mentions(_COMMENT_START_WORDS):
        start = next((i for i in nonblank if _COMMENT_START.match(lines[i].strip())), None)
        if start is not None:
            marks.update({i: "comment form" for i in range(start, len(lines)) if lines[i].strip()})
    if page.mentions(_COMMENT_LINE_WORDS):
        marks.update({i: "comment form" for i in nonblank if _COMMENT_LINE.search(lines[i])})
    return marks


def carousel_counters(lines: Lines | ArticleLines) -> Marks:
    """A photo carousel's counter: "1 /" over "5", or "1/5"."""
    page = ArticleLines.of(lines)
    lines, nonblank = page.lines, page.nonblank
    marks = {}
    for pos, i in enumerate(nonblank):
        if _CAROUSEL_COUNTER.match(lines[i].strip()):
            marks[i] = "carousel counter"
            nxt = nonblank[pos + 1] if pos + 1 < len(nonblank) else None
            if nxt is not None and _NUMBER.match(lines[nxt].strip()):
                marks[nxt] = "carousel counter"
    return marks


def indented_blocks(lines: Lines | ArticleLines) -> Marks:
    """Captions and highlight boxes: indented blocks on a page whose body starts flush left.

    A block that leads up to a carousel counter is a caption; any other is a highlight box
    (pull quote or summary restating the body). List items are content and stay.
    """
    page = ArticleLines.of(lines)
    lines, nonblank = page.lines, page.nonblank
    if not any(lines[i].startswith((" ", "\t")) for i in nonblank):  # no line indented at all: the usual page
        return {}
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


def sponsor_notes(lines: Lines | ArticleLines) -> Marks:
    """A note at the end of the page about who sponsors the site or the article."""
    page = ArticleLines.of(lines)
    if not page.mentions(_SPONSOR_WORDS):
        return {}
    return {i: "sponsor note" for i in page.nonblank[-5:] if _SPONSOR.search(page.lines[i])}


def promotions(lines: Lines | ArticleLines) -> Marks:
    """Links to other articles and calls to follow or subscribe, each a short line of its own in the article."""
    page = ArticleLines.of(lines)
    return {i: "promotion" for i in page.nonblank if len(page.lines[i].split()) <= PROMOTION_MAX_WORDS
            and _promotion(page.lines[i].strip())}


def _promotion(text: str) -> bool:
    return bool(_PROMOTION.match(text) or (_PROMOTED_HEADLINE.match(text) and not text.endswith(".")))


def lone_captions(lines: Lines | ArticleLines) -> Marks:
    """A short line standing alone between paragraphs that is only a name or a photo credit."""
    page = ArticleLines.of(lines)
    lines, nonblank = page.lines, page.nonblank
    marks = {}
    for pos, i in enumerate(nonblank[1:], start=1):
        text = lines[i].strip()
        words = text.split(maxsplit=CAPTION_MAX_WORDS)
        if len(words) > CAPTION_MAX_WORDS:  # a paragraph, the usual line: split no further
            continue
        if _PHOTO_CREDIT.match(text):
            marks[i] = "image caption"
            continue
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


RULES: tuple[Callable[[Lines | ArticleLines], Marks], ...] = (
    comment_forms,
    cookie_notices,
    breadcrumbs,
    carousel_counters,
    indented_blocks,
    sponsor_notes,
    promotions,
    lone_captions,
)


def find_boilerplate(lines: Lines) -> Marks:
    """Line index -> rule name for every line a rule recognises; the first rule to claim wins."""
    page = ArticleLines.of(lines)
    marks: Marks = {}
    for rule in RULES:
        for i, name in rule(page).items():
            marks.setdefault(i, name)
    return marks
