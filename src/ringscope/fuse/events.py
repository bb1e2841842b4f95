"""Same-event grouping: reports of one real-world event share an event id.

Two kinds of evidence are combined for a pair of reports:

- the wording: cosine over content words weighed by how rare they are in general English (and
  how often the report uses them), each report reduced to its ``top_terms`` heaviest words
  (bounded memory per report);
- the extracted items: weighted Jaccard overlap of the figures a report states
  (claim values, route counts) and the names it mentions (figures weigh more).

No weight depends on the rest of the collection, so a pair's score depends on its two reports
alone: a store keeps the scores and works out those of new reports only
(:mod:`ringscope.fuse.event_links`).

Candidate pairs come from blocking, never from all pairs: an inverted index
over each report's most distinctive words, figures and names, where a key
carried by more than ``max_block`` reports is too common to block on. The
number of candidate pairs therefore grows with the corpus, not its square.
A candidate pair is confirmed when its combined score reaches ``threshold``
and the publication dates, where both are known, are close; confirmed pairs
are joined into groups. Event ids derive from the members' ids, so the same
input gives the same ids on every run.

The weights, blocking and scores of many reports are worked out together with arrays
(:mod:`ringscope.fuse.event_scores` over the columns of
:mod:`ringscope.fuse.event_columns`); this module works out each report's evidence
and links the scored pairs into groups.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import operator
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt
from wordfreq import get_frequency_dict

from ringscope.fuse import event_columns
from ringscope.fuse.event_blocks import NO_DATE
from ringscope.fuse.event_columns import EventColumns
from ringscope.fuse.event_scores import blocked_pairs, pair_scores
from ringscope.fuse.names import resolution_key
from ringscope.fuse.stopwords import STOPWORDS
from ringscope.fuse.unionfind import UnionFind
from ringscope.model import Extraction, Report, make_id

MIN_FIGURE = 5
"""Figures below this are too common (one, two, three people) to mean anything."""
EDGE_FLOOR = 0.25
"""Pair scores below this share of the threshold are dropped before linkage (they count as 0)."""
KEEP_TERMS = 160
"""Words kept per report before the collection is known (twice the default ``top_terms``)."""

_WORD = re.compile(r"[^\W\d_][^\W\d_]{2,}")
"""Words of three letters or more (opening with a class, the pattern lets re jump between letters)."""
_K = TypeVar("_K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class EventSettings:
    threshold: float = 0.26
    """Minimum combined score to confirm a candidate pair."""
    text_weight: float = 0.8
    """Share of the wording (TF-IDF cosine) in the combined score; the rest is item overlap."""
    max_days: int = 21
    """Reports published further apart than this are not one event."""
    max_block: int = 25
    """Blocking keys carried by more reports than this are not used."""
    top_terms: int = 80
    """Words kept per report for the cosine."""
    block_terms: int = 8
    """Most distinctive words per report used as blocking keys."""


@dataclass(slots=True)
class EventFeatures:
    report_id: str
    published: dt.date | None
    figures: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    term_ids: npt.NDArray[np.uint32] = field(default_factory=lambda: np.zeros(0, np.uint32))
    term_counts: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    term_rarity: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    def items(self) -> set[str]:
        return self.figures | self.names


def _figure(value: float) -> str:
    return sys.intern(f"n:{float(f'{value:.4g}'):g}")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    # Called as wordfreq's own word look-ups call it ("best" list given), so the one cached dict
    # serves both (entity_rare.py asks wordfreq for Zipf frequencies in the same process).
    frequencies: dict[str, float] = get_frequency_dict("en", "best")
    return frequencies


class _Remembered(dict[_K, float]):
    """Values of a pure function of one key, worked out on first look-up and remembered (at most
    ``limit`` of them: past that the memory starts over). A hit is a plain dict look-up, so
    ``map(remembered.__getitem__, keys)`` runs without a Python call per known key."""

    def __init__(self, work: Callable[[_K], float], limit: int) -> None:
        super().__init__()
        self.work, self.limit = work, limit

    def __missing__(self, key: _K) -> float:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.work(key)
        return value


def _rarity(word: str) -> float:
    frequency = _frequencies().get(word)
    return max(0.0, -1.0 - math.log10(frequency)) if frequency else 8.0


def _damped(count: int) -> float:
    return 1.0 + math.log(count)


_RARITY: _Remembered[str] = _Remembered(_rarity, 1 << 18)
_DAMPED: _Remembered[int] = _Remembered(_damped, 1 << 12)
"""A word's count as it weighs: ``1 + log(count)``."""


