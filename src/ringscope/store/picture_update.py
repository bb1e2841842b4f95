"""The stored picture kept up to date item by item: what each report brought, and the changes.

Each fused report is listed with the stamp of the report it was fused from (its row and its
revision, which re-extraction raises), the scope its claims were reconciled in and the independent
source it counted as, so an update finds the reports that are new, changed or gone and the scopes
(events, lone reports) they touch. Figures are kept by scope, entities with a signature of what
they were built from; an update replaces only those, in one transaction with the new store state.
The event evidence of every report and its victim-policy cue hits are kept too, so an update reads
them instead of working them out again. Readers order items by their ``sort`` key (what the fused
picture orders them by), so no update has to renumber what it did not touch.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from ringscope.store import picture_pending, resolve_parts
from ringscope.store.chunked import chunks, select_in
from ringscope.store.upsert import together, upsert

_WRITE_PICTURE_FEATURES = upsert(
    "picture_features",
    ["report_id"],
    ["report_id", "stamp", "data", "ids", "counts", "rarity"],
)
_WRITE_PICTURE_CUES = upsert("picture_cues", ["report_id"], ["report_id", "stamp", "data"])
_WRITE_PICTURE_INPUTS = upsert(
    "picture_inputs",
    ["report_id"],
    ["report_id", "stamp", "scope", "independent"],
)
_WRITE_PICTURE_REPORTS = upsert("picture_reports", ["report_id"], ["report_id", "event_id"])
_WRITE_PICTURE_EVENTS = upsert("picture_events", ["id"], ["id", "ord", "data", "sort"], ["?", "0", "?", "?"])
_WRITE_PICTURE_FIGURES = upsert(
    "picture_figures",
    ["id"],
    ["id", "ord", "event_id", "measure", "conflicted", "data", "scope", "sort"],
    ["?", "0", "?", "?", "?", "?", "?", "?"],
)
_WRITE_PICTURE_ENTITIES = upsert(
    "picture_entities",
    ["id"],
    ["id", "ord", "type", "name", "data", "sort", "sig"],
    ["?", "0", "?", "?", "?", "?", "?"],
)
_WRITE_PICTURE_OCCURRENCES = upsert(
    "picture_occurrences",
    ["report_id", "seq"],
    ["report_id", "seq", "form", "data"],
)

INCREMENTAL_SCHEMA = """
ALTER TABLE reports ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER reports_revision AFTER UPDATE OF extractor_version, item_count, language, unsupported_language
ON reports BEGIN
    UPDATE reports SET revision = revision + 1 WHERE pk = new.pk;
