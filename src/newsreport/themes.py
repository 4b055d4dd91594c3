"""Themes: scores per document, and their comparison between groups of documents.

A theme hit is one evidence row of the theme lexicon (``newsreport.matching.evidence_table``):
``entity`` is the theme, ``alias`` the dictionary term that matched. Rates are per 1,000 tokens
(``n_tokens``, the denominator of every rate in the report); a share is a theme's part of all theme
hits of a document or group, so documents of different lengths and vocabularies compare.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from newsreport.bidi import mark
from newsreport.contract import TABLES
from newsreport.errors import InputError
from newsreport.folding import fold_alias
from newsreport.groups import among, document_groups, group_sizes
from newsreport.labels import in_date_order, plural
from newsreport.rates import per_1k, ratio

SCORE_COLUMNS = list(TABLES["theme_scores.csv"].columns)
GROUP_COLUMNS = list(TABLES["theme_groups.csv"].columns)
BOOTSTRAP_COLUMNS = list(TABLES["theme_intervals.csv"].columns)
SHARE_COLUMNS = list(TABLES["theme_shares.csv"].columns)
COOCCURRENCE_COLUMNS = list(TABLES["theme_cooccurrence.csv"].columns)


def theme_scores(mentions: pd.DataFrame, documents: pd.DataFrame, *, themes: list[str]) -> pd.DataFrame:
    """Hits, hits per 1,000 tokens and share of the document's theme hits, for every document x theme.

    ``mentions`` are the theme lexicon's counts per document (``mentions.count_mentions``: doc_id,
    entity, mentions); entries not in ``themes`` are not counted; zeros are kept so that every
    document has a row for every theme.
    """
    if not themes:
        raise InputError("no themes to score; check data/lexicons/themes.yaml")
    unknown = sorted(pd.unique(mentions.loc[~among(mentions["doc_id"], documents["doc_id"]), "doc_id"]))
    if unknown:
        raise InputError(f"mentions name documents not in the corpus table: {', '.join(unknown[:5])}")
    hits = mentions[mentions["entity"].isin(themes)].groupby(["doc_id", "entity"])["mentions"].sum()
    grid = pd.MultiIndex.from_product([documents["doc_id"].sort_values(kind="mergesort"), sorted(set(themes))],
                                      names=["doc_id", "theme"])
    scores = hits.rename_axis(["doc_id", "theme"]).reindex(grid, fill_value=0).rename("hits").reset_index()
    scores["hits"] = scores["hits"].astype("int64")
    tokens = scores["doc_id"].map(documents.set_index("doc_id")["n_tokens"])
    scores["per_1k"] = per_1k(scores["hits"], tokens)
    scores["share"] = ratio(scores["hits"], scores.groupby("doc_id")["hits"].transform("sum"))
    return scores[SCORE_COLUMNS]


def group_scores(
    scores: pd.DataFrame, documents: pd.DataFrame, *, by: str, min_docs: int = 5
) -> pd.DataFrame:
    """Theme hits, rate and share per group of documents; ``indicative`` when under ``min_docs`` documents.

    A group's rate is its hits over all its tokens (long documents weigh more), its share the
    theme's part of all the group's theme hits.
    """
    groups = document_groups(documents, by=by)
    groups = groups[among(groups.index.to_series(), pd.unique(scores["doc_id"]))]
    sizes = group_sizes(documents, groups).set_index("group")
    table = scores.merge(pd.DataFrame({"doc_id": groups.index, "group": groups.to_numpy()}), on="doc_id")  # a hash join
    out = table.groupby(["group", "theme"], as_index=False)["hits"].sum()
    out["docs"] = out["group"].map(sizes["docs"]).astype("int64")
    out["tokens"] = out["group"].map(sizes["tokens"]).astype("int64")
    out["per_1k"] = per_1k(out["hits"], out["tokens"])
    out["share"] = ratio(out["hits"], out.groupby("group")["hits"].transform("sum"))
    out["indicative"] = out["docs"] < min_docs
    return out[GROUP_COLUMNS].sort_values(["group", "theme"], kind="mergesort").reset_index(drop=True)


MIN_RESAMPLED = 3  # a group needs this many documents for a bootstrap interval of its shares


@dataclass(frozen=True)
class Bootstrap:
    """How an interval is drawn: ``n_boot`` resamples of the documents, from one ``seed``, at confidence ``ci``."""

    n_boot: int = 1000
    seed: int = 0
    ci: float = 0.95

    def __post_init__(self) -> None:
        if not 0 < self.ci < 1:
            raise InputError(f"ci must be between 0 and 1, got {self.ci}")
        if self.n_boot < 1:
            raise InputError(f"n_boot must be at least 1, got {self.n_boot}")


def bootstrap_shares(
    scores: pd.DataFrame, documents: pd.DataFrame, *, by: str, bootstrap: Bootstrap = Bootstrap()  # noqa: B008
) -> pd.DataFrame:
    """Each group's theme shares with percentile intervals from resampling its documents.

    Documents are drawn with replacement within each group (groups in sorted order, one
    ``numpy.random.default_rng(bootstrap.seed)``), so the same seed gives the same intervals.

    A group of fewer than ``MIN_RESAMPLED`` documents (3) gets no interval: ``low`` and ``high`` are
    empty (NaN) and a figure draws none. One document has nothing to resample. Two documents A and B
    have only three resamples (A+A, A+B, B+B), whose percentiles are the two documents' own shares:
    that is the range of two observations, not an interval for the group's share, so it is left out too.
    """
    groups = document_groups(documents, by=by)
    matrix = scores.pivot_table(index="doc_id", columns="theme", values="hits", aggfunc="sum", fill_value=0)
    matrix = matrix.sort_index(axis=0).sort_index(axis=1)
    themes = list(matrix.columns)
    rng = np.random.default_rng(bootstrap.seed)
    member_of = groups.reindex(matrix.index).to_numpy()
    values = matrix.to_numpy(dtype=float)
    rows = []
    for group in sorted(set(groups)):
        hits = values[member_of == group]
        if not len(hits):
            continue
        observed = _share_rows(hits.sum(axis=0, keepdims=True))[0]
        if len(hits) < MIN_RESAMPLED:
            low = high = np.full(len(themes), np.nan)
        else:
            shares = _share_rows(_resampled_sums(hits, n_boot=bootstrap.n_boot, rng=rng))
            low, high = np.quantile(shares, [(1 - bootstrap.ci) / 2, (1 + bootstrap.ci) / 2], axis=0)
        rows += [(group, theme, observed[i], low[i], high[i]) for i, theme in enumerate(themes)]
    return pd.DataFrame(rows, columns=BOOTSTRAP_COLUMNS)


def corpus_shares(
    scores: pd.DataFrame, documents: pd.DataFrame, *, bootstrap: Bootstrap = Bootstrap()  # noqa: B008 (frozen)
) -> pd.DataFrame:
    """Each theme across the whole corpus: its hits, the documents it has hits in, and its share of all theme
    hits with its percentile interval (``bootstrap_shares`` with every document in one group); most hits first."""
    shares = bootstrap_shares(scores, documents.assign(_corpus="corpus"), by="_corpus", bootstrap=bootstrap)
    shares = shares.set_index("theme")
    totals = scores.assign(docs=scores["hits"] > 0).groupby("theme")[["hits", "docs"]].sum()
    table = totals.join(shares[["share", "low", "high"]]).reset_index()
    table = table.astype({"hits": "int64", "docs": "int64"})
    return table.sort_values(["hits", "theme"], ascending=[False, True], kind="mergesort")[SHARE_COLUMNS].reset_index(
        drop=True)


def hits_by_document(scores: pd.DataFrame, documents: pd.DataFrame, *, limit: int | None = None) -> pd.DataFrame:
    """Documents by theme, to show when no group has enough documents to compare: one row per document, in
    date order (undated last, then by doc_id; the first ``limit`` when given), with its ``doc_id``, its
    ``hits`` in all and ``themes``, its themes with hits and their number, most hits first ("Terrorism 8;
    Information sharing and databases 6"), which fits a page whatever the number of themes."""
    matrix = scores.pivot_table(index="doc_id", columns="theme", values="hits", aggfunc="sum", fill_value=0)
    totals = matrix.sum(axis=0)
    themes = sorted(totals[totals > 0].index, key=lambda t: (-totals[t], t))
    order = in_date_order(documents[among(documents["doc_id"], matrix.index)], documents)["doc_id"]
    matrix = matrix.reindex(index=order.head(limit) if limit is not None else order, columns=themes).astype("int64")
    listed = [
        "; ".join(f"{theme} {n:,}" for theme, n in sorted(row.items(), key=lambda item: (-item[1], item[0])) if n)
        for _, row in matrix.iterrows()
    ]
    return pd.DataFrame({"doc_id": matrix.index.to_numpy(), "hits": matrix.sum(axis=1).to_numpy(),
                         "themes": listed})


def _resampled_sums(hits: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """n_boot x themes: the hits of the group's documents drawn with replacement, as many as it has, n_boot times.

    Each resample is the number of times each document is drawn (uniform draws, counted) times the hits
    matrix; drawn in batches to bound memory on large groups.
    """
    n = len(hits)
    batch = max(1, min(n_boot, 5_000_000 // n))  # a batch's draws and counts: 40 MB each
    sums = []
    for done in range(0, n_boot, batch):
        size = min(batch, n_boot - done)
        draws = rng.integers(0, n, size=(size, n))
        draws += (np.arange(size) * n)[:, None]
        counts = np.bincount(draws.ravel(), minlength=size * n).reshape(size, n)
        sums.append(counts @ hits)
    return np.vstack(sums)


def cooccurrence(scores: pd.DataFrame) -> pd.DataFrame:
    """For every pair of themes (a <= b), how many documents have hits of both; a = b is the theme alone."""
    present = scores.assign(hit=scores["hits"] > 0).pivot_table(
        index="doc_id", columns="theme", values="hit", aggfunc="any", fill_value=False
    ).sort_index(axis=1).astype(int)
    both = present.T @ present
    themes = list(both.columns)
    rows = [(a, b, int(both.loc[a, b])) for i, a in enumerate(themes) for b in themes[i:]]
    return pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS)


def driving_terms(hits: pd.DataFrame, *, top_n: int = 5) -> pd.DataFrame:
    """The dictionary terms behind each theme's hits (``mentions.alias_hits``): the ``top_n`` most frequent."""
    counts = hits.rename(columns={"entity": "theme"})
    ordered = counts.assign(_neg=-counts["hits"]).sort_values(["theme", "_neg", "alias"], kind="mergesort")
    top = ordered.groupby("theme", sort=True).head(top_n)
    return top[["theme", "alias", "hits"]].reset_index(drop=True)


def terms_in_two_themes(aliases: pd.DataFrame) -> pd.DataFrame:
    """Dictionary terms listed under more than one theme (up to case, accents and apostrophes).

    Such a term counts for one theme only, whichever the matcher takes; list them to keep that a
    deliberate choice.
    """
    keyed = aliases.assign(_key=aliases["alias"].map(fold_alias))  # as the matcher folds them
    themes = keyed.groupby("_key")["entity"].agg(lambda names: sorted(set(names)))
    shared = themes[themes.map(len) > 1]
    spelling = keyed.sort_values("alias", kind="mergesort").groupby("_key")["alias"].first()
    table = pd.DataFrame({"alias": spelling[shared.index].to_numpy(), "themes": shared.map("; ".join).to_numpy()})
    return table.sort_values("alias", kind="mergesort").reset_index(drop=True)


def _share_rows(hits: np.ndarray) -> np.ndarray:
    """Each row's hits as shares of the row's total."""
    return ratio(hits, hits.sum(axis=1, keepdims=True))


def theme_names(aliases: pd.DataFrame) -> list[str]:
    """The themes of a dictionary, in the order the file lists them."""
    return list(dict.fromkeys(aliases["entity"]))


def describe_intervals(groups: pd.DataFrame, bootstrap: Bootstrap) -> str:
    """The part of a caption that says which groups have a bootstrap interval (``bootstrap_shares``): those of at
    least ``MIN_RESAMPLED`` documents; or that none has one."""
    if len(groups) and groups["docs"].max() >= MIN_RESAMPLED:
        return (f"with {bootstrap.ci:.0%} bootstrap intervals ({bootstrap.n_boot} resamples of documents, seed "
                f"{bootstrap.seed}) for the groups of at least {MIN_RESAMPLED} documents")
    return f"without intervals (no group has the {MIN_RESAMPLED} documents resampling needs)"


def describe_leaders(scores: pd.DataFrame, *, listed: int = 10, labels: Mapping[str, str] | None = None) -> str:
    """One sentence: the leading theme (by hits) of each document, or how often each theme leads ("" when none
    leads in more than one document: the sentence would say nothing). A tie is said as one, never settled.
    Documents are named by ``labels`` (doc_id -> label, ``labels.document_labels``) when given, else by their
    doc_id."""
    if scores["hits"].sum() == 0:
        return "No theme of the dictionary has a hit in the corpus."
    most = scores.groupby("doc_id")["hits"].transform("max")
    leading = scores[(scores["hits"] == most) & (scores["hits"] > 0)].sort_values(["doc_id", "theme"])
    documents = sorted(scores["doc_id"].unique())
    if len(documents) <= listed:
        leaders = leading.groupby("doc_id", sort=True).agg(themes=("theme", list), hits=("hits", "first"))
        if labels is not None:
            from newsreport.labels import sentence_label

            named = {doc: sentence_label(labels[doc]) + ":" if doc in labels else mark(doc) for doc in documents}
            documents = sorted(documents, key=lambda doc: labels.get(doc, doc))  # labels start with the date
        else:
            named = {doc: mark(doc) for doc in documents}
        parts = [f"{named[doc]} none" if doc not in leaders.index else f"{named[doc]} {_led(*leaders.loc[doc])}"
                 for doc in documents]
        return "Leading theme by hits: " + "; ".join(parts) + "."
    shared = leading["doc_id"].duplicated(keep=False)  # a document whose leading themes tie
    alone = leading.loc[~shared, "theme"].astype(str).value_counts()  # (a category never leading is no count)
    alone = alone.sort_index().sort_values(ascending=False, kind="mergesort")
    if alone.empty or alone.iloc[0] == 1:
        return ""  # no theme leads in more than one document: nothing to read
    parts = [f"{mark(theme)} in {n:,}" for theme, n in alone.items()]
    if tied := leading.loc[shared, "doc_id"].nunique():
        parts.append(f"a tie between themes in {plural(tied, 'document')}")
    if untouched := len(documents) - leading["doc_id"].nunique():
        parts.append(f"no theme hit in {plural(untouched, 'document')}")
    return f"Leading theme by hits, of {len(documents):,} documents: " + "; ".join(parts) + "."


def _led(themes: list[str], hits: int) -> str:
    """The leading theme of a document and its hits, or the themes tied: "a tie of A with B (7 each)"."""
    if len(themes) == 1:
        return f"{mark(themes[0])} ({hits})"
    return f"a tie of {', '.join(map(mark, themes[:-1]))} with {mark(themes[-1])} ({hits} each)"
