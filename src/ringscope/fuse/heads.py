"""Report heads (reports without their texts) read from the store as an update asks for them.

An update touches the reports of a batch and of the scopes they change, not every report: their
heads are read together (:meth:`Heads.need`) when they are first needed, instead of all heads of
the archive up front.
"""

from __future__ import annotations

from collections.abc import Iterable

from ringscope.model import Report
from ringscope.store import Store

SCAN = 20_000
"""Above this many heads to read, all heads are scanned (faster than looking that many up by id)."""


class Heads(dict[str, Report]):
    """Report id -> report head, read from ``store`` on demand (an id not stored is a KeyError)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    def need(self, report_ids: Iterable[str]) -> Heads:
        """Read the heads of the given reports not read yet, all at once."""
        missing = {r for r in report_ids if r not in self}
        if len(missing) > SCAN:
            self.update((r.id, r) for r in self._store.report_heads() if r.id in missing)
        elif missing:
            self.update(self._store.report_heads_of(sorted(missing)))
        return self

    def __missing__(self, report_id: str) -> Report:
        found = self._store.report_heads_of([report_id])
        if report_id not in found:
            raise KeyError(report_id)
        self.update(found)
        return found[report_id]
