"""What an update of the resolved entities reads per entity, so that adding to a large entity costs
what is added, not the entity's size.

Kept per resolved entity: the figures of its forms gathered (``resolve_entities``, see
:func:`ringscope.fuse.entity_forms.gather`), which new forms and occurrences are added to. Read
per entity: whether any of its forms takes part in joining acronyms, which entity holds a key, and
how many reports several entities are named in together. Name keys are kept with their length so
that near-identical spellings are looked for among keys of a length that can match only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from ringscope.store.chunked import chunks, select_in
from ringscope.store.upsert import upsert

RESOLVE_ENTITIES_SCHEMA = """
CREATE TABLE resolve_entities (
    entity_id TEXT PRIMARY KEY,
    gathered TEXT NOT NULL
);
ALTER TABLE resolve_blocks ADD COLUMN length INTEGER NOT NULL DEFAULT 0;
UPDATE resolve_blocks SET length = length(key);
CREATE INDEX resolve_blocks_length ON resolve_blocks(type, block, length);
CREATE INDEX resolve_fuzzy_b ON resolve_fuzzy(type, b);
"""
"""Version 18: the gathered figures of each resolved entity (filled as entities are resolved again;
the stored picture stays), the length of each blocked name key, and near-identical pairs looked up
from either side."""


_WRITE_RESOLVE_ENTITIES = upsert("resolve_entities", ["entity_id"], ["entity_id", "gathered"])

NEAR_NAMES_SCHEMA = """
CREATE INDEX IF NOT EXISTS resolve_blocks_keys ON resolve_blocks(type, block, length, key);
DROP INDEX IF EXISTS resolve_blocks_length;
CREATE INDEX IF NOT EXISTS resolve_fuzzy_ba ON resolve_fuzzy(type, b, a);
DROP INDEX IF EXISTS resolve_fuzzy_b;
CREATE INDEX IF NOT EXISTS resolve_forms_entity_form ON resolve_forms(entity_id, form);
DROP INDEX IF EXISTS resolve_forms_entity;
CREATE INDEX IF NOT EXISTS resolve_keys_form_key ON resolve_keys(form, type, key);
DROP INDEX IF EXISTS resolve_keys_form;
CREATE INDEX IF NOT EXISTS resolve_initials_form_initials ON resolve_initials(form, type, initials);
DROP INDEX IF EXISTS resolve_initials_form;
"""
"""Version 21: the name keys of a block read by length from the index alone (the search for near
spellings of new names reads every key of their blocks that has a length that can match), the
near-identical pairs of a key looked up from its second side in the index alone (else SQLite scans
every pair of the type through the primary key, which holds both sides), and the forms of an entity
with their keys and initials read from indexes alone (a large entity's are read whole)."""


class EntityParts:
    """The per-entity parts of one open store (see :class:`ringscope.store.resolve_parts.ResolveParts`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _in(self, sql: str, values: Iterable[object], *head: object) -> list[tuple[Any, ...]]:
        return select_in(self._conn, sql, values, *head)

    def gathered(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """Entity id -> JSON of the gathered figures of its forms, of the entities that have them."""
        rows = self._in("SELECT entity_id, gathered FROM resolve_entities WHERE entity_id IN ({marks})",
                        entity_ids)
        return {str(e): str(g) for e, g in rows}

    def forms_with_figures(self, entity_ids: Iterable[str]) -> list[tuple[str, str, str, str, str]]:
        """(entity id, form, name, JSON of the aliases, JSON of the figures) of every form of the
        given entities."""
        rows = self._in("SELECT entity_id, form, name, aliases, stats FROM resolve_forms"
                        " WHERE entity_id IN ({marks})", entity_ids)
        return [(str(e), str(f), str(n), str(a), str(s)) for e, f, n, a, s in rows]

    def entity_keys(self, entity_ids: Iterable[str]) -> dict[str, set[str]]:
        """Entity id -> the resolution keys its forms carry, of the given entities."""
        sql = ("SELECT f.entity_id, k.key FROM resolve_forms AS f JOIN resolve_keys AS k ON k.form = f.form"
               " WHERE f.entity_id IN ({marks})")
        out: dict[str, set[str]] = {}
        for e, k in self._in(sql, entity_ids):
            out.setdefault(str(e), set()).add(str(k))
        return out

    def acronym_letters(self, entity_id: str) -> set[str]:
        """The initials of the entity's long forms that some acronym has."""
        sql = ("SELECT DISTINCT i.initials FROM resolve_forms AS f"
               " JOIN resolve_initials AS i ON i.form = f.form"
               " WHERE f.entity_id = ? AND substr(i.initials, 1, 1) != '=' AND EXISTS (SELECT 1"
               " FROM resolve_initials AS a WHERE a.type = i.type AND a.initials = '=' || i.initials)")
        return {str(i) for (i,) in self._conn.execute(sql, (entity_id,))}

    def initials_entities(self, entity_type: str, initials: Iterable[str]) -> dict[str, set[str]]:
        """Initials (an acronym's with '=') -> the entities of the stored forms that have them."""
        sql = ("SELECT DISTINCT i.initials, f.entity_id FROM resolve_initials AS i JOIN resolve_forms AS f"
               " ON f.form = i.form WHERE i.type = ? AND i.initials IN ({marks})")
        out: dict[str, set[str]] = {}
        for i, e in self._in(sql, initials, entity_type):
            out.setdefault(str(i), set()).add(str(e))
        return out

    def acronyms(self, entity_type: str, initials: Iterable[str]) -> set[str]:
        """The given initials (without '=') that some stored acronym of the type has."""
        rows = self._in("SELECT DISTINCT substr(initials, 2) FROM resolve_initials WHERE type = ?"
                        " AND initials IN ({marks})", ["=" + i for i in initials], entity_type)
        return {str(i) for (i,) in rows}

    def key_entities(self, entity_type: str, keys: Iterable[str]) -> list[tuple[str, str]]:
        """(key, entity id) of the stored forms that carry any of the given keys."""
        sql = ("SELECT DISTINCT k.key, f.entity_id FROM resolve_keys AS k JOIN resolve_forms AS f"
               " ON f.form = k.form WHERE k.type = ? AND k.key IN ({marks})")
        return [(str(k), str(e)) for k, e in self._in(sql, keys, entity_type)]

    def first_holder(self, entity_type: str, key: str, wanted: Callable[[str], bool]) -> str | None:
        """The entity id of the first stored form carrying ``key`` whose name is ``wanted`` (the
        forms are read only until it is found)."""
        sql = ("SELECT f.entity_id, f.name FROM resolve_keys AS k JOIN resolve_forms AS f ON f.form = k.form"
               " WHERE k.type = ? AND k.key = ?")
        cursor = self._conn.execute(sql, (entity_type, key))
        try:
            return next((str(e) for e, n in cursor if wanted(str(n))), None)
        finally:
            cursor.close()

    def fuzzy_pairs(self, entity_type: str, keys: Iterable[str]) -> list[tuple[str, str]]:
        """(key, near-identical key) of every kept pair with one of ``keys``, both ways round."""
        wanted = list(keys)
        sql = "SELECT a, b FROM resolve_fuzzy WHERE type = ? AND {side} IN ({{marks}})"
        rows = self._in(sql.format(side="a"), wanted, entity_type)
        rows += [(b, a) for a, b in self._in(sql.format(side="b"), wanted, entity_type)]
        return [(str(a), str(b)) for a, b in rows]

    def one_form_with(self, entity_type: str, keys: list[str]) -> bool:
        """Whether one stored form carries every one of ``keys``."""
        marks = ", ".join("?" * len(keys))
        sql = (f"SELECT 1 FROM resolve_keys WHERE type = ? AND key IN ({marks})"  # noqa: S608
               " GROUP BY form HAVING COUNT(DISTINCT key) = ? LIMIT 1")
        return self._conn.execute(sql, [entity_type, *keys, len(keys)]).fetchone() is not None

    def report_count(self, largest: tuple[str, int], others: Iterable[str], leaving: Iterable[str]) -> int:
        """In how many reports the given entities are named together (as last resolved), leaving out
        the reports ``leaving``, none of which names ``largest`` ((entity id, in how many reports
        it is named)): only the other entities' reports are read, and looked for among its own."""
        theirs: set[str] = set()
        for chunk in chunks(list(others)):
            marks = ", ".join("?" * len(chunk))
            sql = ("SELECT DISTINCT o.report_id FROM resolve_forms AS f"  # noqa: S608
                   f" JOIN resolve_occ AS o ON o.form = f.form WHERE f.entity_id IN ({marks})")
            theirs.update(str(r) for (r,) in self._conn.execute(sql, chunk))
        theirs -= set(leaving)
        sql = ("SELECT DISTINCT o.report_id FROM resolve_occ AS o JOIN resolve_forms AS f ON f.form = o.form"
               " WHERE f.entity_id = ? AND o.report_id IN ({marks})")
        shared = {str(r) for (r,) in self._in(sql, sorted(theirs), largest[0])}
        return largest[1] + len(theirs - shared)

    def org_owners(self, keys: Iterable[str]) -> dict[str, str]:
        """Organisation key -> entity id, of the given keys that have one."""
        rows = self._in("SELECT key, entity_id FROM resolve_orgs WHERE key IN ({marks})", keys)
        return {str(k): str(e) for k, e in rows}

    def org_keys_of(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """Organisation key -> entity id, of the keys the given entities answer to."""
        rows = self._in("SELECT key, entity_id FROM resolve_orgs WHERE entity_id IN ({marks})", entity_ids)
        return {str(k): str(e) for k, e in rows}


def apply_moves(conn: sqlite3.Connection, moves: list[tuple[str, str]]) -> None:
    """Give the forms of each old entity id to its new one (inside the caller's transaction)."""
    conn.executemany("UPDATE resolve_forms SET entity_id = ? WHERE entity_id = ?", [(b, a) for a, b in moves])


def apply_gathered(conn: sqlite3.Connection, gone: list[str], gathered: list[tuple[str, str]]) -> None:
    for chunk in chunks(gone):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM resolve_entities WHERE entity_id IN ({marks})", chunk)  # noqa: S608
    conn.executemany(_WRITE_RESOLVE_ENTITIES, gathered)
