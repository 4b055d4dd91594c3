"""Themes: scores per document, comparison between groups of documents, and keyness.

A theme hit is one evidence row of the theme lexicon (``newsreport.matching.match_documents``):
``entity`` is the theme, ``alias`` the dictionary term that matched. Rates are per 1,000 tokens
(``n_tokens``, the denominator of every rate in the report); a share is a theme's part of all theme
hits of a document or group, so documents of different lengths and vocabularies compare.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import xlogy

from newsreport.errors import InputError
from newsreport.matching import alias_hits
from newsreport.tables import write_csv

SCORE_COLUMNS = ["doc_id", "theme", "hits", "per_1k", "share"]
GROUP_COLUMNS = ["group", "theme", "docs", "hits", "tokens", "per_1k", "share", "indicative"]
BOOTSTRAP_COLUMNS = ["group", "theme", "share", "low", "high"]
COOCCURRENCE_COLUMNS = ["theme_a", "theme_b", "docs"]
KEYNESS_COLUMNS = [
    "comparison", "term", "target_count", "reference_count", "statistic", "p_value", "effect_size",
    "g2", "chi2", "chi2_p", "indicative",
]
UNDATED = "undated"  # the year group of documents without a date
UNKNOWN = "unknown"  # the group of documents with no value in the grouping column


def theme_scores(evidence: pd.DataFrame, documents: pd.DataFrame, *, themes: list[str]) -> pd.DataFrame:
    """Hits, hits per 1,000 tokens and share of the document's theme hits, for every document x theme.

    Evidence rows of entities not in ``themes`` are not counted; zeros are kept so that every
    document has a row for every theme.
    """
    if not themes:
        raise InputError("no themes to score; check data/lexicons/themes.yaml")
    unknown = sorted(set(evidence["doc_id"]) - set(documents["doc_id"]))
    if unknown:
        raise InputError(f"evidence names documents not in the corpus table: {', '.join(unknown[:5])}")
    counted = evidence[evidence["entity"].isin(themes)]
    # evidence rows, or their counts per document (matching.count_mentions): the same hits either way
    grouped = counted.groupby(["doc_id", "entity"])
    hits = grouped["mentions"].sum() if "mentions" in counted.columns else grouped.size()
    grid = pd.MultiIndex.from_product([sorted(documents["doc_id"]), sorted(set(themes))], names=["doc_id", "theme"])
    scores = hits.rename_axis(["doc_id", "theme"]).reindex(grid, fill_value=0).rename("hits").reset_index()
    scores["hits"] = scores["hits"].astype("int64")
    tokens = scores["doc_id"].map(documents.set_index("doc_id")["n_tokens"])
    scores["per_1k"] = _ratio(scores["hits"], tokens) * 1000
    scores["share"] = _ratio(scores["hits"], scores.groupby("doc_id")["hits"].transform("sum"))
    return scores[SCORE_COLUMNS]


def document_groups(documents: pd.DataFrame, *, by: str, keep_missing: bool = True) -> pd.Series:
    """The group of each document (indexed by doc_id) for a metadata column or ``year`` (from date).

    Documents without a value form the group "undated" (year) or "unknown" (other columns), so
    that group totals add up to the corpus; ``keep_missing=False`` leaves them out instead.
    """
    if by == "year" and "year" not in documents.columns:
        years = pd.to_datetime(documents["date"]).dt.year
        groups = years.map(lambda y: UNDATED if pd.isna(y) else str(int(y)))
    elif by in documents.columns:
        groups = documents[by].map(lambda v: UNKNOWN if _missing(v) else str(v))
    else:
        raise InputError(f"cannot group documents by '{by}': no such column (use year, language, outlet, ...)")
    groups = pd.Series(groups.to_numpy(), index=documents["doc_id"].to_numpy(), name="group")
    return groups[~groups.isin([UNDATED, UNKNOWN])] if not keep_missing else groups


def group_scores(
    scores: pd.DataFrame, documents: pd.DataFrame, *, by: str, min_docs: int = 5, keep_missing: bool = True
) -> pd.DataFrame:
    """Theme hits, rate and share per group of documents; ``indicative`` when under ``min_docs`` documents.

    A group's rate is its hits over all its tokens (long documents weigh more), its share the
    theme's part of all the group's theme hits.
    """
    groups = document_groups(documents, by=by, keep_missing=keep_missing)
    groups = groups[groups.index.isin(scores["doc_id"])]
    tokens = documents.set_index("doc_id")["n_tokens"][groups.index]
    table = scores[scores["doc_id"].isin(groups.index)].assign(group=lambda t: t["doc_id"].map(groups))
    out = table.groupby(["group", "theme"], as_index=False)["hits"].sum()
    out["docs"] = out["group"].map(groups.value_counts()).astype("int64")
    out["tokens"] = out["group"].map(tokens.groupby(groups).sum()).astype("int64")
    out["per_1k"] = _ratio(out["hits"], out["tokens"]) * 1000
    out["share"] = _ratio(out["hits"], out.groupby("group")["hits"].transform("sum"))
    out["indicative"] = out["docs"] < min_docs
    return out[GROUP_COLUMNS].sort_values(["group", "theme"], kind="mergesort").reset_index(drop=True)


def bootstrap_shares(
    scores: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str,
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    keep_missing: bool = True,
) -> pd.DataFrame:
    """Each group's theme shares with percentile intervals from resampling its documents.

    Documents are drawn with replacement within each group (groups in sorted order, one
    ``numpy.random.default_rng(seed)``), so the same seed gives the same intervals. A group of
    one document has a zero-width interval: the interval says nothing there.
    """
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1, got {ci}")
    if n_boot < 1:
        raise InputError(f"n_boot must be at least 1, got {n_boot}")
    groups = document_groups(documents, by=by, keep_missing=keep_missing)
    matrix = scores.pivot_table(index="doc_id", columns="theme", values="hits", aggfunc="sum", fill_value=0)
    matrix = matrix.sort_index(axis=0).sort_index(axis=1)
    themes = list(matrix.columns)
    rng = np.random.default_rng(seed)
    rows = []
    for group in sorted(set(groups)):
        members = sorted(set(groups.index[groups == group]) & set(matrix.index))
        if not members:
            continue
        hits = matrix.loc[members].to_numpy(dtype=float)
        weights = np.full(len(members), 1 / len(members))
        # n_boot x themes: hits of each resampled group, drawn in batches to bound memory on large groups
        batch = max(1, min(n_boot, 20_000_000 // max(len(members), 1)))
        resampled = np.vstack([rng.multinomial(len(members), weights, size=min(batch, n_boot - done)) @ hits
                               for done in range(0, n_boot, batch)])
        shares = _share_rows(resampled)
        low, high = np.quantile(shares, [(1 - ci) / 2, (1 + ci) / 2], axis=0)
        observed = _share_rows(hits.sum(axis=0, keepdims=True))[0]
        rows += [(group, theme, observed[i], low[i], high[i]) for i, theme in enumerate(themes)]
    return pd.DataFrame(rows, columns=BOOTSTRAP_COLUMNS)


def cooccurrence(scores: pd.DataFrame) -> pd.DataFrame:
    """For every pair of themes (a <= b), how many documents have hits of both; a = b is the theme alone."""
    present = scores.assign(hit=scores["hits"] > 0).pivot_table(
        index="doc_id", columns="theme", values="hit", aggfunc="any", fill_value=False
    ).sort_index(axis=1).astype(int)
    both = present.T @ present
    themes = list(both.columns)
    rows = [(a, b, int(both.loc[a, b])) for i, a in enumerate(themes) for b in themes[i:]]
    return pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS)


def driving_terms(evidence: pd.DataFrame, *, top_n: int = 5) -> pd.DataFrame:
    """The dictionary terms behind each theme's hits: the ``top_n`` most frequent per theme."""
    counts = alias_hits(evidence).rename(columns={"entity": "theme"})  # evidence rows, or hits per alias
    ordered = counts.assign(_neg=-counts["hits"]).sort_values(["theme", "_neg", "alias"], kind="mergesort")
    top = ordered.groupby("theme", sort=True).head(top_n)
    return top[["theme", "alias", "hits"]].reset_index(drop=True)


