"""The scale path through the whole pipeline: a table-file corpus of generated articles, in partitions.

(That both engines give the same tables is tested on the index, where every count is made: test_index.)"""

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from newsreport.cli import main
from newsreport.contract import TABLES

pytestmark = pytest.mark.slow


def generated(n_docs: int, path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "benchmarks" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module.write(module.generate(n_docs, seed=7), path)


def test_a_large_corpus_report_keeps_document_level_output_bounded(project, tmp_path):
    import pandas as pd
    from pypdf import PdfReader

    corpus = generated(700, tmp_path / "generated.jsonl")
    assert main(["--root", str(project), "--corpus", str(corpus), "-p", "n_boot", "100"]) == 0
    report = project / "report"
    assert len(pd.read_csv(report / "tables" / "corpus.csv")) == 700
    mentions = pd.read_csv(report / "tables" / "mentions.csv")
    evidence = pd.read_csv(report / "tables" / "mention_evidence.csv")
    assert mentions["mentions"].sum() == len(evidence)
    assert len(PdfReader(report / "report.pdf").pages) < 80  # no page per document
    page = (report / "report.html").read_text(encoding="utf-8")
    # the sources appendix lists max_documents_shown documents, as the chapters' document-level tables do, and
    # it alone says so in a table's cut: the chapters' tables and figures say which documents they show
    assert "Showing the first 40 of 700 rows; all rows are in report/tables/corpus.csv." in page
    assert page.count("Showing the first 40 of 700 rows") == 1 and "(the 40 of 700 documents" in page
    files = {*TABLES, *(name.replace(".csv", ".parquet") for name in TABLES)}
    named = {name for name in files if name in page}
    assert {"mention_evidence.csv", "theme_evidence.csv"} <= named  # the files the report sends a reader to exist
    assert all((report / "tables" / name).exists() for name in named), named
