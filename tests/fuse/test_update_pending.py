"""An update of the stored picture reads the reports listed as changed since the last one (and those
it finds they touch), not every report's stamp and input; the picture is still the one fused at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import ringscope.store.picture_update as picture_update
from ringscope.api import ingest, open_store
from ringscope.fuse import fuse
from ringscope.fuse.stored import current, encode
from ringscope.store.migrations import MIGRATIONS
from ringscope.store.picture_pending import PENDING_SCHEMA

from .test_update_sources import RAID, _write

COURT = (
    "Border guards near Kettleford rescued {n} victims of trafficking from a guarded farm, officials "
    "said. The victims had answered advertisements for hotel work in Tessaly Vale and were held for weeks."
)


def _same_as_fused_at_once(store: Path) -> dict[str, str]:
    """The independent source of each report's claims, after checking the picture is the fused one."""
    with open_store(store) as db:
        picture = current(db)
        assert encode(picture) == encode(fuse(list(db.iter_extractions())))
        named = {r.id: str(r.external_id) for r in db.report_heads()}
        return {named[ref.report_id]: str(ref.independent) for f in picture.figures for ref in f.claims}


def _pending(store: Path) -> list[str]:
    conn = sqlite3.connect(store)
    try:
        return sorted(str(r) for (r,) in conn.execute("SELECT report_id FROM picture_pending"))
    finally:
        conn.close()


def _id(store: Path, external: str) -> str:
    with open_store(store) as db:
        return next(r.id for r in db.report_heads() if r.external_id == external)


def test_a_copy_found_in_one_event_moves_the_source_of_the_outlets_reports_elsewhere(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    raid = RAID.format(day="Thursday", n=58)
    first = [{"id": "a", "text": raid, "published": "2026-02-05", "source": "Valley Courier"},
             {"id": "c", "text": COURT.format(n=23), "published": "2026-06-01", "source": "Valley Courier"}]
    ingest([_write(tmp_path / "first.jsonl", first)], store)
    assert _same_as_fused_at_once(store)["c"] == "valley courier"
    # A copy of the raid under another outlet joins the two outlets: the court report, in no event
    # the new report touches, now counts under the joined source.
    copy = [{"id": "b", "text": raid.replace("Thursday", "Thursday night"), "published": "2026-02-06",
             "source": "Harbour Times"}]
    ingest([_write(tmp_path / "copy.jsonl", copy)], store)
    assert _pending(store) == []
    assert _same_as_fused_at_once(store)["c"] == "harbour times"
    with open_store(store) as db:
        assert db.remove(_id(store, "b"))
    assert _same_as_fused_at_once(store)["c"] == "valley courier"
    assert _pending(store) == []


def test_an_update_reads_only_the_listed_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store.db"
    first = [{"id": f"r{n}", "text": COURT.format(n=10 + n), "published": f"2026-0{1 + n % 8}-02",
              "source": f"Outlet {n}"} for n in range(6)]
    ingest([_write(tmp_path / "first.jsonl", first)], store)

    def everything(conn: sqlite3.Connection) -> object:
        raise AssertionError("an update read every report")

    monkeypatch.setattr(picture_update, "stamps", everything)
    monkeypatch.setattr(picture_update, "inputs", everything)
    later = [{"id": "z", "text": RAID.format(day="Monday", n=12), "published": "2026-03-03",
              "source": "Quay"}]
    ingest([_write(tmp_path / "later.jsonl", later)], store)
    monkeypatch.undo()
    _same_as_fused_at_once(store)


def test_a_picture_whose_inputs_were_dropped_is_fused_again_from_every_report(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    first = [{"id": f"r{n}", "text": COURT.format(n=30 + n), "source": f"Outlet {n}"} for n in range(3)]
    ingest([_write(tmp_path / "first.jsonl", first)], store)
    conn = sqlite3.connect(store)
    for table in ("picture_inputs", "picture_flags", "picture_figures"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608  (the list of reports alone cannot mend that)
    conn.commit()
    conn.close()
    later = [{"id": "z", "text": RAID.format(day="Monday", n=12), "published": "2026-03-03",
              "source": "Quay"}]
    ingest([_write(tmp_path / "later.jsonl", later)], store)
    assert sorted(_same_as_fused_at_once(store)) == ["r0", "r1", "r2", "z"]
    conn = sqlite3.connect(store)
    try:
        assert conn.execute("SELECT COUNT(*) FROM picture_inputs").fetchone()[0] == 4
    finally:
        conn.close()


def test_the_list_starts_with_the_reports_the_picture_was_not_fused_from(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    first = [{"id": f"r{n}", "text": COURT.format(n=40 + n), "source": f"Outlet {n}"} for n in range(3)]
    ingest([_write(tmp_path / "first.jsonl", first)], store)
    # As a store of the version before: no list, one report re-extracted and one removed since the
    # picture was taken (the picture keeps its inputs).
    changed, removed = _id(store, "r1"), _id(store, "r2")
    conn = sqlite3.connect(store, isolation_level=None)
    for trigger in ("added", "removed", "revised"):
        conn.execute(f"DROP TRIGGER picture_pending_{trigger}")
    conn.execute("DROP TABLE picture_pending")
    conn.execute("UPDATE reports SET revision = revision + 1 WHERE id = ?", (changed,))
    conn.execute("DELETE FROM reports WHERE id = ?", (removed,))
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(PENDING_SCHEMA)}")
    conn.close()
    with open_store(store) as db:
        assert db.version == len(MIGRATIONS)
    assert _pending(store) == sorted([changed, removed])
    _same_as_fused_at_once(store)
    assert _pending(store) == []