def rarity(word: str) -> float:
    """How rare a word is in general English (wordfreq's Zipf scale turned around: 0 common, 8 unseen)."""
    return _RARITY[word]


def features(report: Report, extraction: Extraction) -> EventFeatures:
    """The evidence one report brings to grouping."""
    published = None
    if report.published:
        try:
            published = dt.date.fromisoformat(report.published[:10])
        except ValueError:
            published = None
    feats = EventFeatures(report.id, published)
    for claim in extraction.claims:
        for value in {claim.value, claim.low, claim.high}:
            if value is not None and value >= MIN_FIGURE:
                feats.figures.add(_figure(value))
    for route in extraction.routes:
        if route.count is not None and route.count >= MIN_FIGURE:
            feats.figures.add(_figure(route.count))
    for entity in extraction.entities:
        key = resolution_key(entity.name, entity.type)
        if key:
            feats.names.add(sys.intern(f"{entity.type[0]}:{key}"))  # one copy across the reports
    # Stopwords left out while counting: the same counts, in the same first-seen order.
    words = Counter(itertools.filterfalse(STOPWORDS.__contains__, _WORD.findall(report.text.lower())))
    if words:
        # Keep a report's most distinctive words only: memory per report stays bounded. The words
        # in first-seen order, their counts, rarity and weight (1 + log(count)) * rarity, as lists
        # built by map: no Python call per word.
        terms, counts = list(words), list(words.values())
        rare = list(map(_RARITY.__getitem__, terms))
        weight = list(map(operator.mul, map(_DAMPED.__getitem__, counts), rare))
        # Heaviest first, ties in first-seen order (reverse keeps a sort stable).
        ranked = sorted(range(len(terms)), key=weight.__getitem__, reverse=True)[:KEEP_TERMS]
        # A word's term id: the CRC-32 of its UTF-8 bytes.
        ids = np.array(list(map(zlib.crc32, map(str.encode, map(terms.__getitem__, ranked)))), np.uint32)
        order = np.argsort(ids)
        feats.term_ids = ids[order]
        feats.term_counts = np.array(list(map(counts.__getitem__, ranked)), np.float64)[order]
        feats.term_rarity = np.array(list(map(rare.__getitem__, ranked)), np.float64)[order]
    return feats


def candidate_pairs(
    docs: Sequence[EventFeatures] | EventColumns, max_block: int, cfg: EventSettings | None = None
) -> set[tuple[int, int]]:
    """Index pairs (i < j) of reports sharing a name or distinctive word that more than one and at
    most ``max_block`` reports carry, whatever their dates (for inspection; grouping also drops
    pairs published too far apart)."""
    cfg = cfg or EventSettings()
    columns = docs if isinstance(docs, EventColumns) else event_columns.of(docs)
    undated = dataclasses.replace(columns, days=np.full(len(columns), NO_DATE, np.int64))
    left, right = blocked_pairs(undated, cfg.top_terms, cfg.block_terms, max_block, cfg.max_days)
    return set(zip(left.tolist(), right.tolist(), strict=True))


def iter_scores(
    docs: Sequence[EventFeatures] | EventColumns, cfg: EventSettings | None = None
) -> Iterator[tuple[int, int, float]]:
    """Combined scores of the candidate pairs (index pairs into ``docs``), pair by pair."""
    cfg = cfg or EventSettings()
    columns = docs if isinstance(docs, EventColumns) else event_columns.of(docs)
    left, right, scores = pair_scores(columns, cfg.text_weight, cfg.top_terms, cfg.block_terms, cfg.max_block,
                                      cfg.max_days)
    yield from zip(left.tolist(), right.tolist(), scores.tolist(), strict=True)


def score_pairs(
    docs: Sequence[EventFeatures] | EventColumns, cfg: EventSettings | None = None
) -> dict[tuple[int, int], float]:
    """Combined scores of all candidate pairs (for inspection and calibration)."""
    return {(i, j): score for i, j, score in iter_scores(docs, cfg)}


