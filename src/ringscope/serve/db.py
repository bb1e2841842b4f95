"""Connections to the store for the server: one per thread, opened once."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from ringscope.store import Store, StoreError

MMAP_BYTES = 1 << 30
"""Memory-mapped reads: search and listing touch many pages, mapped rather than copied."""


class Database:
    """Per-thread SQLite connections to one store (schema brought up to date on creation)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with Store(self.path, create=False):  # migrates, and refuses a missing or foreign file
            pass
        self._local = threading.local()

    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open store {self.path}: {exc}") from exc
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")  # reads straight from the page cache of the OS
            self._local.conn = conn
        return conn
