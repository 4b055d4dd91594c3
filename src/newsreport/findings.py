"""Findings: sentences read off the report's tables, each citing its table or figure and saying how sure it is.

No finding is written by hand: each is computed from a table, so it changes with the corpus. Where the
corpus is too small for a claim, the finding says so instead of claiming; a finding that carries no
information (every group led by another theme, a comparison of one document) is left out. A citation is
written ``[[table:name]]`` or ``[[figure:name]]``: the report numbers tables and figures when it is
rendered and puts the number in its place.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newsreport.bidi import mark
from newsreport.keyness import compared_group, contingency_tests, over_used
from newsreport.labels import first_and_last_day, plural
from newsreport.language import language_name
from newsreport.timeline import period_sizes


def cite(kind: str, name: str) -> str:
    """A reference to a table or figure of the report ("Table 4" once rendered)."""
    return f"[[{kind}:{name}]]"


def listing(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


SMALL_CORPUS = 30  # documents under which the summary says that the corpus is too small for trends


def corpus_findings(documents: pd.DataFrame, *, min_docs: int) -> list[str]:
    """What the corpus holds, and the caveat its size calls for."""
    languages = documents["language"].value_counts().sort_index()
    described = ", ".join(f"{n:,} in {language_name(lang)}" for lang, n in languages.items())
    first, last = first_and_last_day(documents["date"]) or (None, None)
    span = ("" if first is None else f", published on {first}" if first == last
            else f", published from {first} to {last}")
    undated = int(pd.to_datetime(documents["date"]).isna().sum())
    found = [f"The corpus holds {plural(len(documents), 'document')} ({described}){span}"
             + (f"; {plural(undated, 'document is', 'documents are')} undated and left out of every timeline"
                if undated else "") + f" ({cite('table', 'corpus')})."]
    if len(documents) < SMALL_CORPUS:
        found.append(f"With only {plural(len(documents), 'document')}, the corpus is small: the report compares a "
                     f"group only when it has {plural(min_docs, 'document')}, and what it finds describes these "
                     f"documents rather than a trend ({cite('table', 'corpus')}).")
    return found


def quality_findings(documents: pd.DataFrame, quality: pd.DataFrame) -> list[str]:
    """How far the dates and the text can be trusted: where the dates come from, and what the loader skipped."""
    sources = documents["date_source"].value_counts()
    checks = quality["check"].value_counts()
    origins = [(n, what) for n, what in (
        (int(sources.get("text", 0)), "written in the articles themselves"),
        (int(sources.get("page", 0)), "read from their web pages' metadata"),
        (int(sources.get("metadata", 0)), "taken from metadata.csv only"),
        (int(sources.get("missing", 0)), "missing")) if n]
    if len(origins) == 1 and len(documents) > 1:  # one origin for every date
        said = f"All {len(documents):,} dates are {origins[0][1]}"
    else:
        said = f"Of {plural(len(documents), 'date')}, " + listing([f"{n:,} {'is' if n == 1 else 'are'} {what}"
                                                                   for n, what in origins])
    listed = [plural(int(checks[check]), word) + " " + what for check, word, what in (
        ("skipped file", "file", "skipped"), ("duplicate text", "text", "duplicated"),
        ("metadata disagrees", "disagreement", "between text and metadata"),
        ("page disagrees", "page date", "different from the article's own, which is used")) if checks.get(check, 0)]
    if listed:
        return [said + f" ({cite('table', 'sources')}); " + listing(listed) + f" ({cite('table', 'data_quality')})."]
    return [said + f" ({cite('table', 'sources')})."]


def term_findings(top: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The leading term of each language, with how many of the language's documents carry it, and the runners-up
    found in more than one document. A language of one document gets its document's terms, said as such."""
    found = []
    for language, group in top.groupby("language", sort=True):
        first, name = group.iloc[0], language_name(language)
        table = cite("table", "top_terms")
        if int((documents["language"] == language).sum()) == 1:  # a claim about one document, not a language
            listed = ", ".join(f"“{mark(t)}” ({c:,})"
                               for t, c in zip(group["term"][:4], group["count"][:4], strict=True))
            found.append(f"The one {name} document's most frequent terms are {listed}: one document says nothing "
                         f"of {name} coverage at large ({table}).")
            continue
        spread = group.iloc[1:][group["doc_count"].iloc[1:] > 1].head(3)
        others = ", ".join(f"“{mark(t)}” ({c:,})" for t, c in zip(spread["term"], spread["count"], strict=True))
        found.append(f"In {name}, “{mark(first['term'])}” is the most frequent term "
                     f"({first['count']:,} occurrences as a term of its own, in "
                     f"{plural(int(first['doc_count']), 'document')})"
                     + (f", before {others}" if others else "") + f" ({table}).")
    return found


