"""A deterministic synthetic corpus for the scale benchmark: the seed articles' sentences, resampled.

Each generated article takes its language with the seeds' proportions, a title and an outlet of a
seed in that language, 10 to 20 sentences drawn (with replacement) from the seeds of that language
in paragraphs of one to three sentences, and a date drawn uniformly from 2011-2019. The same
``n_docs`` and ``seed`` always give the same table, on any machine.

    python benchmarks/generate_corpus.py 10000 --seed 0 --out corpus.parquet   (or .csv, .jsonl)
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from newsreport.corpus import load_corpus
from newsreport.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
# A sentence ends at a paragraph break, or at . ! ? ؟ … followed by space and a capital or a quote; not at
# the full stop of an initial ("Ronald K. Noble").
SENTENCE_END = re.compile(
    r"\n\s*\n|\n|(?<=[.!?؟…])(?<!\b[A-Z]\.)[”\"»)]?\s+(?=[“\"«(]?[A-ZÀ-Þ\u0600-\u06ff])")
RAW = ROOT / "data" / "raw"
COLUMNS = ["doc_id", "title", "date", "language", "outlet", "text"]
FIRST_DAY, LAST_DAY = pd.Timestamp("2011-01-01"), pd.Timestamp("2019-12-31")
SENTENCES = (10, 20)  # fewest and most sentences of a generated article
PARAGRAPH = (1, 3)  # fewest and most sentences of a paragraph


@dataclass(frozen=True)
class Seeds:
    """What the generator draws from, per language: sentences of the bodies, titles, outlets."""

    languages: tuple[str, ...]
    weights: tuple[float, ...]  # share of the seed articles in each language
    sentences: dict[str, tuple[str, ...]]
    titles: dict[str, tuple[str, ...]]
    outlets: dict[str, tuple[str, ...]]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text."""
    spans, start = [], 0
    for boundary in SENTENCE_END.finditer(text):
        if text[start : boundary.start()].strip():
            spans.append((start, boundary.start()))
        start = boundary.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@cache
def seeds(folder: Path = RAW) -> Seeds:
    """The seed articles, cleaned by ``load_corpus``, cut into sentences and grouped by language."""
    metadata = folder / "metadata.csv"
    documents = load_corpus(folder, metadata=metadata if metadata.is_file() else None).documents
    sentences: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = {}
    outlets: dict[str, list[str]] = {}
    for title, language, outlet, text in documents[["title", "language", "outlet", "text"]].itertuples(index=False):
        body = text[len(title) + 2 :] if isinstance(title, str) and title else text
        found = [" ".join(body[start:end].split()) for start, end in sentence_spans(body)]
        sentences.setdefault(language, []).extend(found)
        titles.setdefault(language, []).append(title if isinstance(title, str) and title else found[0])
        outlets.setdefault(language, []).append(outlet if isinstance(outlet, str) and outlet else "unknown")
    languages = tuple(sorted(sentences))
    counts = documents["language"].value_counts()
    return Seeds(
        languages=languages,
        weights=tuple(float(counts[lang] / counts.sum()) for lang in languages),
        sentences={lang: tuple(found) for lang, found in sentences.items()},
        titles={lang: tuple(found) for lang, found in titles.items()},
        outlets={lang: tuple(dict.fromkeys(found)) for lang, found in outlets.items()},
    )


def generate(n_docs: int, *, seed: int = 0, folder: Path = RAW) -> pd.DataFrame:
    """``n_docs`` articles (doc_id, title, date, language, outlet, text) resampled from the seeds of ``folder``.

    ``text`` is written as the corpus table writes it (title, a blank line, the body), so the
    analysis reads a generated article as it reads a loaded one.
    """
    if n_docs < 0:
        raise InputError(f"n_docs must be 0 or more, got {n_docs}")
    pool = seeds(folder)
    rng = np.random.default_rng(seed)
    languages = rng.choice(len(pool.languages), size=n_docs, p=pool.weights)
    days = rng.integers(0, (LAST_DAY - FIRST_DAY).days + 1, size=n_docs)
    rows = []
    for i, (which, day) in enumerate(zip(languages, days, strict=True)):
        language = pool.languages[which]
        sentences, titles, outlets = pool.sentences[language], pool.titles[language], pool.outlets[language]
        drawn = rng.integers(0, len(sentences), size=rng.integers(SENTENCES[0], SENTENCES[1] + 1))
        paragraphs, at = [], 0
        while at < len(drawn):
            size = int(rng.integers(PARAGRAPH[0], PARAGRAPH[1] + 1))
            paragraphs.append(" ".join(sentences[k] for k in drawn[at : at + size]))
            at += size
        title = titles[int(rng.integers(len(titles)))]
        rows.append((f"gen_{i:07d}", title, FIRST_DAY + pd.Timedelta(days=int(day)), language,
                     outlets[int(rng.integers(len(outlets)))], title + "\n\n" + "\n\n".join(paragraphs)))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["date"] = pd.to_datetime(table["date"]).astype("datetime64[s]")
    return table


def write(table: pd.DataFrame, path: Path) -> Path:
    """Write a generated corpus as CSV, JSON lines or Parquet, by the file's extension.

    The file holds what an exported archive holds: the title in its column and only the body in
    ``text`` (loading puts the title back in front, so the loaded text equals the generated one).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    bodies = [text[len(title) + 2 :] for title, text in zip(table["title"], table["text"], strict=True)]
    table = table.assign(text=bodies)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", date_format="%Y-%m-%d")
    elif suffix == ".jsonl":
        table.assign(date=table["date"].dt.strftime("%Y-%m-%d")).to_json(
            path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".parquet":
        table.to_parquet(path, index=False)
    else:
        raise InputError(f"{path}: write .csv, .jsonl or .parquet")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_docs", type=int, help="how many articles to generate")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same corpus)")
    parser.add_argument("--out", type=Path, required=True, help="output file: .csv, .jsonl or .parquet")
    args = parser.parse_args(argv)
    path = write(generate(args.n_docs, seed=args.seed), args.out)
    print(f"{args.n_docs} articles written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
