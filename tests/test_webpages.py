"""Inputs as they come: saved news pages (trafilatura and htmldate) and web archives (a WARC written here with
warcio), loaded into the corpus table."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from newsreport.archives import ArchivePages
from newsreport.corpus import load_corpus
from newsreport.errors import InputError
from newsreport.sources import LoadOptions

BODY = ("TUNIS, Tunisia – INTERPOL Secretary General Jürgen Stock met Tunisian officials on Thursday to discuss "
        "border security and the threat posed by foreign terrorist fighters travelling through the region.",
        "The talks focused on information sharing through INTERPOL databases and on training for police "
        "officers in North Africa and the Middle East, officials said after the meeting.")


def news_page(*, title: str = "INTERPOL chief visits Tunisia", meta_date: str | None = "2015-12-03T10:00:00Z",
              dated_line: str | None = None, lang: str = "en") -> str:
    """A news page as sites serve it: navigation, the article, a newsletter box, share buttons, related links."""
    published = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    line = f"<p>{dated_line}</p>" if dated_line else ""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Example Daily News</title>{published}
<meta property="og:site_name" content="Example Daily News"><meta name="author" content="Amina Benali">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/africa">Africa</a></li>
</ul></nav>
<main><article><h1>{title}</h1>{line}<p>{BODY[0]}</p><p>{BODY[1]}</p></article></main>
<aside class="newsletter"><h3>Newsletter</h3><p>Sign up for our daily briefing and never miss a story.</p></aside>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<aside><h3>Related articles</h3><ul><li><a href="/a">Europol report published on 2 March 2016</a></li>
<li><a href="/b">Police chiefs meet in Amman</a></li></ul></aside>
<footer>© Example Daily News. All rights reserved.</footer></body></html>"""


def test_a_saved_page_gives_its_article_not_its_site_chrome(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "tunisia.html").write_text(news_page(), encoding="utf-8")
    loaded = load_corpus(folder)
    doc = loaded.documents.set_index("doc_id").loc["tunisia"]
    assert doc["title"] == "INTERPOL chief visits Tunisia"  # the site's suffix is not part of it
    assert doc["text"] == f"INTERPOL chief visits Tunisia\n\n{BODY[0]}\n\n{BODY[1]}"
    for chrome in ("Home", "Newsletter", "Sign up", "Share on", "Related articles", "Europol", "rights reserved"):
        assert chrome not in doc["text"], chrome
    assert (doc["date"], doc["date_source"]) == (pd.Timestamp("2015-12-03"), "page")  # from article:published_time
    assert (doc["outlet"], doc["byline"], doc["dateline"]) == ("Example Daily News", "Amina Benali", "TUNIS, Tunisia")


def test_a_page_date_only_where_the_page_states_one(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "undated.html").write_text(news_page(meta_date=None), encoding="utf-8")
    (folder / "written.html").write_text(news_page(meta_date="2015-12-01", dated_line="3 December 2015"),
                                         encoding="utf-8")
    loaded = load_corpus(folder)
    documents = loaded.documents.set_index("doc_id")
    # the related link's "2 March 2016" is no date of this page
    assert pd.isna(documents.loc["undated", "date"]) and documents.loc["undated", "date_source"] == "missing"
    # a date written in the article is the article's; the page's own metadata comes second
    assert (documents.loc["written", "date"], documents.loc["written", "date_source"]) == (
        pd.Timestamp("2015-12-03"), "text")
    assert loaded.quality[loaded.quality["check"] == "page disagrees"][["doc_id", "detail"]].values.tolist() == [
        ["written", "date: text 2015-12-03, page 2015-12-01 (text used)"]]


