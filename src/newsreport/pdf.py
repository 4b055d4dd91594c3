"""report.pdf: an archival (PDF/A-3a), tagged and accessible (PDF/UA-1) PDF that carries its own data.

WeasyPrint renders the report's HTML with matplotlib's DejaVu Sans for every glyph. ``pdf/a-3a`` tags the
structure (headings, tables with header cells, figures with their alt text) in reading order, and allows the
attached files (``attachments``); the document's language and title come from the HTML. The only date
written is the corpus's (``source_date``), so the same inputs give the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from newsreport.attachments import Carried
from newsreport.errors import RunFailed

VARIANT = "pdf/a-3a"
#: Declares PDF/UA-1 next to PDF/A-3a in the XMP metadata: WeasyPrint writes one variant's identification.
_UA = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
       b'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/></rdf:RDF>')


def source_date(documents: pd.DataFrame) -> int:
    """The report's date as seconds since 1970, derived from its inputs so that the same inputs give the
    same bytes: ``SOURCE_DATE_EPOCH`` when set, else the newest publication date of the corpus."""
    if given := os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return int(given)
    newest = pd.to_datetime(documents["date"]).max()
    return int(newest.tz_localize("UTC").timestamp()) if pd.notna(newest) else 0


def write_pdf(html_text: str, target: Path, *, base: Path, epoch: int = 0, carried: list[Carried] = ()) -> Path:
    """Render the HTML to an archival PDF with the ``carried`` files that are ``attached``; ``epoch``
    (``source_date``) is the only date written into it."""
    import matplotlib
    from weasyprint import CSS, HTML, Attachment

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    bold = font.with_name("DejaVuSans-Bold.ttf")
    fonts = CSS(string=(
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{font.as_uri()}"); }}'
        f'@font-face {{ font-family: "DejaVu Sans"; font-weight: bold; src: url("{bold.as_uri()}"); }}'
    ))
    when = datetime.fromtimestamp(epoch, UTC)
    attachments = [Attachment(file_obj=io.BytesIO(c.content if c.content is not None else c.path.read_bytes()),
                              name=c.name, description=c.description, created=when, modified=when,
                              relationship="Data" if c.name.startswith("tables/") else "Source")
                   for c in carried if c.attached]
    with _dated(epoch), _drawn_whole(target):
        options = {"stylesheets": [fonts], "pdf_variant": VARIANT, "attachments": attachments}
        document = HTML(string=html_text, base_url=str(base)).render(**options)
        document.metadata.xmp_metadata.append(_UA)
        document.metadata.created = document.metadata.modified = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        document.write_pdf(target, **options)
    return target


@contextlib.contextmanager
def _drawn_whole(target: Path) -> Iterator[None]:
    """Fail (``RunFailed``) when WeasyPrint reports an error while the block runs: it logs a figure it could not
    draw, or an image it could not load, and goes on, leaving a blank where the figure was."""
    failures: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = failures.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if failures:
        raise RunFailed(f"{target.name} could not be drawn whole ({failures[0].getMessage()}); the previous report "
                        "is kept")


@contextlib.contextmanager
def _dated(epoch: int) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set while the block runs: fontTools stamps font subsets with it instead of now."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
