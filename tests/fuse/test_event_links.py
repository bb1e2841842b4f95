"""Same-event grouping kept in the store, update by update, is the grouping of all reports at once."""

from __future__ import annotations

import random
from pathlib import Path

from ringscope.fuse.events import EventSettings, features, group_features
from ringscope.fuse.update import update
from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.store import Store

from .fused_check import same_as_fused_at_once

SETTINGS = EventSettings(max_block=4, threshold=0.2)
"""Few reports may share a blocking key, so keys often start and stop blocking as reports come and go."""
SYLLABLES = ["kor", "vash", "tel", "mun", "dra", "pelo", "zir", "quen", "bax", "lom", "ust", "fey"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3))


def _reports(seed: int, n: int) -> list[tuple[Report, Extraction]]:
    """Invented reports: a few stories told several times in invented words, with invented places."""
    rng = random.Random(seed)
    stories = [[_word(rng) for _ in range(14)] for _ in range(8)]
    places = [f"{_word(rng).title()} Camp" for _ in range(6)]
    out = []
    for k in range(n):
        story = rng.randrange(len(stories))
        words = rng.sample(stories[story], 10) + [_word(rng) for _ in range(rng.randint(0, 6))]
        text = f"Report {k}. " + " ".join(words) + "."
        place = places[story % len(places)] if rng.random() < 0.7 else rng.choice(places)
        entities = [Entity("Location", place, mentions=[Mention(0, len(place), place)])]
        day = 1 + (story * 3 + rng.randint(0, 2)) % 28
        out.append((Report(text, published=f"2026-0{1 + story % 3}-{day:02d}", id=f"r{k:03d}"),
                    Extraction(entities=entities)))
    return out


def _add(store: Store, items: list[tuple[Report, Extraction]]) -> None:
    for report, extraction in items:
        assert store.add(report, extraction, "test")


def _expected(store: Store, settings: EventSettings = SETTINGS) -> dict[str, str | None]:
    """The grouping of all the store's reports at once."""
    docs = [features(report, extraction) for report, extraction in sorted(store.iter_extractions(),
                                                                         key=lambda item: item[0].id)]
    return group_features(docs, settings)


def _kept(store: Store) -> dict[str, str | None]:
    return store.picture_parts().event_of()


def test_groups_kept_through_additions_removals_and_reextraction_are_those_of_all(tmp_path: Path) -> None:
    items = _reports(5, 70)
    with Store(tmp_path / "store.db") as store:
        for low in range(0, 49, 7):
            _add(store, items[low:low + 7])
            assert update(store, SETTINGS)
            assert _kept(store) == _expected(store)
        for report_id in ("r003", "r010", "r011", "r030", "r031"):
            assert store.remove(report_id)
        assert update(store, SETTINGS)
        assert _kept(store) == _expected(store)
        moved = Extraction(entities=[Entity("Location", "Ostvel Depot", mentions=[Mention(0, 5, "Rep")])])
        for report_id in ("r004", "r020", "r040"):
            store.replace_extraction(report_id, moved, "test")
        _add(store, items[49:])
        assert update(store, SETTINGS)
        kept = _kept(store)
        assert kept == _expected(store)
        assert len({e for e in kept.values() if e}) >= 3, "the invented stories should make several events"
        conn = store._conn
        over = conn.execute("SELECT COUNT(*) FROM event_key_counts WHERE n > ?",
                            (SETTINGS.max_block,)).fetchone()[0]
        assert over > 0, "some keys should be carried by too many reports to block"


def test_an_update_left_half_done_is_worked_out_again_from_all_reports(tmp_path: Path) -> None:
    items = _reports(9, 30)
    with Store(tmp_path / "store.db") as store:
        _add(store, items[:20])
        update(store, SETTINGS)
        # As if an update had changed the keys and stopped before its pairs and groups were whole.
        store.event_links().save_keys(["r001", "r002"], [], [])
        assert store.event_links().state() is None
        _add(store, items[20:])
        update(store, SETTINGS)
        assert _kept(store) == _expected(store)
        assert store.event_links().keys_of(["r001"]), "the keys dropped were worked out again"


def test_a_store_whose_keys_are_not_kept_groups_again_at_the_next_read(tmp_path: Path) -> None:
    items = _reports(17, 24)
    with Store(tmp_path / "store.db") as store:
        _add(store, items)
        assert update(store)
        assert not update(store), "nothing changed"
        store.event_links().clear()  # as a store upgraded from a version that kept none
        assert update(store), "the grouping is worked out again though no report changed"
        assert store.event_links().keys_of(["r000"])
        same_as_fused_at_once(store)


def test_other_settings_group_again_from_all_reports(tmp_path: Path) -> None:
    items = _reports(13, 30)
    with Store(tmp_path / "store.db") as store:
        _add(store, items[:25])
        update(store, SETTINGS)
        _add(store, items[25:])
        update(store)  # the default settings
        assert _kept(store) == _expected(store, EventSettings())
