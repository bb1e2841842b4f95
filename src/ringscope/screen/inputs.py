"""Job ads from files: plain text (one ad a file), JSON lines, JSON arrays and CSV.

Every problem with one ad (a malformed JSON line or CSV row, an unreadable file) becomes an
:class:`AdProblem` naming the ad and the problem; the other ads are read on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ringscope import settings
from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.decode import decode_text
from ringscope.screen.screener import Ad
from ringscope.screen.text import AD_FIELDS

JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class InputPathError(ValueError):
    """An input path that cannot be used at all (missing, unreadable)."""


@dataclass(frozen=True, slots=True)
class AdProblem:
    """An ad that could not be read."""

    id: str
    error: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "error": self.error}


Item = Ad | AdProblem


def ad_from_record(record: Any, default_id: str) -> Item:
    """An ad from a JSON object or CSV row with ``text`` or the structured fields."""
    if not isinstance(record, dict):
        return AdProblem(default_id, f"expected a JSON object, found {type(record).__name__}")
    ad_id = str(record.get("id") or record.get("job_id") or default_id)
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        return AdProblem(ad_id, "field 'text' must be a string")
    fields = {k: str(record[k]) for k in AD_FIELDS if record.get(k) not in (None, "")}
    if text is None and not fields:
        names = ", ".join(AD_FIELDS)
        return AdProblem(ad_id, f"no ad text: give 'text' or at least one of {names}")
    return Ad(id=ad_id, text=text, fields=fields)


def read_json(text: str, source: str) -> Iterator[Item]:
    """JSON lines, or one JSON array of objects."""
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            yield AdProblem(source, f"invalid JSON: {exc.msg} (line {exc.lineno})")
            return
        for n, record in enumerate(records if isinstance(records, list) else [records], 1):
            yield ad_from_record(record, f"{source}#{n}")
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield AdProblem(f"{source}:{n}", f"invalid JSON line: {exc.msg}")
            continue
        yield ad_from_record(record, f"{source}:{n}")


def read_csv(text: str, source: str, delimiter: str = ",") -> Iterator[Item]:
    """CSV with a header row naming ``id``/``text`` or the structured fields; bad rows reported."""
    csv.field_size_limit(max(settings.MAX_INPUT_BYTES, 1 << 20))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        yield AdProblem(source, f"no CSV header row ({exc})" if str(exc) else "no CSV header row")
        return
    if "text" not in header and not set(AD_FIELDS) & set(header):
        yield AdProblem(source, f"CSV header has neither 'text' nor any of {', '.join(AD_FIELDS)}")
        return
    while True:
        row_id = f"{source}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield AdProblem(row_id, f"malformed CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield AdProblem(row_id, f"malformed CSV row: {len(row)} fields, header has {len(header)}")
            continue
        yield ad_from_record(dict(zip(header, row, strict=True)), row_id)


def read_file(path: Path) -> Iterator[Item]:
    """The ads in one file, by its suffix."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.MAX_INPUT_BYTES:
            yield AdProblem(source, f"file too large ({size:,} bytes; limit {settings.MAX_INPUT_BYTES:,})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield AdProblem(source, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode_text(data)
    except InputError as exc:
        yield AdProblem(source, exc.message)
        return
    yield from read_text(text, source, path.suffix.lower())


def read_text(text: str, source: str, suffix: str) -> Iterator[Item]:
    """Ads in decoded text of the given kind (suffix ``.jsonl``, ``.csv``, ``.tsv`` or plain text)."""
    if suffix in JSON_SUFFIXES:
        yield from read_json(text, source)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(text, source, "\t" if suffix == ".tsv" else ",")
    else:
        yield Ad(id=source, text=text)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the readable files under named folders (sorted); missing paths refused."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            out.append(path)
        else:
            raise InputPathError(f"{path}: no such file or folder")
    return out


def read_ads(paths: Iterable[Path]) -> Iterator[Item]:
    """All ads in the given files and folders, in order."""
    for path in expand(paths):
        yield from read_file(path)