def terms_in_two_themes(aliases: pd.DataFrame) -> pd.DataFrame:
    """Dictionary terms listed under more than one theme (up to case, accents and apostrophes).

    Such a term counts for one theme only, whichever the matcher takes; list them to keep that a
    deliberate choice.
    """
    keyed = aliases.assign(_key=aliases["alias"].map(_fold))
    themes = keyed.groupby("_key")["entity"].agg(lambda names: sorted(set(names)))
    shared = themes[themes.map(len) > 1]
    spelling = keyed.sort_values("alias", kind="mergesort").groupby("_key")["alias"].first()
    table = pd.DataFrame({"alias": spelling[shared.index].to_numpy(), "themes": shared.map("; ".join).to_numpy()})
    return table.sort_values("alias", kind="mergesort").reset_index(drop=True)


def keyness(
    doc_terms: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    target: Collection[str] | pd.Series,
    reference: Collection[str] | pd.Series | None = None,
    comparison: str,
    min_count: int = 3,
) -> pd.DataFrame:
    """Terms over- and under-used in the ``target`` documents against the ``reference`` (default: the rest).

    ``doc_terms`` is a long table (doc_id, term, count); ``target`` is a list of doc_ids or a boolean
    Series aligned with ``documents``. Token totals are the documents' ``n_tokens``. Per term, the
    2x2 table (term / other tokens x target / reference) gives Dunning's log-likelihood G2 and
    Pearson's chi-squared (1 df, no continuity correction) and Hardie's log ratio (log2 of the
    ratio of relative frequencies, zero counts taken as 0.5). ``statistic`` is G2 signed by the
    direction (negative: rarer in the target), so the target's key terms come first. Terms seen
    fewer than ``min_count`` times in target and reference together are left out; ``indicative``
    flags a table with an expected count under 5, where the chi-squared approximation is poor.
    """
    target_ids = _doc_ids(target, documents)
    reference_ids = set(documents["doc_id"]) - target_ids if reference is None else _doc_ids(reference, documents)
    if both := sorted(target_ids & reference_ids):
        raise InputError(f"'{comparison}': documents in both target and reference: {', '.join(both[:5])}")
    tokens = documents.set_index("doc_id")["n_tokens"]
    target_tokens = int(tokens[tokens.index.isin(target_ids)].sum())
    reference_tokens = int(tokens[tokens.index.isin(reference_ids)].sum())
    if target_tokens == 0 or reference_tokens == 0:
        raise InputError(f"'{comparison}': the target and the reference both need documents with tokens")
    side = np.where(doc_terms["doc_id"].isin(target_ids), "target",
                    np.where(doc_terms["doc_id"].isin(reference_ids), "reference", ""))
    counts = (
        doc_terms[side != ""].assign(_side=side[side != ""])
        .pivot_table(index="term", columns="_side", values="count", aggfunc="sum", fill_value=0)
        .reindex(columns=["target", "reference"], fill_value=0)
    )
    counts = counts[counts.sum(axis=1) >= max(min_count, 1)]
    a = counts["target"].to_numpy(dtype=float)
    b = counts["reference"].to_numpy(dtype=float)
    test = contingency_tests(a, b, target_tokens=target_tokens, reference_tokens=reference_tokens)
    table = pd.DataFrame({
        "comparison": comparison,
        "term": counts.index.to_numpy(),
        "target_count": a.astype("int64"),
        "reference_count": b.astype("int64"),
        **test,
    })
    return _sort_keyness(table[KEYNESS_COLUMNS])


