"""What a notebook needs around the package: its parameters checked, tables and figures shown.

``start`` is the first call of every notebook; ``show_table`` and ``show_figure`` put a table or
a captioned figure into the notebook's output, which is what the report is rendered from; ``say`` and
``note`` a sentence. Corpus text is always escaped, and read in its own direction (``bidi``): table cells
by their text, pieces of a sentence or caption where they were marked with ``bidi.mark``.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from newsreport import bidi
from newsreport.params import Params, Paths, load_params, resolve_paths
from newsreport.plots import save_figure

MAX_ROWS = 20  # a longer table is cut to its top rows in the report, the full CSV is named


def start(namespace: Mapping[str, Any]) -> tuple[Params, Paths]:
    """Validate the notebook's parameters (over config/params.yaml) and resolve its paths.

    Called as ``notebook.start(globals())`` right after the cell tagged ``parameters``: every name
    of that cell that is a parameter (and ``project_root``, ``output_root``) is taken from it.
    """
    root = namespace.get("project_root", "..")
    given = {name: namespace[name] for name in Params.model_fields if name in namespace}
    params = load_params(root, overrides=given)
    pd.set_option("display.max_colwidth", 80)
    return params, resolve_paths(params, root)


def show_table(
    table: pd.DataFrame, *, caption: str, csv: Path | None = None, max_rows: int = MAX_ROWS,
    columns: list[str] | None = None, empty: str = "None.",
) -> HTML:
    """A table for reading: at most ``max_rows`` rows (and the ``columns`` given), numbers to four
    significant digits, a caption, and the CSV that has everything; a table without rows is the
    caption and ``empty``. A keyword-in-context table (columns left, match, right) shows right-to-left rows
    as they read: the preceding text on the right."""
    note = f" Table file: {_relative(csv)}." if csv is not None else ""
    if table.empty:
        return HTML(f'<div class="table empty"><p class="table-caption">{bidi.to_html(caption + note)}</p>'
                    f'<p class="note">{bidi.to_html(empty)}</p></div>')
    shown = table.head(max_rows)[columns or list(table.columns)]
    shown = shown.rename(columns=lambda c: str(c).replace("_", "_\u200b"))  # long headers may wrap
    if len(table) > max_rows:
        where = f"; all rows are in {_relative(csv)}" if csv else ""
        note = f" Showing the first {max_rows} of {len(table)} rows{where}."
    if any(bidi.kwic_rtl_rows(shown)):
        note += " Right-to-left rows read from right to left: their preceding text is in the right-hand column."
    body = bidi.table_html(shown, index=False, border=0, na_rep="", classes="data", float_format=lambda x: f"{x:.4g}")
    return HTML(
        f'<div class="table"><p class="table-caption">{bidi.to_html(caption + note)}</p>{body}</div>'
    )


def show_figure(
    figure: Figure | None, name: str, *, caption: str, paths: Paths, dpi: int = 150, empty: str = "Nothing to plot."
) -> HTML:
    """Save a figure (PNG + SVG) under figures/ and show it, vector, with its caption.

    ``figure`` is None when there is nothing to draw: the report then says ``empty`` instead.
    """
    if figure is None:
        return note(empty)
    png, svg = save_figure(figure, name, paths.figures, dpi=dpi)
    data = base64.b64encode(svg.read_bytes()).decode("ascii")
    return HTML(
        f'<figure class="figure" id="fig-{html.escape(name)}">'
        f'<img alt="{html.escape(bidi.unmark(caption))}" src="data:image/svg+xml;base64,{data}"/>'
        f"<figcaption>{bidi.to_html(caption)} (figures/{png.name}, {svg.name})</figcaption></figure>"
    )


def note(text: str) -> HTML:
    """A short highlighted note in the report (e.g. "no terms to show"); nothing when empty."""
    return HTML(f'<p class="note">{bidi.to_html(text)}</p>' if text else "")


def _relative(path: Path | None) -> str:
    if path is None:
        return ""
    parts = path.parts
    return "/".join(parts[parts.index("report"):]) if "report" in parts else path.name


def say(text: str) -> HTML:
    """A sentence of reading computed from the data, shown as a paragraph: escaped (it may quote the corpus),
    each piece marked with ``bidi.mark`` isolated in its own direction."""
    return HTML(f"<p>{bidi.to_html(text)}</p>")


def documents_shown(documents: pd.DataFrame, limit: int, *, how: str = "with most hits") -> str:
    """How a document-level figure or table selects its documents, for its caption."""
    if len(documents) <= limit:
        return f"all {len(documents)} documents"
    return f"the {limit} of {len(documents):,} documents {how}"
