"""Text out of Markdown files (web pages are ``webpage``'s)."""

from __future__ import annotations

import re

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(markdown: str) -> str:
    """Markdown without its markup: headings, links and emphasis become plain text."""
    text = _MD_HEADING.sub("", markdown)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)
