"""Collocations: pairs of words a corpus writes together more often than chance allows, per language.

For each pair of consecutive words (a candidate term of two words, never across a sentence, punctuation
or a stop word), the 2x2 table of the pair against the two words' other occurrences gives Dunning's
log-likelihood G2 (``keyness.contingency_tests``). A pair seen at least ``MIN_COUNT`` times, more often
than expected, with G2 of at least ``CRITICAL_G2`` (p < 0.001, one degree of freedom), is a
collocation: it is compounded into one term before counting, and any other pair is not shown as a
phrase.
"""

from __future__ import annotations

import pandas as pd

from newsreport.keyness import contingency_tests

MIN_COUNT = 3  # occurrences of the pair
CRITICAL_G2 = 10.83  # chi-squared with one degree of freedom at p = 0.001
COLUMNS = ["language", "term", "count", "expected", "g2", "p_value"]


def collocations(counts: pd.DataFrame) -> pd.DataFrame:
    """The collocations among candidate counts per language (language, term, n, count, as
    ``frequency.term_frequency`` gives them for every word and pair of words), strongest first."""
    found = []
    for language, group in counts.groupby("language", sort=True):
        words = group[group["n"] == 1].set_index("term")["count"]
        pairs = group[(group["n"] == 2) & (group["count"] >= MIN_COUNT)]
        if pairs.empty or words.empty:
            continue
        total = int(words.sum())
        first = pairs["term"].str.split(" ").str[0].map(words).to_numpy(dtype=float)
        second = pairs["term"].str.split(" ").str[1].map(words).to_numpy(dtype=float)
        together = pairs["count"].to_numpy(dtype=float)
        test = contingency_tests(together, second - together, target_tokens=first, reference_tokens=total - first)
        expected = first * second / total
        table = pd.DataFrame({"language": language, "term": pairs["term"].to_numpy(), "count": together.astype(int),
                              "expected": expected.round(4), "g2": test["g2"].round(4), "p_value": test["p_value"]})
        found.append(table[(together > expected) & (table["g2"] >= CRITICAL_G2)])
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    table = pd.concat(found, ignore_index=True)
    return table.assign(_neg=-table["g2"]).sort_values(["language", "_neg", "term"], kind="mergesort").drop(
        columns="_neg").reset_index(drop=True)[COLUMNS]


def as_options(table: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Collocations as ``TermOptions.collocations``: (language, term), in a fixed order."""
    return tuple(sorted(zip(table["language"], table["term"], strict=True)))

