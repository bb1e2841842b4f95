"""Extracted reports stored in groups: one transaction per group instead of one per report.

Each report's transaction wrote again every index page the report touched (the report's id, hash,
outlet and state, its entities', mentions', claims', routes' and dates' report ids, the text index):
on a large archive about as many pages as the report has rows, each a full page in the write-ahead
log. A group writes each page once for all its reports. A group is written when it holds
:data:`GROUP_REPORTS` reports or :data:`GROUP_CHARS` characters of text, and when its input ends,
fails or is interrupted, so what was extracted is stored; a crash loses at most one group.
"""

from __future__ import annotations

from collections.abc import Callable

from ringscope.model import Extraction, Report

GROUP_REPORTS = 200
"""Reports written per transaction at most."""
GROUP_CHARS = 4_000_000
"""Characters of report text written per transaction at most."""


Items = list[tuple[Report, Extraction]]


class Group:
    """Reports waiting to be written together; :meth:`flush` writes them in one call of ``write``
    (one transaction: :meth:`ringscope.store.Store.add_many`, or
    :meth:`~ringscope.store.Store.replace_extractions` when re-extracting) and passes each report
    with what ``write`` said of it to ``on_written``."""

    def __init__(
        self, write: Callable[[Items], list[bool]], on_written: Callable[[Report, Extraction, bool], None]
    ) -> None:
        self.write = write
        self.on_written = on_written
        """Called once per report after its group is written (with whether it was new, or still stored)."""
        self._items: Items = []
        self._hashes: set[str] = set()
        self._chars = 0

    def waiting(self, report: Report) -> bool:
        """Whether a report with this content is already waiting in the group."""
        return report.content_hash in self._hashes

    def put(self, report: Report, extraction: Extraction) -> None:
        self._items.append((report, extraction))
        self._hashes.add(report.content_hash)
        self._chars += len(report.text)
        if len(self._items) >= GROUP_REPORTS or self._chars >= GROUP_CHARS:
            self.flush()

    def flush(self) -> None:
        """Write the waiting reports (nothing when none wait)."""
        items, self._items, self._hashes, self._chars = self._items, [], set(), 0
        if not items:
            return
        for (report, extraction), outcome in zip(items, self.write(items), strict=True):
            self.on_written(report, extraction, outcome)
