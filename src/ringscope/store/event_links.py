"""What same-event grouping keeps from update to update: blocking keys, scored pairs, evidence.

A pair's score depends on its two reports alone (:mod:`ringscope.fuse.events`), so the store keeps:

- ``event_keys``: each report's blocking keys (names, distinctive words) with its publication day,
  and ``event_key_counts``: how many reports carry each key (a key too many carry blocks nothing);
- ``event_links``: the scored candidate pairs strong enough to count in linkage (``a < b``);
- ``picture_features``: each report's evidence at the stamp it was worked out at;
- ``event_links_state``: the store state (and settings) the keys and links were last brought to.
  It is emptied before they change and set once they are whole, so an update interrupted half-way
  is seen (its keys and links are worked out again from scratch).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ringscope.store.chunked import select_in
from ringscope.store.picture_update import FeatureRow
from ringscope.store.upsert import together, upsert

EVENT_LINKS_SCHEMA = """
CREATE TABLE IF NOT EXISTS event_keys (
    key TEXT NOT NULL,
    report_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    PRIMARY KEY (key, report_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_keys_report ON event_keys(report_id);
CREATE TABLE IF NOT EXISTS event_key_counts (
    key TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_links (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_links_b ON event_links(b);
CREATE TABLE IF NOT EXISTS event_links_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL
);
DROP TABLE IF EXISTS event_feature_packs;
DELETE FROM picture_features;
DELETE FROM event_links_state;
"""
"""Version 25: same-event keys and scored pairs kept per report (built again by the next update;
the evidence packs of version 17 are dropped, evidence is kept per report again)."""

_WRITE_COUNT = upsert("event_key_counts", ["key"], ["key", "n"])
_WRITE_FEATURES = upsert("picture_features", ["report_id"],
                         ["report_id", "stamp", "data", "ids", "counts", "rarity"])
_WRITE_STATE = upsert("event_links_state", ["id"], ["id", "state"])

Link = tuple[str, str, float]
"""(report id, report id after it, score)."""


class EventLinks:
    """The same-event parts of one open store (see :meth:`ringscope.store.Store.event_links`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _in(self, sql: str, values: Iterable[object], *head: object) -> list[tuple[Any, ...]]:
        return select_in(self._conn, sql, values, *head)

    def state(self) -> str | None:
        row = self._conn.execute("SELECT state FROM event_links_state WHERE id = 1").fetchone()
        return str(row[0]) if row and row[0] else None

    def set_state(self, state: str) -> None:
        self._conn.execute(_WRITE_STATE, (1, state))

    def features(self, report_ids: Iterable[str]) -> dict[str, FeatureRow]:
        """The kept evidence of the given reports (with the stamp each was worked out at)."""
        sql = ("SELECT report_id, stamp, data, ids, counts, rarity FROM picture_features"
               " WHERE report_id IN ({marks})")
        rows = self._in(sql, report_ids)
        return {str(r[0]): (str(r[0]), str(r[1]), str(r[2]), r[3], r[4], r[5]) for r in rows}

    def keys_of(self, report_ids: Iterable[str]) -> dict[str, list[str]]:
        """Report id -> its kept blocking keys."""
        out: dict[str, list[str]] = {}
        for report_id, key in self._in("SELECT report_id, key FROM event_keys WHERE report_id IN ({marks})",
                                       report_ids):
            out.setdefault(str(report_id), []).append(str(key))
        return out

    def counts(self, keys: Iterable[str]) -> dict[str, int]:
        """Key -> how many reports carry it (keys no report carries are left out)."""
        rows = self._in("SELECT key, n FROM event_key_counts WHERE key IN ({marks})", keys)
        return {str(k): int(n) for k, n in rows}

    def carriers(self, keys: Iterable[str]) -> dict[str, list[tuple[str, int]]]:
        """Key -> the reports carrying it, with their publication days."""
        out: dict[str, list[tuple[str, int]]] = {}
        rows = self._in("SELECT key, report_id, day FROM event_keys WHERE key IN ({marks})", keys)
        for key, report_id, day in rows:
            out.setdefault(str(key), []).append((str(report_id), int(day)))
        return out

    def links_of(self, report_ids: Iterable[str]) -> list[Link]:
        """The kept links with a report of ``report_ids`` at either end."""
        ids = list(report_ids)
        found = self._in("SELECT a, b, score FROM event_links WHERE a IN ({marks})", ids)
        found += self._in("SELECT a, b, score FROM event_links WHERE b IN ({marks})", ids)
        return sorted({(str(a), str(b), float(s)) for a, b, s in found})

    def strong_pairs(self, report_ids: Iterable[str], threshold: float) -> list[tuple[str, str]]:
        """The kept links scoring at least ``threshold`` with a report of ``report_ids`` at either end."""
        ids = list(report_ids)
        found = self._in("SELECT a, b FROM event_links WHERE score >= ? AND a IN ({marks})", ids, threshold)
        found += self._in("SELECT a, b FROM event_links WHERE score >= ? AND b IN ({marks})", ids, threshold)
        return [(str(a), str(b)) for a, b in found]

    def clear(self) -> None:
        """Forget every key and link (they are worked out again from scratch)."""
        with together(self._conn):
            for table in ("event_keys", "event_key_counts", "event_links", "event_links_state"):
                self._conn.execute(f"DELETE FROM {table}")  # noqa: S608

    def save_keys(
        self, dropped: Sequence[str], keys: Sequence[tuple[str, str, int]], counts: Sequence[tuple[str, int]],
    ) -> None:
        """Forget the state, drop the keys of reports ``dropped``, add ``keys`` (key, report id, day)
        and set the counts of keys (a count of 0 drops the key's count)."""
        with together(self._conn):
            self._conn.execute("DELETE FROM event_links_state")
            self._conn.executemany("DELETE FROM event_keys WHERE report_id = ?", [(r,) for r in dropped])
            self._conn.executemany("INSERT INTO event_keys (key, report_id, day) VALUES (?, ?, ?)", keys)
            self._conn.executemany("DELETE FROM event_key_counts WHERE key = ?",
                                   [(k,) for k, n in counts if not n])
            self._conn.executemany(_WRITE_COUNT, [(k, n) for k, n in counts if n])

    def save_links(self, dropped: Sequence[tuple[str, str]], links: Sequence[Link]) -> None:
        """Drop the links of pairs ``dropped`` and add (or score again) ``links``."""
        with together(self._conn):
            self._conn.executemany("DELETE FROM event_links WHERE a = ? AND b = ?", dropped)
            self._conn.executemany(upsert("event_links", ["a", "b"], ["a", "b", "score"]), links)

    def save_features(self, rows: Sequence[FeatureRow]) -> None:
        """Keep the evidence worked out for reports (a cache)."""
        with together(self._conn):
            self._conn.executemany(_WRITE_FEATURES, rows)
