"""Readers turn the bytes of one input into reports, one small module per format."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.html import read_html
from ringscope.ingest.readers.jsonl import read_jsonl, report_from_record
from ringscope.ingest.readers.pdf import read_pdf
from ringscope.ingest.readers.text import read_text
from ringscope.model import Report

Reader = Callable[[bytes, str], Iterator[tuple[int | None, Report | InputError]]]
"""Reads one input's bytes (and its name) into (line number or None, report or problem) pairs."""

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".pdf": read_pdf,
}
"""The reader for each file suffix (lower case). Folders are searched for these suffixes."""

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
"""Suffixes of JSON-lines files, which are streamed line by line rather than read whole."""


def reader_for(suffix: str, data: bytes) -> Reader:
    """The reader for a file suffix; unknown suffixes (and stdin) are sniffed from the content."""
    reader = READERS.get(suffix.lower())
    return reader if reader is not None else sniff(data)


def sniff(data: bytes) -> Reader:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return read_pdf
    if head.startswith(b"{"):
        return read_jsonl
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered:
        return read_html
    return read_text


__all__ = ["JSONL_SUFFIXES", "READERS", "Reader", "reader_for", "report_from_record", "sniff"]
