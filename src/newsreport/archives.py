"""Web archives: one document per HTML page a crawl fetched, read record by record from WARC files.

A document is a ``response`` record with HTTP status 200 and an HTML payload (Archive-It, Common Crawl
News and Browsertrix exports are WARC files of such records). Its ``doc_id`` is ``warc-`` and the first
16 hex digits of the SHA-256 of the record's ``WARC-Record-ID``: stable, whatever the order the
records are read in. A payload already seen (the same SHA-1 of the page read) or a record read before
is listed, not loaded twice; every other record (requests, metadata, revisits, other statuses, images,
scripts) is counted, per archive and kind, in the data-quality table. A record shorter than its length, or whose payload
does not match its digest (an archive cut short inside it), is counted as damaged, never loaded in
part, and bytes left after the last record warcio could read are listed. Records are read one at a
time: an archive is never held in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

SUFFIXES = (".warc", ".warc.gz")


def is_archive(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(SUFFIXES)


class ArchivePages:
    """The HTML pages of some WARC files as items (``sources.Item``), read as they are iterated;
    ``problems`` lists, as data-quality rows, the duplicates and the records that are not pages."""

    def __init__(self, archives: list[Path], *, problems: list[dict] | None = None) -> None:
        self.archives = archives
        self.problems = [] if problems is None else problems  # appended to as the records are read

    def __iter__(self) -> Iterator:
        from newsreport.sources import Item

        seen: dict[str, str] = {}  # payload digest -> the doc_id that has it
        read: dict[str, str] = {}  # doc_id (of its record's id) -> the archive it was read from
        for archive in self.archives:
            skipped: Counter[str] = Counter()
            for record in _records(archive, self.problems):
                kind = _not_a_page(record)
                if kind:  # read to its end all the same, in pieces (a video may be large): its digest is checked
                    while record.raw_stream.read(1 << 16):
                        pass
                payload = b"" if kind else record.content_stream().read()  # an encoding warcio does not know: as sent
                headers = record.rec_headers
                unchecked = record.digest_checker.passed is not True and record.rec_type != "revisit"  # whose
                # payload digest is the original's, which warcio does not check against the revisit
                if getattr(record.raw_stream, "limit", 0) > 0 or (unchecked and (
                        headers.get_header("WARC-Payload-Digest") or headers.get_header("WARC-Block-Digest"))):
                    kind = "damaged record (shorter than its length, or unlike its digest: a truncated archive?)"
                if kind:
                    skipped[kind] += 1
                    continue
                digest = hashlib.sha1(payload).hexdigest()  # the page as read, whether the archive gives digests or not
                record_id = headers.get_header("WARC-Record-ID", "")
                doc_id = "warc-" + hashlib.sha256(record_id.encode()).hexdigest()[:16]
                url = headers.get_header("WARC-Target-URI")
                if doc_id in read or digest in seen:  # a record read before, or its page under another address
                    same = (f"the same record, read from {read[doc_id]}" if doc_id in read else
                            f"the same payload as {seen[digest]}")
                    self.problems.append({"doc_id": doc_id, "check": "duplicate record",
                                          "detail": f"{archive.name}: {url}: {same}; not loaded twice"})
                    continue
                seen[digest], read[doc_id] = doc_id, archive.name
                yield Item(doc_id=doc_id, name=f"{archive.name}: {url}", kind="html", meta={"url": url},
                           payload=payload, content_type=record.http_headers.get_header("Content-Type", ""))
            if skipped:
                listed = ", ".join(_counted(n, kind) for kind, n in sorted(skipped.items()))
                total = sum(skipped.values())
                self.problems.append({"doc_id": "", "check": "skipped records",
                                      "detail": f"{archive.name}: {_counted(total, 'record')} not loaded as "
                                                f"{'an article' if total == 1 else 'articles'} "
                                                f"(an article is an HTML page fetched with status 200): {listed}"})


TRAILER = 8  # bytes a whole archive may have after its last record (a gzip trailer, blank lines)


def _records(archive: Path, problems: list[dict]) -> Iterator:
    """The records of an archive, one at a time; when the file goes on after the last record that could be read
    (cut short, or damaged), what was left is listed."""
    _read_brotli()
    with archive.open("rb") as stream:
        walk = _Walk(stream)
        yield from walk
    if "non-chunked gzip" in str(walk.error):  # gzipped in one piece, not record by record
        yield from _gzipped_whole(archive, walk.count, problems)
        return
    left = archive.stat().st_size - walk.end
    if walk.count == 0:
        problems.append({"doc_id": "", "check": "skipped file", "detail": f"{archive.name}: " + (
            f"no WARC record in its {left:,} bytes (not a web archive, or damaged from its start)" if left > TRAILER
            else "an empty web archive")})
    elif left > TRAILER:
        problems.append({"doc_id": "", "check": "damaged archive",
                         "detail": f"{archive.name}: its last {left:,} bytes are no whole record (the file was cut "
                                   "short or damaged); the records before them were read"})


def _gzipped_whole(archive: Path, read: int, problems: list[dict]) -> Iterator:
    """The records of an archive gzipped in one piece (crawlers compress record by record; ``gzip crawl.warc``
    does not) after the first ``read``, read through one gzip stream (a record cut short is then a damaged
    record, as in any archive)."""
    from warcio.bufferedreaders import DecompressingBufferedReader

    with archive.open("rb") as stream:
        reader = DecompressingBufferedReader(stream, decomp_type="gzip", read_all_members=True)  # and what follows
        walk = _Walk(reader, skip=read)
        yield from walk
    # the gzip stream ends where it should, and no part of a record is left after the last whole one
    if walk.error is not None or not (reader.decompressor is None or reader.decompressor.eof) or (
            reader.num_read - walk.end > TRAILER):
        problems.append({"doc_id": "", "check": "damaged archive",
                         "detail": f"{archive.name}: gzipped in one piece, and cut short or damaged after its "
                                   f"{_counted(walk.count, 'record')}; those were read"})


class _Walk:
    """One read of an archive's records, past the first ``skip``: how many it read, where the last whole one ended,
    and the error that stopped it (warcio fails in many ways on a damaged file: what is left is listed)."""

    def __init__(self, stream: BinaryIO, *, skip: int = 0) -> None:
        self.stream, self.skip = stream, skip
        self.count, self.end, self.error = 0, 0, None

    def __iter__(self) -> Iterator:
        from warcio.archiveiterator import ArchiveIterator

        records = ArchiveIterator(self.stream, check_digests=True)
        try:
            for record in records:
                self.count += 1
                if self.count > self.skip:
                    yield record
                records.read_to_end()
                self.end = records.get_record_offset() + records.get_record_length()
        except Exception as exc:  # kept, and said by the caller
            self.error = exc


def has_record(archive: Path) -> bool:
    """Whether warcio reads a first record from a file: a web archive to load, not an empty or foreign file."""
    with archive.open("rb") as stream, contextlib.suppress(Exception):
        return next(iter(_Walk(stream)), None) is not None
    return False


def _read_brotli() -> None:
    """Let warcio read pages sent with "Content-Encoding: br" (most of a modern crawl): its reader is written
    for brotlipy's API, and the brotli installed is Google's."""
    import brotli
    from warcio.bufferedreaders import BufferedReader

    class Decompressor:
        unused_data = None  # one compressed stream per payload: nothing after it to hand back

        def __init__(self) -> None:
            self._stream = brotli.Decompressor()

        def decompress(self, data: bytes) -> bytes:
            return self._stream.process(data)

    BufferedReader.DECOMPRESSORS["br"] = Decompressor


def _not_a_page(record: ArcWarcRecord) -> str | None:
    """Why a record is not a page to read (its kind, for the count), or None when it is one."""
    if record.rec_type != "response":
        return f"{record.rec_type} record"
    if record.http_headers is None:
        return "response without HTTP headers"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return f"response with status {status}"
    if "html" not in record.http_headers.get_header("Content-Type", "").lower():
        return "response that is not HTML"
    return None


def _counted(n: int, kind: str) -> str:
    """"1 request record", "2 request records", "3 responses that are not HTML", "2 damaged records (...)"."""
    kind, opened, note = kind.partition(" (")  # a note in brackets stays after the plural
    if n == 1:
        return f"1 {kind}{opened}{note}"
    first, _, rest = kind.partition(" ")
    plural = {"response": "responses", "record": "records"}.get(first)
    if plural and rest.startswith("that is "):
        rest = "that are " + rest.removeprefix("that is ")
    return (f"{n:,} {plural} {rest}".rstrip() if plural else f"{n:,} {kind}s") + opened + note
