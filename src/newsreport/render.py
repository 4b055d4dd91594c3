"""The report: executed notebooks turned into one HTML (self-contained) and one PDF (WeasyPrint).

Code, prompts and stderr are left out; notebooks become numbered chapters in order, behind a title
page, a table of contents whose entries link to (and, in the PDF, give the page of) each heading, and
a summary of the findings each chapter closes with. Tables and figures are numbered in reading order
and every citation of one links to it (``number``); the appendices (``appendices``) follow. Corpus
text is escaped and read in its own direction (``bidi``) here as in the notebooks' outputs.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import nbformat
import pandas as pd

from newsreport.appendices import methods_appendix, provenance_appendix, sources_appendix
from newsreport.attachments import Carried, carried_files
from newsreport.bidi import isolate
from newsreport.blocks import anchored
from newsreport.labels import first_and_last_day
from newsreport.language import language_name
from newsreport.manifest import read_manifest
from newsreport.params import Paths
from newsreport.pdf import source_date, write_pdf

_HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*?)</h\1>', re.S)


def stylesheet() -> str:
    return files("newsreport").joinpath("templates/report.css").read_text(encoding="utf-8")


def notebook_body(path: Path, *, prefix: str) -> str:
    """A notebook's markdown and outputs as HTML, without code, prompts or stderr; its headings get ids (for the
    contents) and every id and in-page link gets the chapter's ``prefix``, so that chapters never clash."""
    import mistune

    parts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            parts.append(f'<div class="text">{anchored(mistune.html(cell.source))}</div>')
        elif cell.cell_type == "code":
            parts += [_output_html(output) for output in cell.get("outputs", [])]
    body = "".join(parts)
    body = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', body)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', body)


def _output_html(output: dict) -> str:
    """What an output shows in the report: its HTML, or standard output as text; never stderr or an error."""
    if output.get("output_type") in ("display_data", "execute_result"):
        markup = output.get("data", {}).get("text/html")
        return "".join(markup) if isinstance(markup, list) else markup or ""
    if output.get("output_type") == "stream" and output.get("name") == "stdout":
        return f"<pre>{html.escape(''.join(output.get('text', '')))}</pre>"
    return ""


def contents(chapters: list[str], appendices: list[str] = ()) -> str:
    """The table of contents: level-1 and level-2 headings of every chapter, numbered, then appendices."""
    items, chapter, section = [], 0, 0
    summary, *numbered = chapters
    for _level, anchor, text in _HEADING.findall(summary):
        items.append(f'<li class="level-1"><a href="#{anchor}">{re.sub(r"<[^>]+>", "", text).strip()}</a></li>')
    for body in numbered:
        for level, anchor, text in _HEADING.findall(body):
            label = re.sub(r"<[^>]+>", "", text).strip()
            if level == "1":
                chapter, section = chapter + 1, 0
                number = f"{chapter}."
            else:
                section += 1
                number = f"{chapter}.{section}"
            items.append(f'<li class="level-{level}"><a href="#{anchor}">{number} {label}</a></li>')
    for body in appendices:
        for level, anchor, text in _HEADING.findall(body):
            if level == "1":
                items.append(f'<li class="level-1"><a href="#{anchor}">{re.sub(r"<[^>]+>", "", text)}</a></li>')
    return '<nav class="toc"><h1>Contents</h1><ol>' + "".join(items) + "</ol></nav>"


def title_page(title: str, corpus_name: str, documents: pd.DataFrame) -> str:
    """Title, corpus, date range, number of documents and languages."""
    first, last = first_and_last_day(documents["date"]) or (None, None)
    span = "no dated documents" if first is None else first if first == last else f"{first} to {last}"
    undated = int(pd.to_datetime(documents["date"]).isna().sum())
    counts = documents["language"].value_counts().sort_index()
    languages = ", ".join(f"{language_name(lang)} ({n:,})" for lang, n in counts.items())
    facts = [
        ("Corpus", corpus_name),
        ("Documents", f"{len(documents):,} ({f'{undated:,} undated' if undated else 'all dated'})"),
        ("Published", span),
        ("Languages", languages),
    ]
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{isolate(v, force='ltr' if k == 'Corpus' else None)}</td></tr>"
                   for k, v in facts)  # the corpus is a path: left to right, its Arabic names each right to left
    return (f'<div class="title-page"><h1>{isolate(title)}</h1>'
            f'<table class="facts">{rows}</table></div>')


@dataclass(frozen=True)
class Report:
    """What a report is rendered with besides its executed notebooks: its title, the corpus's name for the title
    page, the lexicon files the methods appendix prints (heading -> file), and how many documents a
    document-level table lists (``max_documents_shown``, as the chapters' tables and figures)."""

    title: str
    corpus_name: str
    lexicons: dict[str, Path] = field(default_factory=dict, hash=False)
    documents_shown: int = 40


