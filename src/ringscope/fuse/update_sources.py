"""The independent source of each report an update touches (see :mod:`ringscope.fuse.update`).

A report's independent source is its outlet key (:func:`ringscope.fuse.outlets.source_key`), joined
with the keys of near-identical copies of it found among its event's reports. The copies of each
event are kept (``event_sources``) and compared again only when its members changed; the outlet key
of each report is kept from the update it was stored at. A copy found or lost can join or part two
outlets everywhere: the reports of the keys whose joined key moved are then looked at too, with
the other reports of their events.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence

from ringscope.fuse.entity_forms import dump
from ringscope.fuse.heads import Heads, Stamps
from ringscope.fuse.outlets import joined_keys, near_identical, source_key
from ringscope.model import make_id
from ringscope.store import Store


def members_of(event_of: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Event id -> its reports in order, from each report's event (None: alone, no event)."""
    members: dict[str, list[str]] = {}
    for report_id, event_id in event_of.items():
        if event_id:
            members.setdefault(event_id, []).append(report_id)
    return {e: sorted(ids) for e, ids in members.items()}


def independent_of(
    store: Store, reports: Heads, event_of: dict[str, str | None], before: dict[str, tuple[str, str, str]],
    stamps: Stamps, gone: Sequence[str], whole: bool,
) -> dict[str, str]:
    """The independent source of every report of ``event_of`` (each report whose event may have
    changed, with its event, complete: every report's when ``whole``). Reports whose source moved
    although their event did not are added to ``event_of``, with their events' other reports, at
    the events ``before`` gives them."""
    parts = store.event_parts()
    events = {e: ids for e, ids in members_of(event_of).items() if len(ids) > 1}
    stamps.need(r for ids in events.values() for r in ids)
    sigs = {e: make_id(*(f"{r}:{stamps[r]}" for r in ids)) for e, ids in events.items()}
    kept = parts.sources(sorted(events))
    todo = sorted(e for e in events if kept.get(e, ("",))[0] != sigs[e])
    texts = store.picture_parts().texts(r for e in todo for r in events[e])
    reports.need(texts)
    found = {e: [tuple(p) for p in json.loads(kept[e][1])] for e in events if e not in todo}
    for e in todo:
        found[e] = near_identical([dataclasses.replace(reports[r], text=texts[r]) for r in events[e]])
    if whole:
        lost = parts.source_events() - set(events)
    else:  # the events the touched reports were in that are no longer (or lone reports: no rows)
        lost = {before[r][1] for r in [*event_of, *gone] if r in before} - set(events)
    was = parts.copy_pairs()
    parts.save_sources([(e, sigs[e], dump(found[e])) for e in todo], sorted(lost))
    now = {e: pairs for e, pairs in was.items() if e not in lost and e not in events}
    now.update((e, pairs) for e, pairs in found.items() if pairs)
    old_pairs = [p for pairs in was.values() for p in pairs]
    new_pairs = [p for pairs in now.values() for p in pairs]
    ends = {r for a, b in old_pairs + new_pairs for r in (a, b)}
    held = {} if whole else parts.kept_keys_of(sorted(ends))  # removed reports' too, read before dropped
    keys = _source_keys(store, reports, stamps, sorted(set(event_of) | ends), gone, whole)
    new_root = joined_keys(keys, new_pairs)
    if not whole and (moved := _moved(joined_keys(held, old_pairs), new_root)):
        _widen(store, parts.keyed(sorted(moved)) - set(event_of), event_of, before)
        keys.update(_source_keys(store, reports, stamps, sorted(r for r in event_of if r not in keys), (),
                                 False))
    return {r: new_root.get(keys[r], keys[r]) for r in event_of}


def _moved(old: Mapping[str, str], new: Mapping[str, str]) -> set[str]:
    """The keys whose joined key differs between ``old`` and ``new`` (see :func:`joined_keys`)."""
    return {k for k in old.keys() | new.keys() if old.get(k, k) != new.get(k, k)}


def _widen(
    store: Store, carriers: set[str], event_of: dict[str, str | None],
    before: dict[str, tuple[str, str, str]],
) -> None:
    """Add ``carriers`` and the other reports of their events to ``event_of``, at their stored events."""
    if not carriers:
        return
    held = store.picture_parts().inputs_of(sorted(carriers))
    scopes = {held[r][1] for r in carriers if r in held}
    mates = {r for ids in store.event_parts().members(sorted(scopes)).values() for r in ids}
    held.update(store.picture_parts().inputs_of(sorted(mates - held.keys())))
    for report_id in sorted((carriers | mates) - set(event_of)):
        if report_id in held:
            scope = held[report_id][1]
            event_of[report_id] = scope if scope != report_id else None
            before.setdefault(report_id, held[report_id])


def _source_keys(
    store: Store, reports: Heads, stamps: Stamps, report_ids: Iterable[str], gone: Sequence[str], whole: bool,
) -> dict[str, str]:
    """The outlet key of the given reports (of every report when ``whole`` or when some report has
    none kept): kept, or worked out for reports stored since the last update."""
    parts = store.event_parts()
    keys: dict[str, str] = {}
    if not whole:
        wanted = list(report_ids)
        stamps.need(wanted)
        ids = sorted(r for r in wanted if stamps.stored(r))
        keys = parts.source_keys_of(ids)
        kept, stored = parts.key_counts()
        # every report outside ``ids`` keeps its key, unless fewer are kept than that needs
        whole = kept - len(parts.kept_keys_of(gone)) + sum(r not in keys for r in ids) < stored
    if whole:
        keys = parts.source_keys()
        ids = sorted(stamps.read_all())
    new = [r for r in ids if r not in keys]
    reports.need(new)
    fresh = [(r, reports[r].source, reports[r].url, source_key(reports[r])) for r in new if r in reports]
    keys.update((row[0], row[3]) for row in fresh)
    parts.save_source_keys(fresh, list(gone))
    return keys
