"""Shared fixtures: a small corpus of its own (not the seeds) and a throw-away project copy."""

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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's configuration, notebooks and lexicons, with the fixture corpus."""
    root = tmp_path / "project"
    for folder in ("config", "notebooks", "data/lexicons"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, root / folder)
    write_fixture_corpus(root / "data" / "raw")
    for folder in ("data/processed", "figures", "report"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root