END;
ALTER TABLE picture_events ADD COLUMN sort TEXT NOT NULL DEFAULT '';
ALTER TABLE picture_entities ADD COLUMN sort TEXT NOT NULL DEFAULT '';
ALTER TABLE picture_entities ADD COLUMN sig TEXT NOT NULL DEFAULT '';
ALTER TABLE picture_figures ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE picture_figures ADD COLUMN sort TEXT NOT NULL DEFAULT '';
CREATE INDEX picture_figures_scope ON picture_figures(scope);
CREATE TABLE picture_inputs (
    report_id TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    scope TEXT NOT NULL,
    independent TEXT NOT NULL
);
CREATE TABLE picture_features (
    report_id TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    data TEXT NOT NULL,
    ids BLOB NOT NULL,
    counts BLOB NOT NULL,
    rarity BLOB NOT NULL
);
CREATE TABLE picture_cues (
    report_id TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE picture_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL,
    data TEXT NOT NULL
);
DELETE FROM picture_state;
"""
"""Version 10: the picture kept up to date by parts (the stored picture of version 9 is fused again)."""

Input = tuple[str, str, str, str]
"""(report id, stamp, scope, independent source)."""
FeatureRow = tuple[str, str, str, bytes, bytes, bytes]
"""(report id, stamp, JSON of date, figures and names, term ids, term counts, term rarity)."""


@dataclass(slots=True)
class PictureDelta:
    """What an update changes in the stored picture."""

    state: str
    inputs: list[Input] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    """Reports no longer in the store."""
    event_of: list[tuple[str, str | None]] = field(default_factory=list)
    events_gone: list[str] = field(default_factory=list)
    events: list[tuple[str, str, str]] = field(default_factory=list)
    """(event id, JSON, sort key)."""
    scopes: list[str] = field(default_factory=list)
    """Scopes of the stored picture whose figures are dropped (``figures`` holds all of their figures
    and those of new scopes, or none left)."""
    figures: list[tuple[str, str | None, str, int, str, str, str]] = field(default_factory=list)
    """(figure id, event id, measure, conflicted, JSON, scope, sort key)."""
    flags: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    entities_gone: list[str] = field(default_factory=list)
    entities: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    """(entity id, type, name, JSON of its summary, sort key, signature)."""
    occurrences_gone: list[str] = field(default_factory=list)
    """Reports whose entity occurrences are dropped (gone, or listed again in ``occurrences``)."""
    occurrences: list[tuple[str, int, str, str]] = field(default_factory=list)
    """(report id, place in the report, form, JSON of the entity as extracted)."""
    resolve: resolve_parts.ResolveDelta | None = None
    """What entity resolution keeps, changed with the entities."""
    pending: int = 0
    """The last entry of the pending list the update took (it and those before are dropped)."""


def stamps(conn: sqlite3.Connection) -> dict[str, str]:
    """Every stored report's id -> its stamp (changes when it is re-extracted or stored again)."""
    return dict(conn.execute(f"SELECT id, {picture_pending.stamp_sql()} FROM reports"))  # noqa: S608


