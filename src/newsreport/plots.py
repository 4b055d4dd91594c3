"""Figures: one function per figure, each DataFrame -> Figure, and one ``save_figure``.

Figures are built with ``matplotlib.figure.Figure`` (not pyplot) so that a notebook shows each
figure once, and saved deterministically (no timestamps) as PNG and SVG.

Each figure comes with one sentence describing it from its data, for its ``<img alt>``: ``alt_text(figure)``,
or the companion ``alt_<function>`` called with the figure function's own arguments. Documents are named by
``document_labels`` (date, outlet, short title), the same labels a table can show.

Corpus text (terms, names, document titles) goes through ``display_text``, so Arabic is drawn joined and right
to left by whichever renderer draws it. Matplotlib lays it out itself; an SVG whose text is left as text
would leave that to the program showing it, and WeasyPrint (the PDF) draws SVG text letter by letter, in
logical order, without joining. A figure with right-to-left text is therefore saved with its text drawn as
glyph outlines (``save_figure``), the same in the PNG, the HTML and the PDF.
"""

from __future__ import annotations

import functools
import math
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import matplotlib
import matplotlib.dates as mdates
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from newsreport.bidi import FSI, PDI, has_rtl, mark
from newsreport.folding import is_arabic
from newsreport.groups import UNDATED, UNKNOWN
from newsreport.labels import LABEL_SEPARATOR, document_labels, in_date_order, plural, sentence_label
from newsreport.language import language_name
from newsreport.timeline import FREQ, Period, events_in_span, period_spans, span_label, thin_periods

matplotlib.rcParams.update({
    "font.family": "DejaVu Sans",  # bundled with matplotlib: Latin, accented and Arabic glyphs
    "svg.hashsalt": "newsreport",  # stable SVG ids, so the same figure gives the same file
    "svg.fonttype": "none",  # text stays text in SVG: small files, fast PDF, selectable words
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
})

LANGUAGE_COLOURS = {"en": "#1f77b4", "fr": "#d62728", "ar": "#2ca02c"}
ANNOTATED_COLUMNS = 20  # a heatmap with more columns has no room for numbers in its cells
LABEL_CHARACTERS = 28  # a longer bar label is wrapped onto lines of at most this many characters
FIGURE_LINE_CHARACTERS = 34  # a longer document label is drawn on two lines: date and outlet, then the title
ALT_ITEMS = 6  # items an alternative text names
BAR_COLOUR = "#1f77b4"
FIGURE_HEIGHT = 6.3  # inches: the tallest figure a page shows at its size (report.css: 165 mm)
THIN_BAR = {"facecolor": "white", "edgecolor": BAR_COLOUR, "hatch": "/////", "linewidth": 0.6}  # too few documents


def alt_text(figure: Figure | None) -> str:
    """The one-sentence description of a figure drawn by this module, read from its data (for ``<img alt>``);
    "" for no figure. Corpus text in it (terms, names, titles) is isolated with ``bidi.mark``."""
    return getattr(figure, "alt_text", "") if figure is not None else ""


def _described(describe: Callable[..., str]) -> Callable:
    """Give each figure the sentence ``describe`` (called with the figure function's own arguments) writes."""
    def decorate(draw: Callable[..., Figure | None]) -> Callable[..., Figure | None]:
        @functools.wraps(draw)
        def drawn(*args, **kwargs) -> Figure | None:
            figure = draw(*args, **kwargs)
            if figure is not None:
                figure.alt_text = describe(*args, **kwargs)
            return figure
        return drawn
    return decorate


def _listed(items: list[str], *, limit: int = ALT_ITEMS) -> str:
    """The first ``limit`` items joined by commas, with "…" when there are more."""
    return ", ".join(items[:limit]) + (", …" if len(items) > limit else "")


def _number(value: float) -> str:
    """A rate for a sentence: 25.1, 0.84, 12."""
    return f"{value:,.0f}" if value >= 100 or float(value).is_integer() else f"{value:.3g}"


