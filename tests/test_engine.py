"""The engines and the partitioned analysis: same tables as the whole-corpus functions, whatever runs them."""

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import write_fixture_corpus
from pandas.testing import assert_frame_equal

from newsreport import analysis, frequency, lexicon, matching, themes, timeline
from newsreport.corpus import load_corpus
from newsreport.engine import partition, run_partitions, show_progress
from newsreport.errors import InputError
from newsreport.tables import write_csv
from newsreport.tokens import count_tokens

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "data" / "lexicons"
STOPWORDS = LEXICONS / "stopwords.yaml"


def _generator():
    """benchmarks/generate_corpus.py, which is a script beside the package, not part of it."""
    if "generate_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "benchmarks" / "generate_corpus.py")
        sys.modules["generate_corpus"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["generate_corpus"]


@pytest.fixture(scope="module")
def aliases():
    return lexicon.load_lexicon(LEXICONS / "entities.yaml"), lexicon.load_lexicon(LEXICONS / "themes.yaml")


@pytest.fixture(scope="module")
def fixture_documents(tmp_path_factory):
    folder = write_fixture_corpus(tmp_path_factory.mktemp("engine") / "corpus")
    return load_corpus(folder, metadata=folder / "metadata.csv").documents


@pytest.fixture(scope="module")
def generated():
    return _generator().generate(2000, seed=7)


def whole_corpus(documents, aliases, *, period="year"):
    """The report's tables by the whole-corpus functions: what every engine must reproduce."""
    entities, topics = aliases
    if "n_tokens" not in documents.columns:
        documents = documents.assign(n_tokens=[count_tokens(t, language=lang) for t, lang
                                               in zip(documents["text"], documents["language"], strict=True)])
    extract = frequency.term_options(ngram_range=(1, 2), stop_words=("maintained", "project"), stopwords_file=STOPWORDS,
                                     min_length=2, lowercase=True, lemmatize=False)
    entity_evidence = matching.match_documents(documents, entities)
    theme_evidence = matching.match_documents(documents, topics)
    mentions = matching.count_mentions(entity_evidence, documents)
    return {
        "term_frequency": frequency.term_frequency(frequency.document_terms(documents, extract), documents),
        "mentions": mentions,
        "theme_scores": themes.theme_scores(theme_evidence, documents, themes=themes.theme_names(topics)),
        "mention_timeline": timeline.mention_timeline(mentions, documents, period=period),
        "n_tokens": documents[["doc_id", "n_tokens"]].reset_index(drop=True),
        "entity_evidence": entity_evidence,
        "theme_evidence": theme_evidence,
    }


def tables(result: analysis.PartitionResult) -> dict[str, pd.DataFrame]:
    found = {
        "term_frequency": analysis.term_frequency(result),
        "mentions": result.mentions,
        "theme_scores": result.theme_scores,
        "mention_timeline": analysis.mention_timeline(result),
        "n_tokens": result.n_tokens,
    }
    if result.entity_evidence is not None:
        found |= {"entity_evidence": result.entity_evidence, "theme_evidence": result.theme_evidence}
    return found


def assert_same(found: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    for name, table in found.items():
        assert_frame_equal(table, expected[name], obj=name)


# --- partitions and the engine ------------------------------------------------------------------


def test_partitions_follow_row_order_and_size():
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(7)]})
    parts = partition(documents, size=3)
    assert [len(p) for p in parts] == [3, 3, 1]
    assert pd.concat(parts)["doc_id"].tolist() == documents["doc_id"].tolist()
    assert partition(documents, size=10)[0]["doc_id"].tolist() == documents["doc_id"].tolist()
    assert partition(documents.head(0), size=3) == []
    with pytest.raises(InputError, match="at least 1"):
        partition(documents, size=0)


def test_results_come_back_in_partition_order_in_process_and_in_a_pool():
    parts = [list(range(n)) for n in (50, 3, 20, 1, 7)]
    expected = [sum(p) for p in parts]
    assert run_partitions(sum, parts, workers=1) == expected
    assert run_partitions(sum, parts, workers=2, serial_below=0) == expected  # a real pool of two processes
    assert run_partitions(sum, [], workers=2) == []
    with pytest.raises(InputError, match="engine"):
        run_partitions(sum, parts, engine="spark")


def test_progress_is_quiet_when_stderr_is_not_a_terminal(capsys):
    assert show_progress(None) is False  # pytest captures stderr: not a terminal
    assert show_progress(True) and not show_progress(False)
    run_partitions(sum, [[1], [2]], label="counted")
    assert capsys.readouterr().err == ""
    run_partitions(sum, [[1], [2]], label="counted", progress=True)
    assert "counted" in capsys.readouterr().err


# --- the partitioned analysis ---------------------------------------------------------------------


def test_partitioned_analysis_equals_the_whole_corpus_functions_on_the_fixture_corpus(fixture_documents, aliases):
    expected = whole_corpus(fixture_documents, aliases)
    for size in (1, 2, 10):
        result = analysis.analyse(fixture_documents, entity_aliases=aliases[0], theme_aliases=aliases[1],
                                  partition_size=size, stopwords_file=STOPWORDS, evidence=True)
        assert_same(tables(result), expected)


def test_partitioned_analysis_equals_the_whole_corpus_functions_on_generated_articles(generated, aliases):
    expected = whole_corpus(generated, aliases, period="quarter")
    result = analysis.analyse(generated, entity_aliases=aliases[0], theme_aliases=aliases[1], partition_size=300,
                              workers=2, stopwords_file=STOPWORDS, period="quarter")
    assert_same(tables(result), expected)
    assert result.entity_evidence is None  # only aggregates come back unless evidence is asked for
    assert int(result.tokens_per_language["tokens"].sum()) == int(expected["n_tokens"]["n_tokens"].sum())


def test_analysis_options_are_checked(fixture_documents, aliases):
    with pytest.raises(InputError, match="unknown analysis option 'ngrams'"):
        analysis.analyse(fixture_documents, entity_aliases=aliases[0], theme_aliases=aliases[1], ngrams=(1, 2))
    twice = pd.concat([fixture_documents, fixture_documents.head(1)], ignore_index=True)
    with pytest.raises(InputError, match="unique"):
        analysis.analyse(twice, entity_aliases=aliases[0], theme_aliases=aliases[1])


@pytest.mark.slow
def test_dask_and_local_engines_give_byte_identical_tables(fixture_documents, generated, aliases, tmp_path):
    """A real local cluster of two worker processes against the local engine, table by table and byte by byte."""
    for name, documents, size in (("fixture", fixture_documents, 1), ("generated", generated, 400)):
        options = dict(entity_aliases=aliases[0], theme_aliases=aliases[1], partition_size=size, workers=2,
                       stopwords_file=STOPWORDS, evidence=True)
        local = tables(analysis.analyse(documents, engine="local", **options))
        dask = tables(analysis.analyse(documents, engine="dask", **options))
        assert_same(dask, local)
        assert_same(local, whole_corpus(documents, aliases))
        for table in local:
            a = write_csv(local[table], tmp_path / name / "local" / f"{table}.csv", sort_by=[])
            b = write_csv(dask[table], tmp_path / name / "dask" / f"{table}.csv", sort_by=[])
            assert a.read_bytes() == b.read_bytes(), table


# --- the benchmark's corpus ---------------------------------------------------------------------


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
