"""Loading Parquet results (from any engine) into the store, and reading them back as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

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


CONTRACT_COLUMNS = ("line", "error", "text", "published", "extraction", "contract")
"""The result columns writing contract records needs."""


def load_parquet_into_store(
    folder: str | Path,
    store: Store,
    *,
    source: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> LoadSummary:
    """Store every good row of a result folder on this machine (see :func:`load_rows_into_store`)."""
    return load_rows_into_store(read_rows(folder), store, source=source or str(folder), on_problem=on_problem)


def load_rows_into_store(
    rows: Iterable[dict[str, Any]],
    store: Store,
    *,
    source: str,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> LoadSummary:
    """Store every good result row, one report per transaction, in the order given.

    Reports already stored (same content hash) are left as they are, so loading
    twice changes nothing. Failed lines become problems naming ``source`` and
    their input line.
    """
    summary = LoadSummary()
    for row in rows:
        if row["error"] is not None:
            item = InputProblem(source, row["error"], row["line"])
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
    """Write the contract records (corpus/SCHEMA.md) of a result folder as JSON lines; return the count."""
    return write_contract_records(read_rows(folder, CONTRACT_COLUMNS), sink, group=group, languages=languages)


def write_contract_records(
    rows: Iterable[dict[str, Any]],
    sink: IO[str] | Callable[[], AbstractContextManager[IO[str]]],
    *,
    group: bool = True,
    source: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    languages: LanguageTally | None = None,
) -> int:
    """Write the contract records of result rows (in line order) as JSON lines; return the count.

    ``sink`` is an open text stream, or a function opening one: it is then opened only
    once every row has been read, so a run that fails leaves an existing file untouched.

    With ``group`` (the default), ``event_cluster`` is filled by same-event grouping over
    all the rows, exactly as ``ringscope extract`` does on the local engine: in one pass each
    report is reduced to its grouping features (held as compact columns, see fuse/batch.py)
    and its record waits in a spill file until every row is read. Failed rows go to
    ``on_problem``, naming ``source``; records of reports in languages the extractor does not
    read are counted in ``languages``.
    """
    import tempfile

    from ringscope.fuse.batch import ContractBatch

    batch = ContractBatch()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spill:
        for row in rows:
            if row["error"] is not None:
                if on_problem:
                    on_problem(InputProblem(source or "<results>", row["error"], row["line"]))
                continue
            line = str(row["line"])
            if group:
                report = Report(text=row["text"], published=row["published"], id=line)
                batch.add(line, report, extraction_from_json(row["extraction"]))
            spill.write(f"{line}\t{row['contract']}\n")
        if group:
            batch.close()
        spill.seek(0)
        written = 0
        with nullcontext(sink) if not callable(sink) else sink() as out:
            for entry in spill:
                line, _, contract = entry.rstrip("\n").partition("\t")
                record = batch.annotate(line, json.loads(contract))
                if languages is not None and record.get("unsupported_language"):
                    languages.counts[record.get("language") or "und"] += 1
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    return written
