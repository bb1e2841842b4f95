"""Same-event grouping of a store kept up to date: only what new, changed and removed reports touch
is scored and linked again, and the result is the grouping of all reports at once
(:func:`ringscope.fuse.events.group_features`).

The kept parts (:mod:`ringscope.store.event_parts`) hold how many reports carry each word, name,
figure and blocking key, which reports carry the rarer ones, and the pair scores. An update:

1. counts the evidence of removed and re-extracted reports out and that of new ones in;
2. works out again the vectors of reports holding a word whose capped count moved (its weight
   changed, :mod:`ringscope.fuse.event_scores`), and thereby their blocking keys;
3. scores again every candidate pair of a report that is new, got a new vector, holds a name or
   figure whose weight moved, or lost a pair because a blocking key became too common;
4. links again, by average linkage, only the connected parts of the pair graph that hold a report
   whose pair scores changed (linkage never crosses such a part, so the others keep their events).

The first update, or one after the settings changed, groups everything and fills the parts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from ringscope.fuse.event_scores import DF_CAP, Vector, block_keys, item_weight, pair_score, vector
from ringscope.fuse.events import (
    EDGE_FLOOR,
    KEEP_TERMS,
    EventFeatures,
    EventSettings,
    _vectors,
    average_linkage,
    event_ids,
    iter_candidates,
)
from ringscope.store import Store
from ringscope.store.event_parts import EventDelta, EventParts, FeatureRow

Fresh = Callable[[list[str]], dict[str, EventFeatures]]
"""Works out the event evidence of the given reports (those not kept)."""


class _Rebuild(Exception):
    """The kept parts cannot tell what changed: group everything again."""


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode_features(doc: EventFeatures, stamp: str) -> FeatureRow:
    data = _dump(
        {
            "published": doc.published.isoformat() if doc.published else None,
            "figures": sorted(doc.figures),
            "names": sorted(doc.names),
        }
    )
    return (
        doc.report_id,
        stamp,
        data,
        doc.term_ids.astype(np.uint32).tobytes(),
        doc.term_counts.astype(np.float64).tobytes(),
        doc.term_rarity.astype(np.float64).tobytes(),
    )


def decode_features(row: FeatureRow) -> EventFeatures:
    data = json.loads(row[2])
    published = dt.date.fromisoformat(data["published"]) if data["published"] else None
    return EventFeatures(
        row[0],
        published,
        set(data["figures"]),
        set(data["names"]),
        np.frombuffer(row[3], np.uint32),
        np.frombuffer(row[4], np.float64),
        np.frombuffer(row[5], np.float64),
    )


def setup(cfg: EventSettings) -> str:
    """What the kept parts were made with: other settings mean grouping everything again."""
    return _dump(
        {
            "settings": [getattr(cfg, f) for f in cfg.__dataclass_fields__],
            "cap": DF_CAP,
            "floor": EDGE_FLOOR,
            "keep": KEEP_TERMS,
            "version": 1,
        }
    )


def _evidence_keys(doc: EventFeatures) -> list[str]:
    return [*(f"t{int(t)}" for t in doc.term_ids), *(f"i{item}" for item in sorted(doc.items()))]


def _cap(key: str, cfg: EventSettings) -> int:
    """Above this many carriers a key's carriers are not kept (nothing is redone for them)."""
    return cfg.max_block if key.startswith("k") else DF_CAP


def update_events(
    store: Store, stamps: dict[str, str], fresh: Fresh, cfg: EventSettings
) -> dict[str, str | None]:
    """Report id -> event id (None alone) of every report of ``stamps`` (id -> stamp), kept up to date."""
    parts = store.event_parts()
    kept = parts.docs()
    if parts.setup() == setup(cfg):
        try:
            return _Update(parts, stamps, kept, cfg).run(fresh)
        except _Rebuild:
            pass
    return _everything(parts, stamps, fresh, cfg)


def _everything(
    parts: EventParts, stamps: dict[str, str], fresh: Fresh, cfg: EventSettings
) -> dict[str, str | None]:
    delta = EventDelta(setup(cfg), full=True)
    rows = parts.all_features()
    docs = {r: decode_features(rows[r]) for r in stamps if r in rows and rows[r][1] == stamps[r]}
    made = fresh(sorted(set(stamps) - set(docs)))
    delta.features = [encode_features(made[r], stamps[r]) for r in sorted(made)]
    docs.update(made)
    ordered = [docs[r] for r in sorted(docs)]
    vectors = _vectors(ordered, cfg)
    counts: Counter[str] = Counter()
    posts: dict[str, list[str]] = defaultdict(list)
    keys = {}
    for doc, vec in zip(ordered, vectors, strict=True):
        keys[doc.report_id] = block_keys(doc, vec)
        for key in [*_evidence_keys(doc), *(f"k{k}" for k in keys[doc.report_id])]:
            counts[key] += 1
            posts[key].append(doc.report_id)
    weights = {key[1:]: item_weight(key[1:], n) for key, n in counts.items() if key.startswith("i")}
    floor = cfg.threshold * EDGE_FLOOR
    edges: dict[tuple[int, int], float] = {}
    for i, j in iter_candidates(ordered, vectors, cfg.max_block):
        score = pair_score(ordered[i], ordered[j], vectors[i], vectors[j], weights, cfg)
        if score is not None and score >= floor:
            edges[(i, j)] = score
    ids = [doc.report_id for doc in ordered]
    event_of = event_ids(ids, average_linkage(len(ids), edges, cfg.threshold))
    delta.counts = sorted(counts.items())
    delta.posts = sorted(
        (k, r) for k, carriers in posts.items() if counts[k] <= _cap(k, cfg) for r in set(carriers)
    )
    delta.edges = [(ids[i], ids[j], s) for (i, j), s in sorted(edges.items())]
    delta.docs = [(r, stamps[r], event_of[r], _dump(keys[r])) for r in ids]
    parts.apply(delta)
    return event_of


