"""The stored picture: kept in the store with stable ids, the same however the reports arrived."""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from ringscope.api import ingest, open_store, picture
from ringscope.fuse import fuse
from ringscope.fuse.stored import current, decode, encode
from ringscope.store.picture import PictureRows


def _lines() -> list[str]:
    text = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _stored(path: Path) -> PictureRows:
    with open_store(path) as store:
        rows = store.stored_picture(store.state())
    assert rows is not None, "ingest left no picture of the store's current state"
    return rows


@pytest.fixture(scope="module")
def one_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("one")
    source = root / "all.jsonl"
    source.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    ingest([source], root / "store.db")
    return root / "store.db"


def test_loading_in_one_batch_or_ten_gives_the_same_picture(one_batch: Path, tmp_path: Path) -> None:
    lines = _lines()
    store = tmp_path / "store.db"
    for n in range(10):
        part = tmp_path / f"part{n}.jsonl"
        part.write_text("".join(line + "\n" for line in lines[n::10]), encoding="utf-8")
        ingest([part], store)
    once, tenfold = _stored(one_batch), _stored(store)
    assert once.events and once.entities and once.figures and once.flags
    assert sorted(once.event_of) == sorted(tenfold.event_of)
    assert sorted(once.events) == sorted(tenfold.events)
    assert sorted(once.entities) == sorted(tenfold.entities)
    assert sorted(once.figures) == sorted(tenfold.figures)
    assert sorted(once.flags) == sorted(tenfold.flags)


def test_the_stored_picture_is_the_fused_one(one_batch: Path) -> None:
    with open_store(one_batch) as store:
        pairs = list(store.iter_extractions())
        fused = fuse(pairs)
        loaded = decode({r.id: r for r, _ in pairs}, _stored(one_batch))
    assert loaded == fused
    bare = [o.entity for e in loaded.entities for o in e.occurrences if not o.entity.roles]
    assert bare and len({id(x) for x in bare}) == len(bare)
    assert len({id(x.roles) for x in bare}) == 1  # one shared empty list, not one each
    assert encode(loaded) == encode(fused)


def test_the_picture_read_in_small_chunks_is_the_fused_one_with_its_repeated_strings_kept_once(
    one_batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ringscope.store import picture as picture_store

    monkeypatch.setattr(picture_store, "CHUNK_ROWS", 3)
    with open_store(one_batch) as store:
        pairs = list(store.iter_extractions())
        loaded = current(store)
        with store.picture_stream(store.state()) as rows:
            assert rows is not None
            chunks = list(rows.figures)
        assert len(chunks) > 1 and all(len(chunk) <= 3 for chunk in chunks)
        assert not store._conn.in_transaction  # the read transaction ends with the block
        with store.picture_stream("not the state") as stale:
            assert stale is None
    assert loaded == fuse(pairs)
    # one string object per value: a report's id, and a measure, as every claim of the picture has it
    ids = {id(report_id) for report_id in loaded.reports}
    refs = [ref for f in loaded.figures for ref in f.claims]
    assert refs and all(id(ref.report_id) in ids for ref in refs)
    measures: dict[str, int] = {}
    assert all(measures.setdefault(ref.claim.measure, id(ref.claim.measure)) == id(ref.claim.measure)
               for ref in refs)
    names: dict[str, int] = {}
    occurrences = [o for e in loaded.entities for o in e.occurrences]
    assert len(occurrences) > len(loaded.entities)
    assert all(names.setdefault(o.entity.name, id(o.entity.name)) == id(o.entity.name) for o in occurrences)
    # and one object per offset and per amount (1 and 1.0 kept apart)
    starts: dict[int, int] = {}
    mentions = [m for o in occurrences for m in o.entity.mentions]
    assert len({m.start for m in mentions if m.start > 256}) < len([m for m in mentions if m.start > 256])
    assert all(starts.setdefault(m.start, id(m.start)) == id(m.start) for m in mentions)
    values: dict[float, int] = {}
    claims = [ref.claim for ref in refs if ref.claim.value]
    assert all(type(c.value) is float for c in claims)
    assert all(values.setdefault(c.value, id(c.value)) == id(c.value) for c in claims if c.value)


def test_removing_a_report_makes_the_stored_picture_stale_and_it_is_fused_again(
    one_batch: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    with open_store(one_batch) as source, open_store(copy) as target:
        source._conn.backup(target._conn)
    with open_store(copy) as store:
        gone = next(report.id for report, _ in store.iter_extractions())
        assert store.remove(gone)
        assert store.stored_picture(store.state()) is None
        again = current(store)
        assert gone not in again.reports and gone not in again.event_of
        assert store.stored_picture(store.state()) is not None
    assert gone not in picture(copy).event_of


def test_the_order_of_the_reports_changes_nothing_but_the_order_they_are_listed_in(one_batch: Path) -> None:
    with open_store(one_batch) as store:
        pairs = list(store.iter_extractions())
    forward, backward = fuse(pairs), fuse(reversed(pairs))
    assert encode(forward) == encode(backward)
    assert list(backward.reports) == [report.id for report, _ in reversed(pairs)]
    assert list(forward.reports) != list(backward.reports)


def test_stored_rows_the_fast_parser_does_not_read_still_decode() -> None:
    from ringscope.fuse.stored import event

    big = 2**70
    found = event("e1", '{"report_ids": ["r1", "r2"], "published": [NaN, ' + str(big) + "]}", [])
    assert found.report_ids == ["r1", "r2"]
    published: Any = found.published
    assert math.isnan(published[0]) and published[1] == big
    assert event("e2", '{"report_ids": ["r3"], "published": "2026-01-02"}', []).published == "2026-01-02"
