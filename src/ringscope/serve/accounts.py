"""Administering accounts: list users, change a role, disable or enable a user; list and revoke
API tokens by their public id. A disabled user's sessions and tokens stop working at once (every
request looks the user up); the last enabled admin cannot be disabled or demoted; enabling a user
clears its failed logins (an admin's way to lift a lock)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from ringscope.serve.throttle import record_success
from ringscope.serve.users import ROLES, User, UserError, token_digest
from ringscope.store import Store

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class UserInfo:
    username: str
    role: str
    disabled: bool
    created_at: str


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str
    username: str
    label: str | None
    created_at: str
    expires_at: str | None
    revoked: bool
    expired: bool


def list_users(conn: sqlite3.Connection) -> list[UserInfo]:
    rows = conn.execute("SELECT username, role, disabled, created_at FROM users ORDER BY username").fetchall()
    return [UserInfo(str(r[0]), str(r[1]), bool(r[2]), str(r[3])) for r in rows]


def update_user(
    conn: sqlite3.Connection, username: str, role: str | None = None, disabled: bool | None = None
) -> UserInfo:
    """Change ``username``'s role and/or disable or enable it; UserError when not allowed."""
    if role is not None and role not in ROLES:
        raise UserError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT role, disabled FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise UserError(f"no user {username!r}")
        new_role = role if role is not None else str(row[0])
        new_disabled = bool(row[1]) if disabled is None else disabled
        was_admin = row[0] == "admin" and not row[1]
        if was_admin and (new_role != "admin" or new_disabled):
            admins = conn.execute(
                "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0"
            ).fetchone()
            if int(admins[0]) <= 1:
                raise UserError(f"{username!r} is the last enabled admin: make another admin first")
        conn.execute(
            "UPDATE users SET role = ?, disabled = ? WHERE username = ?",
            (new_role, int(new_disabled), username),
        )
        if disabled is False:  # enabling also lifts a lock from failed logins
            record_success(conn, username)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    found = next(u for u in list_users(conn) if u.username == username)
    return found


def list_tokens(conn: sqlite3.Connection, username: str | None = None) -> list[TokenInfo]:
    """API tokens (not web sessions), newest first; of one user when ``username`` is given."""
    where, params = "t.kind = 'api'", []
    if username is not None:
        where += " AND u.username = ?"
        params.append(username)
    rows = conn.execute(
        "SELECT t.public_id, u.username, t.label, t.created_at, t.expires_at, t.revoked"
        f" FROM api_tokens t JOIN users u ON u.pk = t.user_pk WHERE {where} ORDER BY t.pk DESC",
        params,
    ).fetchall()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return [
        TokenInfo(str(r[0]), str(r[1]), r[2], str(r[3]), r[4], bool(r[5]), r[4] is not None and r[4] < now)
        for r in rows
    ]


def revoke_token_id(conn: sqlite3.Connection, token_id: str, by: User | None = None) -> TokenInfo:
    """Revoke the API token with public id ``token_id``; ``by`` (when given) must own it or be an admin.
    A token ``by`` may not touch is reported as missing, like one that does not exist."""
    found = next((t for t in list_tokens(conn) if t.id == token_id), None)
    if found is None or (by is not None and not by.can("admin") and found.username != by.username):
        raise UserError(f"no token {token_id!r}")
    conn.execute("UPDATE api_tokens SET revoked = 1 WHERE public_id = ? AND kind = 'api'", (token_id,))
    return next(t for t in list_tokens(conn) if t.id == token_id)


@contextmanager
def _connect(store_path: Path) -> Iterator[sqlite3.Connection]:
    with Store(store_path, create=False):  # migrates, and refuses a missing or foreign file
        pass
    conn = sqlite3.connect(str(store_path), timeout=30.0, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def in_store(store_path: Path, action: Callable[[sqlite3.Connection], T]) -> T:
    """Run ``action`` on a connection to the store at ``store_path`` (for the command line)."""
    with _connect(store_path) as conn:
        return action(conn)


def public_id_of(conn: sqlite3.Connection, token: str) -> str:
    """The public id of a token just issued."""
    row = conn.execute(
        "SELECT public_id FROM api_tokens WHERE token_hash = ?", (token_digest(token),)
    ).fetchone()
    return str(row[0]) if row else ""
