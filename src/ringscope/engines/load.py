"""Loading Parquet results (from any engine) into the store, and reading them back as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ringscope.engines.parquet import read_rows
from ringscope.engines.rows import extraction_from_json
from ringscope.ingest.errors import InputProblem
from ringscope.ingest.run import LanguageTally
from ringscope.ingest.runner import IngestSummary
from ringscope.model import Report

if TYPE_CHECKING:
    from ringscope.store import Store


LoadSummary = IngestSummary
"""What loading a result folder into a store did: the same account as an ingest run."""


def load_parquet_into_store(
    folder: str | Path,
    store: Store,
    *,
    source: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> LoadSummary:
    """Store every good row of a result folder, one report per transaction, in input order.

    Reports already stored (same content hash) are left as they are, so loading
    twice changes nothing. Failed lines become problems naming ``source`` (by
    default the folder) and their input line.
    """
    name = source or str(folder)
    summary = LoadSummary()
    for row in read_rows(folder):
        if row["error"] is not None:
            item = InputProblem(name, row["error"], row["line"])
            summary.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        report = Report(
            text=row["text"],
            source=row["source"],
            url=row["url"],
            published=row["published"],
            title=row["title"],
            external_id=row["external_id"],
            content_hash=row["content_hash"],
            id=row["report_id"],
        )
        if store.has(report.content_hash):
            summary.unchanged += 1
            continue
        extraction = extraction_from_json(row["extraction"])
        if store.add(report, extraction, row["extractor_version"]):
            summary.ingested += 1
            summary.unsupported.add(extraction)
        else:
            summary.unchanged += 1
    return summary


def write_contract_jsonl(
    folder: str | Path, sink: IO[str], *, group: bool = True, languages: LanguageTally | None = None
) -> int:
    """Write the contract records (corpus/SCHEMA.md) of a result folder as JSON lines; return the count.

    With ``group`` (the default), ``event_cluster`` is filled by same-event grouping over the
    whole folder, exactly as ``ringscope extract`` does on the local engine: a first pass reduces
    each report to its grouping features (bounded memory), a second writes the records.
    Records of reports in languages the extractor does not read are counted in ``languages``.
    """
    events: dict[str, str | None] = {}
    if group:
        from ringscope.fuse.events import features, group_features

        docs = [
            features(Report(text=row["text"], published=row["published"], id=str(row["line"])),
                     extraction_from_json(row["extraction"]))
            for row in read_rows(folder, ("line", "text", "published", "extraction"))
            if row["extraction"] is not None
        ]
        events = group_features(docs)
    written = 0
    for row in read_rows(folder, ("line", "contract")):
        if row["contract"] is not None:
            record = json.loads(row["contract"])
            record["event_cluster"] = events.get(str(row["line"]))
            if languages is not None and record.get("unsupported_language"):
                languages.counts[record.get("language") or "und"] += 1
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written