def save_figure(figure: Figure, name: str, folder: Path, *, dpi: int = 150) -> list[Path]:
    """Write ``name``.png and ``name``.svg into ``folder``, without timestamps. The SVG keeps its text as text
    (small, selectable) unless the figure holds right-to-left text, which is drawn as glyph outlines."""
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    figure.savefig(png, dpi=dpi, bbox_inches="tight", metadata={"Software": None})  # draws: tick labels are set
    fonttype = "path" if has_rtl_text(figure) else matplotlib.rcParams["svg.fonttype"]
    with matplotlib.rc_context({"svg.fonttype": fonttype}):
        figure.savefig(svg, bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return [png, svg]


def has_rtl_text(figure: Figure) -> bool:
    """Whether any text of the (drawn) figure has a right-to-left letter."""
    return any(has_rtl(t.get_text()) for t in figure.findobj(Text) if t.get_visible())


def alt_documents_over_time(documents: pd.DataFrame) -> str:
    """"Stacked bar chart of 5 dated documents per year of publication, 2011–2019, by language (English 4,
    French 1): 2011 1, 2015 1, …; 0 undated documents are not shown.\""""
    dated = documents.dropna(subset=["date"])
    undated = len(documents) - len(dated)
    if dated.empty:
        return f"No dated document to chart; {undated:,} undated documents."
    years = dated["date"].dt.year.value_counts().sort_index()
    languages = dated["language"].value_counts().sort_index()
    by_language = ", ".join(f"{language_name(lang)} {n:,}" for lang, n in languages.items())
    span = span_label([str(years.index.min()), str(years.index.max())])
    return (f"Stacked bar chart of {len(dated):,} dated documents per year of publication, {span}, by language "
            f"({by_language}): {_listed([f'{y} {n:,}' for y, n in years.items()], limit=8)}"
            + (f"; {undated:,} undated {'document is' if undated == 1 else 'documents are'} not shown." if undated
               else "."))


@_described(alt_documents_over_time)
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
               label=language_name(language),
               color=LANGUAGE_COLOURS.get(language))
        bottom += counts[language]
    ax.set_xticks(list(counts.index))
    ax.set_xlabel("Year of publication")
    ax.set_ylabel("Documents")
    ax.yaxis.get_major_locator().set_params(integer=True)
    figure.legend(title="Language", frameon=False, loc="outside right upper")  # beside the bars, never on them
    return figure


def display_text(text: str, *, shapes_itself: bool | None = None) -> str:
    """Text as a renderer must receive it so that Arabic is drawn joined and right to left.

    Renderers built with libraqm (matplotlib 3.11's FreeType layer, Pillow with raqm) shape and
    order Arabic themselves; for one without it, arabic-reshaper and python-bidi do it beforehand.
    """
    if not any(map(is_arabic, text)):
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
    return (f"{language_name(language)}: {plural(len(subset), 'document')}, "
            f"{int(subset['n_tokens'].sum()):,} tokens")


def _terms_per_language(top: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    return [(language, top[top["language"] == language]) for language in sorted(top["language"].unique())]


def alt_top_terms_bars(top: pd.DataFrame, documents: pd.DataFrame) -> str:
    """"Bar chart of the 20 most frequent English terms: interpol 29, security 18, …; of the 20 most frequent
    French terms: …" (terms isolated with ``bidi.mark``)."""
    parts = [f"the {len(terms)} most frequent {language_name(language)} terms: "
             + _listed([f"{mark(t)} {int(c):,}" for t, c in zip(terms["term"], terms["count"], strict=True)])
             for language, terms in _terms_per_language(top)]
    return ("Bar chart of " + "; of ".join(parts) + ".") if parts else "No terms to chart."


@_described(alt_top_terms_bars)
def top_terms_bars(top: pd.DataFrame, documents: pd.DataFrame) -> Figure | None:
    """One panel per language: its most frequent terms, counts on separate axes (never ranked together)."""
    languages = sorted(top["language"].unique())
    if not languages:
        return None
    labels = {lang: [bar_label(t) for t in top.loc[top["language"] == lang, "term"].iloc[::-1]] for lang in languages}
    rows = max(len(labels[lang]) for lang in languages)
    lines = max(label.count("\n") + 1 for lang in languages for label in labels[lang])
    room = sum(max(map(label_width, labels[lang])) + 0.2 for lang in languages)  # each panel's widest label
    bars = 2.6 if len(languages) < 3 else 1.2  # inches of bars per panel: three panels must still fit a page
    # rows as close as their labels allow when many, so that the figure fits a page's height (165 mm) unscaled
    row = max(min(0.12 + 0.12 * lines, (FIGURE_HEIGHT - 1.2) / rows), 0.115 * lines + 0.03)
    figure = Figure(figsize=(room + bars * len(languages) + 0.3, row * rows + 1.2), layout="constrained")
    axes = figure.subplots(1, len(languages), squeeze=False)[0]
    for ax, language in zip(axes, languages, strict=True):
        subset = top[top["language"] == language].iloc[::-1]
        ax.barh(range(len(subset)), subset["count"], color=LANGUAGE_COLOURS.get(language, "#555"))
        ax.set_yticks(range(len(subset)), labels[language])
        ax.set_ylim(-0.6, len(subset) - 0.4)
        ax.set_title(_language_title(language, documents), fontsize=9)
        ax.set_xlabel("Occurrences")
        ax.tick_params(axis="y", labelsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
    return figure


def bar_label(term: str) -> str:
    """A term as a bar label: wrapped between words onto lines of at most ``LABEL_CHARACTERS`` characters,
    each line as the renderer must receive it (``display_text``)."""
    wrapped = textwrap.wrap(term, LABEL_CHARACTERS, break_long_words=False) or [term]
    return "\n".join(display_text(line) for line in wrapped)


def label_width(label: str, *, size: float = 8) -> float:
    """Width in inches of a (possibly multi-line) label at ``size`` points, as matplotlib lays it out."""
    prop = FontProperties(family=matplotlib.rcParams["font.family"], size=size)
    return max(text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0]
               for line in label.split("\n")) / 72


def alt_word_clouds(top: pd.DataFrame, documents: pd.DataFrame, *, random_state: int = 42) -> str:
    """"Word clouds of the 60 most frequent terms per language, each word sized by its count; the largest in
    English: interpol 29, …; in French: …\""""
    parts = [f"in {language_name(language)}: "
             + _listed([f"{mark(t)} {int(c):,}" for t, c in zip(terms["term"], terms["count"], strict=True)])
             for language, terms in _terms_per_language(top)]
    if not parts:
        return "No terms to draw."
    most = max(len(terms) for _, terms in _terms_per_language(top))
    return (f"Word clouds of the {most} most frequent terms per language, each word sized by its count; the largest "
            + "; ".join(parts) + ".")


@_described(alt_word_clouds)
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
            # Laid out at 700 x 400 and drawn at twice that: the same 1400 x 800 image, a fifth of the time.
            font_path=str(font), width=700, height=400, scale=2, background_color="white", random_state=random_state,
            min_font_size=6,
            prefer_horizontal=0.9, collocations=False, colormap="Dark2", relative_scaling=0.5,
        ).generate_from_frequencies(frequencies)
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_title(_language_title(language, documents), fontsize=9)
        ax.set_axis_off()
    return figure


