import hashlib

import pandas as pd

from newsreport.bidi import FSI, PDI, unmark
from newsreport.plots import (
    alt_text,
    display_text,
    documents_over_time,
    save_figure,
    top_terms_bars,
    word_clouds,
)

TOP = pd.DataFrame({
    "term": ["interpol", "sécurité", "الإرهاب", "الأمم المتحدة"],
    "language": ["en", "fr", "ar", "ar"],
    "count": [5, 3, 4, 2],
})
DOCS = pd.DataFrame({"language": ["en", "fr", "ar"], "n_tokens": [100, 50, 40],
                     "date": pd.to_datetime(["2015-01-01", "2018-01-01", None])})


def test_word_clouds_are_deterministic(tmp_path):
    digests = []
    for run in ("a", "b"):
        save_figure(word_clouds(TOP, DOCS, random_state=7), "cloud", tmp_path / run)
        digests.append(hashlib.sha256((tmp_path / run / "cloud.png").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_word_clouds_one_panel_per_language_and_none_when_empty():
    figure = word_clouds(TOP, DOCS)
    assert [ax.get_title().split(":")[0] for ax in figure.axes] == ["Arabic", "English", "French"]
    assert word_clouds(TOP.iloc[0:0], DOCS) is None
    assert top_terms_bars(TOP.iloc[0:0], DOCS) is None


def test_bars_keep_languages_on_separate_axes():
    figure = top_terms_bars(TOP, DOCS)
    assert len(figure.axes) == 3
    assert [t.get_text() for t in figure.axes[2].get_yticklabels()] == ["sécurité"]
    assert figure.get_figwidth() < 7  # three panels fit a page's width: their labels of 8 pt are printed at 8 pt


def test_arabic_is_shaped_for_renderers_without_layout_engine():
    assert display_text("interpol", shapes_itself=False) == "interpol"
    shaped = display_text("الإرهاب", shapes_itself=False)
    assert shaped != "الإرهاب" and all("\ufe70" <= ch <= "\ufeff" for ch in shaped)  # presentation forms
    assert display_text("الإرهاب", shapes_itself=True) == "الإرهاب"


def test_documents_over_time_counts_dated_documents_per_year(tmp_path):
    figure = documents_over_time(DOCS)
    heights = sorted(p.get_height() for p in figure.axes[0].patches if p.get_height() > 0)
    assert heights == [1, 1]
    first = save_figure(figure, "t", tmp_path)[1].read_bytes()
    assert save_figure(documents_over_time(DOCS), "u", tmp_path)[1].read_bytes() == first


def test_document_labels_are_date_outlet_and_title_unique_and_counts_stay_short():
    from newsreport.labels import document_labels
    from newsreport.plots import compact

    documents = pd.DataFrame({
        "doc_id": ["000_f2c0ef", "a", "b", "c", "d", "e"],
        "date": pd.to_datetime(["2015-12-03", None, "2016-03-12", "2016-03-12", "2016-03-12", "2018-12-12"]),
        "outlet": ["INTERPOL (news release)", "Eurasia Review, republishing Magharebia", None, None, "", None],
        "title": ["International security focus of INTERPOL Chief’s visit to Tunisia", "Interpol Advocates",
                  "Police chiefs meet", "Police chiefs meet", None, "الإنتربول يعزز التعاون الأمني مع الدول العربية"],
    })
    labels = document_labels(documents)
    assert labels.index.tolist() == documents["doc_id"].tolist()  # doc_id -> label, for figures and tables
    assert labels.tolist() == [
        "2015-12-03 · INTERPOL · International security focus of…",  # shortened between words
        "undated · Eurasia Review · Interpol Advocates",
        "2016-03-12 · Police chiefs meet (1)",  # the same label twice: numbered
        "2016-03-12 · Police chiefs meet (2)",
        "2016-03-12 · d",  # no title: its id; no outlet: left out
        "2018-12-12 · الإنتربول يعزز التعاون الأمني مع الدول العربية",
    ]
    assert labels.is_unique and all(len(label) <= 64 for label in labels)
    assert [compact(n) for n in (950, 9_499, 93_870, 1_250_000)] == ["950", "9.5k", "94k", "1.2M"]


def test_document_tables_follow_the_figures_date_order_undated_last():
    from newsreport.labels import in_date_order

    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2019-01-01", None, "2011-05-02"])})
    table = pd.DataFrame({"doc_id": ["a", "b", "c", "c"], "terms": ["x", "y", "z1", "z2"]})
    assert in_date_order(table, documents)["terms"].tolist() == ["z1", "z2", "x", "y"]


def test_figures_draw_document_labels_on_two_lines_with_arabic_titles_in_their_own_direction():
    from newsreport.plots import _drawn_piece, figure_label

    assert figure_label("2016-03-12 · Police chiefs meet") == "2016-03-12 · Police chiefs meet"
    assert figure_label("2015-12-03 · INTERPOL · International security focus of…") == (
        "2015-12-03 · INTERPOL\nInternational security focus of…")
    title = "الإنتربول يعزز التعاون الأمني"
    drawn = figure_label(f"2018-12-12 · {title} (2)")  # the date first, the title isolated, the counter last
    shaped = display_text(title, shapes_itself=False)  # for a matplotlib without libraqm
    assert drawn in {f"2018-12-12\n{FSI}{title}{PDI} (2)", f"2018-12-12\n{shaped} (2)"}
    assert _drawn_piece("Police") == "Police"


def test_heatmaps_name_documents_by_their_labels_in_date_order():
    from newsreport.plots import alt_text, entity_heatmap, theme_heatmap

    documents = pd.DataFrame({"doc_id": ["x", "y"], "date": pd.to_datetime([None, "2015-12-03"]),
                              "outlet": ["Wire", "INTERPOL (news release)"], "title": ["Late", "Early"]})
    mentions = pd.DataFrame({"doc_id": ["x", "y", "y"], "entity": ["INTERPOL", "INTERPOL", "Tunisia"],
                             "mentions": [2, 12, 3]})
    figure = entity_heatmap(mentions, documents, entities=["INTERPOL", "Tunisia"])
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["2015-12-03 · INTERPOL · Early",
                                                                        "undated · Wire · Late"]
    assert "000_" not in alt_text(figure) and unmark(alt_text(figure)) == (
        "Heatmap of mentions of 2 entities in 2 documents; the largest: INTERPOL in 2015-12-03 · INTERPOL · Early "
        "(12); Tunisia in 2015-12-03 · INTERPOL · Early (3); INTERPOL in undated · Wire · Late (2).")
    scores = pd.DataFrame({"doc_id": ["x", "x", "y", "y"], "theme": ["Terrorism", "Cyberspace"] * 2,
                           "hits": [0, 1, 5, 0], "per_1k": [0.0, 2.0, 12.5, 0.0], "share": [0, 1, 1, 0]})
    figure = theme_heatmap(scores, documents)
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()][0] == "2015-12-03 · INTERPOL · Early"
    assert unmark(alt_text(figure)) == (
        "Heatmap of theme hits per 1,000 tokens of 2 themes in 2 documents; the largest: Terrorism in 2015-12-03 · "
        "INTERPOL · Early (12.5 per 1,000 tokens, 5 hits); Cyberspace in undated · Wire · Late (2 per 1,000 tokens, "
        "1 hit).")


def test_a_heatmap_of_some_documents_numbers_twin_labels_as_the_whole_corpus_does():
    from newsreport.labels import document_labels
    from newsreport.plots import entity_heatmap

    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2015-12-03"] * 3),
                              "outlet": ["Wire"] * 3, "title": ["Same"] * 3})
    mentions = pd.DataFrame({"doc_id": ["b", "c"], "entity": ["INTERPOL"] * 2, "mentions": [1, 5]})
    for labels in (None, document_labels(documents)):  # computed here, or the notebook's own
        figure = entity_heatmap(mentions, documents, entities=["INTERPOL"], limit=1, labels=labels)
        assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["2015-12-03 · Wire · Same (3)"]
    given = document_labels(documents) + "!"  # labels the figure could not make itself: they are the ones used
    figure = entity_heatmap(mentions, documents, entities=["INTERPOL"], limit=1, labels=given)
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["2015-12-03 · Wire · Same (3)!"]


