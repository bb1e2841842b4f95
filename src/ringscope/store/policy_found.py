"""What cues found on each folded name, kept as counts so a decision reads little of a common name.

A verdict depends on the cue hits of a name only through what they found (cue, kind of cue, name
as written), not through how many hits found it or where: ``policy_found`` keeps, per folded
name, each distinct finding with the number of kept hits (``policy_hits``) that found it. A batch
adds and takes away counts; a verdict is taken again only where the findings of one of its names
appear or disappear. Each verdict on an entity also keeps a digest of what it was taken on
(``policy_entities.inputs``: type, name, aliases and roles of the entity, and the cue table).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ringscope.store.chunked import chunks, select_in

POLICY_FOUND_SCHEMA = """
CREATE TABLE policy_found (
    key TEXT NOT NULL,
    cue TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (key, cue, kind, name)
) WITHOUT ROWID;
INSERT INTO policy_found (key, cue, kind, name, n)
SELECT h.key, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'),
       COUNT(*)
  FROM policy_hits AS h, json_each(h.data) AS j
 GROUP BY 1, 2, 3, 4;
ALTER TABLE policy_entities ADD COLUMN inputs TEXT NOT NULL DEFAULT '';
CREATE TABLE policy_upgrade (id INTEGER PRIMARY KEY);
INSERT INTO policy_upgrade (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM policy_entities);
"""
"""Version 19: per folded name, what cues found on it with counts (from the kept hits), and the
digest of what each entity verdict was taken on: empty before, filled by the next decision
(``policy_upgrade`` says it is to be done) for verdicts taken on the entity as the picture holds it."""

Finding = tuple[str, str, str]
"""(cue id, kind of cue, name as the cue found it)."""


def found_on(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, dict[Finding, int]]:
    """Folded name -> finding -> number of kept hits, for the given folded names."""
    out: dict[str, dict[Finding, int]] = {}
    for key, cue, kind, name, n in select_in(
            conn, "SELECT key, cue, kind, name, n FROM policy_found WHERE key IN ({marks})", keys):
        out.setdefault(key, {})[(cue, kind, name)] = n  # text and integer columns: read as str and int
    return out


def hits_of_reports(conn: sqlite3.Connection, report_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(folded name, report id, JSON of the hits) kept of the given reports."""
    rows = select_in(conn, "SELECT key, report_id, data FROM policy_hits WHERE report_id IN ({marks})",
                     report_ids)
    return [(str(k), str(r), str(d)) for k, r, d in rows]


def placed_hits(conn: sqlite3.Connection, keys: Iterable[str]) -> list[tuple[str, str, int, str]]:
    """(folded name, report id, row number of the report (0 when no longer stored), JSON of the
    hits) kept on the given folded names."""
    rows = select_in(
        conn, "SELECT h.key, h.report_id, COALESCE(r.pk, 0), h.data FROM policy_hits AS h"
        " LEFT JOIN reports AS r ON r.id = h.report_id WHERE h.key IN ({marks})", keys)
    return [(str(k), str(r), int(p), str(d)) for k, r, p, d in rows]


def entity_inputs(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """Entity id -> (signature, digest of inputs, JSON of the verdict) kept of the given entities."""
    sql = "SELECT entity_id, sig, inputs, data FROM policy_entities WHERE entity_id IN ({marks})"
    rows = select_in(conn, sql, ids)
    return {str(e): (str(s), str(i), str(d)) for e, s, i, d in rows}


def keys_by_entity(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, set[str]]:
    """Entity id -> the folded names it answers to (as kept), for the given entities."""
    out: dict[str, set[str]] = {}
    sql = "SELECT key, entity_id FROM policy_keys WHERE entity_id IN ({marks})"
    for key, entity_id in select_in(conn, sql, ids):  # text columns: read as str
        out.setdefault(entity_id, set()).add(key)
    return out


def text_verdicts(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, str]:
    """Folded name -> JSON of its verdict, of the given names that have one."""
    rows = select_in(conn, "SELECT key, data FROM policy_texts WHERE key IN ({marks})", keys)
    return {str(k): str(d) for k, d in rows}


def upgrade_pending(conn: sqlite3.Connection) -> bool:
    """Whether verdicts kept before their inputs were kept are still to be given them."""
    return conn.execute("SELECT 1 FROM policy_upgrade").fetchone() is not None


def without_inputs(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(entity id, signature of the verdict, signature of the entity in the picture) of the verdicts
    kept without inputs whose entity the picture still holds."""
    rows = conn.execute("SELECT v.entity_id, v.sig, p.sig FROM policy_entities AS v"
                        " JOIN picture_entities AS p ON p.id = v.entity_id WHERE v.inputs = ''")
    return [(str(e), str(v), str(p)) for e, v, p in rows]


def give_inputs(conn: sqlite3.Connection, inputs: list[tuple[str, str]]) -> None:
    """Keep ``inputs`` ((digest, entity id)) and mark the upgrade done, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("UPDATE policy_entities SET inputs = ? WHERE entity_id = ?", inputs)
        conn.execute("DELETE FROM policy_upgrade")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def write_found(conn: sqlite3.Connection, counts: list[tuple[str, str, str, str, int]]) -> None:
    """Add ``counts`` ((folded name, cue, kind, name, change of count)) to the kept findings, dropping
    the findings no hit keeps any more (inside the caller's transaction)."""
    conn.executemany(
        "INSERT INTO policy_found (key, cue, kind, name, n) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(key, cue, kind, name) DO UPDATE SET n = n + excluded.n", counts)
    for chunk in chunks(sorted({c[0] for c in counts if c[4] < 0})):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM policy_found WHERE n <= 0 AND key IN ({marks})", chunk)  # noqa: S608
