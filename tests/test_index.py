"""The corpus index, the one path every count of the report takes: expected counts, the same tables whatever the
partitions and the engine, and each document tokenised or matched again only when its inputs change."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import corpus_of, write_fixture_corpus
from pandas.testing import assert_frame_equal

from newsreport import frequency, index, keyness, labels, lexicon, mentions, themes
from newsreport.corpus import load_corpus
from newsreport.engine import EngineOptions
from newsreport.tokens import TermOptions

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "data" / "lexicons"
OPTIONS = TermOptions(stopwords_lexicon=LEXICONS / "stopwords.yaml")


def _generator():
    """benchmarks/generate_corpus.py, which is a script beside the package, not part of it."""
    if "generate_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "benchmarks" / "generate_corpus.py")
        sys.modules["generate_corpus"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["generate_corpus"]


@pytest.fixture(scope="module")
def aliases():
    return {"entities": lexicon.load_lexicon(LEXICONS / "entities.yaml"),
            "themes": lexicon.load_lexicon(LEXICONS / "themes.yaml")}


@pytest.fixture(scope="module")
def fixture_documents(tmp_path_factory):
    folder = write_fixture_corpus(tmp_path_factory.mktemp("index") / "corpus")
    return load_corpus(folder, metadata=folder / "metadata.csv").documents


def tables_of(corpus, documents, aliases, folder: Path, engine: EngineOptions) -> dict[str, pd.DataFrame]:
    """The report's main tables from the index, as the notebooks make them."""
    terms = index.term_counts(corpus, OPTIONS, phrases=lexicon.phrases(aliases["entities"], aliases["themes"]),
                              index=folder, engine=engine)
    entity = index.lexicon_matches(corpus, index.Lexicon(aliases["entities"]), index=folder, engine=engine)
    topic = index.lexicon_matches(corpus, index.Lexicon(aliases["themes"]), index=folder, engine=engine)
    counts, hits = mentions.counted(entity, documents)
    theme_counts, _ = mentions.counted(topic, documents)
    return {
        "term_frequency": frequency.term_frequency(terms, documents)[0],
        "mentions": counts,
        "alias_hits": hits,
        "mention_evidence": entity.read(),
        "theme_scores": themes.theme_scores(theme_counts, documents, themes=themes.theme_names(aliases["themes"])),
        "keyness": keyness.keyness_by_group(terms, documents, by="outlet", language="en", min_count=1),
    }


def test_counts_read_off_the_fixture_corpus(fixture_documents, aliases, tmp_path):
    corpus = corpus_of(fixture_documents, tmp_path, partition_size=2)
    found = tables_of(corpus, fixture_documents, aliases, tmp_path / "index", EngineOptions())
    freq = found["term_frequency"].set_index(["language", "term"])
    assert freq.loc[("en", "border security"), ["count", "doc_count"]].tolist() == [2, 1]
    assert freq.loc[("en", "amman"), "count"] == 3  # the title, the dateline and the body
    # multi-word aliases of the lexicons are one term each, their words not counted again inside them
    assert freq.loc[("fr", "coopération policière"), "count"] == 1 and freq.loc[("fr", "coopération"), "count"] == 1
    # the alias is singular: its plural counts as it, as the matcher counts it
    assert freq.loc[("en", "foreign terrorist fighter"), "count"] == 1
    assert ("en", "foreign terrorist fighters") not in freq.index
    assert freq.loc[("fr", "sécurité des frontières"), "count"] == 1  # stop words inside a phrase stay in it
    assert ("en", "the") not in freq.index and ("fr", "le") not in freq.index
    assert freq.loc[("ar", "الإنتربول"), "count"] == 2
    mentioned = found["mentions"].set_index(["doc_id", "entity"])["mentions"]
    assert mentioned[("en_amman", "INTERPOL")] == 1 and mentioned[("fr_rabat", "Morocco")] == 2  # title, body
    assert mentioned[("ar_tunis", "INTERPOL")] == 2
    evidence = found["mention_evidence"]  # every count is its number of evidence rows
    assert (evidence.groupby(["doc_id", "entity"]).size() == mentioned.sort_index()).all()
    assert found["mentions"]["mentions"].sum() == len(evidence) == found["alias_hits"]["hits"].sum()


