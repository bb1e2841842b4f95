"""Writing rows that may be there already, in place, and writing many rows at once.

``INSERT OR REPLACE`` deletes the row it finds and inserts a new one: every index of the table is
written twice, also when nothing but one column changed, and when nothing changed at all. On a
large store those are random pages of every index, each copied into the write-ahead log. An upsert
changes the row where it is, writes an index only when its columns change, and with :func:`upsert`'s
``WHERE`` clause leaves an unchanged row untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


def upsert(table: str, key: Sequence[str], columns: Sequence[str], values: Sequence[str] = ()) -> str:
    """The statement writing one row of ``columns`` (``values``: their SQL, by default ``?`` each)
    into ``table``, whose primary key is ``key``: a new row is inserted, a row with the key is
    updated where it is when some column differs, and an equal row is left as it is."""
    shown = list(values) or ["?"] * len(columns)
    rest = [c for c in columns if c not in key]
    names = ", ".join(f'"{c}"' for c in columns)
    if not rest:
        return f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join(shown)})"
    now = ", ".join(f'"{c}"' for c in rest)
    new = ", ".join(f'excluded."{c}"' for c in rest)
    return (
        f"INSERT INTO {table} ({names}) VALUES ({', '.join(shown)})"
        f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET ({now}) = ({new})"
        f" WHERE ({now}) IS NOT ({new})"
    )


@contextmanager
def together(conn: sqlite3.Connection) -> Iterator[None]:
    """Write the block's rows in one transaction (a savepoint: inside the caller's transaction when
    there is one). Outside a transaction each row of an ``executemany`` is a transaction of its own,
    each writing again the pages of every index it touches."""
    conn.execute("SAVEPOINT together")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO together")
        conn.execute("RELEASE together")
        raise
    conn.execute("RELEASE together")
