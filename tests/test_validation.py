"""Everything checkable is refused before any notebook starts: one line naming the parameter or file,
exit 2, in under two seconds, and nothing written."""

from __future__ import annotations

import json
import time

import pandas as pd
import pytest

from newsreport.cli import main


def refused(project, capsys, *args: str) -> str:
    """Run the command line, expect a refusal, and return its one line."""
    started = time.perf_counter()
    assert main(["--root", str(project), *args]) == 2
    assert time.perf_counter() - started < 2, "a bad input must be refused in under 2 s"
    err = capsys.readouterr().err.strip()
    assert "\n" not in err, err
    assert not (project / ".build").exists() and not (project / "report" / "executed").exists()
    return err


def test_grouping_by_a_column_no_document_has(project, capsys):
    err = refused(project, capsys, "-p", "compare_by", "region")
    assert err.startswith("error: parameter 'compare_by': no document has a column 'region'")
    assert "add a column 'region' to metadata.csv" not in err  # metadata.csv exists: its columns are named
    assert err.endswith("; metadata.csv adds date_evidence")
    err = refused(project, capsys, "-p", "keyness_by", "section")
    assert err.startswith("error: parameter 'keyness_by': no document has a column 'section'")


def test_a_metadata_column_can_be_grouped_by(project, capsys):
    from newsreport.params import load_params, resolve_paths
    from newsreport.pipeline import plan
    from newsreport.validation import validate

    (project / "data" / "raw" / "metadata.csv").write_text("doc_id,region\nen_amman,Levant\nfr_rabat,Maghreb\n")
    params = load_params(project, overrides={"compare_by": "region"})
    validate(params, resolve_paths(params, project), [s.notebook for s in plan(project)], warn=print)


def test_no_languages_and_a_keyness_language_outside_them(project, capsys):
    assert refused(project, capsys, "-p", "languages", "[]").startswith(
        "error: parameter 'languages': Value error, needs at least one language")
    assert refused(project, capsys, "-p", "languages", "[en, fr]", "-p", "keyness_language", "ar").startswith(
        "error: parameter 'keyness_language': 'ar' is not one of the corpus languages (en, fr)")


def test_table_files_without_rows_text_column_or_text(project, tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("id,text\n")
    assert "no records" in refused(project, capsys, "--corpus", str(empty))
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "a", "body": "Some text."}) + "\n")
    err = refused(project, capsys, "--corpus", str(other))
    assert "no column 'text' (columns: id, body)" in err and "corpus_columns" in err
    numbers = tmp_path / "numbers.parquet"
    pd.DataFrame({"id": ["a", "b"], "text": [1, 2]}).to_parquet(numbers)
    assert "column 'text' holds int64, not text" in refused(project, capsys, "--corpus", str(numbers))
    nothing = tmp_path / "nothing.parquet"
    pd.DataFrame({"id": pd.Series(dtype=str), "text": pd.Series(dtype=str)}).to_parquet(nothing)
    assert "no rows" in refused(project, capsys, "--corpus", str(nothing))
    for name, table in (("numbers.csv", "id,text\na,12\nb,3.5\n"), ("blank.jsonl", '{"id": "a", "text": " "}\n')):
        (tmp_path / name).write_text(table)
        assert "no row has words in column 'text'" in refused(project, capsys, "--corpus", str(tmp_path / name))


