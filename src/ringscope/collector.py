"""Steps that make many objects and few cycles, run with the cyclic collector paused.

An update of a large store holds dicts of every report's stamp, scope and source while it makes
many small objects; each full collection that set off walks all of that again, so the collections
grew with the archive (at 103,000 reports about 0.5 s of CPU per update, against 0.2 s at 11,000).
A snapshot of a large store is millions of small objects made in one go, walked again by every
full collection while they are made. The collector is paused while such a step runs and runs again
after it, if it ran before; what a step makes to keep (``freeze=True``) is frozen then: left out of
later collections, freed as usual when no longer referred to. Steps in several threads at once
share one pause: the collector runs again (and freezes, if one of them asked) when the last ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0
_was_enabled = True
_freeze = False


@contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause cyclic collection while the block runs; ``freeze``: what it made stays, freeze it after."""
    global _running, _was_enabled, _freeze
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
        _freeze = _freeze or freeze
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                if _freeze:
                    gc.freeze()
                    _freeze = False
                if _was_enabled:
                    gc.enable()
