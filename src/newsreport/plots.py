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


def display_text(text: str, *, shapes_itself: bool | None = None) -> str:
    """Text as a renderer must receive it so that Arabic is drawn joined and right to left.

    Renderers built with libraqm (matplotlib 3.11's FreeType layer, Pillow with raqm) shape and
    order Arabic themselves; for one without it, arabic-reshaper and python-bidi do it beforehand.
    """
    if not any("\u0600" <= ch <= "\u06ff" for ch in text):
        return text
    if shapes_itself is None:
        shapes_itself = _matplotlib_shapes_arabic()
    if shapes_itself:
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


def _matplotlib_shapes_arabic() -> bool:
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", ""))


def _pillow_shapes_arabic() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def _language_title(language: str, documents: pd.DataFrame) -> str:
    subset = documents[documents["language"] == language]
    return (f"{LANGUAGE_NAMES.get(language, language)}: {len(subset)} documents, "
            f"{int(subset['n_tokens'].sum()):,} tokens")


def top_terms_bars(top: pd.DataFrame, documents: pd.DataFrame) -> Figure | None:
    """One panel per language: its most frequent terms, counts on separate axes (never ranked together)."""
    languages = sorted(top["language"].unique())
    if not languages:
        return None
    rows = max(len(top[top["language"] == lang]) for lang in languages)
    figure = Figure(figsize=(3.6 * len(languages) + 0.8, 0.24 * rows + 1.2), layout="constrained")
    axes = figure.subplots(1, len(languages), squeeze=False)[0]
    for ax, language in zip(axes, languages, strict=True):
        subset = top[top["language"] == language].iloc[::-1]
        ax.barh([display_text(t) for t in subset["term"]], subset["count"],
                color=LANGUAGE_COLOURS.get(language, "#555"))
        ax.set_title(_language_title(language, documents), fontsize=9)
        ax.set_xlabel("Occurrences")
        ax.tick_params(axis="y", labelsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
    return figure


def word_clouds(top: pd.DataFrame, documents: pd.DataFrame, *, random_state: int = 42) -> Figure | None:
    """One word cloud per language, sized by exactly the counts of ``top`` (no tokeniser of its own)."""
    from wordcloud import WordCloud

    languages = sorted(top["language"].unique())
    if not languages:
        return None
    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    figure = Figure(figsize=(7, 4.4 * len(languages)), layout="constrained")
    axes = figure.subplots(len(languages), 1, squeeze=False)[:, 0]
    for ax, language in zip(axes, languages, strict=True):
        subset = top[top["language"] == language]
        shaped = _pillow_shapes_arabic()
        frequencies = {
            display_text(t, shapes_itself=shaped): int(c) for t, c in zip(subset["term"], subset["count"], strict=True)
        }
        cloud = WordCloud(
            font_path=str(font), width=1400, height=800, background_color="white", random_state=random_state,
            min_font_size=12,
            prefer_horizontal=0.9, collocations=False, colormap="Dark2", relative_scaling=0.5,
        ).generate_from_frequencies(frequencies)
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_title(_language_title(language, documents), fontsize=9)
        ax.set_axis_off()
    return figure
