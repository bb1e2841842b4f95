"""Users, roles, passwords (argon2) and tokens (random, stored as SHA-256 digests; each with a
public id to list and revoke it by, and an expiry)."""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ringscope.serve.passwords import password_problem
from ringscope.store import Store

ROLES = ("viewer", "analyst", "admin")
"""Roles in increasing order of rights."""
USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
SESSION_HOURS = 12
TOKEN_DAYS = 90
"""How long an API token lasts unless told otherwise."""
MAX_TOKEN_DAYS = 365

_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against for unknown users, so both answers take the same time."""
    return _hasher.hash("not a password of anyone")


class UserError(ValueError):
    """A user cannot be created or changed as asked (message is for the user)."""


@dataclass(frozen=True, slots=True)
class User:
    pk: int
    username: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user has at least ``role``'s rights."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_new_user(username: str, password: str, role: str) -> None:
    if not USERNAME.match(username):
        raise UserError(f"invalid username {username!r}: use 1-64 letters, digits or _ . @ -")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    check_password(username, password)


def check_password(username: str, password: str) -> None:
    problem = password_problem(password, username)
    if problem:
        raise UserError(f"{problem} (user {username!r})")


def create_user(conn: sqlite3.Connection, username: str, password: str, role: str) -> User:
    check_new_user(username, password, role)
    try:
        cursor = conn.execute(
            "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
            (username, _hasher.hash(password), role, _now()),
        )
    except sqlite3.IntegrityError as exc:
        raise UserError(f"user {username!r} already exists") from exc
    return User(int(cursor.lastrowid or 0), username, role)


def add_user(store_path: Path, username: str, password: str, role: str) -> None:
    """Create a user in the store at ``store_path`` (raises UserError or StoreError with a clear message)."""
    check_new_user(username, password, role)
    with Store(store_path, create=False):  # migrates the schema
        pass
    conn = sqlite3.connect(str(store_path), timeout=30.0, isolation_level=None)
    try:
        create_user(conn, username, password, role)
    finally:
        conn.close()


def authenticate(conn: sqlite3.Connection, username: str, password: str) -> User | None:
    """The user when the password is right; None otherwise (same work either way)."""
    row = conn.execute(
        "SELECT pk, password_hash, role, disabled FROM users WHERE username = ?", (username,)
    ).fetchone()
    stored = row[1] if row else _dummy_hash()
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or row[3]:
        return None
    if _hasher.check_needs_rehash(stored):
        conn.execute("UPDATE users SET password_hash = ? WHERE pk = ?", (_hasher.hash(password), row[0]))
    return User(int(row[0]), username, str(row[2]))


def check_days(days: int) -> None:
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise UserError(f"a token lasts 1 to {MAX_TOKEN_DAYS} days, not {days}")


def issue_token(
    conn: sqlite3.Connection,
    user: User,
    kind: str = "api",
    label: str | None = None,
    days: int = TOKEN_DAYS,
) -> str:
    """A new random token for ``user`` (an API token lasts ``days``, a session SESSION_HOURS);
    only its digest is stored."""
    token = ("rs_" if kind == "api" else "") + secrets.token_urlsafe(32)
    check_days(days)
    life = timedelta(hours=SESSION_HOURS) if kind == "session" else timedelta(days=days)
    expires = (datetime.now(UTC) + life).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO api_tokens (user_pk, token_hash, kind, label, created_at, expires_at, public_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (user.pk, token_digest(token), kind, label, _now(), expires, secrets.token_hex(8)),
    )
    return token


def create_token(store_path: Path, username: str, label: str | None = None, days: int = TOKEN_DAYS) -> str:
    """A new API token for an existing, enabled user of the store at ``store_path``."""
    check_days(days)
    with Store(store_path, create=False):
        pass
    conn = sqlite3.connect(str(store_path), timeout=30.0, isolation_level=None)
    try:
        row = conn.execute("SELECT pk, role, disabled FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise UserError(f"no user {username!r} in {store_path}")
        if row[2]:
            raise UserError(f"user {username!r} is disabled")
        return issue_token(conn, User(int(row[0]), username, str(row[1])), "api", label, days)
    finally:
        conn.close()


def user_for_token(conn: sqlite3.Connection, token: str, kind: str) -> User | None:
    """The enabled user behind an unexpired, unrevoked token of ``kind``."""
    row = conn.execute(
        "SELECT u.pk, u.username, u.role, t.expires_at FROM api_tokens t JOIN users u ON u.pk = t.user_pk"
        " WHERE t.token_hash = ? AND t.kind = ? AND t.revoked = 0 AND u.disabled = 0",
        (token_digest(token), kind),
    ).fetchone()
    if row is None or (row[3] is not None and row[3] < _now()):
        return None
    return User(int(row[0]), str(row[1]), str(row[2]))


def revoke_token(conn: sqlite3.Connection, token: str) -> None:
    conn.execute("UPDATE api_tokens SET revoked = 1 WHERE token_hash = ?", (token_digest(token),))