def test_the_same_tables_whatever_the_partitions(fixture_documents, aliases, tmp_path):
    whole = tables_of(corpus_of(fixture_documents, tmp_path / "a"), fixture_documents, aliases, tmp_path / "ia",
                      EngineOptions())
    for size in (1, 2):
        parted = tables_of(corpus_of(fixture_documents, tmp_path / f"p{size}", partition_size=size),
                           fixture_documents, aliases, tmp_path / f"i{size}", EngineOptions(workers=1))
        for name, table in whole.items():
            assert_frame_equal(parted[name], table, obj=name)


def test_a_lexicon_edit_rematches_without_retokenising(fixture_documents, aliases, tmp_path):
    corpus = corpus_of(fixture_documents, tmp_path, partition_size=2)
    folder, engine = tmp_path / "index", EngineOptions()
    phrases = lexicon.phrases(aliases["entities"], aliases["themes"])
    index.term_counts(corpus, OPTIONS, phrases=phrases, index=folder, engine=engine)
    index.lexicon_matches(corpus, index.Lexicon(aliases["entities"]), index=folder, engine=engine)
    written = {p: p.stat().st_mtime_ns for p in folder.rglob("*.parquet")}
    compounded = index.compounded_options(corpus, OPTIONS, phrases=phrases, index=folder, engine=engine)
    assert index.prepare(corpus, index=folder, engine=engine, terms=compounded,
                         lexicons=[index.Lexicon(aliases["entities"])]) == 0  # all there: nothing read
    edited = pd.concat([aliases["entities"], pd.DataFrame([("Amman", "city", "en", "Amman")],
                                                          columns=lexicon.ALIAS_COLUMNS)], ignore_index=True)
    matches = index.lexicon_matches(corpus, index.Lexicon(edited), index=folder, engine=engine)
    assert "Amman" in set(matches.read()["entity"])
    index.term_counts(corpus, OPTIONS, phrases=lexicon.phrases(edited, aliases["themes"]), index=folder, engine=engine)
    assert all(p.stat().st_mtime_ns == t for p, t in written.items())  # the term counts were not made again
    two_words = TermOptions(ngram_range=(1, 2), stopwords_lexicon=OPTIONS.stopwords_lexicon)
    index.term_counts(corpus, two_words, phrases=phrases, index=folder, engine=engine)
    assert all(p.stat().st_mtime_ns == t for p, t in written.items())  # nor the matches, for new term options
    # terms: the candidates, the counts of each term options; matches: the two entity lexicons
    assert len(list((folder / "terms").iterdir())) == 3 and len(list((folder / "matches").iterdir())) == 2


def test_an_edited_lexicon_redoes_only_the_documents_its_change_touches(aliases, tmp_path, monkeypatch):
    """An entity added (two words: compounded in the term counts) and another's alias removed: the index made
    from the previous entries equals the one made afresh, and only documents holding the words were redone."""
    from newsreport import tokens

    documents = _generator().generate(300, seed=5)
    corpus, engine = corpus_of(documents, tmp_path, partition_size=100), EngineOptions(workers=1)
    before = aliases["entities"]
    after = pd.concat([before[before["alias"] != "Europol"],
                       pd.DataFrame([("Police chiefs", "topic", "en", "police chief")],
                                    columns=lexicon.ALIAS_COLUMNS)], ignore_index=True)

    def entries(lexicon_table: pd.DataFrame, folder: Path) -> tuple[index.TermCounts, index.LexiconMatches]:
        phrases = lexicon.phrases(lexicon_table, aliases["themes"])
        return (index.term_counts(corpus, OPTIONS, phrases=phrases, index=folder, engine=engine),
                index.lexicon_matches(corpus, index.Lexicon(lexicon_table), index=folder, engine=engine))

    entries(before, tmp_path / "edited")
    index.lexicon_matches(corpus, index.Lexicon(aliases["themes"]), index=tmp_path / "edited", engine=engine)
    recounted, matched = [], []  # the entity lexicon is made from its previous version, not from the themes
    terms, rows = tokens.TermExtractor.terms_of, index.matching.evidence_table
    monkeypatch.setattr(tokens.TermExtractor, "terms_of", lambda self, streams, language: (
        recounted.extend(streams), terms(self, streams, language))[1])
    monkeypatch.setattr(index.matching, "evidence_table", lambda doc_ids, *args, **kwargs: (
        matched.extend(doc_ids), rows(doc_ids, *args, **kwargs))[1])
    edited = entries(after, tmp_path / "edited")
    holding = documents["text"].str.contains(r"\bpolice chiefs?\b", case=False)
    assert 0 < len(recounted) == holding.sum() < len(documents)
    assert set(matched) == set(documents["doc_id"][holding | documents["text"].str.contains("Europol", case=False)])
    afresh = entries(after, tmp_path / "afresh")
    for made, fresh in zip(edited, afresh, strict=True):
        for part, fresh_part in zip(made.parts, fresh.parts, strict=True):
            assert pq.read_table(part).equals(pq.read_table(fresh_part)), part
    counts = afresh[0].of_documents(documents["doc_id"][holding].tolist())
    assert (counts["term"] == "police chief").any()  # "police chiefs" counted as the alias
    assert "Europol" not in set(afresh[1].read()["entity"])


