"""Queries over more ids than one statement takes."""

from __future__ import annotations

import sqlite3

from ringscope.store.chunked import CHUNK, chunks, select_in


def test_chunks_keep_order_and_size() -> None:
    parts = list(chunks(range(2 * CHUNK + 3)))
    assert [len(p) for p in parts] == [CHUNK, CHUNK, 3]
    assert [v for p in parts for v in p] == list(range(2 * CHUNK + 3))
    assert list(chunks([])) == []


def test_select_in_reads_every_chunk_with_leading_parameters() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (kind TEXT, n INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(k, n) for k in ("a", "b") for n in range(1000)])
    wanted = list(range(0, 1000, 2))  # more ids than one chunk
    rows = select_in(conn, "SELECT n FROM t WHERE kind = ? AND n IN ({marks}) ORDER BY n", wanted, "b")
    assert sorted(n for (n,) in rows) == wanted
