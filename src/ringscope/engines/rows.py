"""One input line in, one result row out: the pure logic every engine runs.

A result row is a tuple in the order of :data:`COLUMNS`. Good lines carry the
report (with its content hash and id), the contract record of corpus/SCHEMA.md
and the full extraction with its spans, both as JSON with sorted keys so that
every engine writes byte-identical values. Bad lines carry only their line
number and the problem, worded as the local ``ringscope extract`` words it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.jsonl import parse_line
from ringscope.ingest.run import Extractor, Runner
from ringscope.model import Claim, DateMention, Entity, Extraction, Mention, Route

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


def error_row(line: int, message: str) -> Row:
    """The row for a line that could not be extracted."""
    return (line, None, message) + (None,) * (len(COLUMNS) - 3)


def process_line(
    line: int, raw: str, source: str | None, max_chars: int, extractor: Extractor, version: str
) -> Row | None:
    """The result row of one input line (None for a blank line, which is skipped)."""
    return _row(Runner(extractor, version, max_chars), line, raw, source)


def process_lines(
    lines: Iterable[tuple[int, str]],
    source: str | None,
    max_chars: int,
    extractor: Extractor | None = None,
    version: str | None = None,
) -> Iterator[Row]:
    """Result rows of numbered lines, in order, through one :class:`Runner`."""
    runner = Runner(extractor, version, max_chars)
    for number, raw in lines:
        row = _row(runner, number, raw, source)
        if row is not None:
            yield row


def _row(runner: Runner, line: int, raw: str, source: str | None) -> Row | None:
    """One line through the shared JSON-lines reader and runner, as a result row."""
    report = parse_line(raw, line, source)
    if report is None:
        return None
    if isinstance(report, InputError):
        return error_row(line, report.message)
    extraction = runner.extract(report)
    if isinstance(extraction, str):
        return error_row(line, extraction)
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
        runner.version,
    )


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
    return Extraction(
        entities=entities, claims=claims, routes=routes, dates=dates, language=raw.get("language"),
        unsupported_language=bool(raw.get("unsupported_language")),
    )