def keyness_by_group(
    doc_terms: pd.DataFrame, documents: pd.DataFrame, *, by: str, min_count: int = 3, keep_missing: bool = False,
    language: str | None = None, min_docs: int = 1,
) -> pd.DataFrame:
    """Keyness of each group against all the other documents (comparison "<by>=<group> vs rest").

    Documents without a value are left out by default: "undated" is not a period to characterise.
    ``language`` keeps the documents of one language (terms are compared within a language); a
    comparison with fewer than ``min_docs`` documents on either side is marked indicative throughout.
    """
    if language is not None:
        documents = documents[documents["language"] == language]
    if documents.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    groups = document_groups(documents, by=by, keep_missing=keep_missing)
    selected = doc_terms[doc_terms["doc_id"].isin(groups.index)]
    counts = (selected.assign(group=selected["doc_id"].map(groups))
              .groupby(["group", "term"], as_index=False)["count"].sum())
    chosen = documents[documents["doc_id"].isin(groups.index)]
    sizes = (chosen.assign(group=chosen["doc_id"].map(groups)).groupby("group", as_index=False)
             .agg(tokens=("n_tokens", "sum"), docs=("doc_id", "size")))
    return keyness_of_groups(counts, sizes, by=by, min_count=min_count, min_docs=min_docs)


def keyness_of_groups(
    counts: pd.DataFrame, groups: pd.DataFrame, *, by: str, min_count: int = 3, min_docs: int = 1
) -> pd.DataFrame:
    """Keyness of each group against the rest from counts per group: ``counts`` (group, term, count) and
    ``groups`` (group, tokens, docs). The same as ``keyness`` on the groups' documents, without them."""
    tables = []
    total = counts.groupby("term")["count"].sum()
    for group, tokens, docs in groups[["group", "tokens", "docs"]].itertuples(index=False):
        rest_docs, rest_tokens = groups["docs"].sum() - docs, groups["tokens"].sum() - tokens
        if rest_docs == 0 or tokens == 0 or rest_tokens == 0:
            continue
        target = counts[counts["group"] == group].set_index("term")["count"].reindex(total.index, fill_value=0)
        kept = total >= max(min_count, 1)
        a = target[kept].to_numpy(dtype=float)
        b = (total[kept] - target[kept]).to_numpy(dtype=float)
        test = contingency_tests(a, b, target_tokens=int(tokens), reference_tokens=int(rest_tokens))
        table = pd.DataFrame({"comparison": f"{by}={group} vs rest", "term": total.index[kept].to_numpy(),
                              "target_count": a.astype("int64"), "reference_count": b.astype("int64"), **test})
        small = min(docs, rest_docs) < min_docs
        tables.append(table.assign(indicative=table["indicative"] | small)[KEYNESS_COLUMNS])
    if not tables:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return _sort_keyness(pd.concat(tables, ignore_index=True))


