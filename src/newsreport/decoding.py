"""The text of an article file: which encoding its bytes are in, and what had to be repaired to read them.

UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark or without one (told by
its bytes), then the legacy fallback encoding. A few stray NUL bytes in a text file are removed and
said; a file of mostly control bytes is binary and skipped, with the reason.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_CONTROL = frozenset(range(0, 9)) | {11, 12} | frozenset(range(14, 32)) | {127}
STRAY_NUL_SHARE = 0.01  # NUL bytes up to this share of a file are stray, removed; more is UTF-16 or binary
BINARY_SHARE = 0.05  # control bytes beyond this share of a file's first 8 KiB make it binary


@dataclass
class Decoded:
    """A file's text, the codec that read it, or why it could not be read; ``repair`` says what was fixed."""

    text: str | None
    encoding: str | None
    reason: str | None = None
    repair: str | None = None


def decode_bytes(data: bytes, *, fallback_encoding: str = "cp1252", declared: str | None = None) -> Decoded:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else the charset the file
    ``declared`` (a web page's, ``declared_charset``), else the legacy fallback. Bytes that read as UTF-8 are
    UTF-8 whatever a page declares: a server that says latin-1 over UTF-8 is common, the reverse is not."""
    if not data.strip():
        return Decoded(None, None, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return Decoded(None, None, "undecodable: broken UTF-16 after its byte-order mark")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(data.decode("utf-8-sig"), "utf-8-sig")
        except UnicodeDecodeError:
            return Decoded(None, None, "undecodable: byte-order mark says UTF-8 but bytes are not")
    if utf16 := _utf16_without_bom(data):
        return utf16
    repair = None
    if nuls := data.count(b"\x00"):
        if nuls > max(1, len(data) * STRAY_NUL_SHARE):
            return Decoded(None, None, f"binary file, not text ({nuls:,} NUL bytes)")
        data, repair = data.replace(b"\x00", b""), f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed"
    sample = data[:8192]
    if sum(byte in _CONTROL for byte in sample) > len(sample) * BINARY_SHARE:
        return Decoded(None, None, "binary file, not text (control bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", repair=repair)
    except UnicodeDecodeError:
        pass
    if declared := text_codec(declared):
        try:
            return Decoded(_as_browsers_read(data, declared), declared, repair=repair)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode(fallback_encoding)
    except UnicodeDecodeError:
        return Decoded(None, None, f"undecodable: neither UTF-8 nor {fallback_encoding}")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text):
        return Decoded(None, None, f"undecodable: neither UTF-8 nor {fallback_encoding}")
    return Decoded(text, fallback_encoding, repair=repair)


# windows-1252 leaves five bytes undefined, which browsers read as the control characters of ISO-8859-1
_CP1252 = {byte: bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0)
           if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _as_browsers_read(data: bytes, codec: str) -> str:
    """Bytes in a page's declared codec; windows-1252 as browsers read it (never undecodable)."""
    return data.decode("latin-1").translate(_CP1252) if codec == "cp1252" else data.decode(codec)


_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


_LATIN1 = ("iso8859-1", "ascii")  # labels a browser reads as windows-1252 (the WHATWG Encoding Standard)


def declared_charset(page: bytes, content_type: str = "") -> str | None:
    """The charset a web page declares: its HTTP Content-Type header's when given, else its own
    ``<meta charset>`` (or ``http-equiv`` Content-Type) in its head (or first 4 KiB). A header's ISO-8859-1 is
    most often a server's default, not the page's: a meta tag naming another charset wins over it. ISO-8859-1 and
    ASCII are read as windows-1252, as browsers do (its quotes, dashes and "œ" sit where ISO-8859-1 has control
    codes)."""
    header = next((part.split("=", 1)[1].strip(" \"'") for part in content_type.split(";")
                   if part.strip().lower().startswith("charset=")), None) or None
    head = _HEAD_END.search(page, 0, 1 << 20)
    found = _META_CHARSET.search(page[: max(4096, head.start() if head else 0)])
    meta = found.group(1).decode("ascii") if found else None
    if str(text_codec(meta)).startswith("utf-16"):  # a page that says so in its own bytes is not (WHATWG: UTF-8)
        meta = "utf-8"
    declared = meta if header is None or (text_codec(header) in _LATIN1 and text_codec(meta)) else header
    return "cp1252" if text_codec(declared) in _LATIN1 else declared


def text_codec(name: str | None) -> str | None:
    """The codec of a declared charset (windows-1256 -> cp1256), None when it names no text encoding."""
    try:
        codec = codecs.lookup(name) if name else None
    except LookupError:
        return None
    return codec.name if codec is not None and codec._is_text_encoding else None


def file_encoding(path: Path, *, fallback_encoding: str = "cp1252") -> tuple[str, str | None]:
    """The codec a text file (a CSV or JSON-lines corpus) is read with, told as ``decode_bytes`` tells an
    article's, and what to say of it (None for UTF-8 or a byte-order mark); read in chunks, never held whole."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16", None
        if b"\x00" in head and (utf16 := _utf16_without_bom(head[: len(head) // 2 * 2])) is not None:
            return str(utf16.encoding), utf16.repair
        decoder, chunk = codecs.getincrementaldecoder("utf-8")(), head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = handle.read(1 << 20)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return fallback_encoding, f"not UTF-8: read as {fallback_encoding} (the fallback encoding)"
    return "utf-8-sig", None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 told by its bytes: an even length, and text that reads as letters in one byte order only."""
    if len(data) % 2 or len(data) < 4:
        return None
    sample = data[:8192]
    odd_bytes = sum(byte in _CONTROL or byte == 0 for byte in sample)
    if odd_bytes <= len(sample) * STRAY_NUL_SHARE:
        try:
            data.decode("utf-8")
            return None  # UTF-8 (ASCII included) without control bytes is UTF-8
        except UnicodeDecodeError:
            pass
    for codec, order in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return Decoded(text, codec, repair=f"UTF-16 ({order}) without a byte-order mark")
    return None


def _reads_as_text(text: str) -> bool:
    """Letters, digits, spaces and punctuation of the scripts a corpus is in (Latin, Arabic), nothing else."""
    def plausible(ch: str) -> bool:
        code = ord(ch)
        if ch in "\n\r\t":
            return True
        if code < 0x20 or 0x7F <= code < 0xA0:
            return False
        return code < 0x250 or 0x600 <= code < 0x700 or 0x2000 <= code < 0x2070 or 0xFB50 <= code < 0xFF00
    sample = text[:4096]
    return sum(map(plausible, sample)) >= 0.98 * len(sample)
