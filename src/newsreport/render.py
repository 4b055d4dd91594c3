"""The report: executed notebooks turned into one HTML (self-contained) and one PDF (WeasyPrint).

Code, prompts and stderr are left out; notebooks become numbered chapters in order, behind a title
page and a table of contents whose entries link to (and, in the PDF, give the page of) each heading.
Corpus text is escaped and read in its own direction (``bidi``) here as in the notebooks' outputs.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert import HTMLExporter

from newsreport.bidi import isolate, mark, table_html, to_html
from newsreport.manifest import read_manifest
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
    dated = documents["date"].dropna()
    span = f"{dated.min():%d %B %Y} to {dated.max():%d %B %Y}" if len(dated) else "no dated documents"
    languages = ", ".join(f"{lang} ({n:,})" for lang, n in documents["language"].value_counts().sort_index().items())
    facts = [
        ("Corpus", corpus_name),
        ("Documents", f"{len(documents):,} ({len(documents) - len(dated):,} undated)"),
        ("Published", span),
        ("Languages", languages),
    ]
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{isolate(v, force='ltr' if k == 'Corpus' else None)}</td></tr>"
                   for k, v in facts)  # the corpus is a path: left to right, its Arabic names each right to left
    return (f'<div class="title-page"><h1>{isolate(title)}</h1>'
            f'<table class="facts">{rows}</table></div>')


def build_html(paths: Paths, *, title: str, corpus_name: str, lexicons: dict[str, Path] | None = None) -> str:
    """The whole report as one self-contained HTML document."""
    notebooks = sorted(paths.executed.glob("*.ipynb"))
    chapters = [notebook_body(nb, prefix=f"s{i + 1:02d}") for i, nb in enumerate(notebooks)]
    documents = pd.read_parquet(paths.processed / "corpus.parquet", columns=["date", "language"])
    manifest = read_manifest(paths.report / "manifest.json")
    sections = "".join(f'<section class="chapter">{body}</section>' for body in chapters)
    appendices = [methods_appendix(lexicons or {}), provenance_appendix(manifest)]
    summary = summary_section(findings(paths.tables))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{stylesheet()}</style></head><body>"
        f"{title_page(title, corpus_name, documents)}{contents([summary, *chapters], appendices)}{summary}"
        f"{sections}{''.join(appendices)}</body></html>\n"
    )


def findings(tables: Path) -> list[str]:
    """A few sentences read off the report's tables: the corpus, its terms, mentions and themes (each piece of
    corpus text marked to be read in its own direction)."""
    out = []
    read = _table_reader(tables)
    corpus = read("corpus.csv")
    if corpus is not None:
        dated = corpus["date"].dropna()
        span = f", published {dated.min()[:4]}–{dated.max()[:4]}" if len(dated) else ""
        langs = ", ".join(f"{n:,} in {lang}" for lang, n in corpus["language"].value_counts().sort_index().items())
        out.append(f"The corpus holds {len(corpus):,} documents ({langs}){span}; "
                   f"{int(corpus['date_source'].eq('missing').sum()):,} are undated.")
    terms = read("term_frequency.csv")
    if terms is not None and len(terms):
        parts = [f"in {lang}: " + ", ".join(f"“{mark(t)}”" for t in group["term"].head(5))
                 for lang, group in terms[terms["n"] == 1].groupby("language", sort=True)]
        out.append("The most frequent words are, " + "; ".join(parts) + ".")
    mentions = read("mentions.csv")
    if mentions is not None and len(mentions):
        totals = mentions.groupby("entity")["mentions"].sum().sort_values(ascending=False, kind="mergesort")
        top = ", ".join(f"{mark(e)} ({m:,})" for e, m in totals.head(5).items())
        out.append(f"The most mentioned entities are {top}; every count is traced in mention_evidence.csv.")
    scores = read("theme_scores.csv")
    if scores is not None and scores["hits"].sum() > 0:
        themes = scores.groupby("theme")["hits"].sum().sort_values(ascending=False, kind="mergesort")
        leaders = scores.sort_values(["doc_id", "hits"], ascending=[True, False], kind="mergesort")
        leading = leaders.groupby("doc_id").head(1)
        count = leading["theme"].value_counts()
        out.append(f"Across documents the themes with most hits are {', '.join(map(mark, themes.head(3).index))}; "
                   f"{mark(count.index[0])} leads in {count.iloc[0]:,} of {len(leading):,} documents.")
    if corpus is not None and len(corpus) < 30:
        out.append(f"With {len(corpus)} documents, differences between documents or groups are indicative, "
                   "not evidence of a trend.")
    return out


def summary_section(sentences: list[str]) -> str:
    items = "".join(f"<li>{to_html(s)}</li>" for s in sentences)
    return (f'<section class="summary"><h1 id="summary">Summary of findings</h1><ul>{items}</ul>'
            "<p>Each chapter below states its question, shows a table or figure with the file it comes "
            "from, and reads it in a sentence; the appendices give the methods and the provenance of every "
            "number.</p></section>")


def methods_appendix(lexicons: dict[str, Path]) -> str:
    """Appendix A: how everything was counted, and the lexicons printed in full."""
    import mistune

    text = files("newsreport").joinpath("templates/methods.md").read_text(encoding="utf-8")
    parts = ['<section class="appendix"><h1 id="methods">Appendix A. Methods</h1>',
             re.sub(r"<h2>(.*?)</h2>", lambda m: f'<h2 id="methods-{_slug(m.group(1))}">{m.group(1)}</h2>',
                    mistune.html(text))]
    for name, path in lexicons.items():
        table = _lexicon_table(path)
        if table is not None:
            parts.append(f'<h2 id="methods-{_slug(name)}">{html.escape(name)}</h2><div class="table">'
                         f'<p class="table-caption">{html.escape(f"{name}, as read from {path.name}.")}</p>'
                         + table_html(table, index=False, border=0, classes="data lexicon") + "</div>")
    return "".join(parts) + "</section>"


def provenance_appendix(manifest: dict) -> str:
    """Appendix B: every input's SHA-256, the parameters, package versions, each notebook's run."""
    def table(rows: list[tuple], columns: list[str]) -> str:
        return table_html(pd.DataFrame(rows, columns=columns), ltr=("file",), index=False, border=0, classes="data")

    notebooks = [(nb["name"], nb["fingerprint"][:16], len(nb["outputs"])) for nb in manifest.get("notebooks", [])]
    parameters = [(k, json.dumps(v, ensure_ascii=False)) for k, v in manifest.get("parameters", {}).items()]
    return (
        '<section class="appendix"><h1 id="provenance">Appendix B. Provenance</h1>'
        "<p>What produced every number of this report; the same facts are in report/manifest.json, with "
        "each notebook's run time. A notebook's fingerprint is the hash of its source, its parameters, the "
        "input files it reads and the package's code: the same fingerprints give the same tables, figures and "
        "report, byte for byte.</p>"
        '<h2 id="provenance-notebooks">Notebooks</h2>'
        + table(notebooks, ["notebook", "fingerprint", "outputs"])
        + '<h2 id="provenance-inputs">Input files</h2>'
        + table(list(manifest.get("inputs", {}).items()), ["file", "sha256"])
        + '<h2 id="provenance-parameters">Parameters</h2>' + table(parameters, ["parameter", "value"])
        + '<h2 id="provenance-packages">Software</h2>'
        + table(list(manifest.get("packages", {}).items()), ["package", "version"])
        + "</section>"
    )


def _lexicon_table(path: Path) -> pd.DataFrame | None:
    from newsreport.errors import InputError

    if not path.is_file():
        return None
    if path.suffix == ".yaml" and path.name.startswith("stopwords"):
        from newsreport.tokens import project_stop_words

        words = project_stop_words(path)
        return pd.DataFrame([(lang, ", ".join(sorted(w))) for lang, w in sorted(words.items())],
                            columns=["language", "project stop words"])
    from newsreport.lexicon import load_lexicon

    try:
        aliases = load_lexicon(path)
    except InputError:
        return None
    wide = aliases.groupby(["entity", "entity_type", "language"], sort=False)["alias"].agg(", ".join).unstack()
    wide = wide.reindex(columns=["en", "fr", "ar"]).fillna("").reset_index()
    wide.columns.name = None
    return wide.rename(columns={"entity_type": "type"})


def _table_reader(tables: Path):
    def read(name: str) -> pd.DataFrame | None:
        path = tables / name
        return pd.read_csv(path) if path.is_file() else None
    return read


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def source_date(documents: pd.DataFrame) -> int:
    """The report's date as seconds since 1970, derived from its inputs so that the same inputs give the
    same bytes: ``SOURCE_DATE_EPOCH`` when set, else the newest publication date of the corpus."""
    if given := os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return int(given)
    newest = pd.to_datetime(documents["date"]).max()
    return int(newest.tz_localize("UTC").timestamp()) if pd.notna(newest) else 0


@contextlib.contextmanager
def _dated(epoch: int) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set while the block runs: fontTools stamps font subsets with it instead of now."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def write_pdf(html_text: str, target: Path, *, base: Path, epoch: int = 0) -> Path:
    """Render the HTML to PDF with WeasyPrint, with matplotlib's DejaVu Sans for every glyph; ``epoch``
    (``source_date``) is the only date written into it."""
    import matplotlib
    from weasyprint import CSS, HTML

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    bold = font.with_name("DejaVuSans-Bold.ttf")
    fonts = CSS(string=(
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{font.as_uri()}"); }}'
        f'@font-face {{ font-family: "DejaVu Sans"; font-weight: bold; src: url("{bold.as_uri()}"); }}'
    ))
    with _dated(epoch):
        HTML(string=html_text, base_url=str(base)).write_pdf(target, stylesheets=[fonts])
    return target


def render_report(
    paths: Paths, *, title: str, corpus_name: str, lexicons: dict[str, Path] | None = None
) -> tuple[Path, Path]:
    """Write report.html and report.pdf from the executed notebooks under ``paths``."""
    paths.report.mkdir(parents=True, exist_ok=True)
    page = build_html(paths, title=title, corpus_name=corpus_name, lexicons=lexicons)
    html_path = paths.report / "report.html"
    html_path.write_text(page, encoding="utf-8")
    epoch = source_date(pd.read_parquet(paths.processed / "corpus.parquet", columns=["date"]))
    return html_path, write_pdf(page, paths.report / "report.pdf", base=paths.report, epoch=epoch)
