"""Grouping over arrays groups exactly as the plain report-by-report reference does."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.fuse import event_columns, event_scores
from ringscope.fuse.events import EventFeatures, EventSettings, group_features, score_pairs

from . import event_reference as reference


def _docs(seed: int, n: int) -> list[EventFeatures]:
    """Invented evidence with many shared words, tied weights, long and empty word lists."""
    rng = random.Random(seed)
    names = [f"{kind}:place {k}" for kind in "LOP" for k in range(rng.randint(3, 30))]
    figures = [f"n:{v}" for v in (5, 12, 40, 300, 1000)]
    vocabulary = rng.randint(30, 600)
    docs = []
    for k in range(n):
        size = rng.choice([0, rng.randint(1, 20), rng.randint(20, 90), rng.randint(80, 170)])
        ids = np.array(sorted(rng.sample(range(1, vocabulary + 200), min(size, vocabulary + 199))), np.uint32)
        counts = np.array([rng.choice([1, 1, 1, 2, 3, 7]) for _ in ids], np.float64)
        rarity = np.array([rng.choice([2.5, 4.0, 8.0, 8.0, rng.uniform(0, 8)]) for _ in ids], np.float64)
        day = None if rng.random() < 0.2 else dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 60))
        docs.append(EventFeatures(f"r{k:04d}", day, set(rng.sample(figures, rng.randint(0, 2))),
                                  set(rng.sample(names, rng.randint(0, 4))), ids, counts, rarity))
    # Copies of a report: equal scores that only the pair order tells apart.
    for k in range(n // 10):
        doc = docs[rng.randrange(n)]
        docs.append(EventFeatures(f"c{k:04d}", doc.published, set(doc.figures), set(doc.names),
                                  doc.term_ids, doc.term_counts, doc.term_rarity))
    return docs


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 160), st.sampled_from([3, 9, 25]))
def test_array_grouping_is_the_reference_grouping(seed: int, n: int, max_block: int) -> None:
    docs = _docs(seed, n)
    cfg = EventSettings(max_block=max_block, top_terms=40, block_terms=6, threshold=0.12)
    expected = reference.scores(docs, cfg)
    found = score_pairs(docs, cfg)
    assert found.keys() == expected.keys()
    for pair, score in expected.items():
        assert abs(found[pair] - score) < 1e-12
    assert group_features(docs, cfg) == reference.group(docs, cfg)


def test_reference_comparison_sees_groups() -> None:
    docs = _docs(7, 150)
    cfg = EventSettings(max_block=25, top_terms=40, block_terms=6, threshold=0.12)
    groups = reference.group(docs, cfg)
    assert len({e for e in groups.values() if e}) > 3, "the invented reports should make some events"
    assert group_features(docs, cfg) == groups


def test_grouping_the_columns_is_grouping_the_reports() -> None:
    docs = _docs(11, 120)
    columns = event_columns.of(docs)
    assert group_features(columns) == group_features(docs)
    # The same reports in another order, cut in two and joined, then put in id order.
    back = columns
    shuffled = back.take(np.array(random.Random(3).sample(range(len(back)), len(back)), np.int64))
    halves = [shuffled.take(np.arange(50)), shuffled.take(np.arange(50, len(back)))]
    joined = event_columns.join(halves).by_id()
    ordered = sorted(docs, key=lambda d: d.report_id)
    assert joined.ordered_ids() == [d.report_id for d in ordered]
    assert group_features(joined) == group_features(ordered)
    expected = score_pairs(ordered)
    found = score_pairs(joined)
    assert found.keys() == expected.keys()
    assert all(abs(found[p] - s) < 1e-12 for p, s in expected.items())


def test_columns_made_apart_and_joined_group_as_made_together() -> None:
    docs = _docs(13, 140)
    # Each part has its own vocabularies: the smaller ones are recoded into the largest one's.
    joined = event_columns.join([event_columns.of(docs[:30]), event_columns.of(docs[30:120]),
                                 event_columns.of(docs[120:])])
    assert joined.report_ids == [d.report_id for d in docs]
    assert score_pairs(joined) == score_pairs(docs)
    assert group_features(joined) == group_features(docs)


def test_weighing_and_matching_in_small_chunks_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(17, 150)
    cfg = EventSettings(max_block=9, top_terms=40, block_terms=6, threshold=0.12)
    monkeypatch.setattr(event_scores, "CHUNK", 7)
    monkeypatch.setattr(event_scores, "PAIRS", 5)
    expected = reference.scores(docs, cfg)
    found = score_pairs(docs, cfg)
    assert found.keys() == expected.keys()
    assert all(abs(found[p] - s) < 1e-12 for p, s in expected.items())
    assert group_features(docs, cfg) == reference.group(docs, cfg)


def _stably_first(
    values: np.ndarray, start: np.ndarray, mask: np.ndarray | None, k: int
) -> np.ndarray:
    """The first ``k`` held values of each row in a stable sort, one row at a time."""
    expected = np.zeros(len(values), np.bool_)
    for r in range(len(start) - 1):
        held = [i for i in range(start[r], start[r + 1]) if mask is None or mask[i]]
        for i in sorted(held, key=lambda i: values[i])[:k]:
            expected[i] = True
    return expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0.5, 1.0, 1.0, 2.0, 3.25, 7.0]), max_size=40), max_size=30),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 3, 8, 20]), st.booleans())
def test_first_picks_what_a_stable_sort_puts_first(
    rows: list[list[float]], seed: int, k: int, masked: bool
) -> None:
    # Many ties: the first k of each row's held values in a stable sort, and only those.
    rng = random.Random(seed)
    values = np.array([v for row in rows for v in row], np.float64)
    start = np.zeros(len(rows) + 1, np.int64)
    np.cumsum([len(row) for row in rows], out=start[1:])
    mask = np.array([rng.random() < 0.7 for _ in values], np.bool_) if masked else None
    assert np.array_equal(event_scores._first(values, start, mask, k), _stably_first(values, start, mask, k))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 170), max_size=12), st.integers(0, 2**32 - 1), st.sampled_from([8, 80]),
       st.booleans())
def test_first_on_long_rows_picks_what_a_stable_sort_puts_first(
    lengths: list[int], seed: int, k: int, masked: bool
) -> None:
    # Rows of many widths (tables of several widths), few distinct values: many ties at the k-th.
    rng = random.Random(seed)
    values = np.array([rng.choice([-8.0, -4.5, -4.5, -2.0, -1.0, rng.uniform(-9, 0)])
                       for _ in range(sum(lengths))], np.float64)
    start = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=start[1:])
    mask = np.array([rng.random() < 0.8 for _ in values], np.bool_) if masked else None
    assert np.array_equal(event_scores._first(values, start, mask, k), _stably_first(values, start, mask, k))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("abcdefghij"), unique=True, max_size=8),
       st.lists(st.lists(st.sampled_from("abcdefghijklmnop"), unique=True, max_size=9), max_size=4))
def test_vocabulary_numbers_new_keys_after_the_base_in_first_seen_order(
    base: list[str], others: list[list[str]]
) -> None:
    at = {key: n for n, key in enumerate(base)}
    for keys in others:
        for key in keys:
            at.setdefault(key, len(at))
    added, codes = event_columns._vocabulary(base, others)
    assert [*base, *added] == list(at)
    assert [c.tolist() for c in codes] == [[at[key] for key in keys] for keys in others]
