import hashlib

import pandas as pd

from newsreport.plots import display_text, documents_over_time, save_figure, top_terms_bars, word_clouds

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


def test_document_labels_tell_documents_apart_and_counts_stay_short():
    from newsreport.plots import compact, document_labels

    documents = pd.DataFrame({"doc_id": ["gen_0000001", "gen_0000002", "000_f2c0ef"],
                              "date": pd.to_datetime(["2013-02-26", None, "2019-01-01"])})
    assert document_labels(documents).tolist() == ["gen_0000001 (2013)", "gen_0000002 (undated)", "000_f2c0ef (2019)"]
    seeds = pd.DataFrame({"doc_id": ["000_f2c0ef", "001_852c9d"], "date": pd.to_datetime(["2015-12-03"] * 2)})
    assert document_labels(seeds).tolist() == ["000 (2015)", "001 (2015)"]
    assert [compact(n) for n in (950, 9_499, 93_870, 1_250_000)] == ["950", "9.5k", "94k", "1.2M"]


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
