"""Same-event grouping kept by parts, so an update redoes only what changed reports touch.

Per report (``event_docs``): the stamp of the evidence it was grouped by, its event and the keys
it is blocked on. Per key (``event_counts``): how many reports carry it; words (``t``), names and
figures (``i``) and blocking keys (``k``). Which reports carry a key (``event_posts``) is kept while
few do (a key carried by many weighs and blocks no more, so no report has to be found by it).
The pair scores at or above the floor (``event_edges``) are what events are linked from. The event
evidence itself stays in ``picture_features`` and is written here with the rest, in one transaction.
Per event (``event_sources``): which of its reports are near-identical copies, with a signature of
the members they were found among.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ringscope.store.chunked import chunks, select_in

EVENT_PARTS_SCHEMA = """
CREATE TABLE event_setup (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sig TEXT NOT NULL
);
CREATE TABLE event_docs (
    report_id TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    event_id TEXT,
    keys TEXT NOT NULL
);
CREATE TABLE event_counts (
    key TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE event_posts (
    key TEXT NOT NULL,
    report_id TEXT NOT NULL,
    PRIMARY KEY (key, report_id)
) WITHOUT ROWID;
CREATE TABLE event_edges (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX event_edges_b ON event_edges(b);
CREATE TABLE event_sources (
    event_id TEXT PRIMARY KEY,
    sig TEXT NOT NULL,
    pairs TEXT NOT NULL
);
DELETE FROM picture_state;
"""
"""Same-event grouping kept by parts (filled by the next update, which groups all reports
again: word weights changed with it)."""

FeatureRow = tuple[str, str, str, bytes, bytes, bytes]
Edge = tuple[str, str, float]


@dataclass(slots=True)
class EventDelta:
    """What an update changes in the kept grouping."""

    setup: str
    full: bool = False
    """Everything is written again (the kept parts are cleared first)."""
    features: list[FeatureRow] = field(default_factory=list)
    docs_gone: list[str] = field(default_factory=list)
    docs: list[tuple[str, str, str | None, str]] = field(default_factory=list)
    """(report id, stamp, event id, JSON of its blocking keys) of reports grouped again."""
    event_of: list[tuple[str | None, str]] = field(default_factory=list)
    """(event id, report id) of other reports whose event changed."""
    counts: list[tuple[str, int]] = field(default_factory=list)
    """(key, reports carrying it); 0 drops the key."""
    posts_gone: list[tuple[str, str]] = field(default_factory=list)
    keys_dropped: list[str] = field(default_factory=list)
    """Keys whose carriers are no longer kept (carried by too many reports)."""
    posts: list[tuple[str, str]] = field(default_factory=list)
    edges_of_gone: list[str] = field(default_factory=list)
    """Reports whose pair scores are replaced by ``edges``."""
    edges: list[Edge] = field(default_factory=list)


class EventParts:
    """The kept grouping of one open store (see :meth:`ringscope.store.Store.event_parts`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _in(self, sql: str, values: Iterable[object], *head: object) -> list[tuple[Any, ...]]:
        return select_in(self._conn, sql, values, *head)

    def setup(self) -> str | None:
        row = self._conn.execute("SELECT sig FROM event_setup WHERE id = 1").fetchone()
        return str(row[0]) if row else None

    def docs(self) -> dict[str, tuple[str, str | None]]:
        """Report id -> (stamp, event id) of every grouped report."""
        rows = self._conn.execute("SELECT report_id, stamp, event_id FROM event_docs")
        return {str(r): (str(s), e) for r, s, e in rows}

    def keys_of(self, report_ids: Iterable[str]) -> dict[str, str]:
        """Report id -> JSON of the keys it is blocked on."""
        return dict(
            self._in("SELECT report_id, keys FROM event_docs WHERE report_id IN ({marks})", report_ids)
        )

    def features(self, report_ids: Iterable[str]) -> dict[str, FeatureRow]:
        """The kept event evidence of the given reports."""
        rows = self._in(
            "SELECT report_id, stamp, data, ids, counts, rarity FROM picture_features"
            " WHERE report_id IN ({marks})",
            report_ids,
        )
        return {str(r[0]): (str(r[0]), str(r[1]), str(r[2]), r[3], r[4], r[5]) for r in rows}

    def all_features(self) -> dict[str, FeatureRow]:
        rows = self._conn.execute("SELECT report_id, stamp, data, ids, counts, rarity FROM picture_features")
        return {str(r[0]): (str(r[0]), str(r[1]), str(r[2]), r[3], r[4], r[5]) for r in rows}

    def counts(self, keys: Iterable[str]) -> dict[str, int]:
        return {
            str(k): int(n)
            for k, n in self._in("SELECT key, n FROM event_counts WHERE key IN ({marks})", keys)
        }

    def posts(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """Key -> the reports kept as carrying it."""
        out: dict[str, list[str]] = defaultdict(list)
        for key, report_id in self._in("SELECT key, report_id FROM event_posts WHERE key IN ({marks})", keys):
            out[str(key)].append(str(report_id))
        return out

    def edges_of(self, report_ids: Iterable[str], floor: float = float("-inf")) -> list[Edge]:
        """The kept pair scores (at least ``floor``) of pairs with one of the given reports."""
        ids = list(report_ids)
        rows = self._in("SELECT a, b, score FROM event_edges WHERE score >= ? AND a IN ({marks})", ids, floor)
        rows += self._in(
            "SELECT a, b, score FROM event_edges WHERE score >= ? AND b IN ({marks})", ids, floor
        )
        return sorted({(str(a), str(b), float(s)) for a, b, s in rows})

    def event_rows(self, event_ids: Iterable[str]) -> dict[str, str]:
        """Event id -> JSON of the given events of the stored picture."""
        rows = self._in("SELECT id, data FROM picture_events WHERE id IN ({marks})", event_ids)
        return {str(e): str(d) for e, d in rows}

    def sources(self, event_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Event id -> (signature of its members, JSON of its near-identical pairs) as kept."""
        rows = self._in(
            "SELECT event_id, sig, pairs FROM event_sources WHERE event_id IN ({marks})", event_ids
        )
        return {str(e): (str(s), str(p)) for e, s, p in rows}

    def source_events(self) -> set[str]:
        return {str(e) for (e,) in self._conn.execute("SELECT event_id FROM event_sources")}

    def save_sources(self, rows: list[tuple[str, str, str]], gone: list[str]) -> None:
        """Keep the near-identical pairs of events (a cache: no transaction)."""
        self._conn.executemany("DELETE FROM event_sources WHERE event_id = ?", [(e,) for e in gone])
        self._conn.executemany("INSERT OR REPLACE INTO event_sources VALUES (?, ?, ?)", rows)

    def apply(self, delta: EventDelta) -> None:
        """Write ``delta`` in one transaction."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if delta.full:
                for table in ("event_docs", "event_counts", "event_posts", "event_edges"):
                    conn.execute(f"DELETE FROM {table}")  # noqa: S608
            conn.executemany(
                "INSERT OR REPLACE INTO picture_features VALUES (?, ?, ?, ?, ?, ?)", delta.features
            )
            conn.executemany("DELETE FROM event_docs WHERE report_id = ?", [(r,) for r in delta.docs_gone])
            conn.executemany("INSERT OR REPLACE INTO event_docs VALUES (?, ?, ?, ?)", delta.docs)
            conn.executemany("UPDATE event_docs SET event_id = ? WHERE report_id = ?", delta.event_of)
            conn.executemany(
                "DELETE FROM event_counts WHERE key = ?", [(k,) for k, n in delta.counts if not n]
            )
            conn.executemany(
                "INSERT OR REPLACE INTO event_counts VALUES (?, ?)", [c for c in delta.counts if c[1]]
            )
            conn.executemany("DELETE FROM event_posts WHERE key = ? AND report_id = ?", delta.posts_gone)
            conn.executemany("DELETE FROM event_posts WHERE key = ?", [(k,) for k in delta.keys_dropped])
            conn.executemany("INSERT OR IGNORE INTO event_posts VALUES (?, ?)", delta.posts)
            for chunk in chunks(delta.edges_of_gone):
                marks = ", ".join("?" * len(chunk))
                conn.execute(f"DELETE FROM event_edges WHERE a IN ({marks})", chunk)  # noqa: S608
                conn.execute(f"DELETE FROM event_edges WHERE b IN ({marks})", chunk)  # noqa: S608
            conn.executemany("INSERT OR REPLACE INTO event_edges VALUES (?, ?, ?)", delta.edges)
            conn.execute(
                "INSERT INTO event_setup (id, sig) VALUES (1, ?)"
                " ON CONFLICT(id) DO UPDATE SET sig = excluded.sig",
                (delta.setup,),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
