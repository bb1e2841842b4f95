"""Rows written in place (new rows inserted, changed rows updated where they are, equal rows untouched)
and many rows written in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ringscope.store.upsert import together, upsert


def _table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT)")
    conn.execute("CREATE INDEX t_kind ON t(kind)")
    return conn


def test_new_rows_are_inserted_and_changed_ones_keep_their_place() -> None:
    conn = _table()
    write = upsert("t", ["id"], ["id", "kind", "body"])
    conn.executemany(write, [("a", "x", "one"), ("b", "y", None)])
    before = dict(conn.execute("SELECT id, rowid FROM t"))
    conn.executemany(write, [("a", "x", "two"), ("b", "z", "three"), ("c", "x", None)])
    rows = {r[0]: r[1:] for r in conn.execute("SELECT id, rowid, kind, body FROM t")}
    assert rows["a"] == (before["a"], "x", "two")
    assert rows["b"] == (before["b"], "z", "three")
    assert rows["c"][1:] == ("x", None)
    by_kind = conn.execute("SELECT id FROM t INDEXED BY t_kind WHERE kind = 'x' ORDER BY id")
    assert [r[0] for r in by_kind] == ["a", "c"]


def test_an_equal_row_is_not_written_and_nulls_compare_as_values() -> None:
    conn = _table()
    write = upsert("t", ["id"], ["id", "kind", "body"])
    conn.execute(write, ("a", "x", None))
    writes = conn.total_changes
    conn.execute(write, ("a", "x", None))
    assert conn.total_changes == writes
    conn.execute(write, ("a", "x", "now set"))
    assert conn.total_changes == writes + 1


def test_fixed_values_and_key_only_tables() -> None:
    conn = _table()
    conn.execute(upsert("t", ["id"], ["id", "kind", "body"], ["?", "'fixed'", "?"]), ("a", "b"))
    assert conn.execute("SELECT kind, body FROM t").fetchall() == [("fixed", "b")]
    conn.execute("CREATE TABLE pairs (a TEXT, b TEXT, PRIMARY KEY (a, b))")
    both = upsert("pairs", ["a", "b"], ["a", "b"])
    conn.executemany(both, [("p", "q"), ("p", "q"), ("p", "r")])
    assert conn.execute("SELECT a, b FROM pairs ORDER BY b").fetchall() == [("p", "q"), ("p", "r")]


def test_rows_written_together_are_one_transaction(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT)")
    commits: list[int] = []
    conn.set_trace_callback(lambda sql: commits.append(1) if sql.startswith(("RELEASE", "COMMIT")) else None)
    with together(conn):
        conn.executemany("INSERT INTO t VALUES (?, 'x', NULL)", [(str(n),) for n in range(50)])
    assert len(commits) == 1 and not conn.in_transaction
    with pytest.raises(sqlite3.IntegrityError), together(conn):
        conn.executemany("INSERT INTO t VALUES (?, 'y', NULL)", [("new",), ("0",)])
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone() == (50,), "a failed block leaves nothing"
    conn.execute("BEGIN")
    with together(conn):
        conn.execute("INSERT INTO t VALUES ('inner', 'z', NULL)")
    assert conn.in_transaction, "inside the caller's transaction the block does not commit it"
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT COUNT(*) FROM t WHERE id = 'inner'").fetchone() == (0,)
