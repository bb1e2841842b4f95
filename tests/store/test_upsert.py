"""Rows written in place: new rows inserted, changed rows updated where they are, equal rows untouched."""

from __future__ import annotations

import sqlite3

from ringscope.store.upsert import upsert


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
