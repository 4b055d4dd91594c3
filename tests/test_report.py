"""The rendered report as readers get it: offline HTML, escaped corpus text, a paginated PDF."""

import json
import re

import pytest
import yaml
from pypdf import PdfReader

from newsreport.params import load_params

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
                  "Theme comparison", "Appendix A. Sources", "Appendix B. Methods", "Appendix C. Provenance",
                  "Data quality",
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
    long = show_table(pd.DataFrame({"term": [f"t{i}" for i in range(30)], "count": range(30)}), "terms",
                      caption="Terms.", csv=csv, max_rows=5).data
    assert long.count("<td>t") == 5 and "<td>t5</td>" not in long
    assert "Showing the first 5 of 30 rows; all rows are in report/tables/terms.csv." in long
    totals = show_table(pd.DataFrame({"entity": ["A", "B"], "mentions": [3, 1]}), "totals", caption="Totals.",
                        csv=tmp_path / "report" / "tables" / "mentions.csv", summed=True, max_rows=1).data
    assert "Showing the first 1 of 2 rows; each row adds up rows of report/tables/mentions.csv." in totals
    empty = show_table(pd.DataFrame(columns=["alias", "themes"]), "shared", caption="Shared terms.", csv=csv,
                       empty="No term is listed under two themes.").data
    assert "<table" not in empty and "No term is listed under two themes." in empty
    flags = show_table(pd.DataFrame({"group": ["2015", "2016"], "indicative": [True, False]}), "groups",
                       caption="Groups.").data
    assert "<td>yes</td>" in flags and "<td>no</td>" in flags and "True" not in flags  # as the captions say it


def test_the_pdf_is_archival_tagged_and_carries_the_tables_it_reports(report):
    pdf = PdfReader(report / "report.pdf")
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdf.metadata.title.startswith("INTERPOL and security cooperation")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp and 'pdfuaid:part="1"' in xmp
    attached = pdf.attachments
    for name in ("tables/corpus.csv", "tables/mentions.csv", "tables/theme_scores.csv", "manifest.json",
                 "parameters.yaml", "lexicons/entities.yaml"):
        assert name in attached, name
    assert attached["tables/mentions.csv"][0] == (report / "tables" / "mentions.csv").read_bytes()
    manifest = json.loads(attached["manifest.json"][0])
    assert manifest["inputs"]["data/raw/hostile.txt"] == json.loads((report / "manifest.json").read_text())[
        "inputs"]["data/raw/hostile.txt"]
    assert "seconds" not in manifest["notebooks"][0]  # what changes from run to run is not attached
    used = load_params(report.parent).model_dump(mode="json")  # config/params.yaml read again: the run had no -p
    assert yaml.safe_load(attached["parameters.yaml"][0]) == manifest["parameters"] == used


def test_every_figure_has_alt_text_read_from_its_data(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img alt="([^"]*)" src="data:image/svg', page)
    assert len(alts) >= 8 and all(alts)
    terms = next(alt for alt in alts if alt.startswith("Bar chart of the "))
    assert re.match(r"Bar chart of the 16 most frequent Arabic terms: الإنتربول 2, .*; of the \d+ most frequent "
                    r"English terms: \w+ \d+, ", terms)
    pdf = PdfReader(report / "report.pdf")
    figures = [node for node in _structure(pdf.trailer["/Root"]["/StructTreeRoot"]) if node.get("/S") == "/Figure"]
    assert len(figures) == len(alts) and all(node.get("/Alt") for node in figures)


def test_summary_findings_cite_numbered_tables_and_figures_that_exist(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    summary = page.split('id="summary"')[1].split("</ul>")[0]
    assert 6 <= summary.count("<li>") <= 10
    for anchor, label in re.findall(r'<a class="ref" href="#([^"]+)">([^<]+)</a>', summary):
        kind, number = label.split()
        assert f'id="{anchor}"' in page and f'<b class="label">{kind} {number}.</b>' in page
    assert "[[" not in page and "None</td>" not in page


def _structure(node):
    node = node.get_object()
    yield node
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            yield from _structure(kid)

