"""Web pages: the article's main text and what the page says about itself, read by the field's tools.

trafilatura keeps the main text of a news page (not its navigation, newsletter box, share buttons or
"related articles") and reads its title (without the site's suffix), author and site name; htmldate
reads the publication date the page states in its metadata, time elements or URL. A date is taken
only where the page states one: htmldate's guesses from free text are not asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreport.article import collapse_spaces

LATEST_DATE = "2100-12-31"  # htmldate refuses dates after "today" unless told: fixed, so a page reads the same any day


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
    title = _field(found, "title")
    text = getattr(found, "text", None) or ""
    lines = [collapse_spaces(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and collapse_spaces(lines[0]).casefold() == collapse_spaces(title).casefold():
        lines = lines[1:]  # the page's heading is its title: the title is kept apart
    date = htmldate.find_date(html, url=url, extensive_search=False, original_date=True, max_date=LATEST_DATE)
    return Page(text="\n\n".join(lines), title=title, author=_field(found, "author"), site=_field(found, "sitename"),
                date=date, url=_field(found, "url") or url)


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None) if found is not None else None
    return collapse_spaces(value) if isinstance(value, str) and value.strip() else None
