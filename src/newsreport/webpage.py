"""Web pages: the article's main text and what the page says about itself, read by the field's tools.

trafilatura keeps the main text of a news page (not its navigation, newsletter box, share buttons or
"related articles") and reads its title (without the site's suffix), author and site name; htmldate
reads the publication date the page states in its metadata, its article's time elements or its URL. A
date is taken only where the page states it, in full: not from free text, another article's time
element (a "related articles" list), a modification date, or a month without its day.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape, unescape

from newsreport.article import collapse_spaces

LATEST_DATE = "2100-12-31"  # htmldate refuses dates after "today" unless told: fixed, so a page reads the same any day
_TITLE_ELEMENT = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_LISTS = re.compile(r"ItemList|ListItem|BreadcrumbList")  # JSON-LD types whose dates are other pages'
_DATE_KINDS = ("property", "name", "itemprop", "http-equiv")  # the attributes that say what a meta tag's date is
_MODIFIED = re.compile(r"modif|updat|last", re.IGNORECASE)  # a meta tag of a modification date
# the class or id of a block of other articles, or of one
_ASIDE = re.compile(r"related|recommend|teaser|card|promo|sidebar|read-?more|more-|also|latest|news-?list|popular|"
                    r"trending|most-read|author-?(?:box|bio)", re.IGNORECASE)
SECTION_MAX_WORDS = 4  # a site's section named in its titles: "Middle East News", "Actualité"
_TITLE_SEPARATOR = r"\s*[|–—·:-]+\s*"  # between a site's name and the headline: "Site | Headline"


@dataclass(frozen=True)
class Page:
    """A web page as an article: its main text (paragraphs on lines) and what it states about itself."""

    text: str
    title: str | None
    author: str | None
    site: str | None
    date: str | None  # YYYY-MM-DD, from the page's metadata, time elements or URL
    url: str | None


def read_page(html: str, *, url: str | None = None) -> Page:
    """The main text and metadata of an HTML page (``url``: where it was fetched, when known)."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        favor_precision=True, date_extraction_params={"extensive_search": False},
    )
    site = _field(found, "sitename")
    title = _without_site(_field(found, "title"), site, html)
    text = getattr(found, "text", None) or ""
    lines = [collapse_spaces(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and collapse_spaces(lines[0]).casefold() == collapse_spaces(title).casefold():
        lines = lines[1:]  # the page's heading is its title: the title is kept apart
    date = _stated_date(html, url)
    return Page(text="\n\n".join(lines), title=title, author=_field(found, "author"), site=site,
                date=date, url=_field(found, "url") or url)


def _without_site(title: str | None, site: str | None, html: str) -> str | None:
    """The title without the site's name: "Headline | Site" (an og:title often carries it) gives the headline, and
    so does "Headline | Section | Site" (a short section after a pipe). From "Site | Headline" trafilatura takes
    a first part, with the site's name: the title element without it is then the headline (None when it holds
    nothing else)."""
    if not (title and site):
        return title
    first = re.compile(f"^{re.escape(site)}(?:{_TITLE_SEPARATOR}|$)", re.IGNORECASE)
    named = re.compile(f"^{re.escape(site)}{_TITLE_SEPARATOR}|{_TITLE_SEPARATOR}{re.escape(site)}$", re.IGNORECASE)
    element = _TITLE_ELEMENT.search(html)
    written = collapse_spaces(unescape(element.group(1))) if element else ""
    if not first.match(title):
        headline = named.sub("", title)
        # the site taken off here, or by trafilatura from the title element: what ends it may be a section
        return _without_section(headline) if headline != title or named.search(written) else headline
    for text in (written, title):  # else the og:title
        headline = named.sub("", text)
        if headline and headline.casefold() != site.casefold():
            return _without_section(headline)
    return None


def _without_section(headline: str) -> str:
    """"Headline | Section", left of "Headline | Section | Site" once the site is taken off: the headline. A last
    part after a pipe is a section when it is short and shorter than what it follows ("Iraq | Syria: police meet"
    and "Opinion | Iraq needs more police" stay whole)."""
    rest, pipe, section = headline.rpartition(" | ")
    words = len(section.split())
    return rest if pipe and words <= SECTION_MAX_WORDS and len(rest.split()) > words else headline


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None) if found is not None else None
    return collapse_spaces(value) if isinstance(value, str) and value.strip() else None


def _stated_date(html: str, url: str | None) -> str | None:
    """The publication date a page states (YYYY-MM-DD), read by htmldate from what is the page's own: its head's
    meta tags and links, its JSON-LD, the time elements of its article (not of an aside or a related list), its
    URL; modification dates left out. A date htmldate completes ("2017-04" -> 2017-04-30) is no date."""
    import htmldate
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    holders = ("article",) if tree.find(".//article") is not None else ("article", "main")  # the article's element
    head = tree.find("head")
    own = [etree.tostring(element, encoding="unicode", with_tail=False) for element in tree.iter("meta", "link")
           if not _says_modified(element, _DATE_KINDS) and (  # the head's, or the article's microdata
               (head is not None and element in head.iter()) or _in_article(element, holders))]
    for script in tree.iter("script"):
        if script.get("type", "").lower() == "application/ld+json" and (data := _own_json_ld(script.text)):
            own.append(f'<script type="application/ld+json">{escape(data, quote=False)}</script>')
    first = next((element for element in tree.iter("time") if _in_article(element, holders)), None)
    if first is not None:  # the article's own date comes first; what follows may be other articles'
        own.append(etree.tostring(first, encoding="unicode", with_tail=False))
    page = f"<html><head>{''.join(own)}</head><body></body></html>"
    found = htmldate.find_date(page, url=url, extensive_search=False, original_date=True, max_date=LATEST_DATE)
    return found if found and _written_in_full(found, page + (url or "")) else None


def _says_modified(element: object, attributes: tuple[str, ...]) -> bool:
    """Whether an element's ``attributes`` name a modification date (``article:modified_time``, "updated")."""
    return bool(_MODIFIED.search(" ".join(element.get(name, "") for name in attributes)))


def _own_json_ld(text: str | None) -> str | None:
    """JSON-LD without its modification dates and its lists of other pages ("ItemList" of related articles,
    breadcrumbs), None when it is no JSON."""
    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if not _MODIFIED.search(k) and k != "itemListElement"}
        if isinstance(value, list):
            return [strip(v) for v in value if not (isinstance(v, dict) and _LISTS.search(str(v.get("@type", ""))))]
        return value

    try:
        return json.dumps(strip(json.loads(text or "")), ensure_ascii=False)
    except ValueError:
        return None


def _in_article(element: object, holders: tuple[str, ...]) -> bool:
    """Whether a time element belongs to the page's article: inside one of the ``holders`` (<article>, or <main>
    on a page without one), outside an aside, a navigation, a footer or a block of other articles ("related",
    "recommended", a teaser card, ...), and not a modification time itself."""
    if _says_modified(element, ("class", "itemprop")):
        return False
    inside = False
    for parent in element.iterancestors():
        named = f"{parent.get('class', '')} {parent.get('id', '')}"
        if parent.tag in ("aside", "nav", "footer") or _ASIDE.search(named):
            return False
        inside = inside or parent.tag in holders
    return inside


def _written_in_full(found: str, page: str) -> bool:
    """Whether the page writes the date with its day: as 2015-12-03 (meta tags, datetime), 2015/12/03 (URLs),
    in another order, or in words ("3 December 2015")."""
    from datetime import date

    from newsreport.dates import find_dates

    year, month, day = found.split("-")
    return any(form in page for form in (found, f"{year}/{month}/{day}", f"{day}/{month}/{year}",
                                         f"{year}{month}{day}", f"{day}.{month}.{year}")) or (
        date.fromisoformat(found) in find_dates(_TAG.sub(" ", page)))
