"""Batched audit writes: entries reach the store, and none is lost when a write fails."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from ringscope.serve.auditwriter import AuditWriter
from ringscope.serve.users import User
from ringscope.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "audit.db"
    Store(path).close()
    return path


def _rows(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT username, action, target FROM audit_log ORDER BY pk").fetchall()
    finally:
        conn.close()


def test_entries_are_written_in_order(store: Path) -> None:
    writer = AuditWriter(store, interval=0.05)
    user = User(1, "kim", "viewer")
    for n in range(5):
        writer.record(user, "view", f"report:{n}")
    writer.record(None, "login.failed", "someone")
    deadline = time.monotonic() + 5
    while len(_rows(store)) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    writer.close()
    rows = _rows(store)
    assert rows[:5] == [("kim", "view", f"report:{n}") for n in range(5)]
    assert rows[5] == (None, "login.failed", "someone")


def test_a_failed_write_keeps_the_entries(store: Path) -> None:
    writer = AuditWriter(store, interval=60, lock_timeout=0.1)
    writer.record(User(1, "kim", "admin"), "export", "ftm")
    blocker = sqlite3.connect(store, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # someone else holds the write lock
    with pytest.raises(sqlite3.OperationalError):
        writer.flush()
    blocker.execute("ROLLBACK")
    blocker.close()
    writer.record(User(1, "kim", "admin"), "export", "claims.csv")
    assert writer.flush() == 2
    assert [r[2] for r in _rows(store)] == ["ftm", "claims.csv"]
    writer.close()