def write_warc(path: Path, records: list[tuple], *, gzip: bool = True) -> Path:
    """A WARC (gzipped by default) of (type, url, status, content type, payload[, other HTTP headers]) records, by
    warcio as crawlers write them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test crawler"}))
        for kind, url, status, content_type, payload, *other in records:
            if kind == "request":
                headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                              http_headers=headers))
                continue
            headers = StatusAndHeaders(f"{status} OK", [("Content-Type", content_type), *(other[0] if other else [])],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))
    return path


PAGE = news_page(meta_date=None).encode()
OTHER = news_page(title="Police chiefs meet in Amman", meta_date="2016-03-12").encode()


@pytest.fixture
def archive(tmp_path) -> Path:
    return write_warc(tmp_path / "crawl.warc.gz", [
        ("request", "https://example.com/news/2015/12/03/interpol-tunisia", 0, "", b""),
        ("response", "https://example.com/news/2015/12/03/interpol-tunisia", 200, "text/html; charset=utf-8", PAGE),
        ("response", "https://example.com/logo.png", 200, "image/png", b"\x89PNG"),
        ("response", "https://example.com/gone", 404, "text/html", b"<html><body>Not found</body></html>"),
        ("response", "https://example.com/amman", 200, "text/html", OTHER),
        ("response", "https://mirror.example.org/amman", 200, "text/html", OTHER),  # the same payload again
    ])


def test_a_web_archive_gives_one_document_per_html_page(archive):
    loaded = load_corpus(archive)
    documents = loaded.documents.set_index("url")
    assert len(documents) == 2
    page = documents.loc["https://example.com/news/2015/12/03/interpol-tunisia"]
    assert page["title"] == "INTERPOL chief visits Tunisia" and page["text"].endswith(BODY[1])
    assert (page["date"], page["date_source"]) == (pd.Timestamp("2015-12-03"), "page")  # from the URL
    assert documents.loc["https://example.com/amman", "date"] == pd.Timestamp("2016-03-12")
    assert all(doc_id.startswith("warc-") and len(doc_id) == 21 for doc_id in loaded.documents["doc_id"])
    details = dict(zip(loaded.quality["check"], loaded.quality["detail"], strict=True))
    assert details["duplicate record"].startswith("crawl.warc.gz: https://mirror.example.org/amman: the same payload")
    assert details["skipped records"] == (
        "crawl.warc.gz: 4 records not loaded as articles (an article is an HTML page fetched with status 200): "
        "1 request record, "
        "1 response that is not HTML, 1 response with status 404, 1 warcinfo record")


def test_a_revisit_record_is_counted_as_one_not_as_damaged(tmp_path):
    """A revisit carries the payload digest of the page it revisits, as crawlers write it: no page, no damage."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    path = write_warc(tmp_path / "crawl.warc.gz", [("response", "https://example.com/amman", 200, "text/html", OTHER)])
    with path.open("rb") as stream:
        digest = next(record.rec_headers.get_header("WARC-Payload-Digest") for record in ArchiveIterator(stream)
                      if record.rec_type == "response")
    with path.open("ab") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_revisit_record("https://example.com/amman", digest,
                                                         "https://example.com/amman", "2016-03-12T00:00:00Z"))
    loaded = load_corpus(path)
    assert len(loaded.documents) == 1
    assert loaded.quality.loc[loaded.quality["check"] == "skipped records", "detail"].tolist() == [
        "crawl.warc.gz: 2 records not loaded as articles (an article is an HTML page fetched with status 200): "
        "1 revisit record, 1 warcinfo record"]


def test_archive_ids_are_stable_and_records_read_one_at_a_time(archive, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    with archive.open("rb") as stream:
        ids = [r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(stream) if r.rec_type == "response"]
    expected = "warc-" + hashlib.sha256(ids[0].encode()).hexdigest()[:16]
    pages = iter(ArchivePages([archive]))
    assert next(pages).doc_id == expected  # the first page, before the rest of the archive is read
    assert expected in set(load_corpus(archive).documents["doc_id"])  # the record's id, whatever else is loaded


def test_an_archive_cut_short_loads_its_whole_pages_and_lists_the_damaged_one(tmp_path):
    whole = write_warc(tmp_path / "whole.warc", [
        ("response", "https://example.com/tunisia", 200, "text/html", PAGE),
        ("response", "https://example.com/amman", 200, "text/html", OTHER)], gzip=False)
    cut = tmp_path / "cut.warc"
    data = whole.read_bytes()
    cut.write_bytes(data[: data.rindex(b"<h1>Police chiefs meet in Amman") + 200])  # inside the second page
    loaded = load_corpus(cut)
    assert loaded.documents["url"].tolist() == ["https://example.com/tunisia"]
    assert loaded.documents["text"].iloc[0].endswith(BODY[1])  # the page read whole
    detail = loaded.quality[loaded.quality["check"] == "skipped records"]["detail"].iloc[0]
    assert "1 damaged record (shorter than its length, or unlike its digest: a truncated archive?)" in detail


def test_a_record_cut_short_without_digests_is_damaged_not_loaded_in_part(tmp_path):
    whole = write_warc(tmp_path / "whole.warc", [
        ("response", "https://example.com/tunisia", 200, "text/html", PAGE),
        ("response", "https://example.com/amman", 200, "text/html", OTHER)], gzip=False)
    data = re.sub(rb"WARC-(?:Payload|Block)-Digest: [^\r\n]*\r\n", b"", whole.read_bytes())  # some crawlers write none
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.rindex(b"<h1>Police chiefs meet in Amman") + 200])
    loaded = load_corpus(cut)
    assert loaded.documents["url"].tolist() == ["https://example.com/tunisia"]
    assert "1 damaged record" in loaded.quality[loaded.quality["check"] == "skipped records"]["detail"].iloc[0]