def test_a_folder_of_empty_files_and_an_output_root_that_cannot_be_written(project, tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_text("")
    (empty / "b.txt").write_text(" \n")
    (empty / "crawl.warc.gz").write_bytes(b"")
    assert "no article file holds text and no web archive a record (each is empty, binary or undecodable)" in refused(
        project, capsys, "--corpus", str(empty))
    assert refused(project, capsys, "--corpus", str(empty / "crawl.warc.gz")) == (
        "error: parameter 'corpus': crawl.warc.gz holds no WARC record (empty, not a web archive, or damaged from its "
        "start); pass a .warc/.warc.gz file a crawler wrote")
    (empty / "c.txt").write_bytes(bytes(range(256)) * 4)
    assert "no article file holds text" in refused(project, capsys, "--corpus", str(empty))
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert refused(project, capsys, "-p", "output_root", str(afile)).startswith(
        f"error: parameter 'output_root': {afile} is a file, not a folder")
    assert refused(project, capsys, "-p", "output_root", "/proc/newsreport").startswith(
        "error: parameter 'output_root': /proc cannot be written")  # the folder it would be made in


def test_a_metadata_file_that_links_out_of_the_corpus_folder_is_refused(project, tmp_path, capsys):
    metadata = project / "data" / "raw" / "metadata.csv"
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes(metadata.read_bytes())
    metadata.unlink()
    metadata.symlink_to(outside)
    assert refused(project, capsys).startswith(f"error: {metadata.name} in the corpus folder is a link to {outside}")


def test_an_entity_name_is_suggested_whatever_its_case(project, capsys):
    assert refused(project, capsys, "-p", "timeline_entities", "[Interpl]").endswith("did you mean 'INTERPOL'?")


def test_a_lexicon_yaml_error_names_its_line_and_column(project, capsys):
    lexicon = project / "data" / "lexicons" / "entities.yaml"
    lines = lexicon.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("- name:"))
    lines[number] = lines[number] + ": broken"
    lexicon.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(project, capsys)
    assert err.startswith(f"error: lexicon file {lexicon} line {number + 1}, column ")
    assert "not valid YAML (mapping values are not allowed here)" in err


@pytest.mark.parametrize(("entry", "expected"), [
    ("- name: Nobody\n  type: person\n", "entry 1 (Nobody): no aliases"),
    ("- name: Blank\n  type: person\n  aliases:\n    en: ['  ']\n", "an empty alias under 'aliases: en:'"),
    ("- name: Tunisia\n  type: contry\n  iso: TN\n", "entry 1 (Tunisia): an entry with an ISO code is a country; "
     "write 'type: country', not 'contry'"),
])
def test_a_lexicon_entry_without_aliases_or_with_an_empty_one(project, capsys, entry, expected):
    lexicon = project / "data" / "lexicons" / "entities.yaml"
    lexicon.write_text("entities:\n" + entry, encoding="utf-8")
    assert expected in refused(project, capsys)


def test_an_unknown_timeline_entity_gets_the_closest_name(project, capsys):
    err = refused(project, capsys, "-p", "timeline_entities", "[Interpol]")
    assert err == ("error: parameter 'timeline_entities': 'Interpol' is not an entity of entities.yaml; "
                   "did you mean 'INTERPOL'?")


def test_a_params_file_yaml_error_names_its_line_and_column(project, tmp_path, capsys):
    params = tmp_path / "mine.yaml"
    params.write_text("top_n: 10\nperiod: [year\n")
    err = refused(project, capsys, "--params", str(params))
    assert err.startswith(f"error: parameter file {params} line 3, column 1: not valid YAML")
    assert err.endswith("the [ was opened on line 2, column 9); fix it there")  # where the bracket was left open
    params.write_text("top_n: 5\nperiod: year\ntop_n: 6\n")
    assert refused(project, capsys, "--params", str(params)) == (
        f"error: parameter file {params} line 3, column 1: not valid YAML ('top_n' is given twice (the second would "
        "win in silence)); fix it there")


def test_a_notebook_parameter_edited_away_from_the_config_is_said_before_the_run(project):
    from newsreport.params import load_params
    from newsreport.validation import disagreements

    notebook = project / "notebooks" / "03_mention_timeline.ipynb"
    notebook.write_text(notebook.read_text().replace('period = \\"year\\"', 'period = \\"quarter\\"'))
    configured = load_params(project)
    assert disagreements(notebook, configured, project) == [
        "note: notebooks/03_mention_timeline.ipynb sets period = 'quarter' in its parameters cell, but the report "
        "uses 'year', set in config/params.yaml (or with -p period ...); the cell is used only when the notebook is "
        "run by hand"]
    assert disagreements(project / "notebooks" / "02_term_frequency.ipynb", configured, project) == []
    for given in ("month", "quarter", "year"):  # a value given to the run is the analyst's choice: no note on the cell,
        overrides = {"period": given}  # even the configured one
        assert disagreements(notebook, load_params(project, overrides=overrides), project, given=overrides) == []


