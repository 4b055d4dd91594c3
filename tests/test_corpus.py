from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from newsreport.corpus import load_corpus
from newsreport.decoding import decode_bytes
from newsreport.errors import InputError
from newsreport.sources import LoadOptions

BODY = "Les ministres ont décidé de renforcer la coopération policière contre le terrorisme."


def load(folder: Path, **options):
    metadata = folder / "metadata.csv"
    return load_corpus(folder, metadata=metadata if metadata.exists() else None, options=LoadOptions(**options))


def row(loaded, doc_id: str) -> pd.Series:
    return loaded.documents.set_index("doc_id").loc[doc_id]


def test_fixture_corpus_is_read_with_languages_dates_and_sources(fixture_corpus):
    loaded = load(fixture_corpus)
    docs = loaded.documents.set_index("doc_id")
    assert list(docs.index) == ["ar_tunis", "en_amman", "fr_rabat"]
    assert docs.loc["en_amman", "date"] == pd.Timestamp("2016-03-12")
    assert docs.loc["en_amman", "date_source"] == "text"
    assert docs.loc["ar_tunis", "date"] == pd.Timestamp("2018-12-12")
    assert docs.loc["ar_tunis", "language"] == "ar"
    assert docs.loc["ar_tunis", "language_source"] == "identified"
    assert docs.loc["fr_rabat", "date_source"] == "metadata"
    assert docs.loc["fr_rabat", "byline"] == "Amina Benali"
    assert docs.loc["en_amman", "title"] == "Police chiefs meet in Amman to discuss border security"
    assert docs.loc["en_amman", "dateline"] == "AMMAN, Jordan"


def test_cp1252_french_keeps_its_accents(fixture_corpus):
    loaded = load(fixture_corpus)
    fr = row(loaded, "fr_rabat")
    assert fr["encoding"] == "cp1252"
    assert "Coopération policière renforcée" in fr["text"]
    assert "sécurité des frontières" in fr["text"]


