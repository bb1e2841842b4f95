"""The audit log: who viewed or exported what, and when."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

DENIED_ACTIONS = ("denied", "login.failed", "login.throttled")
"""Actions that record a refusal; every other action records something done."""
STATUSES = ("ok", "denied")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    username: str | None
    role: str | None
    action: str
    target: str
    detail: str | None
    client: str | None


def entries(
    conn: sqlite3.Connection,
    limit: int,
    offset: int,
    username: str | None = None,
    action: str | None = None,
    client: str | None = None,
    *,
    since: str | None = None,
    before: str | None = None,
    status: str | None = None,
) -> tuple[list[AuditEntry], int]:
    """Newest first, with the total that match. ``since`` and ``before`` bound the time (ISO 8601
    prefixes, ``since`` inclusive, ``before`` exclusive); ``status`` is ``ok`` or ``denied``."""
    clauses, params = [], []
    if client:
        clauses.append("client = ?")
        params.append(client)
    if username:
        clauses.append("username = ?")
        params.append(username)
    if action:
        clauses.append("action = ?")
        params.append(action)
    if since:
        clauses.append("at >= ?")
        params.append(since)
    if before:
        clauses.append("at < ?")
        params.append(before)
    if status in STATUSES:
        marks = ", ".join("?" for _ in DENIED_ACTIONS)
        clauses.append(f"action {'IN' if status == 'denied' else 'NOT IN'} ({marks})")
        params.extend(DENIED_ACTIONS)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM audit_log{where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT at, username, role, action, target, detail, client FROM audit_log{where}"
        " ORDER BY pk DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [AuditEntry(*row) for row in rows], total


def actions(conn: sqlite3.Connection) -> list[str]:
    """Every action the log holds, for a filter to choose from."""
    return [str(r[0]) for r in conn.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]


def usernames(conn: sqlite3.Connection) -> list[str]:
    """Every user name the log holds."""
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT username FROM audit_log WHERE username IS NOT NULL ORDER BY username"
        )
    ]
