"""Figures: one function per figure, each DataFrame -> Figure, and one ``save_figure``.

Figures are built with ``matplotlib.figure.Figure`` (not pyplot) so that a notebook shows each
figure once, and saved deterministically (no timestamps) as PNG and SVG.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

matplotlib.rcParams.update({
    "font.family": "DejaVu Sans",  # bundled with matplotlib: Latin, accented and Arabic glyphs
    "svg.hashsalt": "newsreport",  # stable SVG ids, so the same figure gives the same file
    "svg.fonttype": "path",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
})

LANGUAGE_NAMES = {"en": "English", "fr": "French", "ar": "Arabic"}
LANGUAGE_COLOURS = {"en": "#1f77b4", "fr": "#d62728", "ar": "#2ca02c"}


def save_figure(figure: Figure, name: str, folder: Path, *, dpi: int = 150) -> list[Path]:
    """Write ``name``.png and ``name``.svg into ``folder``, without timestamps."""
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    figure.savefig(png, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    figure.savefig(svg, bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return [png, svg]


def documents_over_time(documents: pd.DataFrame) -> Figure:
    """Dated documents per year, stacked by language; every year of the span has a bar."""
    dated = documents.dropna(subset=["date"])
    figure = Figure(figsize=(7, 3.2), layout="constrained")
    ax = figure.add_subplot()
    if dated.empty:
        ax.text(0.5, 0.5, "No dated documents", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return figure
    years = dated["date"].dt.year
    counts = pd.crosstab(years, dated["language"]).reindex(
        range(years.min(), years.max() + 1), fill_value=0
    )
    bottom = pd.Series(0, index=counts.index)
    for language in sorted(counts.columns):
        ax.bar(counts.index, counts[language], bottom=bottom, width=0.7,
               label=LANGUAGE_NAMES.get(language, language),
               color=LANGUAGE_COLOURS.get(language))
        bottom += counts[language]
    ax.set_xticks(list(counts.index))
    ax.set_xlabel("Year of publication")
    ax.set_ylabel("Documents")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="Language", frameon=False)
    return figure
