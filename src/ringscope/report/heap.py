"""Building a large picture without the cyclic collector walking it again and again.

A snapshot of a large store holds millions of small objects made in one go. While they are made,
every full collection of the cyclic garbage collector walks all of them (and all made before), so
the collections, not the decoding, came to half the time of building a snapshot of 100,000 reports.
What is made for a snapshot lives as long as it does, so the collector is paused while it is made
and the objects are then frozen (left out of later collections; freed as usual when no longer
referred to). Builds in several threads at once share one pause: the collector runs again when the
last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_building = 0
_was_enabled = True


@contextmanager
def long_lived() -> Iterator[None]:
    """Pause cyclic collection while the block makes objects that stay; freeze them after it."""
    global _building, _was_enabled
    with _lock:
        if _building == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _building += 1
    try:
        yield
    finally:
        with _lock:
            _building -= 1
            if _building == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()
