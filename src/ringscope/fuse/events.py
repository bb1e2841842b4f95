"""Same-event grouping: reports of one real-world event share an event id.

Two kinds of evidence are combined for a pair of reports:

- the wording: cosine over content words weighed by their rarity in English and in the
  collection (:mod:`ringscope.fuse.event_scores`), each report reduced to its ``top_terms``
  most distinctive words (bounded memory per report);
- the extracted items: weighted Jaccard overlap of the figures a report states
  (claim values, route counts) and the names it mentions.

Candidate pairs come from blocking, never from all pairs: an inverted index
over each report's most distinctive words, figures and names, where a key
carried by more than ``max_block`` reports is too common to block on. The
number of candidate pairs therefore grows with the corpus, not its square.
A candidate pair is confirmed when its combined score reaches ``threshold``
and the publication dates, where both are known, are close; confirmed pairs
are joined into groups by average linkage. Event ids derive from the members' ids, so the same
input gives the same ids on every run, in any order. A stored collection keeps its pair scores and
redoes only what new, changed and removed reports touch (:mod:`ringscope.fuse.events_update`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np
from wordfreq import get_frequency_dict

from ringscope.fuse.event_scores import Vector, block_keys, item_weight, pair_score, vector
from ringscope.fuse.events_model import EventFeatures, EventSettings
from ringscope.fuse.names import resolution_key
from ringscope.fuse.stopwords import STOPWORDS
from ringscope.fuse.unionfind import UnionFind
from ringscope.model import Extraction, Report, make_id

__all__ = ["EventFeatures", "EventSettings", "features", "group_events", "group_features"]

MIN_FIGURE = 5
"""Figures below this are too common (one, two, three people) to mean anything."""
EDGE_FLOOR = 0.25
"""Pair scores below this share of the threshold are dropped before linkage (they count as 0)."""
KEEP_TERMS = 160
"""Words kept per report before the collection is known (twice the default ``top_terms``)."""

_WORD = re.compile(r"[^\W\d_]{3,}")


def _figure(value: float) -> str:
    return f"n:{float(f'{value:.4g}'):g}"


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    frequencies: dict[str, float] = get_frequency_dict("en")
    return frequencies


@lru_cache(maxsize=1 << 18)
def rarity(word: str) -> float:
    """How rare a word is in general English (wordfreq's Zipf scale turned around: 0 common, 8 unseen)."""
    frequency = _frequencies().get(word)
    return max(0.0, -1.0 - math.log10(frequency)) if frequency else 8.0


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
            feats.names.add(f"{entity.type[0]}:{key}")
    words = Counter(_WORD.findall(report.text.lower()))
    for stopword in STOPWORDS.intersection(words):
        del words[stopword]
    if words:
        # Keep a report's most distinctive words only: memory per report stays bounded.
        rare = {w: rarity(w) for w in words}
        log = math.log
        weight = {w: (1.0 + log(n)) * rare[w] for w, n in words.items()}
        # Heaviest first, ties in first-seen order (reverse keeps a sort stable).
        ranked = sorted(words, key=weight.__getitem__, reverse=True)[:KEEP_TERMS]
        crc32 = zlib.crc32  # a word's term id: the CRC-32 of its UTF-8 bytes
        ids = np.array([crc32(w.encode("utf-8")) for w in ranked], np.uint32)
        order = np.argsort(ids)
        feats.term_ids = ids[order]
        feats.term_counts = np.array([words[w] for w in ranked], np.float64)[order]
        feats.term_rarity = np.array([rare[w] for w in ranked], np.float64)[order]
    return feats


def term_counts(docs: Iterable[EventFeatures]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct word ids of ``docs`` (sorted) and how many of the reports use each."""
    every = [doc.term_ids for doc in docs]
    return np.unique(np.concatenate(every) if every else np.zeros(0, np.uint32), return_counts=True)


def _vectors(docs: Sequence[EventFeatures], cfg: EventSettings) -> list[Vector]:
    terms, counts = term_counts(docs)
    return [vector(doc, counts[np.searchsorted(terms, doc.term_ids)], cfg) for doc in docs]


def _item_weights(docs: Sequence[EventFeatures]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.items())
    return {key: item_weight(key, count) for key, count in df.items()}


def iter_candidates(
    docs: Sequence[EventFeatures], vectors: Sequence[Vector], max_block: int
) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of reports sharing a name or distinctive word that few reports carry.

    Keys carried by more than ``max_block`` reports are not used.

    Streams the pairs report by report, so memory holds the index, never the set of all pairs.
    """
    keys: list[list[str]] = []
    index: dict[str, list[int]] = defaultdict(list)
    for i, (doc, vec) in enumerate(zip(docs, vectors, strict=True)):
        own = block_keys(doc, vec)
        keys.append(own)
        for key in own:
            index[key].append(i)
    for i, own in enumerate(keys):
        partners: set[int] = set()
        for key in own:
            members = index[key]
            if 1 < len(members) <= max_block:
                partners.update(j for j in members if j > i)
        for j in sorted(partners):
            yield i, j


def candidate_pairs(
    docs: Sequence[EventFeatures], vectors: Sequence[Vector], max_block: int
) -> set[tuple[int, int]]:
    """All candidate pairs as a set (for inspection; grouping streams them)."""
    return set(iter_candidates(docs, vectors, max_block))


def iter_scores(
    docs: Sequence[EventFeatures], cfg: EventSettings | None = None
) -> Iterator[tuple[int, int, float]]:
    """Combined scores of the candidate pairs (index pairs into ``docs``), streamed."""
    cfg = cfg or EventSettings()
    vectors = _vectors(docs, cfg)
    weights = _item_weights(docs)
    for i, j in iter_candidates(docs, vectors, cfg.max_block):
        score = pair_score(docs[i], docs[j], vectors[i], vectors[j], weights, cfg)
        if score is not None:
            yield i, j, score


def score_pairs(
    docs: Sequence[EventFeatures], cfg: EventSettings | None = None
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
    uf: UnionFind[int] = UnionFind(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for (i, j), score in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if score < threshold:
            break
        ra, rb = uf.find(i), uf.find(j)
        if ra == rb:
            continue
        a, b = members[ra], members[rb]
        total = math.fsum(edges.get((x, y) if x < y else (y, x), 0.0) for x in a for y in b)
        if total / (len(a) * len(b)) >= threshold:
            uf.union(ra, rb)
            members[uf.find(ra)] = a + b
    return uf.groups()


def group_features(docs: Sequence[EventFeatures], cfg: EventSettings | None = None) -> dict[str, str | None]:
    """Event ids of reports from their features (see :func:`average_linkage`); the same in any order."""
    cfg = cfg or EventSettings()
    docs = sorted(docs, key=lambda doc: doc.report_id)
    floor = cfg.threshold * EDGE_FLOOR
    edges = {(i, j): score for i, j, score in iter_scores(docs, cfg) if score >= floor}
    return event_ids([doc.report_id for doc in docs], average_linkage(len(docs), edges, cfg.threshold))


def event_ids(report_ids: Sequence[str], groups: Iterable[list[int]]) -> dict[str, str | None]:
    """Report id -> event id of the groups (index lists into ``report_ids``); None for a lone report."""
    result: dict[str, str | None] = dict.fromkeys(report_ids)
    for group in groups:
        if len(group) > 1:
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
