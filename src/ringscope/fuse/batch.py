"""Same-event groups and figures over one input of reports, as ``ringscope extract`` writes them.

The local command and the engines' contract writer both collect their reports here, keyed by
input line, and annotate each contract record once every report of the input is in.

Memory stays near flat as the input grows: a report's grouping evidence is folded into compact
columns a chunk of reports at a time, and its claim refs (the claims with the text either side)
wait pickled in a spill file until :meth:`ContractBatch.close` reads them back one scope (an
event, or a report outside any) at a time. What is held per report is its key, its place in the
spill file, its event id and, once assigned, its claims' figure keys.
"""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from array import array
from collections import defaultdict
from typing import IO, Any

from ringscope.fuse import event_columns
from ringscope.fuse.event_columns import EventColumns
from ringscope.fuse.events import EventFeatures, features, group_features
from ringscope.fuse.figures import assign, claim_refs_of
from ringscope.fuse.refs import ClaimRef
from ringscope.model import Extraction, Report

CHUNK = 512
"""Reports whose grouping evidence is folded into columns at once."""

FigureKeys = tuple[tuple[str | None, str | None], ...]


class ContractBatch:
    """Reports added one by one; :meth:`close` groups events and assigns figures over all of them."""

    def __init__(self) -> None:
        self._pending: list[EventFeatures] = []
        self._columns: list[EventColumns] = []
        self._keys: list[str] = []
        self._offsets = array("q")
        self._spill: IO[bytes] | None = None
        self._events: dict[str, str | None] = {}
        self._figures: dict[str, FigureKeys] = {}

    def add(self, key: str, report: Report, extraction: Extraction) -> None:
        """One report, under ``key`` (its input line: two lines may carry the same text)."""
        self._pending.append(features(dataclasses.replace(report, id=key), extraction))
        if len(self._pending) >= CHUNK:
            self._fold()
        if self._spill is None:
            self._spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._keys.append(key)
        self._offsets.append(self._spill.tell())
        refs = claim_refs_of(key, report.text, extraction.claims)
        pickle.dump(refs, self._spill, pickle.HIGHEST_PROTOCOL)

    def _fold(self) -> None:
        if self._pending:
            self._columns.append(event_columns.of(self._pending))
            self._pending = []

    def close(self) -> None:
        """Group the reports into events, then give every claim its figure within its event."""
        self._fold()
        self._events = group_features(event_columns.join(self._columns))
        self._columns = []
        if self._spill is None:
            return
        with self._spill as spill:
            # Each scope's reports in input order, as one assignment over all of them would see them.
            scopes: dict[str, list[int]] = defaultdict(list)
            for place, key in enumerate(self._keys):
                scopes[self._events.get(key) or key].append(place)
            for places in scopes.values():
                loaded = [self._load(spill, place) for place in places]
                refs = [ref for claims in loaded for ref in claims]
                for ref in refs:
                    ref.event_id = self._events.get(ref.report_id)
                assign(refs)
                for place, claims in zip(places, loaded, strict=True):
                    self._figures[self._keys[place]] = tuple((ref.figure, ref.part_of) for ref in claims)
        self._spill = None

    def _load(self, spill: IO[bytes], place: int) -> list[ClaimRef]:
        spill.seek(self._offsets[place])
        refs: list[ClaimRef] = pickle.load(spill)
        return refs

    def annotate(self, key: str, record: dict[str, Any]) -> dict[str, Any]:
        """The contract ``record`` of ``key`` with its ``event_cluster`` and each claim's figure keys."""
        record["event_cluster"] = self._events.get(key)
        found = self._figures.get(key)
        if found is not None and len(found) == len(record["claims"]):
            for item, (figure, part_of) in zip(record["claims"], found, strict=True):
                item["figure"], item["part_of"] = figure, part_of
        return record
