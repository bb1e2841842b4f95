"""The decision is kept in the store: placeholders outlive changes to the store and are never
given to another person."""

from __future__ import annotations

from pathlib import Path

from ringscope.ingest import ingest_paths
from ringscope.report import snapshot
from ringscope.store import Store

from .corpus import write
from .leaks import VICTIM_NAMES


def test_the_decision_is_stored_and_placeholders_survive_a_removal(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    with Store(path) as db:
        assert ingest_paths(db, [write(tmp_path / "invented.jsonl")]).ok
    first = snapshot.load(path).policy
    with Store(path, create=False) as db:
        stored = db.withheld_persons()
    assert [r.number for r in stored] == list(range(1, len(first.withheld) + 1))
    assert {r.label for r in stored} == set(first.labels)
    assert {r.key for r in stored} == set(first.withheld)
    assert all(r.reasons for r in stored)
    by_name = {n: r.label for r in stored for n in r.names}
    assert by_name[VICTIM_NAMES[0]] == "[victim 1]"
    # remove the report that names victim 1 first: the others keep their numbers, 1 is not reused
    with Store(path, create=False) as db:
        first_report = next(r.id for r in db.iter_reports() if r.external_id == "inv-00")
        assert db.remove(first_report)
    again = snapshot.load(path, since="2026-01-01").policy  # a part of the store, after the change
    labels = {n: w.label for w in again.withheld.values() for n in w.names}
    survivor = VICTIM_NAMES[5]
    assert labels[survivor] == by_name[survivor]
    assert all(labels[n] == by_name[n] for n in labels if n in by_name)  # nobody takes another's number
    with Store(path, create=False) as db:
        current = {r.label for r in db.withheld_persons()}
        every = db.withheld_labels()
    assert len(every) >= len(current)
    assert all(label in {lab for lab, _ in every.values()} for label in current)