def contingency_tests(
    target_count: np.ndarray, reference_count: np.ndarray, *, target_tokens: int, reference_tokens: int
) -> dict[str, np.ndarray]:
    """Signed G2, G2, chi-squared, their p-values (1 df), log ratio and the small-expected-count flag.

    The 2x2 table of a term: [[term in target, term in reference], [other target tokens, other
    reference tokens]]; expected counts are row total x column total / all tokens.
    """
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
        "p_value": stats.chi2.sf(g2, 1),
        "chi2": chi2,
        "chi2_p": stats.chi2.sf(chi2, 1),
        "effect_size": effect,
        "indicative": (expected < 5).any(axis=0),
    }


def _sort_keyness(table: pd.DataFrame) -> pd.DataFrame:
    ordered = table.assign(_neg=-table["statistic"]).sort_values(["comparison", "_neg", "term"], kind="mergesort")
    return ordered.drop(columns="_neg").reset_index(drop=True)


def _doc_ids(selection: Collection[str] | pd.Series, documents: pd.DataFrame) -> set[str]:
    """doc_ids of a selection given as doc_ids or as a boolean mask aligned with ``documents``."""
    if isinstance(selection, pd.Series) and selection.dtype == bool:
        return set(documents.loc[selection.reindex(documents.index, fill_value=False), "doc_id"])
    ids = set(selection)
    if unknown := sorted(ids - set(documents["doc_id"])):
        raise InputError(f"documents not in the corpus table: {', '.join(unknown[:5])}")
    return ids


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, 0 where the denominator is 0 (a document without hits or tokens)."""
    denominator = denominator.astype(float)
    return (numerator / denominator.where(denominator > 0)).fillna(0.0)


def _share_rows(hits: np.ndarray) -> np.ndarray:
    totals = hits.sum(axis=1, keepdims=True)
    return np.divide(hits, totals, out=np.zeros_like(hits, dtype=float), where=totals > 0)


def _missing(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def _fold(alias: str) -> str:
    text = unicodedata.normalize("NFKD", alias.replace("’", "'").replace("‘", "'"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def top_keyness(table: pd.DataFrame, *, top_n: int = 15) -> pd.DataFrame:
    """The ``top_n`` most over-used terms of each comparison (positive statistic), in table order."""
    return table[table["statistic"] > 0].groupby("comparison", sort=True).head(top_n).reset_index(drop=True)


def save_themes(tables: dict[str, pd.DataFrame], *, folder: Path) -> dict[str, Path]:
    """Write the theme tables: theme_scores.csv and keyness.csv (the output contract's) and the rest."""
    order = {
        "theme_scores.csv": ["doc_id", "theme"], "theme_groups.csv": ["group", "theme"],
        "theme_intervals.csv": ["group", "theme"], "theme_cooccurrence.csv": ["theme_a", "theme_b"],
        "keyness.csv": [], "theme_drivers.csv": [], "theme_evidence.csv": ["doc_id", "start", "entity"],
        "unmatched_theme_terms.csv": ["entity", "language", "alias"], "terms_in_two_themes.csv": ["alias"],
    }
    return {name: write_csv(tables[name], folder / name, sort_by=order[name]) for name in order if name in tables}


def theme_names(aliases: pd.DataFrame) -> list[str]:
    """The themes of a dictionary, in the order the file lists them."""
    return list(dict.fromkeys(aliases["entity"]))


def describe_leaders(scores: pd.DataFrame, documents: pd.DataFrame, *, listed: int = 10) -> str:
    """One sentence: the leading theme (by hits) of each document, or how often each theme leads."""
    if scores["hits"].sum() == 0:
        return "No theme of the dictionary has a hit in the corpus."
    ranked = scores.assign(_neg=-scores["hits"]).sort_values(["doc_id", "_neg", "theme"], kind="mergesort")
    leaders = ranked.groupby("doc_id", sort=True).head(1)
    if len(leaders) <= listed:
        parts = [f"{doc} {theme} ({hits})" if hits else f"{doc} none"
                 for doc, theme, hits in leaders[["doc_id", "theme", "hits"]].itertuples(index=False)]
        return "Leading theme by hits: " + "; ".join(parts) + "."
    counts = leaders[leaders["hits"] > 0]["theme"].value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="mergesort")
    parts = [f"{theme} in {n:,}" for theme, n in counts.head(5).items()]
    return (f"Leading theme by hits, of {len(leaders):,} documents: " + "; ".join(parts)
            + f"; {int((leaders['hits'] == 0).sum()):,} documents have no theme hit.")

