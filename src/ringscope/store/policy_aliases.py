"""The folded names each alias of an entity answers to, kept per entity verdict.

An entity's folded names come from its aliases one by one (each folded, and cleaned of titles and
cue words by the cue table). A large organisation or place has hundreds of aliases and gains one
now and then; keyed again whole, it cost every update time in proportion to its size. The keys of
each alias are kept with the cue table's digest they were worked out with, so a verdict taken again
keys only the aliases it has not met (and drops the rows of aliases it no longer has).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ringscope.store.chunked import chunks, select_in
from ringscope.store.upsert import upsert

POLICY_ALIASES_SCHEMA = """
CREATE TABLE policy_alias_keys (
    entity_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    digest TEXT NOT NULL,
    keys TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
"""
"""Version 24: the folded names of each alias of the entities verdicts are kept on."""

_WRITE_ALIAS_KEYS = upsert(
    "policy_alias_keys",
    ["entity_id", "alias"],
    ["entity_id", "alias", "digest", "keys"],
)

SEPARATOR = "\x1f"
"""Between the folded names of one alias (folded names hold no control characters)."""

AliasRow = tuple[str, str, str, str]
"""(entity id, alias, cue table digest, folded names joined by :data:`SEPARATOR`)."""


def alias_keys(
    conn: sqlite3.Connection, entity_ids: Iterable[str], digest: str
) -> dict[str, dict[str, list[str]]]:
    """Entity id -> alias -> its folded names, as kept for the cue table ``digest`` (rows kept for
    another table are left out: they are worked out again)."""
    out: dict[str, dict[str, list[str]]] = {}
    sql = "SELECT entity_id, alias, keys FROM policy_alias_keys WHERE digest = ? AND entity_id IN ({marks})"
    for entity_id, alias, keys in select_in(conn, sql, entity_ids, digest):
        out.setdefault(str(entity_id), {})[str(alias)] = str(keys).split(SEPARATOR) if keys else []
    return out


def write_alias_keys(
    conn: sqlite3.Connection, rows: list[AliasRow], gone: list[tuple[str, str]], entities_gone: list[str]
) -> None:
    """Keep ``rows``, drop the aliases ``gone`` ((entity id, alias)) and every alias of the entities
    ``entities_gone`` (inside the caller's transaction)."""
    for chunk in chunks(entities_gone):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM policy_alias_keys WHERE entity_id IN ({marks})", chunk)  # noqa: S608
    conn.executemany("DELETE FROM policy_alias_keys WHERE entity_id = ? AND alias = ?", gone)
    conn.executemany(_WRITE_ALIAS_KEYS, rows)
