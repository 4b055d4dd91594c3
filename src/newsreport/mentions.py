"""Mentions: who and what the corpus names, totalled, with the tables that trace every count."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsreport.tables import write_csv


def mention_totals(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per entity: mentions in all, documents mentioning it, and mentions per 1,000 corpus tokens."""
    totals = (
        mentions.groupby(["entity", "entity_type"], as_index=False)
        .agg(mentions=("mentions", "sum"), documents=("doc_id", "nunique"))
    )
    totals["per_1k"] = (totals["mentions"] / documents["n_tokens"].sum() * 1000).round(4)
    ordered = totals.assign(_neg=-totals["mentions"]).sort_values(["_neg", "entity"], kind="mergesort")
    return ordered.drop(columns="_neg").reset_index(drop=True)


def evidence_for(evidence: pd.DataFrame, entities: list[str], *, per_entity: int = 5) -> pd.DataFrame:
    """The first evidence rows (keyword in context) of each of the given entities, in their order."""
    rows = [evidence[evidence["entity"] == entity].head(per_entity) for entity in entities]
    columns = ["entity", "doc_id", "left", "match", "right"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)


DIAGNOSTIC_SAMPLE = 2000  # documents read for names the lexicon does not cover


def diagnostic_sample(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents searched for uncovered names: all of a small corpus, the first 2,000 by doc_id else."""
    return documents.sort_values("doc_id", kind="mergesort").head(DIAGNOSTIC_SAMPLE)


def save_mentions(
    mentions: pd.DataFrame, timeline: pd.DataFrame, unmatched: pd.DataFrame, uncovered: pd.DataFrame,
    *, tables: Path,
) -> dict[str, Path]:
    """Write the mention tables of the output contract (the evidence is written while matching) and the
    lexicon diagnostics."""
    return {
        "mentions.csv": write_csv(mentions, tables / "mentions.csv", sort_by=["doc_id", "entity"]),
        "mention_evidence.csv": tables / "mention_evidence.csv",
        "mention_timeline.csv": write_csv(timeline, tables / "mention_timeline.csv", sort_by=["period", "entity"]),
        "unmatched_aliases.csv": write_csv(unmatched, tables / "unmatched_aliases.csv",
                                           sort_by=["entity", "language", "alias"]),
        "uncovered_names.csv": write_csv(uncovered, tables / "uncovered_names.csv", sort_by=[]),
    }


def describe_totals(totals: pd.DataFrame, documents: pd.DataFrame, *, k: int = 5) -> str:
    """One sentence: the most mentioned entities and how widely they are spread."""
    if totals.empty:
        return "No entity of the lexicon is mentioned in the corpus."
    top = "; ".join(f"{e} {m:,} times in {d:,} of {len(documents):,} documents"
                    for e, m, d in totals[["entity", "mentions", "documents"]].head(k).itertuples(index=False))
    return f"{len(totals)} entities of the lexicon are mentioned; the most mentioned are {top}."


def describe_unmatched(unmatched: pd.DataFrame, aliases: pd.DataFrame, *, csv: str) -> str:
    """How much of the lexicon never matched, with a few examples (the full list is a CSV)."""
    examples = ", ".join(unmatched["alias"].head(8))
    return (f"{len(unmatched)} of {len(aliases)} aliases never matched (in {unmatched['entity'].nunique()} entries), "
            f"e.g. {examples}; all are listed in {csv}." if len(unmatched) else
            "Every alias of the lexicon matched at least once.")
