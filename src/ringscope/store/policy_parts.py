"""What the victim-policy decision was taken from, kept so the next decision redoes only what changed.

Per report: the cue hits of its text, by folded name (``policy_hits``) and the stamp they were found
at (``policy_reports``). Per resolved entity: the verdict taken on it with the signature of the
entity it was taken on and the folded names it answers to (``policy_entities``, ``policy_keys``).
Per folded name only cues found: its verdict (``policy_texts``). Per folded name: what the kept
hits found on it, as counts (``policy_found``, :mod:`ringscope.store.policy_found`). The picture
update lists the reports and entities it changed (``policy_pending``, see
:mod:`ringscope.store.withheld`), so a decision compares only those with what its verdicts were
taken from; the decision rows change in the same transaction as the verdicts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ringscope.store import picture_pending, policy_aliases, policy_found
from ringscope.store.chunked import chunks, select_in
from ringscope.store.upsert import upsert
from ringscope.store.withheld import DecisionChanges, write_changes

_WRITE_POLICY_REPORTS = upsert("policy_reports", ["report_id"], ["report_id", "stamp"])
_WRITE_POLICY_HITS = upsert("policy_hits", ["key", "report_id"], ["key", "report_id", "data"])
_WRITE_POLICY_ENTITIES = upsert("policy_entities", ["entity_id"], ["entity_id", "sig", "data", "inputs"])
_WRITE_POLICY_TEXTS = upsert("policy_texts", ["key"], ["key", "data"])

POLICY_PARTS_SCHEMA = """
CREATE TABLE policy_reports (
    report_id TEXT PRIMARY KEY,
    stamp TEXT NOT NULL
);
CREATE TABLE policy_hits (
    key TEXT NOT NULL,
    report_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (key, report_id)
);
CREATE INDEX policy_hits_report ON policy_hits(report_id);
CREATE TABLE policy_entities (
    entity_id TEXT PRIMARY KEY,
    sig TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE policy_keys (
    key TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (key, entity_id)
);
CREATE INDEX policy_keys_entity ON policy_keys(entity_id);
CREATE TABLE policy_texts (
    key TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
"""
"""Version 12: the parts the victim-policy decision is taken from."""


@dataclass(slots=True)
class PolicyDelta:
    """What a decision changes in the kept parts."""

    reports_gone: list[str] = field(default_factory=list)
    """Reports whose hits are dropped (gone, or found again below)."""
    reports: list[tuple[str, str]] = field(default_factory=list)
    hits: list[tuple[str, str, str]] = field(default_factory=list)
    """(folded name, report id, JSON of the hits)."""
    entities_gone: list[str] = field(default_factory=list)
    entities: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(entity id, signature, JSON of the verdict, digest of its inputs) of verdicts written."""
    sigs: list[tuple[str, str]] = field(default_factory=list)
    """(signature, entity id) of verdicts kept as they are, taken on an entity with a new signature."""
    keys: list[tuple[str, str]] = field(default_factory=list)
    """(folded name, entity id) an entity starts answering to."""
    keys_gone: list[tuple[str, str]] = field(default_factory=list)
    """(folded name, entity id) an entity no longer answers to (besides those of ``entities_gone``)."""
    aliases: list[policy_aliases.AliasRow] = field(default_factory=list)
    """The folded names of aliases keyed now (see :mod:`ringscope.store.policy_aliases`)."""
    aliases_gone: list[tuple[str, str]] = field(default_factory=list)
    """(entity id, alias) of aliases an entity no longer has."""
    found: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    """(folded name, cue, kind, name, change of count) of the findings of the hits (see
    :mod:`ringscope.store.policy_found`)."""
    texts_gone: list[str] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)
    pending: int = 0
    """The last change listed by the picture update that this delta takes in."""
    decision: DecisionChanges | None = None
    """The changes to the decision rows, written with the verdicts."""


class PolicyParts:
    """The kept parts of one open store (see :meth:`ringscope.store.Store.policy_parts`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _in(self, sql: str, values: Iterable[object], *head: object) -> list[tuple[Any, ...]]:
        return select_in(self._conn, sql, values, *head)

    def report_stamps(self) -> dict[str, str]:
        return {str(r): str(s) for r, s in self._conn.execute("SELECT report_id, stamp FROM policy_reports")}

    def entity_sigs(self) -> dict[str, str]:
        return {str(e): str(s) for e, s in self._conn.execute("SELECT entity_id, sig FROM policy_entities")}

    def picture_entity_sigs(self) -> dict[str, str]:
        """Resolved entity id -> signature, as the stored picture holds them."""
        return {str(e): str(s) for e, s in self._conn.execute("SELECT id, sig FROM picture_entities")}

    def decision_kind(self) -> str | None:
        """How the stored decision rows were written (see :mod:`ringscope.store.withheld`), None without."""
        row = self._conn.execute("SELECT data FROM picture_policy WHERE id = 1").fetchone()
        return None if row is None else str(row[0])

    def pending(self) -> tuple[int, set[str], set[str]]:
        """The changes the picture update listed since the last decision: the number of the last one,
        the ids of the reports and of the entities changed."""
        reports: set[str] = set()
        entities: set[str] = set()
        last = 0
        for seq, kind, item in self._conn.execute("SELECT seq, kind, id FROM policy_pending"):
            last = max(last, int(seq))
            (reports if kind == "report" else entities).add(str(item))
        return last, reports, entities

    def stamps_of(self, report_ids: Iterable[str]) -> dict[str, str]:
        """The stamps of the given reports still stored (as :meth:`PictureParts.stamps` gives them)."""
        return picture_pending.stamps_of(self._conn, report_ids)

    def report_stamps_of(self, report_ids: Iterable[str]) -> dict[str, str]:
        rows = self._in("SELECT report_id, stamp FROM policy_reports WHERE report_id IN ({marks})",
                        report_ids)
        return {str(r): str(s) for r, s in rows}

    def entity_sigs_of(self, entity_ids: Iterable[str]) -> dict[str, str]:
        rows = self._in("SELECT entity_id, sig FROM policy_entities WHERE entity_id IN ({marks})", entity_ids)
        return {str(e): str(s) for e, s in rows}

    def picture_entity_sigs_of(self, entity_ids: Iterable[str]) -> dict[str, str]:
        rows = self._in("SELECT id, sig FROM picture_entities WHERE id IN ({marks})", entity_ids)
        return {str(e): str(s) for e, s in rows}

    def picture_entities(self, ids: Iterable[str]) -> dict[str, str]:
        """The JSON of the summaries of the given resolved entities of the stored picture."""
        rows = self._in("SELECT id, data FROM picture_entities WHERE id IN ({marks})", ids)
        return {str(i): str(d) for i, d in rows}

    def entity_names(self, ids: Iterable[str]) -> dict[str, tuple[str, str, list[str], list[str]]]:
        """Resolved entity id -> (type, name, aliases, roles) of the given entities of the stored
        picture (from its summary: an entity's occurrences are not read)."""
        rows = self._in(
            "SELECT p.id, p.type, p.name,"
            " (SELECT json_group_array(a.value) FROM json_each(p.data, '$.aliases') AS a),"
            " (SELECT json_group_array(r.value) FROM json_each(p.data, '$.roles') AS r)"
            " FROM picture_entities AS p WHERE p.id IN ({marks})", ids)
        return {str(i): (str(t), str(n), json.loads(a), json.loads(r)) for i, t, n, a, r in rows}

    def first_mention(self, entity_id: str) -> tuple[int, int]:
        """The first of an entity's occurrences: (row number of its report, 0 for a report no longer
        stored; start of its first mention there, -1 without one); (0, 0) without occurrences.
        The first report is found first, so only its occurrences are decoded (an entity named in
        thousands of reports decodes a few)."""
        row = self._conn.execute(
            "SELECT MIN(COALESCE(r.pk, 0)) FROM resolve_forms AS f JOIN picture_occurrences AS o"
            " ON o.form = f.form LEFT JOIN reports AS r ON r.id = o.report_id WHERE f.entity_id = ?",
            (entity_id,),
        ).fetchone()
        if row is None or row[0] is None:
            return (0, 0)
        pk = int(row[0])
        start = "COALESCE(json_extract(o.data, '$.mentions[0].start'), -1)"
        if pk:  # one report: its occurrences of the entity's forms
            sql = (f"SELECT MIN({start}) FROM picture_occurrences AS o JOIN resolve_forms AS f"  # noqa: S608
                   " ON f.form = o.form WHERE o.report_id = (SELECT id FROM reports WHERE pk = ?)"
                   " AND f.entity_id = ?")
        else:  # reports no longer stored
            sql = (f"SELECT MIN({start}) FROM resolve_forms AS f JOIN picture_occurrences AS o"  # noqa: S608
                   " ON o.form = f.form LEFT JOIN reports AS r ON r.id = o.report_id"
                   " WHERE COALESCE(r.pk, 0) = ? AND f.entity_id = ?")
        first = self._conn.execute(sql, (pk, entity_id)).fetchone()
        return (pk, int(first[0]))

    def report_pks(self, ids: Iterable[str]) -> dict[str, int]:
        return {str(i): int(p) for i, p in self._in("SELECT id, pk FROM reports WHERE id IN ({marks})", ids)}

    def hit_keys_of(self, report_ids: Iterable[str]) -> set[str]:
        """The folded names the kept hits of the given reports are on."""
        return {str(k) for (k,) in self._in("SELECT key FROM policy_hits WHERE report_id IN ({marks})",
                                           report_ids)}

    def hits_on(self, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        """(folded name, report id, JSON of the hits) kept on the given folded names."""
        rows = self._in("SELECT key, report_id, data FROM policy_hits WHERE key IN ({marks})", keys)
        return [(str(k), str(r), str(d)) for k, r, d in rows]

    def entities_on(self, keys: Iterable[str]) -> set[str]:
        """The entities answering to any of the given folded names."""
        return {str(e) for (e,) in self._in("SELECT entity_id FROM policy_keys WHERE key IN ({marks})", keys)}

    def key_entities(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """(folded name, entity id) of the entities answering to any of the given folded names."""
        rows = self._in("SELECT key, entity_id FROM policy_keys WHERE key IN ({marks})", keys)
        return [(str(k), str(e)) for k, e in rows]

    def keys_of(self, entity_ids: Iterable[str]) -> set[str]:
        return {str(k) for (k,) in self._in("SELECT key FROM policy_keys WHERE entity_id IN ({marks})",
                                           entity_ids)}

    def found_on(self, keys: Iterable[str]) -> dict[str, dict[policy_found.Finding, int]]:
        return policy_found.found_on(self._conn, keys)

    def hits_of_reports(self, report_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        return policy_found.hits_of_reports(self._conn, report_ids)

    def placed_hits(self, keys: Iterable[str]) -> list[tuple[str, str, int, str]]:
        return policy_found.placed_hits(self._conn, keys)

    def entity_inputs(self, ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        return policy_found.entity_inputs(self._conn, ids)

    def keys_by_entity(self, ids: Iterable[str]) -> dict[str, set[str]]:
        return policy_found.keys_by_entity(self._conn, ids)

    def alias_keys(self, ids: Iterable[str], digest: str) -> dict[str, dict[str, list[str]]]:
        return policy_aliases.alias_keys(self._conn, ids, digest)

    def text_verdicts(self, keys: Iterable[str]) -> dict[str, str]:
        return policy_found.text_verdicts(self._conn, keys)

    def upgrade_pending(self) -> bool:
        return policy_found.upgrade_pending(self._conn)

    def without_inputs(self) -> list[tuple[str, str, str]]:
        return policy_found.without_inputs(self._conn)

    def give_inputs(self, inputs: list[tuple[str, str]]) -> None:
        policy_found.give_inputs(self._conn, inputs)

    def cue_hits_of(self, stamp: str, report_ids: list[str]) -> dict[str, str]:
        return cue_hits_of(self._conn, stamp, report_ids)

    def verdicts(self) -> tuple[list[str], list[str]]:
        """The JSON of every entity verdict and of every text verdict."""
        entities = [str(d) for (d,) in self._conn.execute("SELECT data FROM policy_entities")]
        texts = [str(d) for (d,) in self._conn.execute("SELECT data FROM policy_texts")]
        return entities, texts

    def held_verdicts(self) -> tuple[list[str], list[str]]:
        """The JSON of every entity verdict that withholds, and of every text verdict."""
        entities = [str(d) for (d,) in self._conn.execute(
            "SELECT data FROM policy_entities WHERE json_extract(data, '$.held') IS NOT NULL")]
        texts = [str(d) for (d,) in self._conn.execute("SELECT data FROM policy_texts")]
        return entities, texts

    def shown_names(self) -> list[tuple[str, str]]:
        """(name, entity id) of every name an entity verdict lets show."""
        rows = self._conn.execute(
            "SELECT s.value, p.entity_id FROM policy_entities AS p, json_each(p.data, '$.shown') AS s")
        return [(str(n), str(e)) for n, e in rows]

    def apply(self, delta: PolicyDelta) -> None:
        """Write ``delta`` in one transaction."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for chunk in chunks(delta.reports_gone):
                marks = ", ".join("?" * len(chunk))
                conn.execute(f"DELETE FROM policy_hits WHERE report_id IN ({marks})", chunk)  # noqa: S608
                conn.execute(f"DELETE FROM policy_reports WHERE report_id IN ({marks})", chunk)  # noqa: S608
            conn.executemany(_WRITE_POLICY_REPORTS, delta.reports)
            conn.executemany(_WRITE_POLICY_HITS, delta.hits)
            policy_found.write_found(conn, delta.found)
            for chunk in chunks(delta.entities_gone):
                marks = ", ".join("?" * len(chunk))
                conn.execute(f"DELETE FROM policy_entities WHERE entity_id IN ({marks})", chunk)  # noqa: S608
                conn.execute(f"DELETE FROM policy_keys WHERE entity_id IN ({marks})", chunk)  # noqa: S608
            conn.executemany("DELETE FROM policy_keys WHERE key = ? AND entity_id = ?", delta.keys_gone)
            conn.executemany(_WRITE_POLICY_ENTITIES, delta.entities)
            conn.executemany("UPDATE policy_entities SET sig = ? WHERE entity_id = ?", delta.sigs)
            conn.executemany("INSERT OR IGNORE INTO policy_keys VALUES (?, ?)", delta.keys)
            policy_aliases.write_alias_keys(conn, delta.aliases, delta.aliases_gone, delta.entities_gone)
            conn.executemany("DELETE FROM policy_texts WHERE key = ?", [(k,) for k in delta.texts_gone])
            conn.executemany(_WRITE_POLICY_TEXTS, delta.texts)
            conn.execute("DELETE FROM policy_pending WHERE seq <= ?", (delta.pending,))
            if delta.decision is not None:
                write_changes(conn, delta.decision)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def cue_hits_of(conn: sqlite3.Connection, stamp: str, report_ids: list[str]) -> dict[str, str]:
    """Report id -> JSON of its stored cue hits (found by the cue table ``stamp``), for the given reports."""
    out: dict[str, str] = {}
    for chunk in chunks(report_ids):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT report_id, data FROM picture_cues WHERE stamp = ? AND report_id IN ({marks})"  # noqa: S608
        rows = conn.execute(sql, [stamp, *chunk])
        out.update((str(r), str(d)) for r, d in rows)
    return out
