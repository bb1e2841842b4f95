"""Parts of the stored picture (the first events, the conflicting figures) read without the rest:
the same items, reports and redaction as the whole snapshot gives, and None whenever a part cannot
stand for the whole (analyst judgements, no stored decision)."""

from __future__ import annotations

import shutil
import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from ringscope.api import ingest, open_store
from ringscope.report import parts, snapshot
from ringscope.store.judgements import Target


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parts")
    source = root / "sample.jsonl"
    text = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    ingest([source], root / "store.db")
    return root / "store.db"


@pytest.fixture
def copy(sample: Path, tmp_path: Path) -> Path:
    shutil.copy(sample, tmp_path / "store.db")
    return tmp_path / "store.db"


@pytest.mark.parametrize("names", [False, True])
@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_events_part_is_the_whole_pictures_first_events(sample: Path, limit: int, names: bool) -> None:
    snap = snapshot.load(sample)
    assert len(snap.picture.events) > 3
    with open_store(sample) as store:
        part = parts.events(store, limit, names)
    assert part is not None, "a store with a stored picture and decision is read by parts"
    assert part.total == len(snap.picture.events)
    assert part.picture == snap.part(events=snap.picture.events[:limit], names=names)
    assert [e.id for e in part.picture.events] == [e.id for e in snap.picture.events[:limit]]
    assert set(part.picture.reports) == {r for e in part.picture.events for r in e.report_ids} | {
        ref.report_id for f in part.picture.figures for ref in f.claims
    }


@pytest.mark.parametrize("names", [False, True])
def test_conflicts_part_is_the_whole_pictures_conflicts(sample: Path, names: bool) -> None:
    snap = snapshot.load(sample)
    conflicts = snap.picture.conflicts()
    assert conflicts
    choices: list[tuple[str | None, str | None]] = [(None, None), ("no_such_measure", None)]
    choices += [(f.measure, None) for f in conflicts] + [(None, f.location) for f in conflicts if f.location]
    for measure, country in choices:
        wanted = [
            f for f in conflicts
            if (measure is None or f.measure == measure) and (country is None or f.location == country)
        ]
        for limit in (1, 50):
            with open_store(sample) as store:
                part = parts.conflicts(store, measure, country, limit, names)
            assert part is not None
            assert part.total == len(wanted), (measure, country)
            assert part.picture == snap.part(figures=wanted[:limit], names=names), (measure, country, limit)


def test_a_store_with_judgements_is_read_whole(copy: Path) -> None:
    figure = snapshot.load(copy).picture.conflicts()[0]
    ref = figure.claims[0]
    claim = ref.claim
    target = Target("claim", claim.quote, ref.report_id, measure=claim.measure, value=claim.value,
                    quote=claim.quote, start=claim.start, end=claim.end)
    with open_store(copy) as store:
        before = parts.conflicts(store, None, None, 50)
        store.add_judgement("resolve", [target], "checked with the outlet", "ana", "analyst")
        assert before is not None
        assert parts.conflicts(store, None, None, 50) is None
        assert parts.events(store, 5) is None
    snapshot.recheck(copy)
    judged = snapshot.load(copy).picture.conflicts()
    assert len(judged) == before.total - 1  # the judgement changes what a whole read gives


def test_without_a_stored_decision_the_store_is_read_whole(copy: Path) -> None:
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("DELETE FROM picture_policy")
    conn.close()
    with open_store(copy) as store:
        assert parts.events(store, 5) is None
        assert parts.conflicts(store, None, None, 5) is None


def test_reports_by_id_in_stored_order(sample: Path) -> None:
    with open_store(sample) as store:
        order = [r.id for r in store.iter_reports()]
        found = store.get_reports([order[5], "no-such-report", order[1], order[5]])
    assert list(found) == [order[1], order[5]]
    assert all(found[r].id == r and found[r].text for r in found)
