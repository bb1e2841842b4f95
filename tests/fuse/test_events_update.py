"""Same-event grouping kept by parts: after reports are added, changed and removed, the kept grouping
is the grouping of all reports at once, and it keeps the pair scores grouping everything would keep."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from ringscope.api import open_store
from ringscope.fuse.events import (
    EDGE_FLOOR,
    EventFeatures,
    EventSettings,
    features,
    group_features,
    score_pairs,
)
from ringscope.fuse.events_update import update_events
from ringscope.model import Entity, Extraction, Report

WORDS = (
    "harbour lantern quarry orchard falcon meadow copper velvet thistle glacier saffron "
    "bramble cobalt juniper marble nettle pewter quince russet sorrel tundra walnut zephyr"
).split()
PLACES = ["Ostvale", "Brennick", "Quillmere", "Tarrow", "Upsand", "Velcarra"]
SETTINGS = EventSettings(max_block=6)


def _story_words(story: int) -> list[str]:
    letters = "".join("abcdefghij"[int(d)] for d in f"{story:03d}")
    return [f"{stem}{letters}" for stem in ("velk", "drom", "sarn", "quel", "tib", "worr")]


def _doc(rng: random.Random, report_id: str, common: int) -> EventFeatures:
    story = rng.randrange(40)
    words = rng.sample(_story_words(story), 5) + rng.sample(WORDS, 3)
    words += [f"marker{'x' * (n % 7)}" for n in range(common)]
    text = " ".join(words * rng.randint(1, 3)) + " ."
    place = Entity("Location", PLACES[story % len(PLACES)])
    day = f"2026-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"
    return features(Report(text=text, published=day, id=report_id), Extraction(entities=[place]))


def _edges(path: Path) -> dict[tuple[str, str], float]:
    conn = sqlite3.connect(path)
    try:
        return {(a, b): s for a, b, s in conn.execute("SELECT a, b, score FROM event_edges")}
    finally:
        conn.close()


def _kept(path: Path) -> list[list[tuple[object, ...]]]:
    """Everything the grouping keeps, but the stamps."""
    conn = sqlite3.connect(path)
    try:
        return [
            sorted(conn.execute(sql))
            for sql in (
                "SELECT report_id, event_id, keys FROM event_docs",
                "SELECT key, n FROM event_counts",
                "SELECT key, report_id FROM event_posts",
                "SELECT a, b, score FROM event_edges",
            )
        ]
    finally:
        conn.close()


def _expected_edges(docs: dict[str, EventFeatures]) -> dict[tuple[str, str], float]:
    ordered = [docs[r] for r in sorted(docs)]
    floor = SETTINGS.threshold * EDGE_FLOOR
    return {
        (ordered[i].report_id, ordered[j].report_id): s
        for (i, j), s in score_pairs(ordered, SETTINGS).items()
        if s >= floor
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_kept_grouping_after_adding_changing_and_removing_is_the_grouping_at_once(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    path = tmp_path / "store.db"
    docs: dict[str, EventFeatures] = {}
    stamps: dict[str, str] = {}
    worked_out: list[str] = []

    def fresh(ids: list[str]) -> dict[str, EventFeatures]:
        worked_out.extend(ids)
        return {r: docs[r] for r in ids}

    serial = 0
    with open_store(path) as store:
        for step in range(10):
            for _ in range(rng.randint(10, 25)):  # new reports
                serial += 1
                docs[f"r{serial:04d}"] = _doc(rng, f"r{serial:04d}", rng.randint(0, 3))
                stamps[f"r{serial:04d}"] = f"{serial}.0"
            if step % 3 == 2:  # re-extracted reports: new evidence under a new stamp
                for report_id in rng.sample(sorted(docs), 4):
                    docs[report_id] = _doc(rng, report_id, 1)
                    stamps[report_id] = stamps[report_id] + "1"
            if step % 4 == 3:  # removed reports
                for report_id in rng.sample(sorted(docs), 5):
                    del docs[report_id], stamps[report_id]
            worked_out.clear()
            kept = update_events(store, dict(stamps), fresh, SETTINGS)
            assert kept == group_features(list(docs.values()), SETTINGS)
            assert _edges(path) == _expected_edges(docs)
            again = tmp_path / f"again{step}.db"
            with open_store(again) as other:
                update_events(other, dict(stamps), lambda ids: {r: docs[r] for r in ids}, SETTINGS)
            assert _kept(path) == _kept(again), "kept parts drifted from the parts of grouping at once"
            if step:  # after the first, only new and changed reports' evidence is worked out
                assert len(worked_out) < len(docs)
    assert any(e is not None for e in kept.values()), "the invented reports should form some events"


def test_other_settings_group_everything_again(tmp_path: Path) -> None:
    rng = random.Random(5)
    docs = {f"r{n}": _doc(rng, f"r{n}", 1) for n in range(20)}
    stamps = {r: "1.0" for r in docs}
    with open_store(tmp_path / "store.db") as store:
        update_events(store, stamps, lambda ids: {r: docs[r] for r in ids}, SETTINGS)
        other = EventSettings(max_block=3, threshold=0.3)
        kept = update_events(store, stamps, lambda ids: {r: docs[r] for r in ids}, other)
    assert kept == group_features(list(docs.values()), other)