def test_a_broken_parameters_cell_or_notebook_file_is_one_line(project, capsys):
    notebook = project / "notebooks" / "03_mention_timeline.ipynb"
    cell = notebook.read_text()
    notebook.write_text(cell.replace('period = \\"year\\"', 'period = \\"year'))
    assert refused(project, capsys) == ("error: 03_mention_timeline.ipynb: its parameters cell is not valid Python "
                                        "(line 5: unterminated string literal (detected at line 5)); fix the cell")
    notebook.write_text(cell)
    (project / "notebooks" / "05_extra.ipynb").write_text("{")
    assert "05_extra.ipynb: not a notebook that can be read" in refused(project, capsys)


def test_a_column_named_for_a_field_must_be_in_the_table_file(project, tmp_path, capsys):
    path = tmp_path / "news.csv"
    path.write_text("id,date,text\na,2019-01-05,Police chiefs met in Amman.\n", encoding="utf-8")
    err = refused(project, capsys, "--corpus", str(path), "-p", "corpus_columns", "{date: published}")
    assert err.endswith("news.csv: no column 'published' for date (columns: id, date, text); fix -p corpus_columns")


def test_a_stop_word_list_under_an_unknown_language_is_refused(project, capsys):
    stopwords = project / "data" / "lexicons" / "stopwords.yaml"
    stopwords.write_text(stopwords.read_text(encoding="utf-8") + "EN: [region]\n", encoding="utf-8")
    assert refused(project, capsys).endswith("stopwords.yaml: unknown language 'EN' (use en, fr, ar)")


def test_the_corpus_and_the_outputs_never_share_a_folder(project, tmp_path, capsys):
    processed = project / "data" / "processed"
    processed.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"id": ["a"], "text": ["Talks in Tunis."]}).to_parquet(processed / "corpus.parquet")
    assert refused(project, capsys, "--corpus", str(processed / "corpus.parquet")).startswith(
        f"error: parameter 'corpus': {processed / 'corpus.parquet'} is inside {processed}, which the run writes")
    raw = project / "data" / "raw"
    for output_root in ("data/raw", "data/raw/out"):  # the run would write figures/ and report/ among the articles
        assert refused(project, capsys, "-p", "output_root", output_root).startswith(
            f"error: parameter 'output_root': the run would write {raw / output_root[9:]}")


def test_a_missing_events_file_named_by_the_run_and_metadata_for_a_table_file(project, tmp_path, capsys):
    assert refused(project, capsys, "-p", "events", "data/evnts.csv").startswith(
        f"error: parameter 'events': {project / 'data' / 'evnts.csv'} does not exist")
    (project / "data" / "events.csv").unlink()  # the configured file may be absent: no events
    table = tmp_path / "corpus.csv"
    table.write_text("id,text\na,Talks in Tunis.\n")
    assert refused(project, capsys, "--corpus", str(table), "-p", "metadata", "data/raw/metadata.csv").startswith(
        "error: parameter 'metadata': metadata.csv completes a folder of article files; corpus.csv carries its own")
    from newsreport.params import load_params, resolve_paths
    from newsreport.validation import validate

    params = load_params(project)  # the configured events file, absent: a timeline without events
    notes = []
    validate(params, resolve_paths(params, project), [], warn=notes.append)
    assert notes == []


def test_a_json_lines_file_is_judged_by_its_first_record_with_text(tmp_path):
    from newsreport.sources import TableRecords, check_table_file

    path = tmp_path / "corpus.jsonl"
    records = [{"id": "a", "body": "no text key"}, {"id": "b", "text": 12345}, {"id": "c", "text": "Talks in Tunis."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    check_table_file(path)  # not refused for its first records: they are listed as the file is read
    records = TableRecords(path)
    assert [i.doc_id for i in records] == ["c"] and len(records.problems) == 2


def test_a_wrong_option_is_one_line_and_a_second_params_file_is_refused(project, capsys, tmp_path):
    assert main(["--root", str(project), "--bogus"]) == 2
    assert capsys.readouterr().err == "error: unrecognized arguments: --bogus; see ./run_all.sh --help\n"
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("period: quarter\n")
    second.write_text("top_n: 9\n")
    assert refused(project, capsys, "--params", str(first), "--params", str(second)) == (
        f"error: --params is given once: put the values of {first} and {second} in one file; see ./run_all.sh --help")
