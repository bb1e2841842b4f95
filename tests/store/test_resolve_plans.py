"""The reads of an update's search for near spellings, and of the forms of an entity, go through an
index that holds what they select, never through every pair or key of a type (what makes them grow
with the archive) nor row by row through the table."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ringscope.store import Store
from ringscope.store.resolve_parts import ResolveParts


def _plans(path: Path, read: Callable[[ResolveParts], object]) -> list[str]:
    """The query plan of every statement ``read`` runs against the store at ``path``."""
    conn = sqlite3.connect(path)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        read(ResolveParts(conn))
        conn.set_trace_callback(None)
        return [" / ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
                for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    finally:
        conn.close()


@pytest.mark.parametrize("read", [
    lambda parts: parts.fuzzy_of("Location", ["porvenna harbour", "ostrelin valley"]),
    lambda parts: parts.entities.fuzzy_pairs("Location", ["porvenna harbour", "ostrelin valley"]),
    lambda parts: parts.block_pool("Location", "por", (8, 30)),
    lambda parts: parts.entities.entity_keys(["e1", "e2"]),
    lambda parts: parts.entities.acronym_letters("e1"),
    lambda parts: parts.keys_of(["f1", "f2"]),
    lambda parts: parts.initials_of(["f1", "f2"]),
    lambda parts: parts.forms_of_entities(["e1", "e2"]),
])
def test_near_spellings_and_forms_of_entities_are_read_through_a_covering_index_of_what_is_asked_for(
    tmp_path: Path, read: Callable[[ResolveParts], object]
) -> None:
    path = tmp_path / "store.db"
    with Store(path):
        pass
    plans = _plans(path, read)
    assert plans
    for plan in plans:
        assert "COVERING INDEX" in plan and "SCAN" not in plan, plan
        assert "=?" in plan, plan
