"""An entity named in many reports is kept by parts: a new, removed or re-extracted report writes
its own occurrences and the entity's summary, never the entity's other occurrences, and the picture
read back is the one fused at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ringscope.fuse.stored import current
from ringscope.fuse.update import update
from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.store import Store

from .fused_check import same_as_fused_at_once

FREQUENT = "Meridian Tide Relief Agency"


def _entity(kind: str, name: str, *, country: str | None = None, roles: list[str] | None = None,
            aliases: list[str] | None = None, at: int = 0) -> Entity:
    return Entity(kind, name, country=country, roles=roles or [], aliases=aliases or [],
                  mentions=[Mention(at, at + len(name), name)])


def _report(n: int) -> tuple[Report, Extraction]:
    """An invented report naming the frequent agency (under one of two spellings) among others."""
    text = f"Invented report {n}: the agency freed {n + 3} workers from a compound near Lake Orvane."
    entities = [
        _entity("Location", "Lake Orvane", country="XA" if n % 3 else "XB", at=5),
        _entity("Organization", FREQUENT if n % 4 else "MTRA", aliases=[] if n % 4 else [FREQUENT], at=9),
        _entity("Person", f"Dalia Ferrow{n % 2}", roles=[f"head of the {FREQUENT}"], at=20),
    ]
    return Report(text, published=f"2026-04-{1 + n % 28:02d}", url=f"https://o{n}.example.org/a"), \
        Extraction(entities=entities)


def _occurrence_rows(path: Path) -> dict[tuple[str, int], int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT rowid, report_id, seq FROM picture_occurrences")
        return {(str(r), int(s)): int(i) for i, r, s in rows}
    finally:
        conn.close()


def _summary(path: Path, entity_id: str) -> str:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT data FROM picture_entities WHERE id = ?", (entity_id,)).fetchone()
        return str(row[0])
    finally:
        conn.close()


def _frequent(store: Store) -> str:
    picture = current(store)
    return next(e.id for e in picture.entities if e.name == FREQUENT)


def _stored(store: Store, count: int) -> str:
    """Store ``count`` reports naming the frequent entity, bring the picture up to date; its id."""
    for n in range(count):
        assert store.add(*_report(n), "test")
    update(store)
    return _frequent(store)


def test_a_new_report_writes_its_occurrences_and_not_the_frequent_entitys_others(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store(path) as store:
        frequent = _stored(store, 12)
        assert len(next(e for e in current(store).entities if e.id == frequent).reports) == 12
        before = _occurrence_rows(path)
        summary_before = _summary(path, frequent)
        report, extraction = _report(12)
        assert store.add(report, extraction, "test")
        update(store)
        after = _occurrence_rows(path)
        new = {key for key in after if key not in before}
        assert {r for r, _ in new} == {report.id} and len(new) == len(extraction.entities)
        rewritten = [key for key, rowid in before.items() if after[key] != rowid]
        assert not rewritten, "a kept occurrence was written again"
        assert _summary(path, frequent) != summary_before, "the entity's summary was not rewritten"
        entity = next(e for e in current(store).entities if e.id == frequent)
        assert len(entity.reports) == 13 and report.id in entity.reports
        same_as_fused_at_once(store)


def test_removing_one_report_of_the_frequent_entity_keeps_its_other_occurrences(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store(path) as store:
        frequent = _stored(store, 10)
        before = _occurrence_rows(path)
        gone = sorted({r for r, _ in before})[3]
        assert store.remove(gone)
        update(store)
        after = _occurrence_rows(path)
        assert {key for key in before if key not in after} == {key for key in before if key[0] == gone}
        assert all(after[key] == rowid for key, rowid in before.items() if key[0] != gone)
        entity = next(e for e in current(store).entities if e.id == frequent)
        assert gone not in entity.reports and len(entity.reports) == 9
        same_as_fused_at_once(store)
