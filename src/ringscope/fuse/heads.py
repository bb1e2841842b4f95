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


class Stamps(dict[str, str]):
    """Report id -> stamp (:meth:`ringscope.store.Store.picture_parts`), read from ``store`` on demand:
    an update reads those of the reports it touches, not every report's. A report not stored is a
    KeyError, and ``get`` gives None for it."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._parts = store.picture_parts()
        self._absent: set[str] = set()
        self._whole = False

    def read_all(self) -> Stamps:
        """Read every stored report's stamp (what iterating over this mapping then lists)."""
        if not self._whole:
            self.clear()
            self.update(self._parts.stamps())
            self._whole = True
        return self

    def need(self, report_ids: Iterable[str]) -> Stamps:
        """Read the stamps of the given reports not read yet, all at once."""
        if self._whole:
            return self
        missing = {r for r in report_ids if not dict.__contains__(self, r) and r not in self._absent}
        if missing:
            found = self._parts.stamps_of(sorted(missing))
            self.update(found)
            self._absent.update(missing - found.keys())
        return self

    def stored(self, report_id: str) -> bool:
        """Whether the report is stored."""
        self.need([report_id])
        return dict.__contains__(self, report_id)

    def __missing__(self, report_id: str) -> str:
        if not self.stored(report_id):
            raise KeyError(report_id)
        return dict.__getitem__(self, report_id)

    def get(self, report_id: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self[report_id] if self.stored(report_id) else default