def alt_timeline_small_multiples(
    timeline: pd.DataFrame, events: pd.DataFrame, *, entities: list[str], period: Period = "year", min_docs: int = 1
) -> str:
    """"Timeline of mentions per 1,000 tokens by year, 2011–2019, for INTERPOL (highest 25.1 in 2015, 10
    mentions), …; 5 events drawn as numbered dashed lines.\""""
    data = timeline[timeline["entity"].isin(entities)]
    if data.empty or not entities:
        return "No timeline to draw."
    periods = sorted(data["period"].astype(str).unique())
    parts = []
    for entity in entities:
        series = data[data["entity"] == entity]
        if series.empty or series["mentions"].sum() == 0:
            parts.append(f"{mark(entity)} (not mentioned)")
            continue
        peak = series.loc[series["per_1k"].idxmax()]
        parts.append(f"{mark(entity)} (highest {_number(peak['per_1k'])} in {peak['period']}, "
                     f"{plural(int(peak['mentions']), 'mention')})")
    shown = len(events_in_span(events, data, period=period))
    span = span_label(periods)
    thin = thin_periods(data, min_docs=min_docs)
    return (f"Timeline of mentions per 1,000 tokens by {period}, {span}, for {_listed(parts, limit=8)}; "
            + (f"{plural(shown, 'event')} drawn as numbered dashed lines" if shown else "no event falls in this span")
            + (f"; the bars of {_listed(thin)} (fewer than {plural(min_docs, 'document')}) are hatched, indicative"
               if thin else "") + ".")