def test_a_document_is_tokenised_once_for_its_candidate_terms_and_its_counted_terms(aliases, tmp_path, monkeypatch):
    from newsreport import tokens

    documents = _generator().generate(120, seed=3)
    corpus, engine = corpus_of(documents, tmp_path, partition_size=50), EngineOptions(workers=1)
    tokenised, tokenise = [], tokens.token_stream
    monkeypatch.setattr(tokens, "token_stream", lambda text, **options: (
        tokenised.append(text), tokenise(text, **options))[1])
    phrases = lexicon.phrases(aliases["entities"], aliases["themes"])
    counts = index.term_counts(corpus, OPTIONS, phrases=phrases, index=tmp_path / "index", engine=engine)
    assert sorted(text for text in tokenised if text in set(documents["text"])) == sorted(documents["text"])
    streams = sorted((tmp_path / "index" / "streams").glob("*/part-*.parquet"))
    assert len(streams) == 3 and sum(pq.read_metadata(part).num_rows for part in streams) == 120
    first = documents.sort_values("doc_id").iloc[0]  # counted from its stream as from its text
    counted = counts.of_documents([first["doc_id"]]).set_index("term")["count"].to_dict()
    options = index.compounded_options(corpus, OPTIONS, phrases=phrases, index=tmp_path / "index", engine=engine)
    assert counted == Counter(options.extractor()(first["text"], first["language"])[1])


def test_a_partition_an_edit_does_not_touch_is_linked_from_the_entry_before(fixture_documents, aliases, tmp_path,
                                                                            monkeypatch):
    corpus = corpus_of(fixture_documents, tmp_path, partition_size=2)
    folder, engine = tmp_path / "index", EngineOptions()
    unseen = pd.concat([aliases["entities"], pd.DataFrame([("Nowhere Pact", "organisation", "en", "Nowhere Pact")],
                                                          columns=lexicon.ALIAS_COLUMNS)], ignore_index=True)
    made = []
    for table in (aliases["entities"], unseen):  # the alias is in no document: every partition stays as it was
        phrases = lexicon.phrases(table, aliases["themes"])
        made.append((index.term_counts(corpus, OPTIONS, phrases=phrases, index=folder, engine=engine),
                     index.lexicon_matches(corpus, index.Lexicon(table), index=folder, engine=engine)))
    for before, after in zip(*made, strict=True):
        assert after.folder != before.folder and len(after.parts) > 1
        assert all(a.samefile(b) for a, b in zip(after.parts, before.parts, strict=True))
    made_once = EngineOptions.map  # two runs sharing the index, both finding a partition missing: no harm done
    monkeypatch.setattr(EngineOptions, "map", lambda self, func, tasks, **options: (
        made_once(self, func, list(tasks), **options), made_once(self, func, list(tasks), **options))[1])
    again = pd.concat([unseen, pd.DataFrame([("Nowhere Accord", "organisation", "en", "Nowhere Accord")],
                                            columns=lexicon.ALIAS_COLUMNS)], ignore_index=True)
    linked = index.lexicon_matches(corpus, index.Lexicon(again), index=folder, engine=engine)
    assert all(a.samefile(b) for a, b in zip(linked.parts, made[0][1].parts, strict=True))