class _Update:
    """One update of the kept grouping (see the module text)."""

    def __init__(
        self,
        parts: EventParts,
        stamps: dict[str, str],
        kept: dict[str, tuple[str, str | None]],
        cfg: EventSettings,
    ) -> None:
        self.parts, self.stamps, self.kept, self.cfg = parts, stamps, kept, cfg
        self.delta = EventDelta(setup(cfg))
        self.change: Counter[str] = Counter()
        self._before: dict[str, int] = {}
        self.docs: dict[str, EventFeatures] = {}
        self.vectors: dict[str, Vector] = {}

    def count(self, keys: Iterable[str]) -> dict[str, int]:
        """Carriers of each key once the update is written."""
        wanted = [k for k in dict.fromkeys(keys) if k not in self._before]
        found = self.parts.counts(wanted)
        self._before.update((k, found.get(k, 0)) for k in wanted)
        return {k: self._before[k] + self.change[k] for k in keys}

    def features(self, report_ids: Iterable[str]) -> None:
        missing = sorted(set(report_ids) - set(self.docs))
        for r, row in self.parts.features(missing).items():
            if row[1] != self.stamps.get(r):
                raise _Rebuild
            self.docs[r] = decode_features(row)
        if set(missing) - set(self.docs):
            raise _Rebuild

    def vector(self, report_id: str) -> Vector:
        if report_id not in self.vectors:
            doc = self.docs[report_id]
            df = self.count([f"t{int(t)}" for t in doc.term_ids])
            counts = np.array([df[f"t{int(t)}"] for t in doc.term_ids], np.int64)
            self.vectors[report_id] = vector(doc, counts, self.cfg)
        return self.vectors[report_id]

    def moved(self, added: dict[str, list[str]], removed: dict[str, list[str]]) -> list[tuple[str, int, int]]:
        """Write the counts and carriers of the keys whose carriers changed by ``added`` and
        ``removed``; (key, carriers before, carriers after) of each."""
        keys = sorted({*added, *removed})
        after = self.count(keys)
        out = []
        for key in keys:
            before, cap = self._before[key], _cap(key, self.cfg)
            if before > cap >= after[key]:
                raise _Rebuild  # the carriers were dropped when many were, and are needed again
            if before != after[key]:
                self.delta.counts.append((key, after[key]))
            if after[key] > cap:
                if before <= cap:
                    self.delta.keys_dropped.append(key)
            else:
                self.delta.posts_gone += [(key, r) for r in removed.get(key, [])]
                self.delta.posts += [(key, r) for r in added.get(key, [])]
            out.append((key, before, after[key]))
        return out

    def run(self, fresh: Fresh) -> dict[str, str | None]:
        stamps, kept, cfg, delta = self.stamps, self.kept, self.cfg, self.delta
        gone = sorted(r for r, (s, _) in kept.items() if stamps.get(r) != s)
        new = sorted(r for r, s in stamps.items() if r not in kept or kept[r][0] != s)
        if not gone and not new:
            return {r: e for r, (_, e) in kept.items()}
        removed = set(gone) - set(new)
        old_rows = self.parts.features(gone)
        if any(r not in old_rows or old_rows[r][1] != kept[r][0] for r in gone):
            raise _Rebuild
        old_keys = {r: json.loads(k) for r, k in self.parts.keys_of(gone).items()}
        cached = {r: row for r, row in self.parts.features(new).items() if row[1] == stamps[r]}
        self.docs = {r: decode_features(row) for r, row in cached.items()}
        made = fresh([r for r in new if r not in self.docs])
        delta.features = [encode_features(made[r], stamps[r]) for r in sorted(made)]
        self.docs.update(made)
        # 1. evidence counted out and in
        added: dict[str, list[str]] = defaultdict(list)
        taken: dict[str, list[str]] = defaultdict(list)
        for r in gone:
            for key in _evidence_keys(decode_features(old_rows[r])):
                self.change[key] -= 1
                taken[key].append(r)
        for r in new:
            for key in _evidence_keys(self.docs[r]):
                self.change[key] += 1
                added[key].append(r)
        moved = [
            k for k, before, after in self.moved(added, taken) if min(before, DF_CAP) != min(after, DF_CAP)
        ]
        carriers = self.parts.posts(moved)
        by_word = {r for k in moved if k.startswith("t") for r in carriers.get(k, [])} - set(gone) - set(new)
        by_item = {r for k in moved if k.startswith("i") for r in carriers.get(k, [])} - set(gone) - set(new)
        # 2. vectors and blocking keys of new reports and of reports holding a moved word
        self.features(by_word | by_item)
        keys_now = {r: block_keys(self.docs[r], self.vector(r)) for r in [*new, *sorted(by_word)]}
        stored = {r: json.loads(k) for r, k in self.parts.keys_of(sorted(by_word | by_item)).items()}
        added, taken = defaultdict(list), defaultdict(list)
        for r, keys in [*old_keys.items(), *((r, stored[r]) for r in by_word)]:
            for key in keys:
                self.change["k" + key] -= 1
                taken["k" + key].append(r)
        for r, keys in keys_now.items():
            for key in keys:
                self.change["k" + key] += 1
                added["k" + key].append(r)
        dying = [k for k, before, after in self.moved(added, taken) if before <= cfg.max_block < after]
        # 3. pairs scored again
        redo = set(new) | by_word | by_item
        redo |= {r for members in self.parts.posts(dying).values() for r in members} - set(gone)
        redo -= removed
        more = sorted(redo - set(keys_now))
        keys_now.update((r, k) for r, k in ((r, json.loads(k)) for r, k in self.parts.keys_of(more).items()))
        return self.link(redo, removed, keys_now, added, taken)

    def link(
        self,
        redo: set[str],
        removed: set[str],
        keys_now: dict[str, list[str]],
        added: dict[str, list[str]],
        taken: dict[str, list[str]],
    ) -> dict[str, str | None]:
        cfg, delta = self.cfg, self.delta
        live = sorted({"k" + k for r in redo for k in keys_now[r]})
        sizes = self.count(live)
        active = [k for k in live if 1 < sizes[k] <= cfg.max_block]
        members: dict[str, set[str]] = {k: set(v) for k, v in self.parts.posts(active).items()}
        for key in active:
            members.setdefault(key, set())
            members[key] = (members[key] - set(taken.get(key, []))) | set(added.get(key, []))
        pairs = set()
        for r in redo:
            for key in keys_now[r]:
                for p in members.get("k" + key, ()):
                    if p != r:
                        pairs.add((min(r, p), max(r, p)))
        self.features({x for pair in pairs for x in pair})
        items = sorted({i for pair in pairs for x in pair for i in self.docs[x].items()})
        item_counts = self.count([f"i{i}" for i in items])
        weights = {i: item_weight(i, item_counts[f"i{i}"]) for i in items}
        floor = cfg.threshold * EDGE_FLOOR
        fresh_edges: dict[tuple[str, str], float] = {}
        for a, b in sorted(pairs):
            score = pair_score(self.docs[a], self.docs[b], self.vector(a), self.vector(b), weights, cfg)
            if score is not None and score >= floor:
                fresh_edges[(a, b)] = score
        replaced = redo | removed
        old_edges = self.parts.edges_of(sorted(replaced))
        touched = (
            {x for a, b, _ in old_edges for x in (a, b)} | {x for pair in fresh_edges for x in pair} | redo
        ) - removed
        delta.edges_of_gone = sorted(replaced)
        delta.edges = [(a, b, s) for (a, b), s in sorted(fresh_edges.items())]
        delta.docs_gone = sorted(removed)
        # 4. linked again: the parts of the graph of strong pairs that hold a touched report
        strong: dict[str, set[str]] = defaultdict(set)
        for (a, b), s in fresh_edges.items():
            if s >= cfg.threshold:
                strong[a].add(b)
                strong[b].add(a)
        seen, frontier = set(touched), sorted(touched)
        while frontier:
            found = set()
            for a, b, _ in self.parts.edges_of(frontier, cfg.threshold):
                if a not in replaced and b not in replaced:
                    found |= {a, b}
            for x in frontier:
                found |= strong.get(x, set())
            frontier = sorted(found - seen)
            seen |= found
        nodes = sorted(seen)
        index = {r: i for i, r in enumerate(nodes)}
        edges = {
            (index[a], index[b]): s
            for a, b, s in self.parts.edges_of(nodes)
            if a in index and b in index and a not in replaced and b not in replaced
        }
        edges.update(((index[a], index[b]), s) for (a, b), s in fresh_edges.items())
        event_of = event_ids(nodes, average_linkage(len(nodes), edges, cfg.threshold))
        result = {r: e for r, (_, e) in self.kept.items() if r not in removed}
        for r in nodes:
            if r not in redo and result.get(r) != event_of[r]:
                delta.event_of.append((event_of[r], r))
        result.update(event_of)
        delta.docs = [(r, self.stamps[r], result[r], _dump(keys_now[r])) for r in sorted(redo)]
        self.parts.apply(delta)
        return result
