"""What entity resolution joins names by, kept so an update resolves only the names it touches.

A *form* is one distinct extracted name (type, name, aliases). Kept per form: the reports it occurs
in (``resolve_occ``), the resolution keys it carries (``resolve_keys``), the initials it has or is
(``resolve_initials``: a long name's initials, or an acronym), the near-identical name keys found
for its name key (``resolve_fuzzy``, by the blocks of ``resolve_blocks``), the resolved entity
it is part of and the figures of its occurrences an entity's summary is taken from
(``resolve_forms``; the stored picture's occurrences name their form, so this gives their entity).
Per resolved entity: the organisation keys it answers to (``resolve_orgs``) and, for a person,
every run of words of its roles (``resolve_runs``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ringscope.store.chunked import chunks, select_in
from ringscope.store.resolve_entities import EntityParts, apply_gathered, apply_moves
from ringscope.store.upsert import upsert

_WRITE_RESOLVE_FORMS = upsert(
    "resolve_forms",
    ["form"],
    ["form", "type", "name", "aliases", "entity_id", "stats"],
)
_WRITE_RESOLVE_ORGS = upsert("resolve_orgs", ["key"], ["key", "entity_id"])

RESOLVE_PARTS_SCHEMA = """
CREATE TABLE resolve_forms (
    form TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
CREATE INDEX resolve_forms_entity ON resolve_forms(entity_id);
CREATE TABLE resolve_occ (
    report_id TEXT NOT NULL,
    form TEXT NOT NULL,
    PRIMARY KEY (report_id, form)
);
CREATE INDEX resolve_occ_form ON resolve_occ(form);
CREATE TABLE resolve_keys (
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    form TEXT NOT NULL,
    PRIMARY KEY (type, key, form)
);
CREATE INDEX resolve_keys_form ON resolve_keys(form);
CREATE TABLE resolve_initials (
    type TEXT NOT NULL,
    initials TEXT NOT NULL,
    form TEXT NOT NULL,
    PRIMARY KEY (type, initials, form)
);
CREATE INDEX resolve_initials_form ON resolve_initials(form);
CREATE TABLE resolve_blocks (
    type TEXT NOT NULL,
    block TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (type, block, key)
);
CREATE TABLE resolve_fuzzy (
    type TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    PRIMARY KEY (type, a, b)
);
CREATE TABLE resolve_orgs (
    key TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL
);
CREATE INDEX resolve_orgs_entity ON resolve_orgs(entity_id);
CREATE TABLE resolve_runs (
    run TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (run, entity_id)
);
CREATE INDEX resolve_runs_entity ON resolve_runs(entity_id);
DELETE FROM picture_inputs;
DELETE FROM picture_state;
"""
"""Version 13: the parts entity resolution joins names by (the picture is fused again)."""

Form = tuple[str, str, str, str]
"""(form id, type, name, JSON of the aliases)."""


@dataclass(slots=True)
class ResolveDelta:
    """What an update changes in the kept parts (written with the picture's own changes)."""

    occ_gone: list[str] = field(default_factory=list)
    """Reports whose forms are dropped (gone, or listed again in ``occ``)."""
    occ: list[tuple[str, str]] = field(default_factory=list)
    forms_gone: list[str] = field(default_factory=list)
    """Forms no report has any more."""
    forms: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    """(form, type, name, JSON of the aliases, entity id, JSON of the figures of its occurrences) of
    the forms resolved again."""
    keys: list[tuple[str, str, str]] = field(default_factory=list)
    """(type, key, form) of new forms (as ``initials``: a form's keys and initials never change)."""
    initials: list[tuple[str, str, str]] = field(default_factory=list)
    blocks: list[tuple[str, str, str]] = field(default_factory=list)
    fuzzy: list[tuple[str, str, str]] = field(default_factory=list)
    entities_gone: list[str] = field(default_factory=list)
    """Entities whose role runs are dropped (and listed again below)."""
    orgs: list[tuple[str, str]] = field(default_factory=list)
    """(organisation key, entity id) of the keys whose owner changes."""
    orgs_gone: list[str] = field(default_factory=list)
    """Organisation keys no entity answers to any more."""
    runs: list[tuple[str, str]] = field(default_factory=list)
    moves: list[tuple[str, str]] = field(default_factory=list)
    """(old entity id, new entity id): every form of the old entity is the new one's."""
    gathered: list[tuple[str, str]] = field(default_factory=list)
    """(entity id, JSON of the gathered figures of its forms) of the entities resolved again."""


class ResolveParts:
    """The kept parts of one open store (see :meth:`ringscope.store.Store.resolve_parts`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.entities = EntityParts(conn)

    def _in(self, sql: str, values: Iterable[object], *head: object) -> list[tuple[Any, ...]]:
        return select_in(self._conn, sql, values, *head)

    def report_occurrences(self, report_ids: Iterable[str]) -> list[tuple[Any, ...]]:
        """The stored entity rows (report id, seq, pk, type, name, country, lat, lon, aliases, roles,
        rule) of the given reports, in report and extraction order."""
        rows = self._in("SELECT report_id, seq, pk, type, name, country, lat, lon, aliases, roles, rule"
                        " FROM entities WHERE report_id IN ({marks})", report_ids)
        rows.sort(key=lambda r: (str(r[0]), int(r[1])))
        return rows

    def empty(self) -> bool:
        """Whether nothing is kept yet (the next update resolves every report)."""
        return self._conn.execute("SELECT 1 FROM resolve_forms LIMIT 1").fetchone() is None

    def entity_ids(self) -> set[str]:
        """The ids of every resolved entity of the stored picture."""
        return {str(i) for (i,) in self._conn.execute("SELECT id FROM picture_entities")}

    def forms_of_reports(self, report_ids: Iterable[str]) -> set[str]:
        return {str(f) for (f,) in self._in("SELECT form FROM resolve_occ WHERE report_id IN ({marks})",
                                           report_ids)}

    def forms(self, forms: Iterable[str]) -> dict[str, tuple[str, str, str, str]]:
        """Form -> (type, name, JSON of the aliases, entity id)."""
        sql = "SELECT form, type, name, aliases, entity_id FROM resolve_forms WHERE form IN ({marks})"
        rows = self._in(sql, forms)
        return {str(f): (str(t), str(n), str(a), str(e)) for f, t, n, a, e in rows}

    def forms_of_entities(self, entity_ids: Iterable[str]) -> set[str]:
        return {str(f) for (f,) in self._in("SELECT form FROM resolve_forms WHERE entity_id IN ({marks})",
                                           entity_ids)}

    def keys_of(self, forms: Iterable[str]) -> set[tuple[str, str]]:
        rows = self._in("SELECT type, key FROM resolve_keys WHERE form IN ({marks})", forms)
        return {(str(t), str(k)) for t, k in rows}

    def form_keys(self, forms: Iterable[str]) -> dict[str, set[str]]:
        """Form -> the resolution keys it carries, of the given forms that carry any."""
        out: dict[str, set[str]] = {}
        for f, k in self._in("SELECT form, key FROM resolve_keys WHERE form IN ({marks})", forms):
            out.setdefault(str(f), set()).add(str(k))
        return out

    def forms_on_keys(self, entity_type: str, keys: Iterable[str]) -> set[str]:
        sql = "SELECT form FROM resolve_keys WHERE type = ? AND key IN ({marks})"
        rows = self._in(sql, keys, entity_type)
        return {str(f) for (f,) in rows}

    def initials_of(self, forms: Iterable[str]) -> set[tuple[str, str]]:
        rows = self._in("SELECT type, initials FROM resolve_initials WHERE form IN ({marks})", forms)
        return {(str(t), str(i)) for t, i in rows}

    def initials_forms(self, entity_type: str, initials: Iterable[str]) -> list[tuple[str, str]]:
        """(initials, form) of the forms with any of the given initials."""
        sql = "SELECT initials, form FROM resolve_initials WHERE type = ? AND initials IN ({marks})"
        rows = self._in(sql, initials, entity_type)
        return [(str(i), str(f)) for i, f in rows]

    def blocked(self, entity_type: str, block: str, key: str) -> bool:
        """Whether the name key is kept in the block."""
        sql = "SELECT 1 FROM resolve_blocks WHERE type = ? AND block = ? AND key = ?"
        return self._conn.execute(sql, (entity_type, block, key)).fetchone() is not None

    def block_pool(self, entity_type: str, block: str, lengths: tuple[int, int]) -> list[str]:
        """The name keys of one block with a length in ``lengths`` (least, most), read from the index
        on (type, block, length, key) alone."""
        # one string of the keys, split here (a name key is folded: it holds no line break)
        sql = ("SELECT group_concat(key, char(10)) FROM resolve_blocks"
               " WHERE type = ? AND block = ? AND length BETWEEN ? AND ?")
        (joined,) = self._conn.execute(sql, (entity_type, block, *lengths)).fetchone()
        return str(joined).split("\n") if joined else []

    def fuzzy_of(self, entity_type: str, keys: Iterable[str]) -> set[str]:
        """The name keys found near-identical to any of ``keys``."""
        wanted = list(keys)
        out = {str(b) for (b,) in self._in("SELECT b FROM resolve_fuzzy WHERE type = ? AND a IN ({marks})",
                                           wanted, entity_type)}
        out |= {str(a) for (a,) in self._in("SELECT a FROM resolve_fuzzy WHERE type = ? AND b IN ({marks})",
                                            wanted, entity_type)}
        return out

    def persons_on_runs(self, runs: Iterable[str]) -> set[str]:
        rows = self._in("SELECT entity_id FROM resolve_runs WHERE run IN ({marks})", runs)
        return {str(e) for (e,) in rows}

    def entity_sigs(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """Entity id -> signature of the given entities of the stored picture."""
        rows = self._in("SELECT id, sig FROM picture_entities WHERE id IN ({marks})", entity_ids)
        return {str(i): str(s) for i, s in rows}

    def entity_data(self, entity_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Entity id -> (JSON of its summary, signature) of the given entities of the stored picture."""
        rows = self._in("SELECT id, data, sig FROM picture_entities WHERE id IN ({marks})", entity_ids)
        return {str(i): (str(d), str(s)) for i, d, s in rows}

    def form_occurrences(self, form: tuple[str, str, str, str]) -> list[tuple[Any, ...]]:
        """(report id, seq, country, lat, lon, roles) of every stored entity of one form ((type, name
        key, name, JSON of the aliases))."""
        return self._conn.execute(
            "SELECT report_id, seq, country, lat, lon, roles FROM entities"
            " WHERE type = ? AND key = ? AND name = ? AND aliases = ?", form
        ).fetchall()

    def form_places(self, form: tuple[str, str, str, str]) -> list[tuple[str, int]]:
        """(report id, seq) of every stored entity of one form ((type, name key, name, JSON of the
        aliases))."""
        sql = "SELECT report_id, seq FROM entities WHERE type = ? AND key = ? AND name = ? AND aliases = ?"
        rows = self._conn.execute(sql, form)
        return [(str(r), int(q)) for r, q in rows]

    def form_stats(self, forms: Iterable[str]) -> dict[str, str]:
        """Form -> JSON of the figures of its occurrences, of the given forms that have them."""
        sql = "SELECT form, stats FROM resolve_forms WHERE stats != '' AND form IN ({marks})"
        rows = self._in(sql, forms)
        return {str(f): str(s) for f, s in rows}

    def form_reports(self, forms: Iterable[str]) -> list[tuple[str, str]]:
        """(form, report id) of every report the given forms occur in (as last resolved)."""
        rows = self._in("SELECT form, report_id FROM resolve_occ WHERE form IN ({marks})", forms)
        return [(str(f), str(r)) for f, r in rows]

    def entity_forms(self, entity_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """(entity id, form, JSON of the form's figures) of the forms of the given entities."""
        rows = self._in("SELECT entity_id, form, stats FROM resolve_forms WHERE entity_id IN ({marks})",
                        entity_ids)
        return [(str(e), str(f), str(s)) for e, f, s in rows]

    def mentions(self, entity_pks: Iterable[int]) -> list[tuple[object, ...]]:
        """(entity pk, start, end, text) of the mentions of the given stored entities, in order."""
        rows = self._in('SELECT entity_pk, start, "end", text FROM mentions WHERE entity_pk IN ({marks})'
                        " ORDER BY entity_pk, seq", entity_pks)
        return rows


def apply(conn: sqlite3.Connection, delta: ResolveDelta) -> None:
    """Write ``delta`` (inside the caller's transaction)."""
    for chunk in chunks(delta.occ_gone):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM resolve_occ WHERE report_id IN ({marks})", chunk)  # noqa: S608
    conn.executemany("INSERT OR IGNORE INTO resolve_occ VALUES (?, ?)", delta.occ)
    for chunk in chunks(delta.forms_gone):
        marks = ", ".join("?" * len(chunk))
        for table in ("resolve_forms", "resolve_keys", "resolve_initials"):
            conn.execute(f"DELETE FROM {table} WHERE form IN ({marks})", chunk)  # noqa: S608
    apply_moves(conn, delta.moves)
    conn.executemany(_WRITE_RESOLVE_FORMS, delta.forms)
    conn.executemany("INSERT OR IGNORE INTO resolve_keys VALUES (?, ?, ?)", delta.keys)
    conn.executemany("INSERT OR IGNORE INTO resolve_initials VALUES (?, ?, ?)", delta.initials)
    conn.executemany("INSERT OR IGNORE INTO resolve_blocks (type, block, key, length)"
                     " VALUES (?1, ?2, ?3, length(?3))", delta.blocks)
    conn.executemany("INSERT OR IGNORE INTO resolve_fuzzy VALUES (?, ?, ?)", delta.fuzzy)
    for chunk in chunks(delta.orgs_gone):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM resolve_orgs WHERE key IN ({marks})", chunk)  # noqa: S608
    for chunk in chunks(delta.entities_gone):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM resolve_runs WHERE entity_id IN ({marks})", chunk)  # noqa: S608
    apply_gathered(conn, delta.entities_gone, delta.gathered)
    conn.executemany(_WRITE_RESOLVE_ORGS, delta.orgs)
    conn.executemany("INSERT OR IGNORE INTO resolve_runs VALUES (?, ?)", delta.runs)
