"""The store's schema as an ordered list of migrations.

``MIGRATIONS[i]`` takes a store from version ``i`` to ``i + 1``; ``PRAGMA user_version``
holds the version a store is at. Each migration runs in one transaction together with
its version bump, so a store is never left half-migrated. Append new migrations at the
end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

from ringscope.screen.store import SCREEN_SCHEMA
from ringscope.serve.schema import AUTH_SCHEMA, HARDENING_SCHEMA
from ringscope.store.event_links import EVENT_LINKS_SCHEMA
from ringscope.store.event_parts import EVENT_PACKS_SCHEMA, EVENT_PARTS_SCHEMA, SOURCE_KEYS_SCHEMA
from ringscope.store.judgements import JUDGEMENTS_SCHEMA
from ringscope.store.picture import (
    OCCURRENCES_SCHEMA,
    PICTURE_SCHEMA,
    STATE_INDEX_SCHEMA,
    STATE_INDEXES_SCHEMA,
)
from ringscope.store.picture_pending import PENDING_SCHEMA
from ringscope.store.picture_update import INCREMENTAL_SCHEMA
from ringscope.store.policy_aliases import POLICY_ALIASES_SCHEMA
from ringscope.store.policy_found import POLICY_FOUND_SCHEMA
from ringscope.store.policy_parts import POLICY_PARTS_SCHEMA
from ringscope.store.resolve_entities import NEAR_NAMES_SCHEMA, RESOLVE_ENTITIES_SCHEMA
from ringscope.store.resolve_parts import RESOLVE_PARTS_SCHEMA
from ringscope.store.withheld import DECISION_ROWS_SCHEMA, WITHHELD_SCHEMA

_V1 = """
CREATE TABLE reports (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT,
    url TEXT,
    published TEXT,
    title TEXT,
    external_id TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    item_count INTEGER NOT NULL DEFAULT 0
);

CREATE VIRTUAL TABLE reports_fts USING fts5(
    title, text,
    content='reports', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, text ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO reports_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE TABLE entities (
    pk INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    aliases TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX entities_report ON entities(report_id, seq);
CREATE INDEX entities_type_key ON entities(type, key);

CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    entity_pk INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_pk, seq);
CREATE INDEX mentions_report ON mentions(report_id);

CREATE TABLE claims (
    pk INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    measure TEXT NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    qualifier TEXT NOT NULL,
    unit TEXT NOT NULL,
    currency TEXT,
    period TEXT,
    location TEXT,
    speaker TEXT,
    date TEXT,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX claims_report ON claims(report_id, seq);
CREATE INDEX claims_measure ON claims(measure);
CREATE INDEX claims_location ON claims(location);

CREATE TABLE routes (
    pk INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    count INTEGER,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX routes_report ON routes(report_id, seq);

CREATE TABLE dates (
    pk INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX dates_report ON dates(report_id, seq);
"""

_OUTLETS = """
-- A report's source is its publisher, never the input it was read from: earlier versions stored
-- the JSON-lines file (or standard input) there. Outlets then come from the report's URL.
UPDATE reports SET source = NULL
 WHERE lower(source) LIKE '%.jsonl' OR lower(source) LIKE '%.ndjson' OR source = '<stdin>';
-- A report without a title is titled by its first line (at most 200 characters).
UPDATE reports
   SET title = substr(trim(substr(ltrim(text, char(10, 13, 32, 9)), 1,
                                  instr(ltrim(text, char(10, 13, 32, 9)) || char(10), char(10)) - 1)), 1, 200)
 WHERE title IS NULL OR trim(title) = '';
"""

_LANGUAGE = """
ALTER TABLE reports ADD COLUMN language TEXT;
ALTER TABLE reports ADD COLUMN unsupported_language INTEGER NOT NULL DEFAULT 0;
"""
"""Each report's detected language, and whether the extractor left it unread for its language."""

RULE_IDS = """
ALTER TABLE claims ADD COLUMN rule TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN "trigger" TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN rule TEXT NOT NULL DEFAULT '';
ALTER TABLE routes ADD COLUMN rule TEXT NOT NULL DEFAULT '';
CREATE INDEX claims_rule ON claims(rule);
"""
"""Version 8: the id of the extraction rule that produced each entity, claim and route, and the
measure trigger of each claim (empty for items stored before)."""


MIGRATIONS: list[str] = [
    _V1, AUTH_SCHEMA, SCREEN_SCHEMA, HARDENING_SCHEMA, _OUTLETS, _LANGUAGE, WITHHELD_SCHEMA, RULE_IDS,
    PICTURE_SCHEMA,
    JUDGEMENTS_SCHEMA,
    INCREMENTAL_SCHEMA,
    POLICY_PARTS_SCHEMA,
    RESOLVE_PARTS_SCHEMA,
    OCCURRENCES_SCHEMA,
    EVENT_PARTS_SCHEMA,
    DECISION_ROWS_SCHEMA,
    EVENT_PACKS_SCHEMA,
    RESOLVE_ENTITIES_SCHEMA,
    POLICY_FOUND_SCHEMA,
    STATE_INDEX_SCHEMA,
    NEAR_NAMES_SCHEMA,
    SOURCE_KEYS_SCHEMA,
    STATE_INDEXES_SCHEMA,
    POLICY_ALIASES_SCHEMA,
    EVENT_LINKS_SCHEMA,
    PENDING_SCHEMA,
]
"""Schema migrations, applied in order; the store's version is how many have run."""


class SchemaError(Exception):
    """The store's schema cannot be used by this version of ringscope."""


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: list[str] | None = None) -> int:
    """Bring the store up to date; returns the version it is at afterwards.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    steps = MIGRATIONS if migrations is None else migrations
    version = schema_version(conn)
    if version > len(steps):
        raise SchemaError(
            f"store schema version {version} is newer than this ringscope supports ({len(steps)}); "
            "upgrade ringscope"
        )
    for number in range(version, len(steps)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) == number:  # another process may have migrated meanwhile
                for statement in split_statements(steps[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(steps)


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]!r}")
    return statements
