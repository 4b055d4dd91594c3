"""Web pages: the article's main text and what the page says about itself, read by the field's tools.

trafilatura keeps the main text of a news page (not its navigation, newsletter box, share buttons or
"related articles") and reads its title (without the site's suffix), author and site name; htmldate
reads the publication date the page states in its metadata, time elements or URL. A date is taken
only where the page states one: htmldate's guesses from free text are not asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from newsreport.article import collapse_spaces

LATEST_DATE = "2100-12-31"  # htmldate refuses dates after "today" unless told: fixed, so a page reads the same any day
_TITLE_ELEMENT = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATOR = r"\s*[|–—·:-]\s*"  # between a site's name and the headline: "Site | Headline"


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
    import htmldate
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
    date = htmldate.find_date(html, url=url, extensive_search=False, original_date=True, max_date=LATEST_DATE)
    return Page(text="\n\n".join(lines), title=title, author=_field(found, "author"), site=site,
                date=date, url=_field(found, "url") or url)


def _without_site(title: str | None, site: str | None, html: str) -> str | None:
    """The title without the site's name: "Headline | Site" (an og:title often carries it) gives the headline.
    From "Site | Headline" trafilatura takes a first part, with the site's name: the title element without it is
    then the headline (None when it holds nothing else)."""
    if not (title and site):
        return title
    first = re.compile(f"^{re.escape(site)}(?:{_TITLE_SEPARATOR}|$)", re.IGNORECASE)
    named = re.compile(f"^{re.escape(site)}{_TITLE_SEPARATOR}|{_TITLE_SEPARATOR}{re.escape(site)}$", re.IGNORECASE)
    if not first.match(title):
        return named.sub("", title)
    element = _TITLE_ELEMENT.search(html)
    headline = named.sub("", collapse_spaces(unescape(element.group(1)))) if element else ""
    return headline if headline and headline.casefold() != site.casefold() else None


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None) if found is not None else None
    return collapse_spaces(value) if isinstance(value, str) and value.strip() else None
