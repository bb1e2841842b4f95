"""Steps run with the cyclic collector paused: it runs again after the last of overlapping steps,
stays off when it was off, and an ingest's update and decision run inside the pause."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

import ringscope.privacy.incremental as incremental
from ringscope.collector import paused
from ringscope.ingest import ingest_paths
from ringscope.store import Store


def test_the_collector_is_paused_inside_and_runs_again_after() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the outer step still runs"
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_steps_in_threads_share_one_pause() -> None:
    inside, release = threading.Event(), threading.Event()

    def step() -> None:
        with paused():
            inside.set()
            release.wait(10)

    other = threading.Thread(target=step)
    other.start()
    assert inside.wait(10)
    with paused():
        pass
    assert not gc.isenabled(), "the other step still runs: the collector stays paused"
    release.set()
    other.join(10)
    assert gc.isenabled()


def test_an_error_inside_restores_the_collector() -> None:
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError("step failed")
    assert gc.isenabled()


def test_an_ingest_updates_the_picture_with_the_collector_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    decide = incremental._decide

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return decide(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "_decide", watched)
    (tmp_path / "a.txt").write_text("Police in Lake Orvane rescued 40 invented workers on Monday.")
    with Store(tmp_path / "s.db") as store:
        assert ingest_paths(store, [tmp_path / "a.txt"]).ingested == 1
    assert seen == [False]
    assert gc.isenabled()


def test_what_a_keeping_step_made_is_frozen_when_the_last_step_ends() -> None:
    gc.unfreeze()  # what earlier tests froze, and may free meanwhile, is not counted
    before = gc.get_freeze_count()
    with paused():
        with paused(freeze=True):
            made = [[n] for n in range(500)]
        assert gc.get_freeze_count() == before, "frozen only once no step runs"
    assert gc.get_freeze_count() >= before + len(made)
    gc.unfreeze()
    before = gc.get_freeze_count()
    with paused():
        [[n] for n in range(500)]
    assert gc.get_freeze_count() == before, "a step that keeps nothing freezes nothing"
