"""Mentions: who and what the corpus names, counted per document from the evidence rows and totalled.

Every count is a number of evidence rows (``matching.evidence_table``): ``mentions.csv`` and the evidence
table always agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newsreport.bidi import mark
from newsreport.contract import TABLES
from newsreport.index import LexiconMatches
from newsreport.labels import plural
from newsreport.rates import per_1k

MENTION_COLUMNS = list(TABLES["mentions.csv"].columns)


def count_mentions(evidence: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Mentions per document and entity (count > 0): the number of evidence rows. Counted on integer codes of
    the keys, numbered in the keys' sorted order, so that the counts come out sorted (millions of rows at
    scale: a categorical column is not turned back into text until the counts are made)."""
    (doc, doc_ids), (entity, entities), (kind, kinds) = (_sorted_codes(evidence[key])
                                                         for key in ("doc_id", "entity", "entity_type"))
    keys, mentions = np.unique((doc * len(entities) + entity) * len(kinds) + kind, return_counts=True)
    doc, rest = np.divmod(keys, len(entities) * len(kinds))
    entity, kind = np.divmod(rest, len(kinds))
    dates = pd.Series(doc_ids).map(documents.set_index("doc_id")["date"]).to_numpy()
    return pd.DataFrame({"doc_id": doc_ids[doc], "date": dates[doc], "entity": entities[entity],
                         "entity_type": kinds[kind], "mentions": mentions.astype(np.int64)})[MENTION_COLUMNS]


def _sorted_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column's values as integer codes numbered in the values' sorted order, and the values in that order."""
    categorical = pd.Categorical(column)
    if (categorical.codes < 0).any():
        raise ValueError(f"evidence rows without their {column.name}: every row names its document and entry")
    values = categorical.categories.to_numpy(dtype=object)
    order = np.argsort(values, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[categorical.codes], values[order]


def alias_hits(evidence: pd.DataFrame) -> pd.DataFrame:
    """Hits per entry and alias (entity, alias, hits): evidence rows counted."""
    hits = evidence.groupby(["entity", "alias"], sort=True, observed=True).size().rename("hits").reset_index()
    return hits.astype({"entity": str, "alias": str, "hits": "int64"})


def counted(matches: LexiconMatches, documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A lexicon's mentions per document (``count_mentions``) and hits per alias (``alias_hits``), read from
    its evidence partitions without their context columns."""
    evidence = matches.read(["doc_id", "entity", "entity_type", "alias"], categorical=True)
    return count_mentions(evidence, documents), alias_hits(evidence)


def mention_totals(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per entity: mentions in all, documents mentioning it, and mentions per 1,000 corpus tokens."""
    totals = (
        mentions.groupby(["entity", "entity_type"], as_index=False)
        .agg(mentions=("mentions", "sum"), documents=("doc_id", "nunique"))
    )
    return _rated(totals, documents)


def country_totals(aliases: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame, *,
                   entity_type: str = "country") -> pd.DataFrame:
    """Every country of the lexicon (entries of ``entity_type`` in its alias table, ``lexicon.load_lexicon``),
    mentioned or not: mentions in all, documents mentioning it and mentions per 1,000 corpus tokens, most
    mentioned first (``_rated``), zeros by name. A country with zero mentions is a row, so a reader sees who is
    absent."""
    names = pd.unique(aliases.loc[aliases["entity_type"] == entity_type, "entity"].astype(str))
    counted = mention_totals(mentions[mentions["entity"].isin(names)], documents).set_index("entity")
    totals = counted[["mentions", "documents"]].reindex(pd.Index(names, name="entity"), fill_value=0)
    return _rated(totals.astype("int64").reset_index(), documents)


def _rated(totals: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Totals with their mentions per 1,000 tokens of the corpus, most mentioned first; of two with as many
    mentions, the one in more documents, then by name."""
    tokens = documents["n_tokens"].sum()
    totals["per_1k"] = per_1k(totals["mentions"], tokens)
    ordered = totals.sort_values(["mentions", "documents", "entity"], ascending=[False, False, True], kind="mergesort")
    return ordered.reset_index(drop=True)


def describe_countries(totals: pd.DataFrame, *, k: int = 5) -> str:
    """One sentence: how many countries of the lexicon are mentioned, the most mentioned, and those never."""
    if totals.empty:
        return "The lexicon lists no country."
    named = totals[totals["mentions"] > 0]
    absent = totals.loc[totals["mentions"] == 0, "entity"].tolist()
    top = ", ".join(f"{mark(e)} ({m:,})" for e, m in named[["entity", "mentions"]].head(k).itertuples(index=False))
    said = (f"{len(named)} of the {len(totals)} countries of the lexicon are mentioned"
            + (f", most often {top}" if top else ""))
    if absent:
        said += f"; {len(absent)} are never mentioned: {', '.join(map(mark, absent))}"
    return said + "."


def evidence_for(evidence: pd.DataFrame, entities: list[str], *, per_entity: int = 5) -> pd.DataFrame:
    """The first evidence rows (keyword in context) of each of the given entities, in their order."""
    rows = [evidence[evidence["entity"] == entity].head(per_entity) for entity in entities]
    columns = ["entity", "doc_id", "left", "match", "right"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)


def describe_totals(totals: pd.DataFrame, documents: pd.DataFrame, *, k: int = 5) -> str:
    """One sentence: the most mentioned entities and how widely they are spread."""
    if totals.empty:
        return "No entity of the lexicon is mentioned in the corpus."
    top = "; ".join(f"{mark(e)} {m:,} times in {d:,} of {len(documents):,} documents"
                    for e, m, d in totals[["entity", "mentions", "documents"]].head(k).itertuples(index=False))
    return (f"{plural(len(totals), 'entity', 'entities')} of the lexicon {'is' if len(totals) == 1 else 'are'} "
            f"mentioned; the most mentioned {'is' if len(totals) == 1 else 'are'} {top}.")


def describe_unmatched(unmatched: pd.DataFrame, aliases: pd.DataFrame, *, csv: str) -> str:
    """How much of the lexicon never matched, with a few examples (the full list is a CSV)."""
    examples = ", ".join(map(mark, pd.unique(unmatched["alias"])[:8]))  # an alias of several languages once
    return (f"{len(unmatched):,} of {plural(len(aliases), 'alias', 'aliases')} never matched (in "
            f"{plural(unmatched['entity'].nunique(), 'entry', 'entries')}), "
            f"e.g. {examples}; all are listed in {csv}." if len(unmatched) else
            "Every alias of the lexicon matched at least once.")
