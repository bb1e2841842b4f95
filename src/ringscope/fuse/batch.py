"""Same-event groups and figures over one input of reports, as ``ringscope extract`` writes them.

The local command and the engines' contract writer both collect their reports here, keyed by
input line, and annotate each contract record once every report of the input is in.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ringscope.fuse.events import EventFeatures, features, group_features
from ringscope.fuse.figures import assign, claim_refs_of
from ringscope.fuse.refs import ClaimRef
from ringscope.model import Extraction, Report


class ContractBatch:
    """Reports added one by one; :meth:`close` groups events and assigns figures over all of them."""

    def __init__(self) -> None:
        self._docs: list[EventFeatures] = []
        self._refs: dict[str, list[ClaimRef]] = {}
        self._events: dict[str, str | None] = {}

    def add(self, key: str, report: Report, extraction: Extraction) -> None:
        """One report, under ``key`` (its input line: two lines may carry the same text)."""
        self._docs.append(features(dataclasses.replace(report, id=key), extraction))
        self._refs[key] = claim_refs_of(key, report.text, extraction.claims)

    def close(self) -> None:
        """Group the reports into events, then give every claim its figure within its event."""
        self._events = group_features(self._docs)
        for key, claims in self._refs.items():
            for ref in claims:
                ref.event_id = self._events.get(key)
        assign([ref for claims in self._refs.values() for ref in claims])

    def annotate(self, key: str, record: dict[str, Any]) -> dict[str, Any]:
        """The contract ``record`` of ``key`` with its ``event_cluster`` and each claim's figure keys."""
        record["event_cluster"] = self._events.get(key)
        found = self._refs.get(key)
        if found is not None and len(found) == len(record["claims"]):
            for item, ref in zip(record["claims"], found, strict=True):
                item["figure"], item["part_of"] = ref.figure, ref.part_of
        return record
