"""The scale path through the whole pipeline: a table-file corpus, partitions, and both engines."""

import hashlib
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from newsreport.cli import main

pytestmark = pytest.mark.slow


def generated(n_docs: int, path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "benchmarks" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module.write(module.generate(n_docs, seed=7), path)


def tables(report: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((report / "tables").iterdir())}


def test_local_and_dask_engines_give_byte_identical_tables(project, tmp_path):
    corpus = generated(1200, tmp_path / "generated.jsonl")
    common = ["--root", str(project), "--corpus", str(corpus), "-p", "partition_size", "300", "-p", "n_boot", "200"]
    assert main([*common, "-p", "workers", "2"]) == 0
    local = tables(project / "report")
    shutil.rmtree(project / "report" / "tables")
    assert main([*common, "-p", "engine", "dask", "-p", "workers", "2"]) == 0
    assert tables(project / "report") == local
    assert {"corpus.csv", "term_frequency.csv", "mentions.csv", "mention_evidence.csv", "mention_timeline.csv",
            "theme_scores.csv", "keyness.csv"} <= set(local)


def test_a_large_corpus_report_keeps_document_level_output_bounded(project, tmp_path):
    import pandas as pd
    from pypdf import PdfReader

    corpus = generated(1200, tmp_path / "generated.jsonl")
    assert main(["--root", str(project), "--corpus", str(corpus), "-p", "n_boot", "100"]) == 0
    report = project / "report"
    assert len(pd.read_csv(report / "tables" / "corpus.csv")) == 1200
    mentions = pd.read_csv(report / "tables" / "mentions.csv")
    evidence = pd.read_csv(report / "tables" / "mention_evidence.csv")
    assert mentions["mentions"].sum() == len(evidence)
    assert len(PdfReader(report / "report.pdf").pages) < 60  # no page per document