def test_long_arabic_bar_labels_lie_inside_the_figure_beside_bars_of_their_own():
    terms = ["منظمة الشرطة الجنائية الدولية الإنتربول", "الإرهابيين الأجانب", "الشرق الأوسط", "الأمن"]
    top = pd.DataFrame({"term": [*terms, "interpol"], "language": ["ar"] * 4 + ["en"], "count": [9, 5, 3, 2, 4]})
    figure = top_terms_bars(top, DOCS)
    figure.draw_without_rendering()
    page = figure.bbox
    for ax in figure.axes:
        assert ax.bbox.width / figure.dpi >= 2.4  # the labels' room is not taken from the bars
        for label in ax.get_yticklabels():
            extent = label.get_window_extent()
            assert page.x0 <= extent.x0 and extent.x1 <= page.x1, label.get_text()
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels[-1] == "منظمة الشرطة الجنائية\nالدولية الإنتربول" and labels[1] == "الشرق الأوسط"  # wrapped, in order


def test_svg_draws_right_to_left_text_as_outlines_and_keeps_latin_text_as_text(tmp_path):
    import re

    arabic = save_figure(top_terms_bars(TOP, DOCS), "bars", tmp_path)[1].read_text(encoding="utf-8")
    drawn = re.sub(r"<!--.*?-->", "", arabic, flags=re.S)  # matplotlib names each outlined text in a comment
    assert "<text" not in drawn and "الإرهاب" not in drawn  # WeasyPrint would lay SVG text out letter by letter
    latin = save_figure(documents_over_time(DOCS), "years", tmp_path)[1].read_text(encoding="utf-8")
    assert "<text" in latin


