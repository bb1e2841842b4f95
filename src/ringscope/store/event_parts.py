"""Parts of the stored picture kept per event, so an update reads only the events it changes.

Per event (``event_sources``): which of its reports are near-identical copies (one independent
source), with a signature of the members they were found among; an update compares the texts of
an event's reports again only when its members changed.

The event evidence of the reports was kept in packs by versions 17 to 24 (``event_feature_packs``,
dropped by version 25: :mod:`ringscope.store.event_links` keeps it per report).

The outlet key of each report (``picture_source_keys``, :func:`ringscope.fuse.outlets.source_key`),
with the source and URL it was worked out from (all it depends on), so an update works it out for
reports stored since only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ringscope.store.chunked import select_in
from ringscope.store.upsert import together, upsert

_WRITE_EVENT_SOURCES = upsert("event_sources", ["event_id"], ["event_id", "sig", "pairs"])
_WRITE_PICTURE_SOURCE_KEYS = upsert(
    "picture_source_keys",
    ["report_id"],
    ["report_id", "source", "url", "key"],
)

EVENT_PARTS_SCHEMA = """
CREATE TABLE event_sources (
    event_id TEXT PRIMARY KEY,
    sig TEXT NOT NULL,
    pairs TEXT NOT NULL
);
"""
"""The near-identical copies found in each event (filled by the next update)."""

EVENT_PACKS_SCHEMA = """
CREATE TABLE event_feature_packs (
    id INTEGER PRIMARY KEY,
    heads TEXT NOT NULL,
    items TEXT NOT NULL,
    days BLOB NOT NULL,
    term_lengths BLOB NOT NULL,
    term_codes BLOB NOT NULL,
    term_counts BLOB NOT NULL,
    terms BLOB NOT NULL,
    term_rarity BLOB NOT NULL,
    item_lengths BLOB NOT NULL,
    item_codes BLOB NOT NULL
);
"""
"""Version 17: event evidence by packs (dropped by version 25)."""

SOURCE_KEYS_SCHEMA = """
CREATE TABLE IF NOT EXISTS picture_source_keys (
    report_id TEXT PRIMARY KEY,
    source TEXT,
    url TEXT,
    key TEXT NOT NULL
);
"""
"""Version 22: the outlet key of each report (filled by the next update)."""

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
        """Keep the near-identical pairs of events (a cache: written together, outside the update)."""
        with together(self._conn):
            self._conn.executemany("DELETE FROM event_sources WHERE event_id = ?", [(e,) for e in gone])
            self._conn.executemany(_WRITE_EVENT_SOURCES, rows)

    def copy_pairs(self) -> dict[str, list[tuple[str, str]]]:
        """Event id -> its near-identical pairs as kept, for the events that have any (few)."""
        rows = self._conn.execute("SELECT event_id, pairs FROM event_sources WHERE pairs != '[]'")
        return {str(e): [(str(a), str(b)) for a, b in json.loads(p)] for e, p in rows}

    def members(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        """Event id -> its reports in the stored picture, for the given events."""
        out: dict[str, list[str]] = {}
        for event_id, report_id in self._in("SELECT event_id, report_id FROM picture_reports"
                                            " WHERE event_id IN ({marks})", event_ids):
            out.setdefault(str(event_id), []).append(str(report_id))
        return out

    def key_counts(self) -> tuple[int, int]:
        """How many outlet keys are kept, and how many reports are stored (an older store keeps none)."""
        row = self._conn.execute("SELECT (SELECT COUNT(*) FROM picture_source_keys),"
                                 " (SELECT COUNT(*) FROM reports)").fetchone()
        return int(row[0]), int(row[1])

    def source_keys_of(self, report_ids: Iterable[str]) -> dict[str, str]:
        """As :meth:`source_keys`, for the given reports."""
        rows = self._in("SELECT k.report_id, k.key FROM picture_source_keys AS k JOIN reports AS r"
                        " ON r.id = k.report_id AND r.source IS k.source AND r.url IS k.url"
                        " WHERE k.report_id IN ({marks})", report_ids)
        return {str(r): str(k) for r, k in rows}

    def kept_keys_of(self, report_ids: Iterable[str]) -> dict[str, str]:
        """The outlet keys kept for the given reports, stored or not (removed reports keep theirs until
        the update that drops them)."""
        sql = "SELECT report_id, key FROM picture_source_keys WHERE report_id IN ({marks})"
        rows = self._in(sql, report_ids)
        return {str(r): str(k) for r, k in rows}

    def keyed(self, keys: Iterable[str]) -> set[str]:
        """The reports whose kept outlet key is one of ``keys`` (read through every key: rare)."""
        sql = "SELECT report_id FROM picture_source_keys WHERE key IN ({marks})"
        return {str(r) for (r,) in self._in(sql, keys)}

    def source_keys(self) -> dict[str, str]:
        """Report id -> outlet key of every stored report whose key is kept for its current source and URL."""
        rows = self._conn.execute("SELECT k.report_id, k.key FROM picture_source_keys AS k JOIN reports AS r"
                                  " ON r.id = k.report_id AND r.source IS k.source AND r.url IS k.url")
        return dict(rows.fetchall())

    def save_source_keys(self, rows: list[tuple[str, str | None, str | None, str]], gone: list[str]) -> None:
        """Keep the outlet keys of reports (report id, source, URL, key) and drop those of ``gone`` (a
        cache: written together, outside the update)."""
        with together(self._conn):
            self._conn.executemany("DELETE FROM picture_source_keys WHERE report_id = ?",
                                   [(r,) for r in gone])
            self._conn.executemany(_WRITE_PICTURE_SOURCE_KEYS, rows)
