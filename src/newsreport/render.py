"""The report: executed notebooks turned into one HTML (self-contained) and one PDF (WeasyPrint).

Code, prompts and stderr are left out; notebooks become numbered chapters in order, behind a title
page and a table of contents whose entries link to (and, in the PDF, give the page of) each heading.
"""

from __future__ import annotations

import html
import re
from importlib.resources import files
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert import HTMLExporter

from newsreport.params import Paths

_HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h\1>', re.S)


def stylesheet() -> str:
    return files("newsreport").joinpath("templates/report.css").read_text(encoding="utf-8")


def notebook_body(path: Path, *, prefix: str) -> str:
    """A notebook's outputs and markdown as HTML, without code, prompts or stderr."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                out for out in cell.get("outputs", [])
                if not (out.output_type == "stream" and out.get("name") == "stderr")
            ]
    exporter = HTMLExporter(
        template_name="basic", exclude_input=True, exclude_input_prompt=True,
        exclude_output_prompt=True, anchor_link_text="",
    )
    body, _ = exporter.from_notebook_node(notebook)
    body = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', body)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', body)


def contents(chapters: list[str]) -> str:
    """The table of contents: level-1 and level-2 headings of every chapter, numbered."""
    items, chapter, section = [], 0, 0
    for body in chapters:
        for level, anchor, text in _HEADING.findall(body):
            label = re.sub(r"<[^>]+>", "", text).strip()
            if level == "1":
                chapter, section = chapter + 1, 0
                number = f"{chapter}."
            else:
                section += 1
                number = f"{chapter}.{section}"
            items.append(f'<li class="level-{level}"><a href="#{anchor}">{number} {label}</a></li>')
    return '<nav class="toc"><h1>Contents</h1><ol>' + "".join(items) + "</ol></nav>"


def title_page(title: str, corpus_name: str, documents: pd.DataFrame) -> str:
    """Title, corpus, date range, number of documents and languages."""
    dated = documents["date"].dropna()
    span = f"{dated.min():%d %B %Y} to {dated.max():%d %B %Y}" if len(dated) else "no dated documents"
    languages = ", ".join(f"{lang} ({n})" for lang, n in documents["language"].value_counts().sort_index().items())
    facts = [
        ("Corpus", corpus_name),
        ("Documents", f"{len(documents)} ({len(documents) - len(dated)} undated)"),
        ("Published", span),
        ("Languages", languages),
    ]
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in facts)
    return (f'<div class="title-page"><h1>{html.escape(title)}</h1>'
            f'<table class="facts">{rows}</table></div>')


def build_html(paths: Paths, *, title: str, corpus_name: str) -> str:
    """The whole report as one self-contained HTML document."""
    notebooks = sorted(paths.executed.glob("*.ipynb"))
    chapters = [notebook_body(nb, prefix=f"s{i + 1:02d}") for i, nb in enumerate(notebooks)]
    documents = pd.read_parquet(paths.processed / "corpus.parquet", columns=["date", "language"])
    sections = "".join(f'<section class="chapter">{body}</section>' for body in chapters)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{stylesheet()}</style></head><body>"
        f"{title_page(title, corpus_name, documents)}{contents(chapters)}{sections}</body></html>\n"
    )


def write_pdf(html_text: str, target: Path, *, base: Path) -> Path:
    """Render the HTML to PDF with WeasyPrint, with matplotlib's DejaVu Sans for every glyph."""
    import matplotlib
    from weasyprint import CSS, HTML

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    bold = font.with_name("DejaVuSans-Bold.ttf")
    fonts = CSS(string=(
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{font.as_uri()}"); }}'
        f'@font-face {{ font-family: "DejaVu Sans"; font-weight: bold; src: url("{bold.as_uri()}"); }}'
    ))
    HTML(string=html_text, base_url=str(base)).write_pdf(target, stylesheets=[fonts])
    return target


def render_report(paths: Paths, *, title: str, corpus_name: str) -> tuple[Path, Path]:
    """Write report.html and report.pdf from the executed notebooks under ``paths``."""
    paths.report.mkdir(parents=True, exist_ok=True)
    page = build_html(paths, title=title, corpus_name=corpus_name)
    html_path = paths.report / "report.html"
    html_path.write_text(page, encoding="utf-8")
    return html_path, write_pdf(page, paths.report / "report.pdf", base=paths.report)
