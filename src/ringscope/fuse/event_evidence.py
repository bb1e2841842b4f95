"""The event evidence of stored reports, kept per report at the stamp it was worked out at.

Evidence (:func:`ringscope.fuse.events.features`) is worked out once per report and stamp, from the
report's text and extraction, and kept (``picture_features``); an update reads the kept evidence of
the reports it needs and works out that of new and changed reports only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence

import numpy as np

from ringscope.fuse.events import EventFeatures, features
from ringscope.fuse.heads import Heads
from ringscope.model import Extraction
from ringscope.store import Store
from ringscope.store.picture_update import FeatureRow


def to_row(feats: EventFeatures, stamp: str) -> FeatureRow:
    """The kept form of one report's evidence."""
    data = {"published": feats.published.isoformat() if feats.published else None,
            "figures": sorted(feats.figures), "names": sorted(feats.names)}
    return (feats.report_id, stamp, json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            feats.term_ids.astype(np.uint32).tobytes(), feats.term_counts.astype(np.float64).tobytes(),
            feats.term_rarity.astype(np.float64).tobytes())


def from_row(row: FeatureRow) -> EventFeatures:
    """One report's evidence from its kept form."""
    data = json.loads(row[2])
    published = dt.date.fromisoformat(data["published"]) if data["published"] else None
    return EventFeatures(row[0], published, set(data["figures"]), set(data["names"]),
                         np.frombuffer(row[3], np.uint32), np.frombuffer(row[4], np.float64),
                         np.frombuffer(row[5], np.float64))


def evidence(
    store: Store, report_ids: Sequence[str], stamps: dict[str, str], reports: Heads,
    read: dict[str, Extraction],
) -> dict[str, EventFeatures]:
    """The evidence of the given reports at their current stamps: kept, or worked out (and kept) for
    new and changed reports, whose texts and extractions alone are read (the extractions are left
    in ``read``)."""
    links = store.event_links()
    kept = links.features(report_ids)
    out = {r: from_row(kept[r]) for r in report_ids if r in kept and kept[r][1] == stamps[r]}
    missing = sorted(r for r in report_ids if r not in out)
    reports.need(missing)
    texts = store.picture_parts().texts(missing)
    fresh: list[FeatureRow] = []
    for report_id in missing:
        read[report_id] = read.get(report_id) or store.get_extraction(report_id)
        report = dataclasses.replace(reports[report_id], text=texts[report_id])
        out[report_id] = features(report, read[report_id])
        fresh.append(to_row(out[report_id], stamps[report_id]))
    links.save_features(fresh)
    return out
