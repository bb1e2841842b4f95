"""The event evidence of every stored report, read from packs and kept in packs.

Evidence is worked out once per report and stamp (the text is read only then) and kept in packs
of many reports (:mod:`ringscope.fuse.event_columns`). An update reads all packs, keeps the
entries whose stamp is the report's current one and adds one pack with the evidence of new and
changed reports. Packs merge as they go: the new pack takes in the packs that are mostly stale and
every newer pack not more than twice its size, so a store holds a few packs of growing sizes and
each report is rewritten a few times over the life of the archive (like a binary counter).
Evidence kept per report by earlier versions is read once and moved into a pack.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import numpy as np

from ringscope.fuse import event_columns
from ringscope.fuse.event_columns import EventColumns
from ringscope.fuse.events import EventFeatures, features
from ringscope.fuse.heads import Heads
from ringscope.model import Extraction, Report
from ringscope.store import Store
from ringscope.store.picture_update import FeatureRow


def _legacy(row: FeatureRow) -> EventFeatures:
    """Evidence as earlier versions kept it, one row per report."""
    data = json.loads(row[2])
    published = dt.date.fromisoformat(data["published"]) if data["published"] else None
    return EventFeatures(row[0], published, set(data["figures"]), set(data["names"]),
                         np.frombuffer(row[3], np.uint32), np.frombuffer(row[4], np.float64),
                         np.frombuffer(row[5], np.float64))


def evidence(
    store: Store, stamps: dict[str, str], reports: dict[str, Report], read: dict[str, Extraction]
) -> EventColumns:
    """The event evidence of every report at its current stamp, in id order (worked out for new and
    changed reports, whose texts and extractions alone are read; extractions read are left in
    ``read``)."""
    kept = store.event_parts()
    packs = [(pack_id, *event_columns.decode(row)) for pack_id, row in kept.feature_packs()]
    live: list[list[int]] = []
    seen: set[str] = set()
    for _, columns, pack_stamps in packs:
        now = list(map(stamps.get, columns.report_ids))
        if now == pack_stamps:  # every report of the pack live (the usual case)
            rows, ids = list(range(len(now))), columns.report_ids
        else:
            rows = [k for k, (a, b) in enumerate(zip(now, pack_stamps, strict=True)) if a == b]
            ids = [columns.report_ids[k] for k in rows]
        if not seen.isdisjoint(ids):  # a report live in an older pack is taken from there
            rows = [k for k, r in zip(rows, ids, strict=True) if r not in seen]
        seen.update(ids)
        live.append(rows)
    missing = sorted(r for r in stamps if r not in seen)
    if isinstance(reports, Heads):
        reports.need(missing)
    missing = [r for r in missing if r in reports]
    legacy = store.picture_parts().features() if missing else {}
    compute = [r for r in missing if legacy.get(r, ("", ""))[1] != stamps[r]]
    texts = store.picture_parts().texts(compute)
    fresh: list[EventFeatures] = []
    for report_id in missing:
        if report_id in texts:
            read[report_id] = store.get_extraction(report_id)
            report = dataclasses.replace(reports[report_id], text=texts[report_id])
            fresh.append(features(report, read[report_id]))
        else:
            fresh.append(_legacy(legacy[report_id]))
    # Packs to merge into the new one: mostly stale ones, then the newest while not over twice its size.
    merge = {p for p, (_, columns, _) in enumerate(packs) if 2 * len(live[p]) < len(columns)}
    size = len(fresh) + sum(len(live[p]) for p in merge)
    for p in reversed(range(len(packs))):
        if p not in merge:
            if len(live[p]) > 2 * size:
                break
            merge.add(p)
            size += len(live[p])
    if not fresh and len(merge) < 2:
        merge = set()
    parts = [_live(packs[p][1], live[p]) for p in range(len(packs)) if p not in merge]
    if fresh or merge:
        merged = [_live(packs[p][1], live[p]) for p in sorted(merge)]
        new = event_columns.join([event_columns.of(fresh), *merged])
        new_stamps = [stamps[r] for r in new.report_ids]
        kept.save_feature_packs([event_columns.encode(new, new_stamps)] if len(new) else [],
                                sorted(packs[p][0] for p in merge), drop_rows=bool(legacy))
        parts.append(new)
    return event_columns.join(parts).by_id()


def _live(columns: EventColumns, rows: list[int]) -> EventColumns:
    return columns if len(rows) == len(columns) else columns.take(np.array(rows, np.int64))
