import json

import pandas as pd
import pytest

from newsreport.corpus import load_corpus
from newsreport.errors import InputError
from newsreport.sources import LoadOptions, TableRecords, folder_items


def table_items(path, **options):
    """Every record of a table file as an item, and the rows that could not become one."""
    records = TableRecords(path, LoadOptions(**options))
    return list(records), records.problems


BODY = "Police chiefs met to discuss border security and the threat of terrorism in the region."


def records():
    return [
        {"id": "a1", "text": BODY, "title": "Chiefs meet", "date": "2016-03-12", "language": "en", "outlet": "Wire"},
        {"id": "a2", "text": "Les polices renforcent leur coopération contre le terrorisme.", "title": "",
         "date": "13 Octobre 2020", "language": "", "outlet": "Presse"},
        {"id": "a3", "text": "", "title": "Empty", "date": "", "language": "en", "outlet": ""},
        {"id": "a4", "text": BODY, "title": "Bad values", "date": "someday", "language": "xx", "outlet": ""},
    ]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_table_files_give_the_same_items_and_report_bad_rows(tmp_path, suffix):
    path = tmp_path / f"corpus{suffix}"
    frame = pd.DataFrame(records())
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in records()) + "\n{not json\n")
    else:
        frame.to_parquet(path)
    items, problems = table_items(path)
    assert [i.doc_id for i in items] == ["a1", "a2", "a4"]
    assert items[1].meta["date"] == "2020-10-13" and items[1].meta["language"] is None
    details = " | ".join(p["detail"] for p in problems)
    assert "no text in column 'text'" in details
    assert "date 'someday' not understood" in details and "language 'xx' unknown" in details
    if suffix == ".jsonl":
        assert "not valid JSON" in details


