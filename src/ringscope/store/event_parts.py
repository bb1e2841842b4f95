"""Parts of the stored picture kept per event, so an update reads only the events it changes.

Per event (``event_sources``): which of its reports are near-identical copies (one independent
source), with a signature of the members they were found among; an update compares the texts of
an event's reports again only when its members changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from ringscope.store.chunked import select_in

EVENT_PARTS_SCHEMA = """
CREATE TABLE event_sources (
    event_id TEXT PRIMARY KEY,
    sig TEXT NOT NULL,
    pairs TEXT NOT NULL
);
"""
"""The near-identical copies found in each event (filled by the next update)."""


class EventParts:
    """The per-event parts of one open store (see :meth:`ringscope.store.Store.event_parts`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _in(self, sql: str, values: Iterable[object], *head: object) -> list[tuple[Any, ...]]:
        return select_in(self._conn, sql, values, *head)

    def event_rows(self, event_ids: Iterable[str]) -> dict[str, str]:
        """Event id -> JSON of the given events of the stored picture."""
        rows = self._in("SELECT id, data FROM picture_events WHERE id IN ({marks})", event_ids)
        return {str(e): str(d) for e, d in rows}

    def sources(self, event_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Event id -> (signature of its members, JSON of its near-identical pairs) as kept."""
        sql = "SELECT event_id, sig, pairs FROM event_sources WHERE event_id IN ({marks})"
        rows = self._in(sql, event_ids)
        return {str(e): (str(s), str(p)) for e, s, p in rows}

    def source_events(self) -> set[str]:
        return {str(e) for (e,) in self._conn.execute("SELECT event_id FROM event_sources")}

    def save_sources(self, rows: list[tuple[str, str, str]], gone: list[str]) -> None:
        """Keep the near-identical pairs of events (a cache: no transaction)."""
        self._conn.executemany("DELETE FROM event_sources WHERE event_id = ?", [(e,) for e in gone])
        self._conn.executemany("INSERT OR REPLACE INTO event_sources VALUES (?, ?, ?)", rows)