def mention_findings(totals: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The most mentioned entity and how widely it is spread."""
    if totals.empty:
        return ["No entity of the lexicon is mentioned in the corpus."]
    first = totals.iloc[0]
    share = first["documents"] / len(documents)
    return [f"{mark(first['entity'])} is the most mentioned entity: {plural(int(first['mentions']), 'mention')} in "
            f"{plural(int(first['documents']), 'document')} of {len(documents):,} ({share:.0%}; "
            f"{cite('table', 'mention_totals')})."]


SIGNIFICANT = 0.01  # the p-value a change or a difference must be under to be reported
MARKED = 1.25  # and the ratio of rates it must reach (or its inverse): smaller moves are no finding


def timeline_findings(timeline: pd.DataFrame, entities: list[str], *, min_docs: int, period: str) -> list[str]:
    """Which entity rose and which fell most between the first and the last period that have enough
    documents, when the change is marked (a quarter at least) and significant (G2, p < 0.01), with the
    documents behind each rate; or why no such claim can be made."""
    periods = period_sizes(timeline)["docs"]
    enough = periods[periods >= min_docs]
    if len(enough) < 2:
        which = f"Only {enough.index[0]} has" if len(enough) else f"No {period} has"
        return [f"{which} the {plural(min_docs, 'document')} a rate needs, and a rise or fall needs two such "
                f"{period}s: the rates of {cite('figure', 'mention_timeline')} are indicative."]
    first, last = enough.index[0], enough.index[-1]
    table = timeline[timeline["entity"].isin(entities) & timeline["period"].isin([first, last])]
    before = table[table["period"] == first].set_index("entity")
    after = table[table["period"] == last].set_index("entity").reindex(before.index)
    test = contingency_tests(after["mentions"].to_numpy(float), before["mentions"].to_numpy(float),
                             target_tokens=int(after["tokens"].iloc[0]), reference_tokens=int(before["tokens"].iloc[0]))
    moves = pd.DataFrame({"ratio": 2 ** test["effect_size"], "p": test["p_value"]}, index=before.index)
    marked = moves[(moves["p"] < SIGNIFICANT) & ((moves["ratio"] >= MARKED) | (moves["ratio"] <= 1 / MARKED))]
    documents = (f"{plural(int(enough[first]), 'document')} and {plural(int(enough[last]), 'document')}; "
                 f"{cite('figure', 'mention_timeline')}")
    if marked.empty:
        said = (f"No plotted entity's rate changed both markedly (by a quarter or more) and significantly (G² p < "
                f"{SIGNIFICANT}) between {first} and {last} ({documents})")
        if moves.empty:
            return [said + "."]
        entity = moves["ratio"].map(lambda r: abs(np.log(r)) if r > 0 else np.inf).idxmax()
        largest = moves.loc[entity]
        why = f"could be chance (G² p = {largest['p']:.2g})" if largest["p"] >= SIGNIFICANT else "is under a quarter"
        return [said + f"; the largest move, {mark(entity)} from {before.loc[entity, 'per_1k']:.2f} to "
                f"{after.loc[entity, 'per_1k']:.2f} per 1,000 tokens, {why}."]
    found = []
    ordered = marked.sort_values("ratio", kind="mergesort")
    for entity, moved in ((ordered.index[-1], "rose"), (ordered.index[0], "fell")):
        if (moved == "rose") != (ordered.loc[entity, "ratio"] > 1):
            continue
        found.append(f"Mentions of {mark(entity)} {moved} from {before.loc[entity, 'per_1k']:.2f} to "
                     f"{after.loc[entity, 'per_1k']:.2f} per 1,000 tokens between {first} and {last} "
                     f"(in {plural(int(before.loc[entity, 'docs_mentioning']), 'document')} of "
                     f"{int(enough[first]):,} and {int(after.loc[entity, 'docs_mentioning']):,} of "
                     f"{int(enough[last]):,}; G² p = {ordered.loc[entity, 'p']:.2g}; "
                     f"{cite('figure', 'mention_timeline')}).")
    return found


def theme_total_findings(overall: pd.DataFrame, *, documents: int, ci: float) -> list[str]:
    """The themes with most hits in the whole corpus (``overall``: ``themes.corpus_shares``, most hits first): the
    first's share of all hits with its bootstrap interval, the documents behind it (of ``documents``), and whether
    its lead over the second is beyond the intervals."""
    ranked = overall[overall["hits"] > 0].set_index("theme")
    if ranked.empty:
        return []
    first, total = ranked.iloc[0], int(overall["hits"].sum())
    spread = _interval(first["low"], first["high"], ci)
    others = ", ".join(f"{mark(theme)} ({int(n):,})" for theme, n in ranked["hits"].iloc[1:3].items())
    said = (f"Across the corpus, {mark(first.name)} has the most theme hits: {int(first['hits']):,} of {total:,} "
            f"({first['hits'] / total:.0%}{', ' + spread if spread else ''}), in {int(first['docs']):,} of "
            f"{documents:,} documents" + (f", before {others}" if others else "")
            + f" ({cite('table', 'theme_shares')})")
    if len(ranked) < 2:
        return [said + "."]
    second = ranked.iloc[1]
    if not spread:
        return [said + "; too few documents for an interval: the lead may be noise."]
    runner_up = f"{_possessive(second.name)} ({second['low']:.0%}–{second['high']:.0%})"
    if first["low"] > second["high"]:
        return [said + f"; its interval lies above {runner_up}: the lead is beyond the resampling's spread."]
    return [said + f"; its interval overlaps {runner_up}: the lead may be noise."]


def _possessive(name: str) -> str:
    """ "Terrorism's", "Illicit markets'" (the name isolated as corpus text)."""
    return mark(name) + ("'" if name.endswith("s") else "'s")


def theme_findings(groups: pd.DataFrame, intervals: pd.DataFrame, *, by: str, min_docs: int, ci: float) -> list[str]:
    """Which theme leads in which group, with its bootstrap interval, and whether the groups with most and
    least of the overall leader differ beyond their intervals."""
    compared = groups[~groups["indicative"]]
    if compared.empty:
        return [f"No {by} group has the {plural(min_docs, 'document')} a comparison needs: the themes are shown "
                f"document by document ({cite('table', 'theme_scores')})."]
    bounds = intervals.set_index(["group", "theme"])
    leaders = (compared.assign(_neg=-compared["share"]).sort_values(["group", "_neg", "theme"], kind="mergesort")
               .groupby("group", sort=True).head(1))
    found = []
    if len(leaders) == 1:  # one group: nothing to compare it with
        group, theme, share = leaders[["group", "theme", "share"]].iloc[0]
        spread = f", {interval}" if (interval := _interval(*bounds.loc[(group, theme), ["low", "high"]], ci)) else ""
        return [f"Only one {by} group, {mark(group)}, has the {plural(min_docs, 'document')} a comparison needs: "
                f"{mark(theme)} leads in it ({share:.0%}{spread}), and there is no other group to compare it with "
                f"({cite('figure', 'theme_groups')})."]
    if leaders["theme"].nunique() == 1:
        theme = leaders["theme"].iloc[0]
        found.append(f"{mark(theme)} leads in every {by} group with enough documents "
                     f"({plural(len(leaders), 'group')}; {cite('figure', 'theme_groups')}).")
    else:
        parts = []
        for group, theme, share in leaders[["group", "theme", "share"]].itertuples(index=False):
            spread = _interval(*bounds.loc[(group, theme), ["low", "high"]], ci) or "too few documents for an interval"
            parts.append(f"{mark(theme)} in {mark(group)} ({share:.0%}, {spread})")
        found.append(f"The leading theme by {by}: " + "; ".join(parts[:6]) + f" ({cite('figure', 'theme_groups')}).")
    overall = compared.groupby("theme")["hits"].sum().sort_values(ascending=False, kind="mergesort").index[0]
    rows = compared[compared["theme"] == overall].sort_values("share", kind="mergesort")
    if len(rows) >= 2:
        low_group, high_group = rows.iloc[0]["group"], rows.iloc[-1]["group"]
        low, high = bounds.loc[(low_group, overall)], bounds.loc[(high_group, overall)]
        said = (f"The share of {mark(overall)} is highest in {mark(high_group)} ({high['share']:.1%}) and lowest in "
                f"{mark(low_group)} ({low['share']:.1%}; {cite('figure', 'theme_groups')}); ")
        if pd.isna(low["high"]) or pd.isna(high["low"]):
            found.append(said + "one of them has too few documents for an interval: the difference may be noise.")
        elif low["high"] < high["low"]:
            found.append(said + "their intervals do not overlap: the difference is beyond the resampling's spread.")
        else:
            found.append(said + "their intervals overlap: the difference may be noise.")
    return found


def _interval(low: float, high: float, ci: float) -> str | None:
    """A bootstrap interval as the findings say it ("95% interval 20%–29%"); None for a group without one."""
    return f"{ci:.0%} interval {low:.0%}–{high:.0%}" if pd.notna(low) else None


def keyness_findings(key_terms: pd.DataFrame) -> list[str]:
    """The most key term of each comparison that has enough documents, when it is markedly (a quarter) and
    significantly (p < 0.01) more frequent there, in two of its documents or more, with its G2 and effect size."""

    kept = key_terms[over_used(key_terms) & ~key_terms["indicative"].astype(bool)
                     & (key_terms["p_value"] < SIGNIFICANT) & (2 ** key_terms["effect_size"] >= MARKED)]
    if kept.empty and (key_terms["statistic"] > 0).any() and not key_terms["indicative"].astype(bool).all():
        return [f"No term is markedly more frequent in one group than in the rest ({cite('table', 'keyness')})."]
    found = []
    for comparison, group in kept.groupby("comparison", sort=True):
        best = group.iloc[0]
        group_name = mark(compared_group(comparison))
        found.append(f"“{mark(best['term'])}” is the most key term of {group_name} against the rest "
                     f"(G² {best['g2']:.1f}, log ratio {best['effect_size']:.2f}: "
                     f"{2 ** best['effect_size']:.1f} times as frequent; {cite('table', 'keyness')}).")
    return found[:3]


def standout_findings(scores: pd.DataFrame, labels: pd.Series) -> list[str]:
    """The document with the highest rate of the corpus's leading theme, when it stands apart from the next."""
    totals = scores.groupby("theme")["hits"].sum()
    if totals.sum() == 0 or scores["doc_id"].nunique() < 3:
        return []
    theme = totals.sort_values(ascending=False, kind="mergesort").index[0]
    rates = scores[scores["theme"] == theme].sort_values(["per_1k", "doc_id"], ascending=[False, True],
                                                         kind="mergesort")
    first, second = rates.iloc[0], rates.iloc[1]
    if first["per_1k"] < 1.5 * second["per_1k"]:
        return []  # no document stands apart
    return [f"The document that stands out is {mark(labels.get(first['doc_id'], first['doc_id']))}: "
            f"{first['per_1k']:.1f} hits of {mark(theme)} per 1,000 tokens, against {second['per_1k']:.1f} for the "
            f"next ({cite('figure', 'theme_heatmap')})."]