def test_large_evidence_is_kept_as_partitioned_parquet_only(fixture_documents, aliases, tmp_path):
    from newsreport.tables import write_evidence

    corpus = corpus_of(fixture_documents, tmp_path, partition_size=1)
    matches = index.lexicon_matches(corpus, index.Lexicon(aliases["entities"]), index=tmp_path / "index",
                                    engine=EngineOptions())
    small = write_evidence(matches.parts, "mention_evidence.csv", tmp_path / "small")
    assert small["mention_evidence.csv"].name == "mention_evidence.csv"
    large = write_evidence(matches.parts, "mention_evidence.csv", tmp_path / "large", csv_rows=3)
    dataset = large["mention_evidence.csv"]
    assert dataset.name == "mention_evidence.parquet" and not (tmp_path / "large" / "mention_evidence.csv").exists()
    rows = pd.read_parquet(dataset)  # the full record, every row
    assert len(rows) == len(pd.read_csv(small["mention_evidence.csv"])) and len(list(dataset.iterdir())) == 3
    counts, _ = mentions.counted(matches, fixture_documents)
    assert counts["mentions"].sum() == len(rows)
    assert list(rows.columns) == list(pd.read_csv(small["mention_evidence.csv"]).columns)
    published = dataset / matches.parts[0].name  # a copy: editing it never edits the index the next run reads
    assert published.read_bytes() == matches.parts[0].read_bytes()
    assert published.stat().st_ino != matches.parts[0].stat().st_ino


def test_options_and_lexicons_key_their_entries(aliases, tmp_path):
    stop = tmp_path / "stop.yaml"
    stop.write_text("en: [amman]\n")
    assert TermOptions(stopwords_lexicon=stop).key() != OPTIONS.key()
    before = TermOptions(stopwords_lexicon=stop).key()
    stop.write_text("en: [jordan]\n")
    assert TermOptions(stopwords_lexicon=stop).key() != before  # the file's content, not its name
    assert index.Lexicon(aliases["entities"]).key != index.Lexicon(aliases["entities"], window=30).key


@pytest.mark.slow
def test_local_pool_and_dask_give_byte_identical_tables(aliases, tmp_path):
    """Generated articles in partitions of 400: in this process, on a pool of two processes, and on a real
    two-process local Dask cluster; the tables written by the contract's writer are the same bytes."""
    from newsreport.tables import write_table

    documents = _generator().generate(1200, seed=7)
    documents = documents.assign(n_tokens=documents["text"].str.split().str.len(), outlet=documents["outlet"])
    written = {}
    for name, engine in (("here", EngineOptions(workers=1)), ("pool", EngineOptions(workers=2)),
                         ("dask", EngineOptions(engine="dask", workers=2))):
        corpus = corpus_of(documents, tmp_path / name, partition_size=400)
        found = tables_of(corpus, documents, aliases, tmp_path / name / "index", engine)
        written[name] = {
            "term_frequency": write_table(found["term_frequency"], "term_frequency.csv", tmp_path / name),
            "mentions": write_table(found["mentions"], "mentions.csv", tmp_path / name),
            "mention_evidence": write_table(found["mention_evidence"], "mention_evidence.csv", tmp_path / name),
            "theme_scores": write_table(found["theme_scores"], "theme_scores.csv", tmp_path / name),
            "keyness": write_table(found["keyness"], "keyness.csv", tmp_path / name),
        }
    for table, path in written["here"].items():
        assert written["pool"][table].read_bytes() == path.read_bytes(), table
        assert written["dask"][table].read_bytes() == path.read_bytes(), table


def test_generated_corpus_is_deterministic_and_shaped_like_the_seeds():
    generate = _generator().generate
    first, again, other = generate(60, seed=3), generate(60, seed=3), generate(60, seed=4)
    assert_frame_equal(first, again)
    assert not first["text"].equals(other["text"])
    assert list(first.columns) == ["doc_id", "title", "date", "language", "outlet", "text"]
    assert first["doc_id"].is_unique
    assert first["date"].between("2011-01-01", "2019-12-31").all()
    assert set(first["language"]) <= {"en", "fr", "ar"}
    assert all(text.startswith(title + "\n\n") for title, text in zip(first["title"], first["text"], strict=True))


