"""Throttled logins: failures counted per user and per client address in the store (so every
server worker sees them), with delays that double with each failure past a few.

After ``free`` failures in a row (counted until ``WINDOW`` seconds pass without one) a key is
locked for ``BASE_DELAY`` seconds, then twice as long after each further failure, up to
``MAX_DELAY``. While any key of a login is locked, the login is refused (429 with Retry-After)
without the password being checked, so guessing during a lock gains nothing, and the attempt
counts as a failure, so a client that keeps trying keeps doubling its wait. A successful login
clears the user's count; the address's count runs out with the window.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

BASE_DELAY = 1.0
MAX_DELAY = 900.0
WINDOW = 900.0
USER_FREE = 5
"""Failures allowed for one username before delays start."""
ADDRESS_FREE = 10
"""Failures allowed from one client address (over all usernames) before delays start."""


@dataclass(frozen=True, slots=True)
class Key:
    key: str
    free: int


def keys(username: str, client: str | None) -> list[Key]:
    found = [Key(f"user:{username.casefold()}", USER_FREE)]
    if client:
        found.append(Key(f"addr:{client}", ADDRESS_FREE))
    return found


def delay(failures: int, free: int) -> float:
    """Seconds a key stays locked after its ``failures``-th failure in a row."""
    if failures < free:
        return 0.0
    return min(BASE_DELAY * 2.0 ** min(failures - free, 30), MAX_DELAY)


def locked_for(conn: sqlite3.Connection, wanted: list[Key], now: float) -> int:
    """Whole seconds until every key is free again (0 when none is locked)."""
    longest = 0.0
    for k in wanted:
        row = conn.execute("SELECT locked_until FROM login_failures WHERE key = ?", (k.key,)).fetchone()
        if row is not None:
            longest = max(longest, float(row[0]) - now)
    return math.ceil(longest) if longest > 0 else 0


def record_failure(conn: sqlite3.Connection, wanted: list[Key], now: float) -> int:
    """Count a failed login against each key; whole seconds until the login may be tried again."""
    longest = 0.0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for k in wanted:
            row = conn.execute(
                "SELECT failures, last_at FROM login_failures WHERE key = ?", (k.key,)
            ).fetchone()
            failures = 1 if row is None or now - float(row[1]) > WINDOW else int(row[0]) + 1
            wait = delay(failures, k.free)
            longest = max(longest, wait)
            conn.execute(
                "INSERT INTO login_failures (key, failures, last_at, locked_until) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at,"
                " locked_until = excluded.locked_until",
                (k.key, failures, now, now + wait),
            )
        conn.execute("DELETE FROM login_failures WHERE last_at < ? AND locked_until < ?", (now - WINDOW, now))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return math.ceil(longest)


def record_success(conn: sqlite3.Connection, username: str) -> None:
    conn.execute("DELETE FROM login_failures WHERE key = ?", (f"user:{username.casefold()}",))


def failures(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT failures FROM login_failures WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0