def test_a_gzipped_archive_cut_anywhere_never_gives_part_of_a_page(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", [
        ("response", "https://example.com/tunisia", 200, "text/html", PAGE),
        ("response", "https://example.com/amman", 200, "text/html", OTHER)]).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    listed = set()
    for size in range(len(whole) // 4, len(whole), 17):
        cut.write_bytes(whole[:size])
        try:
            loaded = load_corpus(cut)
        except InputError as exc:  # cut inside the first page: nothing whole to load, and said so
            assert "damaged" in str(exc) and "no whole HTML page" in str(exc)
            continue
        assert all(text.endswith(BODY[1]) for text in loaded.documents["text"])  # whole pages only
        listed |= set(loaded.quality["check"]) & {"damaged archive"}
        listed |= {"damaged record"} if loaded.quality["detail"].str.contains("damaged record").any() else set()
    assert listed == {"damaged archive", "damaged record"}  # both ways warcio meets a cut are listed


def test_a_folder_of_articles_and_archives(archive, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    archive.rename(folder / archive.name)
    (folder / "note.txt").write_text("Police chiefs meet\n\n" + BODY[0] + "\n", encoding="utf-8")
    loaded = load_corpus(folder)
    assert len(loaded.documents) == 3 and "note" in set(loaded.documents["doc_id"])
    assert "skipped records" in set(loaded.quality["check"])
    record = loaded.documents.loc[loaded.documents["url"] == "https://example.com/amman", "doc_id"].item()
    (folder / f"{record}.txt").write_text("Police chiefs meet\n\n" + BODY[1] + "\n", encoding="utf-8")
    loaded = load_corpus(folder)  # a file named as a record's id keeps the id; the record is listed, not read
    assert loaded.documents["doc_id"].is_unique and len(loaded.documents) == 3
    assert loaded.documents.set_index("doc_id").loc[record, "file"] == f"{record}.txt"
    assert f"its id {record} is the id of {record}.txt; not read: rename the file" in " ".join(loaded.quality["detail"])


def test_a_title_that_starts_with_the_site_name_gives_the_headline():
    from newsreport.webpage import read_page

    body = f"<body><div><h2>World</h2><p>{BODY[0]}</p><p>{BODY[1]}</p></div></body>"
    site = '<meta property="og:site_name" content="Example Daily News">'
    for written, headline in [
        ("Example Daily News | Tunisia - INTERPOL chief visits", "Tunisia - INTERPOL chief visits"),
        ("INTERPOL chief visits Tunisia | Example Daily News", "INTERPOL chief visits Tunisia"),
        ("Example Daily News", None),
    ]:
        page = read_page(f"<html><head><title>{written}</title>{site}</head>{body}</html>")
        assert (page.title, page.site) == (headline, "Example Daily News")


def test_an_og_title_with_the_site_suffix_gives_the_headline():
    from newsreport.webpage import read_page

    html = news_page().replace('<meta property="og:site_name"',
                               '<meta property="og:title" content="INTERPOL chief visits Tunisia | Example Daily News">'
                               '<meta property="og:site_name"').replace("<h1>INTERPOL chief visits Tunisia</h1>", "")
    assert read_page(html).title == "INTERPOL chief visits Tunisia"


@pytest.mark.parametrize("title", ["INTERPOL chief visits Tunisia | Middle East News | Example Daily News",
                                   "INTERPOL chief visits Tunisia :: Example Daily News",
                                   "Example Daily News | INTERPOL chief visits Tunisia | World"])
def test_a_title_with_the_site_and_its_section_gives_the_headline(title):
    from newsreport.webpage import read_page

    html = news_page().replace("<title>INTERPOL chief visits Tunisia | Example Daily News</title>",
                               f"<title>{title}</title>").replace("<h1>INTERPOL chief visits Tunisia</h1>", "")
    assert read_page(html).title == "INTERPOL chief visits Tunisia"


@pytest.mark.parametrize("title", ["Iraq | Syria: police meet", "Opinion | Iraq needs more police"])
def test_a_headline_that_holds_a_pipe_stays_whole(title):
    from newsreport.webpage import read_page

    html = news_page().replace("<title>INTERPOL chief visits Tunisia | Example Daily News</title>",
                               f"<title>{title} | Example Daily News</title>").replace(
                                   "<h1>INTERPOL chief visits Tunisia</h1>", "")
    assert read_page(html).title == title


@pytest.mark.parametrize(("head", "body"), [
    ("", '<aside class="related"><a href="/x">Other story</a> <time datetime="2015-07-25">25 July 2015</time></aside>'),
    ("", '<div class="related-articles"><time datetime="2015-07-25">25 July 2015</time></div>'),
    ('<meta property="article:published_time" content="2017-04">', ""),  # a month: htmldate would add a day
    ('<meta property="article:modified_time" content="2019-01-05T10:00:00Z">', ""),  # a modification date
    ('<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2019-01-05"}</script>', ""),
    ("", '<section class="more-news"><div itemscope itemtype="https://schema.org/NewsArticle"><meta '
         'itemprop="datePublished" content="2015-07-01"><a href="/x">Another story</a></div></section>'),
    ("", '<div itemscope><meta itemprop="datePublished" content="2015-07-01"></div>'),  # not the article's
])
def test_a_page_is_not_dated_by_another_article_a_modification_or_a_month(head, body):
    from newsreport.webpage import read_page

    html = news_page(meta_date=None).replace("</head>", f"{head}</head>").replace("<footer>", f"{body}<footer>")
    assert read_page(html).date is None


@pytest.mark.parametrize(("head", "body"), [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2015-12-03T10:00:00Z", '
     '"dateModified": "2019-01-05"}</script>', ""),
    ("", '<article><time datetime="2015-12-03T10:00">3 December 2015</time></article>'),
    ('<link rel="canonical" href="https://example.com/2015/12/03/interpol-tunisia/">', ""),
    ('<script type="application/ld+json">{"@graph": [{"@type": "ItemList", "itemListElement": [{"@type": '
     '"ListItem", "item": {"@type": "NewsArticle", "datePublished": "2012-01-01"}}]}, {"@type": "NewsArticle", '
     '"datePublished": "2015-12-03"}]}</script>', ""),  # a list of other articles first
])
def test_a_page_is_dated_by_its_own_metadata_time_element_or_address(head, body):
    from newsreport.webpage import read_page

    html = news_page(meta_date=None).replace("</head>", f"{head}</head>").replace("<footer>", f"{body}<footer>")
    assert read_page(html).date == "2015-12-03"


def test_the_same_record_in_two_archives_is_named_as_such(archive, tmp_path):
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.warc.gz").write_bytes(archive.read_bytes())
    (folder / "b.warc.gz").write_bytes(archive.read_bytes())
    plain = gzip.decompress(archive.read_bytes())  # and a copy written without digests: the same records
    (folder / "c.warc").write_bytes(re.sub(rb"WARC-(?:Payload|Block)-Digest: [^\r\n]*\r\n", b"", plain))
    loaded = load_corpus(folder)
    assert len(loaded.documents) == 2
    details = loaded.quality.loc[loaded.quality["check"] == "duplicate record", "detail"].tolist()
    for copy in ("b.warc.gz", "c.warc"):
        assert f"{copy}: https://example.com/news/2015/12/03/interpol-tunisia: the same record, read from " \
               "a.warc.gz; not loaded twice" in details


@pytest.mark.parametrize(("where", "block"), [
    ("main", '<section class="latest-news"><a href="/x">Other</a> <time datetime="2015-09-10">10 Sep 2015</time>'
             "</section>"),
    ("main", '<ul><li><a href="/x">Other</a> <time datetime="2016-05-04">4 May 2016</time></li></ul>'),
    ("main", '<article class="card"><a href="/x">Other</a> <time datetime="2015-09-10">10 Sep 2015</time></article>'),
    ("article", '<div class="also-read"><a href="/x">Other</a> <time datetime="2015-09-10">10 Sep 2015</time></div>'),
    ("article", '<p>Updated <time class="updated" datetime="2019-02-02T10:00">2 February 2019</time></p>'),
    ("article", '<div class="author-box"><p>More from this author</p><time datetime="2015-01-01">1 Jan 2015</time>'
                "</div>"),
])
def test_a_time_element_of_other_articles_or_of_an_update_dates_no_page(where, block):
    from newsreport.webpage import read_page

    html = news_page(meta_date=None).replace(f"</{where}>", f"{block}</{where}>", 1)
    assert read_page(html).date is None


def test_an_og_title_with_the_site_first_gives_the_headline_when_the_title_element_has_none():
    from newsreport.webpage import read_page

    html = news_page().replace("<title>INTERPOL chief visits Tunisia | Example Daily News</title>",
                               '<title>Example Daily News</title><meta property="og:title" '
                               'content="Example Daily News | INTERPOL chief visits Tunisia">')
    without_heading = html.replace("<h1>INTERPOL chief visits Tunisia</h1>", "")
    assert read_page(without_heading).title == "INTERPOL chief visits Tunisia"


def test_damaged_records_are_counted_in_the_plural():
    from newsreport.archives import _counted

    assert _counted(2, "damaged record (shorter than its length, or unlike its digest: a truncated archive?)") == (
        "2 damaged records (shorter than its length, or unlike its digest: a truncated archive?)")
    assert _counted(3, "response that is not HTML") == "3 responses that are not HTML"


ARABIC_BODY = ("أكد الأمين العام للإنتربول يورغن شتوك في تونس على أهمية تبادل المعلومات بين أجهزة الشرطة في "
               "منطقة الشرق الأوسط وشمال أفريقيا لمكافحة الإرهاب والجريمة المنظمة العابرة للحدود.")


def test_a_page_is_read_in_the_charset_it_declares_unless_its_bytes_are_utf8(tmp_path):
    """An Arabic page saved in windows-1256, as older Arabic sites serve them; a server that says latin-1 over
    UTF-8 bytes."""
    page = (f'<html lang="ar" dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=windows-1256"><title>الإنتربول في تونس</title></head><body><article><h1>الإنتربول في تونس</h1>'
            f"<p>{ARABIC_BODY}</p><p>{ARABIC_BODY}</p></article></body></html>")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "tunis.html").write_bytes(page.encode("cp1256"))
    document = load_corpus(folder).documents.iloc[0]
    assert ARABIC_BODY in document["text"] and (document["language"], document["encoding"]) == ("ar", "cp1256")
    archive = write_warc(tmp_path / "crawl.warc.gz", [
        ("response", "https://example.com/ar/tunis", 200, "text/html; charset=iso-8859-1", page.encode())])
    document = load_corpus(archive).documents.iloc[0]  # declared windows-1256 by its meta: its bytes are UTF-8
    assert ARABIC_BODY in document["text"] and (document["language"], document["encoding"]) == ("ar", "utf-8")


