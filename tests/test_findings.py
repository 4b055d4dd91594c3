"""Findings read off tables: they say what changed and how sure it is, and nothing where a table says nothing."""

import pandas as pd

from newsreport import findings
from newsreport.bidi import unmark
from newsreport.themes import Bootstrap, corpus_shares


def read(find):
    """A findings function whose sentences are read as a reader compares words: without isolate marks."""
    return lambda *args, **kwargs: [unmark(sentence) for sentence in find(*args, **kwargs)]


timeline_findings, theme_findings, keyness_findings = map(
    read, (findings.timeline_findings, findings.theme_findings, findings.keyness_findings))


def timeline(rates: dict[str, tuple[int, int]], *, docs=(40, 50), tokens=(20_000, 25_000)) -> pd.DataFrame:
    """A timeline of two years: entity -> (mentions in 2015, mentions in 2019)."""
    rows = []
    for entity, counts in rates.items():
        for period, mentions, n_docs, n_tokens in zip(("2015", "2019"), counts, docs, tokens, strict=True):
            rows.append((period, entity, mentions, n_tokens, mentions / n_tokens * 1000, min(mentions, n_docs), n_docs))
    return pd.DataFrame(rows, columns=["period", "entity", "mentions", "tokens", "per_1k", "docs_mentioning", "docs"])


def test_a_marked_significant_rise_and_fall_are_found_with_their_documents():
    table = timeline({"Syria": (20, 100), "INTERPOL": (200, 250), "Libya": (80, 20)})
    found = timeline_findings(table, ["Syria", "INTERPOL", "Libya"], min_docs=5, period="year")
    assert found[0].startswith("Mentions of Syria rose from 1.00 to 4.00 per 1,000 tokens between 2015 and 2019")
    assert "(in 20 documents of 40 and 50 of 50" in found[0] and "[[figure:mention_timeline]]" in found[0]
    assert found[1].startswith("Mentions of Libya fell from 4.00 to 0.80")
    assert not any("INTERPOL" in sentence for sentence in found)  # the same rate: no finding


def test_no_claim_from_periods_with_too_few_documents_or_a_flat_timeline():
    small = timeline_findings(timeline({"Syria": (1, 9)}, docs=(1, 2)), ["Syria"], min_docs=5,
                                       period="year")
    assert small == ["No year has the 5 documents a rate needs, and a rise or fall needs two such years: the rates "
                     "of [[figure:mention_timeline]] are indicative."]
    one = timeline_findings(timeline({"Syria": (1, 9)}, docs=(7, 2)), ["Syria"], min_docs=5, period="year")
    assert one[0].startswith("Only 2015 has the 5 documents a rate needs")
    flat = timeline_findings(timeline({"Syria": (100, 124), "Libya": (2000, 2200)}), ["Syria", "Libya"], min_docs=5,
                             period="year")
    assert flat == ["No plotted entity's rate changed both markedly (by a quarter or more) and significantly (G² p < "
                    "0.01) between 2015 and 2019 (40 documents and 50 documents; [[figure:mention_timeline]]); the "
                    "largest move, Libya from 100.00 to 88.00 per 1,000 tokens, is under a quarter."]


def test_a_large_move_that_chance_could_give_is_named_as_such():
    # Middle East 46.3 -> 28.0 per 1,000 tokens from a few hundred tokens: a large fall, not a significant one
    found = timeline_findings(timeline({"Middle East": (10, 7)}, docs=(5, 5), tokens=(216, 250)), ["Middle East"],
                              min_docs=5, period="year")
    assert found[0].endswith("the largest move, Middle East from 46.30 to 28.00 per 1,000 tokens, could be chance "
                             "(G² p = 0.29).")


def groups_and_intervals(shares: dict[str, dict[str, tuple[float, float, float]]], docs: int = 30):
    """group -> theme -> (share, low, high)."""
    groups, intervals = [], []
    for group, themes in shares.items():
        for theme, (share, low, high) in themes.items():
            groups.append((group, theme, docs, int(share * 100), 1000, share * 100, share, docs < 5))
            intervals.append((group, theme, share, low, high))
    return (pd.DataFrame(groups, columns=["group", "theme", "docs", "hits", "tokens", "per_1k", "share", "indicative"]),
            pd.DataFrame(intervals, columns=["group", "theme", "share", "low", "high"]))


def test_the_leading_theme_of_each_group_and_whether_groups_differ_beyond_their_intervals():
    groups, intervals = groups_and_intervals({
        "2015": {"Terrorism": (0.6, 0.5, 0.7), "Cyberspace": (0.4, 0.3, 0.5)},
        "2019": {"Terrorism": (0.3, 0.2, 0.4), "Cyberspace": (0.7, 0.6, 0.8)},
    })
    found = theme_findings(groups, intervals, by="year", min_docs=5, ci=0.95)
    assert found[0] == ("The leading theme by year: Terrorism in 2015 (60%, 95% interval 50%–70%); Cyberspace in "
                        "2019 (70%, 95% interval 60%–80%) ([[figure:theme_groups]]).")
    assert "do not overlap" in found[1] and found[1].startswith(
        "The share of Cyberspace is highest in 2019 (70.0%) and lowest in 2015 (40.0%; [[figure:theme_groups]])")


def test_groups_too_small_to_compare_are_said_to_be():
    groups, intervals = groups_and_intervals({"2015": {"Terrorism": (1.0, 1.0, 1.0)}}, docs=2)
    assert theme_findings(groups, intervals, by="year", min_docs=5, ci=0.95) == [
        "No year group has the 5 documents a comparison needs: the themes are shown document by document "
        "([[table:theme_scores]])."]


