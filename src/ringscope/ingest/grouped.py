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
from ringscope.store import Store

GROUP_REPORTS = 200
"""Reports written per transaction at most."""
GROUP_CHARS = 4_000_000
"""Characters of report text written per transaction at most."""


class Group:
    """Reports waiting to be stored together; :meth:`flush` stores them and counts the outcome."""

    def __init__(
        self, store: Store, version: str, on_stored: Callable[[Report, Extraction, bool], None]
    ) -> None:
        self.store = store
        self.version = version
        self.on_stored = on_stored
        """Called once per report after its group is committed, with whether it was new."""
        self._items: list[tuple[Report, Extraction]] = []
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
        """Store the waiting reports in one transaction (nothing when none wait)."""
        items, self._items, self._hashes, self._chars = self._items, [], set(), 0
        if not items:
            return
        for (report, extraction), new in zip(items, self.store.add_many(items, self.version), strict=True):
            self.on_stored(report, extraction, new)
