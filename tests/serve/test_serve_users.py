"""Users: argon2 password hashes, hashed tokens, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ringscope.serve.users import UserError, add_user, authenticate, create_token, user_for_token
from ringscope.store import Store, StoreError


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "users.db"
    Store(path).close()
    return path


def test_passwords_are_argon2_hashes(store: Path) -> None:
    add_user(store, "kim", "correct horse battery", "analyst")
    conn = sqlite3.connect(store)
    stored = conn.execute("SELECT password_hash, role FROM users WHERE username = 'kim'").fetchone()
    assert stored[0].startswith("$argon2") and "correct horse" not in stored[0]
    assert stored[1] == "analyst"
    assert authenticate(conn, "kim", "correct horse battery") is not None
    assert authenticate(conn, "kim", "correct horse battery!") is None
    assert authenticate(conn, "nobody", "correct horse battery") is None


def test_tokens_are_stored_as_digests(store: Path) -> None:
    add_user(store, "kim", "correct horse battery", "viewer")
    token = create_token(store, "kim")
    conn = sqlite3.connect(store)
    stored = [row[0] for row in conn.execute("SELECT token_hash FROM api_tokens")]
    assert token not in stored and len(stored) == 1
    user = user_for_token(conn, token, "api")
    assert user is not None and user.username == "kim" and user.role == "viewer"
    assert user_for_token(conn, token, "session") is None


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("kim", "short", "viewer", "too short"),
        ("kim", "long enough pw", "superuser", "unknown role"),
        ("bad name!", "long enough pw", "viewer", "invalid username"),
    ],
)
def test_bad_users_are_refused_clearly(
    store: Path, username: str, password: str, role: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        add_user(store, username, password, role)


def test_duplicate_users_and_missing_stores(store: Path, tmp_path: Path) -> None:
    add_user(store, "kim", "long enough pw", "viewer")
    with pytest.raises(UserError, match="already exists"):
        add_user(store, "kim", "another long pw", "admin")
    with pytest.raises(StoreError, match="no store"):
        add_user(tmp_path / "missing.db", "kim", "long enough pw", "viewer")
    with pytest.raises(UserError, match="no user"):
        create_token(store, "ghost")
