"""Right-to-left text inside left-to-right pages: each piece of corpus text read in its own direction.

The report is English prose around corpus text that may be Arabic. A term, a title or a name placed into a
sentence is *isolated*: laid out in its own direction without reordering the quotes, counts and commas
around it. Sentences are built as plain text with each corpus piece between the Unicode isolate marks
(``mark``: FSI ... PDI, which plain-text readers already honour); ``to_html`` escapes such a sentence and
turns each marked piece into ``<bdi dir="...">``. Tables are made by ``table_html``: a cell of right-to-left
text gets ``dir="rtl"``, and keyword-in-context rows of right-to-left text put the preceding text on the right.

The direction is always written out (``dir="rtl"`` or ``"ltr"``), never left to ``dir="auto"``:
WeasyPrint supports neither ``dir="auto"`` nor ``unicode-bidi``, but lays out every inline element's text
on its own in that element's ``direction``, which isolates it just as ``<bdi>`` does in a browser.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection

import pandas as pd

FSI, PDI = "\u2068", "\u2069"  # first strong isolate ... pop directional isolate
KWIC = ("left", "match", "right")  # the columns of a keyword-in-context table


def direction(text: str) -> str | None:
    """"rtl" when most strongly directional characters of ``text`` are right to left, "ltr" when most are left
    to right (a tie goes to the first of them, as ``dir="auto"`` decides), None when it has none (numbers,
    punctuation). By the majority, an Arabic title that opens with "INTERPOL", a snippet cut out of an Arabic
    sentence and a file name in an English phrase all read in the direction of most of their words."""
    kinds = [unicodedata.bidirectional(ch) for ch in text]
    rtl = sum(k in ("R", "AL") for k in kinds)
    ltr = kinds.count("L")
    if rtl != ltr:
        return "rtl" if rtl > ltr else "ltr"
    for kind in kinds:
        if kind in ("L", "R", "AL"):
            return "ltr" if kind == "L" else "rtl"
    return None


def has_rtl(text: str) -> bool:
    """Whether ``text`` has a right-to-left letter."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def mark(piece: object) -> str:
    """``piece`` as text between isolate marks, for a sentence that ``to_html`` will isolate it in."""
    return FSI + str(piece).replace(FSI, "").replace(PDI, "") + PDI


def unmark(text: str) -> str:
    """``text`` without isolate marks (for an attribute, or a reader that compares words)."""
    return text.replace(FSI, "").replace(PDI, "")


def isolate(text: object, force: str | None = None) -> str:
    """Escaped ``text`` as a ``<bdi>`` element in its own direction (or in ``force``: "ltr" for a path)."""
    text = unmark(str(text))
    way = force or direction(text) or "ltr"
    return f'<bdi dir="{way}"{_arabic(text) if way == "rtl" else ""}>{html.escape(text)}</bdi>'


def _arabic(text: str) -> str:
    """``lang="ar"`` for Arabic text (a screen reader then reads it with an Arabic voice), else ""."""
    return ' lang="ar"' if any(unicodedata.bidirectional(ch) == "AL" for ch in text) else ""


def to_html(text: str) -> str:
    """Escape ``text`` and isolate each marked piece (``mark``) as a ``<bdi>``; unbalanced marks are dropped,
    so the result is always well formed."""
    out, piece = [], None
    for part in re.split(f"([{FSI}{PDI}])", text):
        if part == FSI:
            if piece is None:
                piece = []
        elif part == PDI:
            if piece is not None:
                out.append(isolate("".join(piece)))
                piece = None
        elif piece is not None:
            piece.append(part)
        else:
            out.append(html.escape(part))
    if piece is not None:
        out.append(isolate("".join(piece)))
    return "".join(out)


CONTEXT = "context"  # the header of both context columns of a table that has right-to-left rows


def kwic_rtl_rows(table: pd.DataFrame) -> list[bool]:
    """For a keyword-in-context table (columns left, match, right): which rows are right-to-left text
    (``direction`` of the row's three cells); [] for any other table."""
    if not all(c in table.columns for c in KWIC):
        return []
    return [direction("".join(map(str, row))) == "rtl" for row in table[list(KWIC)].itertuples(index=False)]


def table_html(table: pd.DataFrame, *, ltr: Collection[str] = (), **options) -> str:
    """``table.to_html(escape=True, **options)`` with every cell read in its direction: a cell of right-to-left
    text (``direction``) is ``dir="rtl"``, except in the ``ltr`` columns (paths). In a keyword-in-context table,
    a right-to-left row (``kwic_rtl_rows``) shows its preceding text in the right-hand column and its following
    text in the left-hand one, as it reads, and is marked ``class="kwic-rtl"``; both context columns are then
    headed ``CONTEXT`` (their side holds the text before the match in one direction and after it in the other);
    the context cells are classed to be aligned against the match."""
    columns = [str(c) for c in table.columns]
    rtl_rows = kwic_rtl_rows(table)
    if any(rtl_rows):
        table = table.copy()
        swap = pd.Series(rtl_rows, index=table.index)
        table.loc[swap, ["left", "right"]] = table.loc[swap, ["right", "left"]].to_numpy()
        table.columns = [CONTEXT if c in ("left", "right") else c for c in columns]  # a side, not before or after
    head, _, body = table.to_html(escape=True, **options).partition("<tbody>")
    head = re.sub(r"<th>([^<]*)</th>", lambda m: _cell("th", m.group(1)), head)
    classes = {columns.index(c): f"kwic-{c}" for c in KWIC} if rtl_rows else {}
    fixed = {i for i, c in enumerate(columns) if c in ltr}
    cells = iter(range(len(table) * len(columns)))  # to_html writes every cell as <td>, row by row

    def cell(match: re.Match) -> str:
        column = next(cells) % len(columns)
        content = match.group(1)
        css = classes.get(column) or next((name for name, shape in _SHAPES.items() if shape.fullmatch(content)), None)
        return _cell("td", content, css, directed=column not in fixed)

    body = re.sub(r"<td>(.*?)</td>", cell, body, flags=re.S)
    rows = iter(rtl_rows)
    body = re.sub(r"<tr>", lambda m: '<tr class="kwic-rtl">' if next(rows, False) else m.group(0), body)
    return f"{head}<tbody>{body}"


# cells classed by their shape: a date kept on one line, a SHA-256 cut anywhere to fit its column
_SHAPES = {"date": re.compile(r"\d{4}-\d\d(?:-\d\d)?"), "hash": re.compile(r"[0-9a-f]{64}")}


def _cell(tag: str, content: str, css: str | None = None, *, directed: bool = True) -> str:
    attributes = f' class="{css}"' if css else ""
    if FSI in content:  # a phrase with marked pieces (a document's label): it reads left to right around them
        content, directed = to_html(html.unescape(content)), False
    if directed and direction(text := html.unescape(content)) == "rtl":
        attributes += ' dir="rtl"' + _arabic(text)
    return f"<{tag}{attributes}>{content}</{tag}>"
