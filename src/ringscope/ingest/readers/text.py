"""Plain-text files: one report per file."""

from __future__ import annotations

from collections.abc import Iterator

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.decode import decode_text, first_line
from ringscope.model import Report


def read_text(data: bytes, source: str) -> Iterator[tuple[int | None, Report | InputError]]:
    text = decode_text(data)
    yield None, Report(text=text, source=source, title=first_line(text))
