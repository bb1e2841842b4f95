"""The stored picture kept up to date by parts: new, re-extracted and removed reports change only
what they touch, and the picture is always the one fused from the store's reports at once."""

from __future__ import annotations

import dataclasses
import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from ringscope.api import ingest, open_store
from ringscope.fuse import fuse
from ringscope.fuse.stored import current, encode
from ringscope.store.picture import PictureRows


def _lines() -> list[str]:
    text = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _rows(path: Path) -> PictureRows:
    with open_store(path) as store:
        rows = store.stored_picture(store.state())
    assert rows is not None, "no picture of the store's current state"
    return rows


def _rowids(path: Path, table: str) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {str(i): int(r) for r, i in conn.execute(f"SELECT rowid, id FROM {table}")}  # noqa: S608
    finally:
        conn.close()


def _same_as_fused_at_once(path: Path) -> None:
    with open_store(path) as store:
        pairs = list(store.iter_extractions())
        kept = current(store)
    assert encode(kept) == encode(fuse(pairs))


@pytest.fixture()
def store_of_all(tmp_path: Path) -> Path:
    source = tmp_path / "all.jsonl"
    source.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    ingest([source], tmp_path / "store.db")
    return tmp_path / "store.db"


def test_ten_batches_give_the_picture_of_one_item_for_item_and_in_order(
    store_of_all: Path, tmp_path: Path
) -> None:
    lines = _lines()
    store = tmp_path / "batches.db"
    for n in range(10):
        part = tmp_path / f"part{n}.jsonl"
        part.write_text("".join(line + "\n" for line in lines[n::10]), encoding="utf-8")
        ingest([part], store)
    once, tenfold = _rows(store_of_all), _rows(store)
    assert once.events and once.entities and once.figures
    assert sorted(once.event_of) == sorted(tenfold.event_of)
    for name in ("events", "entities", "occurrences", "figures"):
        assert getattr(once, name) == getattr(tenfold, name), name  # the same items in the same order
    assert sorted(once.flags) == sorted(tenfold.flags)
    _same_as_fused_at_once(store)


def test_a_new_report_rewrites_only_the_figures_of_the_scopes_it_touches(tmp_path: Path) -> None:
    lines = _lines()
    store = tmp_path / "store.db"
    first = tmp_path / "first.jsonl"
    first.write_text("".join(line + "\n" for line in lines[:-1]), encoding="utf-8")
    ingest([first], store)
    before = _rowids(store, "picture_figures")
    entities_before = _rowids(store, "picture_entities")
    last = tmp_path / "last.jsonl"
    last.write_text(lines[-1] + "\n", encoding="utf-8")
    ingest([last], store)
    after = _rowids(store, "picture_figures")
    kept = {i for i in before if after.get(i) == before[i]}
    assert kept, "every figure was written again"
    with open_store(store) as db:
        picture = current(db)
    new_id = list(picture.reports)[-1]
    touched = {picture.event_of.get(new_id) or new_id}
    for figure in picture.figures:
        scope = figure.event_id or figure.claims[0].report_id
        if scope in touched:
            assert figure.id not in kept, "a figure of the new report's scope was not redone"
        else:
            assert figure.id in kept, "a figure the new report does not touch was written again"
    entities_after = _rowids(store, "picture_entities")
    assert any(entities_after.get(i) == r for i, r in entities_before.items())
    _same_as_fused_at_once(store)


def test_removing_a_report_updates_the_stored_picture(store_of_all: Path) -> None:
    with open_store(store_of_all) as store:
        event_member = next(r for r, e in current(store).event_of.items() if e)
        assert store.remove(event_member)
        picture = current(store)
        assert event_member not in picture.reports and event_member not in picture.event_of
        assert all(event_member not in e.report_ids for e in picture.events)
        assert all(ref.report_id != event_member for f in picture.figures for ref in f.claims)
        assert all(o.report_id != event_member for e in picture.entities for o in e.occurrences)
    _same_as_fused_at_once(store_of_all)


def test_a_re_extracted_report_updates_its_figures_and_entities(store_of_all: Path) -> None:
    with open_store(store_of_all) as store:
        picture = current(store)
        target = next(f.claims[0].report_id for f in picture.figures if f.claims)
        extraction = store.get_extraction(target)
        assert extraction.claims
        fewer = dataclasses.replace(
            extraction, claims=extraction.claims[1:], entities=extraction.entities[1:]
        )
        store.replace_extraction(target, fewer, "test-version")
        updated = current(store)
        claims = [ref.claim for f in updated.figures for ref in f.claims if ref.report_id == target]
        assert len(claims) == len(fewer.claims)
        assert extraction.claims[0] not in claims or extraction.claims.count(extraction.claims[0]) > 1
    _same_as_fused_at_once(store_of_all)


def test_items_are_encoded_as_asdict_gives_them(store_of_all: Path) -> None:
    from ringscope.fuse.stored import plain

    with open_store(store_of_all) as store:
        picture = current(store)
    assert picture.entities and picture.figures
    for item in [*picture.entities, *picture.figures]:
        assert plain(item) == dataclasses.asdict(item)