def group_events(
    items: Iterable[tuple[Report, Extraction]], settings: EventSettings | None = None
) -> dict[str, str | None]:
    """Map every report id to its event id, or None when no other report tells the same event."""
    cfg = settings or EventSettings()
    docs = [features(report, extraction) for report, extraction in items]
    return group_features(docs, cfg)


def average_linkage(n: int, edges: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Groups of ``n`` items joined by average linkage over scored pairs ``(i, j)`` with ``i < j``.

    Pairs are taken strongest first; two groups join only when the mean score over all pairs between
    them (unscored pairs count as 0) reaches the threshold, so one weak bridge between two events told
    in similar words does not chain them together.
    """
    groups = _linked(edges, threshold)
    touched = {i for group in groups for i in group}
    return groups + [[i] for i in range(n) if i not in touched]


def _linked(
    edges: dict[tuple[int, int], float], threshold: float,
    ranked: Iterable[tuple[tuple[int, int], float]] | None = None,
) -> list[list[int]]:
    """The groups of more than one item :func:`average_linkage` makes (only items of a pair reaching
    the threshold can join one). ``ranked``: the edges strongest first, pairs in order among equal
    scores, when the caller has them so."""
    uf: UnionFind[int] = UnionFind()
    members: dict[int, list[int]] = {}
    for (i, j), score in sorted(edges.items(), key=lambda e: (-e[1], e[0])) if ranked is None else ranked:
        if score < threshold:
            break
        ra, rb = uf.find(i), uf.find(j)
        if ra == rb:
            continue
        a, b = members.get(ra, [ra]), members.get(rb, [rb])
        total = sum(edges.get((x, y) if x < y else (y, x), 0.0) for x in a for y in b)
        if total / (len(a) * len(b)) >= threshold:
            uf.union(ra, rb)
            members[uf.find(ra)] = a + b
    return [group for group in uf.groups() if len(group) > 1]


def group_features(
    docs: Sequence[EventFeatures] | EventColumns, cfg: EventSettings | None = None
) -> dict[str, str | None]:
    """Event ids of reports from their features (see :func:`average_linkage`)."""
    cfg = cfg or EventSettings()
    columns = docs if isinstance(docs, EventColumns) else event_columns.of(docs)
    return events_of(columns.ordered_ids(), *strong_pairs(columns, cfg), cfg.threshold)


def strong_pairs(columns: EventColumns, cfg: EventSettings) -> tuple[list[int], list[int], list[float]]:
    """The candidate pairs (places ``left[k] < right[k]`` in grouping order) scoring at least the
    share :data:`EDGE_FLOOR` of the threshold, with their scores: the pairs linkage looks at."""
    left, right, scores = pair_scores(columns, cfg.text_weight, cfg.top_terms, cfg.block_terms, cfg.max_block,
                                      cfg.max_days)
    strong = np.flatnonzero(scores >= cfg.threshold * EDGE_FLOOR)
    return left[strong].tolist(), right[strong].tolist(), scores[strong].tolist()


def events_of(
    report_ids: Sequence[str], left: list[int], right: list[int], scores: list[float], threshold: float
) -> dict[str, str | None]:
    """Event ids of ``report_ids`` (in grouping order) linked by the scored pairs ``left[k] <
    right[k]`` (places in ``report_ids``) by :func:`average_linkage`."""
    # Strongest first, pairs in order among equal scores.
    ranked = sorted(zip(zip(left, right, strict=True), scores, strict=True), key=lambda e: (-e[1], e[0]))
    result: dict[str, str | None] = dict.fromkeys(report_ids)
    for group in _linked(dict(ranked), threshold, ranked):
        ids = sorted(report_ids[i] for i in group)
        event_id = "ev-" + make_id("event", ids[0])[:12]
        for report_id in ids:
            result[report_id] = event_id
    return result


def same_event_pairs(assign: Mapping[str, object]) -> set[tuple[str, str]]:
    """The pairs of report ids (sorted) that share an event id; None means alone."""
    by: dict[object, list[str]] = defaultdict(list)
    for report_id, event_id in assign.items():
        if event_id is not None:
            by[event_id].append(report_id)
    return {(a, b) for members in by.values() for a, b in itertools.combinations(sorted(members), 2)}
