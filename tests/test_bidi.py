"""Arabic corpus text inside the English report: every piece isolated in its own direction, always escaped."""

import logging
import re

import pandas as pd

from newsreport import bidi
from newsreport.frequency import describe_top
from newsreport.notebook import say, show_table

HOSTILE = "<img src=x onerror=alert(1)>"


def test_direction_is_that_of_most_letters():
    assert bidi.direction("الشرق الأوسط") == "rtl"
    assert bidi.direction("INTERPOL يعزز التعاون الأمني") == "rtl"
    assert bidi.direction("تونس.txt: no text after cleaning") == "ltr"
    assert bidi.direction("ab أب") == "ltr" and bidi.direction("أب ab") == "rtl"  # a tie: the first letter
    assert bidi.direction("١٢ (3)") is None


def test_a_sentence_isolates_each_marked_term_and_escapes_it():
    top = pd.DataFrame({"language": ["ar", "ar", "en"], "term": ["الشرق الأوسط", HOSTILE, "interpol"],
                        "count": [5, 3, 2]})
    page = say(describe_top(top)).data
    assert page.startswith(
        "<p>The most frequent terms are in Arabic “<bdi dir=\"rtl\" lang=\"ar\">الشرق الأوسط</bdi>” (5), ")
    assert f'“<bdi dir="ltr">{HOSTILE.replace("<", "&lt;").replace(">", "&gt;")}</bdi>” (3)' in page
    assert "<img" not in page and bidi.FSI not in page and bidi.PDI not in page


def test_marks_always_give_well_formed_html():
    assert bidi.to_html(f"a {bidi.PDI}b{bidi.FSI}c") == 'a b<bdi dir="ltr">c</bdi>'
    assert bidi.to_html(f"{bidi.mark(bidi.mark('x'))} <b>") == '<bdi dir="ltr">x</bdi> &lt;b&gt;'


def test_table_cells_of_arabic_text_read_right_to_left_and_stay_escaped():
    table = pd.DataFrame({"doc_id": ["تونس_الإنتربول", "en_lyon"], "title": ["الإنتربول وتونس: تدريب الشرطة", HOSTILE],
                          "n_tokens": [51, 57]})
    page = show_table(table, "documents", caption=f"Documents of {bidi.mark('أخبار')}.").data
    cells = re.sub(r">\s+<", "><", page)
    assert ('<td dir="rtl" lang="ar">تونس_الإنتربول</td>'
            '<td dir="rtl" lang="ar">الإنتربول وتونس: تدريب الشرطة</td>') in cells
    assert "<td>en_lyon</td>" in page and "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    assert 'Documents of <bdi dir="rtl" lang="ar">أخبار</bdi>.' in page


def test_dates_stay_on_one_line_and_hashes_fit_their_column():
    digest = "ab" * 32
    html = bidi.table_html(pd.DataFrame({"date": ["2015-12-03"], "sha256": [digest], "note": ["2015-12-03 talks"]}),
                           index=False)
    assert '<td class="date">2015-12-03</td>' in html and f'<td class="hash">{digest}</td>' in html
    assert "<td>2015-12-03 talks</td>" in html


def test_a_right_to_left_keyword_in_context_row_puts_its_preceding_text_on_the_right():
    evidence = pd.DataFrame({
        "entity": ["INTERPOL", "INTERPOL"], "doc_id": ["ar_doha", "en_lyon"],
        "left": ["أعلنت منظمة الشرطة الجنائية الدولية (", "LYON, France – "],
        "match": ["الإنتربول", "INTERPOL"],
        "right": [") عن خطة جديدة", " announced new support"],
    })
    page = show_table(evidence, "evidence", caption="Keyword in context.").data
    arabic, english = re.findall(r"<tr[^>]*>.*?</tr>", page.split("<tbody>")[1], flags=re.S)
    assert arabic.startswith('<tr class="kwic-rtl">') and english.startswith("<tr>")
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", arabic)
    assert cells[2:] == [(' class="kwic-left" dir="rtl" lang="ar"', ") عن خطة جديدة"),  # following text, on the left
                         (' class="kwic-match" dir="rtl" lang="ar"', "الإنتربول"),
                         (' class="kwic-right" dir="rtl" lang="ar"', "أعلنت منظمة الشرطة الجنائية الدولية (")]
    assert [c.strip() for _, c in re.findall(r"<td([^>]*)>(.*?)</td>", english)][2:] == [
        "LYON, France –", "INTERPOL", "announced new support"]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", page)
    assert headers[2:] == ["context", "match", "context"]  # a side holds what comes before in one direction only
    assert "the text before the match is in the right-hand context column" in page


def test_findings_and_title_page_isolate_corpus_text():
    from newsreport import blocks, findings
    from newsreport.render import chapter_findings, summary_section, title_page

    top = pd.DataFrame({"term": ["الأمن", "الإنتربول", "interpol"], "language": ["ar", "ar", "en"],
                        "count": [5, 4, 3], "doc_count": [2, 2, 1]})
    totals = pd.DataFrame({"entity": [HOSTILE], "mentions": [4], "documents": [2]})
    documents = pd.DataFrame({"language": ["ar", "ar", "en"]})
    chapter = blocks.findings(findings.term_findings(top, documents) + findings.mention_findings(totals, top))
    summary = summary_section(chapter_findings([chapter]))
    assert ('In Arabic, “<bdi dir="rtl" lang="ar">الأمن</bdi>” is the most frequent term (5 occurrences as a term '
            'of its own, in 2 documents), before “<bdi dir="rtl" lang="ar">الإنتربول</bdi>” (4)') in summary
    assert '<bdi dir="ltr">&lt;img' in summary and "<img" not in summary
    assert bidi.unmark(findings.term_findings(top, documents)[1]) == (
        "The one English document's most frequent terms are “interpol” (3): one document says nothing of English "
        "coverage at large ([[table:top_terms]]).")
    documents = pd.DataFrame({"date": pd.to_datetime(["2018-12-12"]), "language": ["ar"]})
    page = title_page("تقرير <b>", "/tmp/أخبار الإنتربول", documents)
    assert '<h1><bdi dir="rtl" lang="ar">تقرير &lt;b&gt;</bdi></h1>' in page
    assert '<td><bdi dir="ltr">/tmp/أخبار الإنتربول</bdi></td>' in page
    assert "<td><bdi dir=\"ltr\">12 December 2018</bdi></td>" in page and " to " not in page  # one day, said once


def test_weasyprint_accepts_the_stylesheets_direction_rules(caplog, tmp_path):
    from weasyprint import HTML

    from newsreport.render import stylesheet

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        HTML(string=f"<style>{stylesheet()}</style><p>a <bdi dir='rtl'>ب</bdi></p>").write_pdf(tmp_path / "x.pdf")
    assert not [r for r in caplog.records if "bidi" in r.getMessage() or "direction" in r.getMessage()]


def test_a_document_label_reads_left_to_right_with_its_arabic_title_isolated():
    table = show_table(pd.DataFrame({"document": ["2021-03-10 · الإنتربول يعزز التعاون…"], "hits": [3]}), "docs",
                       caption="Documents.").data
    # the date stays on the left
    assert '<td>2021-03-10 · <bdi dir="rtl" lang="ar">الإنتربول يعزز التعاون…</bdi></td>' in table
