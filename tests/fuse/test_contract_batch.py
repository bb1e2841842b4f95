from __future__ import annotations

from typing import Any

import pytest

from ringscope.extract import extract
from ringscope.fuse import batch as batch_module
from ringscope.fuse.batch import ContractBatch
from ringscope.model import Report

RAID_A = (
    "Police in the port city of Velmora raided the Starfruit Bay compound on Tuesday and freed 312 workers "
    "who had been forced to run investment scams. Commander Ilse Varga said 27 managers were arrested."
)
RAID_B = (
    "Officers freed 312 people from the Starfruit Bay compound in Velmora, where recruits lured by fake "
    "job offers were made to run scams; 27 suspected managers were arrested, Commander Ilse Varga said."
)
OTHER = (
    "A court in the capital sentenced a money launderer to nine years for moving $4 million of scam "
    "proceeds through shell companies, prosecutors said."
)
FARMING = "Farmers in the northern valley harvested a record crop of rice this season after heavy rains."


def _records(texts: list[tuple[str, str]]) -> list[dict[str, Any]]:
    batch = ContractBatch()
    records = []
    for line, (text, published) in enumerate(texts, 1):
        report = Report(text=text, published=published)
        extraction = extract(text, published)
        batch.add(str(line), report, extraction)
        records.append((str(line), extraction.to_contract(str(line))))
    batch.close()
    return [batch.annotate(key, record) for key, record in records]


TEXTS = [(RAID_A, "2026-01-06"), (OTHER, "2026-01-07"), (RAID_B, "2026-01-07"), (FARMING, "2026-01-08")]


def test_one_raid_told_twice_shares_an_event_and_its_figures() -> None:
    a, other, b, farming = _records(TEXTS)
    assert a["event_cluster"] is not None and a["event_cluster"] == b["event_cluster"]
    assert other["event_cluster"] is None and farming["event_cluster"] is None
    freed_a = {c["figure"] for c in a["claims"] if c["value"] == 312}
    freed_b = {c["figure"] for c in b["claims"] if c["value"] == 312}
    assert freed_a and freed_a == freed_b
    assert all(c["figure"] for record in (a, other, b) for c in record["claims"])


def test_folding_evidence_in_small_chunks_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = TEXTS * 3
    whole = _records(texts)
    monkeypatch.setattr(batch_module, "CHUNK", 2)
    assert _records(texts) == whole


def test_an_empty_batch_closes_and_annotates_unknown_keys_alone() -> None:
    batch = ContractBatch()
    batch.close()
    record = batch.annotate("7", {"claims": [{"value": 3}]})
    assert record["event_cluster"] is None
    assert "figure" not in record["claims"][0]