@_described(alt_timeline_small_multiples)
def timeline_small_multiples(
    timeline: pd.DataFrame, events: pd.DataFrame, *, entities: list[str], period: Period = "year", min_docs: int = 1
) -> Figure | None:
    """One small panel per entity: mentions per 1,000 tokens of each period, the number of mentions above; the
    bar of a period of fewer than ``min_docs`` documents is hatched, its rate indicative only (the legend says so).

    Each period is drawn as a bar over the span it covers, from its first to its last day, so that order on the
    axis is order in time: an article of 3 December 2015 counts in the bar of 2015, which ends after an event of
    24 November 2015. Events in the timeline's span (``timeline.events_in_span``) are dashed lines at their
    dates, numbered in date order as ``timeline.describe_events(events, timeline=...)`` lists them; the others
    are not drawn. Every period from the first to the last has a tick at its middle and a label (grey: no
    document in that period, no bar); where labels cannot all fit they are turned upright, and only when even
    that is too narrow is every k-th period labelled (every period keeps its tick).
    """
    data = timeline[timeline["entity"].isin(entities)]
    if data.empty or not entities:
        return None
    spans = period_spans(data["period"].astype(str), period)
    freq = FREQ[period]
    first, last = (pd.Period(spans["period"].iloc[i], freq=freq) for i in (0, -1))
    every = pd.period_range(first, last, freq=freq)
    left = mdates.date2num(spans["start"])
    right = mdates.date2num(spans["end"] + pd.Timedelta(days=1))  # the bar ends where the period's last day ends
    middles = [mdates.date2num(p.start_time + (p.end_time - p.start_time) / 2) for p in every]
    names = [str(p) for p in every]
    with_documents = set(spans["period"])
    shown = events_in_span(events, data, period=period)
    columns = 2 if len(entities) > 1 else 1
    rows = -(-len(entities) // columns)
    panel = 7.2 / columns - 0.6  # inches of axis per panel
    figure = Figure(figsize=(7.2, 1.9 * rows + 0.6), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False, sharex=True).ravel()
    low, high = mdates.date2num(every[0].start_time), mdates.date2num(every[-1].end_time)
    pad = (high - low) * 0.02
    step, rotation = _tick_step(names, panel)
    thin = thin_periods(data, min_docs=min_docs)
    hatched = spans["period"].isin(thin).to_numpy()
    for ax, entity in zip(axes, entities, strict=False):
        series = data[data["entity"] == entity].assign(period=lambda d: d["period"].astype(str))
        series = series.set_index("period").reindex(spans["period"])
        rates = series["per_1k"].fillna(0.0).to_numpy()
        counts = series["mentions"].fillna(0).astype(int).to_numpy()
        ax.bar(left[~hatched], rates[~hatched], width=(right - left)[~hatched], align="edge", color=BAR_COLOUR,
               edgecolor="white", linewidth=0.6)
        ax.bar(left[hatched], rates[hatched], width=(right - left)[hatched], align="edge", **THIN_BAR)
        for x0, x1, rate, count in zip(left, right, rates, counts, strict=True):
            ax.annotate(compact(int(count)), ((x0 + x1) / 2, rate), textcoords="offset points", xytext=(0, 2),
                        ha="center", va="bottom", fontsize=7, zorder=4,  # over the event lines
                        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        for number, when in enumerate(shown["date"], start=1):
            x = mdates.date2num(when)
            ax.axvline(x, color="#d62728", linewidth=0.8, linestyle="--", alpha=0.8, zorder=3)
            ax.text(x, 1.0, str(number), transform=ax.get_xaxis_transform(), fontsize=6, color="#d62728",
                    ha="center", va="bottom")
        ax.set_title(display_text(entity), fontsize=9, loc="left", pad=9)
        peak = float(rates.max()) if len(rates) else 0.0
        ax.set_ylim(bottom=0, top=max(peak * 1.3, 1))
        ax.set_xlim(low - pad, high + pad)
        ax.set_xticks(middles, minor=True)
        ax.set_xticks(middles[::step], names[::step], rotation=rotation, ha="center")
        ax.tick_params(axis="x", which="minor", length=2)
        ax.tick_params(labelsize=7, labelbottom=True)
        ax.tick_params(axis="x", which="major", length=0 if step == 1 else 3.5)
        for label, name in zip(ax.get_xticklabels(), names[::step], strict=True):
            if name not in with_documents:
                label.set_color("#999")
    for ax in axes[len(entities):]:
        ax.set_axis_off()
    figure.supylabel("Mentions per 1,000 tokens", fontsize=8)
    drawn = [(Patch(color=BAR_COLOUR), f"{plural(min_docs, 'document')} or more")] if len(thin) < len(spans) else []
    if thin:
        drawn.append((Patch(**THIN_BAR), f"fewer than {plural(min_docs, 'document')}: indicative"))
    if min_docs > 1:
        figure.legend(*zip(*drawn, strict=True), loc="outside upper right", ncols=2, fontsize=7, frameon=False,
                      title=f"Documents of the {period}:", title_fontsize=7, alignment="right")
    return figure


def _tick_step(labels: list[str], width: float, *, size: float = 7) -> tuple[int, int]:
    """Every how many periods a label fits on an axis ``width`` inches wide, and at which rotation: every period
    level if they fit, else every period upright, else every k-th upright."""
    n = max(len(labels), 1)
    room = width / n  # inches from one period's middle to the next
    widest = max((label_width(label, size=size) for label in labels), default=0.0)
    if widest + 0.06 <= room:
        return 1, 0
    upright = size / 72 * 1.3  # an upright label's width: one line of text
    return max(1, math.ceil(upright / room)), 90


def compact(count: int) -> str:
    """A count short enough to label a point: 950, 9.5k, 95k, 1.2M."""
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        return f"{count / 1000:.1f}k" if count < 10_000 else f"{count / 1000:.0f}k"
    return f"{count / 1_000_000:.1f}M"


def heatmap(
    matrix: pd.DataFrame, *, label: str, annotations: pd.DataFrame | None = None,
    row_labels: list[str] | None = None,
) -> Figure:
    """A labelled matrix: rows and columns as given, values coloured, non-zero cells annotated when there is room.

    Labels are the index and columns (through ``display_text``), or ``row_labels`` drawn as given (already made
    for drawing, e.g. by ``figure_label``).
    """
    notes = matrix if annotations is None else annotations
    rows = row_labels if row_labels is not None else [display_text(str(i)) for i in matrix.index]
    columns = [display_text(str(c)) for c in matrix.columns]
    room = max((label_width(r, size=7) for r in rows), default=0.5)
    lines = max((r.count("\n") + 1 for r in rows), default=1)
    below = max((label_width(c, size=7) for c in columns), default=0.5) * 0.71  # labels turned 45 degrees
    width = min(max(4.0, room + 0.45 * len(matrix.columns) + 1.3), 7.2)
    figure = Figure(figsize=(width, (0.18 + 0.12 * lines) * len(matrix.index) + 0.9 + below), layout="constrained")
    ax = figure.add_subplot()
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(matrix.columns)), columns, rotation=45, ha="right", rotation_mode="anchor", fontsize=7)
    ax.set_yticks(range(len(matrix.index)), rows, fontsize=7)
    peak = values.max() if values.size and values.max() > 0 else 1
    if len(matrix.columns) <= ANNOTATED_COLUMNS:  # wider matrices leave no room for a number in a cell
        for row in range(values.shape[0]):
            for col in range(values.shape[1]):
                note = notes.iat[row, col]
                if note:
                    text = compact(int(note)) if float(note).is_integer() else f"{note:g}"
                    ax.text(col, row, text, ha="center", va="center", fontsize=6, in_layout=False,  # inside
                            color="white" if values[row, col] > peak / 2 else "black")
    bar = figure.colorbar(image, ax=ax, label=label, shrink=0.8)
    if (values % 1 == 0).all():  # counts: whole-number steps on the scale
        bar.locator = matplotlib.ticker.MaxNLocator(integer=True)
        bar.update_ticks()
    return figure