def build_html(paths: Paths, report: Report, *, carried: list[Carried] = ()) -> str:
    """The whole report as one self-contained HTML document, its tables and figures numbered in reading order."""
    notebooks = sorted(paths.executed.glob("*.ipynb"))
    chapters = [notebook_body(nb, prefix=f"s{i + 1:02d}") for i, nb in enumerate(notebooks)]
    documents = pd.read_parquet(paths.corpus_table,
                                columns=["doc_id", "date", "date_source", "outlet", "title", "url", "language", "file"])
    manifest = read_manifest(paths.report / "manifest.json")
    sections = "".join(f'<section class="chapter">{body}</section>' for body in chapters)
    appendices = [sources_appendix(documents, shown=report.documents_shown), methods_appendix(report.lexicons),
                  provenance_appendix(manifest, list(carried))]
    summary = summary_section(chapter_findings(chapters))
    body = number(f"{summary}{sections}{''.join(appendices)}")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(report.title)}</title><style>{stylesheet()}</style></head><body>"
        f"{title_page(report.title, report.corpus_name, documents)}{contents([summary, *chapters], appendices)}{body}"
        "</body></html>\n"
    )


SUMMARY_MAX = 10  # findings in the summary, at most ``SUMMARY_PER_CHAPTER`` from each chapter
SUMMARY_PER_CHAPTER = 3


def chapter_findings(chapters: list[str]) -> list[str]:
    """The findings each chapter closes with (``blocks.findings``), as HTML list items: the summary's."""
    found = []
    for body in chapters:
        listed = re.search(r'<ul class="findings">(.*?)</ul>', body, re.S)
        items = re.findall(r"<li>(.*?)</li>", listed.group(1), re.S) if listed else []
        found += items[:SUMMARY_PER_CHAPTER]
    return found[:SUMMARY_MAX]


def summary_section(findings: list[str]) -> str:
    items = "".join(f"<li>{item}</li>" for item in findings) or "<li>No chapter has a finding.</li>"
    return (f'<section class="summary"><h1 id="summary">Summary of findings</h1><ul>{items}</ul>'
            "<p>Each finding is read off the table or figure it cites, and comes back at the end of its chapter. "
            "The chapters state their question, show each table or figure with the file it comes from, and read "
            "it; the appendices list the sources and give the methods and the provenance of every number. The "
            "tables are attached to the PDF.</p></section>")


_BLOCK = {"table": re.compile(r'<div class="table" id="((?:s\d+-)?table-([\w.-]+))"'),
          "figure": re.compile(r'<figure class="figure" id="((?:s\d+-)?figure-([\w.-]+))"')}
_REFERENCE = re.compile(r'<a class="ref" href="#(?:s\d+-)?(table|figure)-([\w.-]+)">[^<]*</a>')


def number(page: str) -> str:
    """Number the tables and figures of ``page`` in reading order ("Table 4.") and make every citation
    (``blocks.text``) a link that reads "Table 4"; a citation of a table or figure not shown reads its name."""
    numbers = {}
    for kind, block in _BLOCK.items():
        for n, (anchor, name) in enumerate(block.findall(page), 1):
            numbers.setdefault((kind, name), (n, anchor))
        labels = (f'<b class="label">{kind.capitalize()} {n}.</b>' for n in itertools.count(1))
        page = re.sub(f'<b class="label">{kind.capitalize()}</b>', lambda _, labels=labels: next(labels), page)

    def reference(match: re.Match) -> str:
        kind, name = match.groups()
        if (kind, name) not in numbers:
            return f"{kind} “{name}”"
        n, anchor = numbers[(kind, name)]
        return f'<a class="ref" href="#{anchor}">{kind.capitalize()} {n}</a>'

    return _REFERENCE.sub(reference, page)


def render_report(paths: Paths, report: Report) -> tuple[Path, Path]:
    """Write report.html and report.pdf (with its attachments) from the executed notebooks under ``paths``."""
    paths.report.mkdir(parents=True, exist_ok=True)
    carried = carried_files(paths, [path for path in report.lexicons.values() if path.is_file()])
    page = build_html(paths, report, carried=carried)
    html_path = paths.report / "report.html"
    html_path.write_text(page, encoding="utf-8")
    epoch = source_date(pd.read_parquet(paths.corpus_table, columns=["date"]))
    return html_path, write_pdf(page, paths.report / "report.pdf", base=paths.report, epoch=epoch, carried=carried)
