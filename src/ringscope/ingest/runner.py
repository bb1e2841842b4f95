"""Ingesting inputs into a store: read, extract, store (in groups, see :mod:`ringscope.ingest.grouped`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ringscope import settings
from ringscope.ingest.errors import InputError, InputProblem
from ringscope.ingest.grouped import Group
from ringscope.ingest.readers import JSONL_SUFFIXES, reader_for
from ringscope.ingest.readers.jsonl import bounded_lines, read_jsonl_lines
from ringscope.ingest.run import Extracted, Extractor, Failed, LanguageTally, Runner
from ringscope.ingest.sources import Source, find_sources
from ringscope.model import Extraction, Report
from ringscope.store import Store


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    ingested: int = 0
    unchanged: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    unsupported: LanguageTally = field(default_factory=LanguageTally)
    """Reports stored in languages the extractor does not read (stored, with nothing extracted)."""

    @property
    def failed(self) -> int:
        return len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        counts = f"{self.ingested} ingested, {self.unchanged} unchanged, {self.failed} failed"
        return f"{counts}; {self.unsupported}" if self.unsupported.total else counts


@dataclass(slots=True)
class IngestHooks:
    """Optional callbacks for progress display and immediate problem reports."""

    on_sources: Callable[[int], None] | None = None
    on_source_done: Callable[[Source], None] | None = None
    on_problem: Callable[[InputProblem], None] | None = None


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    extractor: Extractor | None = None,
    version: str | None = None,
    hooks: IngestHooks | None = None,
) -> IngestSummary:
    """Ingest files, folders (recursively) and ``-`` (stdin) into ``store``.

    Problems with single inputs are collected in the summary (and passed to
    ``hooks.on_problem`` as they happen); the rest goes on. Each report is
    extracted and stored in its own transaction.
    """
    runner = Runner(extractor, version)
    store.for_ingest()
    limit = settings.MAX_INPUT_BYTES if max_bytes is None else max_bytes
    hooks = hooks or IngestHooks()
    summary = IngestSummary()

    def problem(item: InputProblem) -> None:
        summary.problems.append(item)
        if hooks.on_problem:
            hooks.on_problem(item)

    found = list(find_sources(paths, include, exclude))
    sources = [s for s in found if isinstance(s, Source)]
    if hooks.on_sources:
        hooks.on_sources(len(sources))
    for item in found:
        if isinstance(item, InputProblem):
            problem(item)
    for source in sources:
        _ingest_source(store, source, limit, stdin, runner, summary, problem)
        if hooks.on_source_done:
            hooks.on_source_done(source)
    if summary.ingested:
        store_picture(store)
    return summary


def store_picture(store: Store) -> None:
    """Bring the store's stored picture and victim-policy decision up to date (readers then find
    them ready); only what the changed reports touch is fused and decided again."""
    from ringscope.privacy.incremental import keep_decision

    keep_decision(store, store.state())


def _ingest_source(
    store: Store,
    source: Source,
    limit: int,
    stdin: BinaryIO | None,
    runner: Runner,
    summary: IngestSummary,
    problem: Callable[[InputProblem], None],
) -> None:
    def stored(report: Report, extraction: Extraction, new: bool) -> None:
        if new:
            summary.ingested += 1
            summary.unsupported.add(extraction)
        else:
            summary.unchanged += 1

    group = Group(lambda items: store.add_many(items, runner.version), stored)
    try:
        outcomes = runner.run(
            _read(source, limit, stdin), skip=lambda r: group.waiting(r) or store.has(r.content_hash)
        )
        for outcome in outcomes:
            if isinstance(outcome, Failed):
                problem(InputProblem(source.name, outcome.message, outcome.line))
            elif isinstance(outcome, Extracted):
                group.put(outcome.report, outcome.extraction)
            else:
                summary.unchanged += 1
    except InputError as exc:
        problem(InputProblem(source.name, exc.message, exc.line))
    finally:  # what was extracted is stored, also when the input fails or the run is interrupted
        group.flush()


def _read(
    source: Source, limit: int, stdin: BinaryIO | None
) -> Iterator[tuple[int | None, Report | InputError]]:
    """The reports of one input. JSONL files are streamed, the size limit applying to each line."""
    if source.path is not None and source.suffix.lower() in JSONL_SUFFIXES:
        try:
            with source.path.open("rb") as fh:
                yield from read_jsonl_lines(bounded_lines(fh, limit), source.name, limit)
        except OSError as exc:
            raise _os_error(exc) from None
        return
    data = read_bytes(source, limit, stdin)
    yield from reader_for(source.suffix, data)(data, source.name)


def reextract_store(
    store: Store, *, force: bool = False, extractor: Extractor | None = None, version: str | None = None
) -> IngestSummary:
    """Re-extract the reports stored by another extractor version (all of them if ``force``).

    Reports' items are replaced in groups (:class:`ringscope.ingest.grouped.Group`), one transaction
    each; ``ingested`` counts them (a report removed meanwhile is left out).
    """
    runner = Runner(extractor, version, max_chars=sys.maxsize)  # stored reports were admitted already
    store.for_ingest()
    summary = IngestSummary()

    def replaced(report: Report, extraction: Extraction, there: bool) -> None:
        if there:
            summary.ingested += 1
            summary.unsupported.add(extraction)

    group = Group(lambda items: store.replace_extractions([(r.id, e) for r, e in items], runner.version),
                  replaced)
    try:
        for report_id in store.outdated_reports(runner.version, force=force):
            report = store.get_report(report_id)
            if report is None:  # removed meanwhile
                continue
            result = runner.extract(report)
            if isinstance(result, str):
                summary.problems.append(InputProblem(report_id, result))
                continue
            group.put(report, result)
    finally:  # what was extracted again is stored, also when the run is interrupted
        group.flush()
    if summary.ingested:
        store_picture(store)
    return summary


def read_bytes(source: Source, limit: int, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of one input, refusing inputs larger than ``limit``."""
    try:
        if source.path is None:
            data = (stdin or sys.stdin.buffer).read(limit + 1)
        else:
            size = source.path.stat().st_size
            if size > limit:
                raise InputError(_too_large(size, limit))
            with source.path.open("rb") as fh:
                data = fh.read(limit + 1)
    except OSError as exc:
        raise _os_error(exc) from None
    if len(data) > limit:
        raise InputError(_too_large(None, limit))
    return data


def _os_error(exc: OSError) -> InputError:
    if isinstance(exc, PermissionError):
        return InputError("permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a folder")
    return InputError(f"cannot read: {exc.strerror or exc}")


def _too_large(size: int | None, limit: int) -> str:
    what = f"{size} bytes" if size is not None else "more than the limit"
    return f"too large ({what}; the limit is {limit} bytes, see --max-bytes)"
