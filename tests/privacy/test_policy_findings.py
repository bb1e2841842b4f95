"""A decision after an ingest takes a verdict again only when what it is taken on changes (the
entity, or what cues found on its names): these check that a verdict that should change does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ringscope.fuse.resolve import ResolvedEntity
from ringscope.fuse.stored import current
from ringscope.ingest import ingest_paths
from ringscope.privacy.cues import load
from ringscope.privacy.incremental import kept_decision
from ringscope.privacy.policy import decide, entity_keys
from ringscope.privacy.stored import _encode, restore
from ringscope.privacy.verdicts import inputs_digest
from ringscope.store import Store
from ringscope.store.migrations import MIGRATIONS
from ringscope.store.policy_found import POLICY_FOUND_SCHEMA

from .corpus import reports

OFFICER = "Dorian Quellmark"
WORKER = "Elspeth Varnakova"
CONTEXT = "Guards at the compound near Brackenholt took the passports of the workers."


def _write(path: Path, texts: list[str], start: int) -> Path:
    records = [{"id": f"find-{start + n:02d}", "source": "Invented Courier", "title": "Compound raided",
                "published": f"2026-03-{start + n + 1:02d}", "text": f"{CONTEXT} {text}"}
               for n, text in enumerate(texts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _whole(db: Store) -> str:
    return _encode(decide(current(db), load(), labels=db.withheld_labels()))


def _withheld_names(db: Store) -> set[str]:
    return {n for w in restore(db, load()).withheld.values() for n in w.names}


def _found_from_hits(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The findings kept as counts, and the same counted again from the kept hits."""
    conn = sqlite3.connect(path)
    try:
        kept = conn.execute("SELECT key, cue, kind, name, n FROM policy_found ORDER BY 1, 2, 3, 4").fetchall()
        counted = conn.execute(
            "SELECT h.key, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),"
            " json_extract(j.value, '$[2]'), COUNT(*) FROM policy_hits AS h, json_each(h.data) AS j"
            " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4").fetchall()
        return kept, counted
    finally:
        conn.close()


def _verdict_row(path: Path, name: str) -> tuple[int, str]:
    """(row id, verdict) of the verdict on the entity named ``name``."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT v.rowid, v.data FROM policy_entities AS v JOIN picture_entities AS p"
                           " ON p.id = v.entity_id WHERE p.name = ?", (name,)).fetchone()
        assert row is not None, f"no verdict on {name}"
        return int(row[0]), str(row[1])
    finally:
        conn.close()


def _kept_as_taken(db: Store) -> None:
    """Every kept verdict on an entity keeps the digest and the folded names of the entity as the
    picture holds it (what the next decision compares with)."""
    parts = db.policy_parts()
    verdicts = parts.entity_inputs(parts.entity_sigs())
    names = parts.entity_names(verdicts)
    keys = parts.keys_by_entity(verdicts)
    assert verdicts and names.keys() == verdicts.keys()
    for entity_id, (kind, name, aliases, roles) in names.items():
        assert verdicts[entity_id][1] == inputs_digest(kind, name, aliases, roles)
        entity = ResolvedEntity(entity_id, kind, name, None, None, None, aliases={a: [] for a in aliases})
        assert keys.get(entity_id, set()) == entity_keys(entity, load())


def test_a_name_shown_in_many_reports_is_withheld_once_a_new_report_names_a_victim(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    said = f"Police Colonel {OFFICER} said 40 people were rescued from the compound."
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "a.jsonl", [said] * 3, 0)]).ok
        assert OFFICER not in _withheld_names(db)
        assert _encode(restore(db, load())) == _whole(db)
        # the same role again: what cues found on the name is as it was, the verdict is not taken again
        before = _verdict_row(path, OFFICER)
        assert ingest_paths(db, [_write(tmp_path / "b.jsonl", [said], 3)]).ok
        assert _verdict_row(path, OFFICER) == before
        assert _encode(restore(db, load())) == _whole(db)
        # a new report names the same person as a victim: a finding appears, the verdict changes
        victim = f"{OFFICER} was trafficked to a compound near the border and held for a year."
        assert ingest_paths(db, [_write(tmp_path / "c.jsonl", [victim], 4)]).ok
        assert OFFICER in _withheld_names(db)
        assert _encode(restore(db, load())) == _whole(db)
        _kept_as_taken(db)
    kept, counted = _found_from_hits(path)
    assert kept and kept == counted


def test_a_person_withheld_when_unsure_is_shown_once_a_report_gives_a_public_role(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "a.jsonl", [
            f"{WORKER} worked at the port before the raid.", f"{WORKER} lived near the market."], 0)]).ok
        assert WORKER in _withheld_names(db), "a person with no public role is withheld"
        assert _encode(restore(db, load())) == _whole(db)
        assert ingest_paths(db, [_write(tmp_path / "b.jsonl", [
            f"{WORKER}, a spokesperson for the port authority, said the raid ended at dawn."], 2)]).ok
        assert WORKER not in _withheld_names(db)
        assert _encode(restore(db, load())) == _whole(db)
        _kept_as_taken(db)


def _as_before_findings(path: Path) -> None:
    """Make ``path`` a store as kept before the findings were kept (its schema as it was then)."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript("DROP TABLE policy_found; DROP TABLE policy_upgrade; DROP INDEX reports_state;"
                           " DROP TABLE policy_alias_keys;"
                           " ALTER TABLE policy_entities DROP COLUMN inputs;"
                           f" PRAGMA user_version = {MIGRATIONS.index(POLICY_FOUND_SCHEMA)};")
    finally:
        conn.close()


def test_a_store_kept_before_the_findings_upgrades_and_keeps_its_decision(tmp_path: Path) -> None:
    records = reports()
    path = tmp_path / "kept.db"
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[::2]), encoding="utf-8")
    with Store(path) as db:
        assert ingest_paths(db, [first]).ok
        decision = _encode(restore(db, load()))
    _as_before_findings(path)
    with Store(path) as db:
        assert _encode(restore(db, load())) == decision
    kept, counted = _found_from_hits(path)
    assert kept and kept == counted, "the upgrade counts the findings of the kept hits"
    second = tmp_path / "second.jsonl"
    second.write_text("".join(json.dumps(r) + "\n" for r in records[1::2]), encoding="utf-8")
    with Store(path) as db:
        assert ingest_paths(db, [second]).ok
        assert _encode(restore(db, load())) == _whole(db)
        _kept_as_taken(db)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM policy_entities WHERE inputs = ''").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM policy_upgrade").fetchone()[0] == 0
    finally:
        conn.close()
    kept, counted = _found_from_hits(path)
    assert kept == counted


def test_a_removed_report_takes_its_findings_away(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    texts = [f"{OFFICER} was trafficked to a compound near the border.",
             f"Police Colonel {OFFICER} said 40 people were rescued.", f"{WORKER} worked at the port."]
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "a.jsonl", texts, 0)]).ok
        assert OFFICER in _withheld_names(db)
        # the only report naming the officer as a victim goes: the finding goes, the verdict changes
        victim_report = next(r.id for r in db.iter_reports() if "trafficked" in r.text)
        assert db.remove(victim_report)
        assert _encode(kept_decision(db, db.state())) == _whole(db)
        assert OFFICER not in _withheld_names(db)
        _kept_as_taken(db)
    kept, counted = _found_from_hits(path)
    assert kept and kept == counted
