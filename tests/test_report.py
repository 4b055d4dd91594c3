"""The rendered report as readers get it: offline HTML, escaped corpus text, a paginated PDF."""

import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def report(built):
    return built / "report"


def test_html_is_self_contained(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"""<link\b|@import|url\(\s*['"]?https?:""", page)
    assert "<script" not in page.lower()
    assert 'src="data:image/svg+xml;base64,' in page  # figures embedded


def test_corpus_text_is_escaped(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page or "&lt;img" in page


def test_pdf_has_numbered_pages_contents_and_every_section(report):
    pdf = PdfReader(report / "report.pdf")
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) > 10
    assert "Page 2 of" in pages[1] and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    text = "\n".join(pages)
    for title in ("Contents", "Summary of findings", "Loading the corpus", "Term frequency", "Mention timeline",
                  "Theme comparison", "Appendix A. Methods", "Appendix B. Provenance", "Data quality",
                  "Word clouds", "Keyness"):
        assert title in text, title
    assert "import " not in text and "notebook.show" not in text  # no code
    assert re.search(r"Figure \d+\.", text) and re.search(r"Table \d+\.", text)


def test_manifest_and_provenance_name_every_input(report):
    import json

    manifest = json.loads((report / "manifest.json").read_text())
    assert "data/raw/hostile.txt" in manifest["inputs"]
    page = (report / "report.html").read_text(encoding="utf-8")
    assert manifest["inputs"]["data/raw/hostile.txt"] in page


def test_a_table_is_cut_to_its_top_rows_and_an_empty_one_says_so(tmp_path):
    import pandas as pd

    from newsreport.notebook import show_table

    csv = tmp_path / "report" / "tables" / "terms.csv"
    long = show_table(pd.DataFrame({"term": [f"t{i}" for i in range(30)], "count": range(30)}),
                      caption="Terms.", csv=csv, max_rows=5).data
    assert long.count("<td>t") == 5 and "<td>t5</td>" not in long
    assert "Showing the first 5 of 30 rows; all rows are in report/tables/terms.csv." in long
    empty = show_table(pd.DataFrame(columns=["alias", "themes"]), caption="Shared terms.", csv=csv,
                       empty="No term is listed under two themes.").data
    assert "<table" not in empty and "No term is listed under two themes." in empty
