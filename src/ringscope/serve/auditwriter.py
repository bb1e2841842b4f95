"""Audit entries written in small batches by one thread per server process.

Writing each entry in its own transaction makes every request of every worker
compete for the store's write lock; a batch every ``interval`` seconds keeps
requests free of writes. :meth:`flush` writes what is pending at once (used
before the log is read and at shutdown).
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from ringscope.serve.users import User

Row = tuple[str, str | None, str | None, str, str, str | None, str | None]


class AuditWriter:
    def __init__(self, path: Path, interval: float = 1.0, lock_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.interval = interval
        self.lock_timeout = lock_timeout
        self._pending: list[Row] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread: threading.Thread | None = None

    def record(
        self,
        user: User | None,
        action: str,
        target: str,
        detail: str | None = None,
        client: str | None = None,
    ) -> None:
        """Queue one entry; ``client`` is the address the request came from."""
        row: Row = (
            datetime.now(UTC).isoformat(timespec="milliseconds"),
            user.username if user else None,
            user.role if user else None,
            action,
            target[:500],
            detail[:1000] if detail else None,
            client[:100] if client else None,
        )
        with self._lock:
            self._pending.append(row)
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(target=self._run, name="ringscope-audit", daemon=True)
                self._thread.start()

    def flush(self) -> int:
        """Write every pending entry now; returns how many were written."""
        with self._write_lock:
            with self._lock:
                rows, self._pending = self._pending, []
            if not rows:
                return 0
            conn = sqlite3.connect(str(self.path), timeout=self.lock_timeout, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "INSERT INTO audit_log (at, username, role, action, target, detail, client)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                conn.execute("COMMIT")
            except BaseException:
                with self._lock:  # keep them for the next attempt: nothing recorded is dropped
                    self._pending[:0] = rows
                raise
            finally:
                conn.close()
            return len(rows)

    def _run(self) -> None:
        while not self._stopped:
            self._wake.wait(self.interval)
            try:
                self.flush()
            except sqlite3.Error:
                continue

    def close(self) -> None:
        self._stopped = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.flush()
