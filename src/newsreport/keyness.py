"""Keyness: which terms a group of documents uses more (or less) than the others, and how sure that is.

For each term, the 2x2 table of term and other tokens in target and reference gives Dunning's
log-likelihood G2 (its p-value from chi-squared with one degree of freedom), Pearson's chi-squared,
and Hardie's log ratio as effect size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from newsreport.bidi import mark
from newsreport.contract import TABLES
from newsreport.errors import InputError
from newsreport.groups import document_groups, group_sizes
from newsreport.labels import plural

if TYPE_CHECKING:
    from newsreport.index import TermCounts

KEYNESS_COLUMNS = list(TABLES["keyness.csv"].columns)
#: The columns of keyness.csv the report shows, and what each means to a reader.
SHOWN_COLUMNS = ["group", "term", "target_count", "target_docs", "reference_count", "g2", "p_value", "effect_size",
                 "indicative"]
KEY_P = 0.05  # the p-value under which an over-used term is shown as key
KEY_DOCS = 2  # the group's documents a key term must be used in: one document's word is not its group's
EXPLAINED = {
    "group": "the group compared with the rest of the documents",
    "target_count": "occurrences in the group", "target_docs": "documents of the group using it",
    "reference_count": "occurrences in the rest",
    "g2": "Dunning's log-likelihood G²: how far the counts are from the same rate on both sides",
    "p_value": "the chance of a G² this large if the rates were the same",
    "effect_size": "log₂ of the ratio of the term's rates in the group and the rest (2: four times as frequent)",
    "indicative": "yes when an expected count is under 5",
}


def keyness_by_group(
    terms: TermCounts, documents: pd.DataFrame, *, by: str, language: str, min_count: int = 3, min_docs: int = 1,
) -> pd.DataFrame:
    """Keyness of each group of ``by`` against all the other documents of one ``language`` (terms are compared
    within a language; comparison "<by>=<group> vs rest"). Documents without a value are left out: "undated"
    is not a period to characterise. A comparison with fewer than ``min_docs`` documents on either side is
    marked indicative throughout."""
    documents = documents[documents["language"] == language]
    groups = document_groups(documents, by=by, keep_missing=False)
    if groups.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    counts = terms.by_group(groups).counts
    return keyness_of_groups(counts, group_sizes(documents, groups), by=by, min_count=min_count, min_docs=min_docs)


def keyness_of_groups(
    counts: pd.DataFrame, groups: pd.DataFrame, *, by: str, min_count: int = 3, min_docs: int = 1
) -> pd.DataFrame:
    """Keyness of each group against the rest from counts per group: ``counts`` (group, term, count, doc_count) and
    ``groups`` (group, tokens, docs), with the tests of the module's docstring (chi-squared without continuity
    correction; a zero count taken as 0.5 in the log ratio). ``statistic`` is G² signed by the direction (negative:
    rarer in the group), so the group's key terms come first. Terms seen fewer than ``min_count`` times in all are
    left out; ``indicative`` flags an expected count under 5. A group is compared only when it and the rest both
    have ``min_docs`` documents: one article against a few others has no key terms, only its own words."""
    tables = []
    total = counts.groupby("term")["count"].sum()
    for group, tokens, docs in groups[["group", "tokens", "docs"]].itertuples(index=False):
        rest_docs, rest_tokens = groups["docs"].sum() - docs, groups["tokens"].sum() - tokens
        if not _enough_documents(docs, rest_docs, min_docs) or tokens == 0 or rest_tokens == 0:
            continue
        own = counts[counts["group"] == group].set_index("term")
        target = own["count"].reindex(total.index, fill_value=0)
        kept = total >= max(min_count, 1)
        a = target[kept].to_numpy(dtype=float)
        b = (total[kept] - target[kept]).to_numpy(dtype=float)
        test = contingency_tests(a, b, target_tokens=int(tokens), reference_tokens=int(rest_tokens))
        table = pd.DataFrame({"comparison": f"{by}={group} vs rest", "term": total.index[kept].to_numpy(),
                              "target_count": a.astype("int64"), "reference_count": b.astype("int64"), **test,
                              "target_docs": own["doc_count"].reindex(total.index[kept], fill_value=0).to_numpy()})
        tables.append(table[KEYNESS_COLUMNS])
    if not tables:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return _sort_keyness(pd.concat(tables, ignore_index=True))


def _enough_documents(docs: int, rest_docs: int, min_docs: int) -> bool:
    """Whether a group and the rest have the documents a comparison needs (``min_docs`` each, one at least)."""
    return min(docs, rest_docs) >= max(min_docs, 1)


def why_no_keyness(documents: pd.DataFrame, key_terms: pd.DataFrame, *, by: str, language: str, min_docs: int,
                   min_count: int = 3) -> str:
    """One sentence saying why the keyness table (``top_keyness`` of ``key_terms``, made by ``keyness_by_group``
    with these parameters) has no row, for the section that has no table."""
    from newsreport.language import language_name

    documents = documents[documents["language"] == language]
    name = language_name(language)
    if not key_terms.empty:
        return (f"No term is significantly more frequent (p < {KEY_P}) in one {by} group of the {name} documents "
                f"than in the rest and used in {KEY_DOCS} of the group's documents or more.")
    if documents.empty:
        return f"Keyness compares {name} documents, and the corpus has none."
    sizes = document_groups(documents, by=by, keep_missing=False).value_counts()
    if len(sizes) < 2:
        return (f"The {name} documents all share one {by} (or have none): there is no other group to compare "
                "them with.")
    listed = "; ".join(f"{mark(group)}: {n}" for group, n in sizes.sort_index().items())  # names may hold commas
    if without := len(documents) - int(sizes.sum()):  # left out of every group: not a group of their own
        listed += f"; and {plural(without, 'document')} without one, left out"
    if any(_enough_documents(n, sizes.sum() - n, min_docs) for n in sizes):
        return (f"No term is used {min_count:,} times or more in the {name} documents, the least keyness counts "
                f"(documents per {by}: {listed}).")
    return (f"No {by} group has {min_docs} {name} documents against {min_docs} in the rest, the least keyness "
            f"needs (documents per {by}: {listed}).")


def contingency_tests(
    target_count: np.ndarray, reference_count: np.ndarray, *, target_tokens: int, reference_tokens: int
) -> dict[str, np.ndarray]:
    """Signed G2, G2, chi-squared, their p-values (1 df), log ratio and the small-expected-count flag.

    The 2x2 table of a term: [[term in target, term in reference], [other target tokens, other
    reference tokens]]; expected counts are row total x column total / all tokens.
    """
    # chdtrc is chi-squared's survival function (scipy.stats' chi2.sf); imported only when a test is made, as
    # importing scipy takes a second
    from scipy.special import chdtrc, xlogy

    a = np.asarray(target_count, dtype=float)
    b = np.asarray(reference_count, dtype=float)
    observed = np.stack([a, b, target_tokens - a, reference_tokens - b])
    if (observed < 0).any():
        raise InputError("a term is counted more often than there are tokens; check n_tokens of the documents")
    total = target_tokens + reference_tokens
    term_total, other_total = a + b, total - (a + b)
    expected = np.stack([
        term_total * target_tokens / total, term_total * reference_tokens / total,
        other_total * target_tokens / total, other_total * reference_tokens / total,
    ])
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * np.where(observed > 0, xlogy(observed, observed / expected), 0.0).sum(axis=0)
        chi2 = np.where(expected > 0, (observed - expected) ** 2 / expected, 0.0).sum(axis=0)
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-15 for a term used at the same rate
    direction = np.sign(a - expected[0])  # +1: more frequent in the target than expected
    effect = np.log2((np.where(a > 0, a, 0.5) / target_tokens) / (np.where(b > 0, b, 0.5) / reference_tokens))
    return {
        "statistic": direction * g2,
        "g2": g2,
        "p_value": chdtrc(1, g2),
        "chi2": chi2,
        "chi2_p": chdtrc(1, chi2),
        "effect_size": effect,
        "indicative": (expected < 5).any(axis=0),
    }


def _sort_keyness(table: pd.DataFrame) -> pd.DataFrame:
    ordered = table.assign(_neg=-table["statistic"]).sort_values(["comparison", "_neg", "term"], kind="mergesort")
    return ordered.drop(columns="_neg").reset_index(drop=True)


def top_keyness(table: pd.DataFrame, *, top_n: int = 15) -> pd.DataFrame:
    """The ``top_n`` most over-used terms of each comparison (positive statistic) that are significantly so
    (p < ``KEY_P``) and used in ``KEY_DOCS`` documents of the group or more, in table order, each comparison
    named by its ``group``."""
    key = table[over_used(table) & (table["p_value"] < KEY_P)]
    top = key.groupby("comparison", sort=True).head(top_n).reset_index(drop=True)
    return top.assign(group=top["comparison"].map(compared_group))


def over_used(table: pd.DataFrame) -> pd.Series:
    """Which rows of a keyness table are terms more frequent in their group than in the rest, in ``KEY_DOCS`` of the
    group's documents or more: key terms, at the significance level their reader asks for."""
    return (table["statistic"] > 0) & (table["target_docs"] >= KEY_DOCS)


def compared_group(comparison: str) -> str:
    """The group of a comparison: "outlet=Outlet A vs rest" -> "Outlet A"."""
    return comparison.removesuffix(" vs rest").partition("=")[2] or comparison
