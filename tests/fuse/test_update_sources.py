"""An update compares the texts of an event's reports again only when its members changed, and the
independent sources it keeps are those the whole fusion finds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ringscope.fuse.update_sources as sourcing
from ringscope.api import ingest, open_store
from ringscope.fuse import fuse
from ringscope.fuse.outlets import joined_sources, source_key
from ringscope.fuse.stored import current, encode
from ringscope.fuse.unionfind import UnionFind
from ringscope.model import Report
from ringscope.store.event_parts import SOURCE_KEYS_SCHEMA
from ringscope.store.migrations import MIGRATIONS

RAID = (
    "Police in the river town of Marrowick raided the Glasshollow compound on {day} and freed {n} workers "
    "who had been forced to run romance scams. Inspector Tovin Aldercrest said the workers came from "
    "several countries and that the compound managers had fled across the border."
)
OTHER = (
    "A regional court in Pellbury heard that a recruiter lured {n} graduates with fake job offers in "
    "logistics before moving them to a guarded site where they were made to defraud strangers online."
)


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_copies_are_compared_again_only_for_events_whose_members_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raid = RAID.format(day="Tuesday", n=214)
    first = [
        {"id": "a", "text": raid, "published": "2026-03-03", "source": "Harbour Times"},
        {"id": "b", "text": raid.replace("Tuesday", "Tuesday night"), "published": "2026-03-04",
         "source": "Valley Courier"},
        {"id": "c", "text": RAID.format(day="Tuesday", n=214).replace("river town", "riverside town"),
         "published": "2026-03-04", "source": "Evening Lamp"},
    ]
    store = tmp_path / "store.db"
    ingest([_write(tmp_path / "first.jsonl", first)], store)
    with open_store(store) as db:
        picture = current(db)
        events = {e for e in picture.event_of.values() if e}
        assert len(events) == 1, "the three tellings of the raid should be one event"
        assert len({ref.independent for f in picture.figures for ref in f.claims}) == 1, (
            "near-identical copies under three outlets should count as one independent source")
    compared: list[list[str]] = []
    real = sourcing.near_identical

    def spy(reports: list[Report]) -> list[tuple[str, str]]:
        compared.append(sorted(r.id for r in reports))
        return real(reports)

    monkeypatch.setattr(sourcing, "near_identical", spy)
    later = [{"id": "d", "text": OTHER.format(n=31), "published": "2026-05-10", "source": "Harbour Times"},
             {"id": "e", "text": OTHER.format(n=31).replace("regional", "district"),
              "published": "2026-05-11", "source": "Pell Herald"}]
    ingest([_write(tmp_path / "later.jsonl", later)], store)
    with open_store(store) as db:
        picture = current(db)
        raid_members = sorted(r for r, e in picture.event_of.items() if e in events)
        assert len(raid_members) == 3
        assert raid_members not in compared, "the raid's unchanged event was compared again"
        assert any(len(group) == 2 for group in compared), "the new event was not compared"
        assert encode(picture) == encode(fuse(list(db.iter_extractions())))


keys_of = st.dictionaries(st.sampled_from([f"r{k}" for k in range(12)]),
                          st.sampled_from(["harbour", "valley", "lamp", "r3", "r7", "pell", "quay"]))


@settings(max_examples=200, deadline=None)
@given(keys_of, st.lists(st.tuples(st.sampled_from([f"r{k}" for k in range(14)]),
                                   st.sampled_from([f"r{k}" for k in range(14)])), max_size=8))
def test_sources_joined_from_kept_keys_are_those_of_a_union_over_all_keys(
    keys: dict[str, str], pairs: list[tuple[str, str]]
) -> None:
    # The plain way: every key a set of its own, the copies' keys joined.
    uf: UnionFind[str] = UnionFind(keys.values())
    for a, b in pairs:
        if a in keys and b in keys:
            uf.union(keys[a], keys[b])
    assert joined_sources(keys, pairs) == {r: uf.find(k) for r, k in keys.items()}


def test_outlet_keys_are_kept_for_every_report_and_dropped_with_it(tmp_path: Path) -> None:
    raid = RAID.format(day="Monday", n=77)
    records = [
        {"id": "a", "text": raid, "published": "2026-03-03", "source": "Harbour Times"},
        {"id": "b", "text": raid.replace("Monday", "Monday night"), "published": "2026-03-04",
         "url": "https://news.example.co.uk/raid"},
        {"id": "c", "text": OTHER.format(n=12), "published": "2026-04-04"},
    ]
    store = tmp_path / "store.db"
    ingest([_write(tmp_path / "first.jsonl", records)], store)
    with open_store(store) as db:
        keys = db.event_parts().source_keys()
        assert keys == {r.id: source_key(r) for r in db.report_heads()}
        assert "example.co.uk" in keys.values() and "harbour times" in keys.values()
        lone = next(r for r, k in keys.items() if k == r)  # no outlet: the report is its own
        assert db.remove(lone)
        assert encode(current(db)) == encode(fuse(list(db.iter_extractions())))
        assert set(db.event_parts().source_keys()) == set(keys) - {lone}


def test_a_store_without_kept_keys_works_them_out_and_keeps_its_picture(tmp_path: Path) -> None:
    raid = RAID.format(day="Friday", n=90)
    records = [{"id": "a", "text": raid, "published": "2026-03-03", "source": "Harbour Times"},
               {"id": "b", "text": raid.replace("Friday", "Friday night"), "published": "2026-03-04",
                "source": "Valley Courier"}]
    store = tmp_path / "store.db"
    ingest([_write(tmp_path / "first.jsonl", records)], store)
    conn = sqlite3.connect(store)
    conn.execute("DELETE FROM picture_source_keys")  # as an older store has none
    conn.commit()
    conn.close()
    later = [{"id": "c", "text": OTHER.format(n=8), "published": "2026-05-10", "source": "Harbour Times"}]
    ingest([_write(tmp_path / "later.jsonl", later)], store)
    with open_store(store) as db:
        assert encode(current(db)) == encode(fuse(list(db.iter_extractions())))
        assert set(db.event_parts().source_keys()) == {r.id for r in db.report_heads()}
        assert len(db.event_parts().source_keys()) == 3


def test_a_store_of_the_versions_before_upgrades_and_keeps_its_picture(tmp_path: Path) -> None:
    records = [{"id": "a", "text": RAID.format(day="Sunday", n=40), "published": "2026-03-03"}]
    store = tmp_path / "store.db"
    ingest([_write(tmp_path / "first.jsonl", records)], store)
    conn = sqlite3.connect(store)
    conn.execute("DROP TABLE picture_source_keys")
    conn.execute("DROP INDEX reports_stamp")
    conn.execute("DROP INDEX reports_outlet")
    conn.execute("DROP TABLE policy_alias_keys")
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(SOURCE_KEYS_SCHEMA)}")
    conn.commit()
    conn.close()
    with open_store(store) as db:
        assert db.version == len(MIGRATIONS)
        assert db.stored_picture(db.state()) is not None, "the stored picture was dropped"
        assert db.event_parts().source_keys() == {}


def test_a_key_kept_for_another_source_or_url_is_worked_out_again(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    first = [{"id": "a", "text": OTHER.format(n=19), "url": "https://www.quay.example.org/x"}]
    ingest([_write(tmp_path / "first.jsonl", first)], store)
    # As if the key were kept for an earlier report stored under the same id with another outlet.
    conn = sqlite3.connect(store)
    conn.execute("UPDATE picture_source_keys SET source = 'Harbour Times', key = 'harbour times'")
    conn.commit()
    conn.close()
    with open_store(store) as db:
        assert db.event_parts().source_keys() == {}, "a key kept for another source was taken"
    # A retelling of the same story: the update looks at the first report again, and does not take the
    # key kept for it.
    later = [{"id": "b", "text": OTHER.format(n=19).replace("regional", "district"), "source": "Pell Herald"}]
    ingest([_write(tmp_path / "later.jsonl", later)], store)
    with open_store(store) as db:
        keys = db.event_parts().source_keys()
        assert sorted(keys.values()) == ["example.org", "pell herald"]
        assert encode(current(db)) == encode(fuse(list(db.iter_extractions())))
