"""Parts of the stored picture kept per event, so an update reads only the events it changes.

Per event (``event_sources``): which of its reports are near-identical copies (one independent
source), with a signature of the members they were found among; an update compares the texts of
an event's reports again only when its members changed.

The event evidence of the reports (``event_feature_packs``): packs of many reports' evidence as a
few arrays each (see :mod:`ringscope.fuse.event_columns`), each report with the stamp it was worked
out at, so an update reads the evidence of every report with a few reads.

The outlet key of each report (``picture_source_keys``, :func:`ringscope.fuse.outlets.source_key`),
with the source and URL it was worked out from (all it depends on), so an update works it out for
reports stored since only.
"""

from __future__ import annotations

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
"""Event evidence by packs (filled by the next update from the evidence kept per report)."""

SOURCE_KEYS_SCHEMA = """
CREATE TABLE IF NOT EXISTS picture_source_keys (
    report_id TEXT PRIMARY KEY,
    source TEXT,
    url TEXT,
    key TEXT NOT NULL
);
"""
"""Version 22: the outlet key of each report (filled by the next update)."""

_PACK_COLUMNS = ("heads, items, days, term_lengths, term_codes, term_counts, terms, term_rarity,"
                 " item_lengths, item_codes")

PackRow = tuple[str, str, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes]
"""(JSON of report ids and stamps, JSON of the distinct items, days, term lengths, term codes,
term counts, distinct term ids, distinct term rarities, item lengths, item codes)."""


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

    def feature_packs(self) -> list[tuple[int, PackRow]]:
        """The packs of event evidence, oldest first, with their ids."""
        rows = self._conn.execute(f"SELECT id, {_PACK_COLUMNS} FROM event_feature_packs ORDER BY id")  # noqa: S608
        return [(int(r[0]), (str(r[1]), str(r[2]), *r[3:])) for r in rows]

    def save_feature_packs(self, packs: list[PackRow], gone: list[int], *, drop_rows: bool = False) -> None:
        """Add packs of event evidence and drop packs ``gone`` (their live reports are in the new ones)
        together; ``drop_rows`` drops the evidence kept per report too (all of it is in packs now)."""
        with together(self._conn):
            sql = f"INSERT INTO event_feature_packs ({_PACK_COLUMNS}) VALUES ({', '.join('?' * 10)})"  # noqa: S608
            self._conn.executemany(sql, packs)
            self._conn.executemany("DELETE FROM event_feature_packs WHERE id = ?", [(p,) for p in gone])
            if drop_rows:
                self._conn.execute("DELETE FROM picture_features")
