"""Event evidence kept in packs: read back it is the evidence worked out afresh, packs stay few as
batches come in, and evidence kept per report by earlier versions is moved into a pack."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path

import numpy as np

from ringscope.api import ingest, open_store
from ringscope.fuse import event_columns, fuse
from ringscope.fuse.event_packs import evidence
from ringscope.fuse.events import EventFeatures, features, group_features, score_pairs
from ringscope.fuse.stored import current, encode
from ringscope.fuse.update import update


def _lines() -> list[str]:
    text = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _afresh(path: Path) -> list[EventFeatures]:
    with open_store(path) as store:
        return sorted((features(r, e) for r, e in store.iter_extractions()), key=lambda d: d.report_id)


def _kept(path: Path) -> event_columns.EventColumns:
    with open_store(path) as store:
        stamps = store.picture_parts().stamps()
        return evidence(store, stamps, {r.id: r for r in store.report_heads()}, {})


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
    finally:
        conn.close()


def test_packs_give_back_the_evidence_worked_out_afresh_and_stay_few(tmp_path: Path) -> None:
    lines = _lines()
    store = tmp_path / "batches.db"
    packs = []
    for n in range(12):
        part = tmp_path / f"part{n}.jsonl"
        part.write_text("".join(line + "\n" for line in lines[n::12]), encoding="utf-8")
        ingest([part], store)
        packs.append(_count(store, "event_feature_packs"))
    # Newer packs merge into a new one while not over twice its size: a few packs of growing sizes.
    assert max(packs) <= 4 and packs[-1] < len(packs)
    assert _count(store, "picture_features") == 0
    docs = _afresh(store)
    kept = _kept(store)
    assert kept.ordered_ids() == [d.report_id for d in docs]
    assert group_features(kept) == group_features(docs)
    assert any(group_features(docs).values()), "the sample should tell some event twice"
    expected = score_pairs(docs)
    found = score_pairs(kept)
    assert found.keys() == expected.keys()
    assert all(abs(found[p] - s) < 1e-12 for p, s in expected.items())


def test_evidence_kept_per_report_by_earlier_versions_moves_into_a_pack(tmp_path: Path) -> None:
    lines = _lines()
    store = tmp_path / "store.db"
    first = tmp_path / "first.jsonl"
    first.write_text("".join(line + "\n" for line in lines[:-2]), encoding="utf-8")
    ingest([first], store)
    # What an earlier version kept: one row per report, and no packs.
    docs = {d.report_id: d for d in _afresh(store)}
    marked = next(iter(docs.values()))
    marked.figures.add("n:424242")  # a mark to tell kept evidence from evidence worked out again
    with open_store(store) as db:
        stamps = db.picture_parts().stamps()
        rows = [(r, stamps[r], json.dumps({"published": d.published.isoformat() if d.published else None,
                                            "figures": sorted(d.figures), "names": sorted(d.names)}),
                 d.term_ids.astype(np.uint32).tobytes(), d.term_counts.astype(np.float64).tobytes(),
                 d.term_rarity.astype(np.float64).tobytes()) for r, d in docs.items()]
        db.picture_parts().save_side(rows, [])
    conn = sqlite3.connect(store)
    conn.execute("DELETE FROM event_feature_packs")
    conn.commit()
    conn.close()
    last = tmp_path / "last.jsonl"
    last.write_text("".join(line + "\n" for line in lines[-2:]), encoding="utf-8")
    ingest([last], store)
    assert _count(store, "picture_features") == 0
    assert _count(store, "event_feature_packs") == 1
    with open_store(store) as db:
        assert not update(db), "the picture should be up to date"
        kept = current(db)
        pairs = list(db.iter_extractions())
    assert _kept(store).ordered_ids() == sorted(r.id for r, _ in pairs)
    assert encode(kept) == encode(fuse(pairs))
    assert "n:424242" in _kept(store).items, "the evidence kept per report was worked out again"
