"""Building a snapshot pauses the cyclic collector and freezes what it made; builds in several
threads share the pause, and the collector runs again after the last."""

from __future__ import annotations

import gc
import threading

from ringscope.report.heap import long_lived


def test_the_collector_pauses_while_building_and_what_was_made_is_frozen() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with long_lived():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)
    gc.unfreeze()


def test_builds_in_threads_share_one_pause() -> None:
    inside, release = threading.Event(), threading.Event()

    def build() -> None:
        with long_lived():
            inside.set()
            release.wait(10)

    other = threading.Thread(target=build)
    other.start()
    assert inside.wait(10)
    with long_lived():
        assert not gc.isenabled()
    assert not gc.isenabled(), "the other build still runs: the collector stays paused"
    release.set()
    other.join(10)
    assert gc.isenabled()
    gc.unfreeze()


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