def test_a_page_compressed_as_servers_send_it_is_read_or_listed(tmp_path):
    """Brotli ("br", most of a modern crawl) is read; a payload in an encoding not read is listed, not a crash."""
    import brotli

    path = write_warc(tmp_path / "crawl.warc.gz", [
        ("response", "https://example.com/br", 200, "text/html; charset=utf-8", brotli.compress(PAGE),
         [("Content-Encoding", "br")]),
        ("response", "https://example.com/lzw", 200, "text/html; charset=utf-8", b"\x1f\x9d\x90 not a page",
         [("Content-Encoding", "compress")])])
    loaded = load_corpus(path)
    assert loaded.documents["url"].tolist() == ["https://example.com/br"]
    assert BODY[0] in loaded.documents["text"].iloc[0]
    skipped = loaded.quality[loaded.quality["check"] == "skipped record"]
    assert skipped["detail"].tolist() == [
        "crawl.warc.gz: https://example.com/lzw: binary file, not text (control bytes)"]


def test_a_page_declared_latin1_is_read_as_browsers_read_it(tmp_path):
    """ISO-8859-1 is read as windows-1252 (its quotes and "œ"); a server's ISO-8859-1 header gives way to the page's
    own meta charset; a page that declares nothing is read in the fallback encoding, from a file or an archive."""
    french = ("<html><head><meta charset=\"iso-8859-1\"><title>Le cœur de l’INTERPOL</title></head><body><article>"
              f"<p>{BODY[0]} L’organisation et le cœur du sujet.</p><p>{BODY[1]}</p></article></body></html>")
    arabic = (f'<html lang="ar"><head><meta charset="windows-1256"><title>الإنتربول في تونس</title></head><body>'
              f"<article><p>{ARABIC_BODY}</p><p>{ARABIC_BODY}</p></article></body></html>")
    bare = arabic.replace('<meta charset="windows-1256">', "")
    archive = write_warc(tmp_path / "crawl.warc.gz", [
        ("response", "https://example.com/fr", 200, "text/html", french.encode("cp1252")),
        ("response", "https://example.com/ar", 200, "text/html; charset=ISO-8859-1", arabic.encode("cp1256")),
        ("response", "https://example.com/bare", 200, "text/html", bare.encode("cp1256"))])
    documents = load_corpus(archive, options=LoadOptions(fallback_encoding="cp1256")).documents.set_index("url")
    assert "L’organisation et le cœur du sujet." in documents.loc["https://example.com/fr", "text"]
    assert documents.loc["https://example.com/fr", "encoding"] == "cp1252"
    for url in ("https://example.com/ar", "https://example.com/bare"):
        assert ARABIC_BODY in documents.loc[url, "text"] and documents.loc[url, "encoding"] == "cp1256"
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "bare.html").write_bytes(bare.encode("cp1256"))
    document = load_corpus(folder, options=LoadOptions(fallback_encoding="cp1256")).documents.iloc[0]
    assert ARABIC_BODY in document["text"] and document["encoding"] == "cp1256"