def figure_label(label: str) -> str:
    """A document label (``document_labels``) as a figure draws it: on two lines when long (date and outlet,
    then the title), and right-to-left pieces drawn in their own direction (``display_text``) without moving
    the date and outlet around them."""
    pieces = label.split(LABEL_SEPARATOR)
    drawn = [_drawn_piece(piece) for piece in pieces]
    if len(label) > FIGURE_LINE_CHARACTERS and len(pieces) > 1:
        return LABEL_SEPARATOR.join(drawn[:-1]) + "\n" + drawn[-1]
    return LABEL_SEPARATOR.join(drawn)


def _drawn_piece(piece: str) -> str:
    if not has_rtl(piece):
        return piece
    text, counter = re.fullmatch(r"(.*?)((?: \(\d+\))?)", piece, flags=re.S).groups()
    if _matplotlib_shapes_arabic():  # it lays out the isolated piece right to left, the rest left to right
        return FSI + text + PDI + counter
    return display_text(text, shapes_itself=False) + counter


def _labels_of(shown: pd.DataFrame, documents: pd.DataFrame, labels: pd.Series | None) -> pd.Series:
    """The labels of the documents shown, as the whole corpus numbers them (``labels``: ``document_labels`` of
    ``documents``, when the caller has them), so that a figure names a document as the tables do."""
    return (labels if labels is not None else document_labels(documents)).reindex(shown["doc_id"])


def _document_order(documents: pd.DataFrame, shown: list[str]) -> pd.DataFrame:
    return in_date_order(documents[documents["doc_id"].isin(shown)], documents)


def _entity_matrix(mentions: pd.DataFrame, documents: pd.DataFrame, entities: list[str], limit: int,
                   labels: pd.Series | None) -> tuple[pd.DataFrame, pd.Series]:
    """Documents (rows, in date order) by entities: mentions; and the documents' labels."""
    chosen = mentions[mentions["entity"].isin(entities)]
    order = _document_order(documents, _top_documents(chosen, "mentions", limit))
    matrix = (chosen.pivot_table(index="doc_id", columns="entity", values="mentions", aggfunc="sum", fill_value=0)
              .reindex(index=order["doc_id"], columns=entities, fill_value=0))
    return matrix, _labels_of(order, documents, labels)


def _largest_cells(matrix: pd.DataFrame, describe: Callable[[str, str, float], str], *, k: int = 3) -> str:
    """The ``k`` largest cells of a documents-by-columns matrix, each as ``describe(column, doc_id, value)``."""
    cells = matrix.stack()
    cells = cells[cells > 0]
    if cells.empty:
        return ""
    ranked = sorted(cells.items(), key=lambda item: (-item[1], str(item[0][0]), str(item[0][1])))[:k]
    return "; ".join(describe(column, doc, value) for (doc, column), value in ranked)


def alt_entity_heatmap(mentions: pd.DataFrame, documents: pd.DataFrame, *, entities: list[str], limit: int = 40,
                       labels: pd.Series | None = None) -> str:
    """"Heatmap of mentions of 20 entities in 5 documents; the largest: INTERPOL in 2015-12-03 · INTERPOL ·
    International… (12); …\""""
    if mentions.empty or not entities:
        return "No mentions to draw."
    matrix, labels = _entity_matrix(mentions, documents, entities, limit, labels)
    largest = _largest_cells(matrix, lambda entity, doc, n: (
        f"{mark(entity)} in {sentence_label(labels[doc])} ({int(n):,})"))
    return (f"Heatmap of mentions of {plural(len(entities), 'entity', 'entities')} in {plural(len(matrix), 'document')}"
            + (f"; the largest: {largest}." if largest else "; no mention."))


