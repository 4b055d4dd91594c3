"""What a notebook needs around the package: its parameters checked, tables, figures and findings shown.

``start`` is the first call of every notebook; ``show_table`` and ``show_figure`` put a named table or
captioned figure into the notebook's output, which is what the report is rendered from; ``say`` and
``note`` a sentence; ``findings`` the sentences that close a chapter (``newsreport.findings``). The HTML
of each is ``newsreport.blocks``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from newsreport import blocks
from newsreport.errors import InputError
from newsreport.params import PARAMS_FILE, Params, Paths, load_params, resolve_paths
from newsreport.plots import alt_text, save_figure


def start(namespace: Mapping[str, Any]) -> tuple[Params, Paths]:
    """Validate the notebook's parameters (over config/params.yaml) and resolve its paths.

    Called as ``notebook.start(globals())`` right after the cell tagged ``parameters``: every name
    of that cell that is a parameter (and ``project_root``, ``output_root``) is taken from it.
    """
    root = namespace.get("project_root", "..")
    if not (Path(root) / PARAMS_FILE).is_file():  # papermill started from the project folder, say
        raise InputError(f"project_root '{root}' (relative to {Path.cwd()}) holds no {PARAMS_FILE}: run the notebook "
                         "from notebooks/ (papermill --cwd notebooks ...) or give -p project_root with the project "
                         "folder")
    given = {name: namespace[name] for name in Params.model_fields if name in namespace}
    params = load_params(root, overrides=given)
    pd.set_option("display.max_colwidth", 80)
    return params, resolve_paths(params, root)


def show_table(table: pd.DataFrame, name: str, *, caption: str, **options: Any) -> HTML:
    """The table ``name`` as the report shows it (``blocks.table``: cut, captioned, its columns explained)."""
    return HTML(blocks.table(table, name=name, caption=caption, **options))


def show_figure(
    figure: Figure | None, name: str, *, caption: str, paths: Paths, dpi: int = 150, empty: str = "Nothing to plot.",
) -> HTML:
    """Save a figure (PNG + SVG) under figures/ and show it, vector, with its caption and its alt text: the
    sentence the figure was drawn with, read from its data (``plots.alt_text``).

    ``figure`` is None when there is nothing to draw: the report then says ``empty`` instead.
    """
    if figure is None:
        return note(empty)
    png, svg = save_figure(figure, name, paths.figures, dpi=dpi)
    return HTML(blocks.figure(svg.read_bytes(), name, caption=caption, alt=alt_text(figure) or caption,
                              files=f"figures/{png.name}, {svg.name}"))


def note(text: str) -> HTML:
    """A short highlighted note in the report (e.g. "no terms to show"); nothing when empty."""
    return HTML(blocks.note(text))


def say(text: str) -> HTML:
    """A sentence of reading computed from the data, shown as a paragraph (it may quote the corpus)."""
    return HTML(blocks.paragraph(text))


def findings(sentences: list[str]) -> HTML:
    """The findings that close a chapter; the report's summary collects them."""
    return HTML(blocks.findings(sentences))


def documents_shown(documents: pd.DataFrame, limit: int, *, how: str = "with most hits") -> str:
    """How a document-level figure or table selects its documents, for its caption."""
    if len(documents) <= limit:
        return f"all {len(documents):,} documents"
    return f"the {limit:,} of {len(documents):,} documents {how}"
