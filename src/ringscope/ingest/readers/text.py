"""Plain-text files: one report per file."""

from __future__ import annotations

from collections.abc import Iterator

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.decode import decode_text
from ringscope.model import Report


def read_text(data: bytes, source: str) -> Iterator[tuple[int | None, Report | InputError]]:
    yield None, Report(text=decode_text(data), source=source)