def test_one_group_with_enough_documents_is_not_compared_with_nothing():
    groups, intervals = groups_and_intervals({"2016": {"Terrorism": (0.23, 0.2, 0.29), "Cyberspace": (0.1, 0, 0.2)}})
    small, _ = groups_and_intervals({"2017": {"Terrorism": (0.5, 0.5, 0.5)}}, docs=2)
    assert theme_findings(pd.concat([groups, small]), intervals, by="year", min_docs=5, ci=0.95) == [
        "Only one year group, 2016, has the 5 documents a comparison needs: Terrorism leads in it (23%, 95% interval "
        "20%–29%), and there is no other group to compare it with ([[figure:theme_groups]])."]


def test_key_terms_only_when_marked_and_significant():
    key = pd.DataFrame([
        ("outlet=A vs rest", "amman", 60, 0, 50.0, 1e-12, 4.0, 50.0, 51.0, 1e-12, False, 1),  # one document's
        ("outlet=A vs rest", "border", 40, 5, 30.0, 1e-8, 2.5, 30.0, 31.0, 1e-8, False, 4),
        ("outlet=A vs rest", "police", 12, 10, 1.0, 0.3, 0.2, 1.0, 1.0, 0.3, False, 4),
        ("outlet=B vs rest", "police", 12, 10, 1.0, 0.3, 0.2, 1.0, 1.0, 0.3, False, 4),
    ], columns=["comparison", "term", "target_count", "reference_count", "statistic", "p_value", "effect_size", "g2",
                "chi2", "chi2_p", "indicative", "target_docs"])
    assert keyness_findings(key) == [
        "“border” is the most key term of A against the rest (G² 30.0, log ratio 2.50: 5.7 times as "
        "frequent; [[table:keyness]])."]
    assert keyness_findings(key.iloc[2:]) == [
        "No term is markedly more frequent in one group than in the rest ([[table:keyness]])."]


def test_counts_read_in_words():
    assert (findings.plural(1, "document"), findings.plural(2, "document"), findings.plural(1200, "document")) == (
        "1 document", "2 documents", "1,200 documents")
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", "ar"], "date": ["2015-12-03", None]})
    assert findings.corpus_findings(corpus, min_docs=5)[0] == (
        "The corpus holds 2 documents (1 in Arabic, 1 in English), published on 3 December 2015; 1 document is "
        "undated and left out of every timeline ([[table:corpus]]).")


def test_where_the_dates_come_from_and_what_the_loader_skipped():
    documents = pd.DataFrame({"date_source": ["text", "text", "page", "metadata", "missing"]})
    quality = pd.DataFrame({"doc_id": ["a", "b", "c"], "check": ["skipped file", "duplicate text", "undated"],
                            "detail": ["", "", ""]})
    assert findings.quality_findings(documents, quality) == [
        "Of 5 dates, 2 are written in the articles themselves, 1 is read from their web pages' metadata, 1 is "
        "taken from metadata.csv only and 1 is missing ([[table:sources]]); 1 file skipped and 1 text duplicated "
        "([[table:data_quality]])."]
    in_text = pd.DataFrame({"date_source": ["text"] * 14})
    assert findings.quality_findings(in_text, quality.head(0)) == [
        "All 14 dates are written in the articles themselves ([[table:sources]])."]


def test_groups_compared_without_an_interval_say_so_instead_of_printing_nan():
    groups, intervals = groups_and_intervals({
        "2015": {"Terrorism": (0.6, float("nan"), float("nan")), "Cyberspace": (0.4, float("nan"), float("nan"))},
        "2019": {"Terrorism": (0.3, 0.2, 0.4), "Cyberspace": (0.7, 0.6, 0.8)},
    })  # compared groups, one without an interval (as with min_docs under three)
    found = theme_findings(groups, intervals, by="year", min_docs=2, ci=0.95)
    assert "Terrorism in 2015 (60%, too few documents for an interval)" in found[0]
    assert found[1].endswith("one of them has too few documents for an interval: the difference may be noise.")
    assert not any("nan" in sentence for sentence in found)


def test_the_themes_with_most_hits_in_the_corpus():
    scores = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"], "theme": ["Terrorism", "Cyberspace"] * 3,
                           "hits": [5, 1, 3, 0, 0, 0]})
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"]})
    overall = corpus_shares(scores, documents, bootstrap=Bootstrap(n_boot=200, ci=0.9))
    assert overall[["theme", "hits", "docs"]].values.tolist() == [["Terrorism", 8, 2], ["Cyberspace", 1, 1]]
    assert overall["share"].round(3).tolist() == [0.889, 0.111]  # the table the finding cites holds its interval
    assert [unmark(s) for s in findings.theme_total_findings(overall, documents=3, ci=0.9)] == [
        "Across the corpus, Terrorism has the most theme hits: 8 of 9 (89%, 90% interval 83%–100%), in 2 of 3 "
        "documents, before Cyberspace (1) ([[table:theme_shares]]); its interval lies above Cyberspace's (0%–17%): "
        "the lead is beyond the resampling's spread."]
    assert overall.loc[0, ["low", "high"]].round(2).tolist() == [0.83, 1.0]
    level = scores.assign(hits=[2, 1, 1, 2, 0, 0])  # 3 hits each: the lead of the first by name is no lead
    level_shares = corpus_shares(level, documents, bootstrap=Bootstrap(n_boot=200))
    said = unmark(findings.theme_total_findings(level_shares, documents=3, ci=0.95)[0])
    assert said.endswith("; its interval overlaps Terrorism's (0%–67%): the lead may be noise.")
    assert findings.theme_total_findings(corpus_shares(scores.assign(hits=0), documents), documents=3, ci=0.9) == []
