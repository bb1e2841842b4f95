"""JSON lines: one report per line (text, url, published, optional id/title/source).

A report's ``source`` is its publisher as the line names it (``source`` or ``outlet``), never the
input file; without one, fusion takes the outlet from the URL. A missing title is the text's first
line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.decode import first_line
from ringscope.model import Report

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?")


BOM = "\ufeff"


def read_jsonl(data: bytes, source: str) -> Iterator[tuple[int | None, Report | InputError]]:
    """Every good line becomes a report; every bad line an error; each with its line number."""
    yield from read_jsonl_lines(data.split(b"\n"), source)


def read_jsonl_lines(
    lines: Iterable[bytes | str],
    source: str | None,
    max_line_bytes: int | None = None,
    *,
    allow_empty: bool = False,
) -> Iterator[tuple[int | None, Report | InputError]]:
    """Reports from JSON lines, numbered from 1 (blank lines are skipped but counted).

    Byte lines must be UTF-8 and are split on newline only, so U+2028 inside strings is
    kept. A line longer than ``max_line_bytes`` is refused; a first line with NUL bytes
    refuses the whole input as binary, and so does an input with no line at all unless
    ``allow_empty``.
    """
    seen = False
    for number, raw in enumerate(lines, start=1):
        if not seen and raw.strip():
            if (b"\x00" in raw) if isinstance(raw, bytes) else ("\x00" in raw):
                raise InputError("binary data (NUL bytes), not JSON lines")
            seen = True
        item = parse_line(raw, number, source, max_line_bytes)
        if item is not None:
            yield number, item
    if not seen and not allow_empty:
        raise InputError("empty input")


def parse_line(
    raw: bytes | str, number: int, source: str | None, max_line_bytes: int | None = None
) -> Report | InputError | None:
    """The report of one JSON line, the problem with it, or None for a blank line.

    The one place a JSON line becomes a report: ingest, ``ringscope extract`` and the
    engines (which get lines already decoded) all call it. A byte-order mark opening
    line 1 is ignored.
    """
    if isinstance(raw, bytes):
        if not raw.strip():
            return None
        if max_line_bytes is not None and len(raw.rstrip(b"\r\n")) > max_line_bytes:
            return InputError(f"line too large (the limit is {max_line_bytes} bytes, see --max-bytes)")
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            return InputError(f"not UTF-8 ({exc.reason} at byte {exc.start})")
    else:
        line = raw[1:] if number == 1 and raw.startswith(BOM) else raw
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"malformed JSON ({exc.msg} at column {exc.colno})")
    try:
        return report_from_record(record)
    except InputError as exc:
        return exc


def bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``fh``, each cut to at most ``limit + 1`` bytes (the rest of a longer line is skipped)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def report_from_record(record: Any) -> Report:
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
    _no_surrogate("text", text)
    fields: dict[str, str | None] = {}
    for key in ("url", "published", "title", "source", "outlet", "id"):
        value = record.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise InputError(f"'{key}' must be a string, got {type(value).__name__}")
        fields[key] = str(value) if value is not None else None
        if isinstance(value, str):
            _no_surrogate(key, value)
    published = _date(fields["published"])
    return Report(
        text=text,
        source=(fields["source"] or fields["outlet"] or "").strip() or None,
        url=fields["url"],
        published=published,
        title=(fields["title"] or "").strip() or first_line(text),
        external_id=fields["id"],
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogate(key: str, value: str) -> None:
    """JSON may escape half of a UTF-16 pair alone ("\\ud800"), which is no character: refused."""
    found = _SURROGATE.search(value)
    if found is not None:
        raise InputError(
            f"'{key}' holds a lone surrogate (\\u{ord(found.group()):04x} at character {found.start() + 1}),"
            " not text"
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
