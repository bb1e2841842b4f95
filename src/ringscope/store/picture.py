"""The stored fused picture: events, resolved entities, figures and flags, with the store state they hold.

The picture is kept for one store state (reports added, removed or re-extracted change it); a
reader finding another state brings it up to date (:mod:`ringscope.store.picture_update` writes
the changes in one transaction, so a reader sees the old picture or the new one, never a mix).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

PICTURE_SCHEMA = """
CREATE TABLE picture_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL
);
CREATE TABLE picture_reports (
    report_id TEXT PRIMARY KEY,
    event_id TEXT
);
CREATE INDEX picture_reports_event ON picture_reports(event_id);
CREATE TABLE picture_events (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE picture_entities (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE picture_figures (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    event_id TEXT,
    measure TEXT NOT NULL,
    conflicted INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX picture_figures_conflicted ON picture_figures(conflicted);
CREATE TABLE picture_flags (
    figure_id TEXT NOT NULL REFERENCES picture_figures(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    report_id TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX picture_flags_figure ON picture_flags(figure_id);
"""

OCCURRENCES_SCHEMA = """
ALTER TABLE resolve_forms ADD COLUMN stats TEXT NOT NULL DEFAULT '';
CREATE TABLE picture_occurrences (
    report_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    form TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX picture_occurrences_form ON picture_occurrences(form);
DELETE FROM resolve_forms;
DELETE FROM resolve_occ;
DELETE FROM resolve_keys;
DELETE FROM resolve_initials;
DELETE FROM resolve_blocks;
DELETE FROM resolve_fuzzy;
DELETE FROM resolve_orgs;
DELETE FROM resolve_runs;
DELETE FROM picture_entities;
DELETE FROM picture_inputs;
DELETE FROM picture_state;
"""
"""Version 14: a resolved entity's occurrences kept one row each (by report and place in it, with
the form they are of: ``resolve_forms`` gives the entity), its stored row only a summary, and the
figures of each form an entity is built from (the picture is fused again)."""

STATE_INDEXES_SCHEMA = """
CREATE INDEX IF NOT EXISTS reports_stamp ON reports(id, revision);
CREATE INDEX IF NOT EXISTS reports_outlet ON reports(id, source, url);
"""
"""Version 23: what the reports' stamps and the outlet keys kept are checked against, as indexes (a
report's row holds its text, so reading them from the rows reads every text; the store state has
its own, :data:`STATE_INDEX_SCHEMA`)."""

STATE_SQL = (
    "SELECT COUNT(*), MAX(ingested_at), TOTAL(item_count), MAX(pk), TOTAL(revision),"
    " (SELECT group_concat(v) FROM (SELECT DISTINCT extractor_version AS v FROM reports ORDER BY 1))"
    " FROM reports"
)
"""What changes whenever reports are added, removed or re-extracted."""

STATE_INDEX_SCHEMA = """
CREATE INDEX IF NOT EXISTS reports_state ON reports(extractor_version, ingested_at, item_count, revision);
"""
"""Version 20: the columns :data:`STATE_SQL` reads, so it reads this index, not every report's text."""

@dataclass(slots=True)
class PictureRows:
    event_of: list[tuple[str, str | None]] = field(default_factory=list)
    """(report id, event id or None) for every fused report."""
    events: list[tuple[str, str]] = field(default_factory=list)
    """(event id, JSON), in the picture's order."""
    entities: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(entity id, type, name, JSON of its summary), in the picture's order."""
    occurrences: list[tuple[str, str, str]] = field(default_factory=list)
    """(entity id, report id, JSON of the entity as extracted) of every occurrence, in the order of
    each entity's occurrences."""
    figures: list[tuple[str, str | None, str, int, str]] = field(default_factory=list)
    """(figure id, event id, measure, conflicted 0/1, JSON), in the picture's order."""
    flags: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    """(figure id, kind flag|note, claim id, report id, code, reason)."""


def stored_state(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT state FROM picture_state WHERE id = 1").fetchone()
    return str(row[0]) if row else None


def load(conn: sqlite3.Connection, state: str) -> PictureRows | None:
    """The stored picture when it was taken at ``state``, else None (all its rows at once)."""
    with stream(conn, state) as found:
        if found is None:
            return None
        return PictureRows(
            event_of=found.event_of, events=found.events, entities=found.entities,
            occurrences=[row for chunk in found.occurrences for row in chunk],
            figures=[row for chunk in found.figures for row in chunk],
            flags=[tuple(row) for row in conn.execute(
                "SELECT figure_id, kind, claim_id, report_id, code, reason"
                " FROM picture_flags ORDER BY rowid")],
        )


CHUNK_ROWS = 20_000
"""Rows of figures or occurrences handed over at a time by :func:`stream`."""


@dataclass
class PictureStream:
    """The stored picture as :func:`stream` reads it: figures and occurrences in chunks of rows (the
    JSON of a large archive's picture is a gigabyte; its reader decodes a chunk and lets it go)."""

    event_of: list[tuple[str, str | None]]
    events: list[tuple[str, str]]
    entities: list[tuple[str, str, str, str]]
    figures: Iterator[list[tuple[str, str | None, str, int, str]]]
    """As :attr:`PictureRows.figures`, in chunks."""
    occurrences: Iterator[list[tuple[str, str, str]]]
    """As :attr:`PictureRows.occurrences`, in chunks."""


def _chunked(cursor: sqlite3.Cursor) -> Iterator[list[tuple[Any, ...]]]:
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        yield [tuple(row) for row in chunk]


@contextmanager
def stream(conn: sqlite3.Connection, state: str) -> Iterator[PictureStream | None]:
    """The stored picture when it was taken at ``state`` (else None), read in one read transaction
    held until the block ends, so its chunks are of one picture while updates go on."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        if stored_state(conn) != state:
            yield None
            return
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in conn.execute(sql)]

        yield PictureStream(
            event_of=rows("SELECT report_id, event_id FROM picture_reports"),
            events=rows("SELECT id, data FROM picture_events ORDER BY sort, ord"),
            entities=rows("SELECT id, type, name, data FROM picture_entities ORDER BY sort, ord"),
            figures=_chunked(conn.execute(
                "SELECT id, event_id, measure, conflicted, data FROM picture_figures ORDER BY sort, ord")),
            occurrences=_chunked(conn.execute(
                "SELECT f.entity_id, o.report_id, o.data FROM picture_occurrences AS o"
                " JOIN resolve_forms AS f ON f.form = o.form ORDER BY o.report_id, o.seq")),
        )
    finally:
        if own and conn.in_transaction:
            conn.execute("COMMIT")
