"""JSON lines: one report per line (text, url, published, optional id/title/source)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.decode import decode_text
from ringscope.model import Report

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?")


def read_jsonl(data: bytes, source: str) -> Iterator[tuple[int | None, Report | InputError]]:
    """Every good line becomes a report; every bad line an error; each with its line number."""
    text = decode_text(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", line=number)
            continue
        try:
            yield number, report_from_record(record, source)
        except InputError as exc:
            yield number, InputError(exc.message, line=number)


def report_from_record(record: Any, source: str | None = None) -> Report:
    """A report from one decoded JSON record (other keys are ignored)."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise InputError("missing 'text'")
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise InputError("empty 'text'")
    fields: dict[str, str | None] = {}
    for key in ("url", "published", "title", "source", "id"):
        value = record.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise InputError(f"'{key}' must be a string, got {type(value).__name__}")
        fields[key] = str(value) if value is not None else None
    published = _date(fields["published"])
    return Report(
        text=text,
        source=fields["source"] or source,
        url=fields["url"],
        published=published,
        title=fields["title"],
        external_id=fields["id"],
    )


def _date(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if _DATE.fullmatch(value):
        return value
    match = _DATETIME.fullmatch(value)
    if match:
        return match.group(1)
    raise InputError(f"'published' must be a date like YYYY-MM-DD, got {value!r}")
