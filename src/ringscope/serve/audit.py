"""The audit log: who viewed or exported what, and when."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


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
) -> tuple[list[AuditEntry], int]:
    """Newest first."""
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
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM audit_log{where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT at, username, role, action, target, detail, client FROM audit_log{where}"
        " ORDER BY pk DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [AuditEntry(*row) for row in rows], total