def test_an_empty_archive_is_listed_in_a_folder_and_refused_alone(tmp_path, archive):
    from newsreport.archives import has_record

    folder = tmp_path / "crawls"
    folder.mkdir()
    (folder / "crawl.warc.gz").write_bytes(archive.read_bytes())
    (folder / "empty.warc").write_bytes(b"")
    loaded = load_corpus(folder)
    details = loaded.quality.loc[loaded.quality["check"] == "skipped file", "detail"].tolist()
    assert "empty.warc: an empty web archive" in details
    assert has_record(folder / "crawl.warc.gz") and not has_record(folder / "empty.warc")
    with pytest.raises(InputError, match="empty.warc: an empty web archive"):
        load_corpus(folder / "empty.warc")


def test_a_windows_1252_page_is_read_whole_as_browsers_read_it():
    from newsreport.decoding import declared_charset, decode_bytes

    page = "<meta charset=\"iso-8859-1\"><p>Le cœur de l’ONU – café</p>".encode("cp1252") + b"\x81"
    decoded = decode_bytes(page, declared=declared_charset(page))
    assert decoded.text.endswith("Le cœur de l’ONU – café</p>\x81") and decoded.encoding == "cp1252"
    assert declared_charset(b'<meta charset="bogus">', "text/html; charset=ISO-8859-1") == "cp1252"
    assert declared_charset(b'<meta charset="utf-16">', "text/html; charset=ISO-8859-1") == "utf-8"