# --- the timeline: periods drawn as the spans they cover ----------------------------------------

def _timeline_and_events():
    timeline = pd.DataFrame({
        "period": ["2011", "2011", "2015", "2015", "2019", "2019"], "entity": ["INTERPOL", "Tunisia"] * 3,
        "mentions": [5, 0, 10, 10, 6, 1], "tokens": [490, 490, 400, 400, 310, 310],
        "per_1k": [10.2, 0.0, 25.0, 25.0, 19.4, 3.2], "docs_mentioning": [1, 0, 1, 1, 1, 1], "docs": [1, 1, 1, 1, 1, 1],
    })
    events = pd.DataFrame({"date": pd.to_datetime(["2009-05-01", "2015-11-24", "2021-01-01"]),
                           "label": ["Before", "Attack on the Presidential Guard, Tunis", "After"]})
    return timeline, events


def test_timeline_bars_span_their_periods_so_an_event_precedes_the_articles_after_it():
    import matplotlib.dates as mdates

    from newsreport.plots import timeline_small_multiples

    timeline, events = _timeline_and_events()
    figure = timeline_small_multiples(timeline, events, entities=["INTERPOL", "Tunisia"])
    ax = figure.axes[0]
    bars = {round(p.get_x()): p for p in ax.patches}
    bar_2015 = bars[round(mdates.date2num(pd.Timestamp("2015-01-01")))]
    event = mdates.date2num(pd.Timestamp("2015-11-24"))
    article = mdates.date2num(pd.Timestamp("2015-12-03"))
    assert bar_2015.get_x() <= article <= bar_2015.get_x() + bar_2015.get_width()  # the December article's bar
    assert bar_2015.get_x() + bar_2015.get_width() > event  # ends after the 24 November event
    assert bar_2015.get_x() + bar_2015.get_width() == mdates.date2num(pd.Timestamp("2016-01-01"))
    lines = [line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert lines == [event]  # the events before 2011 and after 2019 are not drawn
    figure.draw_without_rendering()
    for panel in figure.axes:
        labels = [t.get_text() for t in panel.get_xticklabels()]
        assert labels == [str(year) for year in range(2011, 2020)]  # every period, the first included
    grey = [t.get_text() for t in ax.get_xticklabels() if t.get_color() == "#999"]
    assert grey == ["2012", "2013", "2014", "2016", "2017", "2018"]  # no documents in those years
    assert unmark(alt_text(figure)) == (
        "Timeline of mentions per 1,000 tokens by year, 2011–2019, for INTERPOL (highest 25 in 2015, 10 mentions), "
        "Tunisia (highest 25 in 2015, 10 mentions); 1 event drawn as numbered dashed lines.")


def test_timeline_labels_every_month_upright_when_they_do_not_fit_level():
    from newsreport.plots import timeline_small_multiples

    months = [f"2015-{m:02d}" for m in range(1, 13)]
    timeline = pd.DataFrame({"period": months, "entity": "X", "mentions": 1, "tokens": 100, "per_1k": 10.0,
                             "docs_mentioning": 1, "docs": 1})
    figure = timeline_small_multiples(timeline, timeline.iloc[0:0].assign(date=pd.NaT, label="")[["date", "label"]],
                                      entities=["X", "Y"], period="month")
    labels = figure.axes[0].get_xticklabels()
    assert [t.get_text() for t in labels] == months
    assert {t.get_rotation() for t in labels} == {90}


# --- theme shares by group -----------------------------------------------------------------------

def _groups(sizes: dict[str, int], *, min_docs: int = 3, themes=("Cyberspace", "Terrorism")):
    rows, bounds = [], []
    for group, docs in sizes.items():
        for i, theme in enumerate(themes):
            share = 0.25 + 0.5 * i
            rows.append((group, theme, docs, 1, 100, 10.0, share, docs < min_docs))
            spread = docs >= 3
            bounds.append((group, theme, share, share - 0.1 if spread else float("nan"),
                           share + 0.1 if spread else float("nan")))
    groups = pd.DataFrame(rows, columns=["group", "theme", "docs", "hits", "tokens", "per_1k", "share", "indicative"])
    return pd.DataFrame(bounds, columns=["group", "theme", "share", "low", "high"]), groups


def _drawn_faces(figure) -> set[str]:
    import matplotlib.colors as mcolors

    return {mcolors.to_hex(line.get_markerfacecolor()) for ax in figure.axes for line in ax.get_lines()
            if line.get_marker() == "o"}


def test_theme_shares_legend_lists_only_drawn_marker_styles():
    import matplotlib.colors as mcolors

    from newsreport.plots import theme_shares_by_group

    intervals, groups = _groups({"2015": 6, "2018": 2})
    figure = theme_shares_by_group(intervals, groups, min_docs=3, ci=0.95)
    legend = figure.legends[0]
    faces = {mcolors.to_hex(h.get_markerfacecolor()) for h in legend.legend_handles if h.get_marker() == "o"}
    assert faces == _drawn_faces(figure) == {"#1f77b4", "#ffffff"}
    assert [t.get_text() for t in legend.get_texts()] == [
        "group of 3 documents or more", "indicative group (fewer than 3 documents)", "95% bootstrap interval"]
    intervals, groups = _groups({"2015": 6, "2018": 4})
    figure = theme_shares_by_group(intervals, groups, min_docs=3)
    legend = figure.legends[0]
    assert _drawn_faces(figure) == {"#1f77b4"}
    assert [t.get_text() for t in legend.get_texts()] == ["group of 3 documents or more", "bootstrap interval"]


def test_theme_shares_draw_no_interval_without_one_and_no_figure_without_a_group_to_compare():
    from matplotlib.collections import LineCollection

    from newsreport.plots import theme_shares_by_group

    intervals, groups = _groups({"2015": 6, "2018": 1, "2019": 2})
    figure = theme_shares_by_group(intervals, groups, min_docs=3)
    for ax in figure.axes:
        segments = [s for c in ax.collections if isinstance(c, LineCollection) for s in c.get_segments()]
        assert {round(s[0][0]) for s in segments} == {2015}  # only the group of six has an interval
    assert theme_shares_by_group(*_groups({"2015": 2, "2018": 1}), min_docs=3) is None
    assert alt_text(None) == ""


def test_undated_and_unknown_groups_stand_apart_from_the_time_axis():
    from newsreport.plots import group_positions, theme_shares_by_group

    positions, separator = group_positions(["2011", "2015", "undated"])
    assert positions["2015"] - positions["2011"] == 4  # years placed by year
    assert separator is not None and positions["2015"] < separator < positions["undated"]
    assert positions["undated"] - positions["2015"] > 1  # after a gap
    intervals, groups = _groups({"2011": 4, "2015": 5, "undated": 3})
    figure = theme_shares_by_group(intervals, groups, min_docs=3)
    ax = figure.axes[0]
    ticks = dict(zip(ax.get_xticks(), [t.get_text() for t in ax.get_xticklabels()], strict=True))
    assert [ticks[x] for x in sorted(ticks) if x > separator] == ["undated"]  # nothing else past the separator
    assert any(line.get_linestyle() == ":" and line.get_xdata()[0] == separator for line in ax.get_lines())
    positions, separator = group_positions(["ar", "en", "unknown"])
    assert positions == {"ar": 0, "en": 1, "unknown": 2.5} and separator == 1.75
    assert group_positions(["en", "fr"]) == ({"en": 0, "fr": 1}, None)


def test_theme_shares_alt_text():
    from newsreport.plots import alt_theme_shares_by_group

    intervals, groups = _groups({"2015": 6, "2018": 2})
    assert unmark(alt_theme_shares_by_group(intervals, groups, ci=0.95)) == (
        "Dot chart of each theme's share of the theme hits of 2 groups (2015, 2018), one panel per theme; the largest "
        "shares: Terrorism in 2015 75% (95% interval 65%–85%); Terrorism in 2018 75% (no interval), indicative; "
        "Cyberspace in 2015 25% (95% interval 15%–35%); Cyberspace in 2018 25% (no interval), indicative.")


# --- countries, and the alternative texts of the other figures -----------------------------------

def test_country_bars_show_every_country_zeros_included():
    from newsreport.plots import country_mentions

    totals = pd.DataFrame({"entity": ["Tunisia", "Iraq", "Syria", "اليمن"], "entity_type": "country",
                           "mentions": [11, 10, 0, 0], "documents": [2, 1, 0, 0], "per_1k": [5.0, 4.0, 0.0, 0.0]})
    figure = country_mentions(totals)
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[::-1][:3] == ["Tunisia", "Iraq", "Syria"] and len(labels) == 4  # most mentioned at the top
    assert sorted(t.get_text() for t in ax.texts) == ["0", "0", "10", "11"]  # a zero bar has its 0 written
    assert [t.get_color() for t in ax.get_yticklabels()][:2] == ["#777", "#777"]
    assert alt_text(figure) == ("Bar chart of mentions of the 4 countries of the lexicon: \u2068Tunisia\u2069 11, "
                                "\u2068Iraq\u2069 10; 2 are never mentioned: \u2068Syria\u2069, \u2068اليمن\u2069.")


def test_alt_texts_read_the_data():
    from newsreport.plots import alt_theme_cooccurrence

    assert unmark(alt_text(top_terms_bars(TOP, DOCS))) == (
        "Bar chart of the 2 most frequent Arabic terms: الإرهاب 4, الأمم المتحدة 2; of the 1 most frequent "
        "English terms: interpol 5; of the 1 most frequent French terms: sécurité 3.")
    assert f"{FSI}الإرهاب{PDI} 4" in alt_text(top_terms_bars(TOP, DOCS))  # Arabic isolated, its count outside
    assert alt_text(documents_over_time(DOCS)) == (
        "Stacked bar chart of 2 dated documents per year of publication, 2015–2018, by language (English 1, "
        "French 1): 2015 1, 2018 1; 1 undated document is not shown.")
    assert unmark(alt_text(word_clouds(TOP, DOCS))).startswith(
        "Word clouds of the 2 most frequent terms per language, each word sized by its count; the largest in "
        "Arabic: الإرهاب 4, الأمم المتحدة 2; in English: interpol 5")
    pairs = pd.DataFrame({"theme_a": ["A", "A", "B"], "theme_b": ["A", "B", "B"], "docs": [3, 2, 2]})
    assert unmark(alt_theme_cooccurrence(pairs)) == (
        "Heatmap of 2 themes by 2 themes: the number of documents in which both have hits; most often together: "
        "A and B (2 documents); on the diagonal, documents with each theme: A (3), B (2).")


def test_timeline_bars_of_periods_with_too_few_documents_are_hatched_and_the_legend_says_so():
    from newsreport.plots import timeline_small_multiples

    timeline, events = _timeline_and_events()
    timeline.loc[timeline["period"] == "2015", "docs"] = 6  # one firm year among years of one document
    figure = timeline_small_multiples(timeline, events, entities=["INTERPOL", "Tunisia"], min_docs=5)
    hatched = {p.get_x() for p in figure.axes[0].patches if p.get_hatch()}
    assert len(hatched) == 2 and len(figure.axes[0].patches) == 3  # 2011 and 2019 hatched, 2015 solid
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["5 documents or more", "fewer than 5 documents: indicative"]
    assert unmark(alt_text(figure)).endswith(
        "; the bars of 2011, 2019 (fewer than 5 documents) are hatched, indicative.")
    alone = timeline_small_multiples(timeline.assign(docs=1), events, entities=["INTERPOL"], min_docs=5)
    assert [t.get_text() for t in alone.legends[0].get_texts()] == ["fewer than 5 documents: indicative"]


def test_many_bars_fit_a_page_height_without_being_shrunk():
    from newsreport.plots import FIGURE_HEIGHT

    many = pd.DataFrame({"term": [f"term{i}" for i in range(30)], "language": "en", "count": range(30, 0, -1),
                         "doc_count": 2})
    figure = top_terms_bars(many, DOCS)
    assert figure.get_figheight() <= FIGURE_HEIGHT and len(figure.axes[0].get_yticklabels()) == 30