def test_columns_are_mapped_by_parameter(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame({"uid": ["x"], "body": [BODY], "published": ["2019-11-25"]}).to_csv(path, index=False)
    items, problems = table_items(path, columns={"id": "uid", "text": "body", "date": "published"})
    assert (items[0].doc_id, items[0].meta["date"], problems) == ("x", "2019-11-25", [])


def test_a_table_file_loads_into_the_corpus_table(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame(records()).to_csv(path, index=False)
    loaded = load_corpus(path)
    docs = loaded.documents.set_index("doc_id")
    assert list(docs.index) == ["a1", "a2", "a4"]
    assert docs.loc["a1", "title"] == "Chiefs meet" and docs.loc["a1", "text"].startswith("Chiefs meet\n\nPolice")
    assert (docs.loc["a1", "date_source"], docs.loc["a2", "language"]) == ("metadata", "fr")
    assert docs.loc["a2", "date"] == pd.Timestamp("2020-10-13")
    assert set(loaded.quality["check"]) >= {"skipped row", "bad value"}
    assert "date from metadata" not in set(loaded.quality["check"])  # a date column is the record's own date


def test_a_csv_with_a_broken_row_keeps_the_others(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(f'id,text\nok,"{BODY}"\nbroken,"{BODY}",extra\n', encoding="utf-8")
    items, problems = table_items(path)
    assert [i.doc_id for i in items] == ["ok"] and "3 fields for 2 columns" in problems[0]["detail"]


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        folder_items(tmp_path / "nowhere", extensions=(".txt",))


def test_a_quote_left_open_never_swallows_a_row_in_silence(tmp_path):
    """Every line of a CSV corpus is a loaded row or a listed one, with its line numbers and the reason."""
    path = tmp_path / "corpus.csv"
    path.write_text(
        "id,title,date,text\n"
        "a,T1,2019-01-01,Text one.\n"
        'b,"T2 open,2019-01-02,Text two.\n'  # the quote is never closed: it runs into the next row
        'c,T3,2019-01-03,Text "three" here.\n'
        "d,T4,2019-01-04,Text four.\n"
        'e,T5,2019-01-05,"Text five.\n'  # open in the last column: it runs to the end of the file
        "f,T6,2019-01-06,Text six.\n",
        encoding="utf-8",
    )
    items, problems = table_items(path)
    assert [i.doc_id for i in items] == ["a", "d"]
    details = [p["detail"] for p in problems]
    assert details == [
        "corpus.csv lines 3-4: 2 fields for 4 columns; a quote opened on line 3 runs to line 4, so rows on those "
        "lines were read as one: close it",
        "corpus.csv lines 6-7: line 7 reads as a row of its own, inside a quote opened on line 6: rows on lines "
        "6-7 were read as one and are not loaded; close the quote",
    ]


def test_a_quote_left_open_before_rows_with_slugs_for_ids_is_found_by_their_dates(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text("id,date,text\n"
                    'interpol-visits-tunisia,2015-12-03,"INTERPOL met officials in Tunisia.\n'  # never closed
                    "border-talks,2016-01-04,Border talks in Amman.\n"
                    'cairo,2017-02-05,"Talks in Cairo."\n', encoding="utf-8")
    items, problems = table_items(path)
    assert items == [] and [p["detail"] for p in problems] == [
        "corpus.csv lines 2-4: line 3 reads as a row of its own, inside a quote opened on line 2: rows on lines "
        "2-4 were read as one and are not loaded; close the quote"]


def test_a_multi_line_text_in_quotes_is_one_row(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(f'id,text\nx,"{BODY}\n\nA second paragraph, with a comma."\ny,"{BODY}"\n', encoding="utf-8")
    items, problems = table_items(path)
    assert [i.doc_id for i in items] == ["x", "y"] and problems == []
    assert items[0].text.endswith("with a comma.")


def test_a_quoted_paragraph_with_as_many_commas_as_a_row_is_no_row_of_its_own(tmp_path):
    """"Meanwhile, officials from Egypt, ..." has a row's fields, but neither an id shaped as the ids ("m2") nor
    a date where rows have one."""
    path = tmp_path / "corpus.csv"
    path.write_text("id,date,title,outlet,text\n"
                    'm1,2019-01-01,T1,Wire,"Talks in Cairo.\n\nMeanwhile, officials from Egypt, Tunisia, Libya and '
                    'Morocco, attended."\n'
                    "m2,2019-02-01,T2,Wire,Talks in Tunis.\n", encoding="utf-8")
    items, problems = table_items(path)
    assert [i.doc_id for i in items] == ["m1", "m2"] and problems == []


def test_a_date_in_a_table_file_is_a_written_one_never_relative_or_ambiguous(tmp_path):
    path = tmp_path / "corpus.jsonl"
    dates = ["2019-01-05", "3 December 2015", "2015-12-03T10:00:00Z", "tomorrow", "3 days ago", "2020-13-01",
             "01/02/2020", "1449100800", "2015-12-03junk", "0001-01-01"]  # a Unix timestamp is no date of 1449
    path.write_text("".join(json.dumps({"id": f"d{i}", "date": d, "text": BODY}) + "\n" for i, d in enumerate(dates)),
                    encoding="utf-8")
    items, problems = table_items(path)
    assert [i.meta["date"] for i in items] == ["2019-01-05", "2015-12-03", "2015-12-03"] + [None] * 7
    assert [p["detail"].split(": ", 1)[1] for p in problems] == [
        f"date '{d}' not understood; left undated" for d in dates[3:]]


def test_an_article_of_one_line_is_its_body_not_its_title(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text(f"id,date,text\ns1,2019-01-05,{BODY[:-1]}!\n", encoding="utf-8")
    loaded = load_corpus(path)
    assert loaded.documents["text"].tolist() == [BODY[:-1] + "!"]
    assert loaded.quality["check"].tolist() == ["outlet unknown"]  # not "skipped: no text after cleaning"


def test_two_files_of_one_name_but_for_the_extension_make_one_document_and_a_listed_file(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("story.txt", "story.md", "story.html", "other.txt"):
        (folder / name).write_text(BODY)
    items, skipped = folder_items(folder, extensions=(".txt", ".md", ".html"))
    assert [(i.doc_id, i.name) for i in items] == [("other", "other.txt"), ("story", "story.html")]
    assert [s["detail"] for s in skipped] == [
        f"story.{ext}: the same name as story.html but for the extension (a document's id is its file name without "
        "extension); not read: rename one of them" for ext in ("md", "txt")]


def test_links_subfolders_and_other_files_of_a_folder_are_listed(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(BODY)
    (folder / "b.txt").symlink_to(folder / "a.txt")  # inside the folder: read
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "notes.docx").write_bytes(b"PK")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "nested" / "c.txt").write_text(BODY)
    items, skipped = folder_items(folder, extensions=(".txt",))
    assert [i.doc_id for i in items] == ["a", "b"]
    assert [s["detail"] for s in skipped] == [
        "loop.txt: a link to loop.txt, which leads nowhere (a loop of links, or a missing file); not read",
        "nested/: a subfolder (1 file); subfolders are not read: move its articles into the corpus folder, or "
        "pass --corpus with it",
        "notes.docx: not an article file (extensions: .txt, or a .warc / .warc.gz web archive)",
        "passwd.txt: a link to /etc/passwd, outside the corpus folder; not read",
    ]


@pytest.mark.parametrize(("codec", "said"), [
    ("cp1252", "corpus.csv: not UTF-8: read as cp1252 (the fallback encoding)"),
    ("utf-16-le", "corpus.csv: UTF-16 (little-endian) without a byte-order mark"),
    ("utf-16", None), ("utf-8", None)])
def test_a_table_file_in_another_encoding_is_read_in_it_and_said(tmp_path, codec, said):
    path = tmp_path / "corpus.csv"
    path.write_bytes("id,title,text\nf1,Sécurité,La coopération policière progresse.\n".encode(codec))
    loaded = load_corpus(path)
    assert loaded.documents[["title", "text"]].values.tolist() == [
        ["Sécurité", "Sécurité\n\nLa coopération policière progresse."]]
    found = loaded.quality.loc[loaded.quality["check"] == "encoding", "detail"].tolist()
    assert found == ([said] if said else [])


def test_nul_characters_and_a_title_that_is_no_text_are_said_and_left_out(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = [{"id": "a", "title": {"text": "INTERPOL"}, "outlet": ["Wire"], "text": "Talks in\u0000 Tunis."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items, problems = table_items(path)
    assert items[0].text == "Talks in Tunis." and items[0].meta["title"] is None and items[0].meta["outlet"] is None
    assert [p["detail"].split(": ", 1)[1] for p in problems] == [
        "1 NUL character removed from the text", "column 'title' holds a JSON object, not text; left out",
        "column 'outlet' holds a JSON list, not text; left out"]
