"""Extracted reports are stored in groups: one transaction each, nothing extracted left unstored."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringscope.ingest import ingest_paths
from ringscope.ingest.grouped import GROUP_REPORTS, Group
from ringscope.ingest.runner import reextract_store
from ringscope.model import Claim, Extraction, Report
from ringscope.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "grouped.db") as db:
        yield db


def _one_claim(text: str, published: str | None) -> Extraction:
    value = float(len(text))
    claim = Claim("victims_rescued", value, value, value, "exact", "people", text[:10], 0, 10)
    return Extraction(claims=[claim])


def _lines(path: Path, count: int, *, repeat_every: int = 0) -> list[str]:
    texts = [f"Invented bulletin number {i} from the river district." for i in range(count)]
    if repeat_every:
        texts += texts[::repeat_every]
    path.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n", encoding="utf-8")
    return texts


def test_every_report_of_several_groups_is_stored_once(store: Store, tmp_path: Path) -> None:
    count = GROUP_REPORTS * 2 + 37
    texts = _lines(tmp_path / "many.jsonl", count, repeat_every=50)
    summary = ingest_paths(store, [tmp_path / "many.jsonl"], extractor=_one_claim, version="t")
    assert (summary.ingested, summary.unchanged, summary.failed) == (count, len(texts) - count, 0)
    assert sorted(r.text for r in store.iter_reports()) == sorted(set(texts))
    assert len(store.claims()) == count


def test_a_repeat_inside_one_group_is_unchanged(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "twice.jsonl"
    path.write_text(2 * (json.dumps({"text": "Invented line."}) + "\n"))
    summary = ingest_paths(store, [path], extractor=_one_claim, version="t")
    assert (summary.ingested, summary.unchanged) == (1, 1)


def test_reports_extracted_before_an_interrupt_are_stored(store: Store, tmp_path: Path) -> None:
    _lines(tmp_path / "cut.jsonl", 30)
    seen: list[str] = []

    def interrupted(text: str, published: str | None) -> Extraction:
        if len(seen) == 12:
            raise KeyboardInterrupt
        seen.append(text)
        return _one_claim(text, published)

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [tmp_path / "cut.jsonl"], extractor=interrupted, version="t")
    assert sorted(r.text for r in store.iter_reports()) == sorted(seen)
    assert len(store.claims()) == 12


def test_a_group_is_one_transaction(store: Store) -> None:
    first = Report(text="Invented first text.")
    clash = Report(text="Invented second text.", id=first.id)  # another content under a taken id
    with pytest.raises(sqlite3.IntegrityError):
        store.add_many([(first, Extraction()), (clash, Extraction())], "t")
    assert list(store.iter_reports()) == []
    assert store.add_many([(first, Extraction()), (first, Extraction())], "t") == [True, False]


def test_the_group_counts_after_its_commit(store: Store) -> None:
    outcomes: list[tuple[str, bool]] = []
    group = Group(lambda items: store.add_many(items, "t"),
                  lambda report, extraction, new: outcomes.append((report.text, new)))
    report = Report(text="Invented waiting text.")
    group.put(report, Extraction())
    assert group.waiting(report) and outcomes == [] and list(store.iter_reports()) == []
    group.flush()
    assert outcomes == [("Invented waiting text.", True)] and not group.waiting(report)
    group.put(report, Extraction())
    group.flush()
    assert outcomes[-1] == ("Invented waiting text.", False)


def test_reextraction_in_groups_replaces_every_report(store: Store, tmp_path: Path) -> None:
    count = GROUP_REPORTS + 15
    _lines(tmp_path / "again.jsonl", count)
    empty = ingest_paths(store, [tmp_path / "again.jsonl"], extractor=lambda t, p: Extraction(), version="a")
    assert empty.ingested == count
    assert store.claims() == []
    summary = reextract_store(store, extractor=_one_claim, version="b")
    assert summary.ingested == count
    assert len(store.claims()) == count
    assert store.outdated_reports("b") == []


def test_replacing_a_removed_report_is_left_out(store: Store) -> None:
    kept, gone = Report(text="Invented kept text."), Report(text="Invented removed text.")
    store.add_many([(kept, Extraction()), (gone, Extraction())], "a")
    assert store.remove(gone.id)
    claims = _one_claim(kept.text, None)
    assert store.replace_extractions([(gone.id, claims), (kept.id, claims)], "b") == [False, True]
    assert len(store.claims()) == 1
    with pytest.raises(KeyError):
        store.replace_extraction(gone.id, claims, "b")
