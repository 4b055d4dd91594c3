"""Figures: one function per figure, each DataFrame -> Figure, and one ``save_figure``.

Figures are built with ``matplotlib.figure.Figure`` (not pyplot) so that a notebook shows each
figure once, and saved deterministically (no timestamps) as PNG and SVG.

Corpus text (terms, names, document ids) goes through ``display_text``, so Arabic is drawn joined and right
to left by whichever renderer draws it. Matplotlib lays it out itself; an SVG whose text is left as text
would leave that to the program showing it, and WeasyPrint (the PDF) draws SVG text letter by letter, in
logical order, without joining. A figure with right-to-left text is therefore saved with its text drawn as
glyph outlines (``save_figure``), the same in the PNG, the HTML and the PDF.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import matplotlib.dates as mdates
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from newsreport.bidi import has_rtl

matplotlib.rcParams.update({
    "font.family": "DejaVu Sans",  # bundled with matplotlib: Latin, accented and Arabic glyphs
    "svg.hashsalt": "newsreport",  # stable SVG ids, so the same figure gives the same file
    "svg.fonttype": "none",  # text stays text in SVG: small files, fast PDF, selectable words
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
})

LANGUAGE_NAMES = {"en": "English", "fr": "French", "ar": "Arabic"}
LANGUAGE_COLOURS = {"en": "#1f77b4", "fr": "#d62728", "ar": "#2ca02c"}
ANNOTATED_COLUMNS = 20  # a heatmap with more columns has no room for numbers in its cells
LABEL_CHARACTERS = 28  # a longer bar label is wrapped onto lines of at most this many characters


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
    figure.legend(title="Language", frameon=False, loc="outside right upper")  # beside the bars, never on them
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
    labels = {lang: [bar_label(t) for t in top.loc[top["language"] == lang, "term"].iloc[::-1]] for lang in languages}
    rows = max(len(labels[lang]) for lang in languages)
    lines = max(label.count("\n") + 1 for lang in languages for label in labels[lang])
    room = sum(max(map(label_width, labels[lang])) + 0.2 for lang in languages)  # each panel's widest label
    figure = Figure(figsize=(room + 2.6 * len(languages) + 0.3, (0.12 + 0.12 * lines) * rows + 1.2),
                    layout="constrained")  # and 2.6 inches of bars per panel
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


def timeline_small_multiples(
    timeline: pd.DataFrame, events: pd.DataFrame, *, entities: list[str], period: str = "year"
) -> Figure | None:
    """One small panel per entity: mentions per 1,000 tokens over time, events as numbered lines."""
    data = timeline[timeline["entity"].isin(entities)]
    if data.empty or not entities:
        return None
    spans = pd.PeriodIndex(sorted(data["period"].unique()), freq={"year": "Y", "quarter": "Q", "month": "M"}[period])
    middle = {str(p): p.start_time + (p.end_time - p.start_time) / 2 for p in spans}
    lo, hi = min(middle.values()), max(middle.values())
    shown = events[(events["date"] >= lo - pd.Timedelta(days=400)) & (events["date"] <= hi + pd.Timedelta(days=400))]
    columns = 2 if len(entities) > 1 else 1
    rows = -(-len(entities) // columns)
    figure = Figure(figsize=(7.2, 1.9 * rows + 0.6), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False, sharex=True).ravel()
    for ax, entity in zip(axes, entities, strict=False):
        series = data[data["entity"] == entity]
        x = [middle[p] for p in series["period"]]
        ax.vlines(x, 0, series["per_1k"], color="#1f77b4", linewidth=1.6)  # stems: no line across gaps
        ax.plot(x, series["per_1k"], "o", color="#1f77b4", markersize=4)
        for xi, rate, count in zip(x, series["per_1k"], series["mentions"], strict=True):
            ax.annotate(compact(count), (xi, rate), textcoords="offset points", xytext=(0, 4), ha="center",
                        fontsize=7)
        for number, when in enumerate(shown["date"], start=1):
            ax.axvline(when, color="#d62728", linewidth=0.8, linestyle="--", alpha=0.7)
            ax.text(when, 1.0, str(number), transform=ax.get_xaxis_transform(), fontsize=6, color="#d62728",
                    ha="center", va="bottom")
        ax.set_title(display_text(entity), fontsize=9, loc="left", pad=9)
        peak = float(series["per_1k"].max()) if not series.empty else 0.0
        ax.set_ylim(bottom=0, top=max(peak * 1.3, 1))
        ax.tick_params(labelsize=7, labelbottom=True)
        years = max(1, (hi.year - lo.year + 2) // 8)
        ax.xaxis.set_major_locator(mdates.YearLocator(years))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    for ax in axes[len(entities):]:
        ax.set_axis_off()
    figure.supylabel("Mentions per 1,000 tokens", fontsize=8)
    return figure


def compact(count: int) -> str:
    """A count short enough to label a point: 950, 9.5k, 95k, 1.2M."""
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        return f"{count / 1000:.1f}k" if count < 10_000 else f"{count / 1000:.0f}k"
    return f"{count / 1_000_000:.1f}M"


def heatmap(matrix: pd.DataFrame, *, label: str, annotations: pd.DataFrame | None = None) -> Figure:
    """A labelled matrix: rows and columns as given, values coloured, non-zero cells annotated when there is room."""
    notes = matrix if annotations is None else annotations
    width = min(max(4.0, 0.7 * len(matrix.columns) + 2.8), 7.2)
    figure = Figure(figsize=(width, 0.3 * len(matrix.index) + 1.6), layout="constrained")
    ax = figure.add_subplot()
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(matrix.columns)), [display_text(str(c)) for c in matrix.columns], rotation=45,
                  ha="right", fontsize=7)
    ax.set_yticks(range(len(matrix.index)), [display_text(str(i)) for i in matrix.index], fontsize=7)
    peak = values.max() if values.size and values.max() > 0 else 1
    if len(matrix.columns) <= ANNOTATED_COLUMNS:  # wider matrices leave no room for a number in a cell
        for row in range(values.shape[0]):
            for col in range(values.shape[1]):
                note = notes.iat[row, col]
                if note:
                    text = compact(int(note)) if float(note).is_integer() else f"{note:g}"
                    ax.text(col, row, text, ha="center", va="center", fontsize=6,
                            color="white" if values[row, col] > peak / 2 else "black")
    figure.colorbar(image, ax=ax, label=label, shrink=0.8)
    return figure


def document_labels(documents: pd.DataFrame) -> pd.Series:
    """Short labels for documents on an axis: the shortest id prefix (of at least three characters)
    that tells them apart, and the year."""
    ids = documents["doc_id"].astype(str).tolist()
    width = next((n for n in range(3, max(map(len, ids), default=3) + 1) if len({d[:n] for d in ids}) == len(ids)),
                 max(map(len, ids), default=3))
    return pd.Series(
        [f"{d[:width]} ({pd.Timestamp(t):%Y})" if pd.notna(t) else f"{d[:width]} (undated)"
         for d, t in zip(ids, documents["date"], strict=True)],
        index=documents["doc_id"].to_numpy(),
    )


def entity_heatmap(
    mentions: pd.DataFrame, documents: pd.DataFrame, *, entities: list[str], limit: int = 40
) -> Figure | None:
    """Entities by document: the number of mentions in each cell, documents in date order.

    Of a larger corpus, the ``limit`` documents with most mentions of these entities are shown.
    """
    if mentions.empty or not entities:
        return None
    shown = _top_documents(mentions[mentions["entity"].isin(entities)], "mentions", limit)
    order = documents[documents["doc_id"].isin(shown)].sort_values(["date", "doc_id"], kind="mergesort",
                                                                   na_position="last")
    matrix = (
        mentions[mentions["entity"].isin(entities)]
        .pivot_table(index="entity", columns="doc_id", values="mentions", aggfunc="sum", fill_value=0)
        .reindex(index=entities, columns=order["doc_id"], fill_value=0)
    )
    matrix.columns = document_labels(order).to_numpy()
    return heatmap(matrix, label="Mentions")


def theme_heatmap(scores: pd.DataFrame, documents: pd.DataFrame, *, limit: int = 40) -> Figure | None:
    """Documents by theme: hits per 1,000 tokens coloured, raw hits written in the cells.

    Of a larger corpus, the ``limit`` documents with most theme hits are shown.
    """
    if scores.empty or scores["hits"].sum() == 0:
        return None
    shown = _top_documents(scores, "hits", limit)
    order = documents[documents["doc_id"].isin(shown)].sort_values(["date", "doc_id"], kind="mergesort",
                                                                   na_position="last")
    rate = scores.pivot(index="theme", columns="doc_id", values="per_1k").reindex(columns=order["doc_id"])
    hits = scores.pivot(index="theme", columns="doc_id", values="hits").reindex(columns=order["doc_id"])
    rate.columns = hits.columns = document_labels(order).to_numpy()
    return heatmap(rate, label="Hits per 1,000 tokens", annotations=hits)


def _top_documents(table: pd.DataFrame, value: str, limit: int) -> list[str]:
    totals = table.groupby("doc_id")[value].sum().reset_index()
    totals = totals.assign(_neg=-totals[value]).sort_values(["_neg", "doc_id"], kind="mergesort")
    return totals["doc_id"].head(limit).tolist()


def theme_cooccurrence(cooccurrence: pd.DataFrame) -> Figure | None:
    """Themes by themes: in how many documents both have hits (the diagonal: documents with the theme)."""
    if cooccurrence.empty or cooccurrence["docs"].sum() == 0:
        return None
    full = pd.concat([cooccurrence, cooccurrence.rename(columns={"theme_a": "theme_b", "theme_b": "theme_a"})])
    matrix = full.drop_duplicates(["theme_a", "theme_b"]).pivot(index="theme_a", columns="theme_b", values="docs")
    return heatmap(matrix.fillna(0).astype(int), label="Documents")


def theme_shares_by_group(intervals: pd.DataFrame, groups: pd.DataFrame) -> Figure | None:
    """Small multiples, one panel per theme: each group's share of the theme hits with its bootstrap
    interval, on one scale for all panels; indicative groups drawn hollow."""
    if intervals.empty:
        return None
    themes = sorted(intervals["theme"].unique())
    names = sorted(intervals["group"].unique())
    indicative = groups.drop_duplicates("group").set_index("group")["indicative"]
    columns = 3 if len(themes) > 4 else len(themes)
    rows = -(-len(themes) // columns)
    figure = Figure(figsize=(7.2, 1.55 * rows + 0.5), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False, sharex=True, sharey=True).ravel()
    x = range(len(names))
    for ax, theme in zip(axes, themes, strict=False):
        data = intervals[intervals["theme"] == theme].set_index("group").reindex(names)
        ax.errorbar(x, data["share"], yerr=[data["share"] - data["low"], data["high"] - data["share"]],
                    fmt="none", ecolor="#555", elinewidth=0.8, capsize=2)
        hollow = [bool(indicative.get(g, False)) for g in names]
        for filled in (True, False):
            chosen = [i for i in x if hollow[i] != filled]
            ax.plot(chosen, data["share"].iloc[chosen], "o", markersize=4, color="#1f77b4",
                    markerfacecolor="#1f77b4" if filled else "white")
        ax.set_title(display_text(textwrap.shorten(theme, 40, placeholder="…")), fontsize=7.5, loc="left")
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", linewidth=0.3, color="#ccc")
    for ax in axes[len(themes):]:
        ax.set_axis_off()
    labels = [display_text(str(g)) for g in names]
    rotate = len(names) > 4 or max(map(len, labels), default=0) > 8
    for ax in axes[: len(themes)]:
        ax.set_xticks(list(x), labels, rotation=45 if rotate else 0, ha="right" if rotate else "center")
        ax.tick_params(labelbottom=True)
    axes[0].yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    axes[0].set_ylim(bottom=0)
    figure.supylabel("Share of the group's theme hits", fontsize=8)
    if any(indicative.get(g, False) for g in names):
        marker = {"marker": "o", "linestyle": "none", "markersize": 4, "color": "#1f77b4"}
        figure.legend([Line2D([], [], **marker), Line2D([], [], markerfacecolor="white", **marker)],
                      ["group with enough documents", "indicative group (few documents)"],
                      loc="outside lower center", ncols=2, fontsize=7, frameon=False)
    return figure
