"""Reading reports from files, folders and stdin into the store."""

from __future__ import annotations

from ringscope.ingest.errors import InputError, InputProblem
from ringscope.ingest.runner import IngestHooks, IngestSummary, ingest_paths, read_bytes
from ringscope.ingest.sources import Source, find_sources

__all__ = [
    "IngestHooks",
    "IngestSummary",
    "InputError",
    "InputProblem",
    "Source",
    "find_sources",
    "ingest_paths",
    "read_bytes",
]