@_described(alt_entity_heatmap)
def entity_heatmap(
    mentions: pd.DataFrame, documents: pd.DataFrame, *, entities: list[str], limit: int = 40,
    labels: pd.Series | None = None,
) -> Figure | None:
    """Documents by entities: the number of mentions in each cell, documents in date order (undated last),
    each named by its date, outlet and title (``document_labels``).

    Of a larger corpus, the ``limit`` documents with most mentions of these entities are shown.
    """
    if mentions.empty or not entities:
        return None
    matrix, labels = _entity_matrix(mentions, documents, entities, limit, labels)
    return heatmap(matrix, label="Mentions", row_labels=[figure_label(label) for label in labels])


def _theme_matrices(scores: pd.DataFrame, documents: pd.DataFrame, limit: int, labels: pd.Series | None
                    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Documents (rows, in date order) by themes: hits per 1,000 tokens and hits; and the documents' labels."""
    order = _document_order(documents, _top_documents(scores, "hits", limit))
    rate = scores.pivot(index="doc_id", columns="theme", values="per_1k").reindex(index=order["doc_id"])
    hits = scores.pivot(index="doc_id", columns="theme", values="hits").reindex(index=order["doc_id"])
    return rate, hits, _labels_of(order, documents, labels)


def alt_theme_heatmap(scores: pd.DataFrame, documents: pd.DataFrame, *, limit: int = 40,
                      labels: pd.Series | None = None) -> str:
    """"Heatmap of theme hits per 1,000 tokens of 11 themes in 5 documents; the largest: Terrorism in … (12.5
    per 1,000 tokens, 5 hits); …\""""
    if scores.empty or scores["hits"].sum() == 0:
        return "No theme hits to draw."
    rate, hits, labels = _theme_matrices(scores, documents, limit, labels)
    largest = _largest_cells(rate, lambda theme, doc, r: (
        f"{mark(theme)} in {sentence_label(labels[doc])} ({_number(r)} per 1,000 tokens, "
        f"{plural(int(hits.loc[doc, theme]), 'hit')})"))
    return (f"Heatmap of theme hits per 1,000 tokens of {plural(len(rate.columns), 'theme')} in "
            f"{plural(len(rate), 'document')}; "
            f"the largest: {largest}.")


@_described(alt_theme_heatmap)
def theme_heatmap(scores: pd.DataFrame, documents: pd.DataFrame, *, limit: int = 40,
                  labels: pd.Series | None = None) -> Figure | None:
    """Documents by themes: hits per 1,000 tokens coloured, raw hits written in the cells; documents in date
    order (undated last), each named by its date, outlet and title (``document_labels``).

    Of a larger corpus, the ``limit`` documents with most theme hits are shown.
    """
    if scores.empty or scores["hits"].sum() == 0:
        return None
    rate, hits, labels = _theme_matrices(scores, documents, limit, labels)
    return heatmap(rate, label="Hits per 1,000 tokens", annotations=hits,
                   row_labels=[figure_label(label) for label in labels])


def _top_documents(table: pd.DataFrame, value: str, limit: int) -> list[str]:
    totals = table.groupby("doc_id")[value].sum().reset_index()
    totals = totals.assign(_neg=-totals[value]).sort_values(["_neg", "doc_id"], kind="mergesort")
    return totals["doc_id"].head(limit).tolist()


def _cooccurrence_matrix(cooccurrence: pd.DataFrame) -> pd.DataFrame:
    full = pd.concat([cooccurrence, cooccurrence.rename(columns={"theme_a": "theme_b", "theme_b": "theme_a"})])
    matrix = full.drop_duplicates(["theme_a", "theme_b"]).pivot(index="theme_a", columns="theme_b", values="docs")
    return matrix.fillna(0).astype(int)


def alt_theme_cooccurrence(cooccurrence: pd.DataFrame) -> str:
    """"Heatmap of 11 themes by 11 themes: the documents in which both have hits; most often together:
    Terrorism and Border integrity (5 documents), …\""""
    if cooccurrence.empty or cooccurrence["docs"].sum() == 0:
        return "No theme hits to draw."
    matrix = _cooccurrence_matrix(cooccurrence)
    pairs = cooccurrence[(cooccurrence["theme_a"] != cooccurrence["theme_b"]) & (cooccurrence["docs"] > 0)]
    pairs = pairs.assign(_neg=-pairs["docs"]).sort_values(["_neg", "theme_a", "theme_b"], kind="mergesort")
    together = _listed([f"{mark(a)} and {mark(b)} ({plural(n, 'document')})"
                        for a, b, n in pairs[["theme_a", "theme_b", "docs"]].itertuples(index=False)], limit=3)
    alone = cooccurrence[cooccurrence["theme_a"] == cooccurrence["theme_b"]]
    alone = alone.assign(_neg=-alone["docs"]).sort_values(["_neg", "theme_a"], kind="mergesort")
    single = _listed([f"{mark(a)} ({n:,})" for a, n in alone[["theme_a", "docs"]].itertuples(index=False)], limit=3)
    return (f"Heatmap of {len(matrix)} themes by {len(matrix.columns)} themes: the number of documents in which "
            f"both have hits; most often together: {together or 'no two themes'}; on the diagonal, documents with "
            f"each theme: {single}.")


@_described(alt_theme_cooccurrence)
def theme_cooccurrence(cooccurrence: pd.DataFrame) -> Figure | None:
    """Themes by themes: in how many documents both have hits (the diagonal: documents with the theme)."""
    if cooccurrence.empty or cooccurrence["docs"].sum() == 0:
        return None
    return heatmap(_cooccurrence_matrix(cooccurrence), label="Documents")


MISSING_GROUPS = (UNDATED, UNKNOWN)  # groups without a value: never placed on a time (or value) axis


def group_positions(names: list[str]) -> tuple[dict[str, float], float | None]:
    """Where each group goes on the x axis, and where the groups without a value start (None when there are none).

    Groups that are all years are placed by year (a time axis: 2011 and 2015 four units apart), other groups
    one after the other in sorted order; "undated" and "unknown" come after a gap, past a separator, never at
    a place of the time axis.
    """
    regular = [n for n in names if n not in MISSING_GROUPS]
    missing = [n for n in MISSING_GROUPS if n in names]
    years = bool(regular) and all(re.fullmatch(r"\d{4}", n) for n in regular)
    ordered = sorted(regular, key=int) if years else sorted(regular)
    positions = {n: float(n) if years else float(i) for i, n in enumerate(ordered)}
    if not missing:
        return positions, None
    last = max(positions.values(), default=-1.5)
    positions |= {n: last + 1.5 + i for i, n in enumerate(missing)}
    return positions, (last + 0.75 if regular else None)


def _group_table(intervals: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    sizes = groups.drop_duplicates("group").set_index("group")
    return intervals.assign(indicative=intervals["group"].map(sizes["indicative"]).fillna(True).astype(bool),
                            docs=intervals["group"].map(sizes["docs"]))


def alt_theme_shares_by_group(
    intervals: pd.DataFrame, groups: pd.DataFrame, *, min_docs: int | None = None, ci: float | None = None
) -> str:
    """"Dot chart of each theme's share of the theme hits of 6 groups (2011, 2015, …), one panel per theme; the
    largest shares: Terrorism in 2018 28% (95% interval 21–41%), …\""""
    if intervals.empty:
        return "No group has theme hits."
    table = _group_table(intervals, groups)
    if table["indicative"].all():
        return "No group has enough documents to compare; no chart."
    positions, _ = group_positions(sorted(table["group"].unique()))
    names = sorted(positions, key=positions.get)
    ranked = table.assign(_neg=-table["share"]).sort_values(["_neg", "group", "theme"], kind="mergesort")
    level = f"{ci:.0%} interval" if ci else "interval"
    parts = []
    for group, theme, share, low, high, indicative in ranked[
            ["group", "theme", "share", "low", "high", "indicative"]].head(5).itertuples(index=False):
        spread = f" ({level} {low:.0%}–{high:.0%})" if pd.notna(low) and pd.notna(high) else " (no interval)"
        parts.append(f"{mark(theme)} in {mark(group)} {share:.0%}{spread}" + (", indicative" if indicative else ""))
    return (f"Dot chart of each theme's share of the theme hits of {plural(len(names), 'group')} "
            f"({_listed(names, limit=8)}), one panel per theme; the largest shares: {'; '.join(parts)}.")


@_described(alt_theme_shares_by_group)
def theme_shares_by_group(
    intervals: pd.DataFrame, groups: pd.DataFrame, *, min_docs: int | None = None, ci: float | None = None
) -> Figure | None:
    """Small multiples, one panel per theme: each group's share of the theme hits with its bootstrap interval,
    on one scale for all panels; groups of at least ``min_docs`` documents filled, indicative groups hollow.

    None when no group has enough documents (every group indicative): there is nothing to compare, and the
    table of documents by theme (``themes.hits_by_document``) is the thing to show. A group without an interval
    (``themes.bootstrap_shares``: fewer than three documents) is a point alone. Year groups stand on a time axis;
    "undated" and "unknown" stand apart, after a gap and a separator, on a grey ground. The legend shows only
    the marker styles and intervals the figure draws (``min_docs`` and ``ci`` only word it).
    """
    if intervals.empty:
        return None
    table = _group_table(intervals, groups)
    if table["indicative"].all():
        return None
    themes = sorted(table["theme"].unique())
    positions, separator = group_positions(sorted(table["group"].unique()))
    names = sorted(positions, key=positions.get)
    x = [positions[n] for n in names]
    columns = 3 if len(themes) > 4 else len(themes)
    rows = -(-len(themes) // columns)
    figure = Figure(figsize=(7.2, 1.6 * rows + 0.6), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False, sharex=True, sharey=True).ravel()
    labels = [display_text(str(n)) for n in names]
    span = max(x) - min(x) + 1.4
    room = (7.2 / columns - 0.5) / span * min((b - a for a, b in zip(x, x[1:], strict=False)), default=span)
    rotate = max((label_width(label, size=7) for label in labels), default=0) + 0.05 > room
    drawn = {"filled": False, "hollow": False, "interval": False}
    for ax, theme in zip(axes, themes, strict=False):
        data = table[table["theme"] == theme].set_index("group").reindex(names)
        has = data["low"].notna() & data["high"].notna()
        if has.any():
            chosen = data[has]
            ax.errorbar([positions[g] for g in chosen.index], chosen["share"],
                        yerr=[chosen["share"] - chosen["low"], chosen["high"] - chosen["share"]],
                        fmt="none", ecolor="#555", elinewidth=0.8, capsize=2)
            drawn["interval"] = True
        for kind, face in (("filled", BAR_COLOUR), ("hollow", "white")):
            chosen = data[data["indicative"] == (kind == "hollow")]
            if not chosen.empty:
                ax.plot([positions[g] for g in chosen.index], chosen["share"], "o", markersize=4, color=BAR_COLOUR,
                        markerfacecolor=face, zorder=3)
                drawn[kind] = True
        if separator is not None:
            ax.axvline(separator, color="#999", linewidth=0.8, linestyle=":")
            ax.axvspan(separator, max(x) + 0.7, color="#f0f0f0", zorder=0)
        ax.set_title(display_text(textwrap.shorten(theme, 40, placeholder="…")), fontsize=7.5, loc="left")
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", linewidth=0.3, color="#ccc")
        ax.set_xlim(min(x) - 0.7, max(x) + 0.7)
    for ax in axes[len(themes):]:
        ax.set_axis_off()
    for ax in axes[: len(themes)]:
        ax.set_xticks(x, labels, rotation=45 if rotate else 0, ha="right" if rotate else "center",
                      rotation_mode="anchor" if rotate else "default")
        ax.tick_params(labelbottom=True)
    axes[0].yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    axes[0].set_ylim(bottom=0)
    figure.supylabel("Share of the group's theme hits", fontsize=8)
    marker = {"marker": "o", "linestyle": "none", "markersize": 4, "color": BAR_COLOUR}
    enough = f"group of {min_docs} documents or more" if min_docs else "group with enough documents"
    few = f"indicative group (fewer than {min_docs} documents)" if min_docs else "indicative group (few documents)"
    entries = [
        ("filled", Line2D([], [], markerfacecolor=BAR_COLOUR, **marker), enough),
        ("hollow", Line2D([], [], markerfacecolor="white", **marker), few),
        ("interval", Line2D([], [], color="#555", linewidth=0.8),
         f"{ci:.0%} bootstrap interval" if ci else "bootstrap interval"),
    ]
    shown = [(handle, text) for kind, handle, text in entries if drawn[kind]]
    figure.legend([h for h, _ in shown], [t for _, t in shown], loc="outside lower center", ncols=len(shown),
                  fontsize=7, frameon=False)
    return figure


def alt_country_mentions(totals: pd.DataFrame) -> str:
    """"Bar chart of mentions of the 28 countries of the lexicon: Tunisia 12, Iraq 9, …; 20 are never
    mentioned: Bahrain, …\""""
    if totals.empty:
        return "No country to chart."
    named = totals[totals["mentions"] > 0]
    absent = totals.loc[totals["mentions"] == 0, "entity"].tolist()
    listed = _listed([f"{mark(e)} {m:,}" for e, m in named[["entity", "mentions"]].itertuples(index=False)], limit=8)
    return (f"Bar chart of mentions of the {len(totals)} countries of the lexicon: {listed or 'none is mentioned'}"
            + (f"; {len(absent)} are never mentioned: {_listed(list(map(mark, absent)), limit=8)}" if absent else "")
            + ".")


@_described(alt_country_mentions)
def country_mentions(totals: pd.DataFrame) -> Figure | None:
    """Mentions of every country of the lexicon (``mentions.country_totals``), most mentioned at the top, as
    horizontal bars; a country never mentioned keeps its row, its name in grey and its 0 written, so a reader
    sees who is absent."""
    if totals.empty:
        return None
    data = totals.iloc[::-1]
    y = range(len(data))
    figure = Figure(figsize=(5.2, 0.19 * len(data) + 0.9), layout="constrained")
    ax = figure.add_subplot()
    ax.barh(y, data["mentions"], color=BAR_COLOUR, height=0.7)
    peak = max(int(data["mentions"].max()), 1)
    for yi, count in zip(y, data["mentions"], strict=True):
        ax.text(count + peak * 0.01, yi, f"{int(count):,}", va="center", ha="left", fontsize=7,
                color="black" if count else "#777")
    ax.set_yticks(list(y), [display_text(str(e)) for e in data["entity"]], fontsize=7)
    for label, count in zip(ax.get_yticklabels(), data["mentions"], strict=True):
        if not count:
            label.set_color("#777")
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlim(0, peak * 1.12)
    ax.set_xlabel("Mentions")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="x", labelsize=7)
    return figure
