"""Same-event grouping kept up to date: only the pairs and groups new or removed reports touch.

A pair's score depends on its two reports alone (:mod:`ringscope.fuse.events`), so the store keeps
every report's blocking keys with how many reports carry each key, and the scored pairs strong
enough to count in linkage (:mod:`ringscope.store.event_links`). An update then:

- works out the evidence and keys of new and changed reports, and the counts of the keys they add
  or drop; a key is a blocking key while more than one and at most ``max_block`` reports carry it;
- scores the candidate pairs of new and changed reports, and checks again the pairs of the reports
  carrying a key that became, or stopped being, a blocking key;
- groups again the reports linked (by pairs reaching the threshold) to a report whose pairs
  changed. Average linkage joins only reports so linked, and joins them looking at their pairs
  alone, so the groups of every other report are the ones kept.

The result is the grouping of :func:`ringscope.fuse.events.group_features` over all reports.
An update interrupted half-way leaves the kept state unset, and the next update works the keys and
pairs out again from all reports.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ringscope.fuse import event_columns
from ringscope.fuse.event_blocks import NO_DATE
from ringscope.fuse.event_evidence import evidence
from ringscope.fuse.event_scores import keys, scores_of
from ringscope.fuse.events import EDGE_FLOOR, EventFeatures, EventSettings, events_of, strong_pairs
from ringscope.fuse.heads import Heads, Stamps
from ringscope.model import Extraction
from ringscope.store import Store

VERSION = "1"
"""Changes when the keys or scores kept by an earlier version are no longer what this one works out."""
CHUNK = 10_000
"""Reports whose evidence is read at once when everything is worked out again."""


def _mark(state: str, cfg: EventSettings) -> str:
    return "|".join(map(str, (VERSION, state, cfg.threshold, cfg.text_weight, cfg.max_days, cfg.max_block,
                              cfg.top_terms, cfg.block_terms)))


def current(store: Store, cfg: EventSettings) -> bool:
    """Whether the kept keys and pairs are those of the stored picture (else the next update
    groups every report again: after an upgrade, other settings, or an update left half-done)."""
    stored = store.picture_state()
    return stored is not None and store.event_links().state() == _mark(stored, cfg)


def _day(feats: EventFeatures) -> int:
    return feats.published.toordinal() if feats.published else int(NO_DATE)


def regroup(
    store: Store, stamps: Stamps, changed: Sequence[str], gone: Sequence[str], reports: Heads,
    read: dict[str, Extraction], state: str, cfg: EventSettings, whole: bool,
) -> dict[str, str | None]:
    """The event ids (None: alone) of the reports whose events may have changed, with the keys and
    pairs kept brought to ``state``: every report's, worked out from scratch, when ``whole`` (then
    ``stamps`` holds every report's); else those of the reports linked to a ``changed`` (new or
    re-extracted) or removed (``gone``) one, every other report keeping its event."""
    links = store.event_links()
    if whole:
        event_of = _everything(store, stamps, reports, cfg)
    else:
        event_of = _changed(store, stamps, sorted(changed), sorted(gone), reports, read, cfg)
    links.set_state(_mark(state, cfg))
    return event_of


def _everything(
    store: Store, stamps: dict[str, str], reports: Heads, cfg: EventSettings
) -> dict[str, str | None]:
    """Keys, pairs and groups of all reports worked out from scratch."""
    links = store.event_links()
    links.clear()
    ids = sorted(stamps)
    parts, rows = [], []
    for low in range(0, len(ids), CHUNK):
        chunk = ids[low:low + CHUNK]
        found = evidence(store, chunk, stamps, reports, {})
        part = event_columns.of([found[r] for r in chunk])
        rows += [(key, r, _day(found[r])) for r, own in zip(chunk, keys(part, cfg.top_terms, cfg.block_terms),
                                                           strict=True) for key in own]
        parts.append(part)
    left, right, scores = strong_pairs(event_columns.join(parts), cfg)
    links.save_keys([], rows, sorted(Counter(key for key, _, _ in rows).items()))
    links.save_links([], [(ids[a], ids[b], s) for a, b, s in zip(left, right, scores, strict=True)])
    return events_of(ids, left, right, scores, cfg.threshold)


def _blocks(n: int, cfg: EventSettings) -> bool:
    """Whether a key carried by ``n`` reports is a blocking key."""
    return 1 < n <= cfg.max_block


def _close(a: int, b: int, cfg: EventSettings) -> bool:
    return a == NO_DATE or b == NO_DATE or abs(a - b) <= cfg.max_days


def _changed(
    store: Store, stamps: Stamps, changed: list[str], gone: list[str], reports: Heads,
    read: dict[str, Extraction], cfg: EventSettings,
) -> dict[str, str | None]:
    """The event ids of the reports linked to a report whose pairs changed (the others keep theirs)."""
    links = store.event_links()
    touched = changed + gone
    if not touched:
        return {}
    fresh = evidence(store, changed, stamps, reports, read)
    made = keys(event_columns.of([fresh[r] for r in changed]), cfg.top_terms, cfg.block_terms)
    own = dict(zip(changed, made, strict=True))
    moved: Counter[str] = Counter()
    for old in links.keys_of(touched).values():
        moved.subtract(old)
    for new in own.values():
        moved.update(new)
    was = links.counts(moved)
    now = {key: was.get(key, 0) + step for key, step in moved.items()}
    crossed = sorted(key for key in moved if _blocks(was.get(key, 0), cfg) != _blocks(now[key], cfg))
    links.save_keys(touched, [(key, r, _day(fresh[r])) for r in changed for key in own[r]],
                    [(key, now[key]) for key in sorted(moved) if now[key] != was.get(key, 0)])
    # Candidate pairs: those of changed reports, and those of reports sharing a key that crossed.
    blocking = {k for r in changed for k in own[r] if _blocks(now[k], cfg)}
    carriers = links.carriers(sorted(blocking | set(crossed)))
    found: set[tuple[str, str]] = set()
    for r in changed:
        for key in own[r]:
            if _blocks(now[key], cfg):
                found.update((min(r, p), max(r, p)) for p, day in carriers[key]
                             if p != r and _close(_day(fresh[r]), day, cfg))
    # (the pairs of a changed report are all found above: only the others need checking)
    alike = set(touched)
    checked = {(a, b) for key in crossed
               for (a, _), (b, _) in itertools.combinations(sorted(carriers.get(key, [])), 2)
               if a not in alike and b not in alike}
    found |= _still_blocked(store, checked, carriers, cfg)
    # Score them; drop the kept pairs of changed and removed reports and the checked pairs.
    ends = sorted({r for pair in found for r in pair})
    stamps.need(ends)
    docs = evidence(store, [r for r in ends if r not in fresh], stamps, reports, read) | fresh
    columns = event_columns.of([docs[r] for r in ends])
    place = {r: k for k, r in enumerate(ends)}
    ordered = sorted(found)
    left = np.array([place[a] for a, _ in ordered], np.int64)
    right = np.array([place[b] for _, b in ordered], np.int64)
    scores = scores_of(columns, left, right, cfg.text_weight, cfg.top_terms, cfg.block_terms).tolist() \
        if ordered else []
    added = [(a, b, s) for (a, b), s in zip(ordered, scores, strict=True) if s >= cfg.threshold * EDGE_FLOOR]
    dropped = sorted({(a, b) for a, b, _ in links.links_of(touched)} | checked)
    links.save_links(dropped, added)
    # Group again every report linked to one whose pairs changed.
    start = ({r for pair in dropped for r in pair} | {r for a, b, _ in added for r in (a, b)} | set(changed))
    return _regrouped(store, sorted(start - set(gone)), cfg)


def _still_blocked(
    store: Store, pairs: set[tuple[str, str]], carriers: dict[str, list[tuple[str, int]]], cfg: EventSettings
) -> set[tuple[str, str]]:
    """The ``pairs`` (of reports that carry a key that crossed) that still share a blocking key,
    their dates close."""
    if not pairs:
        return set()
    links = store.event_links()
    held = links.keys_of(sorted({r for pair in pairs for r in pair}))
    counts = links.counts(sorted({k for own in held.values() for k in own}))
    blocking = {k for k, n in counts.items() if _blocks(n, cfg)}
    keyed = {r: blocking.intersection(own) for r, own in held.items()}
    days = {r: day for members in carriers.values() for r, day in members}
    return {(a, b) for a, b in pairs
            if not keyed.get(a, set()).isdisjoint(keyed.get(b, ())) and _close(days[a], days[b], cfg)}


def _regrouped(store: Store, start: Sequence[str], cfg: EventSettings) -> dict[str, str | None]:
    """The event ids of ``start`` and every report linked to them through pairs reaching the
    threshold, grouped over their kept pairs."""
    links = store.event_links()
    seen, frontier = set(start), list(start)
    while frontier:
        linked = {r for pair in links.strong_pairs(frontier, cfg.threshold) for r in pair}
        frontier = sorted(linked - seen)
        seen.update(frontier)
    ids = sorted(seen)
    place = {r: k for k, r in enumerate(ids)}
    edges = [(place[a], place[b], s) for a, b, s in links.links_of(ids) if a in place and b in place]
    return events_of(ids, [a for a, _, _ in edges], [b for _, b, _ in edges], [s for _, _, s in edges],
                     cfg.threshold)
