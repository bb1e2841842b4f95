"""Parts of the stored picture (the first events, the conflicting figures) read without the rest:
the same items, reports and redaction as the whole snapshot gives, and None whenever a part cannot
stand for the whole (no stored decision); with analyst judgements, the parts of the judged whole."""

from __future__ import annotations

import random
import shutil
import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from ringscope.api import ingest, open_store
from ringscope.fuse import Picture
from ringscope.fuse.reconcile import ClaimRef
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


def _claim(ref: ClaimRef) -> Target:
    claim = ref.claim
    return Target("claim", claim.quote, ref.report_id, measure=claim.measure, value=claim.value,
                  quote=claim.quote, start=claim.start, end=claim.end)


def _judgements(picture: Picture, rng: random.Random) -> list[tuple[str, list[Target]]]:
    """A few judgements of every kind that reaches events and figures, about items of ``picture``."""
    events = [e for e in picture.events if len(e.report_ids) > 1]
    lone = sorted(r for r in picture.reports if not picture.event_of.get(r))
    figures = [f for f in picture.figures if f.claims]
    report = lambda r: Target("report", r, r)  # noqa: E731
    made: list[tuple[str, list[Target]]] = []
    for _ in range(2):
        a, b = rng.sample(events, 2)
        made.append(("same-event", [report(rng.choice(a.report_ids)), report(rng.choice(b.report_ids))]))
        split = rng.choice(events)
        made.append(("different-event", [report(r) for r in rng.sample(split.report_ids, 2)]))
        if lone:
            other = rng.choice(rng.choice(events).report_ids)
            made.append(("same-event", [report(rng.choice(lone)), report(other)]))
        made.append(("reject-claim", [_claim(rng.choice(rng.choice(figures).claims))]))
        f, g = rng.sample(figures, 2)
        made.append(("same-figure", [_claim(f.claims[0]), _claim(g.claims[0])]))
        several = [f for f in figures if len(f.claims) > 1]
        if several:
            f = rng.choice(several)
            made.append(("different-figure", [_claim(c) for c in rng.sample(f.claims, 2)]))
        conflicted = [f for f in figures if f.conflicted]
        if conflicted:
            made.append(("resolve", [_claim(rng.choice(conflicted).claims[0])]))
    rng.shuffle(made)
    return made


@pytest.mark.parametrize("seed", range(6))
def test_a_judged_store_gives_the_parts_of_its_judged_whole(copy: Path, seed: int) -> None:
    rng = random.Random(seed)
    picture = snapshot.load(copy).picture
    with open_store(copy) as store:
        for kind, targets in _judgements(picture, rng)[: rng.randint(1, 12)]:
            store.add_judgement(kind, targets, "checked with the outlet", "ana", "analyst")
        people = [Target("entity", key, entity_type="Person", key=key) for key in ("a", "b")]
        store.add_judgement("merge", people, "", "ana", "analyst")  # reaches no event or figure
    snapshot.recheck(copy)
    snap = snapshot.load(copy)
    assert snap.picture.applied, "some judgement applies"
    for names in (False, True):
        for limit in (1, 3, 1000):
            with open_store(copy) as store:
                part = parts.events(store, limit, names)
            assert part is not None, "judgements are applied to the part, not read whole"
            assert part.total == len(snap.picture.events)
            assert part.picture == snap.part(events=snap.picture.events[:limit], names=names), (limit, names)
        conflicts = snap.picture.conflicts()
        for measure in (None, *sorted({f.measure for f in conflicts})):
            wanted = [f for f in conflicts if measure in (None, f.measure)]
            with open_store(copy) as store:
                part = parts.conflicts(store, measure, None, 50, names)
            assert part is not None
            assert part.total == len(wanted)
            assert part.picture == snap.part(figures=wanted[:50], names=names), (measure, names)


def test_a_judgement_changes_what_the_part_gives(copy: Path) -> None:
    figure = snapshot.load(copy).picture.conflicts()[0]
    with open_store(copy) as store:
        before = parts.conflicts(store, None, None, 50)
        store.add_judgement("resolve", [_claim(figure.claims[0])], "checked", "ana", "analyst")
        after = parts.conflicts(store, None, None, 50)
    assert before is not None and after is not None
    assert after.total == before.total - 1
    assert figure.id not in {f.id for f in after.picture.figures}


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
