"""Analyst judgements as data: who decided what about which items, when, and whether it was undone.

Kept as nomenklatura keeps its resolver edges: a judgement is a positive or negative verdict
between targets (or about one target), with its user and time. An undo never deletes: it stamps
the judgement with who undid it and when, so the history stays. Every judgement and every undo
is written to the audit log in the same transaction, so the log never misses one.

Targets are stable keys, not picture ids: an entity by its type and normalised name, an event by
its reports (report ids are content hashes), a claim by its report, measure, value, quote and
span. Re-extraction and re-fusion keep these, so a judgement keeps applying to the same things.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

JUDGEMENTS_SCHEMA = """
CREATE TABLE judgements (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('positive', 'negative')),
    targets TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX judgements_subject ON judgements(subject, undone_at);
"""
"""Analyst judgements (merge or split entities, same or different event or figure, rejected claims,
resolved conflicts), with the user and time of each and of its undo."""

KINDS: dict[str, tuple[str, str, int]] = {
    "merge": ("entity", "positive", 2),
    "split": ("entity", "negative", 2),
    "same-event": ("event", "positive", 2),
    "different-event": ("event", "negative", 2),
    "same-figure": ("figure", "positive", 2),
    "different-figure": ("figure", "negative", 2),
    "reject-claim": ("claim", "negative", 1),
    "resolve": ("conflict", "positive", 1),
}
"""kind -> (subject, verdict, number of targets)."""


@dataclass(frozen=True, slots=True)
class Target:
    """One thing a judgement is about, by keys that outlive re-extraction and re-fusion.

    ``kind`` is ``entity`` (``entity_type`` and ``key``: the normalised name), ``report`` (``report``)
    or ``claim`` (``report``, ``measure``, ``value``, ``quote``, ``start``, ``end``). ``label`` is what
    the analyst saw (a name, a report title, a quote), for lists.
    """

    kind: str
    label: str = ""
    report: str | None = None
    entity_type: str | None = None
    key: str | None = None
    measure: str | None = None
    value: float | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        fields = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in fields})


@dataclass(frozen=True, slots=True)
class Judgement:
    id: int
    kind: str
    targets: tuple[Target, ...]
    note: str
    username: str
    role: str
    created_at: str
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def subject(self) -> str:
        return KINDS[self.kind][0]

    @property
    def positive(self) -> bool:
        return KINDS[self.kind][1] == "positive"

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def by(self) -> str:
        """"merge by ana on 2026-01-02: the note" — how pages show where a judgement applies."""
        said = f"{self.kind} by {self.username} on {self.created_at[:10]}"
        return f"{said}: {self.note}" if self.note else said


class JudgementError(Exception):
    """A judgement that cannot be made or undone (message is for the user)."""


class NoSuchJudgement(JudgementError):
    """No judgement has the id asked for."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _audit(conn: sqlite3.Connection, at: str, username: str, role: str, action: str, target: str,
           detail: str, client: str | None) -> None:
    conn.execute(
        "INSERT INTO audit_log (at, username, role, action, target, detail, client)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (at, username, role, action, target[:500], detail[:1000], client[:100] if client else None),
    )


def _row(row: tuple[Any, ...]) -> Judgement:
    targets = tuple(Target.from_dict(t) for t in json.loads(row[2]))
    return Judgement(int(row[0]), str(row[1]), targets, str(row[3]), str(row[4]), str(row[5]), str(row[6]),
                     row[7], row[8])


_COLUMNS = "id, kind, targets, note, username, role, created_at, undone_at, undone_by"


def add(conn: sqlite3.Connection, kind: str, targets: list[Target], note: str, username: str, role: str,
        client: str | None = None) -> Judgement:
    """Store one judgement and its audit entry in one transaction."""
    if kind not in KINDS:
        raise JudgementError(f"unknown judgement {kind!r}; choose one of {', '.join(KINDS)}")
    subject, verdict, count = KINDS[kind]
    if len(targets) != count:
        raise JudgementError(f"{kind} takes {count} target(s), not {len(targets)}")
    at = _now()
    data = json.dumps([t.to_dict() for t in targets], ensure_ascii=False, sort_keys=True)
    conn.execute("BEGIN IMMEDIATE")
    try:
        cursor = conn.execute(
            "INSERT INTO judgements (kind, subject, verdict, targets, note, username, role, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, subject, verdict, data, note, username, role, at),
        )
        number = int(cursor.lastrowid or 0)
        labels = " | ".join(t.label for t in targets)
        _audit(conn, at, username, role, "judge", f"judgement:{number}", f"{kind}: {labels}; note: {note}",
               client)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return Judgement(number, kind, tuple(targets), note, username, role, at)


def undo(conn: sqlite3.Connection, number: int, username: str, role: str,
         client: str | None = None) -> Judgement:
    """Mark judgement ``number`` undone (kept, with who undid it and when) and audit it."""
    at = _now()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(f"SELECT {_COLUMNS} FROM judgements WHERE id = ?", (number,)).fetchone()
        if row is None:
            raise NoSuchJudgement(f"no judgement {number}")
        if row[7] is not None:
            raise JudgementError(f"judgement {number} was already undone on {str(row[7])[:10]} by {row[8]}")
        conn.execute("UPDATE judgements SET undone_at = ?, undone_by = ? WHERE id = ?",
                     (at, username, number))
        _audit(conn, at, username, role, "undo-judgement", f"judgement:{number}", f"undid {row[1]}", client)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    found = _row(row)
    return Judgement(found.id, found.kind, found.targets, found.note, found.username, found.role,
                     found.created_at, at, username)


def listing(conn: sqlite3.Connection, *, active_only: bool = False) -> list[Judgement]:
    """Judgements in the order they were made (the undone ones too unless ``active_only``)."""
    where = " WHERE undone_at IS NULL" if active_only else ""
    return [_row(tuple(r)) for r in conn.execute(f"SELECT {_COLUMNS} FROM judgements{where} ORDER BY id")]


def state(conn: sqlite3.Connection) -> str:
    """Changes whenever a judgement is made or undone ("" on a store without judgements yet)."""
    try:
        row = conn.execute(
            "SELECT COUNT(*), MAX(id), COUNT(undone_at), MAX(undone_at) FROM judgements"
        ).fetchone()
    except sqlite3.OperationalError:
        return ""
    return repr(tuple(row))