def test_an_archive_gzipped_in_one_piece_is_read_whole_or_to_where_it_was_cut(archive, tmp_path):
    """``gzip crawl.warc`` compresses the whole file, not record by record as crawlers do: warcio alone reads its
    first record only."""
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(gzip.decompress(archive.read_bytes())))
    expected = load_corpus(archive).documents.drop(columns=["file"])
    pd.testing.assert_frame_equal(load_corpus(whole).documents.drop(columns=["file"]), expected)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) * 3 // 4])
    loaded = load_corpus(cut)
    assert set(loaded.documents["doc_id"]) < set(expected["doc_id"])  # whole pages only, never part of one
    for doc_id, text in zip(loaded.documents["doc_id"], loaded.documents["text"], strict=True):
        assert text == expected.set_index("doc_id").loc[doc_id, "text"]
    assert any("gzipped in one piece, and cut short" in detail for detail in loaded.quality["detail"])
    other = write_warc(tmp_path / "other.warc", [("response", "https://example.com/third", 200, "text/html",
                                                  news_page(title="Police chiefs meet in Rabat").encode())], gzip=False)
    joined = tmp_path / "joined.warc.gz"  # an archive of records, and a second archive gzipped whole after it
    joined.write_bytes(archive.read_bytes() + gzip.compress(other.read_bytes()))
    assert len(load_corpus(joined).documents) == len(expected) + 1
