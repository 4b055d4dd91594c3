"""The report's blocks: tables cut per language with their columns explained, numbering, citations, findings."""

import re

import pandas as pd

from newsreport import blocks, findings, render


def test_a_table_cut_per_language_keeps_every_languages_top_rows():
    terms = pd.DataFrame({"term": [f"t{i}" for i in range(60)], "language": ["en"] * 40 + ["fr"] * 15 + ["ar"] * 5,
                          "count": range(60, 0, -1)})
    page = blocks.table(terms, name="terms", caption="Terms.", max_rows=10, per="language")
    rows = re.findall(r"<tr>\s*<td>(t\d+)</td>\s*<td[^>]*>(\w+)</td>", page)
    assert [lang for _, lang in rows].count("en") == 10 and [lang for _, lang in rows].count("fr") == 10
    assert [lang for _, lang in rows].count("ar") == 5  # a language with fewer rows keeps them all
    assert "Showing the first 10 rows of each language (25 of 60 rows)." in page
    assert 'id="table-terms"' in page and '<b class="label">Table</b>' in page


def test_coded_columns_are_explained_and_missing_values_read_as_a_dash():
    table = pd.DataFrame({"term": ["middle east"], "n": [2], "per_1k": [5.27], "outlet": [None]})
    page = blocks.table(table, name="t", caption="Terms.", explain={"per_1k": "per 1,000 English tokens"})
    assert "Columns: n, words in the term; per_1k, per 1,000 English tokens." in page
    assert "<td>–</td>" in page and "None" not in page


def test_tables_and_figures_are_numbered_in_reading_order_and_citations_link_to_them():
    page = (blocks.findings([f"A rise ({findings.cite('figure', 'timeline')}) in {findings.cite('table', 'b')}."])
            + blocks.table(pd.DataFrame({"x": [1]}), name="a", caption="A.")
            + blocks.figure(b"<svg/>", "timeline", caption="Over time.", alt="Line chart", files="f.png")
            + blocks.table(pd.DataFrame({"x": [2]}), name="b", caption="B.")
            + blocks.paragraph(f"See {findings.cite('table', 'gone')}."))
    numbered = render.number(page.replace('id="table-b"', 'id="s03-table-b"'))
    assert re.findall(r'<b class="label">(\w+ \d+)\.</b>', numbered) == ["Table 1", "Figure 1", "Table 2"]
    assert ('A rise (<a class="ref" href="#figure-timeline">Figure 1</a>) in '
            '<a class="ref" href="#s03-table-b">Table 2</a>.') in numbered
    assert "See table “gone”." in numbered  # a table not shown is named, never numbered wrongly
    assert 'alt="Line chart"' in numbered


def test_the_summary_takes_at_most_three_findings_per_chapter_and_ten_in_all():
    chapters = [blocks.findings([f"Chapter {c}, finding {i}." for i in range(5)]) for c in range(5)]
    found = render.chapter_findings(["<p>no findings</p>", *chapters])
    assert len(found) == 10 and found[:4] == ["Chapter 0, finding 0.", "Chapter 0, finding 1.",
                                              "Chapter 0, finding 2.", "Chapter 1, finding 0."]


def test_a_large_lexicon_is_summarised_and_named_not_printed(tmp_path):
    from newsreport import appendices

    entries = "".join(f"  - name: Person {i}\n    type: {'person' if i % 4 else 'organisation'}\n"
                      f"    aliases:\n      en: [Person {i}]\n" + (f"      fr: [Personne {i}]\n" if i % 2 else "")
                      for i in range(appendices.LEXICON_SHOWN + 50))
    (tmp_path / "big.yaml").write_text("entities:\n" + entries, encoding="utf-8")
    page = appendices.methods_appendix({"Entity lexicon": tmp_path / "big.yaml"})
    assert "Person 3" not in page
    assert f"Entity lexicon: {appendices.LEXICON_SHOWN + 50} entries, too many to print" in page
    assert "The lexicon is big.yaml, attached to the PDF" in page
    rows = re.findall(r"<tr>\s*<td>(\w+)</td>\s*<td>(\d+)</td>\s*<td>(\d+)</td>\s*<td>(\d+)</td>", page)
    assert rows == [("organisation", "50", "50", "0"), ("person", "150", "150", "100")]


def test_files_too_large_are_named_with_their_hash_not_attached(tmp_path, monkeypatch):
    from conftest import new_project

    from newsreport import attachments
    from newsreport.params import load_params, resolve_paths

    root = new_project(tmp_path / "project")
    paths = resolve_paths(load_params(root), root)
    paths.tables.mkdir(parents=True)
    (paths.tables / "small.csv").write_text("a\n1\n")
    (paths.tables / "large.csv").write_text("a\n" + "1\n" * 100)
    (paths.report / "manifest.json").write_text("{}")
    monkeypatch.setattr(attachments, "MAX_FILE", 100)
    carried = {c.name: c for c in attachments.carried_files(paths, [])}
    assert carried["tables/small.csv"].attached and carried["manifest.json"].attached
    large = carried["tables/large.csv"]
    assert not large.attached and large.size == 202 and len(large.sha256) == 64


def test_a_theme_dictionary_is_printed_by_theme_not_by_entity(tmp_path):
    from newsreport import appendices

    (tmp_path / "themes.yaml").write_text(
        "entities:\n  - name: Terrorism\n    type: theme\n    aliases:\n      en: [terrorism]\n      ar: [الإرهاب]\n",
        encoding="utf-8")
    page = appendices.methods_appendix({"Theme dictionary": tmp_path / "themes.yaml"})
    assert re.findall(r"<th[^>]*>([^<]*)</th>", page) == ["theme", "en", "fr", "ar"]
    assert "<td>Terrorism</td>" in page