def inputs(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    """Report id -> (stamp, scope, independent source) as the stored picture was fused from."""
    rows = conn.execute("SELECT report_id, stamp, scope, independent FROM picture_inputs")
    return {r: (s, c, i) for r, s, c, i in rows}  # text columns: read as str


def entity_signatures(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(i): str(s) for i, s in conn.execute("SELECT id, sig FROM picture_entities")}


def event_rows(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(i): str(d) for i, d in conn.execute("SELECT id, data FROM picture_events")}


def event_of(conn: sqlite3.Connection) -> dict[str, str | None]:
    return {str(r): e for r, e in conn.execute("SELECT report_id, event_id FROM picture_reports")}


def cue_hits(conn: sqlite3.Connection, stamp: str) -> dict[str, str]:
    """Report id -> JSON of its cue hits, for the hits found by the cue table ``stamp``."""
    rows = conn.execute("SELECT report_id, data FROM picture_cues WHERE stamp = ?", (stamp,))
    return {str(r): str(d) for r, d in rows}


def policy(conn: sqlite3.Connection, state: str) -> str | None:
    """The JSON of the victim-policy decision taken at store state ``state``, else None."""
    row = conn.execute("SELECT data FROM picture_policy WHERE id = 1 AND state = ?", (state,)).fetchone()
    return str(row[0]) if row else None


def save_policy(conn: sqlite3.Connection, state: str, data: str) -> None:
    conn.execute(
        "INSERT INTO picture_policy (id, state, data) VALUES (1, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET state = excluded.state, data = excluded.data",
        (state, data),
    )


def save_side(
    conn: sqlite3.Connection, features: Iterable[FeatureRow], cues: Iterable[tuple[str, str, str]]
) -> None:
    """Keep event evidence and cue hits worked out for reports (both are caches: written together,
    outside the update)."""
    with together(conn):
        conn.executemany(_WRITE_PICTURE_FEATURES, list(features))
        conn.executemany(_WRITE_PICTURE_CUES, list(cues))


def apply(conn: sqlite3.Connection, delta: PictureDelta) -> None:
    """Write ``delta`` and the store state it brings the picture to, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for report_id in delta.gone:
            for table in ("picture_inputs", "picture_features", "picture_cues"):
                conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))  # noqa: S608
            conn.execute("DELETE FROM picture_reports WHERE report_id = ?", (report_id,))
        conn.executemany(_WRITE_PICTURE_INPUTS, delta.inputs)
        conn.executemany(_WRITE_PICTURE_REPORTS, delta.event_of)
        conn.executemany("DELETE FROM picture_events WHERE id = ?", [(i,) for i in delta.events_gone])
        conn.executemany(_WRITE_PICTURE_EVENTS, delta.events)
        for chunk in chunks(delta.scopes):
            marks = ", ".join("?" * len(chunk))
            conn.execute("DELETE FROM picture_flags WHERE figure_id IN"  # noqa: S608
                         f" (SELECT id FROM picture_figures WHERE scope IN ({marks}))", chunk)
            conn.execute(f"DELETE FROM picture_figures WHERE scope IN ({marks})", chunk)  # noqa: S608
        conn.executemany(_WRITE_PICTURE_FIGURES, delta.figures)
        conn.executemany("INSERT INTO picture_flags VALUES (?, ?, ?, ?, ?, ?)", delta.flags)
        conn.executemany("DELETE FROM picture_entities WHERE id = ?", [(i,) for i in delta.entities_gone])
        conn.executemany(_WRITE_PICTURE_ENTITIES, delta.entities)
        for chunk in chunks(delta.occurrences_gone):
            marks = ", ".join("?" * len(chunk))
            conn.execute(f"DELETE FROM picture_occurrences WHERE report_id IN ({marks})", chunk)  # noqa: S608
        conn.executemany(_WRITE_PICTURE_OCCURRENCES, delta.occurrences)
        if delta.resolve is not None:
            resolve_parts.apply(conn, delta.resolve)
        # what the victim-policy decision takes again (see ringscope.store.policy_parts)
        conn.executemany("INSERT INTO policy_pending (kind, id) VALUES ('report', ?)",
                         [(r,) for r in delta.gone] + [(row[0],) for row in delta.inputs])
        conn.executemany("INSERT INTO policy_pending (kind, id) VALUES ('entity', ?)",
                         [(e,) for e in delta.entities_gone] + [(row[0],) for row in delta.entities])
        conn.execute("INSERT INTO picture_state (id, state) VALUES (1, ?)"
                     " ON CONFLICT(id) DO UPDATE SET state = excluded.state", (delta.state,))
        conn.execute("DELETE FROM picture_pending WHERE seq <= ?", (delta.pending,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


class PictureParts:
    """The stored picture's parts of one open store (see :meth:`ringscope.store.Store.picture_parts`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def stamps(self) -> dict[str, str]:
        return stamps(self._conn)

    def inputs(self) -> dict[str, tuple[str, str, str]]:
        return inputs(self._conn)

    def stamps_of(self, report_ids: Iterable[str]) -> dict[str, str]:
        return picture_pending.stamps_of(self._conn, report_ids)

    def inputs_of(self, report_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        return picture_pending.inputs_of(self._conn, report_ids)

    def pending(self) -> tuple[int, set[str]]:
        return picture_pending.pending(self._conn)

    def has_inputs(self) -> bool:
        """Whether the picture lists any report it was fused from (none: it is fused again)."""
        return self._conn.execute("SELECT 1 FROM picture_inputs LIMIT 1").fetchone() is not None

    def entity_signatures(self) -> dict[str, str]:
        return entity_signatures(self._conn)

    def event_rows(self) -> dict[str, str]:
        return event_rows(self._conn)

    def event_of(self) -> dict[str, str | None]:
        return event_of(self._conn)

    def cue_hits(self, stamp: str) -> dict[str, str]:
        return cue_hits(self._conn, stamp)

    def policy(self, state: str) -> str | None:
        return policy(self._conn, state)

    def save_policy(self, state: str, data: str) -> None:
        save_policy(self._conn, state, data)

    def save_side(self, features: Iterable[FeatureRow], cues: Iterable[tuple[str, str, str]]) -> None:
        save_side(self._conn, features, cues)

    def apply(self, delta: PictureDelta) -> None:
        apply(self._conn, delta)

    def texts(self, report_ids: Iterable[str]) -> dict[str, str]:
        """The texts of the given reports."""
        return dict(select_in(self._conn, "SELECT id, text FROM reports WHERE id IN ({marks})", report_ids))
