"""The stored victim-policy decision: who is withheld, under which placeholder, and why.

A placeholder, once given, stays with its person for the life of the store and is never given to
anyone else, so ``[victim 3]`` means the same person on every page, in every export and after
every ingest. Rows of persons no longer withheld are kept (``current = 0``) so their numbers are
not reused.

The decision is kept as rows, so an ingest changes only the rows of the persons and names whose
verdicts it changed: one row per person (``withheld_persons``, ``current = 1``, ordered by its
place of first mention) and one row per name shown and what shows it (``decision_shown``). The
``picture_policy`` row says the store state the rows are of and how they were written: ``whole``
(a decision taken over a whole picture) or ``parts:<cue digest>`` (the kept verdicts of
:mod:`ringscope.store.policy_parts`, changed since only together with them).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from ringscope.store.chunked import select_in
from ringscope.store.picture_update import save_policy

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

DECISION_ROWS_SCHEMA = """
ALTER TABLE withheld_persons ADD COLUMN place_pk INTEGER NOT NULL DEFAULT 0;
ALTER TABLE withheld_persons ADD COLUMN place_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE withheld_persons ADD COLUMN place_key TEXT NOT NULL DEFAULT '';
CREATE INDEX withheld_current ON withheld_persons(current, place_pk, place_start, place_key);
CREATE TABLE decision_shown (
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (name, source)
);
CREATE INDEX decision_shown_source ON decision_shown(source);
CREATE TABLE policy_pending (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    id TEXT NOT NULL
);
UPDATE withheld_persons SET current = 0;
UPDATE withheld_persons AS w
   SET current = 1, place_pk = d.pos, place_key = w.key, names = d.names, reasons = d.reasons
  FROM (SELECT CAST(j.key AS INTEGER) AS pos, json_extract(j.value, '$[0]') AS k,
               json_extract(j.value, '$[2]') AS names, json_extract(j.value, '$[3]') AS reasons
          FROM picture_policy AS p, json_each(p.data, '$.withheld') AS j) AS d
 WHERE w.key = d.k;
INSERT OR IGNORE INTO decision_shown (name, source)
SELECT v.value, '' FROM picture_policy AS p, json_each(p.data, '$.visible') AS v;
UPDATE picture_policy SET data = 'whole';
"""
"""Version 16: the decision kept as rows (the whole decision kept before becomes its rows, in its
order), and the entities and reports the picture update changed since the last decision
(``policy_pending``, written with the picture)."""


@dataclass(frozen=True, slots=True)
class WithheldRow:
    key: str
    label: str
    number: int
    names: tuple[str, ...]
    reasons: tuple[str, ...]
    place: tuple[int, int, str] = (0, 0, "")
    """Where the decision orders the person (first mention)."""


@dataclass(slots=True)
class DecisionChanges:
    """What a decision changes in the stored decision rows."""

    state: str
    kind: str
    dropped: list[str]
    """Keys no longer withheld."""
    rows: list[WithheldRow]
    """Persons withheld now (new, or with other names, reasons or place)."""
    sources_gone: list[str]
    """Entities whose shown names are dropped (then ``shown`` adds those shown now)."""
    shown: list[tuple[str, str]]
    """(name, entity id) of each name an entity lets show (and did not)."""
    shown_gone: list[tuple[str, str]] = field(default_factory=list)
    """(name, entity id) of each name an entity no longer lets show."""


def load(conn: sqlite3.Connection) -> dict[str, tuple[str, int]]:
    """Every key ever withheld -> (placeholder, number)."""
    rows = conn.execute("SELECT key, label, number FROM withheld_persons")
    return {str(k): (str(label), int(n)) for k, label, n in rows}


def labels_of(conn: sqlite3.Connection, keys: Iterable[str]) -> tuple[dict[str, tuple[str, int]], int]:
    """The given keys ever withheld -> (placeholder, number), and the highest number ever given."""
    rows = select_in(conn, "SELECT key, label, number FROM withheld_persons WHERE key IN ({marks})", keys)
    last = conn.execute("SELECT MAX(number) FROM withheld_persons").fetchone()[0]
    return {str(k): (str(label), int(n)) for k, label, n in rows}, int(last or 0)


def current(conn: sqlite3.Connection) -> list[WithheldRow]:
    """The persons withheld by the latest decision, by number."""
    return sorted(decision(conn)[0], key=lambda row: row.number)


def decision(conn: sqlite3.Connection) -> tuple[list[WithheldRow], set[str]]:
    """The latest decision: the persons withheld in its order, and the names it lets show."""
    rows = conn.execute(
        "SELECT key, label, number, names, reasons, place_pk, place_start, place_key FROM withheld_persons"
        " WHERE current = 1 ORDER BY place_pk, place_start, place_key"
    )
    withheld = [
        WithheldRow(key, label, int(number), tuple(json.loads(names)), tuple(json.loads(reasons)),
                    (int(pk), int(start), str(place)))
        for key, label, number, names, reasons, pk, start, place in rows
    ]
    shown = {str(n) for (n,) in conn.execute("SELECT DISTINCT name FROM decision_shown")}
    return withheld, shown


def _upsert(conn: sqlite3.Connection, rows: Iterable[WithheldRow], state: str) -> None:
    conn.executemany(
        "INSERT INTO withheld_persons (key, label, number, names, reasons, current, state, place_pk,"
        " place_start, place_key) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
        " names = excluded.names, reasons = excluded.reasons, current = 1, state = excluded.state,"
        " place_pk = excluded.place_pk, place_start = excluded.place_start, place_key = excluded.place_key",
        [
            (r.key, r.label, r.number, json.dumps(list(r.names)), json.dumps(list(r.reasons)), state,
             *r.place)
            for r in rows
        ],
    )


def save(conn: sqlite3.Connection, rows: Iterable[WithheldRow], shown: Iterable[tuple[str, str]], state: str,
         kind: str) -> None:
    """Store a whole decision: these rows are current, every other stored row is not; ``shown`` is
    (name, what shows it) of every name shown."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE withheld_persons SET current = 0 WHERE current = 1")
        _upsert(conn, rows, state)
        conn.execute("DELETE FROM decision_shown")
        conn.executemany("INSERT OR IGNORE INTO decision_shown (name, source) VALUES (?, ?)", shown)
        save_policy(conn, state, kind)
        if kind == "whole":  # the next decision by parts compares everything: the list is not needed
            conn.execute("DELETE FROM policy_pending")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def write_changes(conn: sqlite3.Connection, changes: DecisionChanges) -> None:
    """Write ``changes`` (inside the caller's transaction)."""
    conn.executemany("UPDATE withheld_persons SET current = 0 WHERE key = ?", [(k,) for k in changes.dropped])
    _upsert(conn, changes.rows, changes.state)
    conn.executemany("DELETE FROM decision_shown WHERE source = ?", [(s,) for s in changes.sources_gone])
    conn.executemany("DELETE FROM decision_shown WHERE name = ? AND source = ?", changes.shown_gone)
    conn.executemany("INSERT OR IGNORE INTO decision_shown (name, source) VALUES (?, ?)", changes.shown)
    save_policy(conn, changes.state, changes.kind)
