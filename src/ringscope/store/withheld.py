"""The stored victim-policy decision: who is withheld, under which placeholder, and why.

A placeholder, once given, stays with its person for the life of the store and is never given to
anyone else, so ``[victim 3]`` means the same person on every page, in every export and after
every ingest. Rows of persons no longer withheld are kept (``current = 0``) so their numbers are
not reused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

WITHHELD_SCHEMA = """
CREATE TABLE withheld_persons (
    key TEXT PRIMARY KEY,
    label TEXT NOT NULL UNIQUE,
    number INTEGER NOT NULL UNIQUE,
    names TEXT NOT NULL DEFAULT '[]',
    reasons TEXT NOT NULL DEFAULT '[]',
    current INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL DEFAULT ''
);
"""


@dataclass(frozen=True, slots=True)
class WithheldRow:
    key: str
    label: str
    number: int
    names: tuple[str, ...]
    reasons: tuple[str, ...]


def load(conn: sqlite3.Connection) -> dict[str, tuple[str, int]]:
    """Every key ever withheld -> (placeholder, number)."""
    rows = conn.execute("SELECT key, label, number FROM withheld_persons")
    return {str(k): (str(label), int(n)) for k, label, n in rows}


def current(conn: sqlite3.Connection) -> list[WithheldRow]:
    """The persons withheld by the latest decision, by number."""
    rows = conn.execute(
        "SELECT key, label, number, names, reasons FROM withheld_persons WHERE current = 1 ORDER BY number"
    )
    return [
        WithheldRow(key, label, int(number), tuple(json.loads(names)), tuple(json.loads(reasons)))
        for key, label, number, names, reasons in rows
    ]


def save(conn: sqlite3.Connection, rows: Iterable[WithheldRow], state: str) -> None:
    """Store a decision: these rows are current, every other stored row is not."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE withheld_persons SET current = 0")
        conn.executemany(
            "INSERT INTO withheld_persons (key, label, number, names, reasons, current, state)"
            " VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT(key) DO UPDATE SET names = excluded.names,"
            " reasons = excluded.reasons, current = 1, state = excluded.state",
            [
                (r.key, r.label, r.number, json.dumps(list(r.names)), json.dumps(list(r.reasons)), state)
                for r in rows
            ],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