def test_the_evidence_shown_takes_one_context_from_each_of_the_earliest_documents(tmp_path):
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "language": "en",
                              "text": ["INTERPOL met. INTERPOL spoke. Tunisia and INTERPOL.", "Tunisia, then INTERPOL.",
                                       "INTERPOL again."], "date": ["2019-01-01", "2015-06-01", None]})
    documents["n_tokens"] = documents["text"].str.split().str.len()
    table = pd.DataFrame({"entity": ["INTERPOL", "Tunisia"], "entity_type": "organisation", "language": "en",
                          "alias": ["INTERPOL", "Tunisia"]})
    matches = index.lexicon_matches(corpus_of(documents, tmp_path, partition_size=2), index.Lexicon(table),
                                    index=tmp_path / "index", engine=EngineOptions())
    shown = matches.first_documents(2, labels.date_order(documents))  # b (2015), then a (2019); c is undated
    assert list(zip(shown["entity"], shown["doc_id"], shown["start"], strict=True)) == [
        ("Tunisia", "b", 0), ("INTERPOL", "b", 14), ("INTERPOL", "a", 0), ("Tunisia", "a", 30)]
    assert matches.first_documents(3, labels.date_order(documents))["doc_id"].tolist() == ["b", "b", "a", "a", "c"]
    nowhere = index.lexicon_matches(corpus_of(documents, tmp_path / "none"), index.Lexicon(table.assign(
        alias=["Europol", "Oslo"])), index=tmp_path / "index", engine=EngineOptions())  # a corpus that names none
    assert nowhere.first_documents(2, labels.date_order(documents)).empty


def test_a_damaged_index_file_is_made_again(fixture_documents, aliases, tmp_path):
    corpus = corpus_of(fixture_documents, tmp_path, partition_size=2)
    folder, engine, entities = tmp_path / "index", EngineOptions(), index.Lexicon(aliases["entities"])
    before = index.lexicon_matches(corpus, entities, index=folder, engine=engine).read()
    damaged = sorted((folder / "matches").rglob("part-*.parquet"))[1]
    damaged.write_bytes(damaged.read_bytes()[:100])  # a disk error, or a file cut short by hand
    assert index.prepare(corpus, index=folder, engine=engine, lexicons=[entities]) == 1  # that partition, again
    pd.testing.assert_frame_equal(index.lexicon_matches(corpus, entities, index=folder, engine=engine).read(), before)


def test_a_damaged_entry_is_never_the_base_of_an_edited_lexicon(fixture_documents, aliases, tmp_path):
    corpus = corpus_of(fixture_documents, tmp_path, partition_size=2)
    folder, engine = tmp_path / "index", EngineOptions()
    index.lexicon_matches(corpus, index.Lexicon(aliases["entities"]), index=folder, engine=engine)
    for part in (folder / "matches").rglob("part-*.parquet"):
        part.write_bytes(part.read_bytes()[:200])  # every file of the entry damaged
    edited = pd.concat([aliases["entities"], pd.DataFrame([("Amman", "city", "en", "Amman")],
                                                          columns=lexicon.ALIAS_COLUMNS)], ignore_index=True)
    matches = index.lexicon_matches(corpus, index.Lexicon(edited), index=folder, engine=engine).read()
    fresh = index.lexicon_matches(corpus, index.Lexicon(edited), index=tmp_path / "fresh", engine=engine).read()
    pd.testing.assert_frame_equal(matches, fresh)


def test_entries_dated_in_the_future_never_push_out_the_entry_in_use(fixture_documents, aliases, tmp_path):
    corpus = corpus_of(fixture_documents, tmp_path, partition_size=2)
    folder, engine = tmp_path / "index", EngineOptions()
    entities = index.Lexicon(aliases["entities"])
    built = index.lexicon_matches(corpus, entities, index=folder, engine=engine).folder
    for n in range(index.KEEP + 1):  # copies whose clock said 2035
        copy = built.with_name(f"{built.name[:-4]}f{n:03d}")
        shutil.copytree(built, copy)
        os.utime(copy, (2_051_222_400, 2_051_222_400))
    themes = index.Lexicon(aliases["themes"])
    assert index.lexicon_matches(corpus, themes, index=folder, engine=engine).complete  # this run's entry stays
    kept = sorted(p.name for p in built.parent.iterdir())
    assert len(kept) == index.KEEP and built.name in kept
