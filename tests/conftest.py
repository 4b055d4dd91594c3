"""Shared fixtures: a small corpus of its own (not the seeds), a throw-away project copy, and one report
built once per test session for the tests that only read it (or copy it before changing anything)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ENGLISH = """All news
12 March 2016

Police chiefs meet in Amman to discuss border security

AMMAN, Jordan – Police chiefs from the region met in Amman to discuss border security and the threat posed by foreign terrorist fighters.Delegates agreed to share more information through INTERPOL databases.

The meeting was hosted by the Jordanian Public Security Directorate and attended by officials from Egypt, Iraq and Lebanon.

Our site uses cookies to ensure technical functionality.

Tell me more
"""

FRENCH = """Coopération policière renforcée entre le Maroc et la Tunisie

Par Amina Benali

Rabat – Les polices du Maroc et de la Tunisie ont décidé de renforcer leur coopération contre le terrorisme et la criminalité organisée. Les deux pays échangeront davantage d’informations sur les combattants terroristes étrangers.

Le ministre a souligné l’importance de la sécurité des frontières et de la formation des policiers.

Laisser un commentaire

Votre adresse e-mail ne sera pas publiée.
"""

ARABIC = """١٢ ديسمبر، ٢٠١٨

الإنتربول يعزز التعاون الأمني مع الدول العربية

تونس – عقد الإنتربول اجتماعا مع قادة الشرطة في الدول العربية لمناقشة مكافحة الإرهاب والجريمة المنظمة وتبادل المعلومات بين أجهزة الشرطة في المنطقة.
"""

METADATA = """doc_id,title,date,outlet,url,language,dateline,date_evidence
en_amman,,,Fixture Wire,,en,,
fr_rabat,,2017-05-02,Fixture Presse,,fr,,page date
"""


def corpus_of(documents, folder: Path, *, partition_size: int = 2000):
    """A documents table (doc_id, language, text, ...) written as a corpus table, opened as the index reads it."""
    from newsreport.corpus_table import open_corpus, write_corpus_table

    return open_corpus(write_corpus_table(documents, folder / "corpus.parquet", partition_size=partition_size))


def match_documents(documents, aliases, *, window: int | None = None):
    """The evidence table of a documents table (doc_id, text): every alias of every language looked for in every
    document, one row per mention (``matching.evidence_table``), sorted by document and offset."""
    from newsreport.concordance import WINDOW
    from newsreport.matching import Batch, Matcher, build_matcher, evidence_table

    matcher = aliases if isinstance(aliases, Matcher) else build_matcher(aliases)
    evidence = evidence_table(documents["doc_id"].tolist(), Batch(documents["text"].tolist()), matcher,
                              window=window or WINDOW).to_pandas()
    return evidence.sort_values(["doc_id", "start"], kind="mergesort").reset_index(drop=True)


def write_fixture_corpus(folder: Path, *, metadata: bool = True) -> Path:
    """Three short articles of the fixture corpus: English (UTF-8), French (cp1252), Arabic."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en_amman.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "fr_rabat.txt").write_bytes(FRENCH.replace("’", "'").encode("cp1252"))
    (folder / "ar_tunis.txt").write_text(ARABIC, encoding="utf-8")
    if metadata:
        (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    return folder


@pytest.fixture
def fixture_corpus(tmp_path: Path) -> Path:
    return write_fixture_corpus(tmp_path / "corpus")


HOSTILE = """<script>alert('title')</script> Police chiefs meet

AMMAN, Jordan – Officials discussed <img src=x onerror=alert(1)> border security and INTERPOL databases at length today.

<script>document.location='http://evil.example'</script> The talks continued on terrorism and training.
"""
SECRET = Path("/etc/passwd")  # a file outside the corpus folder that a link in it points to


def new_project(root: Path) -> Path:
    """A copy of the project's configuration, notebooks, lexicons and events, with the fixture corpus."""
    for folder in ("config", "notebooks", "data/lexicons"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "data" / "events.csv", root / "data" / "events.csv")
    write_fixture_corpus(root / "data" / "raw")
    for folder in ("data/processed", "figures", "report"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / ".gitkeep").touch()
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project (nothing built yet) with the fixture corpus."""
    return new_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A project built once for the session: the fixture corpus plus what a corpus folder should not be
    trusted with (markup in the text, a link to /etc/passwd, a subfolder of articles). Read it, or copy it
    (``built_copy``) before changing anything."""
    from newsreport.cli import main

    root = new_project(tmp_path_factory.mktemp("built") / "project")
    raw = root / "data" / "raw"
    (raw / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (raw / "passwd.txt").symlink_to(SECRET)
    (raw / "2019").mkdir()
    (raw / "2019" / "extra.txt").write_text("An article in a subfolder about INTERPOL.\n", encoding="utf-8")
    assert main(["--root", str(root)]) == 0
    return root


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A copy of the session's built project, to change."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy
