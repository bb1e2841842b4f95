"""The server builds the store's picture in the background: at start, and once a change has gone quiet."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ringscope.api import ingest
from ringscope.report import snapshot as snapshots
from ringscope.serve.app import create_app
from ringscope.serve.preload import Preloader

# invented reports
FIRST = (
    '{"id": "p1", "published": "2026-02-03", "title": "Raid frees workers", "text": "Police in Ruritania'
    ' freed 41 workers from a compound near the border on Monday. The workers said they had been forced'
    ' to defraud people online."}\n'
)
SECOND = (
    '{"id": "p2", "published": "2026-02-05", "title": "More freed", "text": "Officials in Ruritania said'
    ' 17 more workers were freed on Wednesday from a second compound, and 3 recruiters were arrested."}\n'
)
THIRD = (
    '{"id": "p3", "published": "2026-02-09", "title": "Flights home", "text": "Officials said 58 freed'
    ' workers would be flown home from Ruritania next week."}\n'
)


def _add(store: Path, tmp_path: Path, name: str, line: str) -> None:
    source = tmp_path / f"{name}.jsonl"
    source.write_text(line, encoding="utf-8")
    ingest([source], store=store)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_picture_is_built_at_start_and_again_once_a_change_has_gone_quiet(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    _add(store, tmp_path, "first", FIRST)
    clock = Clock()
    keeper = Preloader(store, quiet=10.0, clock=clock)
    other = tmp_path / "other.db"
    _add(other, tmp_path, "other", FIRST)
    assert not snapshots.load(other).made(("searchable",))  # a snapshot built on demand makes no lists
    assert keeper.step()  # at start, at once
    assert snapshots.holds(store, snapshots.store_state(store))
    assert snapshots.load(store).made(("searchable",))  # the lists and search viewers read are made with it
    assert snapshots.load(store).made(("network members", False))  # and what entity pages read
    assert snapshots.load(store).made(("entities by report",))  # and report pages
    assert snapshots.load(store).made(("claims by report",))
    assert snapshots.load(store).made(("search index", False))  # and search's facets
    assert not keeper.step()  # nothing changed: nothing built
    _add(store, tmp_path, "second", SECOND)
    changed = snapshots.store_state(store)
    assert not snapshots.holds(store, changed)
    assert not keeper.step()  # just changed: wait for it to go quiet
    clock.now += 6
    _add(store, tmp_path, "third", THIRD)  # changed again within the wait: the wait starts over
    latest = snapshots.store_state(store)
    assert latest != changed
    assert not keeper.step()
    clock.now += 6
    assert not keeper.step() and not snapshots.holds(store, latest)
    clock.now += 5
    assert keeper.step()
    assert snapshots.holds(store, latest)
    assert len(snapshots.load(store).picture.reports) == 3
    assert snapshots.load(store).made(("searchable",))


def test_a_missing_store_is_waited_for_and_a_broken_one_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert not Preloader(tmp_path / "none.db").step()
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all, " * 100)
    keeper = Preloader(broken, poll=0.01)
    with caplog.at_level(logging.WARNING, logger="ringscope.serve"):
        keeper.start()
        for _ in range(500):
            if caplog.records:
                break
            threading.Event().wait(0.01)
        threading.Event().wait(0.2)  # many more steps, the same problem
        keeper.stop()
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and str(broken) in said[0] and "\n" not in said[0]


def test_the_app_preloads_while_it_runs_unless_told_not_to(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    _add(store, tmp_path, "first", FIRST)
    _add(store, tmp_path, "second", SECOND)
    state = snapshots.store_state(store)
    assert create_app(store, preload=False).state.preloader is None
    with TestClient(create_app(store)) as client:
        for _ in range(1200):
            if snapshots.holds(store, state):
                break
            threading.Event().wait(0.05)
        assert snapshots.holds(store, state), "the picture was not built in the background"
        assert client.get("/health").status_code == 200
