"""Rule ids on stored items: written, read back, and added to older stores by a migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ringscope.model import Claim, Entity, Extraction, Mention, Report, Route
from ringscope.store import MIGRATIONS, Store, migrate
from ringscope.store.migrations import RULE_IDS

TEXT = "Police in Zorvania rescued 40 Chilean workers from a scam compound."


def _extraction() -> Extraction:
    return Extraction(
        entities=[Entity("Location", "Zorvania", country=None, mentions=[Mention(10, 18, "Zorvania")],
                         rule="entity.gazetteer")],
        claims=[Claim("victims_rescued", 40, 40, 40, "exact", "people", "rescued 40 Chilean workers", 19, 45,
                      rule="claim.nearest_trigger", trigger="trigger.rescue")],
        routes=[Route("CL", "ZZ", 40, "40 Chilean workers", 27, 45, rule="route.rescued_from")],
    )


def test_rule_ids_are_stored_and_read_back(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        report = Report(TEXT)
        store.add(report, _extraction(), "test")
        back = store.get_extraction(report.id)
        assert [(c.rule, c.trigger) for c in back.claims] == [("claim.nearest_trigger", "trigger.rescue")]
        assert [e.rule for e in back.entities] == ["entity.gazetteer"]
        assert [r.rule for r in back.routes] == ["route.rescued_from"]
        assert [(s.claim.rule, s.claim.trigger) for s in store.claims()] == [
            ("claim.nearest_trigger", "trigger.rescue")
        ]


def test_a_store_from_before_rule_ids_keeps_its_items(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[: MIGRATIONS.index(RULE_IDS)])
    conn.execute("INSERT INTO reports (id, content_hash, text, ingested_at, extractor_version, item_count)"
                 " VALUES ('r1', 'h', ?, '2026-01-01', 'old', 1)", (TEXT,))
    conn.execute("INSERT INTO claims (report_id, seq, measure, qualifier, unit, quote, start, \"end\", low)"
                 " VALUES ('r1', 0, 'victims_rescued', 'exact', 'people', 'rescued 40', 19, 29, 40)")
    conn.close()
    with Store(path) as store:
        claims = store.get_extraction("r1").claims
        assert [(c.measure, c.low, c.rule, c.trigger) for c in claims] == [("victims_rescued", 40, "", "")]
