"""The report's appendices: the sources (every document), the methods with the lexicons, and the provenance.

Each is bounded: a corpus of 100,000 documents or a lexicon of 10,000 entries lists its first rows and names
the file (attached to the PDF, ``attachments``) that holds the rest.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pandas as pd

from newsreport import blocks
from newsreport.attachments import MAX_FILE, MAX_TOTAL, Carried
from newsreport.bidi import table_html
from newsreport.groups import UNKNOWN
from newsreport.labels import in_date_order

DATE_SOURCES = {"text": "text", "page": "page", "metadata": "metadata.csv"}  # date_source as the sources list says it
LEXICON_SHOWN = 150  # entities (or themes) of a lexicon printed in full; a larger one is summarised


def sources_appendix(documents: pd.DataFrame, *, shown: int) -> str:
    """Appendix A: every document (the first ``shown`` when there are more: corpus.csv, attached, lists every
    one) by date: outlet, title, address, language, origin."""
    table = documents.assign(date=documents["date"].dt.strftime("%Y-%m-%d"),
                             date_source=documents["date_source"].map(DATE_SOURCES),
                             outlet=documents["outlet"].fillna(UNKNOWN).replace("", UNKNOWN))
    table = in_date_order(table, documents)
    table = table[["date", "date_source", "outlet", "title", "url", "language", "file"]].rename(
        columns={"date_source": "date from", "url": "address", "file": "read from"})
    shown = blocks.table(
        table, name="sources", max_rows=shown, csv=Path("report/tables/corpus.csv"),
        caption="Every document of the corpus by date of publication (undated last): where its date was read, its "
        "outlet, title, web address when it has one, language, and the file (or the web-archive record) it was "
        "read from.",
        explain={"date from": "the article's own text, its web page's metadata, or metadata.csv",
                 "read from": "the corpus file, or the web archive and the address of the record"},
    )
    return ('<section class="appendix"><h1 id="sources">Appendix A. Sources</h1>'
            "<p>The documents this report stands on, as a media-monitoring reader lists them first. Their text, "
            "identifiers and hashes are in corpus.csv.</p>" + shown + "</section>")


def methods_appendix(lexicons: dict[str, Path]) -> str:
    """Appendix B: how everything was counted, and the lexicons (in full up to ``LEXICON_SHOWN`` entities)."""
    import mistune

    text = files("newsreport").joinpath("templates/methods.md").read_text(encoding="utf-8")
    parts = ['<section class="appendix"><h1 id="methods">Appendix B. Methods</h1>',
             blocks.anchored(mistune.html(text), prefix="methods-")]
    for name, path in lexicons.items():
        if (table := _lexicon_table(path)) is None:
            continue
        parts.append(f'<h2 id="methods-{blocks.slug(name)}">{name}</h2>')
        if len(table) <= LEXICON_SHOWN or "type" not in table.columns:
            parts.append(blocks.table(_printed(table), name=f"lexicon-{blocks.slug(name)}", max_rows=len(table),
                                      caption=f"{name}, as read from {path.name}."))
        else:
            counts = table.groupby("type", sort=True).agg(
                entries=("type", "size"), **{lang: (lang, lambda s: int(s.str.len().gt(0).sum()))
                                             for lang in ("en", "fr", "ar")})
            parts.append(blocks.table(
                counts.reset_index(), name=f"lexicon-{blocks.slug(name)}", max_rows=len(counts),
                caption=f"{name}: {len(table):,} entries, too many to print (the report prints a lexicon of at "
                f"most {LEXICON_SHOWN} entries in full). The lexicon is {path.name}, attached to the PDF; here, "
                "its entries per type and how many have aliases in each language.",
                explain={"entries": "entries of the type", "en": "entries with English aliases",
                         "fr": "with French aliases", "ar": "with Arabic aliases"}))
    return "".join(parts) + "</section>"


def provenance_appendix(manifest: dict, carried: list[Carried]) -> str:
    """Appendix C: every input's SHA-256, the parameters, package versions, each notebook's run, and the
    files attached to the PDF (or named, when too large to attach)."""
    def table(rows: list[tuple], columns: list[str]) -> str:
        return table_html(pd.DataFrame(rows, columns=columns), ltr=("file",), index=False, border=0, classes="data")

    notebooks = [(nb["name"], nb["fingerprint"][:16], len(nb["outputs"])) for nb in manifest.get("notebooks", [])]
    parameters = [(k, json.dumps(v, ensure_ascii=False)) for k, v in manifest.get("parameters", {}).items()]
    files_carried = [(c.name, "attached" if c.attached else "not attached: in report/tables/", f"{c.size:,}",
                      c.sha256) for c in carried]
    return (
        '<section class="appendix"><h1 id="provenance">Appendix C. Provenance</h1>'
        "<p>What produced every number of this report; the same facts are in report/manifest.json, with "
        "each notebook's run time. A notebook's fingerprint is the hash of its source, its parameters, the "
        "input files it reads and the package's code: the same fingerprints give the same tables, figures and "
        "report, byte for byte. Outputs: how many tables and figures the notebook wrote.</p>"
        '<h2 id="provenance-notebooks">Notebooks</h2>'
        + table(notebooks, ["notebook", "fingerprint", "outputs"])
        + '<h2 id="provenance-inputs">Input files</h2>'
        + table(list(manifest.get("inputs", {}).items()), ["file", "sha256"])
        + '<h2 id="provenance-parameters">Parameters</h2>' + table(parameters, ["parameter", "value"])
        + '<h2 id="provenance-packages">Software</h2>'
        + table(list(manifest.get("packages", {}).items()), ["package", "version"])
        + '<h2 id="provenance-attachments">Files attached to the PDF</h2>'
        + f"<p>The PDF carries the report's tables, its manifest, the parameter file and the lexicons, so that a "
        "reader with only the PDF can check any number: open the attachments panel of a PDF reader, or extract "
        "them with pypdf as the README shows. A file larger than "
        f"{MAX_FILE // 2**20} MB, or one that would take the attachments past {MAX_TOTAL // 2**20} MB, is named "
        "here with its size and SHA-256 and stays in report/tables/.</p>"
        + table(files_carried, ["file", "in the PDF", "bytes", "sha256"])
        + "</section>"
    )


def _lexicon_table(path: Path) -> pd.DataFrame | None:
    from newsreport.errors import InputError

    if not path.is_file():
        return None
    if path.suffix == ".yaml" and path.name.startswith("stopwords"):
        from newsreport.tokens import project_stop_words

        words = project_stop_words(path)
        return pd.DataFrame([(lang, _listed(sorted(w))) for lang, w in sorted(words.items())],
                            columns=["language", "project stop words"])
    from newsreport.lexicon import load_lexicon

    try:
        aliases = load_lexicon(path)
    except InputError:
        return None
    wide = aliases.groupby(["entity", "entity_type", "language"], sort=False)["alias"].agg(", ".join).unstack()
    wide = wide.reindex(columns=["en", "fr", "ar"]).astype(object).fillna("").reset_index()
    wide.columns.name = None
    return wide.rename(columns={"entity_type": "type"})


def _printed(lexicon: pd.DataFrame) -> pd.DataFrame:
    """A lexicon as printed in full: a theme dictionary's entries are themes, all of one type."""
    if "type" in lexicon.columns and set(lexicon["type"]) == {"theme"}:
        return lexicon.drop(columns="type").rename(columns={"entity": "theme"})
    return lexicon


def _listed(words: list[str], limit: int = 300) -> str:
    return ", ".join(words) if len(words) <= limit else ", ".join(words[:limit]) + f" … ({len(words):,} in all)"
