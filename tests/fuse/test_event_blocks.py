"""Candidate pairs worked out with arrays are the pairs sharing a rare key whose dates are close enough."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.fuse.event_blocks import NO_DATE, coded_candidates, dated_candidates
from ringscope.fuse.events import EventFeatures, EventSettings, score_pairs

from . import event_reference as reference


def _docs(seed: int) -> list[EventFeatures]:
    rng = random.Random(seed)
    places = [f"L:harbour {n}" for n in range(12)]
    docs = []
    for n in range(120):
        day = None if rng.random() < 0.2 else dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 90))
        names = set(rng.sample(places, rng.randint(0, 3)))
        ids = np.array(sorted(rng.sample(range(1, 400), 12)), np.uint32)
        docs.append(EventFeatures(f"r{n:03d}", day, set(), names, ids, np.ones(12), np.full(12, 3.0)))
    return docs


def test_array_candidates_are_the_streamed_ones_with_close_dates() -> None:
    cfg = EventSettings(max_block=9)
    for seed in (1, 2, 3):
        docs = _docs(seed)
        vectors = reference.vectors(docs, cfg)
        expected = reference.candidates(docs, vectors, cfg)
        keys = [[*doc.names, *vec.block] for doc, vec in zip(docs, vectors, strict=True)]
        days = np.array([d.published.toordinal() if d.published else NO_DATE for d in docs], np.int64)
        left, right = dated_candidates(keys, days, cfg.max_block, cfg.max_days)
        assert list(zip(left.tolist(), right.tolist(), strict=True)) == expected
        assert expected, "the invented reports should share some keys"
        assert sorted(score_pairs(docs, cfg)) == expected


def test_cosine_counts_only_shared_words() -> None:
    docs = [EventFeatures("a", None, names={"L:quay"}, term_ids=np.array([3, 5, 9], np.uint32),
                          term_counts=np.ones(3), term_rarity=np.ones(3)),
            EventFeatures("b", None, names={"L:quay"}, term_ids=np.array([1, 5, 9, 11], np.uint32),
                          term_counts=np.ones(4), term_rarity=np.ones(4)),
            EventFeatures("c", None, names={"L:quay"}, term_ids=np.array([2, 4], np.uint32),
                          term_counts=np.ones(2), term_rarity=np.ones(2))]
    cfg = EventSettings(text_weight=1.0)
    a, b, _ = reference.vectors(docs, cfg)
    expected = sum(float(a.weights[k]) * float(b.weights[list(b.ids).index(t)])
                   for k, t in enumerate(a.ids) if int(t) in {5, 9})
    found = score_pairs(docs, cfg)
    assert abs(found[0, 1] - expected) < 1e-12
    assert found[0, 2] == 0.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 19)), max_size=200), st.integers(0, 2**32 - 1),
       st.sampled_from([2, 3, 6]))
def test_keys_carried_once_or_too_often_are_dropped_before_sorting_to_the_same_pairs(
    entries: list[tuple[int, int]], seed: int, max_block: int
) -> None:
    # Densely numbered keys take the early cut; the same keys spread far apart are sorted whole.
    rng = random.Random(seed)
    days = np.array([NO_DATE if rng.random() < 0.3 else rng.randint(0, 40) for _ in range(20)], np.int64)
    codes = np.array([c for c, _ in entries], np.int64)
    owners = np.array([o for _, o in entries], np.int64)
    dense = coded_candidates(codes, owners, days, max_block, 10)
    spread = coded_candidates(codes * 10**9, owners, days, max_block, 10)
    assert dense[0].tolist() == spread[0].tolist() and dense[1].tolist() == spread[1].tolist()
