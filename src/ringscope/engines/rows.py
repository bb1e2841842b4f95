"""One input line in, one result row out: the pure logic every engine runs.

A result row is a tuple in the order of :data:`COLUMNS`. Good lines carry the
report (with its content hash and id), the contract record of corpus/SCHEMA.md
and the full extraction with its spans, both as JSON with sorted keys so that
every engine writes byte-identical values. Bad lines carry only their line
number and the problem, worded as the local ``ringscope extract`` words it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ringscope.model import Claim, DateMention, Entity, Extraction, Mention, Route

Extractor = Callable[[str, str | None], Extraction]

COLUMNS: tuple[tuple[str, str], ...] = (
    ("line", "int64"),
    ("id", "string"),
    ("error", "string"),
    ("report_id", "string"),
    ("content_hash", "string"),
    ("source", "string"),
    ("url", "string"),
    ("published", "string"),
    ("title", "string"),
    ("external_id", "string"),
    ("text", "string"),
    ("contract", "string"),
    ("extraction", "string"),
    ("extractor_version", "string"),
)
"""Result columns and their types; ``line`` (1-based input line) is never null."""

COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)

Row = tuple[Any, ...]

BOM = "\ufeff"


def error_row(line: int, message: str) -> Row:
    """The row for a line that could not be extracted."""
    return (line, None, message) + (None,) * (len(COLUMNS) - 3)


def process_line(
    line: int, raw: str, source: str | None, max_chars: int, extractor: Extractor, version: str
) -> Row | None:
    """The result row of one input line (None for a blank line, which is skipped)."""
    from ringscope.ingest.errors import InputError
    from ringscope.ingest.readers.jsonl import report_from_record

    if line == 1 and raw.startswith(BOM):
        raw = raw[1:]
    if not raw.strip():
        return None
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        return error_row(line, f"malformed JSON ({exc.msg} at column {exc.colno})")
    try:
        report = report_from_record(record, source)
    except InputError as exc:
        return error_row(line, exc.message)
    if len(report.text) > max_chars:
        size = len(report.text)
        return error_row(line, f"report text too long ({size} characters; the limit is {max_chars})")
    try:
        extraction = extractor(report.text, report.published)
    except Exception as exc:  # a bug in extraction must not stop the other lines
        return error_row(line, f"extraction failed ({type(exc).__name__}: {exc})")
    report_id = report.external_id if report.external_id is not None else report.id
    return (
        line,
        report_id,
        None,
        report.id,
        report.content_hash,
        report.source,
        report.url,
        report.published,
        report.title,
        report.external_id,
        report.text,
        dumps(extraction.to_contract(report_id)),
        dumps(extraction.to_dict()),
        version,
    )


def process_lines(
    lines: Iterable[tuple[int, str]],
    source: str | None,
    max_chars: int,
    extractor: Extractor | None = None,
    version: str | None = None,
) -> Iterator[Row]:
    """Result rows of numbered lines, in order; the pipeline is imported once per call."""
    if extractor is None or version is None:
        from ringscope.extract import EXTRACTOR_VERSION, extract

        extractor = extractor or extract
        version = version or EXTRACTOR_VERSION
    for number, raw in lines:
        row = process_line(number, raw, source, max_chars, extractor, version)
        if row is not None:
            yield row


def process_partition(items: Iterable[tuple[str, int]], source: str | None, max_chars: int) -> Iterator[Row]:
    """Result rows of one Spark partition of ``(line text, 0-based index)`` pairs.

    The pipeline is imported once per partition (and kept by reused Python workers).
    """
    return process_lines(((index + 1, raw) for raw, index in items), source, max_chars)


def dumps(value: Any) -> str:
    """Deterministic JSON: sorted keys, no ASCII escaping, no extra spaces."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def extraction_from_json(data: str) -> Extraction:
    """Rebuild an :class:`Extraction` from the ``extraction`` column."""
    raw = json.loads(data)
    entities = [
        Entity(
            type=e["type"],
            name=e["name"],
            country=e.get("country"),
            lat=e.get("lat"),
            lon=e.get("lon"),
            aliases=list(e.get("aliases") or []),
            roles=list(e.get("roles") or []),
            mentions=[Mention(m["start"], m["end"], m["text"]) for m in e.get("mentions") or []],
            rule=str(e.get("rule") or ""),
        )
        for e in raw.get("entities") or []
    ]
    claims = [Claim(**c) for c in raw.get("claims") or []]
    routes = [Route(**r) for r in raw.get("routes") or []]
    dates = [DateMention(**d) for d in raw.get("dates") or []]
    return Extraction(entities=entities, claims=claims, routes=routes, dates=dates)
