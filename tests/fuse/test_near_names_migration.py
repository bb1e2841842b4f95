"""A store kept before the near-spelling indexes upgrades on open: its picture stays as it was, and
the next update folds new reports into it as if they had been fused at once."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ringscope.fuse.update import update
from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.store import MIGRATIONS, Store
from ringscope.store.resolve_entities import NEAR_NAMES_SCHEMA

from .fused_check import same_as_fused_at_once

_BEFORE = """
DROP INDEX resolve_blocks_keys;
CREATE INDEX resolve_blocks_length ON resolve_blocks(type, block, length);
DROP INDEX resolve_fuzzy_ba;
CREATE INDEX resolve_fuzzy_b ON resolve_fuzzy(type, b);
DROP INDEX resolve_forms_entity_form;
CREATE INDEX resolve_forms_entity ON resolve_forms(entity_id);
DROP INDEX resolve_keys_form_key;
CREATE INDEX resolve_keys_form ON resolve_keys(form);
DROP INDEX resolve_initials_form_initials;
CREATE INDEX resolve_initials_form ON resolve_initials(form);
DROP TABLE picture_source_keys;
DROP INDEX reports_stamp;
DROP INDEX reports_outlet;
DROP TABLE policy_alias_keys;
"""
"""The near-spelling indexes as they were before version 21 (and without what the versions after it
add, which run again)."""


def _report(n: int, *names: str) -> tuple[Report, Extraction]:
    text = f"Invented report {n}: recruits were held at {' and '.join(names)} for weeks."
    entities = [Entity("Location", name, mentions=[Mention(0, len(name), name)]) for name in names]
    return Report(text, published=f"2026-04-{1 + n:02d}", url=f"https://mig{n}.example.org/a"), \
        Extraction(entities=entities)


def _picture(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, data, sig FROM picture_entities ORDER BY id").fetchall()
    finally:
        conn.close()


def test_a_store_from_before_the_near_spelling_indexes_keeps_its_picture_and_folds_on(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store(path) as store:
        for n, name in enumerate(["Karvel Quarry Camp", "Lisden Border Post", "Karvel Quarry"]):
            assert store.add(*_report(n, name), "test")
        update(store)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(_BEFORE)
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(NEAR_NAMES_SCHEMA)}")
    conn.close()
    before = _picture(path)
    with Store(path) as store:
        assert _picture(path) == before
        conn = sqlite3.connect(path)
        indexes = {str(n) for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        conn.close()
        assert {"resolve_blocks_keys", "resolve_fuzzy_ba", "resolve_forms_entity_form"} <= indexes
        assert not {"resolve_blocks_length", "resolve_fuzzy_b", "resolve_forms_entity"} & indexes
        assert store.add(*_report(5, "Karvel Quary Camp", "Lisden Border Posts"), "test")
        update(store)
        names = [set(json.loads(str(d))["aliases"]) for _, d, _ in _picture(path)]
        assert {"Karvel Quarry Camp", "Karvel Quary Camp"} in names
        same_as_fused_at_once(store)