def test_utf8_with_bom_is_decoded_without_the_mark(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffTitre\n\n".encode() + BODY.encode())
    fr = row(load(tmp_path), "bom")
    assert fr["encoding"] == "utf-8-sig"
    assert fr["text"].startswith("Titre")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
        (b"caf\x81 \x8d\x90 " * 10, "undecodable"),
        (b"12345 67890\n\n!!! ???\n", "no word in its text"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason_and_the_rest_loads(tmp_path, content, reason):
    (tmp_path / "good.txt").write_text("Titre\n\n" + BODY, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(content)
    loaded = load(tmp_path)
    assert list(loaded.documents["doc_id"]) == ["good"]
    skipped = loaded.quality[loaded.quality["check"] == "skipped file"]
    assert list(skipped["doc_id"]) == ["bad"]
    assert reason in skipped["detail"].iloc[0] and "bad.txt" in skipped["detail"].iloc[0]


def test_missing_folder_and_folder_without_readable_articles(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no readable article") as caught:
        load_corpus(tmp_path)
    assert "\n" not in str(caught.value)


def test_same_text_under_two_names_is_kept_and_flagged(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Titre\n\n" + BODY, encoding="utf-8")
    loaded = load(tmp_path)
    assert list(loaded.documents["doc_id"]) == ["a", "b"]
    assert loaded.documents["duplicate_of"].fillna("").tolist() == ["", "a"]
    assert ("b", "duplicate text") in set(zip(loaded.quality["doc_id"], loaded.quality["check"], strict=True))


def test_undated_document_is_kept_marked_missing_and_listed(tmp_path):
    (tmp_path / "x.txt").write_text("Titre\n\n" + BODY, encoding="utf-8")
    loaded = load(tmp_path)
    assert row(loaded, "x")["date_source"] == "missing"
    assert pd.isna(row(loaded, "x")["date"])
    assert "undated" in set(loaded.quality["check"])
    (tmp_path / "y.txt").write_text("13/10/2020\n\nTitre\n\n" + BODY, encoding="utf-8")  # day or month first?
    loaded = load(tmp_path)
    assert row(loaded, "y")["date_source"] == "missing" and row(loaded, "y")["title"] == "Titre"
    detail = loaded.quality.set_index(["doc_id", "check"]).loc[("y", "undated"), "detail"]
    assert "“13/10/2020” is in figures, not read" in detail and "give the date in the metadata" in detail


def test_metadata_wins_over_a_disagreeing_text_and_the_disagreement_is_listed(tmp_path):
    (tmp_path / "x.txt").write_text("03 December 2015\n\nTitre du texte\n\n" + BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,date,title\nx,2015-12-04,Titre publié\n", encoding="utf-8")
    loaded = load(tmp_path)
    x = row(loaded, "x")
    assert (x["date"], x["date_source"], x["title"]) == (pd.Timestamp("2015-12-04"), "metadata", "Titre publié")
    details = " | ".join(loaded.quality.loc[loaded.quality["check"] == "metadata disagrees", "detail"])
    assert "date: text 2015-12-03, metadata 2015-12-04" in details
    assert "title: text 'Titre du texte', metadata 'Titre publié'" in details


def test_agreeing_metadata_keeps_the_text_as_source(tmp_path):
    (tmp_path / "x.txt").write_text("03 December 2015\n\nChief’s visit\n\n" + BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,date,title\nx,2015-12-03,Chief's visit\n", encoding="utf-8")
    loaded = load(tmp_path)
    assert row(loaded, "x")["date_source"] == "text"
    assert "metadata disagrees" not in set(loaded.quality["check"])


def test_metadata_language_overrides_the_identifier(tmp_path):
    (tmp_path / "x.txt").write_text("Titre\n\n" + BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,language\nx,en\n", encoding="utf-8")
    loaded = load(tmp_path)
    assert (row(loaded, "x")["language"], row(loaded, "x")["language_source"]) == ("en", "metadata")
    assert loaded.quality["detail"].str.contains("language: identified 'fr', metadata 'en'").any()


def test_html_and_markdown_files(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Talks in Rabat</title><script>var x = 1;</script></head>"
        f"<body><p>{BODY}</p><p>Deuxième paragraphe &amp; fin.</p></body></html>", encoding="utf-8")
    (tmp_path / "note.md").write_text(f"# Talks in Tunis\n\n**{BODY}** [lien](http://example.org)\n", encoding="utf-8")
    docs = load(tmp_path).documents.set_index("doc_id")
    assert docs.loc["page", "title"] == "Talks in Rabat"
    assert "var x" not in docs.loc["page", "text"] and "Deuxième paragraphe & fin." in docs.loc["page", "text"]
    assert docs.loc["note", "title"] == "Talks in Tunis"
    assert "**" not in docs.loc["note", "text"] and "lien" in docs.loc["note", "text"]


def test_decode_bytes_reports_the_codec():
    assert decode_bytes("é".encode()).encoding == "utf-8"
    assert decode_bytes("é".encode("cp1252")).text == "é"
    assert decode_bytes("é".encode("utf-16")).encoding == "utf-16"


ARTICLE = "Police chiefs met in Amman to discuss border security.\n\nالإنتربول يعزز التعاون الأمني.\n"


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_utf16_without_a_byte_order_mark_is_read_and_said(codec, order):
    decoded = decode_bytes(ARTICLE.encode(codec))
    assert (decoded.text, decoded.encoding) == (ARTICLE, codec)
    assert decoded.repair == f"UTF-16 ({order}) without a byte-order mark"


def test_stray_nul_bytes_are_removed_and_said_but_a_binary_file_is_skipped():
    data = ARTICLE.encode()
    decoded = decode_bytes(data[:10] + b"\x00" + data[10:])
    assert (decoded.text, decoded.repair) == (ARTICLE, "1 NUL byte removed")
    assert decode_bytes(bytes(range(256)) * 8).reason == "binary file, not text (control bytes)"
    assert decode_bytes(b"\x00\x01\x02" * 100).reason.startswith("binary file, not text")


def test_a_repaired_file_is_loaded_and_listed(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "nul.txt").write_bytes(("Police chiefs meet\n\n" + "Border security talks in Amman. " * 5)
                                     .encode().replace(b"talks", b"ta\x00lks", 1))
    (folder / "wide.txt").write_bytes(("Chiefs meet\n\n" + "Border security talks in Amman. " * 5)
                                      .encode("utf-16-le"))
    loaded = load_corpus(folder)
    assert sorted(loaded.documents["doc_id"]) == ["nul", "wide"]
    assert loaded.documents.set_index("doc_id").loc["wide", "encoding"] == "utf-16-le"
    found = loaded.quality[loaded.quality["check"] == "encoding"]
    assert found["detail"].tolist() == ["nul.txt: 1 NUL byte removed",
                                        "wide.txt: UTF-16 (little-endian) without a byte-order mark"]


def test_removed_chars_and_tokens_are_counted(fixture_corpus):
    en = row(load(fixture_corpus), "en_amman")
    cookie = "Our site uses cookies to ensure technical functionality."
    removed = len("All news") + len("12 March 2016") + len(cookie) + len("Tell me more")
    assert en["removed_chars"] == removed
    assert "cookies" not in en["text"] and "All news" not in en["text"]
    assert "fighters. Delegates" in en["text"]
    assert en["n_tokens"] == len(en["text"].replace("–", " ").split())
    assert isinstance(en["date"].date(), date)


def test_a_date_line_read_into_the_date_is_no_data_quality_finding(tmp_path):
    (tmp_path / "a.txt").write_text(f"Ministers meet\n\n12 March 2016\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"All news\nMinisters meet\n\n12 March 2016\n\n{BODY}\n", encoding="utf-8")
    loaded = load(tmp_path)
    found = loaded.quality[loaded.quality["check"] == "boilerplate removed"]
    assert found[["doc_id", "detail"]].values.tolist() == [["b", "8 characters: breadcrumb"]]
    assert loaded.removed["rule"].tolist() == ["date line", "breadcrumb", "date line"]  # still each listed


def test_a_link_inside_the_corpus_folder_is_hashed_under_its_own_name(tmp_path):
    from newsreport.manifest import input_hashes
    from newsreport.sources import corpus_files

    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text("Tunis talks.")
    (folder / "b.txt").write_text("Amman talks.")
    (folder / "inner.txt").symlink_to("a.txt")
    before = input_hashes(corpus_files(folder, extensions=(".txt",))[0], root=tmp_path)
    assert list(before) == ["raw/a.txt", "raw/b.txt", "raw/inner.txt"]
    (folder / "inner.txt").unlink()
    (folder / "inner.txt").symlink_to("b.txt")  # the same files, the link pointing elsewhere: another input
    after = input_hashes(corpus_files(folder, extensions=(".txt",))[0], root=tmp_path)
    assert after["raw/inner.txt"] == after["raw/b.txt"] != before["raw/inner.txt"]


def test_a_record_whose_text_starts_with_its_title_counts_the_title_once(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text('id,title,text\n'
                    'd1,INTERPOL chief visits Tunisia,"INTERPOL chief visits Tunisia\n\nThe Secretary General met '
                    'officials in Tunis on border security."\n'
                    'd2,Talks in Cairo,"Officials met in Cairo.\n\nThey discussed terrorism."\n', encoding="utf-8")
    loaded = load_corpus(path)
    text = loaded.documents.set_index("doc_id")["text"]
    assert text["d1"] == ("INTERPOL chief visits Tunisia\n\nThe Secretary General met officials in Tunis on border "
                          "security.")
    assert text["d1"].count("INTERPOL") == 1
    assert text["d2"] == "Talks in Cairo\n\nOfficials met in Cairo.\n\nThey discussed terrorism."
